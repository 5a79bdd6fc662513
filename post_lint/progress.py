"""Progress on stderr for long runs on a terminal.

Shown only when stderr is a terminal (not ``TERM=dumb``, not Emacs), not with
``--quiet``, and only once a run has taken more than a second, so short runs
and pipes (pre-commit, CI, editors) never see it. It is one line,
``post-lint: 1,234/4,650 files``, redrawn at most ten times a second and
erased when the run ends, before the report is printed.
"""

from __future__ import annotations

import os
import time

#: Seconds before the first progress line.
DELAY = 1.0
#: Seconds between redraws.
INTERVAL = 0.1


class Progress:
    def __init__(self, stream, total: int, enabled: bool) -> None:
        self.stream = stream
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    @classmethod
    def start(cls, stream, total: int, *, enabled: bool = True) -> Progress:
        return cls(stream, total, enabled and total > 1 and is_terminal(stream))

    def update(self, _result=None) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY or now - self.last < INTERVAL:
            return
        self.last = now
        self.shown = True
        self.stream.write(f"\r\x1b[Kpost-lint: {self.done:,}/{self.total:,} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def is_terminal(stream) -> bool:
    """A terminal that can redraw a line."""
    if os.environ.get("TERM") == "dumb" or "INSIDE_EMACS" in os.environ:
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
