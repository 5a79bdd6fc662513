"""Script-aware text helpers shared by rules.

Everything here works on plain prose (see ``Block.prose``) and is written to be
correct on Japanese, Chinese, Korean and Latin-script text alike.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

# Liquid ``{% %}`` / ``{{ }}`` and Hugo ``{{< >}}`` / ``{{% %}}`` tags. Bounded
# quantifiers keep pathological inputs linear.
_TEMPLATE_TAG = regex.compile(
    r"\{\{[<%].{0,2000}?[>%]\}\}|\{%.{0,2000}?%\}|\{\{.{0,2000}?\}\}", regex.S
)
_URL = regex.compile(r"\b(?:https?|ftp)://[^\s<>\"'）」』】]+|\bwww\.[^\s<>\"'）」』】]+")
_WS = regex.compile(r"\s+")

#: One Han, Hiragana or Katakana character (or the prolonged sound mark):
#: what is counted per character in Japanese and Chinese.
CJK_CHAR = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]")
_HANGUL_WORD = regex.compile(r"\p{Hangul}+")
#: A Latin-script (or Greek/Cyrillic, or digit) word; apostrophes and hyphens inside.
_LATIN_WORD = regex.compile(
    r"[\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]+(?:['’\-.][\p{Latin}\p{Greek}\p{Cyrillic}\p{Nd}]+)*"
)


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


def fold_whitespace(text: str) -> str:
    """Runs of white space become one space; none at either end."""
    # str.split() is ~7x faster than the regex and splits on the same characters,
    # except the four ASCII separators U+001C..U+001F, which it splits on and the
    # regex does not: keep the regex for text holding one of them.
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        return _WS.sub(" ", text).strip()
    return " ".join(text.split())


def normalize(text: str) -> str:
    """NFKC, case-folded, whitespace folded: the form used to compare prose."""
    return fold_whitespace(unicodedata.normalize("NFKC", text).casefold())


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


def count_scripts(text: str) -> ScriptCounts:
    """Count Latin-script words, CJK characters and Hangul words in ``text``."""
    return ScriptCounts(
        latin_words=len(_LATIN_WORD.findall(text)),
        cjk_chars=len(CJK_CHAR.findall(text)),
        hangul_words=len(_HANGUL_WORD.findall(text)),
    )


def is_cjk_char(ch: str) -> bool:
    return bool(CJK_CHAR.match(ch))


# Sentence splitting ------------------------------------------------------

_OPENERS = "「『（(“‘【〔［[｛{〈《"
_CLOSERS = "」』）)”’】〕］]｝}〉》"
_PAIRS = dict(zip(_OPENERS, _CLOSERS))
_TERMINAL = "。！？!?．"
_LATIN_TERMINAL = "."


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
    while i < n:
        ch = text[i]
        if ch in _PAIRS:
            if len(stack) < 64:
                stack.append(_PAIRS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
        elif ch in _CLOSERS and ch in stack:
            while stack and stack.pop() != ch:
                pass
        if not stack and (ch in _TERMINAL or (ch == "." and (i + 1 == n or text[i + 1].isspace()))):
            j = i + 1
            while j < n and (text[j] in _TERMINAL or text[j] in _CLOSERS or text[j] == "."):
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
