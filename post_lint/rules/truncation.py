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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

import regex

from ..diagnostics import Diagnostic, Edit, Fix
from ..edits import delete_lines
from ..markers import EXTRA_MARKERS, Marker, normalize_extra
from ..markers import scan as scan_markers
from ..post import Block, Post
from ..text import (
    CJK_CHAR,
    CLOSERS,
    COMMAS,
    ELLIPSES,
    HAN_CHAR,
    HIRAGANA_CHAR,
    KANA_CHAR,
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
_ELLIPSIS_START = regex.compile(r"(?:\.{3,6}|…{1,3}|・{3,6}|‥{1,3}|。{3})[ \t]*")

#: Characters that end a sentence, or close a quote/bracket after one.
_TERMINALS = frozenset(SENTENCE_END + ELLIPSES)
#: (A brace closes code or a template tag, not a sentence.)
_CLOSERS = frozenset(CLOSERS + STRAIGHT_QUOTES) - frozenset("｝}")
#: Endings that are never evidence of a cut: a colon or semicolon introduces
#: what follows; a wave dash or long vowel mark ends casual Japanese.
_NEUTRAL_ENDS = frozenset(":：;；~〜～ーｰ")
_COMMAS = frozenset(COMMAS)
_OPENERS = frozenset(OPENERS) - frozenset("｛{")

#: English words that cannot end a sentence: articles, prepositions that take
#: an object, conjunctions, possessives, copulas. (No "in", "on", "up", "out":
#: "log in", "and so on" and phrasal verbs end sentences.)
EN_FUNCTION_WORDS = frozenset(
    """the a an of to and or nor than with from by that which because but our their
    your my its is are was were into as such very these those whether both either
    neither each every if""".split()
)
#: Japanese endings that cannot end a written sentence: case particles,
#: conjunctive forms of verbs, connectives. (No は, で, と, の, も, から, けど:
#: casual posts end sentences with them.)
JA_ENDINGS = (
    "を",
    "ですが",
    "ますが",
    "であるが",
    "ため",
    "ために",
    "により",
    "によって",
    "について",
    "に対して",
    "に関して",
    "として",
    "という",
    "といった",
    "における",
    "において",
    "および",
    "及び",
    "または",
    "もしくは",
    "させ",
    "され",
    "しており",
    "ており",
    "ていて",
    "であり",
    "つつ",
    "ながら",
    "ものの",
    "ので",
)
#: Set phrases that end in a particle on purpose (良いお年を = "Happy new year").
JA_SET_PHRASES = ("お年を", "お年をお迎えください")
#: Japanese endings that count only after a kanji (a する-verb stem:
#: 創出し, 実行して), so that casual …楽しいし or …だし do not.
JA_KANJI_ENDINGS = ("し", "して", "が", "に")
#: Chinese endings that cannot end a sentence (conjunctions, prepositions).
ZH_ENDINGS = (
    "以及",
    "或者",
    "对于",
    "對於",
    "因为",
    "因為",
    "所以",
    "但是",
    "而且",
    "并且",
    "並且",
    "如果",
    "虽然",
    "雖然",
    "为了",
    "為了",
    "通过",
    "通過",
    "关于",
    "關於",
    "由于",
    "由於",
)

_LATIN_LOWER_START = regex.compile(r"[a-z\p{Ll}&&\p{Latin}]", regex.V1)
_LAST_WORD = regex.compile(r"([\p{L}']{1,30})\W*$")
#: A paragraph opening with display math ($$, \\[, \\begin{...}): the
#: sentence before it runs on into the formula.
_DISPLAY_MATH = ("$$", "\\[", "\\begin{", "\\(")
_TEMPLATE_END = regex.compile(r"(?:%\}|\}\}|>\}\}|%\}\})\s*$")

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


def is_complete(text: str) -> bool:
    """Does ``text`` end the way a finished sentence (or a deliberate
    fragment) ends: terminal punctuation, a closing quote or bracket, an
    emoji or symbol, a colon?"""
    text = text.rstrip()
    if not text:
        return True
    last = text[-1]
    if last in _TERMINALS or last in _CLOSERS or last in _NEUTRAL_ENDS:
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
        return f"ends with an opening '{last}'"
    if KANA_CHAR.search(text[-40:]):
        if text.endswith(JA_SET_PHRASES):
            return ""
        for ending in JA_ENDINGS:
            if text.endswith(ending):
                return f"ends with '{ending}', which cannot end a sentence"
        for ending in JA_KANJI_ENDINGS:
            if text.endswith(ending) and len(text) > len(ending):
                if HAN_CHAR.fullmatch(text[-len(ending) - 1]):
                    return f"ends with '{text[-len(ending) - 1 :]}', which cannot end a sentence"
        return ""
    if HAN_CHAR.fullmatch(last):
        for ending in ZH_ENDINGS:
            if text.endswith(ending):
                return f"ends with '{ending}', which cannot end a sentence"
        return ""
    m = _LAST_WORD.search(text[-40:])
    if m and m.end(1) == len(text[-40:]):
        word = m.group(1)
        if word.lower() in EN_FUNCTION_WORDS and word != "A":
            return f"ends with '{word}', which cannot end a sentence"
    return ""


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


@dataclass(eq=False)
class _Para:
    """One paragraph block, as the TRN rules see it."""

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

    @cached_property
    def norm(self) -> str:
        """The text, NFKC-normalised with white space folded (for comparing)."""
        return normalize(self.text, casefold=False)


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


class _Analysis:
    """The paragraphs of a post with what the TRN rules need to know about
    them, and the continuation fragments found among them."""

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
        self.paras: list[_Para] = []
        self.by_index: dict[int, _Para] = {}
        for i, b in enumerate(post.blocks):
            if b.kind != "paragraph":
                continue
            p = self._para(i, b)
            self.paras.append(p)
            self.by_index[i] = p
        self.continuations: list[_Continuation] = []
        self._find_continuations(min_overlap)
        prose = [p for p in self.paras if not p.exempt and len(p.text) >= 20]
        finished = sum(1 for p in prose if p.complete)
        #: Most paragraphs of the post end with punctuation (ending-based
        #: evidence means nothing in a post written without it).
        self.punctuated_style = len(prose) < 3 or finished >= 0.6 * len(prose)

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
        )
        p.complete = is_complete(text)
        m = _ELLIPSIS_START.match(text)
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
        if not any(p.head is not None and not p.exempt for p in self.paras):
            self.joined, self.text_owners, self.text_starts = "", [], []
            return
        self._build_text_index()
        earlier_cuts: list[_Para] = []
        checked = 0
        for p in self.paras:
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
    options={"ending_evidence": True, "extra_endings": [], "ignore_endings": []},
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

    Headings, list items, tables, code, HTML, block quotes, footnotes,
    image- or link-only paragraphs and bold pseudo-headings are never
    checked. A paragraph that ends inside a bracket it opened is left to
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
    """
    a = _analysis(post, "TRN001", options)
    use_endings = options["ending_evidence"]
    extra = tuple(options["extra_endings"])
    ignore = tuple(options["ignore_endings"])
    continuation_of = {id(c.previous): c for c in a.continuations if c.continues_previous}
    for p in a.paras:
        if p.exempt or p.complete:
            continue
        nxt, marker_after = a.neighbour(p, 1)
        reason = ""
        if marker_after:
            reason = "a leaked end marker follows"
        elif id(p) in continuation_of:
            c = continuation_of[id(p)]
            reason = f"the continuation at line {c.para.block.start_line} resumes it"
        elif use_endings and _intrinsic_allowed(a, p) and _raw_end_matches(a, p):
            if _unclosed_bracket(p.text) is None:
                reason = ending_evidence(p.text, extra, ignore)
        if not reason:
            continue
        line, col, end = _last_line_span(a, p)
        yield Diagnostic(
            "TRN001",
            line,
            col,
            f"paragraph ends mid-sentence ('{shorten(p.text, 21, keep_end=True)}'): {reason}",
            line,
            end,
        )


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

_DEFAULT_PAIRS = ["「」", "『』", "（）", "“”", "()"]
#: An opener that starts a kaomoji or net-slang aside rather than a
#: parenthesis: (笑, (汗, (^^;, (´・ω・`), :( and the like.
_EMOTICON_AFTER = frozenset("笑汗泣爆謎怒苦喜^´・;；＾￣〃°*＊>＞<＜TｏoO_-")
_EMOTICON_BEFORE = frozenset(":;=：；")
_CODE_SPAN = regex.compile(r"(`{1,5})(?:(?!\1).){0,2000}?\1", regex.S)
_URLISH = regex.compile(
    r"\]\([^)\s]{0,2000}\)|<[^>\n]{0,500}>|https?://[^\s)）\]>」』\"'<]{1,2000}"
)
#: Full- and half-width parentheses close each other (（LINE) is common).
_SAME_BRACKET = str.maketrans("（）", "()")
_MARKUP_CHARS = regex.compile(r"[*_`~\\]+")
_TERMINAL_INSIDE = regex.compile(r"[。！？!?](?=[^\s」』）)”’])|[.!?]\s+\S")


def _blank_out(text: str) -> str:
    """Replace code spans, link targets, URLs and tags with spaces (same length)."""

    def spaces(m: regex.Match[str]) -> str:
        return " " * len(m.group(0))

    text = _CODE_SPAN.sub(spaces, text)
    return _URLISH.sub(spaces, text)


def _unclosed_bracket(text: str, pairs: dict[str, str] | None = None) -> int | None:
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
    if not inside or _TERMINAL_INSIDE.search(inside):
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
    footnotes or image/link-only paragraphs.

    **Why:** a quote that never closes is where a length limit struck; the
    reader never learns what was said.

    **Example:** ``記者会見が開かれた。彼は「AIの未来は私たちの`` followed by a
    new paragraph reports ``post.md:5:13: TRN003 '「' is never closed: the
    paragraph ends inside it`` (the position of the opener).

    **Options:**

    - ``pairs`` (list of two-character strings, default
      ``["「」", "『』", "（）", "“”", "()"]``): the opening and closing
      characters to check.
    - ``extra-markers`` (list of strings, default ``[]``): lines that count
      as leaked markers besides the built-in ones. Shared by the TRN rules:
      set it once in ``[rules.TRN]``; taken from GEN001's
      (``[rules.leaked-end-marker]`` or ``[rules.GEN]``) unless set for TRN.
    """
    a = _analysis(post, "TRN003", options)
    pairs = {s[0]: s[1] for s in options["pairs"]}
    if not pairs:
        return
    for p in a.paras:
        if p.exempt or p.complete:
            continue
        index, marker_after = a.neighbour(p, 1)
        if not marker_after and not _prose_follows(a, p):
            continue
        source = post.block_source(p.block)
        if p.trailing_marker or p.last_text_line != p.block.end_line:
            source = a.marks.strip(source)
        scanned = _blank_out(source)
        pos = _unclosed_bracket(scanned.rstrip(), pairs)
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
        yield Diagnostic(
            "TRN003",
            line,
            col,
            f"'{opener}' is never closed: the paragraph ends inside it",
            line,
            col + 1,
        )


RULES: tuple[Rule, ...] = (truncated_sentence, continuation_fragment, unclosed_bracket)
