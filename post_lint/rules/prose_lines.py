"""Line views of a post for the rules that scan raw lines (GEN003, GEN004,
GEN006): which lines a reader reads as text, with code masked.

:func:`masked_lines` gives, for every line of the file, its text with inline
code spans and HTML comments replaced by spaces of the same length (so
columns stay right), or ``None`` for lines that are never prose: fenced and
indented code, and (unless asked for) block quotes, tables and HTML blocks.
It is computed once per post and kind of view.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Iterator
from typing import Any

from ..lazyre import lazy, texts_matching
from ..post import Post

_BACKTICKS = lazy(r"`+")

#: Per post: each view by (quotes, front_matter, html), and the masked text
#: they are read from by ("text", first line).
_CACHE: weakref.WeakKeyDictionary[Post, dict[tuple, Any]] = weakref.WeakKeyDictionary()


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


def _mask_code_spans_in(text: str) -> str:
    """``text`` with the code spans of each of its lines blanked (only the
    lines holding a backtick are split off and rebuilt)."""
    pos = 0
    tick = text.find("`")
    if tick < 0:
        return text
    out: list[str] = []
    while tick >= 0:
        start = text.rfind("\n", 0, tick) + 1
        end = text.find("\n", tick)
        if end < 0:
            end = len(text)
        out.append(text[pos:start])
        out.append(_mask_code_spans(text[start:end]))
        pos = end
        tick = text.find("`", end)
    out.append(text[pos:])
    return "".join(out)


class LineView:
    """One view of a post's lines: ``view[i]`` is line ``i`` (1-based) of
    the text with inline code and HTML comments blanked, or None where the
    view hides it; ``len(view)`` is the line count plus one (index 0 is
    always None), as for a list.

    Lines are sliced from one masked text when asked for, so a view costs
    a set of hidden line numbers, not a string per line (a 16 MB post of
    tiny paragraphs has three million lines), and :func:`lines_matching`
    searches it in one pass. Blanking keeps every character's offset, so
    the masked text's lines are the post's lines.
    """

    __slots__ = ("lines", "text", "base", "first", "hidden", "_n")

    def __init__(self, post: Post, text: str, base: int, first: int, hidden: set[int]) -> None:
        # the post's line index, not the post: views are kept in a
        # WeakKeyDictionary keyed by the post, which a reference back to it
        # would keep alive for the whole run
        self.lines = post.lines
        #: The masked text from offset ``base`` of ``post.text`` on.
        self.text = text
        self.base = base
        #: The first line shown.
        self.first = first
        self.hidden = hidden
        self._n = post.lines.line_count

    def __len__(self) -> int:
        return self._n + 1

    def __getitem__(self, i: int) -> str | None:
        if i < 0 or i > self._n:
            raise IndexError(i)
        if i < self.first or i in self.hidden:
            return None
        index = self.lines
        return self.text[index.line_start(i) - self.base : index.line_end(i) - self.base]

    def __iter__(self):
        return (self[i] for i in range(self._n + 1))

    def shown(self, i: int) -> bool:
        return self.first <= i <= self._n and i not in self.hidden


def _masked_text(post: Post, start: int, views: dict) -> tuple[str, int]:
    """The text from line ``start`` on with HTML comments and code spans
    blanked, and its offset in ``post.text`` (shared by the views)."""
    key = ("text", start)
    if key not in views:
        base = post.lines.line_start(start)
        text = post.text[base:] if base else post.text
        if "<!--" in text:
            text = _mask_comments(text)
        views[key] = (_mask_code_spans_in(text), base)
    return views[key]


def _compute(post: Post, quotes: bool, front_matter: bool, html: bool, views: dict) -> LineView:
    n = post.lines.line_count
    first = 1 if front_matter else max(post.body_line, 1)
    if first > n:
        return LineView(post, "", 0, n + 1, set())
    # The body's lines read the same from line 1 unless an HTML comment opens
    # before the body (it would blank the body's start): then from the body.
    start = first
    if first > 1 and "<!--" not in post.text[: post.lines.line_start(first)]:
        start = 1
    text, base = _masked_text(post, start, views)
    if "blocks" not in views:  # the blocks a view may hide, found once per post
        views["blocks"] = [
            b for b in post.blocks if b.kind == "table" or b.kind == "html" or b.containers
        ]
    hidden = set(post.code_lines)
    for b in views["blocks"]:
        if b.kind == "table" or (b.kind == "html" and not html) or (not quotes and b.in_quote):
            hidden.update(range(b.start_line, b.end_line + 1))
    return LineView(post, text, base, first, hidden)


def masked_lines(
    post: Post, *, quotes: bool = False, front_matter: bool = False, html: bool = False
) -> LineView:
    """Line ``i`` (1-based) with inline code and HTML comments blanked, or
    None where the line is code, a table, front matter (unless
    ``front_matter``), quoted (unless ``quotes``) or an HTML block (unless
    ``html``): see :class:`LineView`."""
    key = (quotes, front_matter, html)
    try:
        cached = _CACHE.setdefault(post, {})
    except TypeError:  # not weak-referenceable
        return _compute(post, *key, {})
    if key not in cached:
        cached[key] = _compute(post, *key, cached)
    return cached[key]


def lines_matching(lines: LineView | list[str | None], finder: Any, first: int = 1) -> list[int]:
    """The numbers, in order, of the lines of a view from ``first`` on that
    it shows and in which ``finder`` (a compiled pattern) finds a match: one
    search over them all instead of one per line. For patterns that match
    within a line, match no empty text and anchor on neither end (see
    :func:`~post_lint.lazyre.texts_matching`)."""
    if not isinstance(lines, LineView):
        texts = ["" if line is None else line for line in lines[first:]]
        return sorted(first + i for i in texts_matching(finder, texts))
    return list(iter_lines_matching(lines, finder, first))


def iter_lines_matching(view: LineView, finder: Any, first: int = 1) -> Iterator[int]:
    """:func:`lines_matching` of a view, found as they are asked for."""
    first = max(first, view.first)
    n = len(view) - 1
    if first > n:
        return
    starts, base, text = view.lines.starts, view.base, view.text
    search, pos = finder.search, starts[first - 1] - base
    while (m := search(text, pos)) is not None:
        line = bisect.bisect_right(starts, m.start() + base)  # 1-based
        if line > n:
            return
        if line not in view.hidden:
            yield line
        if line >= n:
            return
        pos = starts[line] - base
