"""Output formats. Each format is a module with ``write(diagnostics, stream, options)``;
modules are imported only when chosen.

=============  ==============================================================
``text``       ``path:line:col: CODE message`` (``--show-source`` adds context)
``json``       a JSON array of diagnostics (the shape in README.md, Output)
``json-lines`` one JSON object per line, same shape
``github``     GitHub Actions workflow commands (annotations on the diff)
``gitlab``     GitLab Code Quality (Code Climate JSON)
``sarif``      SARIF 2.1.0 (GitHub code scanning, VS Code SARIF viewer, ...)
``junit``      JUnit XML, one test case per file
=============  ==============================================================
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic
from ..records import dataclass

#: format name -> module under post_lint.output
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "json-lines": "json_lines",
    "github": "github",
    "gitlab": "gitlab",
    "sarif": "sarif",
    "junit": "junit",
}


@dataclass(frozen=True)
class OutputOptions:
    show_source: bool = False
    color: bool = False
    #: Source text per path, for --show-source.
    sources: dict[str, str] | None = None
    #: Every path that was checked, with or without findings (JUnit lists the
    #: clean ones as passing test cases). None: only the paths with findings.
    paths: Sequence[str] | None = None
    #: text: ``path:line:col: CODE [severity] message`` (``--show-severity``).
    show_severity: bool = False


def write(
    fmt: str,
    diagnostics: Sequence[Diagnostic],
    stream: IO[str],
    options: OutputOptions | None = None,
) -> None:
    module = importlib.import_module(f"{__name__}.{FORMATS[fmt]}")
    module.write(diagnostics, stream, options or OutputOptions())
