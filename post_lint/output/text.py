"""``path:line:col: CODE message``, the GNU form editors and CI read."""

from __future__ import annotations

from typing import IO, Sequence

from ..diagnostics import Diagnostic


def one_line(message: str) -> str:
    return " ".join(message.split("\n"))


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    for d in diagnostics:
        stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} {one_line(d.message)}\n")
