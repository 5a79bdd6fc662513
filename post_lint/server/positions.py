"""Positions between post-lint and an LSP client.

post-lint counts 1-based lines and columns in Unicode code points, on the
post's text with newlines normalised to ``\\n`` and any BOM removed
(:class:`post_lint.post.LineIndex`). An LSP client counts 0-based lines and
columns in the code units of the position encoding the two agreed on at
``initialize``: UTF-16 unless the client offered UTF-8 or UTF-32.

The lines are the same on both sides: the protocol ends a line at ``\\n``,
``\\r\\n`` or ``\\r``, exactly the terminators post-lint normalises, so only the
columns need converting (and line 1 shifts by one code point when the client's
text starts with a BOM, which post-lint strips). This module holds no
protocol types, so it is cheap to import and to test.
"""

from __future__ import annotations

import re

from ..post import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF16:
        return len(text.encode("utf-16-le", "surrogatepass")) // 2
    return len(text.encode("utf-8", "surrogatepass"))


def code_points(line: str, count: int, encoding: str) -> int:
    """How many code points of ``line`` the first ``count`` code units cover
    (a count that ends inside a character rounds down; past the end: the
    whole line)."""
    if count <= 0:
        return 0
    if encoding == UTF32 or line.isascii():
        return min(count, len(line))
    if encoding == UTF16:
        data = line.encode("utf-16-le", "surrogatepass")[: 2 * count]
        return len(data.decode("utf-16-le", "ignore"))
    data = line.encode("utf-8", "surrogatepass")[:count]
    return len(data.decode("utf-8", "ignore"))


class Positions:
    """Convert between one post's positions and the client's.

    ``index`` is the post's :class:`LineIndex` (normalised text); ``bom`` says
    whether the client's text starts with U+FEFF, which the post does not hold.
    """

    __slots__ = ("index", "bom", "encoding")

    def __init__(self, index: LineIndex, encoding: str = UTF16, bom: bool = False) -> None:
        self.index = index
        self.encoding = encoding
        self.bom = bom

    @property
    def line_count(self) -> int:
        return len(self.index.starts)

    def to_client(self, line: int, column: int) -> tuple[int, int]:
        """post-lint (1-based line, code-point column) -> client (line, character).

        A line past the end clamps to the end of the text; a column past the
        end of its line clamps to the line's end.
        """
        index = self.index
        if line < 1:
            return 0, 0
        if line > len(index.starts):
            line = len(index.starts)
            column = len(index.line(line)) + 1
        text = index.line(line)
        return line - 1, self._units(text, line, min(max(column, 1) - 1, len(text)))

    def offset_to_client(self, offset: int) -> tuple[int, int]:
        """A character offset in the post's text -> client (line, character)."""
        line, column = self.index.position(offset)
        return self.to_client(line, column)

    def from_client(self, line: int, character: int) -> tuple[int, int]:
        """Client (0-based line, character) -> post-lint (line, column)."""
        n = line + 1
        if n < 1:
            return 1, 1
        if n > len(self.index.starts):
            last = len(self.index.starts)
            return last, len(self.index.line(last)) + 1
        text = self.index.line(n)
        shift = 1 if self.bom and n == 1 else 0
        if shift:
            text = "\ufeff" + text
        column = code_points(text, character, self.encoding) - shift
        return n, max(column, 0) + 1

    def _units(self, text: str, line: int, column0: int) -> int:
        """Code units of the first ``column0`` code points of ``text``, line ``line``."""
        if self.bom and line == 1:
            return units("\ufeff" + text[:column0], self.encoding)
        if self.encoding == UTF32:
            return column0
        return units(text[:column0], self.encoding)


_LINE_END = re.compile(r"\r\n|\r|\n")


def apply_change(
    text: str, start: tuple[int, int], end: tuple[int, int], new_text: str, encoding: str
) -> str:
    """Replace the client range ``start``..``end`` ((line, character), 0-based,
    in ``encoding``'s code units) of ``text`` as the client holds it (its own
    line ends, BOM and all) with ``new_text``: an incremental ``didChange``.
    Positions past a line's end or the text's end clamp to them."""
    a, b = _offset(text, *start, encoding), _offset(text, *end, encoding)
    if b < a:
        a, b = b, a
    return text[:a] + new_text + text[b:]


def _offset(text: str, line: int, character: int, encoding: str) -> int:
    if line < 0:
        return 0
    start = 0
    for _ in range(line):
        m = _LINE_END.search(text, start)
        if m is None:
            return len(text)
        start = m.end()
    m = _LINE_END.search(text, start)
    stop = m.start() if m else len(text)
    return start + code_points(text[start:stop], character, encoding)
