"""Helpers shared by the output formats: paths, display-safe text."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from pathlib import PurePath, PurePosixPath

from ..diagnostics import Diagnostic

#: Characters that reorder or hide text on a terminal ("Trojan Source"):
#: bidirectional embeddings, overrides and isolates.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe_for_terminal(text: str, keep_tabs: bool = False) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``).

    A post is hostile input: a message quoting it must not move the cursor,
    recolour the terminal or reverse the line it is printed on.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\t" and keep_tabs:
            out.append(ch)
        elif ch in _BIDI_CONTROLS:
            out.append(f"\\u{ord(ch):04x}")
        elif unicodedata.category(ch) == "Cc":
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def one_line(message: str) -> str:
    """A message on one line: line breaks become spaces."""
    return " ".join(message.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def relative_posix(path: str, root: str | None = None) -> str:
    """``path`` relative to ``root`` (default: the working directory) when it
    lies under it, with forward slashes: CI systems and SARIF viewers want
    repository-relative paths. Other paths keep their form, with forward
    slashes."""
    if path == "-":
        return path
    if root or os.path.isabs(path):
        try:
            rel = os.path.relpath(os.path.abspath(path), root or os.curdir)
        except ValueError:  # another drive on Windows
            return PurePath(path).as_posix()
        if rel != ".." and not rel.startswith(".." + os.sep):
            path = rel
    return PurePosixPath(PurePath(path).as_posix()).as_posix()


def ordered_paths(diagnostics: Sequence[Diagnostic], paths: Sequence[str] | None) -> list[str]:
    """Every path to report on: the checked ones (when known) and the ones with
    findings, each once, sorted."""
    seen = set(paths or ())
    seen.update(d.path for d in diagnostics)
    return sorted(seen)
