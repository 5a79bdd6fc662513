"""The outline of a post's body: sections under headings, and containers.

Part of the one parsed view of a post: :attr:`post_lint.post.Post.outline`
builds it once, from the body blocks and the source text, for the rules that
need to know where a block stands (which heading it is under, which tab pane
or other shortcode it is inside, what comes after it). It reads no Markdown
itself: it only needs the blocks' line spans, kinds and prose.

**Sections.** Every heading opens a section that runs to the next heading of
the same or a higher level; the part before the first heading is section 0
(level 0, no title). A section knows its level, its title (the heading's
prose), its parent section and its *path*, the titles from the outermost
heading down to its own. Two sections whose paths part under headings with
different titles are *parallel* (``## Linux`` / ``## macOS``, or ``### Step
1`` under each): docs repeat the same sentence in each of them on purpose.

**Containers.** Paired tags that enclose Markdown: Hugo shortcodes
(``{{< tabs >}} ... {{< /tabs >}}``, ``{{% codetab %}} ... {{% /codetab
%}}``), Liquid block tags (``{% tab %} ... {% endtab %}``), MDX/JSX
components (``<Tabs>``, ``<TabItem value="js">`` ... ``</TabItem>``) and the
HTML elements that hold text the same way (``<table>`` cells, where
reference pages put per-field text; ``<div>`` panes; ``<details>``). Only a
tag with its closing tag is a container (``{{< ref x >}}`` is not); tags in
code blocks are ignored. Each *instance* is a container of its own, so the
Python pane and the Go pane of one ``tabs`` are two containers with the same
parent.

Cost: one regular-expression scan of the body for tags, then one sweep over
the blocks; both linear in the size of the post.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from .lazyre import lazy
from .records import dataclass, field
from .text import strip_html_comments

if TYPE_CHECKING:
    from .post import Block

#: Hugo shortcodes (``<`` or ``%`` form), Liquid tags, JSX components and
#: the HTML elements that enclose text the way shortcodes do (table cells,
#: where reference pages put per-field text; ``<div>`` panes; ``<details>``).
#: Groups: ``hugo_close``/``hugo`` (name), ``hugo_self`` (a ``/>}}``
#: self-closing tag); ``liquid`` (name, ``end``-prefixed for a closing tag);
#: ``tag_close``/``tag`` (name), ``tag_self``.
_TAG = lazy(
    r"\{\{[<%]-?[ \t]{0,8}(?P<hugo_close>/)?[ \t]{0,8}(?P<hugo>[A-Za-z0-9_][\w./-]{0,60})"
    r"(?:[^{}\n]|\{\{[^{}\n]{0,200}\}\}){0,500}?(?P<hugo_self>/)?[ \t]{0,8}-?[>%]\}\}"
    r"|\{%-?[ \t]{0,8}(?P<liquid>[a-z_][a-z0-9_]{0,40})\b[^%\n]{0,500}?-?%\}"
    r"|<(?P<tag_close>/)?(?P<tag>[A-Z][A-Za-z0-9.]{0,40}|(?i:table|tr|td|th|div|details|section))"
    r"\b[^<>\n]{0,500}?(?P<tag_self>/)?>",
)
#: Liquid tags that pair with ``end<name>`` but are code, not a container of
#: Markdown (the DUP rules treat them as code already) or never enclose text.
_LIQUID_NOT_CONTAINERS = frozenset({"raw", "comment", "highlight", "codeblock"})
#: Most tags looked at in one post; past it, later tags are ignored.
MAX_TAGS = 50_000


@dataclass(frozen=True, slots=True)
class Section:
    """The part of the body under one heading (or before the first one)."""

    index: int
    #: Index in ``post.blocks`` of the heading; None for the part before it.
    heading: int | None
    #: Heading level (1-6); 0 for the part before the first heading.
    level: int
    #: The heading's prose, white space folded ('' for section 0).
    title: str
    parent: int | None
    #: Titles from the outermost enclosing heading down to this one.
    path: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Container:
    """One instance of a paired template tag and what it encloses."""

    index: int
    #: Tag name as written (``tabs``, ``codetab``, ``tab``, ``TabItem``, ``details``).
    name: str
    #: ``hugo``, ``liquid``, ``jsx`` or ``html``.
    syntax: str
    #: Lines of the opening and of the closing tag (1-based, inclusive).
    start_line: int
    end_line: int
    parent: int | None


@dataclass(slots=True)
class Outline:
    """Sections and containers of a post, and where each block stands."""

    sections: list[Section] = field(default_factory=list)
    containers: list[Container] = field(default_factory=list)
    #: Per block (index in ``post.blocks``): its section.
    section_of: list[int] = field(default_factory=list)
    #: Per block: its innermost container, or None at the top.
    container_of: list[int | None] = field(default_factory=list)
    #: Per block: the next block with content (a bare tag line, an empty
    #: paragraph or an HTML comment is skipped), or None at the end.
    next_of: list[int | None] = field(default_factory=list)
    #: Per block: the previous block with content, or None at the start.
    previous_of: list[int | None] = field(default_factory=list)
    #: Per block: whether it has content (see ``next_of``).
    content: list[bool] = field(default_factory=list)

    def parallel(self, a: int, b: int) -> bool:
        """Whether sections ``a`` and ``b`` lie in different branches of the
        heading tree: their paths part at some depth, under headings with
        different titles (``## Linux`` / ``## macOS``, or ``### Python`` under
        each). A section inside another is not parallel to it, and neither is
        the part before the first heading; two sections whose titles repeat
        all the way down (a restarted article) are not either."""
        pa, pb = self.sections[a].path, self.sections[b].path
        if a == b or not pa or not pb:
            return False
        for ta, tb in zip(pa, pb):
            if ta != tb:
                return True
        return False


def build(
    blocks: Sequence[Block],
    body: str,
    first_line: int,
    code_lines: frozenset[int],
    source: Callable[[Block], str],
) -> Outline:
    """The outline of a body (starting at 1-based ``first_line``) and its
    blocks; ``source`` gives a block's source text."""
    out = Outline()
    _sections(blocks, out)
    _containers(body, first_line, code_lines, out)
    _place_blocks(blocks, out)
    _neighbours(blocks, source, out)
    return out


def _sections(blocks: Sequence[Block], out: Outline) -> None:
    out.sections.append(Section(0, None, 0, "", None, ()))
    stack: list[Section] = []
    current = 0
    for i, block in enumerate(blocks):
        if block.kind == "heading" and 1 <= block.level <= 6:
            while stack and stack[-1].level >= block.level:
                stack.pop()
            parent = stack[-1] if stack else None
            title = " ".join(block.prose.split())
            section = Section(
                len(out.sections),
                i,
                block.level,
                title,
                parent.index if parent else None,
                (*parent.path, title) if parent else (title,),
            )
            out.sections.append(section)
            stack.append(section)
            current = section.index
        out.section_of.append(current)


def _containers(body: str, first_line: int, code_lines: frozenset[int], out: Outline) -> None:
    if "{{" not in body and "{%" not in body and "<" not in body:
        return
    newlines = [m.start() for m in re.finditer("\n", body)]
    open_tags: dict[tuple[str, str], list[int]] = {}
    spans: list[tuple[int, int, str, str]] = []
    for n, m in enumerate(_TAG.finditer(body)):
        if n >= MAX_TAGS:
            break
        line = bisect.bisect_left(newlines, m.start()) + first_line
        if line in code_lines:
            continue
        if m.group("hugo"):
            if m.group("hugo_self"):
                continue
            syntax, name, closing = "hugo", m.group("hugo"), bool(m.group("hugo_close"))
        elif m.group("liquid"):
            name = m.group("liquid")
            closing = name.startswith("end")
            if closing:
                name = name[3:]
            if name in _LIQUID_NOT_CONTAINERS or not name:
                continue
            syntax = "liquid"
        else:
            if m.group("tag_self"):
                continue
            name, closing = m.group("tag"), bool(m.group("tag_close"))
            syntax = "jsx" if name[0].isupper() and name[1:] != name[1:].upper() else "html"
            if syntax == "html":
                name = name.lower()
        key = (syntax, name)
        if not closing:
            open_tags.setdefault(key, []).append(line)
            continue
        opened = open_tags.get(key)
        if opened:
            spans.append((opened.pop(), line, name, syntax))
    # Nest by span: a container lies inside the innermost one that holds it.
    spans.sort(key=lambda s: (s[0], -s[1]))
    stack: list[Container] = []
    for start, end, name, syntax in spans:
        while stack and stack[-1].end_line < end:
            stack.pop()
        parent = stack[-1].index if stack else None
        c = Container(len(out.containers), name, syntax, start, end, parent)
        out.containers.append(c)
        stack.append(c)


def _place_blocks(blocks: Sequence[Block], out: Outline) -> None:
    containers = out.containers
    if not containers:
        out.container_of = [None] * len(blocks)
        return
    active: list[Container] = []
    nxt = 0
    for block in blocks:
        while nxt < len(containers) and containers[nxt].start_line <= block.start_line:
            c = containers[nxt]
            while active and active[-1].end_line < c.start_line:
                active.pop()
            active.append(c)
            nxt += 1
        while active and active[-1].end_line < block.start_line:
            active.pop()
        inner = None
        for c in reversed(active):
            if c.end_line >= block.end_line:
                inner = c.index
                break
        out.container_of.append(inner)


def _neighbours(blocks: Sequence[Block], source: Callable[[Block], str], out: Outline) -> None:
    n = len(blocks)
    contentful = out.content = [_has_content(b, source) for b in blocks]
    out.next_of = [None] * n
    out.previous_of = [None] * n
    last: int | None = None
    for i in range(n):
        out.previous_of[i] = last
        if contentful[i]:
            last = i
    following: int | None = None
    for i in range(n - 1, -1, -1):
        out.next_of[i] = following
        if contentful[i]:
            following = i


def _has_content(block: Block, source: Callable[[Block], str]) -> bool:
    if block.kind == "paragraph":
        return bool(block.prose.strip()) or block.images > 0
    if block.kind == "html":
        text = source(block)
        return "<!--" not in text or bool(strip_html_comments(text).strip())
    return True
