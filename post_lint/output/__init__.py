"""Output formats. Each format is a module with ``write(results, stream, options)``;
modules are imported only when chosen."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import IO, Sequence

from ..diagnostics import Diagnostic

#: format name -> module under post_lint.output
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
}


@dataclass(frozen=True)
class OutputOptions:
    show_source: bool = False
    color: bool = False
    #: Source text per path, for --show-source.
    sources: dict[str, str] | None = None


def write(
    fmt: str, diagnostics: Sequence[Diagnostic], stream: IO[str], options: OutputOptions | None = None
) -> None:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    module.write(diagnostics, stream, options or OutputOptions())
