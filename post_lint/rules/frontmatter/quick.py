"""A quick validator for the small subset of JSON Schema the built-in schema
uses: it proves common front matter valid without importing jsonschema."""

from __future__ import annotations

import re
from typing import Any

#: JSON Schema keywords :func:`quick_valid` decides exactly; any other
#: keyword (except annotations) makes it defer to jsonschema.
_QUICK_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "$defs", "examples", "default"}
)
_QUICK_TYPES: dict[str, Any] = {
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


def quick_valid(schema: Any, value: Any, depth: int = 0) -> bool | None:
    """Whether ``value`` is valid against ``schema`` for the small subset of
    JSON Schema the built-in schema uses; None when it cannot tell.

    Only a True answer is acted on (the jsonschema run is skipped); False and
    None both go to jsonschema, which gives the messages. A test checks on
    random front matter that True is never wrong.
    """
    if schema is True or schema == {}:
        return True
    if schema is False:
        return False
    if not isinstance(schema, dict) or depth > 32:
        return None
    verdict: bool | None = True
    for key, sub in schema.items():
        if key in _QUICK_ANNOTATIONS or key in ("then", "else"):
            continue
        if key == "type":
            names = sub if isinstance(sub, list) else [sub]
            if any(n not in _QUICK_TYPES for n in names):
                return None
            ok: bool | None = any(_QUICK_TYPES[n](value) for n in names)
        elif key == "enum":
            ok = (
                any(value == e and type(value) is type(e) for e in sub)
                if isinstance(sub, list)
                else None
            )
            if ok is False and any(value == e for e in sub):
                ok = None  # 1 == 1.0 and friends: let jsonschema decide
        elif key == "minLength":
            ok = len(value) >= sub if isinstance(value, str) else True
        elif key == "maxItems":
            ok = len(value) <= sub if isinstance(value, list) else True
        elif key == "exclusiveMinimum":
            number = _QUICK_TYPES["number"](value)
            ok = value > sub if number else True
        elif key == "pattern":
            if not isinstance(value, str):
                ok = True
            else:
                try:
                    ok = re.search(sub, value) is not None
                except re.error:
                    ok = None
        elif key == "required":
            ok = all(k in value for k in sub) if isinstance(value, dict) else True
        elif key == "properties":
            if not isinstance(value, dict):
                ok = True
            else:
                ok = True
                for name, prop in sub.items():
                    if name in value:
                        r = quick_valid(prop, value[name], depth + 1)
                        if r is not True:
                            ok = r
                            break
        elif key == "items":
            if not isinstance(value, list) or isinstance(sub, list):
                ok = True if not isinstance(value, list) else None
            else:
                ok = True
                for item in value:
                    r = quick_valid(sub, item, depth + 1)
                    if r is not True:
                        ok = r
                        break
        elif key in ("allOf", "anyOf", "oneOf"):
            results = [quick_valid(s, value, depth + 1) for s in sub]
            if None in results:
                return None
            if key == "allOf":
                ok = all(results)
            elif key == "anyOf":
                ok = any(results)
            else:
                ok = results.count(True) == 1
        elif key == "if":
            cond = quick_valid(sub, value, depth + 1)
            if cond is None:
                return None
            branch = schema.get("then" if cond else "else", True)
            ok = quick_valid(branch, value, depth + 1)
        else:
            return None  # a keyword this does not know ($ref included)
        if ok is None:
            return None
        if not ok:
            verdict = False
    return verdict
