"""Leaked generation markers: the one vocabulary, and the one scanner.

A *marker* is text a generator or a chat front end leaves in a post that no
writer meant for the reader: control tokens (``<|im_end|>``, ``</s>``,
``[/INST]``, ``---END---``), UI labels ("Continue generating", 「続きを生成」),
and the lines a user declares with ``extra-markers``. Every rule that cares
reads them from here:

- GEN001 reports them (:func:`scan`);
- TRN001/TRN002/TRN003 use a marker after a paragraph as evidence of a cut
  (:meth:`Markers.following`, :meth:`Markers.is_marker_block`) and read the
  paragraph without it (:meth:`Markers.strip`);
- DUP compares paragraphs with markers removed (:meth:`Markers.remove_all`).

Each marker has a *kind* (:class:`MarkerKind`): ``control-token``,
``ui-label`` and ``extra`` are built in; a family adds its own with
:func:`register` (a kind is a name, a pattern for a line that is nothing but
such markers, optionally a pattern for one at the end of a line of text, and
a cheap hint every such marker contains). The scan of a post is computed once
per post and set of extra markers (memoised on the :class:`~post_lint.post.Post`).

Where markers are never looked for: front matter, code blocks, inline code
(for markers at a line's end), block quotes, tables and HTML blocks (except
an HTML block that is a lone marker line, such as ``</s>``); ``</s>`` is
ignored in a post that uses ``<s>`` strikethrough.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import regex_engine as regex
from .lazyre import lazy_regex, start_finder
from .records import dataclass, field

if TYPE_CHECKING:
    from .post import Block, Post

#: The kinds built in (the names are also what :class:`Marker.kind` holds).
CONTROL_TOKEN = "control-token"
UI_LABEL = "ui-label"
#: A continuation label between parts of a generated text: ``(continued)``,
#: ``=== END OF PART 1 ===``, 「（続く）」, 「（未完待续）」.
LABEL = "label"
#: A whole line the user declared with ``extra-markers``.
EXTRA = "extra"
#: The option holding the user's extra markers (GEN001's; TRN and DUP rules
#: take it from there unless set for them).
EXTRA_MARKERS = "extra_markers"

# --------------------------------------------------------------------------
# The vocabulary
# --------------------------------------------------------------------------

#: Control tokens of common generators and chat templates. ``</s>`` is also
#: the HTML strikethrough close tag, so it only counts in a post without <s>.
CONTROL_TOKEN_PATTERN = (
    r"(?:[-=*]{3,5}[ ]?END[ ]?[-=*]{3,5}"
    r"|<\|[A-Za-z][A-Za-z0-9_]{0,30}\|>"
    r"|</s>"
    r"|\[/?INST\]|\[END\]|<</?SYS>>"
    r"|</?end_of_turn>|<start_of_turn>(?:model|user)?"
    r"|<eos>|<EOS>)"
)
_ROLE = r"(?:[ \t]*(?:assistant|user|system|model))?"
#: UI labels of chat front ends pasted with the text, alone on their line.
UI_LABELS = (
    "continue generating",
    "regenerate response",
    "stop generating",
    "続きを生成",
    "生成を続ける",
    "続きを書いて",
    "继续生成",
    "繼續生成",
    "重新生成",
)


#: Continuation labels: what a generator (or a pipeline that joins its parts)
#: writes between the parts of a text. Those that are labels on their own
#: ("(to be continued)", 「続く」, 「未完待续」) count bare on their line; the
#: others ("continue", "part 2", 「续」) only when framed by brackets or by
#: a rule of ``-``/``=``/``*``/``~``/``—`` on both sides ("--- continue ---").
LABELS_BARE = (
    r"(?:to be )?continued(?: (?:below|on the next page|in (?:the )?next (?:part|post|section"
    r"|article|chapter|message|response)|in part \w+|in the next one))?",
    r"continues(?: below| in part \w+| in the next (?:part|section|post))",
    r"(?:end of|end of the) (?:part|section|chapter|segment) \w+",
    r"part \w+ (?:ends here|of \w+ ends|complete|continues)",
    r"cont(?:'d|\.|inued)",
    r"続く|つづく|続きます|つづきます|次回に続く|次回へ続く|次に続く|後半に続く|後編に続く|下に続く"
    r"|以下次号|次号に続く|続きは次回|続きは後半|(?:第[0-9０-９一二三四五六七八九十]+部|前編|前半"
    r"|パート[0-9０-９]+)[ 　]?(?:終わり|おわり|終了|完)",
    r"未完待续|未完[,，、]?待续|待续|未完待續|待續|下文继续|接下文|下转|見下文|见下文"
    r"|(?:第[0-9０-９一二三四五六七八九十]+(?:部分|部|章|篇)|上篇|上半部分)[ 　]?(?:完|结束|終)",
)
LABELS_FRAMED = (
    r"continue",
    r"(?:part|section|chapter) [0-9ivx]+",
    r"续|續|续上|下接|未完",
)
_LABEL_RULE = r"(?:[-=*~]{2,12}|[—–―─ー〜～•·]{1,12})"
_LABEL_OPEN = r"[\[(（【〔［《〈<]"
_LABEL_CLOSE = r"[\])）】〕］》〉>]"
_LABEL_TAIL = r"(?:\.{2,3}|…{1,2}|!|！|。)?"


class _LabelLine:
    """``fullmatch(line)``: a line that is nothing but one continuation label."""

    def __init__(self) -> None:
        self._bare: Any = None
        self._framed: Any = None

    def _compile(self) -> None:
        """Compiled on first use: the patterns are large, and most runs of
        post-lint on one file never reach a candidate line."""
        bare = "|".join(LABELS_BARE)
        framed = "|".join(LABELS_BARE + LABELS_FRAMED)
        emph = r"[*_]{0,3}"
        self._bare = regex.compile(
            rf"[ \t]{{0,3}}{emph}(?:{_LABEL_OPEN}[ \t]*{emph})?(?:{bare}){_LABEL_TAIL}"
            rf"(?:{emph}[ \t]*{_LABEL_CLOSE})?{emph}[ \t]*",
            regex.IGNORECASE,
        )
        self._framed = regex.compile(
            rf"[ \t]{{0,3}}(?:{emph}{_LABEL_OPEN}[ \t]*{emph}(?:{framed}){_LABEL_TAIL}{emph}[ \t]*"
            rf"{_LABEL_CLOSE}{emph}"
            rf"|{_LABEL_RULE}[ \t]*(?:{framed}){_LABEL_TAIL}[ \t]*{_LABEL_RULE})[ \t]*",
            regex.IGNORECASE,
        )

    def fullmatch(self, line: str) -> Any:
        if self._bare is None:
            self._compile()
        return self._bare.fullmatch(line) or self._framed.fullmatch(line)


@dataclass(frozen=True)
class MarkerKind:
    """One kind of marker.

    ``line`` matches (``fullmatch``) a line that is nothing but markers of
    this kind; ``at_end`` (optional) matches markers ending a line that has
    other text before them (searched with ``search``, so anchor it with
    ``$``); ``hint`` is a plain :mod:`re` pattern that every such marker
    contains, so that lines without it are never looked at (case-sensitive
    where the markers are: an ignore-case ``end`` stops at every "friend"),
    or a tuple of such patterns (all of them are searched at once, through
    one :func:`~post_lint.lazyre.start_finder`).
    ``at_end_chars``: substrings one of which a line must hold for ``at_end``
    to be tried.
    """

    name: str
    line: Any
    hint: str | tuple[str, ...]
    at_end: Any = None
    at_end_chars: tuple[str, ...] = ()
    #: Markers of this kind may hide ``</s>`` (ignored when a post uses <s>).
    strike_sensitive: bool = False


_KINDS: list[MarkerKind] = [
    MarkerKind(
        CONTROL_TOKEN,
        line=regex.compile(rf"[ \t]{{0,3}}(?:{CONTROL_TOKEN_PATTERN}{_ROLE}[ \t]*){{1,4}}"),
        hint=r"END|<\||</?s>|INST\]|SYS>>|_of_turn>|<eos>|<EOS>",
        at_end=regex.compile(rf"(?<=\S)[ \t]*(?:{CONTROL_TOKEN_PATTERN}[ \t]*){{1,4}}$"),
        at_end_chars=("<", "END", "INST"),
        strike_sensitive=True,
    ),
    MarkerKind(
        UI_LABEL,
        line=regex.compile(
            r"[ \t]{0,3}[*_\[(（【]{0,3}[ \t]?(?:"
            + "|".join(regex.escape(label) for label in UI_LABELS)
            + r")[ \t]?[*_\])）】]{0,3}[ \t]*",
            regex.IGNORECASE,
        ),
        hint=(r"(?i:generat)", r"生成|続きを書いて"),
    ),
    MarkerKind(
        LABEL,
        line=_LabelLine(),
        hint=(
            r"(?i:cont(?:in|'d|\.))",
            r"(?i:(?:p|s|c)(?:art|ection|hapter|egment) (?:[0-9ivx]|one|two|three))",
            r"続|つづ|待续|待續|续|續|下接|接下|下转|見下文|见下文|次号|終わり|おわり|終了|结束|終|完",
        ),
    ),
]
#: Every control token anywhere in a text (for comparing text without them).
_ANY_TOKEN = lazy_regex(CONTROL_TOKEN_PATTERN)
_STRIKE_OPEN = lazy_regex(r"<s[\s>]", regex.IGNORECASE)
#: Markers are short; longer lines can only end with one.
MAX_MARKER_LINE = 200


def register(kind: MarkerKind) -> None:
    """Add a kind of marker to the vocabulary (a family's module calls this
    at import time). Every reader sees it from then on."""
    if any(k.name == kind.name for k in _KINDS):
        raise ValueError(f"marker kind {kind.name!r} is already registered")
    _KINDS.append(kind)
    _hint.cache = None


def kinds() -> tuple[MarkerKind, ...]:
    """The registered kinds, in registration order."""
    return tuple(_KINDS)


def _hint() -> re.Pattern[str]:
    """Every kind's hint patterns as one plain-``re`` start finder (rebuilt
    on register): a text may hold a marker only where one of them matches.
    Only where a hint starts is read (the scan reads the whole body with
    it): the finder skips the positions where none can start, about five
    times faster than the alternation."""
    if _hint.cache is None:
        patterns: list[str] = []
        for k in _KINDS:
            patterns.extend((k.hint,) if isinstance(k.hint, str) else k.hint)
        _hint.cache = start_finder("|".join(f"(?:{p})" for p in patterns))
    return _hint.cache


_hint.cache = None  # type: ignore[attr-defined]


def normalize_extra(values: Iterable[Any]) -> frozenset[str]:
    """User ``extra-markers`` as the scanner takes them: strings, stripped,
    empty ones dropped."""
    found = (s.strip() for s in values if isinstance(s, str))
    return frozenset(s for s in found if s)


def whole_line_kind(line: str) -> str | None:
    """The kind of marker ``line`` is made of entirely (None if it is not)."""
    for k in _KINDS:
        if k.line.fullmatch(line):
            return k.name
    return None


def _line_end_marker(line: str) -> tuple[Any, MarkerKind] | None:
    """The marker ending a line of text, and its kind."""
    stripped = line.rstrip()
    tail_start = max(0, len(stripped) - MAX_MARKER_LINE)
    for k in _KINDS:
        if k.at_end is None or not any(c in line for c in k.at_end_chars):
            continue
        m = k.at_end.search(stripped, tail_start)
        if m is not None:
            return m, k
    return None


# --------------------------------------------------------------------------
# The scan of a post
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Marker:
    """A leaked marker on one line: columns are 1-based, end one past the marker."""

    line: int
    column: int
    end_column: int
    text: str
    #: True when the marker is the whole line (the line can be deleted).
    whole_line: bool
    #: Its :class:`MarkerKind` name (``control-token``, ``ui-label``, ``extra``, ...).
    kind: str = CONTROL_TOKEN


@dataclass(eq=False)
class Markers:
    """The markers of one post, in line order, with the questions rules ask."""

    post: Post
    items: list[Marker]
    extra: frozenset[str] = frozenset()
    by_line: dict[int, Marker] = field(init=False)

    def __post_init__(self) -> None:
        self.by_line = {m.line: m for m in self.items}

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def at(self, line: int) -> Marker | None:
        return self.by_line.get(line)

    def in_lines(self, first: int, last: int) -> bool:
        """Is there a marker on any line ``first``..``last``?"""
        by_line = self.by_line
        return bool(by_line) and any(n in by_line for n in range(first, last + 1))

    def is_marker_block(self, block: Block) -> bool:
        """A paragraph or HTML block made only of whole-line markers."""
        if block.kind not in ("paragraph", "html"):
            return False
        for lineno in range(block.start_line, block.end_line + 1):
            m = self.by_line.get(lineno)
            if m is None or not m.whole_line:
                return False
        return True

    def following(self, index: int, kinds: Iterable[str] | None = None) -> list[Marker]:
        """The markers right after block ``index`` of ``post.blocks``: on its
        own last lines (a marker ending its last line, or whole marker lines
        closing it), then in the blocks after it that are nothing but
        markers, up to the next block that is not. ``kinds`` keeps only
        markers of those kinds (e.g. ``{"label"}``)."""
        blocks = self.post.blocks
        if not self.by_line or not 0 <= index < len(blocks):
            return []
        wanted = set(kinds) if kinds is not None else None
        block = blocks[index]
        found: list[Marker] = []
        line = block.end_line
        while line >= block.start_line and (m := self.by_line.get(line)) is not None:
            found.append(m)
            if not m.whole_line:
                break
            line -= 1
        found.reverse()
        for b in blocks[index + 1 :]:
            if not self.is_marker_block(b):
                break
            found.extend(self.by_line[n] for n in range(b.start_line, b.end_line + 1))
        return [m for m in found if wanted is None or m.kind in wanted]

    def prose(self, block: Block) -> str:
        """The block's prose (:attr:`Block.prose`) without its whole marker
        lines. (The prose can differ from the source: ``<<END>>`` reads as a
        tag there, so the lines the scan found are dropped by position.)
        Markers ending a line are left for :meth:`strip` or :meth:`remove_all`."""
        text = block.prose
        first, last = block.start_line, block.end_line
        if not self.in_lines(first, last):
            return text
        lines = text.split("\n")
        if len(lines) != last - first + 1:
            return text
        by_line = self.by_line
        kept = [
            line
            for n, line in enumerate(lines, first)
            if (m := by_line.get(n)) is None or not m.whole_line
        ]
        return "\n".join(kept)

    def strip(self, text: str) -> str:
        """``text`` (a paragraph's prose or source) with every marker line
        and every marker ending a line removed: what remains once the leak
        is taken out."""
        return strip_markers(text, self.extra)

    def remove_all(self, text: str) -> str:
        """``text`` with markers removed wherever they stand (each becomes a
        space): the form in which text is compared (DUP)."""
        return remove_all(text, self.extra)


def _skip_lines(post: Post) -> set[int]:
    """Lines where a marker means nothing: code, quotes, tables and HTML
    blocks (except an HTML block that is a lone marker line, such as ``</s>``)."""
    skip: set[int] = set(post.code_lines)
    for b in post.blocks:
        if "blockquote" in b.containers:
            # Quoted text is someone else's words, quoted on purpose.
            skip.update(range(b.start_line, b.end_line + 1))
        elif b.kind == "table":
            skip.update(range(b.start_line, b.end_line + 1))
        elif b.kind == "html":
            if b.start_line == b.end_line and whole_line_kind(post.lines.line(b.start_line)):
                continue
            skip.update(range(b.start_line, b.end_line + 1))
    return skip


def _candidate_lines(post: Post, extra: frozenset[str]) -> list[int]:
    index = post.lines
    first = max(post.body_line, 1)
    if extra:
        return list(range(first, index.line_count + 1))
    start = index.offset(first, 1) if first <= len(index.starts) else len(post.text)
    lines: list[int] = []
    # One search per candidate line: after a hit, go on from the next line
    # (a common hint, such as "generat", may occur many times in one line).
    search, text, starts = _hint().search, post.text, index.starts
    n_starts = len(starts)
    while (m := search(text, start)) is not None:
        line = bisect.bisect_right(starts, m.start())
        lines.append(line)
        if line >= n_starts:
            break
        start = starts[line]
    return lines


def _scan(post: Post, extra: frozenset[str]) -> list[Marker]:
    if not post.text:
        return []
    candidates = _candidate_lines(post, extra)
    if not candidates:
        return []
    strike_used = bool(_STRIKE_OPEN.search(post.body))
    skip = _skip_lines(post)
    index = post.lines
    found: list[Marker] = []
    for lineno in candidates:
        if lineno in skip:
            continue
        line = index.line(lineno)
        stripped = line.strip()
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        if len(stripped) <= MAX_MARKER_LINE:
            kind = whole_line_kind(line)
            if kind is not None and strike_used and "</s>" in stripped:
                kind = None
            if kind is None and stripped in extra:
                kind = EXTRA
            if kind is not None:
                found.append(
                    Marker(lineno, indent + 1, indent + len(stripped) + 1, stripped, True, kind)
                )
                continue
        hit = _line_end_marker(line)
        if hit is None:
            continue
        m, k = hit
        token = m.group(0).strip()
        if strike_used and k.strike_sensitive and "</s>" in token:
            continue
        if line[: m.start()].count("`") % 2:  # inside an inline code span
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        found.append(Marker(lineno, start + 1, start + len(token) + 1, token, False, k.name))
    return found


def scan(post: Post, extra: Iterable[Any] = ()) -> Markers:
    """The leaked markers of ``post`` (outside front matter, code, quotes,
    tables and HTML), in line order: the registered kinds, plus whole lines
    equal to one of ``extra`` (the user's ``extra-markers``). Computed once
    per post and set of extras."""
    extras = extra if isinstance(extra, frozenset) else normalize_extra(extra)
    return post.memo(("markers", extras), lambda: Markers(post, _scan(post, extras), extras))


# --------------------------------------------------------------------------
# Text without markers
# --------------------------------------------------------------------------


def marker_hint_finder() -> re.Pattern[str]:
    """A compiled pattern that finds where a hint of a registered marker kind
    starts (text without one is returned unchanged by :func:`strip_markers`
    and :func:`remove_all` when there are no extra markers)."""
    return _hint()


def _may_hold_marker(text: str) -> bool:
    return bool(_hint().search(text))


def strip_markers(text: str, extra: frozenset[str] = frozenset()) -> str:
    """``text`` with every whole marker line (of any kind, or equal to one of
    ``extra``) and every marker ending a line removed."""
    if not extra and not _may_hold_marker(text):
        return text
    kept: list[str] = []
    for line in text.split("\n"):
        if whole_line_kind(line) or (extra and line.strip() in extra):
            continue
        hit = _line_end_marker(line)
        if hit is not None:
            line = line[: hit[0].start()]
        kept.append(line)
    return "\n".join(kept)


def remove_all(text: str, extra: frozenset[str] = frozenset()) -> str:
    """``text`` with markers replaced by a space wherever they stand: control
    tokens anywhere, marker lines of the other kinds and ``extra`` lines
    whole. For comparing texts (two copies of a paragraph are the same
    whether or not a marker leaked into one)."""
    if not extra and not _may_hold_marker(text):
        return text
    if extra or any(k.name != CONTROL_TOKEN for k in _KINDS):
        lines = text.split("\n")
        kept = [
            " " if (line.strip() in extra or _whole_non_token(line)) else line for line in lines
        ]
        text = "\n".join(kept)
    return _ANY_TOKEN.sub(" ", text)


def _whole_non_token(line: str) -> bool:
    return any(k.name != CONTROL_TOKEN and k.line.fullmatch(line) for k in _KINDS)
