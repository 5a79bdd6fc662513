"""RT: a declared reading time that matches the body, in any script.

Posts often carry their reading time in the front matter (``reading_time: 8``,
``readingTime: "8 min read"``, ``read_time: 8分``). RT001 compares it with an
estimate made from the body's prose; RT002 reports a value that is meant as a
reading time but cannot be read as one. The estimate model, its sources and
the presets are documented on RT001 (``post-lint --explain RT001``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .. import regex_engine as regex
from ..diagnostics import Diagnostic, Edit, Fix
from ..lazyre import lazy, lazy_regex
from ..post import Block, KeyInfo, Post
from ..records import dataclass
from ..text import HANGUL_CHAR, SPLIT_ONLY_SEPARATORS, count_scripts, shorten
from ..textmemo import TextMemo
from .base import Options, Rule, at_least, each_one_of, family, non_blank_strings, rule

DEFAULT_KEYS = [
    "reading_time",
    "readingTime",
    "read_time",
    "readTime",
    "reading-time",
    "minutesRead",
    "readtime",
    "read-time",
    "time_to_read",
    "timeToRead",
]

#: Larger numbers are not reading times (a week, in minutes).
MAX_MINUTES = 7 * 24 * 60

#: Longest string value that is parsed at all (anything longer is prose).
MAX_VALUE_CHARS = 120

_PROSE_KINDS = ("paragraph", "heading")


# --------------------------------------------------------------------------
# Presets
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preset:
    """A reading-time model: rates, how text is counted and how it rounds."""

    name: str
    latin_wpm: float
    cjk_cpm: float
    hangul_wpm: float
    #: "scripts" (post-lint's script-aware count), "hugo", "medium",
    #: "reading-time", "jekyll".
    counting: str
    #: "round" (half up), "ceil", "ceil-hundredths" (round to 0.01, then up) or
    #: "floor" (Liquid's ``divided_by``; at least 1).
    rounding: str
    #: The preset counts code, table and HTML text the way a generator does.
    counts_code: bool
    #: "none" or "medium" (12 s for the first image, one less per image, 3 s floor).
    image_model: str


PRESETS: dict[str, Preset] = {
    "default": Preset("default", 238, 500, 200, "scripts", "round", False, "none"),
    "hugo": Preset("hugo", 213, 501, 213, "hugo", "ceil", True, "none"),
    "hugo-2026": Preset("hugo-2026", 212, 500, 212, "hugo", "ceil", True, "none"),
    "jekyll": Preset("jekyll", 200, 200, 200, "jekyll", "floor", True, "none"),
    "medium": Preset("medium", 265, 500, 500, "medium", "ceil", True, "medium"),
    "reading-time": Preset(
        "reading-time", 200, 200, 200, "reading-time", "ceil-hundredths", True, "none"
    ),
}


# --------------------------------------------------------------------------
# Parsing the declared value
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Declared:
    """A declared reading time: a value or a range, in minutes."""

    low: float
    high: float
    #: Span (start, end) of the one number that can be rewritten, within the
    #: string value, or None when the value is not a single number of minutes.
    number_span: tuple[int, int] | None = None

    @property
    def minutes(self) -> float:
        return (self.low + self.high) / 2


class Unparseable(Exception):
    """A value meant as a reading time that cannot be read as one."""


_MEDIA = lazy_regex(
    r"watch|listen|video|podcast|視聴|聴く|聞く|动画|動画|視頻|视频|收听|收聽|观看|觀看|시청|듣기",
    regex.I,
)
_SWITCH_WORDS = {
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "auto",
    "none",
    "null",
    "n/a",
    "-",
    "tbd",
}
_TEMPLATE = lazy(r"\{\{|\{%|<%|\$\{")

_NUMBER = r"\d{1,6}(?:[.,]\d{1,3})?"
# Longer spellings first: the first alternative that matches is taken.
_MINUTE_UNIT = (
    r"minutes?|minuten?|minutos?|minuti|minuty|mins?\.?|mn|m|минут[аы]?|мин\.?"
    r"|分钟|分鐘|分間|分|분"
)
_HOUR_UNIT = r"hours?|hrs?|h|stunden?|std\.?|heures?|時間|小[时時]|시간"
_SECOND_UNIT = r"seconds?|secs?|sekunden?|sek|s|秒|초"
_UNIT = rf"(?:(?P<m>{_MINUTE_UNIT})|(?P<h>{_HOUR_UNIT})|(?P<s>{_SECOND_UNIT}))"
_COMPONENT = lazy(rf"(?P<n>{_NUMBER})[ \t]?{_UNIT}?", re.I)
_PREFIX = lazy(
    r"^(?:(?:estimated[ \t])?(?:reading|read)[ \t]?time[ \t]?[:：]?|lesezeit[ \t]?[:：]?"
    r"|temps[ \t]de[ \t]lecture[ \t]?[:：]?|tiempo[ \t]de[ \t]lectura[ \t]?[:：]?"
    r"|読了時間[:：]?|読む時間[:：]?|所要時間[:：]?|阅读时间[:：]?|閱讀時間[:：]?|阅读时长[:：]?"
    r"|읽는[ \t]?시간[:：]?)?[ \t]*"
    r"(?:about|approx\.?|approximately|around|roughly|ca\.?|circa|≈|~|～|〜|約|およそ|约|大约|大約|약)?"
    r"[ \t]*(?P<lt>(?:<|≤|less[ \t]than|under|fewer[ \t]than|不到|少于|少於)[ \t]*)?",
    re.I,
)
_SUFFIX = lazy(
    r"[ \t]*(?P<lt>未満|以内|以下)?[ \t]*(?:of[ \t])?(?:reading|read(?:ing)?[ \t]time|read|to[ \t]read|de[ \t]lecture"
    r"|de[ \t]lectura|di[ \t]lettura|lesezeit|lesen|で読めます|で読める|で読了|読了|程度|くらい|ぐらい"
    r"|阅读|閱讀|读完|讀完|左右|읽기|정도|watch|listen|video|podcast|で視聴|視聴)?[ \t]*[.!。]?$",
    re.I,
)
_RANGE_SEP = lazy(r"[ \t]?(?:-|–|—|~|〜|～|to|から)[ \t]?", re.I)
_ISO = lazy(
    r"P(?:(?P<d>\d{1,4})D)?T(?=\d)(?:(?P<h>\d{1,4}(?:\.\d{1,3})?)H)?(?:(?P<m>\d{1,6}(?:\.\d{1,3})?)M)?"
    r"(?:(?P<s>\d{1,6}(?:\.\d{1,3})?)S)?",
    re.I,
)
_UNIT_HINT = lazy_regex(r"\d|min|minute|hour|分|時間|小时|分钟|분|시간", regex.I)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _unit_factor(m: re.Match[str]) -> float | None:
    """Minutes per unit of a component; None when it has no unit."""
    if m.group("h"):
        return 60.0
    if m.group("s"):
        return 1 / 60
    if m.group("m"):
        return 1.0
    return None


def _component_minutes(m: re.Match[str]) -> float:
    factor = _unit_factor(m)
    return _number(m.group("n")) * (factor if factor is not None else 1.0)


def parse_declared(value: str) -> Declared | None:
    """Read a string reading time. None: not a declaration (a switch, a
    placeholder, empty, words without a number or a time unit). Raises
    :class:`Unparseable` for a value that looks like a reading time (it holds
    a digit or a time word) but cannot be read."""
    try:
        return _parse_declared(value)
    except Unparseable:
        if _UNIT_HINT.search(value):
            raise
        return None


def _parse_declared(value: str) -> Declared | None:
    text = value.strip()
    if not text or text.casefold() in _SWITCH_WORDS or _TEMPLATE.search(text):
        return None
    if len(text) > MAX_VALUE_CHARS:
        raise Unparseable(value)
    lead = len(value) - len(value.lstrip())
    iso = _ISO.fullmatch(text)
    if iso:
        days = int(iso.group("d") or 0)
        hours = float(iso.group("h") or 0)
        minutes = float(iso.group("m") or 0)
        seconds = float(iso.group("s") or 0)
        total = days * 1440 + hours * 60 + minutes + seconds / 60
        only_minutes = not (days or iso.group("h") or iso.group("s")) and iso.group("m")
        span = (lead + iso.start("m"), lead + iso.end("m")) if only_minutes else None
        return Declared(total, total, span)
    prefix = _PREFIX.match(text)
    start = prefix.end() if prefix else 0
    suffix = _SUFFIX.search(text, start)
    end = suffix.start() if suffix else len(text)
    core = text[start:end]
    if not core:
        raise Unparseable(value)
    at_most = bool((prefix and prefix.group("lt")) or (suffix and suffix.group("lt")))
    # A range: "5-7 min", "5〜7分", "5 to 7 minutes".
    first = _COMPONENT.match(core)
    if first:
        sep = _RANGE_SEP.match(core, first.end())
        second = _COMPONENT.fullmatch(core, sep.end()) if sep else None
        if second is not None:
            high_factor = _unit_factor(second)
            low_factor = _unit_factor(first)
            low = _number(first.group("n")) * (
                low_factor if low_factor is not None else high_factor or 1
            )
            high = _number(second.group("n")) * (high_factor if high_factor is not None else 1)
            if low <= high:
                return Declared(low, high)
    # One to three components: "8", "8 min", "1h 20m", "1時間20分", "8 min 30 s".
    components: list[re.Match[str]] = []
    pos = 0
    while pos < len(core) and len(components) < 3:
        m = _COMPONENT.match(core, pos)
        if not m:
            break
        components.append(m)
        pos = m.end()
        gap = re.match(r"[ \t]*(?:,|and|&|und|et|y)?[ \t]*", core[pos:], re.I)
        if gap and pos + gap.end() < len(core):
            pos += gap.end()
    if not components or components[-1].end() != len(core):
        raise Unparseable(value)
    if len(components) > 1 and any(
        c.group("m") is None and c.group("h") is None and c.group("s") is None for c in components
    ):
        raise Unparseable(value)  # "8 9", a number without a unit among several
    total = sum(_component_minutes(c) for c in components)
    if at_most:
        return Declared(0.0, total)  # "< 1 min read", "1分未満": a bound, not a value
    span = None
    if len(components) == 1 and not components[0].group("h") and not components[0].group("s"):
        offset = lead + start
        span = (offset + components[0].start("n"), offset + components[0].end("n"))
    return Declared(total, total, span)


def declared_from_value(value: Any) -> tuple[Declared | None, str]:
    """(declaration, how to show it) for a front-matter value; see
    :func:`parse_declared` for strings. Raises :class:`Unparseable`."""
    if isinstance(value, bool) or value is None:
        return None, ""
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise Unparseable(str(value))
        if value < 0 or value > MAX_MINUTES:
            raise Unparseable(str(value) if value < MAX_MINUTES else f"{str(value)[:20]}...")
        if value == 0:
            return None, ""  # a placeholder ("compute it"), not a claim
        return Declared(float(value), float(value), (0, len(str(value)))), str(value)
    if isinstance(value, str):
        declared = parse_declared(value)
        if declared is not None and declared.high == 0:
            return None, ""
        return declared, _quote(value)
    if isinstance(value, dict):
        # A reading-time result stored whole: {minutes: 8.2, text: "9 min read", ...}.
        minutes = value.get("minutes")
        if isinstance(minutes, (int, float)) and not isinstance(minutes, bool):
            if math.isfinite(minutes) and minutes > 0:
                return Declared(float(minutes), float(minutes)), f"{{minutes: {minutes}}}"
        text = value.get("text")
        if isinstance(text, str):
            declared = parse_declared(text)
            if declared is not None:
                return Declared(declared.low, declared.high), f"{{text: {_quote(text)}}}"
    return None, ""  # lists, dates, other mappings: not a reading time


def _quote(text: str) -> str:
    """A front-matter string as a message shows it: shortened, in quotes."""
    return '"' + shorten(text, 60, ellipsis="...").replace('"', '\\"') + '"'


def _mentions_media(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_MEDIA.search(value))
    if isinstance(value, dict):
        return any(isinstance(v, str) and _MEDIA.search(v) for v in value.values())
    return False


# --------------------------------------------------------------------------
# Estimating from the body
# --------------------------------------------------------------------------

#: Hugo's test for a CJK page (``hasCJKLanguage``): Han, Hangul, Hiragana or
#: Katakana. Not text.CJK_CHAR: Hugo's own definition, Hangul included.
_HUGO_CJK = lazy_regex(r"[\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}]")
_FENCE = lazy(r"^[ \t>]*(?:`{3,}|~{3,})")
_HTML_TAG = lazy(r"<[^<>]{0,2000}>")
#: Template tags that pull in text post-lint cannot see.
_INCLUDE = lazy(r"\{%-?[ \t]*include(?:_relative)?\b|\{\{[<%][ \t]*(?:readfile|include)\b", re.I)


@dataclass(frozen=True, slots=True)
class Estimate:
    minutes: float
    #: What the estimate came from, for the message ("1,500 words at 238/min").
    parts: tuple[str, ...]
    #: Whether any text was found at all.
    has_text: bool


def _prose_blocks(post: Post) -> list[Block]:
    return [b for b in post.blocks if b.kind in _PROSE_KINDS]


def _other_pieces(post: Post) -> list[str]:
    """Text of code blocks (fences dropped), tables and HTML blocks (tags
    dropped), one piece per block: joined by newlines, the "other" text."""
    pieces: list[str] = []
    for b in post.blocks:
        if b.kind == "code":
            lines = post.block_source(b).split("\n")
            pieces.append("\n".join(line for line in lines if not _FENCE.match(line)))
        elif b.kind == "table":
            pieces.append(post.block_source(b).replace("|", " "))
        elif b.kind == "html":
            pieces.append(_HTML_TAG.sub(" ", post.block_source(b)))
    return pieces


def medium_image_seconds(images: int) -> int:
    """Medium's allowance: 12 s, 11 s, ... 3 s for the tenth image and each after."""
    if images <= 10:
        return sum(12 - i for i in range(images))
    return 75 + 3 * (images - 10)


#: Runes an HTML entity adds over the character it escapes. Hugo counts the
#: words of the rendered page's plain text, where ``"`` is still ``&quot;``
#: (Goldmark) or ``&#34;`` (Chroma), so on a CJK page a word holding a quote
#: counts the entity's runes.
_ENTITY_EXTRA = {'"': 5, "&": 4, "<": 3, ">": 3, "'": 4}


def hugo_word_count(text: str, cjk_page: bool, escaped: bool = False) -> int:
    """Hugo's word count of a page's plain text (``setWordCounts``).

    With ``escaped``, the characters HTML rendering escapes count as the
    longest entity Hugo's renderers write for them (an upper bound: which
    entity a character becomes depends on the renderer and the block).
    """
    words = text.split()
    if not cjk_page:
        return len(words)
    if not escaped:
        return sum(1 if w.isascii() else len(w) for w in words)
    total = 0
    for w in words:
        if w.isascii():
            total += 1
        else:
            total += len(w) + sum(w.count(c) * extra for c, extra in _ENTITY_EXTRA.items())
    return total


# The npm reading-time package's classes (its own, not text.CJK_CLASS)
# (``src/reading-time.ts``). JavaScript strings index UTF-16 code units, so
# its CJK-extension range above U+FFFF never matches: only BMP ranges apply.
#: (first, last) code points of each class: the one home of both the
#: pattern's character classes and the plain character tests below.
_RT_CJK_RANGES = ((0x3040, 0x309F), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3))
_RT_PUNCTUATION_RANGES = (
    (0x21, 0x2F),
    (0x3A, 0x40),
    (0x5B, 0x60),
    (0x7B, 0x7E),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
)
_RT_BOUND = " \n\r\t"


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)


def _chars(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(chr(c) for a, b in ranges for c in range(a, b + 1))


_RT_CJK = _class(_RT_CJK_RANGES)
_RT_PUNCTUATION = _class(_RT_PUNCTUATION_RANGES)
#: A CJK character (one word) with the punctuation and spaces it "eats", or a
#: run of other non-space characters (one word).
_RT_WORD = lazy(f"[{_RT_CJK}][{_RT_PUNCTUATION}{_RT_BOUND}]*|[^{_RT_BOUND}{_RT_CJK}]+")
#: What a CJK character's word swallows after it, as characters.
_RT_EATEN = _chars(_RT_PUNCTUATION_RANGES) + _RT_BOUND


def _is_rt_cjk(char: str) -> bool:
    o = ord(char)
    return any(a <= o <= b for a, b in _RT_CJK_RANGES)


def _reading_time_piece(piece: str) -> tuple[int, int, bool, bool]:
    """How one piece of a newline-joined text counts under ``reading-time``,
    whose CJK words swallow the punctuation after them, across a newline
    too: (its words; its words when the text before it ends in such a word
    still swallowing, which swallows the punctuation the piece starts with;
    whether it leaves a word swallowing at its end; the same for the second
    case)."""
    rest = piece.lstrip(_RT_EATEN)
    tail = piece.rstrip(_RT_EATEN)
    leaves_open = bool(tail) and _is_rt_cjk(tail[-1])
    return (
        reading_time_word_count(piece),
        reading_time_word_count(rest),
        leaves_open,
        leaves_open if rest else True,
    )


_reading_time_pieces = TextMemo(_reading_time_piece)


def reading_time_word_count(text: str) -> int:
    """Words as the npm ``reading-time`` package counts them (``countWords``):
    each Hiragana, Han or Hangul character is a word and swallows the
    punctuation after it; other words are separated by white space."""
    return len(_RT_WORD.findall(text))


#: Jekyll's ``number_of_words`` in ``cjk`` and ``auto`` mode
#: (``lib/jekyll/filters.rb``): each Han, Katakana, Hiragana or Hangul
#: character is a word, and so is each run of other non-space characters
#: (CJK punctuation between two characters included).
_JEKYLL_CJK = "\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Hangul}"
_JEKYLL_CJK_RUN = lazy_regex(f"[{_JEKYLL_CJK}]+")
#: Hides from ``str.split()`` the separators Jekyll's ``\\s`` does not split on.
_NOT_WHITE_SPACE = str.maketrans(dict.fromkeys(SPLIT_ONLY_SEPARATORS, "x"))


def jekyll_word_count(text: str) -> int:
    """Words as Jekyll's ``number_of_words: "auto"`` (or ``"cjk"``) counts
    them (``[CJK]|[^CJK\\s]+``); without CJK characters that is the plain
    white-space split. Counted as the CJK characters plus the white-space
    split of what lies between them, which is four times faster than
    matching every word."""
    others = _JEKYLL_CJK_RUN.split(text)
    cjk = len(text) - sum(map(len, others))
    return cjk + len(" ".join(others).translate(_NOT_WHITE_SPACE).split())


def _rate(option: float, preset_rate: float) -> float:
    return float(option) if option and option > 0 else float(preset_rate)


def _fmt_rate(rate: float) -> str:
    return f"{rate:g}"


@dataclass(frozen=True, slots=True)
class Counts:
    """What a preset counts in a text; counts of texts joined by a newline add up.

    ``words`` holds Latin-script words, or the whole count for the ``hugo``
    and ``reading-time`` presets, whose formulas have a single count.
    """

    words: int = 0
    cjk: int = 0
    hangul: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.words + other.words, self.cjk + other.cjk, self.hangul + other.hangul)


def measure(text: str, preset: Preset, cjk_page: bool = False) -> Counts:
    """Count ``text`` the way ``preset`` does (``cjk_page``: Hugo's page flag)."""
    return _count(text, preset.counting, cjk_page)


#: Hugo's count with the characters HTML escapes counted as their entities
#: (see :func:`hugo_word_count`), as a counting of its own.
HUGO_ESCAPED = "hugo-escaped"


def _count(text: str, counting: str, cjk_page: bool) -> Counts:
    if not text:
        return Counts()
    if counting == "hugo":
        return Counts(hugo_word_count(text, cjk_page))
    if counting == HUGO_ESCAPED:
        return Counts(hugo_word_count(text, cjk_page, escaped=True))
    if counting == "reading-time":
        return Counts(reading_time_word_count(text))
    if counting == "jekyll":
        return Counts(jekyll_word_count(text))
    counts = count_scripts(text)
    if counting == "medium":
        return Counts(counts.latin_words, counts.cjk_chars + len(HANGUL_CHAR.findall(text)))
    return Counts(counts.latin_words, counts.cjk_chars, counts.hangul_words)


#: :func:`_count` of one block's text, remembered across lints.
_block_count = TextMemo(_count)


#: More pieces than this are joined and counted at once (see measure_pieces).
MANY_PIECES = 1000


def measure_pieces(pieces: Sequence[str], counting: str, cjk_page: bool = False) -> Counts:
    """:func:`measure` of the pieces joined by newlines (``counting``: a
    preset's, or :data:`HUGO_ESCAPED`), counted piece by piece: every
    counting adds up over a newline (none counts a word across one), and a
    re-lint of an edited post counts only the blocks that changed."""
    if len(pieces) > MANY_PIECES:  # thousands of tiny blocks: one pass in C is cheaper
        return _count("\n".join(pieces), counting, cjk_page)
    words = cjk = hangul = 0
    if counting == "reading-time":
        swallowing = False
        for piece in pieces:
            n, n_after_cjk, leaves_open, leaves_open_after_cjk = _reading_time_pieces(piece)
            words += n_after_cjk if swallowing else n
            swallowing = leaves_open_after_cjk if swallowing else leaves_open
        return Counts(words)
    for piece in pieces:
        c = _block_count(piece, counting, cjk_page)
        words += c.words
        cjk += c.cjk
        hangul += c.hangul
    return Counts(words, cjk, hangul)


def estimate_counts(
    counts: Counts, images: int, preset: Preset, options: Options, cjk_page: bool = False
) -> Estimate:
    """Minutes to read what was counted (and to look at ``images``)."""
    latin = _rate(options.get("latin_wpm", 0), preset.latin_wpm)
    cjk = _rate(options.get("cjk_cpm", 0), preset.cjk_cpm)
    hangul = _rate(options.get("hangul_wpm", 0), preset.hangul_wpm)
    parts: list[str] = []
    minutes = 0.0
    if preset.counting == "hugo":
        rate = cjk if cjk_page else latin
        minutes = counts.words / rate
        unit = "words and CJK characters" if cjk_page else "words"
        parts.append(f"{counts.words:,} {unit} at {_fmt_rate(rate)}/min, Hugo's count")
    elif preset.counting == "reading-time":
        minutes = counts.words / latin
        parts.append(f"{counts.words:,} words at {_fmt_rate(latin)}/min, reading-time's count")
    elif preset.counting == "jekyll":
        minutes = counts.words / latin
        parts.append(f"{counts.words:,} words at {_fmt_rate(latin)}/min, Jekyll's count")
    else:
        # Largest share first, so the message leads with what the post is written in.
        shares = [
            (counts.cjk / cjk, f"{counts.cjk:,} CJK characters at {_fmt_rate(cjk)}/min"),
            (counts.words / latin, f"{counts.words:,} words at {_fmt_rate(latin)}/min"),
            (counts.hangul / hangul, f"{counts.hangul:,} Korean words at {_fmt_rate(hangul)}/min"),
        ]
        for share, label in sorted(shares, key=lambda s: -s[0]):
            if share > 0:
                minutes += share
                parts.append(label)
    has_text = bool(counts.words or counts.cjk or counts.hangul)
    seconds_per_image = float(options.get("image_seconds", 0.0))
    if images and (seconds_per_image > 0 or preset.image_model == "medium"):
        if seconds_per_image > 0:
            seconds = images * seconds_per_image
        else:
            seconds = medium_image_seconds(images)
        minutes += seconds / 60
        noun = "image" if images == 1 else "images"
        parts.append(f"{images} {noun} adding {seconds:g} s")
    return Estimate(minutes, tuple(parts), has_text)


def estimate(
    text: str, images: int, preset: Preset, options: Options, cjk_page: bool | None = None
) -> Estimate:
    """Minutes to read ``text`` (and look at ``images``) under ``preset``;
    ``cjk_page`` (Hugo) is detected from the text when None."""
    if cjk_page is None:
        cjk_page = bool(_HUGO_CJK.search(text))
    return estimate_counts(measure(text, preset, cjk_page), images, preset, options, cjk_page)


def round_minutes(minutes: float, preset: Preset) -> int:
    """The whole number of minutes a site would show (at least 1)."""
    if preset.rounding == "ceil":
        shown = math.ceil(minutes - 1e-9)
    elif preset.rounding == "ceil-hundredths":
        # reading-time rounds to hundredths first (to hide floating-point noise).
        shown = math.ceil(round(minutes, 2))
    elif preset.rounding == "floor":
        shown = math.floor(minutes + 1e-9)
    else:
        shown = math.floor(minutes + 0.5)
    return max(1, shown)


# --------------------------------------------------------------------------
# Locating and rewriting the value in the source
# --------------------------------------------------------------------------

_NUMBER_TOKEN = lazy(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_DOUBLE_QUOTED = lazy(r'"(?:[^"\\\n]|\\.){0,500}"')
_SINGLE_QUOTED = lazy(r"'(?:[^'\n]|''){0,500}'")
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _key_info(post: Post, key: str) -> KeyInfo | None:
    fm = post.front_matter
    if fm is None:
        return None
    later = [info for name, _, info in fm.duplicate_keys if name == key]
    if later:
        return later[-1]  # the loaded value is the last occurrence's
    return fm.keys.get(key)


def _value_token(post: Post, info: KeyInfo, value: Any) -> tuple[int, int] | None:
    """0-based (start, end) of the value as written on its line (inside the
    quotes for a string), when the source provably holds ``value``; else None."""
    fm = post.front_matter
    if fm is None or info.value_line != info.value_end_line and fm.format == "yaml":
        return None
    line = post.lines.line(info.value_line)
    start = info.value_column - 1
    if start >= len(line):
        return None
    if fm.format == "yaml" and info.value_style == "" and isinstance(value, str):
        end = info.value_end_column - 1
        token = line[start:end]
        return (start, end) if token == value else None
    if isinstance(value, (int, float)):
        m = _NUMBER_TOKEN.match(line, start)
        if not m or "e" in m.group().lower():
            return None
        try:
            written = float(m.group())
        except ValueError:
            return None
        return (m.start(), m.end()) if written == float(value) else None
    if isinstance(value, str):
        m = _DOUBLE_QUOTED.match(line, start) or _SINGLE_QUOTED.match(line, start)
        if not m:
            return None
        inner = m.group()[1:-1]
        if "\\" in inner or (m.group()[0] == "'" and "''" in inner) or inner != value:
            return None
        return (m.start() + 1, m.end() - 1)
    return None


def _format_like(original: str, minutes: float, rounded: int) -> str:
    """``minutes`` written the way ``original`` (a number) is written."""
    plain = original.translate({ord(c): ord(str(int(c))) for c in original if c.isdigit()})
    fullwidth = any("０" <= c <= "９" for c in original)
    sep = "," if "," in plain else "."
    if sep in plain:
        decimals = len(plain.split(sep, 1)[1])
        new = f"{minutes:.{decimals}f}".replace(".", sep)
    else:
        new = str(rounded)
    return new.translate(_FULLWIDTH) if fullwidth else new


def _fix(
    post: Post, info: KeyInfo, value: Any, declared: Declared, minutes: float, rounded: int
) -> Fix | None:
    if declared.number_span is None or not isinstance(value, (str, int, float)):
        return None
    token = _value_token(post, info, value)
    if token is None:
        return None
    start, end = token
    line = post.lines.line(info.value_line)
    if isinstance(value, str):
        n_start, n_end = declared.number_span
        if start + n_end > end:
            return None
        col_start, col_end = start + n_start, start + n_end
    else:
        col_start, col_end = start, end
    original = line[col_start:col_end]
    new = _format_like(original, minutes, rounded)
    if new == original:
        return None
    edit = Edit(info.value_line, col_start + 1, info.value_line, col_end + 1, new)
    return Fix("safe", (edit,), message=f"set the reading time to {new}")


# --------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------


#: The generators whose own value RT001 accepts under the default preset.
GENERATOR_PRESETS = ("hugo", "hugo-2026", "jekyll", "medium", "reading-time")

#: Embedded videos, talks, slides and audio: Hugo shortcodes, Liquid tags and
#: includes, Zenn's ``@[youtube](...)`` embeds, iframes from video and slide
#: hosts, and ``<video>``/``<audio>`` elements.
_EMBED = lazy(
    r"\{\{[<%]-?\s*(?:youtube|vimeo|bilibili|niconico|speakerdeck|slideshare|docswell"
    r"|video|audio|podcast|x-video|loom|wistia)\b"
    r"|\{%-?\s*(?:youtube|vimeo|video|speakerdeck|slideshare"
    r"|include\s+[\"']?[\w/-]*(?:youtube|vimeo|video|speakerdeck|slideshare|slides|talk)[\w.-]*)"
    r"|@\[(?:youtube|vimeo|speakerdeck|slideshare|docswell|figma)\]"
    r"|<iframe\b[^>]{0,500}?src=[\"']?[^\"'\s>]*(?:youtube|youtu\.be|vimeo|speakerdeck|slideshare"
    r"|docs\.google\.com/presentation|bilibili|nicovideo|loom\.com|wistia|ted\.com|podcast"
    r"|spotify|soundcloud)"
    r"|<(?:video|audio)\b",
    re.I,
)
#: Front-matter keys that point at a video or slides the page presents.
_MEDIA_KEYS = ("video", "youtube", "vimeo", "slides", "speakerdeck", "slideshare", "talk")
#: Most embeds counted (each adds up to ``media-minutes``).
_MAX_EMBEDS = 4


def _embeds(post: Post) -> int:
    """How many videos, talks or slide decks the page embeds."""
    found = sum(1 for _ in zip(range(_MAX_EMBEDS), _EMBED.finditer(post.body)))
    meta = post.meta
    if not found and any(
        isinstance(meta.get(k), (str, dict, list)) and meta.get(k) for k in _MEDIA_KEYS
    ):
        found = 1
    return found


#: How far post-lint's count of a page may be from the count a generator
#: makes of the rendered page (expanded shortcodes, link text, entities).
GENERATOR_COUNT_SLACK = 0.05


def _scaled(counts: Counts, factor: float) -> Counts:
    up = math.ceil if factor > 1 else math.floor
    return Counts(up(counts.words * factor), up(counts.cjk * factor), up(counts.hangul * factor))


def _generator_bands(
    prose: list[str],
    other: list[str],
    images: int,
    options: Options,
    names: list[str],
    use_code: bool,
    cjk_page: bool,
) -> list[tuple[float, float]]:
    """(low, high) minutes each named generator could have written: its own
    count and rounding, from the prose alone up to the whole text, each
    counted 5% short or over (:data:`GENERATOR_COUNT_SLACK`: the
    generator counts the rendered page, which post-lint only approximates)."""
    bands = []

    def minutes(counts: Counts, preset: Preset, pictures: int = images) -> int:
        return round_minutes(
            estimate_counts(counts, pictures, preset, {}, cjk_page).minutes, preset
        )

    counted: dict[tuple[str, bool], Counts] = {}  # presets that count alike count once

    def count(pieces: list[str], preset: Preset, is_prose: bool) -> Counts:
        key = (preset.counting, is_prose)
        if key not in counted:
            counted[key] = measure_pieces(pieces, preset.counting, cjk_page)
        return counted[key]

    for name in names:
        preset = PRESETS[name]
        if preset.counting == "scripts":
            continue
        low_counts = count(prose, preset, True)
        high_counts = low_counts + count(other, preset, False) if use_code else low_counts
        low = minutes(_scaled(low_counts, 1 - GENERATOR_COUNT_SLACK), preset)
        high = minutes(_scaled(high_counts, 1 + GENERATOR_COUNT_SLACK), preset)
        if preset.counting == "hugo" and cjk_page and use_code:
            escaped = measure_pieces((*prose, *other), HUGO_ESCAPED, True)
            high = max(high, minutes(_scaled(escaped, 1 + GENERATOR_COUNT_SLACK), preset, 0))
        bands.append((float(low), float(high)))
    return bands


def _declarations(post: Post, options: Options) -> Iterator[tuple[str, Any, KeyInfo | None]]:
    meta = post.meta
    if not meta:
        return
    seen: set[str] = set()
    for key in options.get("keys", DEFAULT_KEYS):
        if key in meta and key not in seen:
            seen.add(key)
            yield key, meta[key], _key_info(post, key)


def _span(post: Post, info: KeyInfo | None) -> tuple[int, int, int, int]:
    """From the key to the end of its value (or of its line)."""
    if info is None:
        fm = post.front_matter
        line = fm.start_line if fm else 1
        return line, 1, line, 1
    fm = post.front_matter
    if fm is not None and fm.format == "yaml" and info.value_end_line == info.line:
        return info.line, info.column, info.line, max(info.value_end_column, info.column)
    text = post.lines.line(info.line).rstrip().rstrip(",").rstrip()
    return info.line, info.column, info.line, max(len(text) + 1, info.column)


def _preset(options: Options) -> Preset:
    name = str(options.get("preset", "default"))
    if name not in PRESETS:
        raise ValueError(f"unknown preset '{name}' (choose one of: {', '.join(PRESETS)})")
    return PRESETS[name]


def _minutes_phrase(minutes: float, rounded: int, preset: Preset) -> str:
    if preset.rounding == "round" and minutes < 0.5:
        return "less than a minute"
    return "about 1 minute" if rounded == 1 else f"about {rounded:,} minutes"


#: The option both RT rules read, declared once: ``[rules.RT]`` sets it for both.
FAMILY = family(
    "RT",
    "reading time",
    options={"keys": list(DEFAULT_KEYS)},
    validate={"keys": non_blank_strings},
)


@rule(
    "RT001",
    "reading-time-mismatch",
    "the declared reading time does not match the body",
    family=FAMILY,
    options={
        "preset": "default",
        "latin_wpm": 0.0,
        "cjk_cpm": 0.0,
        "hangul_wpm": 0.0,
        "image_seconds": 0.0,
        "tolerance": 0.3,
        "min_tolerance": 1.0,
        "code_upper_bound": True,
        "skip_media": True,
        "accept_presets": list(GENERATOR_PRESETS),
        "media_minutes": 90.0,
    },
    choices={"preset": tuple(PRESETS)},
    validate={
        "latin_wpm": at_least(0),
        "cjk_cpm": at_least(0),
        "hangul_wpm": at_least(0),
        "image_seconds": at_least(0),
        "tolerance": at_least(0),
        "min_tolerance": at_least(0),
        "accept_presets": each_one_of(GENERATOR_PRESETS),
        "media_minutes": at_least(0),
    },
    fixable=True,
)
def reading_time_mismatch(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a reading time in the front matter that is far from what the
    body takes to read, with the estimate and the counts it came from.

    **What is read as a declaration:** the value under any of the ``keys``,
    as an integer, a float, a numeric string, ``"8 min"``, ``"8 min read"``,
    ``"8 minutes"``, ``"1h 20m"``, ``"8分"``, ``"約8分"``, ``"8分钟"``, ``"8분"``,
    ``"5-7 min"`` (a range), ``"< 1 min read"`` or ``"1分未満"`` (a bound) or
    ISO 8601 ``PT8M``; full-width digits too. A
    boolean (``read_time: true`` is a theme switch), 0, an empty or templated
    value, ``auto``, a list or a date is not a declaration and is skipped; so
    is a value that mentions watching or listening (``"12 min watch"``,
    ``"30分で視聴"``), which times a video or a podcast, not prose. A whole
    ``reading-time`` result (``{minutes: 8.2, text: "9 min read"}``) is read
    from its ``minutes``.

    **The estimate** (the ``default`` preset) counts prose only: paragraphs,
    headings, list items, block quotes and footnotes, with inline markup, link
    URLs, HTML tags, image alt text, footnote markers and Liquid/Hugo template
    tags removed. Code blocks, tables and HTML blocks are not counted: code is
    studied rather than read, tables and embeds are scanned. Scripts are
    counted separately and their times added, so mixed posts come out right:

    - Latin-script words (and Greek, Cyrillic, numbers) at 238 per minute, the
      average silent-reading rate for English non-fiction in Brysbaert's
      meta-analysis of 190 studies ("How many words do we read per minute?",
      Journal of Memory and Language 109, 2019).
    - Han, Hiragana and Katakana characters at 500 per minute, the CJK rate of
      Medium's read time; Japanese guides use 400 to 600 characters per
      minute, which the tolerance covers.
    - Hangul words (eojeol, the space-separated units) at 200 per minute. An
      eojeol carries a word and its particles, so fewer are read per minute
      than English words; this is a working figure, not a measured one, so
      tune ``hangul-wpm`` to your site.
    - Images add ``image-seconds`` each (none by default).

    **A generator's own value passes by default.** Under the ``default``
    preset a value is also accepted when it is what one of the generators in
    ``accept-presets`` would have written for this page (by default all of
    them: ``hugo``, ``hugo-2026``, ``jekyll``, ``medium``, ``reading-time``),
    counted on the prose and up to the whole text, the count 5% short
    or over (the generator counts the rendered page, which post-lint only
    approximates), in the generator's own rounding. Those bands are
    separate, not one wide band: on a Japanese page Jekyll's and
    reading-time's 200 characters a minute give two and a half times the
    default estimate, which passes, while twice or three times it is still
    reported.

    **Presets** reproduce exactly what a site's generator computes, on the
    text post-lint sees (prose, code and table text), so that a value the
    generator wrote is accepted, the band is that generator's alone and the
    fix writes what it would write:

    - ``hugo``: Hugo's ``.ReadingTime`` up to mid-2026, ``ceil(words / 213)`` over the
      white-space separated words; on a CJK page (any Han, Kana or Hangul
      character, as with ``hasCJKLanguage = true``; an ``isCJKLanguage``
      front-matter key overrides) an all-ASCII word counts 1, any other word
      one per character, at 501 per minute (``setWordCounts`` in
      ``hugolib/page__per_output.go``). Hugo counts the rendered page's
      text, in which ``"``, ``&``, ``<``, ``>`` and ``'`` are still HTML
      entities, so on a CJK page a word holding them counts more runes:
      values up to that count are accepted too.
    - ``hugo-2026``: Hugo's ``.ReadingTime`` since its August 2026 fix
      (gohugoio/hugo#15206, PR #15211): the same count, with the ceiling
      done right at ``ceil(words / 212)``, and ``ceil(runes / 500)`` on a CJK
      page, where every rune of a non-ASCII word counts, its punctuation
      (``。``, ``「」``) included.
    - ``jekyll``: Jekyll's ``number_of_words`` filter in ``cjk`` or ``auto``
      mode (each Han, Katakana, Hiragana and Hangul character is a word, and
      so is every run of other non-space characters, CJK punctuation
      included) at 200 words per minute, rounded down with Liquid's
      ``divided_by`` as Minimal Mistakes and most Jekyll themes do (at least
      1).
    - ``medium``: 265 words per minute, CJK characters and Hangul syllables at
      500 per minute, plus 12 seconds for the first image, 11 for the second,
      one less for each further image down to 3 seconds from the tenth on;
      rounded up.
    - ``reading-time``: the npm ``reading-time`` package (Astro, Gatsby and
      Eleventy recipes): each Han character, Hiragana and Hangul syllable is a
      word, other words are separated by white space, 200 words per minute,
      rounded up after rounding to hundredths.

    **The band:** the declared value is accepted within ``tolerance`` of the
    estimate or ``min-tolerance`` minutes, whichever is wider, with the ends
    rounded outward to whole minutes (for reading speeds spread and sites
    round). Because many themes count code and tables, a value up to what the
    whole body would take (``code-upper-bound``) is accepted too; a post that
    pulls in text with ``{% include %}`` or ``{{< readfile >}}`` is never
    reported as too long; a post with no prose at all is skipped.

    **Videos, talks and slides:** a page that embeds them (Hugo
    ``{{< youtube >}}``, ``vimeo``, ``speakerdeck``, ``slideshare``,
    ``bilibili`` shortcodes, Liquid ``{% youtube %}`` tags and video
    includes, Zenn ``@[youtube](...)`` / ``@[speakerdeck](...)`` embeds,
    iframes from video and slide hosts, ``<video>`` and ``<audio>``, or a
    ``video``/``slides``/``talk`` front-matter key) often gives the length of
    the talk as its reading time: it is reported as too long only when over
    ``media-minutes`` per embed (up to four) beyond the whole text's estimate.
    A page that is mostly code or images (the whole text takes twice the
    prose, or it has at least five images and one a minute of prose) is
    reported as too long only past three times the whole text plus half a
    minute an image. A value too short is reported on any page.

    **Fix (safe):** rewrites the number in the value's own format, keeping
    quotes, unit, full-width digits, decimals and anything else on the line
    (comments): ``8`` -> ``40``, ``"8 min read"`` -> ``"40 min read"``,
    ``8分`` -> ``40分``, ``PT8M`` -> ``PT40M``. It is safe because it changes
    metadata only, never the text a reader reads, and it makes the post's
    claim about itself true under the documented model (the number written is
    the one the message shows). Ranges, hours-and-minutes values, mappings and
    values whose source cannot be matched exactly (escapes, multi-line) are
    reported without a fix.

    **Why:** a post that promises an 8-minute read and takes 40 misleads every
    reader; generators and copy-paste pipelines leave a stale or invented
    reading time behind when the body grows or gets repeated.

    **Example:** ``reading_time: 8`` over about 17,000 Japanese characters
    reports ``post.md:9:1: RT001 reading_time is 8 but the body reads in about
    37 minutes (17,269 CJK characters at 500/min, 539 words at 238/min)``.

    **Options:**

    - ``keys`` (list of strings): the front-matter keys holding a reading time
      (default: ``reading_time``, ``readingTime``, ``read_time``, ``readTime``,
      ``reading-time``, ``minutesRead``, ``readtime``, ``read-time``,
      ``time_to_read``, ``timeToRead``).
    - ``preset`` (string): ``default``, ``hugo``, ``hugo-2026``, ``jekyll``,
      ``medium`` or ``reading-time``.
    - ``latin-wpm``, ``cjk-cpm``, ``hangul-wpm`` (numbers): override the
      preset's rates (0, the default, keeps the preset's: 238, 500, 200).
    - ``image-seconds`` (number): seconds added per image (0 keeps the preset's
      allowance: none, or Medium's 12-to-3 s schedule for ``medium``).
    - ``tolerance`` (number, default 0.3): relative half-width of the band.
    - ``min-tolerance`` (number of minutes, default 1): the narrowest band.
    - ``code-upper-bound`` (boolean, default true): also accept values up to
      the estimate that counts code, table and HTML text.
    - ``skip-media`` (boolean, default true): skip values that mention
      watching or listening.
    - ``accept-presets`` (list of preset names, default all the generators:
      ``["hugo", "hugo-2026", "jekyll", "medium", "reading-time"]``): under
      the ``default`` preset, also accept what these generators compute; ``[]``
      keeps to the default model alone. Ignored when ``preset`` names one.
    - ``media-minutes`` (number, default 90): how many minutes a value may run
      over the estimate per embedded video, talk or slide deck.
    """
    preset = _preset(options)
    declarations = [
        (key, value, info)
        for key, value, info in _declarations(post, options)
        if not (options.get("skip_media", True) and _mentions_media(value))
    ]
    if not declarations:
        return
    blocks = _prose_blocks(post)
    prose_pieces = [b.prose for b in blocks]
    prose = "\n".join(prose_pieces)
    images = sum(b.images for b in blocks)
    if not prose.strip():
        return
    use_code = preset.counts_code or bool(options.get("code_upper_bound", True))
    other_pieces = _other_pieces(post) if use_code else []
    other = "\n".join(other_pieces)
    has_cjk = bool(_HUGO_CJK.search(prose) or _HUGO_CJK.search(other))
    cjk_flag = post.meta.get("isCJKLanguage")
    cjk_page = cjk_flag if isinstance(cjk_flag, bool) else has_cjk
    prose_counts = measure_pieces(prose_pieces, preset.counting, cjk_page)
    other_counts = measure_pieces(other_pieces, preset.counting, cjk_page)
    all_counts = prose_counts + other_counts
    main_counts = all_counts if preset.counts_code else prose_counts
    main = estimate_counts(main_counts, images, preset, options, cjk_page)
    if not main.has_text:
        return
    upper_minutes = main.minutes
    if use_code and not preset.counts_code and all_counts != prose_counts:
        upper_minutes = estimate_counts(all_counts, images, preset, options, cjk_page).minutes
    if preset.counting == "hugo" and cjk_page:
        # Hugo counts the rendered HTML's text, entities included: accept up to that.
        escaped = measure_pieces((*prose_pieces, *other_pieces), HUGO_ESCAPED, cjk_page)
        escaped_minutes = estimate_counts(escaped, images, preset, options, cjk_page).minutes
        upper_minutes = max(upper_minutes, escaped_minutes)
    tolerance = float(options.get("tolerance", 0.3))
    min_tolerance = float(options.get("min_tolerance", 1.0))
    low = min(main.minutes * (1 - tolerance), main.minutes - min_tolerance)
    high = max(upper_minutes * (1 + tolerance), upper_minutes + min_tolerance)
    if _INCLUDE.search(post.body):
        high = math.inf
    embeds = _embeds(post)
    if embeds:
        # A video, talk or slides: the value may time those too.
        media = float(options.get("media_minutes", 90.0))
        high = max(high, upper_minutes + media * embeds)
    elif upper_minutes >= 2 * main.minutes:
        # Mostly code: it is studied, slower than prose is read.
        high = max(high, 2 * upper_minutes)
    elif images >= max(5, main.minutes):
        # Mostly images: screenshots and diagrams are looked at too.
        high = max(high, 2 * upper_minutes + images * 0.2)
    low_bound = math.floor(low)
    high_bound = math.ceil(high) if math.isfinite(high) else math.inf
    bands = [(float(low_bound), high_bound)]
    if preset.name == "default":
        names = list(options.get("accept_presets", GENERATOR_PRESETS))
        bands += _generator_bands(
            prose_pieces, other_pieces, images, options, names, use_code, has_cjk
        )
    rounded = round_minutes(main.minutes, preset)
    for key, value, info in declarations:
        try:
            declared, shown = declared_from_value(value)
        except Unparseable:
            continue  # RT002
        if declared is None:
            continue
        if any(declared.high >= lo and declared.low <= hi for lo, hi in bands):
            continue
        line, col, end_line, end_col = _span(post, info)
        counts = ", ".join(main.parts)
        message = (
            f"{key} is {shown} but the body reads in "
            f"{_minutes_phrase(main.minutes, rounded, preset)} ({counts})"
        )
        upper_rounded = round_minutes(upper_minutes, preset)
        if declared.low > high_bound and upper_rounded > rounded:
            message += f"; about {upper_rounded:,} counting code, tables and HTML"
        fix = _fix(post, info, value, declared, main.minutes, rounded) if info else None
        yield Diagnostic("RT001", line, col, message, end_line, end_col, fix)


@rule(
    "RT002",
    "reading-time-unparseable",
    "the declared reading time cannot be read as a duration",
    family=FAMILY,
)
def reading_time_unparseable(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a reading-time value that is meant as one (it holds a number
    or a time word) but cannot be read as a duration: ``"eight minutes"``,
    ``"8 pages"``, ``"8 min 9"``, a negative or infinite number.

    Values that are not declarations are left alone: booleans (a theme
    switch), empty values, 0, ``auto``/``none`` and similar words, template
    placeholders such as ``"{{ readingTime }}"``, lists, dates and mappings.
    See RT001 for the formats that are understood.

    **Why:** a value the linter cannot read is one a theme cannot read either:
    it shows up verbatim ("eight minutes min read") or breaks the template,
    and RT001 cannot check it against the body.

    **Example:** ``readingTime: "eight minutes"`` reports ``post.md:4:1: RT002
    readingTime value "eight minutes" is not a reading time (write a number of
    minutes: 8, "8 min read", "8分" or "PT8M")``.

    **Options:**

    - ``keys`` (list of strings): the front-matter keys holding a reading
      time, as for RT001; set them once for both rules in ``[rules.RT]``.
    """
    for key, value, info in _declarations(post, options):
        if _mentions_media(value):
            continue  # a video or podcast duration, not a reading time
        try:
            declared_from_value(value)
        except Unparseable:
            line, col, end_line, end_col = _span(post, info)
            shown = _quote(value) if isinstance(value, str) else str(value)
            yield Diagnostic(
                "RT002",
                line,
                col,
                f"{key} value {shown} is not a reading time (write a number of minutes: "
                '8, "8 min read", "8分" or "PT8M")',
                end_line,
                end_col,
            )


RULES: tuple[Rule, ...] = (reading_time_mismatch, reading_time_unparseable)
