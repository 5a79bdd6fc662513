"""Front-matter values in messages and in the file: how a value is described
in plain words, and where a key, its value or a nested value stands."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...lazyre import lazy
from ...post import FrontMatter, KeyInfo, Post
from ...text import shorten


def describe(value: Any) -> str:
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


def key_range(post: Post, key: str, info: KeyInfo) -> tuple[int, int, int, int]:
    """The key itself, quotes included, on its line."""
    text = post.lines.line(info.line)[info.column - 1 :]
    length = len(key)
    if text[:1] in ("'", '"') and text[1 : 1 + len(key)] == key:
        length += 2
    elif not text.startswith(key):
        length = max(1, min(len(key), len(text)))
    return info.line, info.column, info.line, info.column + length


def value_range(info: KeyInfo) -> tuple[int, int, int, int]:
    if (info.value_end_line, info.value_end_column) <= (info.value_line, info.value_column):
        return info.value_line, info.value_column, info.value_line, info.value_column
    return info.value_line, info.value_column, info.value_end_line, info.value_end_column


def find_key(fm: FrontMatter, wanted: str) -> str | None:
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


# -- where a nested value stands ---------------------------------------------------

_CHILD = lazy(r"^([ \t]*)(?:(-)(?:[ \t]+|$))?(?:([\"']?)([^\"':#\n]{1,200})\3[ \t]*:(?:[ \t]|$))?")


class Locator:
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
            return value_range(info)
        names, items = self._scan(key, info)
        step = path[1]
        if isinstance(step, str) and step in names:
            n, col, end = names[step]
            return n, col, n, end
        if isinstance(step, int) and 0 <= step < len(items):
            n, col, end = items[step]
            return n, col, n, end
        return value_range(info)
