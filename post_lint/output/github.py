"""GitHub Actions workflow commands: each finding becomes an annotation on the
pull request's diff::

    ::warning file=posts/a.md,line=12,col=1,endLine=12,endColumn=41,title=post-lint (DUP001)::paragraph repeats the one at line 4

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--output-format`` is
given. Paths are made relative to ``GITHUB_WORKSPACE`` (the repository root)
when it is set, so annotations land on the right file even when post-lint runs
in a subfolder. Escaping follows the Actions toolkit (``@actions/core``): in the message
``%``, CR and LF are percent-encoded; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic
from .common import relative_posix

#: post-lint severity -> workflow command
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The toolkit's ``escapeData``: for the message after ``::``."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The toolkit's ``escapeProperty``: for ``key=value`` properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic) -> str:
    properties = (
        ("file", relative_posix(d.path, os.environ.get("GITHUB_WORKSPACE"))),
        ("line", str(d.line)),
        ("col", str(d.column)),
        ("endLine", str(d.end_line)),
        ("endColumn", str(d.end_column)),
        ("title", f"post-lint ({d.code})"),
    )
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMANDS.get(d.severity, 'warning')} {props}::{escape_data(d.message)}"


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    for d in diagnostics:
        stream.write(command(d) + "\n")
