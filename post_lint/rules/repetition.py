"""DUP: repetition — repeated, near-duplicate and merged paragraphs, the title repeated.

All four rules read one shared analysis of the post (computed once per post
and set of options, see :func:`_analyse`), so that each paragraph gets at most
one DUP finding and the fixes they carry never rely on text that another DUP
fix removes.

What is compared is the prose of paragraphs (:attr:`Block.prose`): code
blocks, tables, HTML blocks and headings are not prose; link-only and
image-only paragraphs, paragraphs too short to mean much, and short list
items are skipped. Prose is compared in a *key* form: NFKC, case-folded, with
white space removed, leaked generation markers (``---END---``,
``<|endoftext|>``, ``</s>``; see :mod:`post_lint.markers`) dropped and a leading or trailing ``...`` trimmed.

Cost grows linearly with the post: paragraphs are hashed by key (DUP001),
sentences ("chunks" ending in ``.``, ``。``, ``!``, ``?``) are indexed to find
the paragraphs a long paragraph is made of (DUP003), and shingles of four
tokens (a Latin word or one Chinese/Japanese character per token) are indexed
with capped posting lists to find earlier paragraphs sharing many of them
(DUP002). No pair of paragraphs is compared unless the index proposes it, and
every verification is bounded by a budget proportional to the post's size.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import compress, repeat
from operator import and_, is_, is_not, not_
from typing import Any

from .. import regex_engine as regex
from ..diagnostics import Diagnostic, Fix
from ..edits import delete_block
from ..lazyre import lazy, lazy_regex, texts_matching
from ..markers import EXTRA_MARKERS, marker_hint_finder, normalize_extra, remove_all
from ..markers import scan as scan_markers
from ..post import Block, Post
from ..records import dataclass, field, fields
from ..text import (
    CJK_CLASS,
    CLOSERS,
    SENTENCE_END,
    STRAIGHT_QUOTES,
    count_cjk,
    fold_whitespace,
    normalize,
)
from ..textmemo import TextMemo
from .base import (
    FamilySettings,
    Options,
    Rule,
    at_least,
    between,
    family,
    non_blank_strings,
    rule,
)

# -- text forms ----------------------------------------------------------------

#: One token: a single Chinese/Japanese character (kana, kanji, hanzi), or a
#: run of other letters and digits (a Latin, Cyrillic, Greek or Hangul word,
#: a number). The standard ``re`` module is used here: it is the hot loop.
_TOKEN = lazy(rf"[{CJK_CLASS}]|[^\W{CJK_CLASS}_]+")
#: The same tokens in ASCII text (letters and digits), twice as fast.
_ASCII_TOKEN = lazy(r"[a-zA-Z0-9]+")
#: Characters that take two columns (East Asian wide and fullwidth).
_WIDE = lazy_regex(r"[\p{ea=W}\p{ea=F}]")
#: Display math (``$$ ... $$``, ``\\[ ... \\]``): formulas, not prose.
_DISPLAY_MATH = lazy_regex(r"\$\$.{0,20000}?\$\$|\\\[.{0,20000}?\\\]", regex.S)
#: A source line that is nothing but a URL: a link card or a reference entry.
_URL_LINE = lazy_regex(r"^[ \t>*+-]{0,8}<?(?:https?|ftp)://\S{1,2000}>?[ \t]{0,8}$", regex.M)
#: Liquid/Hugo code tags: the paragraph is code, not prose.
_TEMPLATE_CODE = lazy_regex(
    r"\{%-?\s{0,5}(?P<end>end)?(?:highlight|codeblock)\b"
    r"|\{\{[<%]\s{0,5}(?P<close>/)?\s{0,5}(?:highlight|code)\b"
)
#: An HTML tag: a paragraph holding one is markup, not a repeated title.
_HTML_TAG = lazy_regex(r"</?[a-zA-Z][a-zA-Z0-9-]{0,30}[\s/>]")
#: A leading or trailing ellipsis: a generator's "continued" mark.
_ELLIPSIS_EDGE = lazy_regex(r"^(?:\.{2,}|…+)|(?:\.{2,}|…+)$")
#: The end of a chunk (sentence) in key form: terminators, then closing quotes.
_CHUNK_END = lazy(f"[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSERS + STRAIGHT_QUOTES)}]*")
#: What may separate the paragraphs run together in a merged one.
_SEPARATOR_ONLY = lazy_regex(r"[\p{P}\p{S}\s]*")
#: Last characters (of a comparison key) that end a sentence: a part that
#: ends otherwise is a cut, and the merged paragraph may hold the only
#: complete copy of that sentence.
_SENTENCE_END = frozenset(SENTENCE_END + CLOSERS + STRAIGHT_QUOTES)
#: Markup characters stripped from a title before comparing it with prose.
_TITLE_MARKUP = lazy_regex(r"[`*_~#]+")

#: Chinese and Japanese characters that count as one word for ``min-words``
#: (a sentence of 8 English words takes some 20 to 30 of them).
CJK_CHARS_PER_WORD = 3
#: Shingle length in tokens (words, or CJK characters).
SHINGLE_SIZE = 4
#: A shingle in more paragraphs than this is boilerplate: it stops counting.
POSTING_CAP = 8
#: A sentence in more paragraphs than this is not used to find merged ones.
CHUNK_POSTING_CAP = 4
#: Chunks shorter than this (in key characters) are not indexed.
MIN_CHUNK_CHARS = 8
#: Paragraphs shorter than this (key characters) are never named as a part of
#: a merged paragraph.
MIN_PART_CHARS = 12
#: How many best candidates DUP002 checks for each paragraph.
CANDIDATES = 3
#: Share of the smaller paragraph's shingles found in the larger one above
#: which one is taken to contain the other (prefix/containment).
CONTAINMENT = 0.9
#: Share of ``lead-in-max-words`` a lead-in or caption not ending with a
#: colon may use (30 of 40 words).
SHORT_ROLE = 0.75
#: Paragraphs that may stand between a near-copy and its original when no
#: other evidence (marker, run) says a generator wrote it.
NEAR_GAP = 1
#: Characters compared in verification, per character of the post.
VERIFY_BUDGET_PER_CHAR = 16


def _key_form(normalized: str) -> str:
    """Comparison key: normalized text (white space already folded to single
    spaces) without white space or edge ellipses."""
    compact = normalized.replace(" ", "")
    if compact.startswith(("..", "…")) or compact.endswith(("..", "…")):
        compact = _ELLIPSIS_EDGE.sub("", compact)
    return compact


def _at_least_width(text: str, columns: int) -> bool:
    """Whether ``text`` takes at least ``columns`` display columns (CJK count two)."""
    if len(text) >= columns:
        return True
    return len(text) + len(_WIDE.findall(text)) >= columns


def _chunks(key: str) -> list[tuple[int, str]]:
    """(offset, chunk) for each sentence-like chunk of a key."""
    ends = [m.end() for m in _CHUNK_END.finditer(key)]
    if not ends or ends[-1] < len(key):
        ends.append(len(key))
    starts = [0, *ends[:-1]]
    return [(a, key[a:b]) for a, b in zip(starts, ends)] if key else []


def _shingles(tokens: tuple[str, ...], context: str) -> frozenset[int]:
    """Hashes of every run of SHINGLE_SIZE tokens (salted by the context)."""
    if len(tokens) < SHINGLE_SIZE:
        return frozenset({hash((context, *tokens))} if tokens else ())
    runs = [tokens[i:] for i in range(SHINGLE_SIZE)]
    if context:  # hash((context, t1, t2, t3, t4)), as a tuple of zip builds it
        return frozenset(map(hash, zip(repeat(context), *runs)))
    return frozenset(map(hash, zip(*runs)))


# -- settings ------------------------------------------------------------------

#: The options every comparing rule (DUP001-DUP003) reads, declared once;
#: ``[rules.DUP]`` sets them for all three, a rule's own table for itself.
FAMILY = family(
    "DUP",
    "repetition",
    options={
        "min_chars": 40,
        "min_words": 8,
        "list_item_min_words": 40,
        "quotes": False,
        "allow_section_boilerplate": True,
        "lead_in_max_words": 40,
        "min_run": 3,
        EXTRA_MARKERS: [],
    },
    validate={
        "min_chars": at_least(0),
        "min_words": at_least(0),
        "list_item_min_words": at_least(0),
        "lead_in_max_words": at_least(0),
        "min_run": at_least(2),
        EXTRA_MARKERS: non_blank_strings,
    },
)


@dataclass(frozen=True)
class _Thresholds:
    """What one comparing rule asks of a paragraph before comparing it (its
    resolved family options)."""

    min_chars: int
    min_words: int
    list_item_min_words: int
    quotes: bool
    allow_section_boilerplate: bool
    lead_in_max_words: int
    min_run: int

    @classmethod
    def of(cls, options: Options) -> _Thresholds:
        return cls(**{f.name: options[f.name] for f in fields(cls)})


@dataclass(frozen=True)
class _Settings:
    """The DUP family's settings as its one shared analysis reads them: each
    comparing rule's thresholds, so that every rule's paragraphs are judged by
    its own options and all four rules read the same findings."""

    exact: _Thresholds  # DUP001
    near: _Thresholds  # DUP002
    merged: _Thresholds  # DUP003
    similarity: float
    near_min_words: int
    min_ratio: float
    min_parts: int
    #: Extra markers of every DUP rule (ignored when comparing).
    extra_markers: frozenset[str]

    @classmethod
    def of(cls, settings: FamilySettings) -> _Settings:
        near, merged = settings["DUP002"], settings["DUP003"]
        extra = frozenset().union(*map(normalize_extra, settings.values(EXTRA_MARKERS)))
        return cls(
            _Thresholds.of(settings["DUP001"]),
            _Thresholds.of(near),
            _Thresholds.of(merged),
            near["similarity"],
            near["near_min_words"],
            near["min_ratio"],
            merged["min_parts"],
            extra,
        )

    @property
    def quotes(self) -> bool:
        """Does any comparing rule compare quoted paragraphs?"""
        return self.exact.quotes or self.near.quotes or self.merged.quotes


# -- the analysis ----------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Para:
    index: int
    block: Block
    #: "" for top-level prose, "list", "quote" or "footnote": paragraphs are
    #: only compared with paragraphs of the same context.
    context: str
    key: str
    tokens: tuple[str, ...]
    words: float
    #: Long enough (and of a kind) to be compared by DUP001, DUP002, DUP003.
    for_exact: bool
    for_near: bool
    for_merged: bool
    #: Where it stands (see :func:`_paragraphs`): index in ``post.blocks``,
    #: the comparison scope (context plus the shortcode/tab container
    #: instance), its section, and its place in that section.
    bi: int = 0
    scope: str = ""
    section: int = 0
    #: (content blocks before it in its section, kind of the block before it)
    #: and (content blocks after it, the same kind): see :func:`_places`.
    place_start: tuple[int, str] = (0, "")
    place_end: tuple[int, str] = (0, "")
    #: Roles of a short paragraph around code (see :func:`_roles`): ``intro``
    #: (ends with a colon, or code, a list or a table follows) and
    #: ``caption`` (code, a list or a table comes right before it).
    roles: frozenset[str] = frozenset()
    #: Next to a leaked marker, or opening with a "continued" ellipsis.
    marked: bool = False

    @property
    def ckey(self) -> str:
        """The key with its scope: what DUP001 compares."""
        return self.scope + "\x00" + self.key


@dataclass(slots=True)
class _Finding:
    code: str
    para: _Para
    message: str
    #: The earlier paragraph it repeats (DUP001, DUP002), or the parts it
    #: runs together (DUP003).
    original: _Para | None = None
    parts: tuple[_Para, ...] = ()
    #: Paragraphs the fix removes (whole source lines), and how safely.
    remove: tuple[_Para, ...] = ()
    applicability: str = "unsafe"
    #: DUP002: the paragraph completes an earlier, shorter one.
    extends: bool = False


@dataclass
class _Analysis:
    findings: dict[str, list[_Finding]] = field(
        default_factory=lambda: {"DUP001": [], "DUP002": [], "DUP003": [], "DUP004": []}
    )


class _Budget:
    """Characters left for verification; keeps the worst case linear."""

    __slots__ = ("left",)

    def __init__(self, total: int) -> None:
        self.left = total

    def spend(self, n: int) -> bool:
        if n > self.left:
            return False
        self.left -= n
        return True


#: FamilySettings -> _Settings: resolved once per configuration, not once
#: per rule and post (bounded: cleared when it grows past a few dozen).
_RESOLVED: dict[FamilySettings, _Settings] = {}


def _analysis(post: Post, code: str, options: Options) -> _Analysis:
    """The family's one analysis of ``post``, memoised on the post under the
    family settings (every DUP rule of one configuration reads the same)."""
    family_settings = FAMILY.settings(code, options)
    settings = _RESOLVED.get(family_settings)
    if settings is None:
        if len(_RESOLVED) > 64:
            _RESOLVED.clear()
        settings = _RESOLVED[family_settings] = _Settings.of(family_settings)
    return post.memo(("DUP", settings), lambda: _analyse(post, settings))


def _context(block: Block) -> str:
    if block.in_list:
        return "list"
    if block.in_quote:
        return "quote"
    if block.in_footnote:
        return "footnote"
    return ""


class _Builder:
    """Builds the compared form of each paragraph (:class:`_Para`), with what
    every paragraph reads worked out once (the outline, the places, the
    markers) and only when a paragraph needs it."""

    def __init__(self, post: Post, s: _Settings) -> None:
        self.post, self.s = post, s
        self.blocks = post.blocks
        self.template_code = _template_code_spans(post) if "{" in post.text else []
        self.marks = scan_markers(post, s.extra_markers)
        #: Whether the post holds any marker (asked once per paragraph).
        self.has_marks = bool(self.marks)
        self.hinted = _hinted_blocks(self.blocks) if not s.extra_markers else None
        self._places: dict[int, tuple[tuple[int, str], tuple[int, str]]] | None = None
        self._marker_blocks: set[int] | None = None
        #: Indexes of paragraphs built after the first pass (see :meth:`late`).
        self.next_index = 0
        self.late_built: dict[int, _Para | None] = {}

    def in_template_code(self, block: Block) -> bool:
        return bool(self.template_code) and _inside(self.template_code, block.start_line)

    def places(self) -> dict[int, tuple[tuple[int, str], tuple[int, str]]]:
        if self._places is None:
            self._places = _places(self.post)
        return self._places

    def marker_blocks(self) -> set[int]:
        if self._marker_blocks is None:
            marks = self.marks
            self._marker_blocks = {
                bi for bi, b in enumerate(self.blocks) if marks and marks.is_marker_block(b)
            }
        return self._marker_blocks

    def key_of(self, block: Block) -> str:
        """The key of an inert paragraph (its prose is its text: see :func:`_paragraphs`)."""
        return _key_form(normalize(block.prose))

    def late(self, bi: int) -> _Para | None:
        """The paragraph of an inert block, built on demand (once)."""
        if bi not in self.late_built:
            para = self.para(bi, self.blocks[bi], self.next_index)
            if para is not None:
                self.next_index += 1
            self.late_built[bi] = para
        return self.late_built[bi]

    def para(self, bi: int, block: Block, index: int) -> _Para | None:
        """The compared form of a paragraph that :func:`_paragraphs` keeps
        (None if it is no prose: display math, template code, a URL line,
        nothing left)."""
        post, s, blocks, marks = self.post, self.s, self.blocks, self.marks
        text = marks.prose(block)
        as_is = self.hinted is not None and bi not in self.hinted
        if "$" in text or "\\[" in text:
            text = _DISPLAY_MATH.sub(" ", text)
            if "$$" in text:  # display math split by blank lines: not prose
                return None
            as_is = False  # the substitution may have made a hint
        if self.in_template_code(block):
            return None
        source = post.block_source(block)
        if "://" in source and _URL_LINE.search(source):
            return None
        normalized, key, tokens, words = _text_form(text, as_is, s.extra_markers)
        if not key:
            return None
        context = _context(block)
        outline = post.outline
        container = outline.container_of[bi]
        scope = context if container is None else f"{context}#{container}"
        nxt, prev = outline.next_of[bi], outline.previous_of[bi]
        lead_in = s.exact.lead_in_max_words
        roles = (
            _roles(block, normalized, blocks, nxt, prev, words <= lead_in * SHORT_ROLE)
            if words <= lead_in
            else frozenset()
        )
        marker_blocks = self.marker_blocks() if marks else ()
        marked = (
            (nxt is not None and nxt in marker_blocks)
            or (prev is not None and prev in marker_blocks)
            or normalized.startswith(("..", "…"))
            or (bool(marks) and marks.in_lines(block.start_line, block.end_line))
        )
        start, end = self.places().get(bi, ((0, ""), (0, "")))
        return _Para(
            index,
            block,
            context,
            key,
            tokens,
            words,
            _compared(s.exact, context, words, normalized),
            _compared(s.near, context, words, normalized),
            _compared(s.merged, context, words, normalized),
            bi,
            scope,
            outline.section_of[bi],
            start,
            end,
            roles,
            marked,
        )


def _compute_text_form(
    text: str, as_is: bool, extra_markers: frozenset[str]
) -> tuple[str, str, tuple[str, ...], float]:
    """What a paragraph's prose gives DUP, from its text alone: the
    normalised text, its key form, its tokens and its length in words
    (CJK characters counted as ``1 / CJK_CHARS_PER_WORD`` words each)."""
    normalized = normalize(text if as_is else remove_all(text, extra_markers))
    key = _key_form(normalized)
    if not key:
        return normalized, key, (), 0.0
    if normalized.isascii():
        tokens, cjk = _ASCII_TOKEN.findall(normalized), 0
    else:
        tokens, cjk = _TOKEN.findall(normalized), count_cjk(normalized)
    return normalized, key, tuple(tokens), len(tokens) - cjk + cjk / CJK_CHARS_PER_WORD


#: How much text (characters; tokens for shingles) DUP's memos hold: a token
#: list costs far more than its text (a CJK character is a token of its own),
#: and a 250,000-character post is about four times the worked example.
DUP_MEMO_CHARS = 250_000

#: :func:`_compute_text_form`, remembered across lints (a re-lint of an
#: edited post pays only for the paragraphs that changed).
_text_form = TextMemo(_compute_text_form, max_total_chars=DUP_MEMO_CHARS)

#: :func:`_shingles` of (a paragraph's tokens, its scope), remembered likewise.
_shingles_of = TextMemo(_shingles, max_total_chars=DUP_MEMO_CHARS)


def _inert_limit(s: _Settings) -> int:
    """Prose shorter than this many characters (ASCII) is compared by no rule
    (shorter than each rule's ``min-chars`` or ``min-words``) and is too
    short to be a part of a merged paragraph."""
    limit = MIN_PART_CHARS
    for t in (s.exact, s.near, s.merged):
        limit = min(limit, max(t.min_chars, t.min_words))
    return limit


def _paragraphs(builder: _Builder) -> tuple[list[_Para], list[int]]:
    """The compared paragraphs, and the block indexes of the inert ones, in
    order (judged over all the blocks at once, mostly in C loops: a post can
    have a million).

    A block is left out altogether (neither compared nor one of the
    paragraphs around others) unless it is a paragraph that is not only a
    link or an image, nor quoted (unless ``quotes``).

    A paragraph is *inert* when its prose alone shows that it is too short
    to be compared by any rule or named as a part: ASCII prose shorter than
    :func:`_inert_limit` (its key and width are no longer than the prose,
    and it has no more words than characters), with no marker, math or URL
    in it. Inert paragraphs (outside template code) are built only when the
    judge or DUP004 reads them (:meth:`_Builder.late`)."""
    limit = _inert_limit(builder.s)
    quotes = builder.s.quotes
    hinted = builder.hinted
    marks = builder.marks if builder.has_marks else None
    template = builder.template_code
    blocks = builder.blocks
    kept = [
        bi
        for bi, b in enumerate(blocks)
        if b.kind == "paragraph"
        and not b.link_only
        and not b.image_only
        and (quotes or not b.containers or not b.in_quote)
    ]
    # Which are inert, judged in C over them all (a post can have a million
    # tiny paragraphs): short ASCII prose, then the few exceptions by index.
    if hinted is None:
        maybe_inert = [False] * len(kept)
    else:
        proses = [blocks[bi].prose for bi in kept]
        maybe_inert = list(map(and_, map(limit.__gt__, map(len, proses)), map(str.isascii, proses)))
        for k in texts_matching(_NOT_INERT_HINT, proses):
            maybe_inert[k] = False
        if hinted:
            where = dict(zip(kept, range(len(kept))))
            for bi in hinted:
                k = where.get(bi)
                if k is not None:
                    maybe_inert[k] = False
        if marks is not None:
            for k in compress(range(len(kept)), maybe_inert):
                block = blocks[kept[k]]
                if marks.in_lines(block.start_line, block.end_line):
                    maybe_inert[k] = False
    inert = list(compress(kept, maybe_inert))
    if template:
        inert = [bi for bi in inert if not _inside(template, blocks[bi].start_line)]
    paras: list[_Para] = []
    build = builder.para
    for bi in compress(kept, map(not_, maybe_inert)):
        para = build(bi, blocks[bi], len(paras))
        if para is not None:
            paras.append(para)
    builder.next_index = len(paras)
    return paras, inert


#: What keeps a short ASCII paragraph from being inert: math or a URL.
_NOT_INERT_HINT = lazy(r"\$|\\\[|://")


def _hinted_blocks(blocks: list[Block]) -> set[int]:
    """Indexes of the paragraphs whose prose holds a marker hint, found in
    one search (without a hint, :func:`remove_all` leaves a paragraph as it
    is)."""
    indexes = [bi for bi, b in enumerate(blocks) if b.kind == "paragraph"]
    found = texts_matching(marker_hint_finder(), [blocks[bi].prose for bi in indexes])
    return {indexes[k] for k in found}


def _compared(t: _Thresholds, context: str, words: float, normalized: str) -> bool:
    """Is a paragraph (its context, words and text) long enough, and of a
    kind, to be compared by the rule with thresholds ``t``?"""
    if context == "quote" and not t.quotes:
        return False
    if context == "list" and words < t.list_item_min_words:
        return False
    return words >= t.min_words and _at_least_width(normalized, t.min_chars)


def _roles(
    block: Block,
    normalized: str,
    blocks: list[Block],
    nxt: int | None,
    prev: int | None,
    shorter: bool,
) -> frozenset[str]:
    """What a short paragraph does around code: ``intro`` when it ends with a
    colon or is followed by code, a table, HTML or a list it is not part of
    (a lead-in: "Trigger a canary deployment by updating the container
    image:"); ``caption`` when code, a table, HTML or a list comes right
    before it ("The added labels will merge on top of the defaults."). Only
    a paragraph ending with a colon may use all of ``lead-in-max-words``;
    the others must be ``shorter`` (a share ``SHORT_ROLE`` of it): blog prose
    between code blocks is longer."""
    roles = set()
    if normalized.endswith((":", "：")):
        roles.add("intro")
    elif not shorter:
        return frozenset()
    elif nxt is not None:
        following = blocks[nxt]
        if following.kind in ("code", "table", "html") or (following.in_list and not block.in_list):
            roles.add("intro")
    if prev is not None and shorter:
        before = blocks[prev]
        if before.kind in ("code", "table", "html") or (before.in_list and not block.in_list):
            roles.add("caption")
    return frozenset(roles)


def _places(post: Post) -> dict[int, tuple[tuple[int, str], tuple[int, str]]]:
    """For each content block that is not a heading: (how many content blocks
    come before it in its section, the kind of the block before it) and (how
    many come after it, the same kind). A heading or the start of the post
    counts as the kind ``edge``, and so does whatever precedes the last block
    of a section: two paragraphs that each open a section are at the same
    place, so are two that each close one, and so are two that stand third
    after a code block in theirs."""
    outline = post.outline
    blocks = post.blocks
    members: dict[int, list[int]] = {}
    for bi, block in enumerate(blocks):
        if outline.content[bi] and block.kind != "heading":
            members.setdefault(outline.section_of[bi], []).append(bi)

    def kind(bi: int | None) -> str:
        if bi is None or blocks[bi].kind == "heading":
            return "edge"
        return "list" if blocks[bi].in_list else blocks[bi].kind

    out: dict[int, tuple[tuple[int, str], tuple[int, str]]] = {}
    for indexes in members.values():
        n = len(indexes)
        for k, bi in enumerate(indexes):
            before = kind(outline.previous_of[bi])
            after = n - 1 - k
            out[bi] = ((k, before), (after, before if after else "edge"))
    return out


def _template_code_spans(post: Post) -> list[tuple[int, int]]:
    """Line spans of Liquid ``{% highlight %}`` (and Octopress ``{% codeblock %}``)
    and Hugo ``{{< highlight >}}`` blocks: code that Markdown sees as
    paragraphs. (``{% raw %}`` is not code: whole posts are wrapped in it.)"""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for m in _TEMPLATE_CODE.finditer(post.text):
        line = post.lines.position(m.start())[0]
        closing = m.group("end") or m.group("close")
        if closing and start is not None:
            spans.append((start, line))
            start = None
        elif not closing and start is None:
            start = line
    if start is not None:
        spans.append((start, post.lines.line_count))
    return spans


def _inside(spans: list[tuple[int, int]], line: int) -> bool:
    i = bisect.bisect_right(spans, (line, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= line <= spans[i][1]


def _title_key(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return _key_form(normalize(_TITLE_MARKUP.sub("", str(value)))) or None


def _analyse(post: Post, s: _Settings) -> _Analysis:
    out = _Analysis()
    builder = _Builder(post, s)
    paras, inert = _paragraphs(builder)
    if not paras and not inert:
        return out
    budget = _Budget(VERIFY_BUDGET_PER_CHAR * len(post.text) + 10_000)
    taken: dict[int, _Finding] = {}  # paragraph index -> its one finding

    _find_title_repeats(post, paras, inert, builder, out, taken)
    _find_exact_repeats(post, paras, s, out, taken)
    merged = _find_merged(paras, s, out, taken, budget)
    _find_near_duplicates(paras, s, merged, out, taken, budget)
    if any(out.findings[code] for code in ("DUP001", "DUP002", "DUP003")):
        # The judge reads every paragraph around the repeats, inert ones too.
        if inert:
            late = [p for p in map(builder.late, inert) if p is not None]
            paras = sorted(paras + late, key=lambda p: p.bi)
        _judge(post, paras, s, out, budget)
    return out


def _find_title_repeats(
    post: Post,
    paras: list[_Para],
    inert: list[int],
    builder: _Builder,
    out: _Analysis,
    taken: dict[int, _Finding],
) -> None:
    """DUP004: top-level paragraphs whose text is the title."""
    title = _title_key(post.meta.get("title"))
    if title is None:
        return
    candidates = [p for p in paras if not p.context and len(p.key) == len(title)]
    late = _inert_title_candidates(builder, inert, title)
    if late:
        candidates = sorted(candidates + late, key=lambda p: p.bi)
    for p in candidates:
        if _TITLE_MARKUP.sub("", p.key) == title:
            source = post.block_source(p.block)
            if _HTML_TAG.search(source):
                continue
            safe = "[" not in source
            f = _Finding(
                "DUP004",
                p,
                "paragraph repeats the front-matter title",
                remove=(p,),
                applicability="safe" if safe else "unsafe",
            )
            out.findings["DUP004"].append(f)
            taken[p.index] = f


#: Up to this many inert paragraphs, :func:`_inert_title_candidates` reads
#: each instead of searching them all with a pattern made of the title.
_FEW_INERT = 200


def _inert_title_candidates(builder: _Builder, inert: list[int], title: str) -> list[_Para]:
    """The inert top-level paragraphs whose key is as long as the title,
    built: those whose prose holds the title's characters in order (found in
    one search over every inert paragraph's prose, before any per-paragraph
    test: a post can have a million of them; an inert paragraph's key is its
    ASCII prose, lower-cased, without white space)."""
    blocks = builder.blocks
    if not title.isascii() or not inert:
        return []
    size = len(title)
    prose = [blocks[bi].prose for bi in inert]
    if len(inert) <= _FEW_INERT or "\x00" in "".join(prose):
        # (a few: reading each costs less than compiling the title's pattern)
        hits = set(range(len(inert)))
    else:
        # Not anchored at a paragraph's start: a match cannot run past the
        # separator, so a paragraph holds one exactly when it holds the
        # title's characters in order.
        gap = "[^\x00]*?"
        finder = re.compile(gap.join(map(re.escape, title)), re.IGNORECASE | re.ASCII)
        hits = texts_matching(finder, prose, "\x00")
    found = []
    for k in sorted(hits):
        bi = inert[k]
        block = blocks[bi]
        if not block.is_top_level or len(block.prose) < size:
            continue  # not top level, or too short
        if len(builder.key_of(block)) == size:
            p = builder.late(bi)
            if p is not None and not p.context:
                found.append(p)
    return found


def _raw(post: Post, p: _Para, s: _Settings) -> str:
    return fold_whitespace(remove_all(post.block_source(p.block), s.extra_markers))


def _find_exact_repeats(
    post: Post, paras: list[_Para], s: _Settings, out: _Analysis, taken: dict[int, _Finding]
) -> None:
    """DUP001: later paragraphs whose key equals an earlier one's."""
    first: dict[str, _Para] = {}
    seen: Counter[str] = Counter()
    for p in paras:
        if not p.for_exact or p.index in taken:
            continue
        original = first.get(p.ckey)
        if original is None:
            first[p.ckey] = p
            seen[p.ckey] = 1
            continue
        seen[p.ckey] += 1
        nth = seen[p.ckey]
        times = f" ({_ordinal(nth)} occurrence)" if nth > 2 else ""
        # Safe when the copy's source is the same text; a copy with more in
        # it (a link the first lacks, other markup) may be the one to keep.
        same = _raw(post, p, s) == _raw(post, original, s)
        f = _Finding(
            "DUP001",
            p,
            f"paragraph repeats the one at line {original.block.start_line}{times}",
            remove=(p,),
            applicability="safe" if same else "unsafe",
            original=original,
        )
        out.findings["DUP001"].append(f)
        taken[p.index] = f


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _find_merged(
    paras: list[_Para],
    s: _Settings,
    out: _Analysis,
    taken: dict[int, _Finding],
    budget: _Budget,
) -> set[int]:
    """DUP003: paragraphs that are two or more others run together.

    Returns every paragraph that *looks* merged (contains two or more others
    whole), reported or not. That set does not depend on the options, so
    every analysis of the post agrees on it and DUP002 leaves those
    paragraphs alone: its fixes never lean on a paragraph DUP003 removes.
    """
    index: dict[str, list[tuple[_Para, int]] | None] = {}
    distinct: dict[str, _Para] = {}
    chunks: dict[int, list[tuple[int, str]]] = {}
    for p in paras:
        if len(p.key) >= MIN_PART_CHARS and p.ckey not in distinct:
            distinct[p.ckey] = p
    own_chunks = [(p, _chunks(p.key)) for p in distinct.values()]
    # A part is found through a sentence it shares with the merged paragraph:
    # with no sentence in two of them (the common case), nothing is merged.
    keys = [
        p.scope + "\x00" + chunk
        for p, own in own_chunks
        for _, chunk in own
        if len(chunk) >= MIN_CHUNK_CHARS
    ]
    if len(set(keys)) == len(keys):
        return set()
    for p, own in own_chunks:
        if len(own) >= 2 and len(p.key) >= 2 * MIN_PART_CHARS:
            chunks[p.index] = own  # it may hold two parts: searched below
        for offset, chunk in own:
            if len(chunk) < MIN_CHUNK_CHARS:
                continue
            chunk_key = p.scope + "\x00" + chunk
            postings = index.get(chunk_key, [])
            if postings is None:
                continue
            if len(postings) >= CHUNK_POSTING_CAP:
                index[chunk_key] = None
                continue
            postings.append((p, offset))
            index[chunk_key] = postings
    merged: set[int] = set()
    for m in paras:
        if len(m.key) < 2 * MIN_PART_CHARS or distinct.get(m.ckey) is not m:
            continue
        if m.index in taken:  # the title
            continue
        parts = _contained_parts(m, chunks.get(m.index, ()), index, budget)
        if len(parts) < 2:
            continue
        merged.add(m.index)
        if not m.for_merged or sum(1 for _, _, p in parts if p.for_merged) < s.min_parts:
            continue
        covered = sum(end - start for start, end, _ in parts)
        residue: list[str] = []
        pos = 0
        for start, end, _ in parts:
            residue.append(m.key[pos:start])
            pos = end
        residue.append(m.key[pos:])
        complete = _SEPARATOR_ONLY.fullmatch("".join(residue)) is not None
        # Removing the merged paragraph is lossless only if no part boundary
        # splits a sentence (a cut part plus its continuation would otherwise
        # leave the sentence whole nowhere).
        removable = complete and all(p.key[-1:] in _SENTENCE_END for _, _, p in parts[:-1])
        named = sorted({p.block.start_line for _, _, p in parts})
        share = "" if complete else f"; {100 * covered // len(m.key)}% of it"
        f = _Finding(
            "DUP003",
            m,
            f"paragraph runs together {len(named)} other paragraphs "
            f"(lines {_line_list(named)}){share}",
            remove=(m,) if removable else (),
            parts=tuple(p for _, _, p in parts),
        )
        out.findings["DUP003"].append(f)
        taken[m.index] = f
    return merged


def _line_list(lines: list[int], shown: int = 12) -> str:
    if len(lines) <= shown:
        return ", ".join(map(str, lines))
    return ", ".join(map(str, lines[:shown])) + f" and {len(lines) - shown} more"


def _contained_parts(
    m: _Para,
    chunks: Iterable[tuple[int, str]],
    index: dict[str, list[tuple[_Para, int]] | None],
    budget: _Budget,
) -> list[tuple[int, int, _Para]]:
    """Other paragraphs found whole inside ``m`` (key offsets), not overlapping."""
    key = m.key
    tried: set[tuple[int, int]] = set()
    matches: list[tuple[int, int, _Para]] = []
    for offset, chunk in chunks:
        if len(chunk) < MIN_CHUNK_CHARS:
            continue
        for p, p_offset in index.get(m.scope + "\x00" + chunk) or ():
            if p is m or len(p.key) >= len(key):
                continue
            start = offset - p_offset
            if start < 0 or (p.index, start) in tried:
                continue
            tried.add((p.index, start))
            if not budget.spend(len(p.key)):
                return []
            if key.startswith(p.key, start):
                matches.append((start, start + len(p.key), p))
    matches.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    chosen: list[tuple[int, int, _Para]] = []
    end = 0
    for start, stop, p in matches:
        if start >= end:
            chosen.append((start, stop, p))
            end = stop
    return chosen


def _find_near_duplicates(
    paras: list[_Para],
    s: _Settings,
    merged: set[int],
    out: _Analysis,
    taken: dict[int, _Finding],
    budget: _Budget,
) -> None:
    """DUP002: near-duplicates, and a paragraph contained in another."""
    # shingle (with context) -> paragraph index, or a list of them; -1: too common
    postings: dict[int, int | list[int]] = {}
    sizes: dict[int, int] = {}
    by_index = {p.index: p for p in paras}
    compared = [
        (a, _shingles_of(a.tokens, a.scope))
        for a in paras
        if a.for_near and a.index not in merged and a.index not in taken
    ]
    # No shingle in two paragraphs (the common case): nothing to find.
    if sum(len(sh) for _, sh in compared) == len(set().union(*(sh for _, sh in compared))):
        return
    for a, shingles in compared:
        if not shingles:
            continue
        shingle_list = list(shingles)
        entries = list(map(postings.get, shingle_list))
        known = [e for e in entries if e is not None]
        hits: Counter[int] = Counter()
        for entry in known:
            if isinstance(entry, int):
                if entry >= 0:
                    hits[entry] += 1
            else:
                hits.update(entry)
        sizes[a.index] = len(shingles)
        finding = None
        if hits:
            finding = _best_match(a, len(shingles), hits, sizes, by_index, s, budget)
        if finding is not None:
            out.findings["DUP002"].append(finding)
            taken[a.index] = finding
            if not finding.extends:
                continue  # a copy: later copies are compared with the original
        # Index this paragraph for the ones after it: the new shingles at
        # once, then the few it shares (one by one).
        if known:
            postings.update(
                dict.fromkeys(compress(shingle_list, map(is_, entries, repeat(None))), a.index)
            )
            shared = compress(shingle_list, map(is_not, entries, repeat(None)))
            for h, entry in zip(shared, known):
                if isinstance(entry, int):
                    if entry >= 0:
                        postings[h] = [entry, a.index]
                elif len(entry) >= POSTING_CAP:
                    postings[h] = -1
                else:
                    entry.append(a.index)
        else:  # nothing shared yet: every shingle is new
            postings.update(dict.fromkeys(shingle_list, a.index))


def _best_match(
    a: _Para,
    size_a: int,
    hits: Counter[int],
    sizes: dict[int, int],
    by_index: dict[int, _Para],
    s: _Settings,
    budget: _Budget,
) -> _Finding | None:
    best: tuple[tuple[float, int], _Finding] | None = None
    for b_index, inter in hits.most_common(CANDIDATES):
        b = by_index[b_index]
        size_b = sizes[b_index]
        small, large = min(size_a, size_b), max(size_a, size_b)
        resemblance = inter / large
        contained = (
            inter / small >= CONTAINMENT
            and small / large >= s.min_ratio
            and (
                min(a.words, b.words) >= s.near_min_words
                # A paragraph found word for word at the start of, or inside,
                # the other (a cut first attempt and its complete retry) is
                # strong evidence: half of near-min-words is enough.
                or _verbatim_inside(a, b, s, budget)
            )
        )
        line = b.block.start_line
        if contained and resemblance < CONTAINMENT:
            score = (inter / small, inter)
            if size_a <= size_b:
                how = "is a truncated copy of" if b.key.startswith(a.key) else "repeats part of"
            else:
                how = (
                    "repeats and completes" if a.key.startswith(b.key) else "contains the whole of"
                )
            finding = _Finding("DUP002", a, f"paragraph {how} the one at line {line}")
            finding.extends = size_a > size_b
        elif resemblance >= s.similarity and (
            min(a.words, b.words) >= s.near_min_words or _verbatim_inside(a, b, s, budget)
        ):
            score = (resemblance, inter)
            if a.key != b.key and a.key.startswith(b.key):
                what = f"paragraph repeats and completes the one at line {line}"
            elif a.key != b.key and b.key.startswith(a.key):
                what = f"paragraph is a truncated copy of the one at line {line}"
            else:
                what = (
                    f"paragraph nearly repeats the one at line {line} "
                    f"({100 * resemblance:.0f}% the same)"
                )
            finding = _Finding("DUP002", a, what)
        else:
            continue
        finding.original = b
        # Only a paragraph found word for word inside the other loses nothing
        # when removed.
        finding.remove = _containment_fix(a, b, budget)
        if best is None or score > best[0]:
            best = (score, finding)
    return best[1] if best else None


def _verbatim_inside(a: _Para, b: _Para, s: _Settings, budget: _Budget) -> bool:
    """Whether the shorter paragraph, at least half ``near-min-words`` long,
    lies word for word inside the longer one."""
    small, large = (a, b) if len(a.key) <= len(b.key) else (b, a)
    if small.words < s.near_min_words / 2:
        return False
    return budget.spend(len(large.key)) and small.key in large.key


def _containment_fix(a: _Para, b: _Para, budget: _Budget) -> tuple[_Para, ...]:
    """The paragraph to remove so that nothing is lost: the one whose key lies
    whole inside the other's, if either does."""
    small, large = (a, b) if len(a.key) <= len(b.key) else (b, a)
    if not budget.spend(len(large.key)):
        return ()
    if small.key in large.key:
        return (small,)
    return ()


# -- generator repetition or authored repetition ---------------------------------


@dataclass(slots=True)
class _Structure:
    """What the judge reads about the post's paragraphs."""

    paras: list[_Para]
    #: copy -> the paragraph it repeats (exact or near), from every finding.
    twins: dict[int, int]
    #: block index -> paragraph
    by_block: dict[int, _Para]
    #: scope -> its paragraphs in order, and each paragraph's position there.
    sequences: dict[str, list[_Para]]
    position: dict[int, int]
    post: Post
    budget: _Budget


def _judge(post: Post, paras: list[_Para], s: _Settings, out: _Analysis, budget: _Budget) -> None:
    """Keep the repeats a generator or a slip makes; drop those an author
    makes on purpose.

    Generator evidence (always reported): the copy stands next to a leaked
    marker or opens with a "continued" ellipsis; the copy follows its
    original directly (pasted back to back); the copy is one of at least
    ``min-run`` consecutive paragraphs repeated in the same order (a block
    repeated, the article restarted).

    Authored structure (not reported without such evidence): the two lie in
    parallel sections, each at the same place of its own section
    (``allow-section-boilerplate``); both are short and play the same role
    around code, a list or a table (both lead-ins, or both captions).
    Paragraphs in different shortcode/tab containers are never compared at
    all (their scopes differ).
    """
    twins: dict[int, int] = {}
    for code in ("DUP001", "DUP002"):
        for f in out.findings[code]:
            if f.original is not None:
                twins[f.para.index] = f.original.index
    sequences: dict[str, list[_Para]] = {}
    position: dict[int, int] = {}
    for p in paras:
        seq = sequences.setdefault(p.scope, [])
        position[p.index] = len(seq)
        seq.append(p)
    st = _Structure(paras, twins, {p.bi: p for p in paras}, sequences, position, post, budget)
    outline = post.outline
    kept = []
    for f in out.findings["DUP001"]:
        a, p = f.original, f.para
        if (
            a is None
            or _generated(a, p, st, s.exact, outline)
            or not _authored(a, p, s.exact, outline)
        ):
            kept.append(f)
    out.findings["DUP001"] = kept
    out.findings["DUP002"] = [f for f in out.findings["DUP002"] if _near_generated(f, st, s.near)]
    out.findings["DUP003"] = [
        f
        for f in out.findings["DUP003"]
        if not f.parts or not all(_parallel(f.para, part, s.merged, outline) for part in f.parts)
    ]


def _generated(a: _Para, p: _Para, st: _Structure, s: _Thresholds, outline: Any) -> bool:
    """Whether the copy ``p`` of ``a`` shows how generators repeat."""
    if p.marked or _back_to_back(a, p, st):
        return True
    run = _run(a, p, st)
    if len(run) < s.min_run:
        return False
    if s.allow_section_boilerplate and outline.parallel(a.section, p.section):
        # The same steps written out under each of two parallel headings
        # ("Option 1" / "Option 2": "Create the account:", code, "Then add
        # the role:", code) are a procedure repeated on purpose; so is a run
        # at the same place of each section.
        if _procedure(run) or _same_place(a, p):
            return False
    return True


def _procedure(run: list[_Para]) -> bool:
    """Whether a run is steps around code: every paragraph a lead-in or a
    caption, at least one of them a lead-in ending with a colon."""
    return all(q.roles for q in run) and any(q.key.endswith((":", "：")) for q in run)


def _back_to_back(a: _Para, p: _Para, st: _Structure) -> bool:
    """Whether ``p`` directly follows ``a`` (or another copy of it)."""
    prev = st.post.outline.previous_of[p.bi]
    q = st.by_block.get(prev) if prev is not None else None
    return q is not None and (q is a or q.ckey == a.ckey or st.twins.get(q.index) == a.index)


def _close(a: _Para, p: _Para, st: _Structure) -> bool:
    """Whether ``p`` follows ``a`` in the same section with at most
    ``NEAR_GAP`` paragraphs and nothing but paragraphs between them."""
    if a.section != p.section or a.scope != p.scope:
        return False
    gap = st.position[p.index] - st.position[a.index] - 1
    if gap > NEAR_GAP:
        return False
    content, blocks = st.post.outline.content, st.post.blocks
    return all(blocks[b].kind == "paragraph" for b in range(a.bi + 1, p.bi) if content[b])


def _near_generated(f: _Finding, st: _Structure, s: _Thresholds) -> bool:
    """DUP002 reports only what a reader would call the same paragraph
    written twice by a generator: a near-copy or cut copy next to a leaked
    marker or continuation, one in a run of repeated paragraphs, or one
    that follows its original closely (at most ``NEAR_GAP`` paragraphs
    between, in the same section) and differs in more than the names of
    things (two list items, or two sentences about ``JKS`` and ``PKCS12``,
    written in parallel, are not). A lone near-copy elsewhere in the post,
    or under a parallel heading, is an author's parallel sentence."""
    a, p = f.original, f.para
    if a is None:
        return True
    outline = st.post.outline
    if p.marked:
        return True
    if outline.parallel(a.section, p.section) and s.allow_section_boilerplate:
        return False
    if len(_run(a, p, st)) >= s.min_run:
        return True
    if p.context == "list" or not _close(a, p, st):
        return False
    return not _names_only(a, p, st)


def _difflib() -> Any:
    import difflib  # imported when a near-copy is judged, not at start-up

    return difflib


def _names_only(a: _Para, p: _Para, st: _Structure) -> bool:
    """Whether every edit between the two paragraphs touches a name: a word
    in code, a capitalised word inside a sentence, a word with digits or
    inner capitals (``JKS`` -> ``PKCS12``, ``Python SDK`` -> ``Java SDK``)."""
    x, y = a.tokens, p.tokens
    if not x or not y or len(x) + len(y) > 4000 or not st.budget.spend(len(x) * len(y) // 8):
        return False
    names = _name_tokens(st.post, a) | _name_tokens(st.post, p)
    edits = [
        x[i1:i2] + y[j1:j2]
        for tag, i1, i2, j1, j2 in _difflib()
        .SequenceMatcher(None, x, y, autojunk=False)
        .get_opcodes()
        if tag != "equal"
    ]
    return bool(edits) and all(any(t in names for t in span) for span in edits)


#: Inline code in a paragraph's source.
_CODE_SPAN = lazy(r"`([^`\n]{1,200})`")
_SENTENCE_START = lazy(r"(?:^|[.!?:;。！？]\s*)$")


def _name_tokens(post: Post, p: _Para) -> set[str]:
    """Key-form tokens of ``p`` that name things (see :func:`_names_only`)."""
    names: set[str] = set()
    source = post.block_source(p.block)
    for m in _CODE_SPAN.finditer(source):
        names.update(_TOKEN.findall(normalize(m.group(1))))
    raw = unicodedata.normalize("NFKC", p.block.prose)
    for m in _TOKEN.finditer(raw):
        t = m.group()
        if any(c.isdigit() for c in t):
            names.add(t.casefold())
        elif t[:1].isupper() or any(c.isupper() for c in t[1:]):
            if any(c.isupper() for c in t[1:]) or not _SENTENCE_START.search(raw, 0, m.start()):
                names.add(t.casefold())
    return names


def _authored(a: _Para, p: _Para, s: _Thresholds, outline: Any) -> bool:
    """Whether the structure says an author repeated ``a`` as ``p`` on purpose."""
    return _parallel(a, p, s, outline) or bool(a.roles & p.roles)


def _parallel(a: _Para, p: _Para, s: _Thresholds, outline: Any) -> bool:
    """Per-section boilerplate: the two lie in parallel sections (different
    branches of the heading tree), at the same place in each."""
    return (
        s.allow_section_boilerplate and outline.parallel(a.section, p.section) and _same_place(a, p)
    )


def _same_place(a: _Para, p: _Para) -> bool:
    """Both stand at the same position from the start of their sections,
    after the same kind of block (both open their sections, or both come
    third, after code), or both close their sections. (Counting from the end
    is only trusted for the last block: in long sections of prose, "second
    to last after a paragraph" is a coincidence.)"""
    return a.place_start == p.place_start or (a.place_end[0] == 0 and p.place_end[0] == 0)


def _run(a: _Para, p: _Para, st: _Structure) -> list[_Para]:
    """The consecutive paragraphs around ``p`` (``p`` included) that repeat,
    in the same order and with the same blocks between them, the ones
    around ``a``."""
    seq = st.sequences[p.scope]
    i, j = st.position[p.index], st.position[a.index]

    def same(x: int, y: int) -> bool:
        cx, cy = seq[x], seq[y]
        return (cx.key == cy.key or st.twins.get(cx.index) == cy.index) and (
            _same_between(seq[x - 1], cx, seq[y - 1], cy, st)
            if x > i
            else _same_between(cx, seq[x + 1], cy, seq[y + 1], st)
        )

    back = 0
    while j - back - 1 >= 0 and i - back - 1 > j and same(i - back - 1, j - back - 1):
        back += 1
    first_copy = i - back
    ahead = 0
    while (
        i + ahead + 1 < len(seq)
        and j + ahead + 1 < first_copy
        and same(i + ahead + 1, j + ahead + 1)
    ):
        ahead += 1
    return seq[first_copy : i + ahead + 1]


def _same_between(x1: _Para, x2: _Para, y1: _Para, y2: _Para, st: _Structure) -> bool:
    """Whether the blocks between ``x1`` and ``x2`` repeat those between
    ``y1`` and ``y2`` (a repeated block repeats its code and lists too;
    parallel text around different code does not)."""
    post, content = st.post, st.post.outline.content
    if not st.budget.spend(x2.bi - x1.bi + y2.bi - y1.bi):
        return False
    xs = [b for b in range(x1.bi + 1, x2.bi) if content[b]]
    ys = [b for b in range(y1.bi + 1, y2.bi) if content[b]]
    if len(xs) != len(ys):
        return False
    for bx, by in zip(xs, ys):
        kx, ky = post.blocks[bx], post.blocks[by]
        if kx.kind != ky.kind:
            return False
        sx, sy = post.block_source(kx), post.block_source(ky)
        if not st.budget.spend(len(sx) + len(sy)):
            return False
        if sx.split() != sy.split():
            return False
    return True


# -- diagnostics -------------------------------------------------------------------


def _diagnostics(post: Post, analysis: _Analysis, code: str) -> Iterator[Diagnostic]:
    for f in analysis.findings[code]:
        block = f.para.block
        first_line = post.lines.line(block.start_line)
        column = len(first_line) - len(first_line.lstrip()) + 1
        end_column = len(post.lines.line(block.end_line)) + 1
        fix = None
        if f.remove and all(p.block.is_top_level for p in f.remove):
            edits = tuple(e for p in f.remove for e in delete_block(post, p.block))
            fix = Fix("safe" if f.applicability == "safe" else "unsafe", edits)
        yield Diagnostic(code, block.start_line, column, f.message, block.end_line, end_column, fix)


@rule(
    "DUP001",
    "repeated-paragraph",
    "a paragraph repeats an earlier one word for word",
    family=FAMILY,
    inherits={EXTRA_MARKERS: "GEN001"},
    fixable=True,
)
def repeated_paragraph(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a paragraph whose text equals an earlier paragraph's, once per
    later occurrence, naming the line of the first. Text is compared after
    NFKC normalisation and case folding, with white space, inline markup,
    link URLs and leaked markers such as ``---END---`` ignored. Paragraphs
    are compared with paragraphs of their own kind: top-level prose with
    top-level prose, list items with list items. Code, tables, HTML, display
    math, link cards (a line that is only a URL), link-only and image-only
    paragraphs are not prose and are never compared.

    Repetition an author writes on purpose is told from the structure of the
    post and left alone: text in different tab panes or other shortcode
    containers (``{{< tabs >}}``/``{{% codetab %}}``, ``{% tab %}``,
    ``<TabItem>``, HTML table cells) is never compared; a paragraph repeated
    at the same place of parallel sections (each copy opening, or closing,
    its section under sibling headings such as ``## Linux``/``## macOS`` or
    per-version and per-advisory headings) is per-section boilerplate; a
    short lead-in before code, a list or a table ("Run the following
    command:") or a short caption after one, repeated in the same role, is
    normal. Such a copy is still reported when a generator's traces are
    there: it follows its original directly (pasted back to back), it is one
    of ``min-run`` consecutive paragraphs repeated in the same order (a
    block repeated, the article restarted), or it stands next to a leaked
    marker or opens with a "continued" ellipsis. A lone copy elsewhere (a
    paragraph copied into another section) is reported.

    **Why:** a generator asked to "continue" writes the same paragraphs
    again, and a copy-paste slip does the same; readers notice, search
    engines too. Real posts repeat a paragraph on purpose now and then (a
    notice repeated in an update, a summary sentence at the start and the
    end): silence those with ``<!-- post-lint-disable-next-line DUP001 -->``
    above the repeat, or with ``per-file-ignores``.

    **Fix (safe):** removes the later copy's lines and one adjacent blank
    line. Unsafe instead when the copy's source differs from the first's (a
    link or markup the first lacks): the copy may be the one to keep. Not
    offered inside lists, quotes or footnotes.

    **Example:**

        Install the package with pip and restart the server before you go on.

        Install the package with pip and restart the server before you go on.

    reports ``post.md:3:1: DUP001 paragraph repeats the one at line 1``.

    **Options:** shared by DUP001, DUP002 and DUP003 (set them once for the
    three in ``[rules.DUP]``; a rule's own table wins over it):

    - ``min-chars`` (default 40) and ``min-words`` (default 8): shorter
      paragraphs are not compared. ``min-chars`` counts display columns
      (runs of white space count one), a Chinese or Japanese character two;
      ``min-words`` counts words, three Chinese or Japanese characters
      counting one (they are written without spaces). So 8 English words, or
      24 kanji and kana, are enough.
    - ``list-item-min-words`` (default 40): paragraphs in list items need this
      many words; short repeated steps and per-item boilerplate are normal.
    - ``quotes`` (default false): also compare paragraphs in block quotes
      (quoting a source twice is usually deliberate).
    - ``allow-section-boilerplate`` (default true): a paragraph repeated at the
      same place of parallel sections (opening each, closing each, or at the
      same position after the same kind of block) is not reported.
    - ``lead-in-max-words`` (default 40): a paragraph ending with a colon up
      to this long counts as a lead-in; one followed by code, a list or a
      table, or following one, counts as its lead-in or caption when it has
      at most 3/4 of this (30 words).
    - ``min-run`` (default 3): how many consecutive paragraphs, repeated in
      the same order with the same blocks between them, show a generator's
      repeated block even where the structure looks deliberate.
    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers (ignored when comparing) besides the built-in ones;
      taken from GEN001's table (``[rules.leaked-end-marker]``) unless set here.
    """
    yield from _diagnostics(post, _analysis(post, "DUP001", options), "DUP001")


@rule(
    "DUP002",
    "near-duplicate-paragraph",
    "a paragraph nearly repeats, contains or is contained in an earlier one",
    family=FAMILY,
    options={"similarity": 0.5, "near_min_words": 30, "min_ratio": 0.5},
    validate={
        "similarity": between(0, 1, low_open=True),
        "near_min_words": at_least(0),
        "min_ratio": between(0, 1),
    },
    inherits={EXTRA_MARKERS: "GEN001"},
    fixable=True,
)
def near_duplicate_paragraph(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a paragraph that repeats an earlier one with a few edits, or
    that is a truncated copy of, part of, or a completed version of an
    earlier one (a first attempt cut short, then written again in full).
    Paragraphs are compared by shingles, runs of four tokens where a token
    is a Latin word or one Chinese or Japanese character: a 50-word paragraph
    with four words changed, or a Japanese paragraph with one clause
    reworded, keeps most of its shingles; two paragraphs that share an
    opening phrase or a topic share few. Candidates come from an index of
    shingles, so the cost grows linearly with the post.

    Only what a reader would call the same paragraph written twice is
    reported: a near-copy next to a leaked marker or a "continued" ellipsis,
    one inside a run of repeated paragraphs (see DUP001's ``min-run``), or
    one that follows its original closely (at most one paragraph between, in
    the same section) and differs in more than the names of things. Parallel
    sentences are not: two list items, text under parallel headings or in
    different tab panes, and edits that only swap names (words in code,
    capitalised words, words with digits: "the Python SDK example" / "the
    Java SDK example", ``JKS`` / ``PKCS12``).

    **Why:** regenerated text rarely repeats word for word; the near-copy and
    the cut-short first attempt are what "continue" leaves behind.

    **Fix (unsafe):** when one of the two paragraphs is found word for word
    inside the other, removes that one (the truncated first attempt, or the
    fragment repeated later). Near-copies with edits are left to a person.

    **Example:**

        Our team moved the documentation site from a custom Django application
        to a static generator last spring, and the results surprised everyone:
        pages load in a fraction of the time and the hosting bill dropped to
        almost nothing.

        Our team moved the documentation site from a homegrown Django application
        to a static generator last autumn, and the results pleased everyone:
        pages load in a quarter of the time and the hosting bill dropped to
        almost nothing.

    reports ``post.md:6:1: DUP002 paragraph nearly repeats the one at line 1 (54% the same)``.

    **Options:**

    - ``similarity`` (default 0.5): share of shingles two paragraphs must have
      in common (of the larger one's) to be near-duplicates.
    - ``near-min-words`` (default 30): only paragraphs at least this long
      (counted as for ``min-words``: 30 English words, 90 kanji and kana) are
      compared for this rule; short sentences written in parallel are normal.
      A paragraph found word for word at the start of, or inside, the other
      (a cut first attempt and its complete retry) needs only half as many.
    - ``min-ratio`` (default 0.5): a paragraph contained in another is only
      reported when it is at least this share of the other's size (a sentence
      quoted in a longer paragraph is not a repeat).
    - ``min-chars``, ``min-words``, ``list-item-min-words``, ``quotes``,
      ``allow-section-boilerplate``, ``lead-in-max-words``, ``min-run``,
      ``extra-markers``: as for DUP001.
    """
    yield from _diagnostics(post, _analysis(post, "DUP002", options), "DUP002")


@rule(
    "DUP003",
    "merged-paragraphs",
    "a paragraph is two or more other paragraphs of the post run together",
    family=FAMILY,
    options={"min_parts": 2},
    validate={"min_parts": at_least(1)},
    inherits={EXTRA_MARKERS: "GEN001"},
    fixable=True,
)
def merged_paragraphs(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports, once, a paragraph that contains two or more other paragraphs
    of the post whole, run together with or without separators, whether it
    comes before or after them; the message names the lines of the
    paragraphs it contains, and how much of it they cover when other text is
    in it too.

    As for DUP001, paragraphs in different tab panes or other shortcode
    containers are never compared, and a paragraph whose parts all stand at
    the same place of parallel sections (per-section boilerplate written as
    one paragraph here, two there) is not reported.

    **Why:** a generator that loses track rewrites what it already wrote as
    one long paragraph; a paste can do the same. The post then says
    everything twice, once unreadably.

    **Fix (unsafe):** when every part of the merged paragraph stands
    elsewhere as a paragraph of its own (nothing else is in it but
    separators) and every part but the last ends a sentence, removes the
    merged paragraph. A part that stops mid-sentence (a cut, resumed by the
    next part) means the merged paragraph holds the only whole copy of that
    sentence, so it is kept.

    **Example:**

        The first part of the story is long enough to count as a paragraph.

        The second part of the story is long enough to count as one too.

        The first part of the story is long enough to count as a paragraph. The
        second part of the story is long enough to count as one too.

    reports ``post.md:5:1: DUP003 paragraph runs together 2 other paragraphs (lines 1, 3)``.

    **Options:**

    - ``min-parts`` (default 2): how many whole paragraphs, each long enough
      to be compared, a paragraph must contain to be reported.
    - ``min-chars``, ``min-words``, ``list-item-min-words``, ``quotes``,
      ``allow-section-boilerplate``, ``lead-in-max-words``, ``min-run``,
      ``extra-markers``: as for DUP001.
    """
    yield from _diagnostics(post, _analysis(post, "DUP003", options), "DUP003")


@rule(
    "DUP004",
    "title-repeated-in-body",
    "a body paragraph repeats the front-matter title",
    family=FAMILY,
    shares=(),
    options={"headings": False},
    fixable=True,
)
def title_repeated_in_body(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a top-level body paragraph (bold or not) whose text is the
    front-matter ``title``, ignoring case, white space and inline markup.

    **Why:** the layout already shows the title; the same words again as a
    paragraph read as a stutter, and are what a generator that echoes its
    prompt leaves behind. A leading ``# Title`` heading is a common,
    deliberate style and is left alone unless ``headings`` is set.

    **Fix (safe):** removes the paragraph (unsafe when it holds a link or
    HTML).

    **Example:** with ``title: "Why we moved to Hugo"``, a first paragraph
    ``**Why we moved to Hugo**`` reports
    ``post.md:5:1: DUP004 paragraph repeats the front-matter title``.

    **Options:**

    - ``headings`` (default false): also report headings whose text is the
      title (a leading ``# Title`` included).
    """
    yield from _diagnostics(post, _analysis(post, "DUP004", options), "DUP004")
    if options.get("headings"):
        yield from _title_headings(post)


def _title_headings(post: Post) -> Iterator[Diagnostic]:
    title = _title_key(post.meta.get("title"))
    if title is None:
        return
    for block in post.blocks:
        if block.kind != "heading" or block.containers:
            continue
        if _TITLE_MARKUP.sub("", _key_form(normalize(block.prose))) == title:
            end_column = len(post.lines.line(block.end_line)) + 1
            yield Diagnostic(
                "DUP004",
                block.start_line,
                1,
                "heading repeats the front-matter title",
                block.end_line,
                end_column,
                Fix("safe", delete_block(post, block)),
            )


RULES: tuple[Rule, ...] = (
    repeated_paragraph,
    near_duplicate_paragraph,
    merged_paragraphs,
    title_repeated_in_body,
)
