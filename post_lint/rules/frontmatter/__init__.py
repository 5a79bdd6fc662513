"""FM: the front-matter rules (FM001-FM007) and what they share, one job per
module:

- :mod:`.rules`: the rules themselves (what each reports, docs, options);
- :mod:`.schema`: reading JSON Schema files, the keys they declare, which
  schemas apply to a path, schema errors in plain words;
- :mod:`.quick`: a quick validator for the built-in schema's subset of JSON
  Schema, so valid front matter never imports jsonschema;
- :mod:`.dates`: dates as generators write them, and file-name dates;
- :mod:`.keys`: keys that are text, and the typo engine ("did you mean");
- :mod:`.values`: values described in words, and where they stand in a file.

``_load_schema`` and ``_quick_valid`` keep the names the property tests have
always imported them by.
"""

from __future__ import annotations

from .dates import WrittenDate, parse_written_date
from .quick import quick_valid as _quick_valid
from .rules import RULES
from .schema import BUILTIN_SCHEMA
from .schema import load_schema as _load_schema

__all__ = [
    "RULES",
    "parse_written_date",
    "WrittenDate",
    "BUILTIN_SCHEMA",
    "_load_schema",
    "_quick_valid",
]
