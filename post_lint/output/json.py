"""A JSON array of diagnostics in the shape README.md's Output section fixes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    json.dump([d.to_dict() for d in diagnostics], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
