"""SARIF 2.1.0, the format GitHub code scanning, Azure DevOps and the VS Code
SARIF viewer read.

One run; ``tool.driver.rules`` lists every registered rule (code, name,
summary, documentation, default level) and each result points at its rule by
``ruleId`` and ``ruleIndex``, with a region whose columns count Unicode code
points (``columnKind: unicodeCodePoints``), the end column one past the last
character, as in post-lint's own output. Fixes are included as SARIF ``fixes``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from typing import IO, Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, Fix
from .common import relative_posix

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: post-lint severity -> SARIF level
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_location(path: str) -> dict[str, Any]:
    rel = relative_posix(path)
    if os.path.isabs(rel):
        from pathlib import Path

        return {"uri": Path(rel).as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())


def rule_descriptor(rule) -> dict[str, Any]:
    from .. import rule_help_uri

    doc = rule.doc
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "helpUri": rule_help_uri(rule.code),
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {
            "level": LEVELS.get(rule.severity, "warning"),
            "enabled": rule.default_enabled,
        },
        "properties": {"tags": [rule.family], "fixable": rule.fixable},
    }
    if doc:
        descriptor["fullDescription"] = {"text": _first_paragraph(doc)}
        descriptor["help"] = {"text": doc, "markdown": doc}
    return descriptor


def _region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    """A text region; a position out of range (a rule's bug) is clamped so the
    log stays valid: code scanning rejects a whole upload for one bad region."""
    line, column = max(line, 1), max(column, 1)
    end_line = max(end_line, line)
    end_column = max(end_column, column if end_line == line else 1)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def sarif_fix(d: Diagnostic, fix: Fix) -> dict[str, Any]:
    return {
        "description": {"text": fix.message or f"{fix.applicability} fix for {d.code}"},
        "artifactChanges": [
            {
                "artifactLocation": artifact_location(d.path),
                "replacements": [
                    {
                        "deletedRegion": _region(e.line, e.column, e.end_line, e.end_column),
                        "insertedContent": {"text": e.content},
                    }
                    for e in fix.edits
                ],
            }
        ],
        "properties": {"applicability": fix.applicability},
    }


def result(d: Diagnostic, rule_index: dict[str, int]) -> dict[str, Any]:
    res: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": rule_index[d.code],
        "level": LEVELS.get(d.severity, "warning"),
        "message": {"text": d.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(d.path),
                    "region": _region(d.line, d.column, d.end_line, d.end_column),
                }
            }
        ],
    }
    if d.fix is not None and d.fix.edits:
        res["fixes"] = [sarif_fix(d, d.fix)]
    if d.extra and d.extra.get("fingerprint"):
        # Line-free identity (see post_lint.baseline): code scanning keeps
        # tracking a finding when lines above it move.
        res["partialFingerprints"] = {"postLintFinding/v1": d.extra["fingerprint"]}
    return res


def log(diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    from .. import __url__, __version__
    from ..rules import REGISTRY

    rules = sorted(REGISTRY, key=lambda r: r.code)
    descriptors = [rule_descriptor(r) for r in rules]
    rule_index = {r.code: i for i, r in enumerate(rules)}
    for d in diagnostics:  # a code the registry does not know still gets a descriptor
        if d.code not in rule_index:
            rule_index[d.code] = len(descriptors)
            descriptors.append({"id": d.code, "name": d.name or d.code})
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "post-lint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": __url__,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [result(d, rule_index) for d in diagnostics],
            }
        ],
    }


def write(diagnostics: Sequence[Diagnostic], stream: IO[str], options) -> None:
    json.dump(log(diagnostics), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
