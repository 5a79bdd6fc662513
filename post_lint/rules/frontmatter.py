"""FM: the front matter, which decides whether, where and under what title a
post is published.

Every rule reads the front matter that :mod:`post_lint.post` parsed once (with
a safe loader, bounded alias expansion and depth); none re-parses it. Each
diagnostic points at the offending key or value, not at line 1.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import ConfigError
from ..post import FrontMatter, KeyInfo, Post
from ..text import shorten
from .base import Options, Rule, rule

BUILTIN_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "post.schema.json"

#: Most FM003 diagnostics reported for one post (a hostile list of 100,000
#: bad items must not flood the output); the rest are summed up in one line.
MAX_SCHEMA_DIAGNOSTICS = 100
#: Most schema errors read from the validator for one post and schema.
MAX_SCHEMA_ERRORS_READ = 1000


# --------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------


def _path_parts(path: str) -> list[str]:
    return [p for p in re.split(r"[\\/]+", path) if p and p != "."]


def _describe(value: Any) -> str:
    """A value in plain words: 'empty', 'the number 2024', "the string 'no'"."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return "an empty string" if not value else f"the string {shorten(value)!r}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (dt.date, dt.time)):
        return f"the date/time {value.isoformat()}"
    return f"a {type(value).__name__}"


def _key_range(post: Post, key: str, info: KeyInfo) -> tuple[int, int, int, int]:
    """The key itself, quotes included, on its line."""
    text = post.lines.line(info.line)[info.column - 1 :]
    length = len(key)
    if text[:1] in ("'", '"') and text[1 : 1 + len(key)] == key:
        length += 2
    elif not text.startswith(key):
        length = max(1, min(len(key), len(text)))
    return info.line, info.column, info.line, info.column + length


def _value_range(info: KeyInfo) -> tuple[int, int, int, int]:
    if (info.value_end_line, info.value_end_column) <= (info.value_line, info.value_column):
        return info.value_line, info.value_column, info.value_line, info.value_column
    return info.value_line, info.value_column, info.value_end_line, info.value_end_column


def _find_key(fm: FrontMatter, wanted: str) -> str | None:
    """The key of ``fm`` spelled ``wanted``, or in another case (Hugo reads
    keys case-insensitively)."""
    data = fm.data or {}
    if wanted in data:
        return wanted
    lowered = wanted.lower()
    for key in data:
        if isinstance(key, str) and key.lower() == lowered:
            return key
    return None


# --------------------------------------------------------------------------
# FM001 missing-front-matter
# --------------------------------------------------------------------------

#: Names that are documentation, not posts, wherever they stand.
_NOT_POSTS = re.compile(
    r"(?i)(?:readme|changelog|changes|history|license|licence|contributing|"
    r"code_of_conduct|security|authors|todo|_index)(?:\.[a-z0-9]+)*"
)


def _in_posts_folder(path: str, posts_dirs: Iterable[str]) -> bool:
    parts = _path_parts(path)
    if len(parts) < 2:
        return False
    folders = parts[:-1]
    for entry in posts_dirs:
        direct = entry.rstrip("/").endswith("/*")
        want = _path_parts(entry.rstrip("/").removesuffix("/*"))
        if not want:
            continue
        n = len(want)
        last_start = len(folders) - n
        starts = [last_start] if direct else range(last_start + 1)
        if any(folders[i : i + n] == want for i in starts if i >= 0):
            return True
    return False


@rule(
    "FM001",
    "missing-front-matter",
    "a post in a posts folder has no front matter",
    options={
        "posts_dirs": ["_posts", "_drafts", "content", "src/content", "posts", "articles/*"],
    },
    severity="error",
)
def missing_front_matter(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a Markdown file in a posts folder that has no front matter:
    no ``---`` (YAML), ``+++`` (TOML) or JSON object on line 1.

    A file counts as a post when one of its folders is named in
    ``posts-dirs`` (matched on whole path segments, at any depth, so
    ``site/_posts/2024/x.md`` is in ``_posts``). Other Markdown files (a
    README, docs) are not posts and stay silent, as do ``README``,
    ``CHANGELOG``, ``LICENSE`` and the like inside posts folders, and Hugo
    ``_index.md`` section pages (for which Hugo does not need front matter).

    **Why:** Jekyll copies a file in ``_posts`` that lacks front matter
    verbatim instead of publishing it as a post; Hugo and Zenn publish a
    page with no title or date. A front matter that starts on line 3 (after a
    blank line, say) is not front matter at all.

    **Example:** ``_posts/2024-01-31-hello.md`` starting with ``# Hello``
    reports ``_posts/2024-01-31-hello.md:1:1: FM001 post has no front
    matter: ...``.

    **Options:**

    - ``posts-dirs`` (list of folder paths; default ``["_posts", "_drafts",
      "content", "src/content", "posts", "articles/*"]``): a file is a post
      when the folders above it contain an entry's segments in a row, at any
      depth (``src/content`` matches ``site/src/content/blog/a.md``; it is
      listed for Astro, though ``content`` already covers it). An entry
      ending in ``/*`` counts only files directly inside that folder: Zenn's
      ``articles/*`` keeps quiet the test files an article keeps in
      ``articles/<slug>/``.
    """
    fm = post.front_matter
    if fm is not None or post.read_error is not None or post.refused_size is not None:
        return
    if not post.path or post.path == "-":
        return
    parts = _path_parts(post.path)
    if not parts or _NOT_POSTS.fullmatch(parts[-1]):
        return
    if not _in_posts_folder(post.path, options["posts_dirs"]):
        return
    index = post.lines
    late = None
    for n in range(1, min(index.line_count, 12) + 1):
        line = index.line(n)
        if line.strip() in ("---", "+++"):
            late = (n, line.strip())
            break
        if line.strip():
            break
    if late is not None and late[0] > 1:
        n, mark = late
        yield Diagnostic(
            "FM001",
            n,
            1,
            f"front matter must start on line 1, but its '{mark}' is on line {n}; "
            "remove what comes before it",
            n,
            len(mark) + 1,
        )
        return
    if not post.text.strip():
        message = "post is empty: it has no front matter (and no text)"
    else:
        message = (
            "post has no front matter: Jekyll and Hugo expect '---' (YAML) or '+++' (TOML) "
            "on line 1, with at least a title"
        )
    yield Diagnostic("FM001", 1, 1, message)


# --------------------------------------------------------------------------
# FM002 front-matter-syntax
# --------------------------------------------------------------------------


@rule(
    "FM002",
    "front-matter-syntax",
    "the front matter does not parse",
    severity="error",
)
def front_matter_syntax(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports front matter that does not parse as YAML, TOML or JSON, or
    that is not a mapping of keys to values, at the line and column the
    parser blames, with its message in plain words. Also reported: an
    opening ``---``/``+++`` that is never closed, a YAML tag that would run
    code (``!!python/object``: it is refused, never executed), aliases that
    expand past 100,000 values (a "billion laughs" bomb), nesting deeper than
    100 levels, and front matter over 256 KiB.

    When the front matter is closed but does not parse, the body rules
    still run on the body after it; an opening delimiter that is never
    closed makes the whole file front matter, as far as they are concerned.

    **Why:** Jekyll and Hugo either fail the build or, worse, publish the
    post with no metadata at all: no title, no date, no draft flag. The most
    common cause is an unquoted value containing ``: ``.

    **Example:** ``title: Vim: a love story`` reports
    ``post.md:2:11: FM002 invalid YAML: mapping values are not allowed in
    this context (a value contains ': '; quote the whole value)``.

    **Options:** none.
    """
    fm = post.front_matter
    if fm is None or fm.error is None:
        return
    err = fm.error
    message = err.message
    if "could not determine a constructor for the tag" in message:
        message += " (only plain YAML is read: a tag like !!python/object would run code)"
    elif fm.format == "yaml" and "tab" not in message:
        blamed = post.lines.line(err.line)
        if "\t" in blamed[: len(blamed) - len(blamed.lstrip(" \t"))]:
            message += " (line starts with a tab: YAML forbids tabs for indentation)"
    elif fm.format == "toml" and "Illegal character '\\n'" in message:
        message += " (a quoted string is not closed on its line?)"
    yield Diagnostic("FM002", max(err.line, 1), max(err.column, 1), message)


# --------------------------------------------------------------------------
# Schemas (FM003, FM005)
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Schema:
    """A compiled JSON Schema and the top-level keys it declares."""

    label: str
    #: Builds the jsonschema validator on first use (importing jsonschema
    #: costs ~0.1 s of a one-file run: the built-in schema avoids it for
    #: front matter that :func:`_quick_valid` proves valid).
    make_validator: Any
    known: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    known_lower: frozenset[str] = frozenset()
    #: Declared keys whose schema says something (not just ``true``): the
    #: keys a near miss is worth pointing at even without a schema of yours.
    constrained: frozenset[str] = frozenset()

    #: The schema itself with local $refs inlined when that is possible, for
    #: :func:`_quick_valid`; None when only jsonschema may judge it.
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
def _load_schema(path: str) -> _Schema:
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

    return _Schema(
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


#: JSON Schema keywords :func:`_quick_valid` decides exactly; any other
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


def _quick_valid(schema: Any, value: Any, depth: int = 0) -> bool | None:
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
                        r = _quick_valid(prop, value[name], depth + 1)
                        if r is not True:
                            ok = r
                            break
        elif key == "items":
            if not isinstance(value, list) or isinstance(sub, list):
                ok = True if not isinstance(value, list) else None
            else:
                ok = True
                for item in value:
                    r = _quick_valid(sub, item, depth + 1)
                    if r is not True:
                        ok = r
                        break
        elif key in ("allOf", "anyOf", "oneOf"):
            results = [_quick_valid(s, value, depth + 1) for s in sub]
            if None in results:
                return None
            if key == "allOf":
                ok = all(results)
            elif key == "anyOf":
                ok = any(results)
            else:
                ok = results.count(True) == 1
        elif key == "if":
            cond = _quick_valid(sub, value, depth + 1)
            if cond is None:
                return None
            branch = schema.get("then" if cond else "else", True)
            ok = _quick_valid(branch, value, depth + 1)
        else:
            return None  # a keyword this does not know ($ref included)
        if ok is None:
            return None
        if not ok:
            verdict = False
    return verdict


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


def _schemas_for(post: Post, options: Options) -> tuple[list[_Schema], bool]:
    """The schemas that apply to ``post`` and whether the user chose them.

    ``schemas`` (glob -> file, first match wins) beats ``schema``; either
    replaces the built-in schema unless ``extend-builtin`` is set.
    """
    from ..config import glob_match

    chosen = ""
    table = options.get("schemas") or {}
    if table and post.path and post.path != "-":
        parts = _path_parts(post.path)
        tails = ["/".join(parts[i:]) for i in range(len(parts))]
        for pattern, target in table.items():
            if any(glob_match(pattern, tail) for tail in tails):
                chosen = str(target)
                break
    if not chosen:
        chosen = options.get("schema") or ""
    if not chosen:
        return [_load_schema(str(BUILTIN_SCHEMA))], False
    if not isinstance(chosen, str):
        raise ConfigError(f"schema must be a path to a file, got {chosen!r}")
    loaded = [_load_schema(chosen)]
    if options.get("extend_builtin"):
        loaded.insert(0, _load_schema(str(BUILTIN_SCHEMA)))
    return loaded, True


def _json_ready(value: Any, active: set[int] | None = None) -> Any:
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
            return {str(k): _json_ready(v, active) for k, v in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [_json_ready(v, active) for v in value]
        return str(value)
    finally:
        active.discard(id(value))


# -- where a nested value stands ---------------------------------------------------

_CHILD = re.compile(
    r"^([ \t]*)(?:(-)(?:[ \t]+|$))?(?:([\"']?)([^\"':#\n]{1,200})\3[ \t]*:(?:[ \t]|$))?"
)


class _Locator:
    """Positions of values inside the front matter, for schema errors.

    A top-level key's position comes from the parser; one level below it
    (``image.feature``, ``tags[2]``) is found by scanning that key's lines
    once, for block-style YAML. Anything deeper, or in flow style, falls back
    to the nearest known position.
    """

    def __init__(self, post: Post, fm: FrontMatter) -> None:
        self.post = post
        self.fm = fm
        self._children: dict[
            str, tuple[dict[str, tuple[int, int, int]], list[tuple[int, int, int]]]
        ] = {}

    def _scan(self, key: str, info: KeyInfo) -> tuple[dict[str, tuple[int, int, int]], list]:
        cached = self._children.get(key)
        if cached is not None:
            return cached
        names: dict[str, tuple[int, int, int]] = {}
        items: list[tuple[int, int, int]] = []
        lines = self.post.lines
        indent: str | None = None
        first = info.value_line
        last = max(first, info.value_end_line)
        if self.fm.format == "yaml" and info.value_style is None:
            for n in range(first, last + 1):
                text = lines.line(n)
                stripped = text.lstrip(" \t")
                if not stripped or stripped.startswith("#"):
                    continue
                m = _CHILD.match(text)
                if m is None:
                    continue
                if indent is None:
                    indent = m.group(1)
                if m.group(1) != indent:
                    continue
                col = len(indent) + 1
                if m.group(2):
                    items.append((n, col, len(text) + 1))
                elif m.group(4):
                    name = m.group(4).strip()
                    names.setdefault(name, (n, m.start(3) + 1, m.end(4) + len(m.group(3)) + 1))
        self._children[key] = (names, items)
        return names, items

    def __call__(self, path: list[Any]) -> tuple[int, int, int, int]:
        fm = self.fm
        start = (fm.start_line, 1, fm.start_line, 1)
        if not path:
            return start
        key = str(path[0])
        info = fm.keys.get(key)
        if info is None:
            return start
        if len(path) == 1:
            return _value_range(info)
        names, items = self._scan(key, info)
        step = path[1]
        if isinstance(step, str) and step in names:
            n, col, end = names[step]
            return n, col, n, end
        if isinstance(step, int) and 0 <= step < len(items):
            n, col, end = items[step]
            return n, col, n, end
        return _value_range(info)


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


def _schema_message(error: Any, original: Any) -> str:
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
        message = f"{label} is {_describe(value)}; expected {_expected_types(arg)}"
        if path == ["title"] and value is None:
            message = "'title' is empty; give the post a title"
        return message
    if kind == "minLength" and arg == 1:
        return f"{label} is an empty string"
    if kind == "pattern" and arg == "\\S":
        return f"{label} is an empty string" if value == "" else f"{label} is blank"
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in arg[:8]) + (", …" if len(arg) > 8 else "")
        return f"{label} is {_describe(value)}; expected one of {allowed}"
    if kind == "const":
        return f"{label} is {_describe(value)}; expected {arg!r}"
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
        return f"{label} is {_describe(value)}; expected a number {words} {arg}"
    if kind in ("maxLength", "minLength"):
        bound = "at most" if kind == "maxLength" else "at least"
        return f"{label} is {len(value) if isinstance(value, str) else '?'} characters; {bound} {arg} allowed"
    if kind == "additionalProperties":
        extra = re.findall(r"'([^']*)'", error.message.split("(")[-1])
        names = ", ".join(f"'{e}'" for e in extra) or "a key"
        return f"{label} has {names}, which the schema does not allow"
    if kind in ("anyOf", "oneOf"):
        return f"{label} is {_describe(value)}, which matches none of the forms the schema allows"
    return f"{label}: {shorten(error.message, 120)}"


#: A lone plain scalar (optionally a block list item) that YAML 1.1 reads as a boolean.
_YAML11_BOOL = re.compile(r"[ \t]*(?:-[ \t]+)?(y|yes|n|no|on|off|true|false)[ \t]*(?:#.*)?", re.I)


@rule(
    "FM003",
    "schema-violation",
    "the front matter does not match the schema",
    options={"schema": "", "schemas": {}, "extend_builtin": False},
    severity="error",
    path_options=("schema", "schemas"),
)
def schema_violation(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Validates the front matter against a JSON Schema and reports every
    violation (not only the first) at the offending key or value.

    The built-in schema (``post_lint/schemas/post.schema.json``) is strict
    where a mistake changes what gets published and lenient where real
    generators differ:

    - ``title`` is required and must be a non-empty string. A number
      (``title: 2024``) is accepted: Jekyll and Hugo print it as text.
    - ``tags``, ``categories``, ``keywords``, ``topics``, ``aliases``... are a
      string or a list of strings (numbers such as ``2024`` or ``3.0`` are
      accepted as terms); empty (``tags:``) is accepted.
    - ``draft``, ``published``, ``hidden``, ``headless`` are booleans:
      ``published: "false"`` is a string, and Jekyll publishes the post.
      (``toc`` and ``comments`` may also be a mapping, as some Hugo themes
      want.) A title or tag that YAML reads as a boolean (``title: No``,
      ``tags: [yes]``) is reported with a hint to quote it.
    - ``reading_time`` and its aliases (``readingTime``, ``read_time``,
      ``readtime``...) are a positive number or a string such as ``"8 min"``.
    - Zenn articles (front matter with ``emoji`` and ``topics``): ``type`` is
      ``tech`` or ``idea``, at most five ``topics``, ``published`` a boolean.

    Dates are converted to ISO strings before validation and are left to
    FM004. Keys the schema does not know are left to FM005 (a top-level
    ``additionalProperties`` failure is not repeated here).

    **Why:** front-matter mistakes fail silently: Jekyll and Hugo publish a
    post with a wrong flag or a missing title without a word.

    **Example:** ``draft: "no"`` on line 4 reports ``post.md:4:8: FM003
    'draft' is the string 'no'; expected true or false``.

    **Options:**

    - ``schema`` (path, default ``""``: the built-in schema): a JSON (or
      YAML) Schema file, resolved relative to the config file. It replaces
      the built-in schema.
    - ``schemas`` (table of glob = path, default empty): a schema per path,
      first matching glob wins, e.g. ``"_posts/**" = "schemas/post.json"``
      and ``"content/docs/**" = "schemas/doc.json"``. Globs are matched
      against the path and each of its trailing parts, so ``_posts/**`` also
      matches ``site/_posts/2024-01-31-a.md``. Files no glob matches use
      ``schema`` (or the built-in one).
    - ``extend-builtin`` (default false): apply the built-in schema as well as
      yours, so your schema only adds rules (for example ``required:
      ["tags"]``).

    FM005 (unknown-key) uses these three options too, unless its own table
    sets them: one schema checks values and unknown keys alike.

    A schema file that is missing, unreadable or not a valid JSON Schema
    stops the run with a configuration error (exit status 2). ``$ref`` may
    point inside the schema file (``#/$defs/...``) but not to other files.
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or fm.data is None:
        return
    schemas, _user_chosen = _schemas_for(post, options)
    data = _json_ready(fm.data)
    found: dict[tuple[Any, ...], Diagnostic] = {}
    locate = _Locator(post, fm)
    capped = False
    for schema in schemas:
        if schema.quick is not None and _quick_valid(schema.quick, data) is True:
            continue
        try:
            errors = list(islice(schema.validator.iter_errors(data), MAX_SCHEMA_ERRORS_READ))
        except Exception as exc:  # an unresolvable $ref, a broken format checker
            if type(exc).__module__.startswith(("referencing", "jsonschema")):
                raise ConfigError(f"{schema.label}: {exc}") from None
            raise
        capped = capped or len(errors) >= MAX_SCHEMA_ERRORS_READ
        for error in errors:
            path = list(error.absolute_path)
            if error.validator == "additionalProperties" and not path:
                continue  # FM005 reports unknown top-level keys
            message = _schema_message(error, fm.data)
            line, col, end_line, end_col = locate(path)
            if error.validator == "type" and isinstance(error.instance, bool):
                written = post.lines.line(line)[col - 1 : end_col - 1 if end_line == line else None]
                word = _YAML11_BOOL.fullmatch(written)
                if word and word.group(1).lower() not in ("true", "false"):
                    message += f" (YAML reads {word.group(1)!r} as a boolean: quote it)"
            key = (line, col, message)
            if key not in found:
                found[key] = Diagnostic("FM003", line, col, message, end_line, end_col)
    ordered = sorted(found.values(), key=lambda d: (d.line, d.column, d.message))
    yield from ordered[:MAX_SCHEMA_DIAGNOSTICS]
    if len(ordered) > MAX_SCHEMA_DIAGNOSTICS:
        last = ordered[MAX_SCHEMA_DIAGNOSTICS]
        more = len(ordered) - MAX_SCHEMA_DIAGNOSTICS
        yield Diagnostic(
            "FM003",
            last.line,
            last.column,
            f"... and {more}{'+' if capped else ''} more schema violations (not listed)",
        )


# --------------------------------------------------------------------------
# FM004 invalid-date, FM007 filename-date-mismatch
# --------------------------------------------------------------------------

_MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+"
_TIME = (
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"(?:[ \t]*(?P<ampm>[ap]\.?m\.?))?"
)
_ZONE = r"(?:[ \t]*(?P<tz>z|utc|gmt|[+-]\d{1,2}(?::?\d{2})?))?(?:[ \t]+(?P<abbr>[a-z]{2,5}))?"
#: 2024-01-31, 2024/1/31, with an optional time (T or spaces), fraction and
#: zone (Z, +09:00, +0900, -07 MST), as Jekyll's Time.parse and Hugo read them.
_ISO = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:t|[ \t]{1,4})" + _TIME + r")?" + _ZONE,
    re.I,
)
#: January 31, 2024 / Jan 31 2024 / Wed, 31 Jan 2024 15:04:05 -0700 (RFC 1123).
_NAMED_MDY = re.compile(
    r"(?:" + _WEEKDAYS + r")?(?P<mon>[a-z]{3,9})\.?[ \t]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+"
    r"(?P<y>\d{4})(?:,?[ \t]+(?:at[ \t]+)?" + _TIME + r")?" + _ZONE,
    re.I,
)
_NAMED_DMY = re.compile(
    r"(?:" + _WEEKDAYS + r")?(?P<d>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?P<mon>[a-z]{3,9})\.?,?[ \t]+"
    r"(?P<y>\d{4})(?:,?[ \t]+" + _TIME + r")?" + _ZONE,
    re.I,
)
#: Eleventy's special date values.
_ELEVENTY_DATES = frozenset({"Last Modified", "Created", "git Last Modified", "git Created"})


@dataclass(frozen=True)
class WrittenDate:
    """A date as written: its calendar day in its own offset."""

    day: dt.date
    has_time: bool
    #: Whether an offset or zone was written (Z, +09:00, UTC, MST).
    has_offset: bool = False


def parse_written_date(text: str) -> WrittenDate | str:
    """Parse a date the way Jekyll or Hugo would accept it.

    Returns the date, or a reason in plain words when it is not one.
    """
    s = text.strip()
    if len(s) > 80:
        return "is too long to be a date"
    if s in _ELEVENTY_DATES:
        return WrittenDate(dt.date.today(), False)
    m = _ISO.fullmatch(s) or _NAMED_MDY.fullmatch(s) or _NAMED_DMY.fullmatch(s)
    if m is None:
        return "is not a date Jekyll or Hugo can read"
    groups = m.groupdict()
    year, day = int(groups["y"]), int(groups["d"])
    if groups.get("mon"):
        word = groups["mon"].lower()
        month = next((i + 1 for i, name in enumerate(_MONTHS) if name.startswith(word)), 0)
        if not month:
            return f"has an unknown month name {groups['mon']!r}"
    else:
        month = int(groups["m"])
    if not 1 <= month <= 12:
        return f"is not a real date: there is no month {month}"
    if year < 1:
        return "is not a real date: there is no year 0"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"is not a real date: {_MONTHS[month - 1].title()} {year} has {days} days"
            if day > 0
            else "is not a real date: there is no day 0"
        )
    if groups.get("H") is not None:
        hour, minute = int(groups["H"]), int(groups["M"])
        second = int(groups["S"] or 0)
        if groups.get("ampm"):
            if not 1 <= hour <= 12:
                return f"is not a real time: hour {hour} with {groups['ampm']}"
        elif hour > 23:
            return f"is not a real time: there is no hour {hour}"
        if minute > 59:
            return f"is not a real time: there is no minute {minute}"
        if second > 60:
            return f"is not a real time: there is no second {second}"
    tz = groups.get("tz")
    if tz and tz[0] in "+-":
        digits = tz[1:].replace(":", "")
        hours = int(digits[:2]) if len(digits) >= 2 else int(digits)
        minutes = int(digits[2:4]) if len(digits) >= 4 else 0
        if hours > 23 or minutes > 59:
            return f"has an impossible time-zone offset {tz}"
    return WrittenDate(
        dt.date(year, month, day),
        groups.get("H") is not None,
        bool(tz or groups.get("abbr")),
    )


def _normalized_key(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


_JEKYLL_FOLDERS = {"_posts", "_drafts"}


@rule(
    "FM004",
    "invalid-date",
    "a date in the front matter is not a real date",
    options={
        "date_keys": [
            "date",
            "lastmod",
            "last_modified_at",
            "last_modified",
            "modified",
            "updated",
            "updated_at",
            "updatedDate",
            "publishDate",
            "published_at",
            "pubDate",
            "expiryDate",
            "created",
            "created_at",
        ],
        "extend_date_keys": [],
    },
    severity="error",
)
def invalid_date(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a date key (``date``, ``lastmod``, ``updated``,
    ``expiryDate``...) whose value is not a real date, at the value.

    Accepted, as Jekyll and Hugo accept them: ``2025-09-24``,
    ``2025-09-24 08:50:55 +0000`` (which YAML leaves as a string),
    ``2025-09-24T08:50:55+09:00``, ``...Z``, fractional seconds, one-digit
    hours (``5:00:00``), hours and minutes only (Zenn's ``2050-06-12
    09:03``), ``2024/01/31``, ``January 31, 2024``, RFC 1123 (``Wed, 31 Jan
    2024 15:04:05 -0700``), Go's ``-0700 MST`` form, and Eleventy's ``Last
    Modified``/``Created``/``git Last Modified``/``git Created``. Reported:
    impossible dates (``2023-13-45``, ``2023-02-30``, hour 25), words
    (``yesterday``), numbers (``date: 2024``), booleans, lists and mappings.
    An empty value (``lastmod:``) means "not set" and is accepted, except an
    empty ``date`` in ``_posts``/``_drafts``: Jekyll stops the build on it.

    Keys are matched without regard to case, ``_`` or ``-`` (Hugo reads
    ``expiryDate`` and ``expirydate`` alike).

    **Why:** Jekyll stops the build on a date it cannot parse; Hugo stops or
    silently dates the post 0001-01-01, which sorts it last and may hide it.

    **Example:** ``date: 2023-13-45`` on line 3 reports ``post.md:3:7: FM004
    'date' is '2023-13-45', which is not a real date: there is no month 13``.

    **Options:**

    - ``date-keys`` (list of key names): the keys holding dates; the default
      covers Jekyll, Hugo, Astro, Eleventy and Zenn (``date``, ``lastmod``,
      ``last_modified_at``, ``last_modified``, ``modified``, ``updated``,
      ``updated_at``, ``updatedDate``, ``publishDate``, ``published_at``,
      ``pubDate``, ``expiryDate``, ``created``, ``created_at``).
    - ``extend-date-keys`` (list, default empty): more keys, on top of
      ``date-keys``.
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    wanted = {_normalized_key(k) for k in [*options["date_keys"], *options["extend_date_keys"]]}
    jekyll = bool(_JEKYLL_FOLDERS.intersection(_path_parts(post.path)[:-1]))
    for key, value in fm.data.items():
        if not isinstance(key, str) or _normalized_key(key) not in wanted:
            continue
        info = fm.keys.get(key)
        if info is None:
            continue
        problem = _date_problem(key, value, jekyll)
        if problem is None:
            continue
        line, col, end_line, end_col = _value_range(info)
        if value is None:
            line, col, end_line, end_col = _key_range(post, key, info)
        yield Diagnostic("FM004", line, col, problem, end_line, end_col)


def _date_problem(key: str, value: Any, jekyll: bool) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        if key == "date" and jekyll:
            return "'date' is empty: Jekyll stops the build on an empty date; remove the line or set it"
        return None
    if isinstance(value, str):
        parsed = parse_written_date(value)
        if isinstance(parsed, WrittenDate):
            return None
        return f"'{key}' is {shorten(value.strip())!r}, which {parsed}"
    if isinstance(value, bool):
        return f"'{key}' is {str(value).lower()}, not a date"
    if isinstance(value, (int, float)):
        return f"'{key}' is the number {value}, not a date (write it as e.g. 2024-01-31)"
    if isinstance(value, dt.time):
        return f"'{key}' is a time of day without a date"
    return f"'{key}' is {_describe(value)}, not a date"


_FILENAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})-[^/\\]+")


def _filename_date(path: str) -> tuple[dt.date, str] | None:
    parts = _path_parts(path)
    if not parts:
        return None
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    if stem in ("index", "_index") and len(parts) >= 2:
        stem = parts[-2]  # a Hugo page bundle: the folder carries the name
    m = _FILENAME_DATE.fullmatch(stem)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(0)[:10]
    except ValueError:
        return None


@rule(
    "FM007",
    "filename-date-mismatch",
    "the date in the file name and the front-matter date differ",
    options={"tolerance_days": 0},
)
def filename_date_mismatch(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a ``YYYY-MM-DD-slug.md`` post (or a Hugo bundle
    ``YYYY-MM-DD-slug/index.md``) whose front-matter ``date`` falls on
    another day.

    The day is compared as written, in the date's own offset:
    ``2024-01-31T23:30:00-05:00`` is 31 January even though it is already
    1 February in UTC. A date without an offset is taken as written too. A
    date that is not a date is FM004's business and is skipped here.

    **Why:** Jekyll takes the front-matter date over the file name's, so the
    post's URL, its place in the feed and its "published on" line silently
    disagree with the file name; usually one of them was not updated when
    the post was rescheduled.

    **Example:** ``_posts/2024-01-31-hello.md`` with ``date: 2024-02-03``
    reports ``_posts/2024-01-31-hello.md:3:7: FM007 'date' is 2024-02-03
    but the file name says 2024-01-31``.

    **Options:**

    - ``tolerance-days`` (default 0): accept a difference of up to this many
      days (1 allows for a file named by local date and a date written in
      UTC).
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    named = _filename_date(post.path)
    if named is None:
        return
    key = _find_key(fm, "date")
    if key is None:
        return
    value = fm.data[key]
    has_offset = False
    if isinstance(value, dt.datetime):
        day = value.date()
        has_offset = value.tzinfo is not None
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        parsed = parse_written_date(value)
        if not isinstance(parsed, WrittenDate) or value.strip() in _ELEVENTY_DATES:
            return
        day = parsed.day
        has_offset = parsed.has_offset
    else:
        return
    file_day, file_text = named
    if abs((day - file_day).days) <= max(options["tolerance_days"], 0):
        return
    info = fm.keys.get(key)
    if info is None:
        return
    line, col, end_line, end_col = _value_range(info)
    written = post.lines.line(line)[col - 1 : end_col - 1] if end_line == line else ""
    shown = written.strip().strip("'\"") or (
        value.strip() if isinstance(value, str) else value.isoformat()
    )
    note = " (compared in the date's own offset)" if has_offset else ""
    yield Diagnostic(
        "FM007",
        line,
        col,
        f"'{key}' is {shorten(shown)} but the file name says {file_text}{note}",
        end_line,
        end_col,
    )


# --------------------------------------------------------------------------
# FM005 unknown-key
# --------------------------------------------------------------------------

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}[\s/>]|</?[A-Za-z]{1,20}$")
_SENTENCE_MARK = re.compile(r"[、。，．！？]|[,.;!?][ \t]")
#: Keys longer than this (characters) are text, not keys.
_LONG_KEY = 60


def _looks_like_prose(key: str) -> bool:
    """A key that is really a line of text: HTML, sentence punctuation, four
    or more words, or very long."""
    return bool(
        _HTML_TAG.search(key)
        or _SENTENCE_MARK.search(key)
        or len(key.split()) >= 4
        or len(key) > _LONG_KEY
    )


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance, giving up above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _is_typo_of(key: str, known: str) -> bool:
    """Whether ``key`` is a plausible misspelling of ``known``: one inserted,
    dropped or swapped letter (``tittle``, ``tgas``), or, in words of eight
    letters or more, one wrong letter inside the word (``catagories``) or
    two slips."""
    if key == known or len(known) < 4:
        return False
    distance = _edit_distance(key.lower(), known.lower())
    if distance == 0:
        return False
    if distance == 1:
        if len(key) != len(known):
            return True  # a letter inserted or dropped
        diff = [i for i, (x, y) in enumerate(zip(key.lower(), known.lower())) if x != y]
        if len(diff) == 2:
            return True  # neighbours swapped
        # One wrong letter: a typo inside a long word (catagories); another
        # word when short (height/weight) or at either end (publisher).
        return len(known) >= 8 and 0 < diff[0] < len(known) - 1
    return distance == 2 and len(known) >= 9


@lru_cache(maxsize=16)
def _typo_index(candidates: frozenset[str]) -> dict[int, list[tuple[str, frozenset[str]]]]:
    """Candidate keys by length, with their letters, for quick rejection."""
    index: dict[int, list[tuple[str, frozenset[str]]]] = {}
    for known in sorted(candidates):
        if len(known) >= 4:
            index.setdefault(len(known), []).append((known, frozenset(known.lower())))
    return index


def _suggestion(key: str, candidates: frozenset[str]) -> str | None:
    """The known key ``key`` is most plausibly a misspelling of, if any."""
    if not 2 <= len(key) <= 64:
        return None
    index = _typo_index(candidates)
    letters = set(key.lower())
    best: tuple[int, str] | None = None
    for length in range(len(key) - 2, len(key) + 3):
        for known, known_letters in index.get(length, ()):
            if len(letters ^ known_letters) > 4:
                continue  # two edits change at most four distinct letters
            if _is_typo_of(key, known):
                distance = _edit_distance(key.lower(), known.lower())
                if best is None or distance < best[0]:
                    best = (distance, known)
    return best[1] if best else None


@rule(
    "FM005",
    "unknown-key",
    "a front-matter key the schema does not know",
    options={
        "schema": "",
        "schemas": {},
        "extend_builtin": False,
        "strict": False,
        "allowed_keys": [],
        "ignore_case": False,
    },
    path_options=("schema", "schemas"),
    inherits={"schema": "FM003", "schemas": "FM003", "extend_builtin": "FM003"},
)
def unknown_key(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports top-level front-matter keys the schema does not know, with a
    "did you mean" for near misses (``tittle``, ``tgas``, ``catagories``).

    What counts as unknown depends on what the rule knows about the site:

    - **Default (no schema of your own):** the built-in schema cannot know a
      site's custom keys (``juliasections``, ``twitterImage``...), so only two
      kinds of key are reported, both nearly always mistakes: a misspelling
      of a key whose value the built-in schema checks (``title``, ``date``,
      ``tags``, ``draft``...: one letter inserted, dropped or swapped, or one
      wrong letter inside a long word; ``height`` is not taken for
      ``weight``, nor ``publisher`` for ``published``), and a key that is
      really a line of text: HTML (``<p>``), sentence punctuation, four or
      more words or over 60 characters. The second catches the unindented
      second paragraph of a multi-line ``excerpt:`` that YAML turned into a
      top-level key named ``<p>In the movies, ...``; the excerpt silently
      lost that paragraph.
    - **With a schema** (``schema``/``schemas`` set here) **or**
      ``strict = true``: every key not declared by the schema's
      ``properties`` or ``patternProperties`` (followed through ``allOf``,
      ``anyOf``, ``oneOf``, ``then``, ``else`` and local ``$ref``) and not in
      ``allowed-keys``.

    In the default mode keys with colons (``cSpell:ignore``) and other
    custom keys stay quiet. Keys of nested mappings (``image.feature``) are
    never reported here; a schema's nested ``additionalProperties`` is FM003's.

    **Why:** a misspelt key is ignored without a word (``tittle:`` leaves the
    post untitled), and a paragraph that became a key is text lost from the
    page.

    **Example:** ``tittle: Hello`` reports ``post.md:2:1: FM005 unknown key
    'tittle' (did you mean 'title'?)``.

    **Options:**

    - ``schema``, ``schemas``, ``extend-builtin``: as for FM003, and taken
      from FM003's table (``[rules.schema-violation]``) unless set here, so
      one schema drives both rules.
    - ``strict`` (default false): report every key the schema does not
      declare, even with the built-in schema.
    - ``allowed-keys`` (list, default empty): keys to accept in any mode.
    - ``ignore-case`` (default false): accept a key that differs from a known
      one only in case (Hugo reads keys case-insensitively).
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    schemas, user_chosen = _schemas_for(post, options)
    strict = bool(options["strict"]) or user_chosen
    allowed = set(options["allowed_keys"])
    ignore_case = bool(options["ignore_case"])
    known = frozenset(allowed).union(*(schema.known for schema in schemas))
    targets = known if strict else frozenset().union(*(s.constrained for s in schemas))
    ordered = sorted(fm.keys.items(), key=lambda item: (item[1].line, item[1].column))
    for index, (key, info) in enumerate(ordered):
        if key in allowed:
            continue
        if any(s.knows(key, ignore_case) for s in schemas):
            continue
        if not strict and any(s.knows(key, True) for s in schemas):
            continue  # Title, Tags: a matter of case, left to strict mode
        line, col, end_line, end_col = _key_range(post, key, info)
        if _looks_like_prose(key):
            previous = next(
                (
                    item
                    for item in reversed(ordered[max(0, index - 50) : index])
                    if item[1].line < info.line
                ),
                None,
            )
            hint = ""
            if previous is not None:
                prev_key, prev_info = previous
                hint = (
                    f"; is it a continuation of '{shorten(prev_key, 30)}' (line {prev_info.line})"
                    " that lost its indentation? Indent it or quote the value"
                )
            yield Diagnostic(
                "FM005",
                line,
                col,
                f"key {shorten(key)!r} looks like text, not a key{hint}",
                end_line,
                end_col,
            )
            continue
        suggestion = _suggestion(key, targets)
        if not strict and suggestion is None:
            continue
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        where = schemas[-1].label
        yield Diagnostic(
            "FM005",
            line,
            col,
            f"unknown key {shorten(key)!r}{hint}"
            + ("" if suggestion else f": {where} does not declare it"),
            end_line,
            end_col,
        )


# --------------------------------------------------------------------------
# FM006 duplicate-key
# --------------------------------------------------------------------------


@rule("FM006", "duplicate-key", "a front-matter key appears twice", severity="error")
def duplicate_key(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a top-level front-matter key given more than once, at the
    later occurrence, naming the line of the first.

    **Why:** common YAML loaders (Jekyll's Psych, PyYAML) keep the last
    value without a word, so the first is lost (stricter ones, like Go's
    yaml.v3, refuse the whole file instead): a real post lost its
    ``categories`` this way when a second, empty ``categories:`` was added
    further down. (A repeated key in TOML does not parse at all: FM002.)

    **Example:** ``categories: [go]`` on line 4 and ``categories:`` on line 9
    report ``post.md:9:1: FM006 key 'categories' is repeated (first on line
    4); only this later value is used``.

    **Options:** none.
    """
    fm = post.front_matter
    if fm is None:
        return
    for key, first, later in fm.duplicate_keys:
        line, col, end_line, end_col = _key_range(post, key, later)
        yield Diagnostic(
            "FM006",
            line,
            col,
            f"key {shorten(key)!r} is repeated (first on line {first.line}); "
            "only this later value is used",
            end_line,
            end_col,
        )


RULES: tuple[Rule, ...] = (
    missing_front_matter,
    front_matter_syntax,
    schema_violation,
    invalid_date,
    unknown_key,
    duplicate_key,
    filename_date_mismatch,
)

__all__ = ["RULES", "parse_written_date", "WrittenDate", "BUILTIN_SCHEMA"]
