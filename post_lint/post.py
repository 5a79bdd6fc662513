"""The one parsed view of a post that every rule reads.

``Post.from_bytes(data, path)`` decodes the bytes (UTF-8, BOM tolerated,
invalid bytes replaced and remembered; ``Post.from_text(text, path)`` starts
from text), normalises CRLF/CR to LF (remembering the
original newline so fixes can write it back), splits off the front matter
(YAML ``---``, TOML ``+++`` or a JSON object), and parses the body once with
pulldown-cmark (pyromark: CommonMark + tables + footnotes) into :class:`Block` objects
with absolute 1-based source line spans and, for paragraphs and headings, the
prose text with markup removed.

Rules never re-parse: everything they need is on the ``Post``, and what
several rules derive from it is computed once and kept on it (:meth:`Post.memo`).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections.abc import Callable, Iterator
from functools import cached_property
from itertools import accumulate, chain, islice
from itertools import count as _counting
from operator import add, lt
from typing import TYPE_CHECKING, Any, TypeVar

from .lazyre import lazy
from .records import dataclass, field
from .text import strip_template_tags, strip_urls

if TYPE_CHECKING:
    from .outline import Outline

_T = TypeVar("_T")

#: Front matter larger than this is not parsed (FM002 "front matter too large").
MAX_FRONT_MATTER_CHARS = 256 * 1024
#: A YAML document whose aliases expand to more nodes than this is refused.
MAX_YAML_NODES = 100_000
#: Deepest flow (``[``/``{``) nesting or block indentation accepted in YAML.
MAX_YAML_DEPTH = 100
MAX_YAML_INDENT = 200


# --------------------------------------------------------------------------
# Line index
# --------------------------------------------------------------------------

#: Characters of text :func:`_line_starts` splits at a time (it holds one
#: piece's lines at once).
_LINE_CHUNK = 1 << 16


def _line_starts(text: str) -> array:
    """The offset each line of ``text`` starts at (0, then one after every
    newline). Worked out a chunk of lines at a time in C (split, lengths,
    running sums) rather than one ``find`` per line: a 16 MB post of tiny
    paragraphs has 3 million lines."""
    starts = array("q", [0])
    extend = starts.extend
    rfind, find = text.rfind, text.find
    size = len(text)
    pos = 0
    while pos < size:
        cut = rfind("\n", pos, pos + _LINE_CHUNK)
        if cut == -1:
            cut = find("\n", pos + _LINE_CHUNK)
            if cut == -1:
                break
        # Line k of the piece (0-based) ends at a newline; the next starts
        # at pos + (lengths of lines 0..k) + (k + 1) newlines.
        ends = accumulate(map(len, text[pos:cut].split("\n")), initial=pos)
        next(ends)
        extend(map(add, ends, _counting(1)))
        pos = cut + 1
    return starts


class LineIndex:
    """Offset <-> (line, column) conversion for one text, in one place.

    Lines and columns are 1-based; columns count Unicode code points.
    """

    __slots__ = ("text", "starts")

    def __init__(self, text: str) -> None:
        self.text = text
        # An array of machine integers: 8 bytes a line instead of 36 for a
        # list of ints (a 16 MB post of tiny paragraphs has 3 million lines).
        self.starts = _line_starts(text)

    @property
    def line_count(self) -> int:
        """Number of lines; a trailing newline does not open a new line."""
        n = len(self.starts)
        if n > 1 and self.starts[-1] == len(self.text):
            return n - 1
        return n

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of a character offset."""
        offset = max(0, min(offset, len(self.text)))
        i = bisect.bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def offset(self, line: int, column: int = 1) -> int:
        """Character offset of (line, column); clamps to the text."""
        if line < 1:
            return 0
        if line > len(self.starts):
            return len(self.text)
        start = self.starts[line - 1]
        end = self.line_end(line)
        return min(start + max(column, 1) - 1, end + 1 if end < len(self.text) else end)

    def line_start(self, line: int) -> int:
        return self.starts[line - 1]

    def line_end(self, line: int) -> int:
        """Offset of the newline that ends ``line`` (or the end of the text)."""
        if line < len(self.starts):
            return self.starts[line] - 1
        return len(self.text)

    def line(self, line: int) -> str:
        """Text of ``line`` without its newline ('' outside the text)."""
        if line < 1 or line > len(self.starts):
            return ""
        return self.text[self.starts[line - 1] : self.line_end(line)]


# --------------------------------------------------------------------------
# Front matter
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """Where a top-level front-matter key and its value stand (1-based)."""

    line: int
    column: int
    value_line: int
    value_column: int
    value_end_line: int
    value_end_column: int
    #: YAML scalar style of the value: '' plain, "'" or '"' quoted, '|' or '>'
    #: block; None for collections and non-YAML formats.
    value_style: str | None = None


@dataclass(frozen=True, slots=True)
class ParseError:
    """A front matter that could not be parsed, in plain words."""

    line: int
    column: int
    message: str


@dataclass(slots=True)
class FrontMatter:
    """The metadata block at the top of a post."""

    format: str  # "yaml" | "toml" | "json"
    #: Line of the opening delimiter (or of the JSON ``{``) and of the closing
    #: one (or ``}``), 1-based, inclusive. ``end_line`` is None if never closed.
    start_line: int
    end_line: int | None
    #: The text between the delimiters and the line it starts on.
    raw: str
    content_line: int
    #: The parsed mapping; None when it did not parse or is not a mapping.
    data: dict[str, Any] | None = None
    error: ParseError | None = None
    keys: dict[str, KeyInfo] = field(default_factory=dict)
    #: (key, first occurrence, later occurrence) for each repeated key.
    duplicate_keys: list[tuple[str, KeyInfo, KeyInfo]] = field(default_factory=list)


_YAML_OPEN = lazy(r"---[ \t]*\n?")
_YAML_CLOSE = lazy(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_TOML_OPEN = lazy(r"\+\+\+[ \t]*\n?")
_TOML_CLOSE = lazy(r"^\+\+\+[ \t]*$", re.M)


_tolerant_loader: type | None = None


def _yaml_loader_class() -> type:
    """The safe loader (C when available), except that a timestamp naming an
    impossible date (``2023-13-45``) loads as the string written instead of
    failing the whole front matter: FM004 then reports that one value."""
    global _tolerant_loader
    if _tolerant_loader is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        def timestamp(loader: Any, node: Any) -> Any:
            try:
                return base.construct_yaml_timestamp(loader, node)
            except (ValueError, OverflowError):
                return loader.construct_scalar(node)

        _tolerant_loader = type("TolerantSafeLoader", (base,), {})
        _tolerant_loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return _tolerant_loader


def _split_front_matter(text: str) -> tuple[FrontMatter | None, int]:
    """Find the front matter; return it and the 0-based line the body starts on."""
    if _YAML_OPEN.fullmatch(text, 0, text.find("\n") + 1 if "\n" in text else len(text)):
        return _delimited(text, "yaml", _YAML_CLOSE)
    if _TOML_OPEN.fullmatch(text, 0, text.find("\n") + 1 if "\n" in text else len(text)):
        return _delimited(text, "toml", _TOML_CLOSE)
    if text.startswith("{") and not text.startswith(("{{", "{%")):
        return _json_front_matter(text)
    return None, 0


def _delimited(text: str, fmt: str, close: re.Pattern[str]) -> tuple[FrontMatter, int]:
    first_nl = text.find("\n")
    content_start = first_nl + 1 if first_nl != -1 else len(text)
    m = close.search(text, content_start)
    if m is None:
        # Most often the closing line was forgotten: take the metadata to end
        # at the first blank line, so the body rules still check the rest.
        blank = re.compile(r"^[ \t]*$", re.M).search(text, content_start)
        if blank is None or blank.start() >= len(text):
            fm = FrontMatter(fmt, 1, None, text[content_start:], 2)
            fm.error = ParseError(
                1, 1, f"front matter opened with '{text[:3]}' on line 1 is never closed"
            )
            return fm, text.count("\n") + 1
        body_line0 = text.count("\n", 0, blank.start()) + 1
        fm = FrontMatter(fmt, 1, None, text[content_start : blank.start()], 2)
        fm.error = ParseError(
            1,
            1,
            f"front matter opened with '{text[:3]}' on line 1 is never closed "
            f"(its end is taken to be the blank line {body_line0})",
        )
        return fm, body_line0
    end_line = text.count("\n", 0, m.start()) + 1
    raw = text[content_start : m.start()]
    fm = FrontMatter(fmt, 1, end_line, raw, 2)
    return fm, end_line


def _json_front_matter(text: str) -> tuple[FrontMatter | None, int]:
    import json  # only JSON front matter needs it (start-up)

    try:
        obj, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        # Only a front matter if it looks like one: '{' alone or '{"' opening.
        if text.startswith(("{\n", '{"', "{ ")):
            fm = FrontMatter("json", 1, None, text, 1)
            fm.error = ParseError(exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
            return fm, 0
        return None, 0
    end_line = text.count("\n", 0, end) + 1
    fm = FrontMatter("json", 1, end_line, text[:end], 1)
    if isinstance(obj, dict):
        fm.data = obj
        fm.keys = _json_key_positions(text[:end], obj)
    else:
        fm.error = ParseError(1, 1, "front matter is not a JSON object")
    return fm, end_line


def _json_key_positions(raw: str, obj: dict[str, Any]) -> dict[str, KeyInfo]:
    import json

    keys: dict[str, KeyInfo] = {}
    index = LineIndex(raw)
    for key in obj:
        m = re.search(r'"' + re.escape(json.dumps(key)[1:-1]) + r'"\s*:\s*', raw)
        if not m:
            continue
        line, col = index.position(m.start())
        vline, vcol = index.position(m.end())
        keys[key] = KeyInfo(line, col, vline, vcol, vline, vcol)
    return keys


def _parse_front_matter(fm: FrontMatter) -> None:
    if fm.error is not None or fm.format == "json":
        return
    if len(fm.raw) > MAX_FRONT_MATTER_CHARS:
        fm.error = ParseError(
            fm.content_line,
            1,
            f"front matter too large ({len(fm.raw):,} characters; "
            f"the limit is {MAX_FRONT_MATTER_CHARS:,})",
        )
        return
    if fm.format == "yaml":
        _parse_yaml(fm)
    else:
        _parse_toml(fm)


def _yaml_depth_error(raw: str) -> str | None:
    brackets = re.sub(r"[^\[\]{}]+", "", raw)
    if len(brackets) > MAX_YAML_DEPTH:
        depth = deepest = 0
        for ch in brackets:
            depth += 1 if ch in "[{" else -1
            deepest = max(deepest, depth)
        if deepest > MAX_YAML_DEPTH:
            return f"front matter nests {deepest} levels deep (the limit is {MAX_YAML_DEPTH})"
    indents = re.findall(r"^[ \t]*(?=\S)", raw, re.M)
    if indents and max(map(len, indents)) > MAX_YAML_INDENT:
        return f"front matter is indented more than {MAX_YAML_INDENT} columns"
    return None


def _expanded_size(node: Any, memo: dict[int, int], limit: int) -> int:
    """Node count with aliases expanded, computed without expanding them."""
    import yaml

    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        current, done = stack.pop()
        key = id(current)
        if key in memo and not done:
            continue
        if isinstance(current, yaml.ScalarNode):
            memo[key] = 1
            continue
        children: list[Any]
        if isinstance(current, yaml.MappingNode):
            children = [n for pair in current.value for n in pair]
        else:
            children = list(current.value)
        if done:
            total = 1
            for child in children:
                total += memo.get(id(child), 1)
                if total > limit:
                    break
            memo[key] = total
            if total > limit:
                return total
        else:
            memo[key] = 1  # guards cycles (recursive aliases)
            stack.append((current, True))
            stack.extend((c, False) for c in children if id(c) not in memo)
    return memo.get(id(node), 1)


#: Errors whose cause is where the parser started reading the construct (its
#: context), not where it gave up: an unclosed quote or bracket is only
#: noticed at the end of the front matter or at the next key, and a line
#: that is not ``key: value`` only at the line after it.
_CONTEXT_BLAMED = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
)


def _blamed_mark(exc: Any, raw: str) -> Any:
    """The mark of the line to point at: the broken line, not the closing
    ``---`` or the next key where the parser noticed."""
    context = getattr(exc, "context", None) or ""
    problem, where = exc.problem_mark, exc.context_mark
    if where is not None and (
        context in _CONTEXT_BLAMED or problem is None or problem.index >= len(raw.rstrip())
    ):
        return where
    return problem or where


def _plain_yaml_message(exc: Exception) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    text = f"{context}, {problem}" if context else str(problem)
    hints = {
        "mapping values are not allowed": (" (a value contains ': '; quote the whole value)"),
        "while scanning a quoted scalar": " (the quote that opens here is never closed)",
        "while parsing a flow sequence": " (the '[' that opens here is never closed)",
        "while parsing a flow mapping": " (the '{' that opens here is never closed)",
        "while scanning a simple key": (
            " (this line is not 'key: value': text that lost its indentation? Indent it)"
        ),
        "found character '\\t' that cannot start any token": " (YAML forbids tabs for indentation)",
    }
    for needle, hint in hints.items():
        if needle in text:
            text += hint
    return f"invalid YAML: {text}"


def _parse_yaml(fm: FrontMatter) -> None:
    import yaml

    if not fm.raw.strip():
        fm.data = {}
        return
    depth_error = _yaml_depth_error(fm.raw)
    if depth_error:
        fm.error = ParseError(fm.content_line, 1, depth_error)
        return
    loader = _yaml_loader_class()(fm.raw)
    try:
        node = loader.get_single_node()
        if node is None:
            fm.data = {}
            return
        if _expanded_size(node, {}, MAX_YAML_NODES) > MAX_YAML_NODES:
            fm.error = ParseError(
                fm.content_line,
                1,
                f"front matter aliases expand to more than {MAX_YAML_NODES:,} values "
                "(an alias bomb?)",
            )
            return
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            fm.error = ParseError(
                fm.content_line + node.start_mark.line,
                node.start_mark.column + 1,
                f"front matter is {kind}, not a mapping of keys to values",
            )
            return
        _record_yaml_keys(fm, node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = _blamed_mark(exc, fm.raw)
        line = fm.content_line + (mark.line if mark else 0)
        col = (mark.column + 1) if mark else 1
        fm.error = ParseError(line, col, _plain_yaml_message(exc))
        return
    except yaml.YAMLError as exc:
        fm.error = ParseError(fm.content_line, 1, _plain_yaml_message(exc))
        return
    except (RecursionError, MemoryError):
        fm.error = ParseError(fm.content_line, 1, "front matter nests too deeply to parse")
        return
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. bad timestamp values
        fm.error = ParseError(fm.content_line, 1, f"invalid YAML value: {exc}")
        return
    finally:
        loader.dispose()
    fm.data = data if isinstance(data, dict) else None


def _record_yaml_keys(fm: FrontMatter, node: Any) -> None:
    base = fm.content_line
    for key_node, value_node in node.value:
        key = str(key_node.value) if not isinstance(key_node.value, list) else repr(key_node.value)
        sm, vs, ve = key_node.start_mark, value_node.start_mark, value_node.end_mark
        style = getattr(value_node, "style", None)
        if value_node.tag.endswith((":map", ":seq")):
            style = None
        elif style is None:
            style = ""
        info = KeyInfo(
            base + sm.line,
            sm.column + 1,
            base + vs.line,
            vs.column + 1,
            base + ve.line,
            ve.column + 1,
            style,
        )
        if key in fm.keys:
            fm.duplicate_keys.append((key, fm.keys[key], info))
        else:
            fm.keys[key] = info


_TOML_KEY = lazy(
    r'^[ \t]*(?:"(?P<q>[^"\n]*)"|\'(?P<s>[^\'\n]*)\'|(?P<b>[A-Za-z0-9_-]+))'
    r"[ \t]*(?:\.[^=\n]*)?=[ \t]*"
)
_TOML_TABLE = lazy(r"^[ \t]*\[\[?[ \t]*(?:\"(?P<q>[^\"\n]*)\"|(?P<b>[A-Za-z0-9_-]+))")


def _parse_toml(fm: FrontMatter) -> None:
    from .compat import tomllib

    try:
        fm.data = tomllib.loads(fm.raw)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg) or "syntax error"
        fm.error = ParseError(fm.content_line + line - 1, col, f"invalid TOML: {msg}")
        return
    except RecursionError:
        fm.error = ParseError(fm.content_line, 1, "front matter nests too deeply to parse")
        return
    in_table = False
    for i, line in enumerate(fm.raw.split("\n")):
        lineno = fm.content_line + i
        t = _TOML_TABLE.match(line)
        if t:
            in_table = True
            key = t.group("q") if t.group("q") is not None else t.group("b")
            fm.keys.setdefault(
                key, KeyInfo(lineno, t.start() + 1, lineno, 1, lineno, len(line) + 1)
            )
            continue
        if in_table:
            continue
        k = _TOML_KEY.match(line)
        if k:
            key = next(g for g in (k.group("q"), k.group("s"), k.group("b")) if g is not None)
            col = len(line) - len(line.lstrip()) + 1
            fm.keys.setdefault(
                key, KeyInfo(lineno, col, lineno, k.end() + 1, lineno, len(line.rstrip()) + 1)
            )


# --------------------------------------------------------------------------
# Body blocks
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Block:
    """One block of the body with its absolute source line span.

    ``kind`` is one of: paragraph, heading, code, html, table, hr.
    ``containers`` lists what encloses it, outermost first: ``list_item``,
    ``blockquote``, ``footnote``. ``prose`` (paragraphs and headings) is the
    text a reader reads: inline markup, link URLs, HTML tags and Liquid/Hugo
    template tags removed, line breaks kept as ``\\n``.
    """

    kind: str
    start_line: int
    end_line: int
    containers: tuple[str, ...] = ()
    prose: str = ""
    level: int = 0
    #: Paragraph made only of links / only of images / only of bold or
    #: italic text (a pseudo-heading).
    link_only: bool = False
    image_only: bool = False
    emphasis_only: bool = False
    images: int = 0
    #: Info string of a fenced code block.
    info: str = ""

    @property
    def is_top_level(self) -> bool:
        return not self.containers

    @property
    def in_list(self) -> bool:
        return "list_item" in self.containers

    @property
    def in_quote(self) -> bool:
        return "blockquote" in self.containers

    @property
    def in_footnote(self) -> bool:
        return "footnote" in self.containers


_parser: Any = None


def _events(body: str) -> Any:
    """pulldown-cmark's events with byte ranges (CommonMark + tables + footnotes)."""
    global _parser
    if _parser is None:
        import pyromark

        options = pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_FOOTNOTES
        _parser = pyromark.Markdown(options=options)
    return _parser.events_with_range(body)


#: Containers a block records, outermost first; deeper ones are not listed
#: (markdown-it-py, the parser before, stopped nesting there too).
MAX_NESTING = 50
#: Start tags that open a container, and the container name a block records.
_CONTAINERS = {"Item": "list_item", "BlockQuote": "blockquote", "FootnoteDefinition": "footnote"}
#: Start tags (strings or the key of a dict tag) of blocks whose content is not
#: prose: everything up to their end is skipped (their lines are recorded).
_SKIPPED = {"Table": "table", "CodeBlock": "code", "HtmlBlock": "html"}

#: Inline (span) tags: their events belong to the paragraph or heading they are in.
_INLINE_TAGS = frozenset(
    ("Emphasis", "Strong", "Link", "Image", "Strikethrough", "Superscript", "Subscript")
)


#: A table's delimiter row (``| --- | :-: |``), possibly behind quote markers.
_DELIMITER_ROW = lazy(rb"[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\n?")
_SURROGATE = lazy("[\ud800-\udfff]")
_LINE_PREFIX = lazy(rb"[ \t]*(?:>[ \t]?)*")


def _table_in_paragraph(data: bytes, start: int, end: int, para: Block) -> list[Block] | None:
    """The blocks of a paragraph (source bytes ``start:end``) whose later lines
    are a table, or None.

    GitHub (cmark-gfm), Hugo (goldmark) and markdown-it let a table interrupt a
    paragraph: the line above a delimiter row is the table's header. pulldown-cmark
    does not, and reads the whole run as one paragraph; this splits it the way the
    sites render it (paragraph lines first, then the table).
    """
    lines = data[start:end].split(b"\n")
    for k in range(2, len(lines)):
        row = lines[k]
        if b"|" not in row or not _DELIMITER_ROW.fullmatch(row):
            continue

        def piece(rows: list[bytes]) -> str:
            # Container prefixes (indentation, quote markers) off every line.
            return b"\n".join(_LINE_PREFIX.sub(b"", x, count=1) for x in rows).decode(
                "utf-8", "replace"
            )

        table = parse_blocks(piece(lines[k - 1 :]), para.start_line + k - 1)
        if not table or table[0].kind != "table":
            return None
        lead = parse_blocks(piece(lines[: k - 1]), para.start_line)
        for b in (*lead, *table):
            b.containers = para.containers + b.containers
        return [*lead, *table]
    return None


def parse_blocks(body: str, first_line: int) -> list[Block]:
    """Parse the body (which starts at 1-based ``first_line``) into blocks.

    One pass over pulldown-cmark's events (byte ranges into the UTF-8 body).
    Tight list items carry their text directly (no paragraph event): it is
    collected as a paragraph, the block every list item's text is. The state
    of the paragraph or heading being read is kept in local variables (this
    runs once per event: a few million times on a large post). Two loops
    share the one event iterator: the block loop takes block-level events,
    and the inline loop the runs of text, breaks and spans inside a
    paragraph, heading or tight item, handing back the event that ends a run
    (``pending``).
    """
    try:
        data = body.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (text handed in by an editor)
        body = _SURROGATE.sub("\ufffd", body)
        data = body.encode("utf-8")
    # Line numbers by counting newlines from the last offset asked about:
    # the offsets come in (nearly) source order, so this reads the body about
    # once and keeps no per-line table.
    count = data.count
    cur_pos = 0
    cur_line = first_line

    def line_at(offset: int) -> int:
        nonlocal cur_pos, cur_line
        if offset >= cur_pos:
            cur_line += count(b"\n", cur_pos, offset)
        else:
            cur_line -= count(b"\n", offset, cur_pos)
        cur_pos = offset
        return cur_line

    blocks: list[Block] = []
    append = blocks.append
    containers: list[str] = []
    frozen: tuple[str, ...] = ()
    overflow = 0  # containers nested deeper than MAX_NESTING
    skip_depth = 0  # inside a table, code block or HTML block
    skip_kind = ""
    skip_start = skip_html_end = 0
    # The open paragraph or heading ("" when none).
    kind = ""
    start = end = level = 0
    parts: list[str] = []
    link_depth = autolink = emphasis_depth = image_depth = images = 0
    flags = 0  # bit 1 text outside links, 2 inside links, 4 outside emphasis, 8 inside

    def close() -> None:
        nonlocal cur_pos, cur_line
        # line_at(start), line_at(end - 1), inlined: this runs once a block.
        if start >= cur_pos:
            cur_line += count(b"\n", cur_pos, start)
        else:
            cur_line -= count(b"\n", start, cur_pos)
        cur_pos = start
        first = cur_line
        if end - 1 > start:
            # (a one-line block's two lines are one int object: 28 bytes a
            # block less on a post of a million tiny paragraphs)
            newlines = count(b"\n", start, end - 1)
            if newlines:
                cur_line += newlines
            cur_pos = end - 1
        last = cur_line
        text = parts[0] if len(parts) == 1 else "".join(parts)
        # (the guards of strip_template_tags / strip_urls, to spare two calls)
        prose = (
            strip_urls(strip_template_tags(text))
            if "{" in text or "://" in text or "www." in text
            else text
        )
        block = Block(
            kind,
            first,
            last,
            frozen,
            prose,
            level,
            flags & 3 == 2 and images == 0,
            images > 0 and not flags & 1,
            flags & 12 == 8,
            images,
        )
        if last - first >= 2 and "|" in prose:
            split = _table_in_paragraph(data, start, end, block)
            if split:
                blocks.extend(split)
                return
        append(block)

    events = iter(_events(body))
    pending: Any = None  # an event the inline loop stopped at, for the block loop
    while True:
        # -- block-level events (and where an inline run starts) -----------
        if pending is None:
            item = next(events, None)
            if item is None:
                break
            event, rng = item
        else:
            event, rng = pending
            pending = None
        if event.__class__ is str:  # SoftBreak, HardBreak, Rule
            if skip_depth:
                continue
            if event == "Rule":
                if kind:
                    close()
                    kind = ""
                s = rng["start"]
                e = rng["end"]
                append(
                    Block(
                        "hr",
                        line_at(s),
                        line_at(e - 1) if e - 1 > s else line_at(s),
                        frozen,
                    )
                )
                continue
            inline = chain(((event, rng),), events)  # a break in a tight item's text
        else:
            tag = event.get("Start")
            if tag is not None:
                name = tag if tag.__class__ is str else next(iter(tag))
                if skip_depth:
                    if name == skip_kind:
                        skip_depth += 1
                    continue
                if name == "Paragraph" or name == "Heading":
                    if kind:
                        close()
                    kind = "paragraph" if name == "Paragraph" else "heading"
                    start = rng["start"]
                    end = rng["end"]
                    parts = []
                    link_depth = autolink = emphasis_depth = image_depth = images = flags = 0
                    level = int(tag["Heading"]["level"][1]) if kind == "heading" else 0
                    inline = events
                elif name in _INLINE_TAGS:
                    inline = chain(((event, rng),), events)  # a span in a tight item's text
                else:
                    # Another block starts: a tight item's text before it ends there.
                    if kind:
                        close()
                        kind = ""
                    if name in _CONTAINERS:
                        if len(containers) < MAX_NESTING:
                            containers.append(_CONTAINERS[name])
                            frozen = tuple(containers)
                        else:
                            overflow += 1
                    elif name in _SKIPPED:
                        skip_depth = 1
                        skip_kind = name
                        skip_start = rng["start"]
                        if name == "CodeBlock":
                            code = tag["CodeBlock"]
                            e = rng["end"]
                            append(
                                Block(
                                    "code",
                                    line_at(skip_start),
                                    line_at(e - 1 if e - 1 > skip_start else skip_start),
                                    frozen,
                                    info=code["Fenced"].strip() if code.__class__ is dict else "",
                                )
                            )
                    continue
            else:
                tag = event.get("End")
                if tag is not None:
                    name = tag if tag.__class__ is str else next(iter(tag))
                    if skip_depth:
                        if name == skip_kind:
                            skip_depth -= 1
                            if not skip_depth and name != "CodeBlock":
                                # An HTML block's range can take in the indentation of
                                # the blank line that ends it: end at its last Html line.
                                e = skip_html_end if name == "HtmlBlock" else rng["end"]
                                append(
                                    Block(
                                        _SKIPPED[name],
                                        line_at(skip_start),
                                        line_at(e - 1 if e - 1 > skip_start else skip_start),
                                        frozen,
                                    )
                                )
                        continue
                    if kind:  # (the inline loop closes what it reads: never here)
                        close()
                        kind = ""
                    if name in _CONTAINERS:
                        if overflow:
                            overflow -= 1
                        elif containers:
                            containers.pop()
                            frozen = tuple(containers)
                    continue
                # Text, Code, InlineHtml, FootnoteReference; Html in skipped blocks.
                if skip_depth:
                    if skip_kind == "HtmlBlock" and "Text" not in event and "Code" not in event:
                        skip_html_end = rng["end"]
                    continue
                inline = chain(((event, rng),), events)  # a tight item's text
        if not kind:  # the text of a tight list item: a paragraph of its own
            kind = "paragraph"
            start = end = rng["start"]
            parts = []
            link_depth = autolink = emphasis_depth = image_depth = images = flags = level = 0
        # -- the inline events of a paragraph, heading or tight item's text --
        # pulldown-cmark puts only these (text, breaks, spans, inline HTML)
        # inside a paragraph or heading: most of a post's events, read in
        # this tighter loop up to the first that is not one.
        for event, rng in inline:
            if event.__class__ is str:  # SoftBreak, HardBreak (a Rule ends the run)
                if event == "Rule":
                    pending = (event, rng)
                    break
                parts.append("\n")
                e = rng["end"]
                if e > end:
                    end = e
                continue
            text = event.get("Text")
            if text is None:
                text = event.get("Code")
            if text is not None:
                e = rng["end"]
                if e > end:
                    end = e
                if image_depth or autolink:
                    continue
                parts.append(text)
                if text and not text.isspace():
                    flags |= (2 if link_depth else 1) | (8 if emphasis_depth else 4)
                continue
            tag = event.get("End")
            if tag is not None:
                name = tag if tag.__class__ is str else next(iter(tag))
                if name not in _INLINE_TAGS:  # the end of what holds the text
                    close()
                    if name != "Paragraph" and name != "Heading":
                        kind = ""  # a tight item or its container: the block loop's
                        pending = (event, rng)
                        break
                    # The paragraph or heading is done; the next paragraph
                    # (most of what follows one) is started here too.
                    pending = next(events, None)
                    if pending is not None:
                        event = pending[0]
                        if event.__class__ is dict and event.get("Start") == "Paragraph":
                            start = pending[1]["start"]
                            end = pending[1]["end"]
                            pending = None
                            kind = "paragraph"
                            parts = []
                            link_depth = autolink = emphasis_depth = image_depth = images = 0
                            flags = level = 0
                            continue
                    kind = ""
                    break  # to the block loop, with what follows (None: the end)
                e = rng["end"]
                if e > end:
                    end = e
                if name == "Link":
                    link_depth -= 1
                    if autolink:
                        autolink -= 1
                elif name == "Image":
                    image_depth -= 1
                elif name == "Emphasis" or name == "Strong":
                    emphasis_depth -= 1
                continue
            tag = event.get("Start")
            if tag is not None:
                name = tag if tag.__class__ is str else next(iter(tag))
                if name not in _INLINE_TAGS:  # a block in a tight item, after its text
                    pending = (event, rng)
                    break
                if name == "Link":
                    link_depth += 1
                    if tag["Link"]["link_type"] in ("Autolink", "Email"):
                        autolink += 1
                        flags |= 2
                elif name == "Image":
                    if not image_depth:
                        images += 1
                    image_depth += 1
                elif name == "Emphasis" or name == "Strong":
                    emphasis_depth += 1
                continue
            # InlineHtml, FootnoteReference: no prose.
            e = rng["end"]
            if e > end:
                end = e
        else:
            break  # the events ran out inside the text
    if kind:
        close()
    # Footnote definitions may come out of order: keep source order. (The
    # blocks are nearly always in order already: strictly increasing first
    # lines, which the sort would leave as they are, are checked in C.)
    firsts = [b.start_line for b in blocks]
    if not all(map(lt, firsts, islice(firsts, 1, None))):
        blocks.sort(key=_block_order)
    return blocks


def _block_order(block: Block) -> tuple[int, int]:
    return block.start_line, block.end_line


# --------------------------------------------------------------------------
# The post
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    line: int
    column: int
    message: str


def decode(data: bytes) -> tuple[str, bool, DecodeProblem | None]:
    """Decode UTF-8 (BOM tolerated); invalid bytes are replaced and reported."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom, None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        problem = DecodeProblem(
            line,
            column,
            f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "invalid bytes were read as U+FFFD",
        )
        return data.decode("utf-8", errors="replace"), bom, problem


def detect_newline(text: str) -> str:
    crlf = text.find("\r\n")
    cr = text.find("\r")
    if cr == -1:
        return "\n"
    return "\r\n" if crlf == cr else "\r"


@dataclass(eq=False)
class Post:
    """A parsed post. Build one with :meth:`Post.from_text` or :meth:`from_bytes`."""

    path: str
    #: The text with newlines normalised to ``\\n`` and any BOM removed. All
    #: positions refer to it.
    text: str
    newline: str = "\n"
    bom: bool = False
    decode_problem: DecodeProblem | None = None
    front_matter: FrontMatter | None = None
    #: 1-based line where the body starts (after the front matter).
    body_line: int = 1
    #: Why the file could not be read (PL001), or None.
    read_error: str | None = None
    #: (size, limit) when the file was too large to parse (PL003), or None.
    refused_size: tuple[int, int] | None = None
    #: Analyses rules share, computed once per post (see :meth:`memo`).
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "-") -> Post:
        text, bom, problem = decode(data)
        post = cls.from_text(text, path)
        post.bom = post.bom or bom
        post.decode_problem = problem
        return post

    @classmethod
    def from_text(cls, text: str, path: str = "-") -> Post:
        bom = text.startswith("\ufeff")
        if bom:
            text = text[1:]
        newline = detect_newline(text)
        if newline != "\n":
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        post = cls(path=path, text=text, newline=newline, bom=bom)
        fm, body_line0 = _split_front_matter(text)
        if fm is not None:
            _parse_front_matter(fm)
        post.front_matter = fm
        post.body_line = body_line0 + 1
        return post

    @classmethod
    def unreadable(cls, path: str, reason: str) -> Post:
        """An empty post standing for a file that could not be read."""
        return cls(path=path, text="", read_error=reason)

    @classmethod
    def too_large(cls, path: str, size: int, limit: int) -> Post:
        """An empty post standing for a file over ``max-file-size``."""
        return cls(path=path, text="", refused_size=(size, limit))

    # -- derived views, computed on first use ------------------------------

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @property
    def meta(self) -> dict[str, Any]:
        """The parsed front matter mapping ({} when absent or broken)."""
        fm = self.front_matter
        return fm.data if fm is not None and fm.data is not None else {}

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return str(title) if title is not None else None

    @cached_property
    def body(self) -> str:
        """Body text (everything after the front matter)."""
        if self.body_line <= 1:
            return self.text
        start = (
            self.lines.offset(self.body_line, 1)
            if self.body_line <= len(self.lines.starts)
            else len(self.text)
        )
        return self.text[start:]

    @cached_property
    def blocks(self) -> list[Block]:
        return parse_blocks(self.body, self.body_line)

    def paragraphs(self) -> Iterator[Block]:
        return (b for b in self.blocks if b.kind == "paragraph")

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines inside code blocks (where markers and comments mean nothing)."""
        lines: set[int] = set()
        for b in self.blocks:
            if b.kind == "code":
                lines.update(range(b.start_line, b.end_line + 1))
        return frozenset(lines)

    @cached_property
    def outline(self) -> Outline:
        """Sections under headings, shortcode/tab containers and each block's
        neighbours (see :mod:`post_lint.outline`), indexed like ``blocks``."""
        from .outline import build

        return build(self.blocks, self.body, self.body_line, self.code_lines, self.block_source)

    def memo(self, key: Any, build: Callable[[], _T]) -> _T:
        """The value computed by ``build()`` for ``key``, built on first use and
        kept on this post: how a family's shared analysis (and the marker scan)
        is computed once per post and settings, so every rule reading it agrees.
        ``key`` names the analysis and holds the settings it depends on."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = build()
            return value

    def release(self) -> None:
        """Drop what was built from the post (the shared analyses, blocks,
        outline, line index), once every rule has read it. The analyses and
        the outline refer back to the post: left to the cyclic GC, a post of
        a million paragraphs was freed by a full walk of everything it built
        (about a second), and a run's posts piled up between collections."""
        self._memo.clear()
        for name in _CACHED_PROPERTIES:
            self.__dict__.pop(name, None)

    def block_source(self, block: Block) -> str:
        """The raw source lines of a block, joined with ``\\n``."""
        idx = self.lines
        return self.text[idx.line_start(block.start_line) : idx.line_end(block.end_line)]


#: The names of :class:`Post`'s cached properties (what :meth:`Post.release` drops).
_CACHED_PROPERTIES = tuple(n for n, v in vars(Post).items() if isinstance(v, cached_property))
