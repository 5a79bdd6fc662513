"""One JSON object per line (JSON Lines), each in the shape of ``--output-format
json``: easy to stream, grep and feed to ``jq -c``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO

from ..diagnostics import Diagnostic


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    for d in diagnostics:
        stream.write(json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":")))
        stream.write("\n")
