"""A JSON Schema of the configuration, made from the rule registry.

``post_lint/schemas/config.schema.json`` describes ``[tool.post-lint]`` (and
the top level of ``.post-lint.toml``): every key, every rule's table under
its code and its name, with ``severity`` and the rule's own options, typed
from their defaults. Editors that read JSON Schemas for TOML (Taplo / Even
Better TOML) complete and check the keys with it. ``python -m post_lint.docs``
writes it; a test fails when it is stale.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PATH = Path(__file__).resolve().parent / "schemas" / "config.schema.json"
SCHEMA_ID = "https://example.invalid/post-lint/config.schema.json"

_SELECTORS = {
    "type": "array",
    "items": {"type": "string"},
    "description": "codes (DUP001), prefixes (DUP), rule names or ALL",
}
_GLOBS = {"type": "array", "items": {"type": "string"}, "description": "globs"}


def _type_of(default: Any) -> dict[str, Any]:
    if isinstance(default, bool):
        return {"type": "boolean"}
    if isinstance(default, int):
        return {"type": "integer"}
    if isinstance(default, float):
        return {"type": "number"}
    if isinstance(default, str):
        return {"type": "string"}
    if isinstance(default, Mapping):
        return {"type": "object"}
    if isinstance(default, (list, tuple)):
        items = _type_of(default[0]) if default else {}
        return {"type": "array", "items": items} if items else {"type": "array"}
    return {}


def rule_table(rule, description: str | None = None) -> dict[str, Any]:
    """The table of a rule, or of a family (``[rules.DUP]``: the options its
    rules share; ``description`` says so)."""
    from .diagnostics import SEVERITIES

    default = getattr(rule, "severity", None)
    props: dict[str, Any] = {
        "severity": {
            "enum": list(SEVERITIES),
            "description": f"severity of {rule.code}"
            + (f" (default: {default})" if default else " (every rule of the family)"),
        }
    }
    for name, default in rule.options.items():
        prop = _type_of(default)
        allowed = rule.choices.get(name)
        if allowed:
            prop = {"enum": list(allowed)}
        if name in rule.path_options and isinstance(default, Mapping):
            prop = {"type": "object", "additionalProperties": {"type": "string"}}
        elif name in rule.path_options:
            prop = {"type": "string"}
        prop["description"] = f"default: {json.dumps(default, ensure_ascii=False)}"
        props[name.replace("_", "-")] = prop
    return {
        "type": "object",
        "description": description or f"{rule.code} {rule.name}: {rule.summary}",
        "properties": props,
        "additionalProperties": False,
    }


def schema() -> dict[str, Any]:
    from .config import DEFAULT_MAX_FILE_SIZE
    from .rules import FAMILIES, REGISTRY

    rules: dict[str, Any] = {}
    for code, fam in sorted(FAMILIES.items()):
        rules[code] = rule_table(fam, f"the {code} family: the options its rules share")
    for r in sorted(REGISTRY, key=lambda r: r.code):
        table = rule_table(r)
        rules[r.code] = table
        rules[r.name] = table
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "post-lint configuration ([tool.post-lint] or .post-lint.toml)",
        "type": "object",
        "properties": {
            "select": _SELECTORS,
            "extend-select": _SELECTORS,
            "ignore": _SELECTORS,
            "extend-ignore": _SELECTORS,
            "exclude": _GLOBS,
            "extend-exclude": _GLOBS,
            "max-file-size": {
                "type": "integer",
                "minimum": 1,
                "description": f"bytes (default: {DEFAULT_MAX_FILE_SIZE})",
            },
            "baseline": {
                "type": "string",
                "description": "baseline file, relative to this config's folder",
            },
            "per-file-ignores": {
                "type": "object",
                "additionalProperties": _SELECTORS,
                "description": "glob (relative to this config's folder) = codes",
            },
            "rules": {
                "type": "object",
                "properties": rules,
                "additionalProperties": False,
                "description": "one table per rule, by code or name",
            },
        },
        "additionalProperties": False,
    }


def render() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def is_current() -> bool:
    return PATH.is_file() and PATH.read_text(encoding="utf-8") == render()


def write() -> bool:
    """Write the schema; True when it changed."""
    if is_current():
        return False
    PATH.write_text(render(), encoding="utf-8", newline="\n")
    return True
