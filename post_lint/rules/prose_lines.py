"""Line views of a post for the rules that scan raw lines (GEN003, GEN004,
GEN006): which lines a reader reads as text, with code masked.

:func:`masked_lines` gives, for every line of the file, its text with inline
code spans and HTML comments replaced by spaces of the same length (so
columns stay right), or ``None`` for lines that are never prose: fenced and
indented code, and (unless asked for) block quotes, tables and HTML blocks.
It is computed once per post and kind of view.
"""

from __future__ import annotations

import weakref
from itertools import compress, repeat
from operator import contains
from typing import Any

from ..lazyre import lazy, texts_matching
from ..post import Post

_BACKTICKS = lazy(r"`+")

#: Per post: each view by (quotes, front_matter, html), and the text lines
#: they are made of by ("text", first line).
_CACHE: weakref.WeakKeyDictionary[Post, dict[tuple, list[str | None]]] = weakref.WeakKeyDictionary()


def _blank_span(text: str, start: int, end: int) -> str:
    piece = text[start:end]
    return "".join("\n" if c == "\n" else " " for c in piece)


def _mask_comments(text: str) -> str:
    """HTML comments blanked (linear: one search for each close)."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        end = len(text) if end < 0 else end + 3
        out.append(text[pos:start])
        out.append(_blank_span(text, start, end))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _mask_code_spans(line: str) -> str:
    """Inline code spans of one line blanked: a run of N backticks opens a
    span that the next run of exactly N backticks closes (CommonMark)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    next_of_length: dict[int, list[int]] = {}
    for i in range(len(runs) - 1, -1, -1):
        next_of_length.setdefault(runs[i][1] - runs[i][0], []).append(i)
    chars = list(line)
    i = 0
    while i < len(runs):
        start, end = runs[i]
        width = end - start
        candidates = next_of_length.get(width, [])
        while candidates and candidates[-1] <= i:
            candidates.pop()
        if not candidates:
            i += 1
            continue
        j = candidates.pop()
        for k in range(start, runs[j][1]):
            chars[k] = " "
        i = j + 1
    return "".join(chars)


def _text_lines(post: Post, first: int) -> list[str | None]:
    """Every line from ``first`` on with inline code and HTML comments
    blanked (the views of one post share these strings), None before it."""
    index = post.lines
    n = index.line_count
    out: list[str | None] = [None] * (n + 1)  # 1-based; out[0] unused
    if first > n:
        return out
    start = index.line_start(first)
    text = post.text[start:]
    if "<!--" in text:
        text = _mask_comments(text)
    lines = text.split("\n")[: n - first + 1]
    out[first : first + len(lines)] = lines
    if "`" in text:
        for i in compress(range(len(lines)), map(contains, lines, repeat("`"))):
            out[first + i] = _mask_code_spans(lines[i])
    return out


def _compute(
    post: Post, quotes: bool, front_matter: bool, html: bool, views: dict
) -> list[str | None]:
    first = 1 if front_matter else max(post.body_line, 1)
    # The body's lines read the same from line 1 unless an HTML comment opens
    # before the body (it would blank the body's start): then from the body.
    start = first
    if (
        1 < first <= post.lines.line_count
        and "<!--" not in post.text[: post.lines.line_start(first)]
    ):
        start = 1
    if ("text", start) not in views:
        views["text", start] = _text_lines(post, start)
    out = views["text", start].copy()
    n = len(out) - 1
    if start < first:
        out[start : min(first, n + 1)] = [None] * (min(first, n + 1) - start)
    skip = set(post.code_lines)
    for b in post.blocks:
        if b.kind == "table" or (b.kind == "html" and not html) or (not quotes and b.in_quote):
            skip.update(range(b.start_line, b.end_line + 1))
    for lineno in skip:
        if 0 < lineno <= n:
            out[lineno] = None
    return out


def masked_lines(
    post: Post, *, quotes: bool = False, front_matter: bool = False, html: bool = False
) -> list[str | None]:
    """Index ``i`` holds line ``i`` (1-based) with inline code and HTML
    comments blanked, or None where the line is code, a table, front matter
    (unless ``front_matter``), quoted (unless ``quotes``) or an HTML block
    (unless ``html``)."""
    key = (quotes, front_matter, html)
    try:
        cached = _CACHE.setdefault(post, {})
    except TypeError:  # not weak-referenceable
        return _compute(post, *key, {})
    if key not in cached:
        cached[key] = _compute(post, *key, cached)
    return cached[key]


def lines_matching(lines: list[str | None], finder: Any, first: int = 1) -> list[int]:
    """The numbers, in order, of the lines of a :func:`masked_lines` view
    from ``first`` on that are not None and in which ``finder`` (a compiled
    pattern) finds a match: one search over them all instead of one per
    line. For patterns that match within a line, match no empty text and
    anchor on neither end (see :func:`~post_lint.lazyre.texts_matching`)."""
    texts = ["" if line is None else line for line in lines[first:]]
    return sorted(first + i for i in texts_matching(finder, texts))
