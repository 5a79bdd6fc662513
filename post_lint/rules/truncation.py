"""TRN: sentences cut off by a generator's length limit, and the seams left
when the generation was continued.

When a generator hits its output limit the text stops mid-sentence; the
"continue" that follows often starts with ``...`` and repeats the last words::

    …変革する可能性を秘          <- TRN001 truncated-sentence

    ---END---                   <- GEN001 leaked-end-marker

    ...めているのです。          <- TRN002 continuation-fragment

All three rules read one shared analysis of the post's paragraphs
(:class:`_Analysis`), built once per post.
"""

from __future__ import annotations

import bisect
import unicodedata
import weakref
from collections.abc import Iterator

from .. import post_end
from .. import regex_engine as regex
from ..diagnostics import Diagnostic, Edit, Fix
from ..edits import delete_lines
from ..endings import UNKNOWN, sentence_end
from ..lazyre import lazy_regex
from ..markers import EXTRA_MARKERS, Marker, normalize_extra
from ..markers import scan as scan_markers
from ..post import Block, Post
from ..records import dataclass, field
from ..text import (
    CJK_CHAR,
    CLOSERS,
    COMMAS,
    ELLIPSES,
    HAN_CHAR,
    HIRAGANA_CHAR,
    OPENERS,
    SENTENCE_END,
    SENTENCE_END_MARKS,
    STRAIGHT_QUOTES,
    normalize,
    shorten,
    split_sentences,
)
from .base import (
    Options,
    Rule,
    between,
    char_pairs,
    family,
    non_blank_strings,
    rule,
)

# --------------------------------------------------------------------------
# Evidence vocabularies
# --------------------------------------------------------------------------

#: An ellipsis opening a paragraph: ``...``, ``…``, ``……``, ``・・・``, ``‥``.
_ELLIPSIS_START = lazy_regex(r"(?:\.{3,6}|…{1,3}|・{3,6}|‥{1,3}|。{3})[ \t]*")
#: What a text _ELLIPSIS_START matches can start with.
_ELLIPSIS_FIRST = ".…・‥。"

#: Characters that end a sentence, or close a quote/bracket after one.
_TERMINALS = frozenset(SENTENCE_END + ELLIPSES)
#: (A brace closes code or a template tag, not a sentence.)
_CLOSERS = frozenset(CLOSERS + STRAIGHT_QUOTES) - frozenset("｝}")
#: Endings that are never evidence of a cut: a colon or semicolon introduces
#: what follows; a wave dash or long vowel mark ends casual Japanese.
_NEUTRAL_ENDS = frozenset(":：;；~〜～ーｰ")
_COMMAS = frozenset(COMMAS)
_OPENERS = frozenset(OPENERS) - frozenset("｛{")

_LATIN_LOWER_START = lazy_regex(r"[a-z\p{Ll}&&\p{Latin}]", regex.V1)
#: A paragraph opening with display math ($$, \\[, \\begin{...}): the
#: sentence before it runs on into the formula.
_DISPLAY_MATH = ("$$", "\\[", "\\begin{", "\\(")
#: An MDX ``import``/``export`` statement (``export const meta = {…}``).
_MDX_ESM = lazy_regex(r"(?:import\s[^\n]*\sfrom\s|export\s+(?:const|default|function|let)\s)")
_TEMPLATE_END = lazy_regex(r"(?:%\}|\}\}|>\}\}|%\}\})\s*$")

#: Characters of CJK (twice as many of Latin) a continuation must repeat of
#: a paragraph's end to count as overlapping it (TRN002 ``min-overlap``).
_DEFAULT_MIN_OVERLAP = 4
#: How much of a paragraph's end is compared with a continuation's start.
_TAIL_CHARS = 200
#: Continuations checked per post (bounded work on hostile input).
_MAX_CONTINUATIONS = 200
#: Earlier cut paragraphs a continuation is compared with.
_MAX_EARLIER_CUTS = 20
#: A re-emitted continuation: this many characters of its start must appear
#: verbatim earlier in the post.
_REEMIT_MIN_CHARS = 16
_REEMIT_PROBE_CHARS = 40
#: An orphaned fragment's first sentence must be this long to be looked up.
_ORPHAN_MIN_CHARS = 8
#: Paragraph text kept for the look-ups above (bounded work).
_TEXT_INDEX_CHARS = 1_000_000
#: Continuations longer than this are never deleted by the fix.
_MAX_DELETABLE_CHARS = 5_000


#: Opening quotes that people type where the closing one belongs.
_MISTYPED_CLOSERS = {"“": "”", "‘": "’"}


def _wrong_glyph_close(text: str) -> bool:
    """Does ``text`` end with an opening quote typed for a closing one:
    right after terminal punctuation (``…です。“``, ``done.“``), or closing a
    quote of the same glyph opened before it (``the “foo“``)?"""
    last = text[-1:]
    if last not in _MISTYPED_CLOSERS:
        return False
    before = text[-2:-1]
    if not before or before.isspace():
        return False
    if before in _TERMINALS or before in "!?！？":
        return True
    body = text[:-1]
    return body.count(last) > body.count(_MISTYPED_CLOSERS[last])


def is_complete(text: str) -> bool:
    """Does ``text`` end the way a finished sentence (or a deliberate
    fragment) ends: terminal punctuation, a closing quote or bracket (or an
    opening quote typed for a closing one: ``…です。“``), an emoji or symbol,
    a colon?"""
    text = text.rstrip()
    if not text:
        return True
    last = text[-1]
    if last in "ーｰ" and regex.match(r"[\p{Katakana}]", text[-2:-1]):
        return False  # a katakana word (サーバー, パー): not a casual long vowel
    if last in _TERMINALS or last in _CLOSERS or last in _NEUTRAL_ENDS:
        return True
    if _wrong_glyph_close(text):
        return True
    category = unicodedata.category(last)
    return category in ("So", "Sk", "Sm", "Sc") or last in "\ufe0f\u200d"


def ending_evidence(text: str, extra: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> str:
    """Why ``text`` cannot end a sentence ('' when it can): it ends in a
    comma, an opening bracket, an English function word, a Japanese particle
    or conjunctive form, or a Chinese conjunction."""
    text = text.rstrip()
    if not text:
        return ""
    for ending in ignore:
        if ending and text.endswith(ending):
            return ""
    for ending in extra:
        if ending and text.endswith(ending):
            if (
                not ending[0].isascii()
                or len(text) == len(ending)
                or not text[-len(ending) - 1].isalnum()
            ):
                return f"ends with '{ending}'"
    last = text[-1]
    if last in _COMMAS:
        # A Latin comma introduces quotations and ends salutations
        # ("Dear Ruby users,"); a doubled one is a stylistic pause.
        if last == "," or text[-2:-1] in _COMMAS:
            return ""
        return f"ends with a comma ('{last}')"
    if last in _OPENERS:
        if text[-2:-1] in _EMOTICON_BEFORE or text[-2:-1] in "-^":
            return ""
        if _wrong_glyph_close(text):
            return ""
        return f"ends with an opening '{last}'"
    end = sentence_end(text)
    return end.reason if end.is_open and not end.weak else ""


def _overlap(tail: str, head: str) -> int:
    """Length of the longest start of ``head`` that ``tail`` ends with."""
    tail = tail[-_TAIL_CHARS:]
    for k in range(min(len(tail), len(head)), 0, -1):
        if tail.endswith(head[:k]):
            return k
    return 0


def _min_overlap(text: str, minimum: int) -> int:
    """Overlap needed: ``minimum`` characters of CJK, twice that in Latin."""
    return minimum if CJK_CHAR.search(text[:minimum]) else minimum * 2


# --------------------------------------------------------------------------
# The shared analysis
# --------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Para:
    """One paragraph block, as the TRN rules see it (slots: a post of a
    million tiny paragraphs holds a million of these)."""

    index: int  # position in post.blocks
    block: Block
    #: Prose with leaked markers removed, stripped.
    text: str
    #: The paragraph is nothing but marker lines.
    is_marker: bool = False
    #: Its last line is (or ends with) a marker.
    trailing_marker: bool = False
    #: The last line that holds text (not a whole-line marker).
    last_text_line: int = 0
    #: Text after an opening ellipsis (None: the paragraph has none).
    head: str | None = None
    exempt: bool = False
    complete: bool = True
    _norm: str | None = None

    @property
    def norm(self) -> str:
        """The text, NFKC-normalised with white space folded (for comparing)."""
        if self._norm is None:
            self._norm = normalize(self.text, casefold=False)
        return self._norm


@dataclass(eq=False)
class _Continuation:
    para: _Para
    #: The content paragraph before it, skipping marker paragraphs.
    previous: _Para | None
    marker_between: bool
    evidence: list[str] = field(default_factory=list)
    #: The seam with ``previous`` shows it continues that very paragraph.
    continues_previous: bool = False
    #: How many characters of ``previous``'s end it repeats (normalised).
    overlap: int = 0


#: Last characters that make a paragraph complete (:func:`is_complete`)
#: whatever comes before them: ー and ｰ end a katakana word too, so they are
#: left to :func:`is_complete`.
_SURELY_COMPLETE_ENDS = (_TERMINALS | _CLOSERS | _NEUTRAL_ENDS) - frozenset("ーｰ")
#: First characters after which :meth:`_Analysis._para` looks further (an
#: opening ellipsis, an MDX comment or ``import``/``export``).
_SPECIAL_STARTS = frozenset(_ELLIPSIS_FIRST + "{ie")


class _ParaIndex:
    """The TRN paragraphs by index in ``post.blocks`` (what ``a.by_index``
    answers): a plain paragraph's record (see :meth:`_Analysis._plain`) is
    built when first asked for, and kept. Reads like the dict it stands for
    (``get``, ``[]``, ``in``); a block that is no paragraph has none."""

    __slots__ = ("_analysis", "_built")

    def __init__(self, analysis: _Analysis) -> None:
        # (a weak reference: the analysis holds this index, and a cycle
        # would leave the post's blocks to the cyclic GC)
        self._analysis = weakref.ref(analysis)
        self._built: dict[int, _Para] = {}

    def add(self, p: _Para) -> None:
        """Keep a record built up front."""
        self._built[p.index] = p

    def get(self, index: int, default: _Para | None = None) -> _Para | None:
        """The record of the paragraph at ``index`` (``default`` when the
        block there is no paragraph, or there is no block there)."""
        p = self._built.get(index)
        if p is not None:
            return p
        analysis = self._analysis()
        assert analysis is not None  # (the analysis holds this index)
        blocks = analysis.post.blocks
        if index.__class__ is not int or not 0 <= index < len(blocks):
            return default
        b = blocks[index]
        if b.kind != "paragraph":
            return default
        p = self._built[index] = analysis._para(index, b)
        return p

    def __getitem__(self, index: int) -> _Para:
        p = self.get(index)
        if p is None:
            raise KeyError(index)
        return p

    def __contains__(self, index: object) -> bool:
        return isinstance(index, int) and self.get(index) is not None


class _Analysis:
    """The paragraphs of a post with what the TRN rules need to know about
    them, and the continuation fragments found among them.

    Most paragraphs of a post are *plain*: top level, no marker, no opening
    ellipsis, ending in terminal punctuation. No TRN rule reports one or
    takes it as a continuation, so only the others get a record up front
    (:attr:`candidates`, what the rules loop over); a plain one's record is
    built when a rule asks for it (``by_index``, :meth:`para_at`,
    :attr:`paras`: a post of a million tiny paragraphs builds none)."""

    def __init__(
        self,
        post: Post,
        min_overlap: int = _DEFAULT_MIN_OVERLAP,
        extra_markers: frozenset[str] = frozenset(),
    ) -> None:
        self.post = post
        #: The post's markers (with the user's extra ones), and them by line.
        self.marks = scan_markers(post, extra_markers)
        self.markers: dict[int, Marker] = self.marks.by_line
        #: The paragraphs that are not plain, in order.
        self.candidates: list[_Para] = []
        self.by_index = _ParaIndex(self)
        self._paras: list[_Para] | None = None
        plain = self._plain
        long_plain = 0  # plain paragraphs of 20 characters or more
        for i, b in enumerate(post.blocks):
            if b.kind != "paragraph":
                continue
            text = plain(b)
            if text is not None:
                if len(text) >= 20:
                    long_plain += 1
                continue
            p = self._para(i, b)
            self.candidates.append(p)
            self.by_index.add(p)
        self.continuations: list[_Continuation] = []
        self._find_continuations(min_overlap)
        prose = [p for p in self.candidates if not p.exempt and len(p.text) >= 20]
        finished = sum(1 for p in prose if p.complete) + long_plain
        total = len(prose) + long_plain
        #: Most paragraphs of the post end with punctuation (ending-based
        #: evidence means nothing in a post written without it).
        self.punctuated_style = total < 3 or finished >= 0.6 * total

    @property
    def paras(self) -> list[_Para]:
        """Every paragraph's record, in order (the plain ones built on first
        use)."""
        if self._paras is None:
            get = self.by_index.get
            blocks = self.post.blocks
            self._paras = [get(i) for i, b in enumerate(blocks) if b.kind == "paragraph"]
        return self._paras  # type: ignore[return-value]

    def _plain(self, b: Block) -> str | None:
        """The text of paragraph ``b`` (what its record's ``text`` would be)
        when it is plain: its record would say not exempt, complete, no
        marker, no opening ellipsis. None when it is not (or may not be)."""
        if b.containers or b.link_only or b.image_only or b.emphasis_only:
            return None
        text = b.prose.strip()
        if not text or text[-1] not in _SURELY_COMPLETE_ENDS or text[0] in _SPECIAL_STARTS:
            return None
        markers = self.markers
        if markers and any(n in markers for n in range(b.start_line, b.end_line + 1)):
            return None
        return text

    def _para(self, i: int, b: Block) -> _Para:
        markers = self.markers
        has_marker = bool(markers) and any(
            n in markers for n in range(b.start_line, b.end_line + 1)
        )
        is_marker = has_marker and self.marks.is_marker_block(b)
        if is_marker:
            text = ""
        else:
            text = (self.marks.strip(self.marks.prose(b)) if has_marker else b.prose).strip()
        last = b.end_line
        while last > b.start_line and (m := self.markers.get(last)) is not None and m.whole_line:
            last -= 1
        trailing = b.end_line in self.markers
        p = _Para(i, b, text, is_marker, trailing, last)
        p.exempt = (
            is_marker
            or not b.is_top_level
            or b.link_only
            or b.image_only
            or b.emphasis_only
            or not text
            or (text.startswith("{/*") and text.endswith("*/}"))  # an MDX comment
            or (text[:1] in "ie" and bool(_MDX_ESM.match(text)))  # MDX import/export: code
        )
        p.complete = is_complete(text)
        m = _ELLIPSIS_START.match(text) if text[:1] in _ELLIPSIS_FIRST else None
        if m and text[m.end() :].strip():
            p.head = normalize(text[m.end() :], casefold=False)
        return p

    def neighbour(self, p: _Para, step: int) -> tuple[int | None, bool]:
        """Index in ``post.blocks`` of the next (step=1) or previous (step=-1)
        block that is not a marker, and whether a marker stands between."""
        blocks = self.post.blocks
        marker = p.trailing_marker if step > 0 else False
        i = p.index + step
        while 0 <= i < len(blocks):
            b = blocks[i]
            q = self.by_index.get(i)
            if (q is not None and q.is_marker) or (
                b.kind == "html" and self.marks.is_marker_block(b)
            ):
                marker = True
                i += step
                continue
            if step < 0 and q is not None and q.trailing_marker:
                marker = True
            return i, marker
        return None, marker

    def para_at(self, index: int | None) -> _Para | None:
        return self.by_index.get(index) if index is not None else None

    def _build_text_index(self) -> None:
        """All paragraph text joined (bounded), with where each paragraph starts."""
        parts: list[str] = []
        self.text_owners: list[_Para] = []
        self.text_starts: list[int] = []
        size = 0
        for q in self.paras:
            if q.is_marker or not q.norm:
                continue
            if size + len(q.norm) > _TEXT_INDEX_CHARS:
                break
            self.text_starts.append(size)
            self.text_owners.append(q)
            parts.append(q.norm)
            size += len(q.norm) + 1
        self.joined = "\n".join(parts)

    def found_elsewhere(self, p: _Para, needle: str, *, later: bool) -> bool:
        """Does ``needle`` occur in a paragraph before ``p``, or (``later``)
        in a longer paragraph after it that is not itself a continuation?"""
        if not needle:
            return False
        pos = self.joined.find(needle)
        tries = 0
        while pos >= 0 and tries < 32:
            tries += 1
            owner = self.text_owners[bisect.bisect_right(self.text_starts, pos) - 1]
            if owner.index < p.index:
                return True
            if (
                later
                and owner.index > p.index
                and owner.head is None
                and len(owner.norm) >= 2 * len(p.norm) + 10
            ):
                return True
            pos = self.joined.find(needle, pos + 1)
        return False

    def _find_continuations(self, min_overlap: int) -> None:
        # (A plain paragraph has no head and is complete: it takes no part.)
        if not any(p.head is not None and not p.exempt for p in self.candidates):
            self.joined, self.text_owners, self.text_starts = "", [], []
            return
        self._build_text_index()
        earlier_cuts: list[_Para] = []
        checked = 0
        for p in self.candidates:
            if p.head is not None and not p.exempt and checked < _MAX_CONTINUATIONS:
                checked += 1
                c = self._continuation(p, earlier_cuts, min_overlap)
                if c.evidence:
                    self.continuations.append(c)
            if not p.exempt and not p.complete:
                earlier_cuts.append(p)
                if len(earlier_cuts) > 4 * _MAX_EARLIER_CUTS:
                    del earlier_cuts[: 2 * _MAX_EARLIER_CUTS]

    def _continuation(self, p: _Para, earlier_cuts: list[_Para], min_overlap: int) -> _Continuation:
        prev_index, marker_between = self.neighbour(p, -1)
        prev = self.para_at(prev_index)
        if prev is not None and (prev.exempt or prev.is_marker):
            prev = None
        c = _Continuation(p, prev, marker_between)
        head = p.head or ""
        need = _min_overlap(head, min_overlap)
        mid_sentence = bool(HIRAGANA_CHAR.match(head) or _LATIN_LOWER_START.match(head))
        if marker_between:
            c.evidence.append("follows a leaked end marker")
        if prev is not None and not prev.complete:
            overlap = _overlap(prev.norm, head)
            if overlap >= need:
                c.evidence.append("repeats the end of the paragraph before it")
                c.continues_previous = True
                c.overlap = overlap
            elif mid_sentence or (CJK_CHAR.match(head) and CJK_CHAR.match(prev.norm[-1:])):
                c.evidence.append("resumes the unfinished paragraph before it")
                c.continues_previous = True
            elif head[:1].isupper() and _cut_before_capital(prev.text):
                # …Envoy routes it / When a request arrives, : a capital or a
                # name resumes a sentence that cannot have ended.
                c.evidence.append("resumes the unfinished paragraph before it")
                c.continues_previous = True
        if c.continues_previous:
            return c
        for q in earlier_cuts[-_MAX_EARLIER_CUTS:]:
            if q is not prev and _overlap(q.norm, head) >= need:
                c.evidence.append(
                    f"repeats the end of the cut paragraph at line {q.last_text_line}"
                )
                return c
        if c.evidence:
            return c
        if len(head) >= _REEMIT_MIN_CHARS:
            if self.found_elsewhere(p, head[:_REEMIT_PROBE_CHARS], later=False):
                c.evidence.append("restarts text that appears earlier in the post")
                return c
        if mid_sentence:
            # An orphan: its cut paragraph is gone, the words it completes
            # stand elsewhere (…可能性を秘めているのです。 / ...めているのです。).
            first = split_sentences(head)[0] if head else ""
            if len(first) >= _ORPHAN_MIN_CHARS and self.found_elsewhere(p, first, later=True):
                c.evidence.append("completes words that stand elsewhere in the post")
        return c

    def covered(self, p: _Para) -> bool:
        """Is every sentence of continuation ``p`` already elsewhere in the post?"""
        if p.head is None or len(p.head) > _MAX_DELETABLE_CHARS:
            return False
        sentences = split_sentences(p.head)
        return bool(sentences) and all(self.found_elsewhere(p, s, later=True) for s in sentences)


def _cut_before_capital(text: str) -> bool:
    """May an unfinished paragraph go on with a capitalised word (a name,
    "I")? Yes when its words cannot end a sentence, or its last sentence
    is long and runs on without punctuation after a finished sentence or
    a word that is not a name."""
    end = sentence_end(text)
    if end.is_open:
        return True
    sentence, finished_before = post_end.last_sentence(text)
    return (
        not end.is_final
        and post_end.long_enough(sentence, 1, 2)
        and not post_end.label(sentence, alone=not finished_before)
        and not post_end.habit(text.rsplit("\n", 1)[-1], sentence)
    )


#: The option every TRN rule reads, declared once (``[rules.TRN]``); when
#: neither sets it, each rule takes GEN001's (``inherits``).
FAMILY = family(
    "TRN",
    "truncation",
    options={EXTRA_MARKERS: []},
    validate={EXTRA_MARKERS: non_blank_strings},
)


def _analysis(post: Post, code: str, options: Options) -> _Analysis:
    """The family's one analysis of ``post``, memoised on the post under the
    family settings it reads: TRN002's ``min-overlap`` (TRN001 takes the
    continuations TRN002 finds as evidence) and the extra markers of every
    TRN rule. So the three rules read one post one way."""
    settings = FAMILY.settings(code, options)
    min_overlap = settings["TRN002"]["min_overlap"]
    extra = frozenset().union(*map(normalize_extra, settings.values(EXTRA_MARKERS)))
    return post.memo(("TRN", min_overlap, extra), lambda: _Analysis(post, min_overlap, extra))


def _cut_diagnostic(a: _Analysis, p: _Para, code: str, what: str, reason: str) -> Diagnostic:
    """``what ('…the cut end'): reason`` over the unfinished last sentence."""
    line, col, end = _last_line_span(a, p)
    snippet = shorten(p.text, 21, keep_end=True)
    return Diagnostic(code, line, col, f"{what} ('{snippet}'): {reason}", line, end)


def _last_line_span(a: _Analysis, p: _Para) -> tuple[int, int, int]:
    """(line, start column, end column) of the unfinished last sentence on the
    paragraph's last text line."""
    lineno = p.last_text_line
    line = a.post.lines.line(lineno)
    marker = a.markers.get(lineno)
    if marker is not None and not marker.whole_line:
        line = line[: marker.column - 1]
    raw = line.rstrip()
    end = len(raw)
    start = len(line) - len(line.lstrip())
    i = end - 1
    while i >= start:
        ch = raw[i]
        if ch in SENTENCE_END_MARKS or (ch == "." and i + 1 < end and raw[i + 1] == " "):
            start = i + 1
            while start < end and raw[start] in " \t" + "".join(_CLOSERS):
                start += 1
            break
        i -= 1
    if start >= end:
        start = len(line) - len(line.lstrip())
    return lineno, start + 1, end + 1


# --------------------------------------------------------------------------
# TRN001 truncated-sentence
# --------------------------------------------------------------------------


def _raw_end_matches(a: _Analysis, p: _Para) -> bool:
    """Does the paragraph's source end with the same character as its prose?
    (Not when it ends in a link, URL, image, footnote reference, HTML or a
    template tag, which the prose leaves out.)"""
    raw = a.post.lines.line(p.last_text_line).rstrip()
    marker = a.markers.get(p.last_text_line)
    if marker is not None and not marker.whole_line:
        raw = raw[: marker.column - 1].rstrip()
    if _TEMPLATE_END.search(raw):
        return False
    raw = raw.rstrip("*_~\\ ")
    return bool(raw) and bool(p.text) and raw[-1] == p.text[-1]


def _intrinsic_allowed(a: _Analysis, p: _Para) -> bool:
    """Ending-based evidence only counts for a paragraph of whole sentences
    that stops after at least one finished sentence, in a post whose
    paragraphs usually end with punctuation, when a new prose paragraph, a
    heading or nothing follows. Not before a list, a code block, a table, a
    quote, display math or a bold line it may be introducing, nor before a
    paragraph starting in lower case or with a digit (the sentence simply
    goes on there)."""
    if not a.punctuated_style or len(split_sentences(p.text)) < 2:
        return False
    return _prose_follows(a, p)


def _prose_follows(a: _Analysis, p: _Para) -> bool:
    """Is the block after ``p`` new prose (or nothing), rather than something
    ``p`` introduces or runs on into?"""
    index, _ = a.neighbour(p, 1)
    if index is None:
        return True
    nxt = a.post.blocks[index]
    if not nxt.is_top_level or nxt.kind not in ("paragraph", "heading", "hr"):
        return False
    if nxt.kind == "hr":
        return True
    if a.post.lines.line(nxt.start_line).lstrip().startswith(_DISPLAY_MATH):
        return False
    if nxt.kind == "paragraph":
        q = a.para_at(index)
        if q is None or q.exempt or not q.text:
            return False
        first = q.text[0]
        if first.isdigit() or first.islower() or not (first.isalpha() or first in '「『“"('):
            return False
    return True


@rule(
    "TRN001",
    "truncated-sentence",
    "a paragraph ends in the middle of a sentence",
    family=FAMILY,
    options={
        "ending_evidence": True,
        "extra_endings": [],
        "ignore_endings": [],
        "end_of_post": True,
        "ja_morphology": False,
    },
    validate={"extra_endings": non_blank_strings, "ignore_endings": non_blank_strings},
    inherits={EXTRA_MARKERS: "GEN001"},
)
def truncated_sentence(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a prose paragraph that stops mid-sentence, the way a generator
    stops when it hits its output limit (``…変革する可能性を秘``).

    A missing final period is not enough: real posts end paragraphs with
    signatures ("— 18F"), emoji, "TBD", casual Japanese without 。
    (…おもしろいなあ), a template tag, or a colon before a list. A paragraph
    ending in terminal punctuation, a closing quote or bracket, an ellipsis,
    an emoji or symbol, a colon or a wave dash is never reported. Otherwise
    the rule needs strong evidence, one of:

    1. **a leaked marker follows** (``---END---`` on the next line or as the
       next paragraph; see GEN001);
    2. **a continuation resumes it**: the next paragraph opens with an
       ellipsis and starts in lower case, in hiragana or (after CJK text)
       with any CJK character, or repeats this paragraph's last words (TRN002);
    3. **its last words cannot end a sentence**: 、 or ，, an opening bracket
       or quote, an English function word (the, of, to, and, than, with, ...),
       a Japanese particle or conjunctive form (…を, …させ, …され, …して after
       a kanji, …ですが, …という, …により) or a Chinese conjunction or
       preposition (…因为, …以及, …对于). This evidence only counts when all
       of these hold, so that people's habits stay quiet:

       - the paragraph has at least one finished sentence before the cut,
         and most paragraphs of the post end with punctuation (a post
         written without periods says nothing by lacking one);
       - a new prose paragraph, a heading, a rule or the end of the post
         follows: not a list, code block, table, quote, display math
         (``$$``), a bold line, or a paragraph starting in lower case or
         with a digit, which the paragraph introduces or runs on into;
       - the source ends in prose, not in a link, URL, image, inline code,
         footnote reference, HTML or template tag;
       - it is not a Latin comma ("Dear Ruby users,", "As I said at the
         time,") nor a doubled 、、 pause, nor a set phrase (よいお年を).

    4. **the post ends there** (the paragraph is the post's last block):
       being the last block is itself evidence when the block is unfinished.
       The rule reports it when, after the habits below are set aside,

       - its last words cannot end a sentence (as in 3, and a Latin comma
         counts here: nothing follows it), read with the grammar of
         :mod:`post_lint.endings`, whose word lists are data there: English
         articles, prepositions, conjunctions, auxiliaries, possessives
         (…the, …of, …because, …would, …their, …during), ``other``
         without its noun (…run other; not each other) and a subordinating
         conjunction with only its subject (…If you, …when we), a byline
         without its date (…Originally published); Japanese 連用形,
         て-form, 連体形, case and conjunctive particles, a noun and the 連用形 of とする/にする/できる
         (…集合体とし, …確認でき), a topic は with no
         predicate (…重要なのは, …書いては), a bound prefix (…より前の全,
         …2.6.4 以), a kanji stem after a particle or ながら whose kana
         ending is cut (…を削, …が表, …は安, …動かしながら学), the start of
         …と同じ (…と同), …になる (…にな), a one-letter katakana "word"
         (…登録済みド), one hiragana after a comma (…ていて、そ), a
         demonstrative without its noun (…原因はその), a pronoun after a
         て-form (…を作ってこれ), a 連用形 and な (…を使いな, …ながら);
         Chinese prepositions, conjunctions, coverbs, adverbs, negation,
         determiners, measure words and structural particles (…因为,
         …然后, …很, …不, …这, …单出个, …得, 一种…的; one-character ones
         only where they do not end a word: 现在, 运用自如, 值得);
         Korean connective endings and particles;
       - it stops mid-word: its last word is nowhere else in the post (or
         its front matter) but a longer word that starts with it is
         (``configura`` / ``configuration``, ``ダウンロ`` / ``ダウンロード``,
         a name: ``Leb`` / ``Lebesgue``), or it is no word of the English
         word list (SCOWL, 64,000 words) or the katakana loanword list
         (UniDic, 32,000 words) of ``post_lint/data`` but the start of one
         (``connectio``, ``tempora``, ``パッケー``, ``セッショ``; not short
         forms used as words: repo, config, env), or an English word and
         the start of another (``patchlev``; not a suffix: ``rubyist``), or
         a hyphenated or camel-case word the post writes longer (``net-im``
         / ``net-imap``, ``CodeReviewComm`` / ``CodeReviewComments``), a
         short capitalised fragment of a word the post writes in lower case
         (``Upda`` / "to update"), a two-kana fragment of a loanword (エラ
         of エラー: only words of three kana drop their ー), a kanji after a
         particle, な, ご/お, katakana or Latin that is no word by itself
         (``…な機``, ``…スマホ活``, ``…へのご招``; the kanji that are words,
         counters, suffixes or stems, 話, 版, 化, 変, are listed in
         ``post_lint/data/ja_kanji_words.py``), the first character of a
         Chinese binome (…浏 of 浏览), or a Chinese number and measure word
         without its noun (…遇上一位, …半炷); in CJK text a Latin word is read so only at the end
         of an English phrase of three words (``…logs in conte``) or as a
         short lower-case fragment right after kana (``…をいくつかcl``),
         being a name otherwise; or (English, Chinese) the
         post uses that word or character at least three or four times and
         never ends a clause with it (``…讲的是统``);
       - it ends inside a quotation in straight quotes, which TRN003 cannot
         pair: an odd number of them, the last opening one that runs to the
         end (``男爵说："你应该学着做你自己，面对``; not an inch mark, ``15"``);
       - or its last sentence has no ending and is no sentence-final form
         (a Japanese polite 終止形 or 終助詞, a Chinese 语气词 such as 吧, 啦),
         and the post's other prose paragraphs finish theirs (four in five),
         or a finished sentence stands before it in the same paragraph, or
         it is the only text under the last heading, or the post's only
         paragraph (four words, twelve CJK characters or more). A Japanese
         plain form (…する, …した) counts as unfinished in a post written in
         です/ます. The file ending without a final newline is mentioned as
         support, never used as proof.

       Habits that stay quiet: a signature or sign-off ("— Matz", "Best
       regards,", a name under an address), an emoji or emoticon, a link,
       URL, address, path, version or size, a template tag or image (the
       source does not end in prose), "TBD", "to be continued", （続く）, 以上,
       "and more", "etc.", a casual ending (…だね, 笑, 吧, 啦), a name or
       title, a lone handle ("mopp"), a label and its value (a definition
       list's ``Term`` / ``: value``), a poem's stanza (unless its last line
       stops on a word that wants more: …岂不是会单出个), an MDX
       ``import``/``export``, and a closing quote typed as an opening one
       (``…です。“``, ``.“``, which is a typo, not a cut). A sign-off that
       stops in half a word ("Thanks for their contribu") is reported, and
       so are two names joined by a slash, which the habit check would read
       as a path, when the last one is cut (``…for MS-DOS/Windo`` in a post
       that writes Windows). The message then starts "post ends
       mid-sentence".

    Headings, list items, tables, code, HTML, block quotes, footnotes,
    image- or link-only paragraphs and bold pseudo-headings are never
    checked (TRN004-TRN008 read the end of the post in those blocks). A paragraph that ends inside a bracket it opened is left to
    TRN003 unless a marker or continuation proves the cut.

    **Why:** a cut sentence is the most visible damage a length limit
    leaves; readers stop at it. It is usually followed by a repeated or
    half-repeated continuation (TRN002), which ``--fix`` can join back.

    **Example:**

    ```markdown
    …この投資は、私たちの社会の生産性を向上させ

    ---END---
    ```

    reports ``post.md:66:125: TRN001 paragraph ends mid-sentence
    ('…私たちの社会の生産性を向上させ'): a leaked end marker follows``; the
    range covers the unfinished sentence.

    **Fix:** none on this diagnostic; the seam fix is attached to the TRN002
    continuation that completes the sentence.

    **Options:** (tune evidence 3; evidence 1 and 2 always apply)

    - ``ending-evidence`` (bool, default true): use evidence 3. Set it to
      false to report only cuts proven by a marker or a continuation.
    - ``extra-endings`` (list of strings, default ``[]``): more endings that
      cannot end a sentence in your posts (e.g. ``["about", "のような"]``); an
      ASCII ending must be a whole word. The other conditions of evidence 3
      still apply.
    - ``ignore-endings`` (list of strings, default ``[]``): endings never to
      treat as evidence (e.g. ``["ため"]`` for a house style of headline-like
      paragraphs).
    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers besides the built-in ones. Shared by the TRN rules:
      set it once in ``[rules.TRN]``; taken from GEN001's
      (``[rules.leaked-end-marker]`` or ``[rules.GEN]``) unless set for TRN.
    - ``end-of-post`` (bool, default true): use evidence 4. Set it to false
      for sites whose posts end in unpunctuated notes.
    - ``ja-morphology`` (bool, default false): where the built-in grammar
      cannot tell how a Japanese sentence ends (a kanji or katakana word, a
      plain form), ask a morphological analyser (the ``post-lint[ja]``
      extra: fugashi + unidic-lite) for the last morpheme's part of speech
      and 活用形; ignored when the extra is not installed.
    """
    a = _analysis(post, "TRN001", options)
    use_endings = options["ending_evidence"]
    extra = tuple(options["extra_endings"])
    ignore = tuple(options["ignore_endings"])
    use_end = bool(options.get("end_of_post", True))
    morphology = bool(options.get("ja_morphology", False))
    continuation_of = {id(c.previous): c for c in a.continuations if c.continues_previous}
    for p in a.candidates:  # (a plain paragraph is complete)
        if p.exempt or p.complete:
            continue
        nxt, marker_after = a.neighbour(p, 1)
        at_end = nxt is None and not marker_after and p.index == len(post.blocks) - 1
        reason = ""
        if marker_after:
            reason = "a leaked end marker follows"
        elif id(p) in continuation_of:
            c = continuation_of[id(p)]
            reason = f"the continuation at line {c.para.block.start_line} resumes it"
        elif use_end and at_end:
            reason = _end_of_post_reason(a, p, extra, ignore, morphology)
            if reason:
                yield _cut_diagnostic(a, p, "TRN001", "post ends mid-sentence", reason)
            continue
        elif use_endings and _intrinsic_allowed(a, p) and _raw_end_matches(a, p):
            if _unclosed_bracket(p.text) is None:
                reason = ending_evidence(p.text, extra, ignore)
        if not reason:
            continue
        yield _cut_diagnostic(a, p, "TRN001", "paragraph ends mid-sentence", reason)


# --------------------------------------------------------------------------
# The end of the post (TRN001 evidence, TRN004-TRN008)
# --------------------------------------------------------------------------

#: A final paragraph is judged against the post's other prose paragraphs
#: only when there are at least this many of them, and this share ends
#: with punctuation.
_EOF_MIN_PARAGRAPHS = 1
_EOF_PUNCTUATED_SHARE = 0.8


def _eof_style(a: _Analysis, last: Block) -> bool:
    """Do the post's other prose paragraphs (top level, 20 characters or
    more) end with punctuation, at least four in five of them? (A paragraph
    that ends with links after its last sentence, ``…出来ます。 [#15626](…)``,
    ends with that sentence's punctuation.)"""
    cached = a.__dict__.get("_eof_style")
    if cached is None:
        prose = [p for p in a.paras if not p.exempt and len(p.text) >= 10 and p.block is not last]
        finished = sum(
            1 for p in prose if p.complete or _finished_before_links(a.post, p.block, p.text)
        )
        if not prose:
            # Nothing to compare with: the paragraph is the post's only prose.
            cached = None
        else:
            cached = len(prose) >= _EOF_MIN_PARAGRAPHS and finished >= (
                _EOF_PUNCTUATED_SHARE * len(prose)
            )
        a.__dict__["_eof_style"] = cached
    return cached


def _clause_ends(a: _Analysis) -> post_end.ClauseEnds:
    c = a.__dict__.get("_clause_ends")
    if c is None:
        c = a.__dict__["_clause_ends"] = post_end.ClauseEnds(a.post)
    return c


def _vocabulary(a: _Analysis) -> post_end.Vocabulary:
    v = a.__dict__.get("_vocabulary")
    if v is None:
        v = a.__dict__["_vocabulary"] = post_end.Vocabulary(a.post)
    return v


def _habit(post: Post, block: Block, sentence: str) -> str:
    """post_end.habit for the block's last source line (and the one before),
    without list markers and quote prefixes."""
    before = post.lines.line(block.end_line - 1) if block.end_line > block.start_line else ""
    last = post.lines.line(block.end_line)
    if block.containers:
        last = post_end.strip_container(last)
        before = post_end.strip_container(before)
    return post_end.habit(last, sentence, before)


def _source_ends_in_prose(post: Post, block: Block, text: str) -> bool:
    """Does the block's source end with the same character as its prose (not
    in a link, URL, image, HTML or template tag, which the prose drops)?"""
    raw = post.lines.line(block.end_line).rstrip()
    if _TEMPLATE_END.search(raw):
        return False
    raw = raw.rstrip("*_~\\ ")
    return bool(raw) and bool(text) and raw[-1] == text[-1]


#: Two names joined by a slash (``MS-DOS/Windows``, ``Linux/Mac``): words,
#: not a path, though the habit check reads any slash as one.
_WORD_OR_WORD = lazy_regex(r"(?<![\w/.~:@-])\p{L}[\p{L}\-]*/\p{Lu}\p{Ll}+$")


def _ending_reason(
    a: _Analysis,
    block: Block,
    text: str,
    *,
    style: bool | None,
    extra: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    lead_in: bool = False,
    clause_ends: bool = True,
    morphology: bool = False,
    labels_are_sentences: bool = False,
    style_reason: str = "its last sentence has no ending, where the post's other paragraphs finish theirs",
) -> str:
    """Why ``text``, the prose of the post's last block, stops mid-sentence
    ('' when it need not): its last words cannot end a sentence, it stops
    mid-word, or (``style``: the rest of the post finishes its sentences) its
    last sentence has no ending and is no habit. ``labels_are_sentences``:
    items shaped ``label: value`` around it end in finished sentences, so a
    label and its value is no excuse."""
    post = a.post
    sentence, finished_before = post_end.last_sentence(text)
    if not sentence or not _source_ends_in_prose(post, block, text):
        return ""
    for ending in ignore:
        if text.endswith(ending):
            return ""
    if post_end.open_inline(post.block_source(block)) is not None:
        return ""  # TRN008 says what is open
    habit = _habit(post, block, sentence)
    signature = habit.startswith("a signature")
    if (
        habit
        and not (
            (signature or _WORD_OR_WORD.search(sentence[-80:]))
            and post_end.cut_word(_vocabulary(a), text)
        )
        and not (habit == "a signature" and _open_sign_off(text, morphology))
    ):
        # (A sign-off never ends in half a word: "Thanks for their cont",
        # nor on a word that wants more: "Thanks to everyone who", "Thank";
        # nor does a pair of names read as a path: "for MS-DOS/Windo", where
        # the post writes Windows.)
        return ""
    before = _block_before(post, block)
    if (
        before is not None
        and before.kind == "paragraph"
        and before.is_top_level
        and len(text) <= _MAX_SIGNATURE
        and post_end.SIGN_OFF.match(before.prose)
    ):
        # A signature under "Sincerely," (not a sentence after a quoted
        # letter's "> Thank you sir").
        return ""
    if post_end.is_verse(post.block_source(block)):
        # A poem's stanza: its lines end without punctuation by design, and
        # run on into the next (…我听过无数遍的 / 再见二丁目); but its last line
        # does not stop on a word that wants more (…岂不是会单出个).
        end = sentence_end(text, morphology)
        reason = end.reason if end.is_open else post_end.chinese_compound(post, block, text)
        return f"{reason}, on the last line of the poem" if reason else ""
    own = ending_evidence(text, extra, ignore)
    if own:
        return own
    end = sentence_end(text, morphology)
    if end.is_open:
        return end.reason  # a Latin comma or a weak one: nothing follows at the end of a post
    cut = post_end.cut_word(_vocabulary(a), text)
    if cut:
        return cut
    if end.is_final and not end.plain:
        return ""
    if post_end.label(sentence, alone=not finished_before) and not (
        labels_are_sentences and post_end.label_prefix(sentence)
    ):
        return ""
    never = _clause_ends(a).never_ends(text) if clause_ends else ""
    if never:
        return never
    compound = post_end.chinese_compound(post, block, text)
    if compound:
        return compound
    alone = style is None and post_end.long_enough(sentence, 4, 12)
    if not (
        style or alone or finished_before or (lead_in and post_end.long_enough(sentence, 3, 6))
    ):
        return ""
    if post_end.register_mismatch(post.body, end):
        why = f"{end.reason}, a plain form in a post written in です/ます"
    elif style:
        why = style_reason
    elif finished_before or lead_in:
        why = (
            "its last sentence has no ending, after a finished one"
            if finished_before
            else ("the only text under the last heading stops without an ending")
        )
    else:
        why = "the post's only paragraph stops without an ending"
    if not post.text.endswith("\n"):
        why += ", and the file has no final newline"
    return why


#: The longest text read as a signature under a sign-off (a name, a team,
#: a title and an address).
_MAX_SIGNATURE = 120


def _open_sign_off(text: str, morphology: bool) -> bool:
    """Does a sign-off stop on a word that cannot end it (a function word, a
    relative pronoun, "Thank"), rather than a comma (``Best regards,``, the
    name to follow) or a weak one-character ending?"""
    if not text.rstrip()[-1:].isalpha():
        return False
    end = sentence_end(text, morphology)
    return end.is_open and not end.weak


def _end_of_post_reason(
    a: _Analysis,
    p: _Para,
    extra: tuple[str, ...],
    ignore: tuple[str, ...],
    morphology: bool = False,
) -> str:
    """TRN001's end-of-post evidence for the post's last paragraph."""
    if _unclosed_bracket(p.text, at_end=p.text[-1:] not in "(（") is not None:
        return ""  # TRN003
    blocks = a.post.blocks
    lead_in = p.index > 0 and blocks[p.index - 1].kind == "heading"
    reason = _ending_reason(
        a,
        p.block,
        p.text,
        style=_eof_style(a, p.block),
        extra=extra,
        ignore=ignore,
        lead_in=lead_in,
        morphology=morphology,
    )
    if not reason and _source_ends_in_prose(a.post, p.block, p.text):
        reason = _open_straight_quote(p.text)  # (男爵语："你应该学着做你自己，面对)
    return reason


def _block_before(post: Post, block: Block) -> Block | None:
    blocks = post.blocks
    i = len(blocks) - 1
    while i >= 0 and blocks[i] is not block:
        i -= 1
    return blocks[i - 1] if i > 0 else None


def _last_block(post: Post) -> Block | None:
    return post.blocks[-1] if post.blocks else None


def _last_nonblank_line(post: Post) -> int:
    n = post.lines.line_count
    while n > post.body_line and not post.lines.line(n).strip():
        n -= 1
    return n


def _line_diagnostic(post: Post, code: str, line: int, message: str) -> Diagnostic:
    raw = post.lines.line(line)
    col = len(raw) - len(raw.lstrip()) + 1
    return Diagnostic(code, line, col, message, line, max(len(raw.rstrip()) + 1, col))


# --------------------------------------------------------------------------
# TRN002 continuation-fragment
# --------------------------------------------------------------------------


def _raw_ellipsis(line: str) -> int | None:
    """Index just past the opening ellipsis (and spaces) of a source line."""
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    if indent > 3:
        return None
    m = _ELLIPSIS_START.match(stripped)
    return indent + m.end() if m else None


def _join_fix(a: _Analysis, c: _Continuation, min_overlap: int) -> Fix | None:
    """Join a continuation to the cut paragraph right before it."""
    post = a.post
    p, prev = c.para, c.previous
    if prev is None or c.marker_between or not c.continues_previous or prev.trailing_marker:
        return None
    if prev.index != p.index - 1 or prev.last_text_line != prev.block.end_line:
        return None
    if any(post.lines.line(n).strip() for n in range(prev.block.end_line + 1, p.block.start_line)):
        return None
    if not _raw_end_matches(a, prev):
        return None
    prev_line = post.lines.line(prev.block.end_line).rstrip()
    first = post.lines.line(p.block.start_line)
    cut = _raw_ellipsis(first)
    if cut is None or cut >= len(first.rstrip()):
        return None
    rest = first[cut:]
    k = _overlap(prev_line, rest.rstrip())
    glue = ""
    if k >= _min_overlap(rest, min_overlap):
        if rest[0].isalnum() and CJK_CHAR.match(rest[0]) is None:
            # A Latin overlap must cover whole words.
            before = prev_line[-k - 1] if len(prev_line) > k else " "
            after = rest[k] if len(rest) > k else " "
            if before.isalnum() or after.isalnum():
                return None
        skip = k
    else:
        if c.overlap:
            return None  # the repeat is hidden by markup: do not double it
        skip = 0
        last, nxt = prev_line[-1], rest[0]
        if CJK_CHAR.match(last) and CJK_CHAR.match(nxt):
            glue = ""
        elif _LATIN_LOWER_START.match(nxt) and (
            last in _COMMAS or ending_evidence(prev.text).startswith("ends with '")
        ):
            glue = " "
        else:
            return None
    edit = Edit(
        prev.block.end_line,
        len(prev_line) + 1,
        p.block.start_line,
        cut + skip + 1,
        glue,
    )
    return Fix("unsafe", (edit,), "join the continuation to the cut sentence")


def _delete_fix(a: _Analysis, c: _Continuation) -> Fix | None:
    """Delete a continuation that only restarts text already in the post."""
    post = a.post
    p = c.para
    if c.continues_previous or p.trailing_marker or len(p.text) > _MAX_DELETABLE_CHARS:
        return None
    if not p.complete:
        return None  # a cut fragment may yet be joined with what follows
    if any(n in a.markers for n in range(p.block.start_line, p.block.end_line + 1)):
        return None
    prev_index, _ = a.neighbour(p, -1)
    if prev_index is not None:
        prev = a.para_at(prev_index)
        if prev is not None and not prev.exempt and not prev.complete:
            return None  # a cut paragraph may still take this as its ending
    if not a.covered(p):
        return None
    edits = delete_lines(post, p.block.start_line, p.block.end_line)
    return Fix("unsafe", edits, "remove the continuation; its text is already in the post")


@rule(
    "TRN002",
    "continuation-fragment",
    "a paragraph resumes a cut sentence with a leading ellipsis",
    family=FAMILY,
    options={"min_overlap": _DEFAULT_MIN_OVERLAP},
    validate={"min_overlap": between(1, _TAIL_CHARS)},
    inherits={EXTRA_MARKERS: "GEN001"},
    fixable=True,
)
def continuation_fragment(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds the seam a "continue" leaves: a paragraph that starts with
    ``...``, ``…``, ``・・・`` or ``‥`` and resumes a sentence cut off before it.

    An ellipsis alone proves nothing: writers open paragraphs with one for
    effect ("…and then it rained.", 「……そして誰もいなくなった。」). The rule
    needs one of these:

    - a leaked end marker (GEN001) stands right before it;
    - the paragraph before it is unfinished (no terminal punctuation) and the
      fragment starts in lower case or hiragana, or with any CJK character
      after CJK text, or repeats that paragraph's last words
      (``…向上させ`` / ``...私たちの社会の生産性を向上させ、``);
    - it repeats the end of an earlier cut paragraph;
    - its first 16-40 characters appear verbatim earlier in the post (the
      generator restarted from text it had already written);
    - it starts mid-word (lower case or hiragana) and its first sentence
      stands in full elsewhere in the post (an orphan whose cut paragraph
      was removed, e.g. by a DUP fix).

    Only top-level paragraphs are checked (not list items, quotes or code).

    **Why:** the fragment is unreadable on its own, and it usually doubles
    words the reader has just read.

    **Example:** ``...めているのです。`` after ``…可能性を秘`` and ``---END---``
    reports ``post.md:52:1: TRN002 paragraph continues a cut sentence
    ('...めているのです。'): follows a leaked end marker; resumes the
    unfinished paragraph before it``.

    **Fix (unsafe):**

    - *join*: when the cut paragraph is directly before the fragment (only
      blank lines between, e.g. once GEN001's fix removed the marker in an
      earlier pass), the two become one sentence, dropping the ellipsis and
      any repeated words: ``…可能性を秘`` + ``...めているのです。`` becomes
      ``…可能性を秘めているのです。``; ``…生産性を向上させ`` +
      ``...私たちの社会の生産性を向上させ、新たな…`` becomes
      ``…生産性を向上させ、新たな…``. Latin text is joined with a space, and
      only at a repeated whole-word overlap or after a function word or
      comma (never ``possibi`` + ``lity`` into ``possibi lity``).
    - *remove*: a fragment after a finished paragraph whose every sentence
      already stands elsewhere in the post (in an earlier paragraph, or in a
      longer later one) is deleted; nothing is lost.

    **Options:**

    - ``min-overlap`` (int from 1 to 200, default 4): how many characters
      (CJK; twice as many in Latin script) a fragment must repeat of a
      paragraph's end to count as overlapping it, for the evidence and for
      the join. TRN001 reads the same continuations, so it agrees.
    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers besides the built-in ones. Shared by the TRN rules:
      set it once in ``[rules.TRN]``; taken from GEN001's
      (``[rules.leaked-end-marker]`` or ``[rules.GEN]``) unless set for TRN.
    """
    min_overlap = options["min_overlap"]
    a = _analysis(post, "TRN002", options)
    for c in a.continuations:
        p = c.para
        fix = _join_fix(a, c, min_overlap) or _delete_fix(a, c)
        line = p.block.start_line
        raw = post.lines.line(line)
        col = len(raw) - len(raw.lstrip()) + 1
        yield Diagnostic(
            "TRN002",
            line,
            col,
            f"paragraph continues a cut sentence ('{shorten(p.text, 21)}'): "
            + "; ".join(c.evidence),
            line,
            len(raw.rstrip()) + 1,
            fix,
        )


# --------------------------------------------------------------------------
# TRN003 unclosed-bracket
# --------------------------------------------------------------------------

_DEFAULT_PAIRS = ["「」", "『』", "（）", "“”", "()", "【】", "《》"]
#: An opener that starts a kaomoji or net-slang aside rather than a
#: parenthesis: (笑, (汗, (^^;, (´・ω・`), :( and the like.
_EMOTICON_AFTER = frozenset("笑汗泣爆謎怒苦喜^´・;；＾￣〃°*＊>＞<＜TｏoO_-")
_EMOTICON_BEFORE = frozenset(":;=：；")
_CODE_SPAN = lazy_regex(r"(`{1,5})(?:(?!\1).){0,2000}?\1", regex.S)
_URLISH = lazy_regex(r"\]\([^)\s]{0,2000}\)|<[^>\n]{0,500}>|https?://[^\s)）\]>」』\"'<]{1,2000}")
#: Full- and half-width parentheses close each other (（LINE) is common).
_SAME_BRACKET = str.maketrans("（）", "()")
_MARKUP_CHARS = lazy_regex(r"[*_`~\\]+")
_TERMINAL_INSIDE = lazy_regex(r"[。！？!?](?=[^\s」』）)”’])|[.!?]\s+\S")


def _blank_out(text: str) -> str:
    """Replace code spans, link targets, URLs and tags with spaces (same length)."""

    def spaces(m: regex.Match[str]) -> str:
        return " " * len(m.group(0))

    text = _CODE_SPAN.sub(spaces, text)
    return _URLISH.sub(spaces, text)


def _unclosed_bracket(
    text: str, pairs: dict[str, str] | None = None, *, at_end: bool = False
) -> int | None:
    """Offset of the outermost opener left unclosed at the end of ``text``
    when the text after it is one unfinished stretch (no sentence ends and
    starts again inside it); None otherwise. Full- and half-width
    parentheses close each other."""
    pairs = pairs if pairs is not None else dict(_DEFAULT_PAIRS_MAP)
    openers = {o.translate(_SAME_BRACKET): c.translate(_SAME_BRACKET) for o, c in pairs.items()}
    closers = {c: o for o, c in openers.items()}
    stack: list[tuple[str, int]] = []
    for i, raw_ch in enumerate(text):
        ch = raw_ch.translate(_SAME_BRACKET)
        if ch in openers:
            after = text[i + 1 : i + 2]
            before = text[i - 1 : i] if i else ""
            if ch == "(" and (after in _EMOTICON_AFTER or before in _EMOTICON_BEFORE):
                continue
            if len(stack) < 64:
                stack.append((ch, i))
        elif ch in closers:
            opener = closers[ch]
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == opener:
                    del stack[j:]
                    break
    if not stack:
        return None
    _, pos = stack[0]
    inside = text[pos + 1 :].strip()
    if not inside or (not at_end and _TERMINAL_INSIDE.search(inside)):
        return None
    return pos


_DEFAULT_PAIRS_MAP = tuple((p[0], p[1]) for p in _DEFAULT_PAIRS)


@rule(
    "TRN003",
    "unclosed-bracket",
    "a paragraph ends inside a quote or bracket it opened",
    family=FAMILY,
    options={"pairs": list(_DEFAULT_PAIRS)},
    validate={"pairs": char_pairs},
    inherits={EXTRA_MARKERS: "GEN001"},
)
def unclosed_bracket(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a paragraph that opens 「, 『, （, “ or ( and ends before closing
    it: the cut happened inside a quote or an aside (``彼は「AIの未来は``).

    It fires only when the paragraph *ends* inside the bracket, without
    terminal punctuation, and the text after the opener is one unfinished
    stretch: a bracket opened, followed by a finished sentence and more text
    is a typo, not a cut. Writers leave parenthetical asides open on
    purpose (…だった（自分が悪い, ``(笑``), so for ``(``/``（`` the text inside
    must also stop on a word that cannot end a sentence (as in TRN001) or a
    leaked marker must follow. Full- and half-width parentheses close each
    other (``（LINE)``); kaomoji and emoticons (``(^^;``, ``:-(``) do not
    count; code spans, link targets and URLs are ignored; a paragraph
    followed by one that opens with the same quote mark (the convention for
    a quotation running over several paragraphs) is fine; so is a paragraph
    followed by a list, code, table or quote it introduces. Only top-level
    prose paragraphs are checked, not headings, lists, tables, quotes,
    footnotes or image/link-only paragraphs; except that when the post's
    last block is a list item that ends inside a bracket it opened
    (``* 実行委員会が依頼する「Prize``), the post ending there is reported
    the same way (and TRN005 leaves that item to this rule).

    When the paragraph is the post's last block, the post ending inside the
    quote is evidence enough: the text after the opener may hold finished
    sentences (``彼は「AIの未来は明るい。しかし``), and the message says "the
    post ends inside it". An opening quote typed where the closing one
    belongs (``…と言った。“``, ``it works.“``) is never reported.

    **Why:** a quote that never closes is where a length limit struck; the
    reader never learns what was said.

    **Example:** ``記者会見が開かれた。彼は「AIの未来は私たちの`` followed by a
    new paragraph reports ``post.md:5:13: TRN003 '「' is never closed: the
    paragraph ends inside it`` (the position of the opener).

    **Options:**

    - ``pairs`` (list of two-character strings, default
      ``["「」", "『』", "（）", "“”", "()", "【】", "《》"]``): the opening and
      closing characters to check (【】 for Japanese labels, 《》 for
      Chinese titles).
    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers besides the built-in ones. Shared by the TRN rules:
      set it once in ``[rules.TRN]``; taken from GEN001's
      (``[rules.leaked-end-marker]`` or ``[rules.GEN]``) unless set for TRN.
    """
    a = _analysis(post, "TRN003", options)
    pairs = {s[0]: s[1] for s in options["pairs"]}
    if not pairs:
        return
    for p in a.candidates:  # (a plain paragraph is complete)
        if p.exempt or p.complete:
            continue
        index, marker_after = a.neighbour(p, 1)
        if not marker_after and not _prose_follows(a, p):
            continue
        source = post.block_source(p.block)
        if p.trailing_marker or p.last_text_line != p.block.end_line:
            source = a.marks.strip(source)
        scanned = _blank_out(source)
        at_end = index is None and not marker_after and p.index == len(post.blocks) - 1
        pos = _unclosed_bracket(scanned.rstrip(), pairs, at_end=at_end and p.text[-1:] not in "(（")
        if pos is None:
            continue
        opener = scanned[pos]
        q = a.para_at(index)
        if q is not None and q.text.startswith(opener):
            continue
        if opener in "(（" and not marker_after:
            # Writers leave asides open on purpose (…だった（自分が悪い); a
            # parenthesis needs the inside to stop mid-sentence as well.
            inside = _MARKUP_CHARS.sub("", scanned[pos + 1 :]).strip()
            if not ending_evidence(inside) or not a.punctuated_style:
                continue
        base = post.lines.offset(p.block.start_line, 1)
        line, col = post.lines.position(base + pos)
        where = "the post" if at_end else "the paragraph"
        yield Diagnostic(
            "TRN003",
            line,
            col,
            f"'{opener}' is never closed: {where} ends inside it",
            line,
            col + 1,
        )
    found = _last_item_bracket(a, pairs)
    if found is not None:
        p, pos, opener = found
        line, col = post.lines.position(post.lines.offset(p.block.start_line, 1) + pos)
        yield Diagnostic(
            "TRN003",
            line,
            col,
            f"'{opener}' is never closed: the post ends inside it",
            line,
            col + 1,
        )


def _last_item_bracket(
    a: _Analysis, pairs: dict[str, str] | None = None
) -> tuple[_Para, int, str] | None:
    """The post's last block is a list item that ends inside a quote or
    bracket it opened (``* 実行委員会が依頼する「Prize``): the item's record,
    the opener's offset in its source, and the opener. A parenthesis needs
    the text inside to stop mid-sentence, as for a paragraph."""
    post = a.post
    last = _last_block(post)
    if last is None or last.kind != "paragraph" or not last.in_list or last.in_footnote:
        return None
    p = a.by_index.get(len(post.blocks) - 1)
    if p is None or p.is_marker or not p.text or is_complete(p.text):
        return None
    source = post.block_source(last)
    if p.trailing_marker or p.last_text_line != last.end_line:
        source = a.marks.strip(source)
    scanned = _blank_out(source).rstrip()
    pos = _unclosed_bracket(scanned, pairs, at_end=p.text[-1:] not in "(（")
    if pos is None:
        return None
    opener = scanned[pos]
    if opener in "(（":
        inside = _MARKUP_CHARS.sub("", scanned[pos + 1 :]).strip()
        if not ending_evidence(inside):
            return None
    return p, pos, opener


# --------------------------------------------------------------------------
# TRN004-TRN008: the post ends inside a block
# --------------------------------------------------------------------------


@rule("TRN004", "unclosed-code-fence", "the post ends inside a code block that never closes")
def unclosed_code_fence(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post that ends inside a fenced code block: the opening
    ```` ``` ```` (or ``~~~``) has no closing fence before the end of the file.

    **Evidence:** the last block of the post is a fenced code block (at the
    top level, in a list item or in a quote) and no line after its opening
    fence closes it (the same character, at least as many). No human post
    ends inside an open fence; a generator that hit its output limit in the
    middle of a code sample does. A fence closed anywhere, an indented code
    block or a fence in the middle of the post (which CommonMark runs to the
    end anyway) is never reported.

    **Why:** the rest of the post is rendered as code, and the code sample
    itself is cut.

    **Example:** a post whose last lines are ```` ```yaml ```` (line 41) and
    a few lines of YAML reports ``post.md:47:1: TRN004 post ends inside an
    unclosed ``` code block opened at line 41`` at the last line.

    **Options:** none.
    """
    last = _last_block(post)
    if last is None or last.kind != "code":
        return
    fence = post_end.unclosed_fence(post, last)
    if not fence:
        return
    lang = f" {last.info.split()[0]}" if last.info.split() else ""
    yield _line_diagnostic(
        post,
        "TRN004",
        _last_nonblank_line(post),
        f"post ends inside an unclosed {fence}{lang} code block opened at line {last.start_line}",
    )


def _list_siblings(post: Post, index: int) -> list[Block]:
    """The paragraphs of the earlier items of the list that block ``index``
    is in (same nesting), nearest first, up to the list's start."""
    blocks = post.blocks
    me = blocks[index]
    out: list[Block] = []
    for i in range(index - 1, -1, -1):
        b = blocks[i]
        if not b.in_list:
            break
        if b.kind == "paragraph" and b.containers == me.containers:
            out.append(b)
        if len(out) >= 50:
            break
    return out


@rule(
    "TRN005",
    "truncated-list-item",
    "the post ends in the middle of a list item",
    family=FAMILY,
    options={"extra_endings": [], "ignore_endings": []},
    validate={"extra_endings": non_blank_strings, "ignore_endings": non_blank_strings},
    inherits={"extra_endings": "TRN001", "ignore_endings": "TRN001", EXTRA_MARKERS: "GEN001"},
)
def truncated_list_item(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post that ends in the middle of a list item
    (``- 設定ファイルを保存したら、サーバーを``).

    List items often lack a period, so the rule needs one of these, on the
    last item of the post (the post's last block is a paragraph in a list):

    - its last words cannot end a sentence (a comma, an English function
      word, a Japanese particle or 連用形, a Chinese preposition or
      conjunction: see TRN001 and :mod:`post_lint.endings`);
    - it stops mid-word: its last word is nowhere else in the post, but a
      longer word that starts with it is (``configura`` / ``configuration``,
      ``ダウンロ`` / ``ダウンロード``);
    - it stops mid-word: as for TRN001, by the post's own words or the
      English and katakana word lists (``…avoid creating tempora``,
      ``…で依存パッケー``, ``Ruby 1.8.6 patchlev``, ``net-im`` where the post
      writes ``net-imap``);
    - it ends inside a quotation in straight quotes, which TRN003 cannot
      pair: an odd number of them, the last opening a quotation that runs
      to the end (``- "Set up``; not an inch mark, ``15"``);
    - the list's other items (at least two) end with punctuation, at least
      four in five, and this one does not end in a sentence-final form (an
      item that ends in links after its period, ``…導入されました。[#12125](…)``,
      ends with that period); when they are shaped ``label: value``
      (``7.4.1378: …が追加されました。``), a label and its value is no excuse
      for this one;
    - the list's one other item is a sentence with its period, in a post
      whose paragraphs end with theirs, and this one is a sentence as long
      (five words, ten CJK characters) without one;
    - it repeats the start of another item and stops where that one goes on
      (``* Ruby 3.3 series: resolv`` under ``* Ruby 3.2 series: resolv
      version 0.2.2 and earlier``, numbers compared as numbers; a one-word
      item, ``* Update``, must start two of them);
    - the list's other items (three or more) all end with the same words and
      this one, with no ending of its own, does not (``…ruby 1.9 系列`` /
      ``…より前の全ての ruby 開``);
    - the list's other items (three or more, nearest first) all end finished,
      at least one by a sentence-final form rather than punctuation
      (…されました, …できる), and this CJK item ends in neither
      (``…各種未実装オプションが実装``);
    - it has no ending and is a third as long as the list's other items (at
      least three, their median), and shorter than any of them
      (``- the route`` under items of fifty characters; two English words
      joined by a slash, ``…work in a team/project``, are prose here, not a
      path);
    - it holds a finished sentence and then an unfinished one, in a post
      whose paragraphs end with punctuation;
    - the list's lead-in (the paragraph or heading right before it) counts
      more items than the list has, in its last sentence (English: before
      its colon) and last clause (``the following three steps:`` over two
      items, ``方法が2つある。`` over one, ``有三点应该注意：`` over two; not
      an ordinal, ``第三点``, nor a time or amount, ``In two weeks we
      shipped:``), and this one has no ending;
    - it is a checksum's label and value with fewer hex digits than that
      digest has (``SHA256: c843df…`` with 55 of its 64; the label may be a
      definition list's term on the line before, ``SHA256`` / ``: c843df…``);
    - it ends in a kanji after kana, Latin or punctuation (not after
      another kanji, with which it may make a word: ``…Vimが不便``), which
      the post uses three times or more elsewhere, every time as the start
      of the same two-character word, never alone (``…ような場`` in a post
      that writes 場合 nine times);
    - it has no ending (three words, eight CJK characters or more, a
      Latin word counting as two in CJK text: ``WSL2のUbuntuではデフ``; no
      label unless its value is a sentence of five words or ten CJK
      characters, counted the same way:
      ``MAJOR: MINOR リリースで対応できない互換性のない変更``),
      and the file ends right after it without a final newline, with or
      without other items (the missing newline alone is never enough; an
      item that starts with a link is a link list's entry).

    Items that are links or images, items ending in a URL, code, a template
    tag, an emoji, a signature, "TBD" or "and more", items ending in a
    sentence-final form (…です, …だね, …吧), and a last item that ends in a
    Latin name under finished Japanese items (``…ときはrealize``) are never
    reported; nor is an item that ends inside a quote or bracket it opened
    (TRN003 reports it) or inside inline markup (TRN008).

    **Why:** the list, and the post, stop in the middle of a step.

    **Example:** a post ending with ``- 設定ファイルを保存したら、サーバーを``
    reports ``post.md:20:3: TRN005 post ends in the middle of a list item
    ('…設定ファイルを保存したら、サーバーを'): ends with the particle 'を'``.

    **Options:** ``extra-endings`` and ``ignore-endings`` as for TRN001 (taken
    from TRN001's table unless set here).

    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers (shared by the TRN rules, see TRN001); a marker
      line is not text of the item.
    """
    last = _last_block(post)
    if last is None or last.kind != "paragraph" or not last.in_list:
        return
    if last.link_only or last.image_only or last.in_footnote:
        return
    a = _analysis(post, "TRN005", options)
    p = a.by_index.get(len(post.blocks) - 1)
    if p is None or p.is_marker or not p.text or is_complete(p.text):
        return
    if _last_item_bracket(a) is not None or post_end.open_inline(post.block_source(last)):
        return  # TRN003 or TRN008 says which quote, bracket or markup the post ends inside
    extra = tuple(s for s in options.get("extra_endings", ()) if isinstance(s, str) and s)
    ignore = tuple(s for s in options.get("ignore_endings", ()) if isinstance(s, str) and s)
    siblings = _sibling_texts(post, len(post.blocks) - 1)
    done = sum(1 for t in siblings if is_complete(t))
    sentences = len(siblings) >= 2 and done >= _EOF_PUNCTUATED_SHARE * len(siblings)
    # One other item, a sentence with its period, in a post whose paragraphs
    # have theirs: this long item without one was cut (``- TLS Client
    # Authentication is used by clients to authenticate``).
    pair = (
        len(siblings) == 1
        and siblings[0].rstrip()[-1:] in _SENTENCE_PERIODS
        and bool(_eof_style(a, last))
        and post_end.long_enough(post_end.last_sentence(p.text)[0], 5, 10)
        and post_end.long_enough(siblings[0], 5, 10)
    )
    labelled = sum(1 for t in siblings if post_end.label_prefix(t))
    reason = _ending_reason(
        a,
        last,
        p.text,
        style=sentences or pair,
        extra=extra,
        ignore=ignore,
        style_reason=(
            "the list's other item ends with punctuation, as the post's paragraphs do"
            if pair
            else "the list's other items end with punctuation"
        ),
        labels_are_sentences=sentences and labelled >= _EOF_PUNCTUATED_SHARE * len(siblings),
    )
    if not reason:
        reason = _short_digest(post, last)
    if not reason and _source_ends_in_prose(post, last, p.text):
        # (With no other item, only the missing final newline can tell.)
        reason = (
            _open_straight_quote(p.text)
            or _finished_siblings(a, last, p.text, siblings, done)
            or _short_last_item(post, last, p.text, siblings)
            or _sibling_template(post, last, p.text, siblings)
            or _promised_items(post, last, p.text)
            or _kanji_compound(post, last, p.text)
        )
    if not reason:
        return
    yield _cut_diagnostic(a, p, "TRN005", "post ends in the middle of a list item", reason)


#: A straight double quote that opens a quotation (after a space, a bracket,
#: a colon or comma, or the start, before a letter) and is the text's last one.
_OPEN_STRAIGHT_QUOTE = lazy_regex(r"(?:^|(?<=[\s(\[（「：:，,。]))\"(?=\p{L})[^\"\n]{1,200}$")


def _open_straight_quote(text: str) -> str:
    """Evidence from a quotation in straight quotes, which TRN003 cannot
    pair (the same mark opens and closes): the item holds an odd number of
    them, and the last opens a quotation that runs to the end (``- "Set up``;
    not an inch mark, ``15"``, which follows a digit)."""
    tail = text.rstrip()[-400:]
    if tail.count('"') % 2 == 0:
        return ""
    m = _OPEN_STRAIGHT_QUOTE.search(tail)
    if not m or _TERMINALS.intersection(m.group(0)[-1:]):
        return ""
    return "it ends inside a quotation: its last '\"' opens one that is never closed"


#: Links (and the commas between them) after a list item's last sentence:
#: ``…導入されました。[#12125](…), [#13581](…)``.
_TRAILING_LINKS = lazy_regex(r"(?:[\s,、，]*!?\[[^\[\]\n]{0,300}\]\([^()\s]{0,2000}\))+[\s,、，]*$")


def _sibling_texts(post: Post, index: int) -> list[str]:
    """The prose of the earlier items of the list that block ``index`` is
    in, nearest first, as far as it can be compared with the last item: an
    item that ends in a link, code or a tag is left out, unless the link
    follows a finished sentence (``…導入されました。[#12125](…)``: the
    item ends with that sentence)."""
    out = []
    for b in _list_siblings(post, index):
        prose = b.prose.strip()
        if not prose or b.link_only:
            continue
        if "](" not in prose and _source_ends_in_prose(post, b, prose):
            out.append(prose)
            continue
        finished = _finished_before_links(post, b, prose)
        if finished:
            out.append(finished)
    return out


def _finished_before_links(post: Post, b: Block, prose: str) -> str:
    """The prose of block ``b`` up to its last sentence's end when its source
    ends with links after that sentence (``…出来ます。 [#15626](…)``), or ''."""
    source = post.block_source(b).rstrip()[-4000:]
    m = _TRAILING_LINKS.search(source)
    if not m:
        return ""
    end = source[: m.start()].rstrip("*_ ")[-1:]
    if not end or end not in _TERMINALS:
        return ""
    cut = prose.rfind(end)
    return prose[: cut + 1] if cut > 0 else ""


#: What ends a sentence for :func:`truncated_list_item`'s one-sibling
#: evidence (a closing bracket, ``…(Windowsなど)``, ends a phrase as well).
_SENTENCE_PERIODS = frozenset("。．.！!？?")

#: Siblings that must all end finished for :func:`_finished_siblings`.
_FINISHED_SIBLINGS = 3


def _finished_siblings(
    a: _Analysis, last: Block, text: str, siblings: list[str], punctuated: int
) -> str:
    """Evidence from the list's other items (at least two, nearest first):
    they end with punctuation or a sentence-final form (…ました, …する, …了),
    every one of them (three or more) and at least one by its form, while this
    item, in CJK text, ends in neither (a noun, a word cut in half:
    ``…各種未実装オプションが実装``, ``…セッショ``). An item ending in a Latin
    word is a name (``…ときはrealize``)."""
    if len(siblings) < _FINISHED_SIBLINGS:
        return ""
    end = sentence_end(text)
    if end.verdict != UNKNOWN or end.lang == "en" or not CJK_CHAR.match(text[-1:]):
        return ""
    by_form = sum(1 for t in siblings if not is_complete(t) and sentence_end(t).is_final)
    if not by_form or punctuated + by_form < len(siblings):
        return ""
    # (No label check: items shaped like labels, ``8.0.1612: …``, whose
    # values end in finished sentences are sentences.)
    sentence, _ = post_end.last_sentence(text)
    if not sentence or _habit(a.post, last, sentence):
        return ""
    if not post_end.long_enough(sentence, 3, 6):
        return ""
    return "the list's other items end with a finished sentence, this one with none"


_ONE_LOWER_WORD = lazy_regex(r"\p{Ll}[\p{Ll}\-]{2,30}")
#: A last item this many times shorter than the list's other items (their
#: median), with no ending of its own, was cut (``- contain`` under items of
#: forty characters).
_SHORT_ITEM_RATIO = 3


def _short_last_item(post: Post, last: Block, text: str, siblings: list[str]) -> str:
    """Weaker evidence for a list's last item, used when the words prove
    nothing: the item is a sentence fragment that does not end in a
    sentence-final form, and either the file ends right after it without a
    final newline (three words, eight CJK characters or more), or it is a
    third as long as the list's other items (at least three)."""
    sentence, _ = post_end.last_sentence(text)
    end = sentence_end(text)
    if not sentence or (end.is_final and not end.plain):
        return ""
    # One lower-case word under items that are phrases (``- contain`` under
    # ``- how to inspect a route table``) is no label but the start of one.
    phrase_list = (
        bool(_ONE_LOWER_WORD.fullmatch(sentence))
        and len(siblings) >= 3
        and sum(t[:1].islower() for t in siblings) >= _EOF_PUNCTUATED_SHARE * len(siblings)
    )
    # A label and its value is no excuse when the value is a long sentence
    # and the file ends right after it (``MAJOR: MINOR リリースで対応できない
    # 互換性のない変更``): the value was cut, not the label.
    no_newline = not post.text.endswith("\n")
    long_value = (
        no_newline
        and post_end.label(sentence) == "a label and its value"
        and post_end.long_enough(
            sentence[len(post_end.label_prefix(sentence)) :], 5, 10, mixed=True
        )
    )
    if post_end.label(sentence) and not (phrase_list or long_value):
        return ""
    habit = _habit(post, last, sentence)
    if (habit and not _words_by_slash(habit, sentence)) or post_end.is_verse(
        post.block_source(last)
    ):
        return ""
    if len(siblings) >= 3 and not end.is_final:
        lengths = sorted(len(t) for t in siblings)
        median = lengths[len(lengths) // 2]
        if len(text) * _SHORT_ITEM_RATIO <= median and lengths[0] > len(text):
            return (
                f"it has no ending and is {len(text)} characters long, where the list's"
                f" other items run to {median}"
            )
    if not post_end.long_enough(sentence, 2, 4):
        return ""
    if (
        no_newline
        and post_end.long_enough(sentence, 3, 8, mixed=True)
        and not _LINK_FIRST.match(post_end.strip_container(post.block_source(last)))
    ):
        # (An item that starts with a link is an entry of a link list, its
        # words a note on the link: ``* [Talk](…) CPP MIXで話したもの``.)
        return "it has no ending, and the file ends right after it without a final newline"
    return ""


#: Two lower-case words joined by a slash at the end (``team/project``).
_SLASHED_WORDS = lazy_regex(r"(?<![\w/.~:@-])(\p{Ll}{2,30})/(\p{Ll}{2,30})$")


def _words_by_slash(habit: str, sentence: str) -> bool:
    """Is the path the habit check saw two English words joined by a slash
    (``…work in a team/project``, ``and/or``), which is prose, not a path?"""
    if habit != "an address, path or number":
        return False
    m = _SLASHED_WORDS.search(sentence.rstrip())
    return bool(m) and all(
        post_end.english_word(w) and w not in post_end.EN_SHORT_FORMS for w in m.groups()
    )


#: A list item's source that starts with a link (or an image link).
_LINK_FIRST = lazy_regex(r"\s*!?\[[^\[\]\n]{0,300}\]\(")

_NUMBER_RUN = lazy_regex(r"\d+(?:[.\-_/:]\d+)*")
#: Siblings compared by :func:`_sibling_template` (bounded work).
_TEMPLATE_SIBLINGS = 20
#: Siblings that must share their last words for :func:`_sibling_template`.
_SHARED_END_SIBLINGS = 3


def _template(text: str) -> str:
    """``text`` case-folded, numbers as ``0``, white space folded: items
    that differ only in their versions and counts compare equal."""
    return " ".join(_NUMBER_RUN.sub("0", text.casefold()).split())


def _sibling_template(post: Post, last: Block, text: str, siblings: list[str]) -> str:
    """Evidence from the shape of the list's other items: this item repeats
    the start of one of them and stops where that one goes on (``* Ruby 3.3
    series: resolv`` under ``* Ruby 3.2 series: resolv version 0.2.2 and
    earlier``; a one-word item, ``* Update``, must start two of them), or
    every other item (two or more) ends with the same words and this one,
    with no ending of its own, does not (``…系列``: three other items at
    least; two lists of two, ``…について`` / ``…例``, are a style)."""
    sentence, _ = post_end.last_sentence(text)
    end = sentence_end(text)
    if not sentence or (end.is_final and not end.plain):
        return ""
    if _habit(post, last, sentence) or post_end.is_verse(post.block_source(last)):
        return ""
    mine = _template(text)
    if not mine:
        return ""
    several = post_end.long_enough(mine, 2, 4)
    starts = []
    for sibling in siblings[:_TEMPLATE_SIBLINGS]:
        theirs = _template(sibling)
        rest = theirs[len(mine) :].rstrip("".join(_TERMINALS) + " ")
        if not theirs.startswith(mine) or len(rest) < max(3, len(theirs) // 3):
            continue
        if several or rest[:1] == " ":
            starts.append(sibling)
    if starts and (several or len(starts) >= 2):
        return f"it stops where the list's item '{shorten(starts[0], 40)}' goes on"
    others = siblings[:_TEMPLATE_SIBLINGS]
    if len(others) < _SHARED_END_SIBLINGS or not post_end.long_enough(sentence, 3, 6):
        return ""
    common = others[0]
    for other in others[1:]:
        k = 0
        while k < min(len(common), len(other)) and common[-1 - k] == other[-1 - k]:
            k += 1
        common = common[len(common) - k :]
    common = common.lstrip()
    if CJK_CHAR.match(common[:1]):
        shared = len(common) >= 2 and CJK_CHAR.match(common[-1:]) is not None
    else:
        shared = (
            len(common) >= 3
            and common[:1].isalpha()
            and all(not o[: len(o) - len(common)][-1:].isalnum() for o in others)
        )
    if shared and not text.endswith(common):
        return f"the list's other items all end with '{common}', this one stops before it"
    return ""


# --------------------------------------------------------------------------
# TRN005: evidence from the list's lead-in, a digest's length, the post's
# own compounds
# --------------------------------------------------------------------------

_EN_NUMBERS = {
    w: n
    for n, w in enumerate(
        "two three four five six seven eight nine ten eleven twelve".split(), start=2
    )
}
_CJK_NUMBERS = {**dict(zip("二三四五六七八九十", range(2, 11))), "两": 2, "兩": 2}
#: A count of things to come in an English lead-in's last sentence, which
#: ends with a colon: ``the following three steps:``, ``5 things I learned
#: this year:`` (a plural noun, at most two words between).
_EN_PROMISE = lazy_regex(
    r"(?<![\w.,\-])(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-2])"
    r"\s+(?:[a-z][\w\-]*\s+){0,2}?([a-z][\w\-]*s)\b[^:.!?,;]{0,30}:\s*$",
    regex.IGNORECASE,
)
#: Counts of time, money and size, which are no list's length (``In two
#: weeks we shipped:``).
_EN_MEASURES = frozenset(
    "seconds minutes hours days nights weeks months years decades times dollars euros bytes".split()
)
#: The same in Japanese and Chinese: a number and a counter (``以下の3つ``,
#: ``方法が2つある``, ``三个里程碑事件``, ``有三点应该注意``); not an ordinal
#: (``第三点``) nor part of a longer number (``十三``, ``2.5``).
_CJK_PROMISE = lazy_regex(
    r"(?<![第\d.．,，一二三四五六七八九十百千万萬两兩])"
    r"(\d{1,2}|[二两兩三四五六七八九十])\s*"
    r"(?:つ|点|點|個|个|項目|项|項|種類|種|种|条|條|件|ステップ|段階|パターン|ポイント|步|類|类|份|篇|大)"
)
#: A lead-in promises at most this many items (bounded, and a larger count is
#: a quantity, not a list: ``20種類のツール``).
_MAX_PROMISED = 12


def _list_start(post: Post, index: int) -> tuple[int, int]:
    """(the index of the block before the list that block ``index`` ends,
    the number of items of that list at the level of block ``index``): the
    items are counted by the list markers that start their first paragraph."""
    blocks = post.blocks
    me = blocks[index]
    items = 0
    i = index
    while i >= 0 and blocks[i].in_list and index - i < 500:
        b = blocks[i]
        if b.kind == "paragraph" and b.containers == me.containers:
            first = post.lines.line(b.start_line)
            if _ITEM_MARKER.match(first):
                items += 1
        i -= 1
    return i, items


#: The start of a list item's first line (after quote prefixes).
_ITEM_MARKER = lazy_regex(r"^(?:[ \t]{0,3}>)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _promised_count(text: str) -> int:
    """How many items the last sentence of a lead-in (a paragraph or heading
    before a list) promises, or 0."""
    text = unicodedata.normalize("NFKC", text.strip())[-300:]
    sentences = split_sentences(text)
    if not sentences:
        return 0
    last = sentences[-1]
    if not CJK_CHAR.search(last):
        m = _EN_PROMISE.search(last)
        if not m or m.group(2).lower() in _EN_MEASURES:
            return 0
        word = m.group(1).lower()
        n = _EN_NUMBERS.get(word) or int(word)
    else:
        # Only the last clause: ``サーバーを2つ立てて、以下を設定した：`` counts
        # servers, not the list.
        clause = regex.split(r"[、,]", last)[-1]
        found = list(_CJK_PROMISE.finditer(clause))
        if len(found) != 1:
            return 0  # (two counts: which one the list holds is not clear)
        word = found[0].group(1)
        n = _CJK_NUMBERS.get(word) or int(word)
    return n if 2 <= n <= _MAX_PROMISED else 0


def _promised_items(post: Post, last: Block, text: str) -> str:
    """Evidence from the list's lead-in: it promises more items than the list
    has (``有三点应该注意：`` over two items, ``方法が2つある。`` over one), and
    this item, the last, has no ending: the post stopped before the list
    was done, in this item."""
    if not last.containers or last.containers[-1] != "list_item":
        return ""
    before, items = _list_start(post, len(post.blocks) - 1)
    if before < 0 or items < 1:
        return ""
    lead = post.blocks[before]
    if lead.kind not in ("paragraph", "heading") or lead.containers != last.containers[:-1]:
        return ""
    promised = _promised_count(lead.prose)
    if promised <= items:
        return ""
    sentence, _ = post_end.last_sentence(text)
    end = sentence_end(text)
    if not sentence or (end.is_final and not end.plain) or _habit(post, last, sentence):
        return ""
    said = shorten(lead.prose.strip(), 30, keep_end=True)
    return (
        f"the list's lead-in promises {promised} items ('{said}'),"
        f" the list stops at {items}, and this one has no ending"
    )


#: A checksum as ``label: hex`` (``SHA256: c843df…``, ``md5 = …``).
_DIGEST = lazy_regex(
    r"(?<![\w-])(md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|rmd160)\s*(?:sum)?"
    r"\s*[:：=]\s*`?([0-9a-f]{1,200})`?\s*$",
    regex.IGNORECASE,
)
#: Hex digits of each digest.
_DIGEST_LENGTHS = {
    "md5": 32,
    "sha1": 40,
    "sha224": 56,
    "sha256": 64,
    "sha384": 96,
    "sha512": 128,
    "rmd160": 40,
}


def _short_digest(post: Post, last: Block) -> str:
    """Evidence from a checksum's length: the item is a digest's label and
    value (``SHA256: c843df…``) with fewer hex digits than that digest has
    (a SHA-256 has 64): the value was cut. The label may stand on the line
    before, as a definition list's term (``SHA256`` / ``: c843df…``)."""
    source = post.block_source(last).rstrip()
    m = _DIGEST.search(source[-300:])
    if not m:
        return ""
    algo = m.group(1).lower().replace("-", "")
    want = _DIGEST_LENGTHS[algo]
    have = len(m.group(2))
    if have >= want:
        return ""
    return f"its {m.group(1)} digest has {have} of its {want} hex digits"


#: Elsewhere uses of the last character that :func:`_kanji_compound` needs.
_COMPOUND_USES = 3


def _kanji_compound(post: Post, last: Block, text: str) -> str:
    """Evidence from the post's own compounds, the analogue of a word cut in
    half for Japanese: the item ends in a kanji after kana, Latin or
    punctuation, which the post uses three times or more elsewhere, every
    time as the first of the same two-character word (``…ような場`` where the
    post writes 場合 nine times), never alone."""
    stripped = text.rstrip()
    x = stripped[-1:]
    if not HAN_CHAR.match(x) or HAN_CHAR.match(stripped[-2:-1]):
        # (After another kanji it may end a word the post writes once:
        # …Vimが不便 where it writes 便利 five times. So in Chinese, where
        # every character follows one, this never applies.)
        return ""
    sentence, _ = post_end.last_sentence(text)
    if not sentence or _habit(post, last, sentence) or post_end.label(sentence):
        return ""
    uses, y, _ = post_end.fixed_follower(post, last, x)
    if uses < _COMPOUND_USES:
        return ""
    if not HAN_CHAR.match(y):
        return ""
    return (
        f"'{x}' is the start of '{x}{y}' everywhere else in the post ({uses} times),"
        " and no word of its own"
    )


@rule("TRN006", "truncated-table-row", "the post ends in the middle of a table row")
def truncated_table_row(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post whose last block is a pipe table whose last row was cut:
    it has fewer cells than the header, or no closing ``|`` where the header
    and the other rows have one.

    **Evidence:** the table is the post's last block, and its last source
    row has fewer cells than the header (cells counted outside code spans,
    ``\\|`` not counted), or lacks the closing pipe every other row has.
    Tables written without outer pipes are judged by the cell count alone
    (a row one cell short that ends with a pipe no other row has was cut
    right after that separator: ``[vmprof](…) | Sampling |`` under
    ``Name | Kind | How it works``);
    in a table whose rows lack closing pipes anyway, a last row with all its
    cells is reported when its last cell stops where words cannot (an
    opening bracket, a particle, a preposition: ``| 17:45 | (``, ``|meta|
    ロジックの結果を``). A table in the middle of a post is never reported.

    **Why:** the table, and the post, stop in the middle of a row.

    **Example:** ``| TRN004 | unclosed fence | post ends ins`` under a
    three-column header reports ``post.md:12:1: TRN006 post ends in the
    middle of a table row: line 12 has 3 of the header's 3 cells and no
    closing pipe where the other rows have one``.

    **Options:** none.
    """
    last = _last_block(post)
    if last is None or last.kind != "table":
        return
    reason = post_end.cut_table_row(post, last)
    if reason:
        yield _line_diagnostic(
            post, "TRN006", last.end_line, f"post ends in the middle of a table row: {reason}"
        )


@rule("TRN007", "empty-final-section", "the post ends with a heading and nothing under it")
def empty_final_section(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post that ends on a heading with no body (``## まとめ``), or on
    a heading followed only by the lead-in that introduces its body
    (``## Step 3`` / ``Run the following command:``).

    **Evidence:** the post's last block is a heading (at the top level), or
    its last two blocks are a heading and a paragraph that ends with a colon.
    A generator that stops right after starting a section leaves exactly
    this; a writer who means to end a post does not open a section to do it.
    A heading followed by a template tag, an HTML block (a comments widget),
    an image or a link list is not the last block and is never reported;
    neither is a Hugo section page (``_index.md``), under whose last heading
    the generator lists the section's pages.
    A heading followed by an unfinished sentence is TRN001's.

    **Why:** the reader is promised a section and gets none.

    **Example:** a post ending with ``## Step 3: Configure the load
    balancer`` reports ``post.md:30:1: TRN007 post ends with the heading
    'Step 3: Configure the load balancer' and nothing under it``.

    **Options:** none.
    """
    blocks = post.blocks
    if not blocks or post.path.replace("\\", "/").rsplit("/", 1)[-1] == "_index.md":
        return  # a Hugo section page: the generator lists the section's pages under it
    last = blocks[-1]
    if last.kind == "heading" and last.is_top_level and last.prose.strip():
        yield _line_diagnostic(
            post,
            "TRN007",
            last.start_line,
            f"post ends with the heading '{shorten(last.prose, 41)}' and nothing under it",
        )
        return
    if len(blocks) < 2 or last.kind != "paragraph" or not last.is_top_level:
        return
    heading = blocks[-2]
    text = last.prose.strip()
    if heading.kind != "heading" or not text.endswith((":", "：")):
        return
    if not _source_ends_in_prose(post, last, text):
        return
    yield _line_diagnostic(
        post,
        "TRN007",
        last.end_line,
        f"post ends after the heading '{shorten(heading.prose, 41)}' "
        f"and its lead-in ('{shorten(text, 21, keep_end=True)}'), with nothing they introduce",
    )


@rule(
    "TRN008",
    "unclosed-inline-markup",
    "the post ends inside a link, code span or bold text",
    family=FAMILY,
    inherits={EXTRA_MARKERS: "GEN001"},
)
def unclosed_inline_markup(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post that ends inside inline markup it opened: a link whose
    target never closes (``[docs](https://exa``), link text never closed
    (``see [the manu``), a code span (`` `kubectl get``), bold or
    strikethrough (``**always vali``), an HTML tag (``<a href="``).

    **Evidence:** the post's last block is a paragraph (at any level) whose
    source ends inside the construct: the last link target has no ``)``,
    the last ``[`` no ``]``, a backtick run or ``**``/``__``/``~~`` has no
    partner. Code spans, URLs and autolinks are read first, so ``**`` inside
    code does not count; a quote or bracket left open is TRN003's.

    **Why:** the cut leaves raw markup on the page (the link is not a link,
    the rest of the line is code), and the sentence is cut.

    **Example:** a post ending with ``See [the docs](https://example.com/do``
    reports ``post.md:9:5: TRN008 post ends inside the target of the link
    '[the docs](https://example.com/…'``.

    **Options:**

    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers (shared by the TRN rules, see TRN001); a marker
      line is not text of the paragraph.
    """
    last = _last_block(post)
    if last is None or last.kind != "paragraph":
        return
    source = post.block_source(last)
    a = _analysis(post, "TRN008", options)
    if a.marks.in_lines(last.start_line, last.end_line):
        source = a.marks.strip(source)
    found = post_end.open_inline(source)
    if found is None:
        return
    base = post.lines.offset(last.start_line, 1)
    line, col = post.lines.position(base + found.offset)
    yield Diagnostic("TRN008", line, col, f"post ends inside {found.what}", line, col + 1)


RULES: tuple[Rule, ...] = (
    truncated_sentence,
    continuation_fragment,
    unclosed_bracket,
    unclosed_code_fence,
    truncated_list_item,
    truncated_table_row,
    empty_final_section,
    unclosed_inline_markup,
)
