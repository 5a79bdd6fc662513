"""A JSON array of diagnostics in the shape DESIGN.md fixes."""

from __future__ import annotations

import json
from typing import IO, Sequence

from ..diagnostics import Diagnostic


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    json.dump([d.to_dict() for d in diagnostics], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
