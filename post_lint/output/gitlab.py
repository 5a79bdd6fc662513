"""GitLab Code Quality: a JSON array of Code Climate issues, for a job's
``artifacts: reports: codequality``. GitLab shows them in merge requests.

Each issue has ``description``, ``check_name`` (the code), ``fingerprint``,
``severity`` (``major``/``minor``/``info`` for error/warning/info) and a
``location`` with the path relative to the repository (``CI_PROJECT_DIR``
inside GitLab CI, else the working directory) and
``positions`` (begin and end line and column).

The fingerprint is what GitLab uses to tell new issues from fixed ones
between two pipelines, so it contains neither the line number nor the
message (messages quote line numbers: "repeats the one at line 4"), so that
an edit above a finding does not make it "new": it hashes the path, the
finding's line-free identity (:func:`post_lint.baseline.fingerprint`: the
code and the text it points at) and, to keep it unique, how many identical
findings precede it in the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from ..baseline import fingerprint_of
from ..diagnostics import Diagnostic
from .common import relative_posix

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
CATEGORIES = {"DUP": "Duplication"}


def fingerprint(path: str, code: str, identity: str, occurrence: int) -> str:
    key = "\x00".join((path, code, identity, str(occurrence)))
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def issues(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str, str]] = Counter()
    out = []
    for d in diagnostics:
        path = relative_posix(d.path, os.environ.get("CI_PROJECT_DIR"))
        identity = fingerprint_of(d)
        key = (path, d.code, identity)
        occurrence = seen[key]
        seen[key] += 1
        out.append(
            {
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.message}",
                "categories": [CATEGORIES.get(d.code.rstrip("0123456789"), "Style")],
                "severity": SEVERITIES.get(d.severity, "minor"),
                "fingerprint": fingerprint(path, d.code, identity, occurrence),
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": d.line, "column": d.column},
                        "end": {"line": d.end_line, "column": d.end_column},
                    },
                },
            }
        )
    return out


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    json.dump(issues(diagnostics), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
