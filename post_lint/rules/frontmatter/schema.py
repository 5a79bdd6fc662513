"""JSON Schemas for front matter: reading a schema file, the keys it
declares, choosing the schemas for a path, and schema errors in plain words.

jsonschema judges; :mod:`.quick` decides the common valid case without it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import ConfigError
from ...globs import match_tail
from ...post import Post
from ...records import dataclass
from ...text import shorten
from ..base import Options
from .values import describe

BUILTIN_SCHEMA = Path(__file__).resolve().parent.parent.parent / "schemas" / "post.schema.json"


@dataclass(frozen=True)
class Schema:
    """A compiled JSON Schema and the top-level keys it declares."""

    label: str
    #: Builds the jsonschema validator on first use (importing jsonschema
    #: costs ~0.1 s of a one-file run: the built-in schema avoids it for
    #: front matter that :func:`quick_valid` proves valid).
    make_validator: Any
    known: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    known_lower: frozenset[str] = frozenset()
    #: Declared keys whose schema says something (not just ``true``): the
    #: keys a near miss is worth pointing at even without a schema of yours.
    constrained: frozenset[str] = frozenset()

    #: The schema itself with local $refs inlined when that is possible, for
    #: :func:`quick_valid`; None when only jsonschema may judge it.
    quick: Any = None

    @property
    def validator(self) -> Any:
        cached = self.__dict__.get("_validator")
        if cached is None:
            cached = self.make_validator()
            object.__setattr__(self, "_validator", cached)
        return cached

    def knows(self, key: str, ignore_case: bool = False) -> bool:
        if key in self.known or any(p.search(key) for p in self.patterns):
            return True
        return ignore_case and key.lower() in self.known_lower


def _read_schema_file(path: str) -> Any:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"schema file not found: {path}") from None
    except IsADirectoryError:
        raise ConfigError(f"schema path is a folder, not a file: {path}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read schema file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"schema file is not valid UTF-8: {path}") from None
    if p.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            return yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"schema file {path} is not valid YAML: {exc}") from None
    import json  # only where a schema file is read (~3 ms at start-up otherwise)

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"schema file {path} is not valid JSON: {exc.msg} (line {exc.lineno}, "
            f"column {exc.colno})"
        ) from None


def _declared_keys(schema: Any, root: Any, seen: set[int] | None = None) -> tuple[set, set]:
    """Top-level property names and patternProperties of a schema, following
    local ``$ref``s and ``allOf``/``anyOf``/``oneOf``/``if``/``then``/``else``."""
    names: set[str] = set()
    patterns: set[str] = set()
    if not isinstance(schema, dict):
        return names, patterns
    seen = seen if seen is not None else set()
    if id(schema) in seen:
        return names, patterns
    seen.add(id(schema))
    props = schema.get("properties")
    if isinstance(props, dict):
        names.update(k for k in props if isinstance(k, str))
    pattern_props = schema.get("patternProperties")
    if isinstance(pattern_props, dict):
        patterns.update(k for k in pattern_props if isinstance(k, str))
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        target: Any = root
        for part in ref[1:].split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part) if isinstance(target, dict) else None
        more = _declared_keys(target, root, seen)
        names |= more[0]
        patterns |= more[1]
    for combinator in ("allOf", "anyOf", "oneOf"):
        subs = schema.get(combinator)
        if isinstance(subs, list):
            for sub in subs:
                more = _declared_keys(sub, root, seen)
                names |= more[0]
                patterns |= more[1]
    for branch in ("then", "else"):
        more = _declared_keys(schema.get(branch), root, seen)
        names |= more[0]
        patterns |= more[1]
    return names, patterns


@lru_cache(maxsize=32)
def load_schema(path: str) -> Schema:
    """Load, check and compile one schema file (cached for the run).

    A user's schema is checked against its metaschema here; the built-in one
    is checked by the test suite instead, and jsonschema is imported for it
    only when some front matter needs its verdict.
    """
    builtin = path == str(BUILTIN_SCHEMA)
    schema = _read_schema_file(path)
    if not isinstance(schema, (dict, bool)):
        raise ConfigError(f"schema file {path} must hold a JSON Schema object")
    if not builtin:
        _validator_class(schema, path=path)  # imports jsonschema and checks the schema now
    names, pattern_texts = _declared_keys(schema, schema)
    patterns = []
    for text in sorted(pattern_texts):
        try:
            patterns.append(re.compile(text))
        except re.error:
            continue  # a pattern Python cannot read still validates in jsonschema
    label = "the built-in schema" if builtin else f"schema {Path(path).name}"
    constrained = _constrained_keys(schema)
    if builtin:
        schema = _inline_local_refs(schema, schema)  # validating is 3x faster without $ref
    compiled = schema

    def make_validator() -> Any:
        return _validator_class(compiled, check=False)(compiled)

    return Schema(
        label,
        make_validator,
        frozenset(names),
        tuple(patterns),
        frozenset(n.lower() for n in names),
        frozenset(constrained),
        quick=compiled if builtin else None,
    )


def _validator_class(schema: Any, check: bool = True, path: str = "") -> Any:
    """The jsonschema validator class for ``schema`` (checked against its
    metaschema unless ``check`` is False)."""
    import jsonschema
    from jsonschema.validators import validator_for

    cls = validator_for(schema, default=jsonschema.Draft202012Validator)
    if check:
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as exc:
            where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
            raise ConfigError(
                f"schema file {path} is not a valid JSON Schema at {where}: {exc.message}"
            ) from None
    return cls


def _constrained_keys(schema: Any) -> set[str]:
    props = schema.get("properties") if isinstance(schema, dict) else None
    if not isinstance(props, dict):
        return set()
    return {k for k, v in props.items() if isinstance(k, str) and v not in (True, {})}


def _inline_local_refs(node: Any, root: Any, depth: int = 0) -> Any:
    """A copy of a (non-recursive) schema with ``{"$ref": "#/..."}`` replaced
    by its target; used for the built-in schema, which is known to be acyclic."""
    if depth > 20:
        return node
    if isinstance(node, list):
        return [_inline_local_refs(v, root, depth + 1) for v in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/") and len(node) == 1:
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part) if isinstance(target, dict) else None
        if target is not None:
            return _inline_local_refs(target, root, depth + 1)
    return {k: _inline_local_refs(v, root, depth + 1) for k, v in node.items()}


def schemas_for(post: Post, options: Options) -> tuple[list[Schema], bool]:
    """The schemas that apply to ``post`` and whether the user chose them.

    ``schemas`` (glob -> file, first match wins) beats ``schema``; either
    replaces the built-in schema unless ``extend-builtin`` is set.
    """
    chosen = ""
    table = options.get("schemas") or {}
    if table and post.path and post.path != "-":
        for pattern, target in table.items():
            if match_tail(pattern, post.path):
                chosen = str(target)
                break
    if not chosen:
        chosen = options.get("schema") or ""
    if not chosen:
        return [load_schema(str(BUILTIN_SCHEMA))], False
    if not isinstance(chosen, str):
        raise ConfigError(f"schema must be a path to a file, got {chosen!r}")
    loaded = [load_schema(chosen)]
    if options.get("extend_builtin"):
        loaded.insert(0, load_schema(str(BUILTIN_SCHEMA)))
    return loaded, True


def json_ready(value: Any, active: set[int] | None = None) -> Any:
    """A JSON-compatible copy of front-matter data: dates and times become ISO
    strings, keys become strings, sets lists, bytes text. Recursive aliases
    (``&a [*a]``) are cut where they loop."""
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    active = active if active is not None else set()
    if id(value) in active:
        return None
    active.add(id(value))
    try:
        if isinstance(value, dict):
            return {str(k): json_ready(v, active) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [json_ready(v, active) for v in value]
        return str(value)
    finally:
        active.discard(id(value))


# -- messages ---------------------------------------------------------------------

_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}


def _expected_types(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    words = [_TYPE_WORDS.get(t, t) for t in types if t != "null"] or ["empty"]
    if len(words) <= 1:
        return words[0] if words else "nothing"
    return ", ".join(words[:-1]) + " or " + words[-1]


def _path_label(path: list[Any]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def schema_message(error: Any, original: Any) -> str:
    """A jsonschema error in plain words, naming the key and the value."""
    path = list(error.absolute_path)
    label = f"'{_path_label(path)}'" if path else "front matter"
    value = original
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            value = error.instance
            break
    kind = error.validator
    arg = error.validator_value
    if kind == "required":
        missing = re.match(r"'(.*)' is a required property", error.message)
        name = missing.group(1) if missing else error.message
        where = f" in '{_path_label(path)}'" if path else ""
        holder = value if isinstance(value, dict) else {}
        other_case = next(
            (k for k in holder if isinstance(k, str) and k.lower() == name.lower()), None
        )
        if other_case is not None:
            return (
                f"missing required key '{name}'{where}: '{other_case}' differs in case "
                "(Hugo reads it, Jekyll does not)"
            )
        return f"missing required key '{name}'{where}"
    if kind == "type":
        message = f"{label} is {describe(value)}; expected {_expected_types(arg)}"
        if path == ["title"] and value is None:
            message = "'title' is empty; give the post a title"
        return message
    if kind == "minLength" and arg == 1:
        return f"{label} is an empty string"
    if kind == "pattern" and arg == "\\S":
        return f"{label} is an empty string" if value == "" else f"{label} is blank"
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in arg[:8]) + (", …" if len(arg) > 8 else "")
        return f"{label} is {describe(value)}; expected one of {allowed}"
    if kind == "const":
        return f"{label} is {describe(value)}; expected {arg!r}"
    if kind in ("maxItems", "minItems"):
        n = len(value) if isinstance(value, (list, tuple)) else "?"
        bound = "at most" if kind == "maxItems" else "at least"
        return f"{label} has {n} items; {bound} {arg} allowed"
    if kind in ("exclusiveMinimum", "minimum", "exclusiveMaximum", "maximum"):
        words = {
            "exclusiveMinimum": "greater than",
            "minimum": "at least",
            "exclusiveMaximum": "less than",
            "maximum": "at most",
        }[kind]
        return f"{label} is {describe(value)}; expected a number {words} {arg}"
    if kind in ("maxLength", "minLength"):
        bound = "at most" if kind == "maxLength" else "at least"
        return f"{label} is {len(value) if isinstance(value, str) else '?'} characters; {bound} {arg} allowed"
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']*)'", error.message.split("(")[-1])
        names = ", ".join(f"'{e}'" for e in extra) or "a key"
        return f"{label} has {names}, which the schema does not allow"
    if kind in ("anyOf", "oneOf"):
        return f"{label} is {describe(value)}, which matches none of the forms the schema allows"
    return f"{label}: {shorten(error.message, 120)}"
