"""``path:line:col: CODE message``, the GNU form editors and CI read.

With ``--show-source`` each finding is followed by the offending line and a
caret range under it::

    posts/a.md:12:5: DUP001 paragraph repeats the one at line 4
       |
    12 | The same words again.
       |     ^^^^^^^^^^^^^^^^^
       |

Carets line up under wide (CJK) characters and tabs. On a terminal (or with
FORCE_COLOR, never with NO_COLOR) the path, code and carets are coloured.
Control characters from the post are shown as escapes, never sent raw.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic
from . import OutputOptions
from .common import one_line, safe_for_terminal

TAB_WIDTH = 4
#: Longest stretch of a source line shown, in terminal cells; longer lines are
#: cut to a window around the finding, marked with an ellipsis.
MAX_SHOWN_CELLS = 120
CONTEXT_BEFORE = 30

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
SEVERITY_COLORS = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;36m"}
GUTTER_COLOR = "\x1b[34m"


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options: OutputOptions) -> None:
    lines_of: dict[str, list[str]] = {}
    for d in diagnostics:
        stream.write(header(d, options.color, options.show_severity) + "\n")
        if options.show_source and options.sources and d.path in options.sources:
            if d.path not in lines_of:
                text = options.sources[d.path].replace("\r\n", "\n").replace("\r", "\n")
                lines_of[d.path] = text.split("\n")
            stream.write(source_excerpt(d, lines_of[d.path], options.color))


def header(d: Diagnostic, color: bool = False, show_severity: bool = False) -> str:
    """``path:line:col: CODE message``; with ``show_severity`` the severity
    goes between the code and the message (``CODE [error] message``), where
    ruff puts its ``[*]``, so parsers of ``CODE (.*)`` keep working."""
    message = safe_for_terminal(one_line(d.message))
    path = safe_for_terminal(d.path)
    if not color:
        severity = f"[{d.severity}] " if show_severity else ""
        return f"{path}:{d.line}:{d.column}: {d.code} {severity}{message}"
    code_color = SEVERITY_COLORS.get(d.severity, BOLD)
    severity = f"{code_color}[{d.severity}]{RESET} " if show_severity else ""
    return (
        f"{BOLD}{path}{RESET}:{d.line}:{d.column}: {code_color}{d.code}{RESET} {severity}{message}"
    )


def cell_width(ch: str) -> int:
    """Terminal cells one character takes (tabs are handled by the caller)."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def render(line: str) -> tuple[list[str], list[int]]:
    """The shown piece of every character (tabs expanded, controls escaped) and,
    for every character position 0..len(line), the terminal cell where it starts."""
    pieces: list[str] = []
    starts: list[int] = []
    cell = 0
    for ch in line:
        starts.append(cell)
        if ch == "\t":
            width = TAB_WIDTH - cell % TAB_WIDTH
            pieces.append(" " * width)
        else:
            piece = safe_for_terminal(ch)
            width = len(piece) if piece != ch else cell_width(ch)
            pieces.append(piece)
        cell += width
    starts.append(cell)
    return pieces, starts


def excerpt_row(line: str, start_col: int, end_col: int) -> tuple[str, int, int]:
    """The line as shown and the caret run under it, as (text, first cell,
    width), for the character columns start_col..end_col (1-based, end
    exclusive). A line wider than MAX_SHOWN_CELLS is cut to a window around
    the run, with an ellipsis where text was cut."""
    pieces, starts = render(line)
    n = len(pieces)
    a = min(max(start_col, 1), n + 1) - 1
    b = min(max(end_col, start_col), n + 1) - 1
    if starts[-1] <= MAX_SHOWN_CELLS:
        return "".join(pieces), starts[a], max(starts[b] - starts[a], 1)
    first = a
    while first > 0 and starts[a] - starts[first - 1] <= CONTEXT_BEFORE:
        first -= 1
    last = first
    while last < n and starts[last + 1] - starts[first] <= MAX_SHOWN_CELLS:
        last += 1
    prefix = "…" if first > 0 else ""
    suffix = "…" if last < n else ""
    text = prefix + "".join(pieces[first:last]) + suffix
    offset = starts[a] - starts[first] + len(prefix)
    end = min(starts[b], starts[last]) - starts[first] + len(prefix)
    return text, offset, max(end - offset, 1)


def source_excerpt(d: Diagnostic, lines: list[str], color: bool = False) -> str:
    """The gutter-and-caret block shown under a finding with --show-source."""
    if not 1 <= d.line <= len(lines):
        return ""
    end_line = d.end_line or d.line
    end_line = min(max(end_line, d.line), len(lines))
    shown_rows: list[tuple[int, int, int]] = []  # (line number, start col, end col)
    if end_line == d.line:
        shown_rows.append((d.line, d.column, d.end_column or d.column))
    else:
        first_len = len(lines[d.line - 1])
        shown_rows.append((d.line, d.column, max(first_len + 1, d.column + 1)))
        last_end = d.end_column or 1
        if last_end > 1:
            shown_rows.append((end_line, 1, last_end))
        elif end_line - 1 > d.line:
            # The range ends at the start of end_line: its last character is
            # the end of the line before.
            prev = end_line - 1
            shown_rows.append((prev, 1, len(lines[prev - 1]) + 1))
    gutter_width = len(str(shown_rows[-1][0]))
    pad = " " * gutter_width
    caret_color = SEVERITY_COLORS.get(d.severity, BOLD) if color else ""
    gutter_color = GUTTER_COLOR if color else ""
    reset = RESET if color else ""
    out = [f"{gutter_color}{pad} |{reset}\n"]
    previous = None
    for number, start_col, end_col in shown_rows:
        if previous is not None and number > previous + 1:
            out.append(f"{gutter_color}{'.' * gutter_width} |{reset}\n")
        previous = number
        text, offset, width = excerpt_row(lines[number - 1], start_col, end_col)
        out.append(f"{gutter_color}{number:>{gutter_width}} |{reset} {text}\n")
        out.append(
            f"{gutter_color}{pad} |{reset} {' ' * offset}{caret_color}{'^' * width}{reset}\n"
        )
    out.append(f"{gutter_color}{pad} |{reset}\n")
    return "".join(out)
