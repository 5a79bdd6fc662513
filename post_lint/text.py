"""Script-aware text vocabulary and helpers shared by rules.

Everything here works on plain prose (see ``Block.prose``) and is written to be
correct on Japanese, Chinese, Korean and Latin-script text alike. This is the
one home of:

- what counts as a CJK character (:data:`CJK_CLASS`, :data:`CJK_CHAR`) and
  the narrower script classes (:data:`HAN_CHAR`, :data:`KANA_CHAR`);
- what ends a sentence (:data:`SENTENCE_END`, :data:`SENTENCE_END_MARKS`),
  and the brackets and quotes around it (:data:`OPENERS`, :data:`CLOSERS`);
- the comparison form of prose (:func:`normalize`: NFKC, white space folded,
  case-folded unless asked not to);
- how a piece of text is shown in a message (:func:`shorten`).
"""

from __future__ import annotations

import re
import unicodedata

from . import regex_engine as regex
from .lazyre import lazy, lazy_regex
from .records import dataclass
from .textmemo import TextMemo

# Liquid ``{% %}`` / ``{{ }}`` and Hugo ``{{< >}}`` / ``{{% %}}`` tags. Bounded
# quantifiers keep pathological inputs linear.
_TEMPLATE_TAG = lazy_regex(
    r"\{\{[<%].{0,2000}?[>%]\}\}|\{%.{0,2000}?%\}|\{\{.{0,2000}?\}\}", regex.S
)
_URL = lazy_regex(r"\b(?:https?|ftp)://[^\s<>\"'）」』】]+|\bwww\.[^\s<>\"'）」』】]+")
_WS = lazy_regex(r"\s+")

# -- scripts ------------------------------------------------------------------

#: The CJK characters, as the body of a character class usable with both
#: ``re`` and ``regex``: the Han, Hiragana and Katakana scripts (as the
#: ``regex`` module's ``\p{Han}\p{Hiragana}\p{Katakana}`` define them) and
#: the prolonged sound mark ー. What is counted per character in Japanese and
#: Chinese (reading time, DUP's words and shingles, TRN's overlaps). Spelled
#: out so that hot loops can use the faster ``re`` module.
CJK_CLASS = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u32d0-\u32fe"
    "\u3300-\u3357\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\uff66-\uff6f"
    "\uff71-\uff9d\U00016fe2-\U00016fe3\U00016ff0-\U00016ff6\U0001aff0-\U0001aff3"
    "\U0001aff5-\U0001affb\U0001affd-\U0001affe\U0001b000-\U0001b128\U0001b132"
    "\U0001b150-\U0001b152\U0001b155\U0001b164-\U0001b168\U0001f200"
    "\U00020000-\U0002a6df\U0002a700-\U0002b81e\U0002b820-\U0002cead"
    "\U0002ceb0-\U0002ebe0\U0002ebf0-\U0002ee5d\U0002f800-\U0002fa1d"
    "\U00030000-\U0003134a\U00031350-\U00033479"
)
#: One CJK character (see :data:`CJK_CLASS`).
CJK_CHAR = lazy(f"[{CJK_CLASS}]")
_CJK_RUN = lazy(f"[{CJK_CLASS}]+")
#: One Han character (kanji, hanzi).
HAN_CHAR = lazy_regex(r"\p{Han}")
#: One Hiragana or Katakana character.
KANA_CHAR = lazy_regex(r"[\p{Hiragana}\p{Katakana}]")
HIRAGANA_CHAR = lazy_regex(r"\p{Hiragana}")
#: One Hangul syllable or jamo.
HANGUL_CHAR = lazy_regex(r"\p{Hangul}")
_HANGUL_WORD = lazy_regex(r"\p{Hangul}+")
#: A Latin-script (or Greek/Cyrillic, or digit) word; apostrophes and hyphens inside.
_LATIN_WORD = lazy_regex(
    r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]+(?:['’\-.][\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]+)*"
)

# -- punctuation ----------------------------------------------------------------

#: Marks that end a sentence wherever they stand: the CJK full stop, the
#: full-width full stop, and ``!``/``?`` in both widths.
SENTENCE_END_MARKS = "。．！!？?"
#: The Latin full stop, which ends a sentence only before white space or at
#: the end of the text (not in 3.14, e.g. or example.com).
LATIN_FULL_STOP = "."
#: Every character that can end a sentence.
SENTENCE_END = SENTENCE_END_MARKS + LATIN_FULL_STOP
#: Ellipses: a sentence trailing off (finished on purpose, or cut).
ELLIPSES = "…‥"
#: Opening brackets and quotes, and the closing ones, pairwise.
OPENERS = "「『（(“‘【〔［[｛{〈《"
CLOSERS = "」』）)”’】〕］]｝}〉》"
#: Straight quotes (they open and close alike).
STRAIGHT_QUOTES = "\"'"
#: Commas, in every width (、 and ，: CJK; ､: half-width).
COMMAS = ",、，､"


def strip_template_tags(text: str) -> str:
    """Remove Liquid and Hugo template tags (``{% %}``, ``{{ }}``, ``{{< >}}``)."""
    if "{" not in text:
        return text
    return _TEMPLATE_TAG.sub(" ", text)


def strip_urls(text: str) -> str:
    """Remove bare URLs from prose."""
    if "://" not in text and "www." not in text:
        return text
    return _URL.sub(" ", text)


#: The four ASCII separators U+001C..U+001F: ``str.split()`` splits on them,
#: Unicode's White_Space (and so ``\s`` of :mod:`regex`, Ruby, Go) does not.
SPLIT_ONLY_SEPARATORS = "\x1c\x1d\x1e\x1f"


def fold_whitespace(text: str) -> str:
    """Runs of white space become one space; none at either end."""
    # str.split() is ~7x faster than the regex and splits on the same characters,
    # except SPLIT_ONLY_SEPARATORS: keep the regex for text holding one of them
    # (spelled out: four `in` tests are the cheapest check on this hot path).
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return _WS.sub(" ", text).strip()
    return " ".join(text.split())


def _normalized(text: str, casefold: bool) -> str:
    folded = fold_whitespace(unicodedata.normalize("NFKC", text))
    return folded.casefold() if casefold else folded


#: :func:`_normalized`, remembered across lints (the paragraphs of an edited
#: post are mostly the ones normalised at its last lint).
_normalized_memo = TextMemo(_normalized)


def normalize(text: str, *, casefold: bool = True) -> str:
    """NFKC, white space folded, case-folded (unless ``casefold`` is false):
    the form in which prose is compared."""
    return _normalized_memo(text, casefold)


def shorten(text: str, limit: int = 40, *, keep_end: bool = False, ellipsis: str = "…") -> str:
    """``text`` on one line (white space folded) and at most ``limit``
    characters long, for a message: cut at the end with ``ellipsis`` (or,
    with ``keep_end``, at the start, keeping the end)."""
    text = fold_whitespace(text)
    if len(text) <= limit:
        return text
    keep = max(limit - len(ellipsis), 0)
    if keep_end:
        return ellipsis + (text[-keep:] if keep else "")
    return text[:keep] + ellipsis


@dataclass(frozen=True, slots=True)
class ScriptCounts:
    """How much there is to read, by script."""

    latin_words: int = 0
    cjk_chars: int = 0
    hangul_words: int = 0

    def __add__(self, other: ScriptCounts) -> ScriptCounts:
        return ScriptCounts(
            self.latin_words + other.latin_words,
            self.cjk_chars + other.cjk_chars,
            self.hangul_words + other.hangul_words,
        )


def count_cjk(text: str) -> int:
    """The CJK characters in ``text`` (counted by runs: five times faster
    than matching each character on CJK prose)."""
    return sum(map(len, _CJK_RUN.findall(text)))


def count_scripts(text: str) -> ScriptCounts:
    """Count Latin-script words, CJK characters and Hangul words in ``text``."""
    return ScriptCounts(
        latin_words=len(_LATIN_WORD.findall(text)),
        cjk_chars=count_cjk(text),
        hangul_words=len(_HANGUL_WORD.findall(text)),
    )


# Sentence splitting ------------------------------------------------------

_PAIRS = dict(zip(OPENERS, CLOSERS))
#: The characters :func:`split_sentences` acts on.
_SPLIT_STOPS = lazy(
    "[" + re.escape("".join(sorted(set(_PAIRS) | set(CLOSERS) | set(SENTENCE_END)))) + "]"
)


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, never inside 「」『』（）“” and the like.

    Japanese/Chinese sentences end at 。！？ (and their ASCII forms); Latin
    sentences end at ``.``, ``!``, ``?`` followed by white space. Closing
    brackets and quotes right after a terminator stay with the sentence.
    Line breaks end a sentence only when the line itself ended with a
    terminator. The pieces, stripped, are returned in order; nothing is lost
    but white space.
    """
    sentences: list[str] = []
    stack: list[str] = []
    start = 0
    i = 0
    n = len(text)
    skip = _SPLIT_STOPS.search
    while i < n:
        # Jump to the next character that opens, closes or ends something:
        # every other character leaves the state as it is.
        found = skip(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch in _PAIRS:
            if len(stack) < 64:
                stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in CLOSERS and ch in stack:
            while stack and stack.pop() != ch:
                pass
        if not stack and (
            ch in SENTENCE_END_MARKS
            or (ch == LATIN_FULL_STOP and (i + 1 == n or text[i + 1].isspace()))
        ):
            j = i + 1
            while j < n and (text[j] in SENTENCE_END or text[j] in CLOSERS):
                j += 1
            piece = text[start:j].strip()
            if piece:
                sentences.append(piece)
            start = j
            i = j
            continue
        i += 1
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def strip_html_comments(text: str) -> str:
    """``text`` without its closed ``<!-- ... -->`` comments (an unclosed one
    is kept, as ``re.sub(r"<!--.*?-->", "", text, flags=re.S)`` keeps it), in
    linear time: that regex is quadratic on many unclosed openers."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    i = 0
    while True:
        j = text.find("<!--", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        k = text.find("-->", j + 4)
        if k < 0:
            out.append(text[j:])
            break
        i = k + 3
    return "".join(out)
