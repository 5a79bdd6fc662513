"""Keys that are not keys: a line of text YAML read as a key, and the known
key a misspelt one most plausibly means (the typo engine)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ...lazyre import lazy
from ...text import count_cjk

_HTML_TAG = lazy(r"</?[A-Za-z][A-Za-z0-9]{0,20}[\s/>]|</?[A-Za-z]{1,20}$")
_SENTENCE_MARK = lazy(r"[、。，．！？]|[,.;!?][ \t]")
#: Keys longer than this (characters) are text, not keys.
_LONG_KEY = 60


def looks_like_prose(key: str) -> bool:
    """A key that is really a line of text: HTML, sentence punctuation, four
    or more words, or very long."""
    return bool(
        _HTML_TAG.search(key)
        or _SENTENCE_MARK.search(key)
        or len(key.split()) >= 4
        or len(key) > _LONG_KEY
    )


#: Words that open an aside inside a text value, the line YAML then reads as
#: a key: ``Note: and what we learned...``, ``追記: ...``, ``补充: ...``.
_ASIDE_WORDS = frozenset(
    """note notes nb ps p.s update updated edit edited warning caution tip hint
    caveat disclaimer spoiler bonus tldr tl;dr aside correction addendum
    postscript reminder important but and however also""".split()
)
_CJK_ASIDE_WORDS = frozenset(
    """注意 注 追記 追伸 補足 備考 但し ただし なお 参考 余談 更新 訂正 結論 ちなみに
    提示 补充 備註 备注 总结 結論 结论 另外 但是 其实 其實 更正 更新""".split()
)
#: A key that reads as a word or two of text: letters (any script), digits,
#: spaces and apostrophes, starting with a letter.
_WORDY_KEY = lazy(r"[^\W\d_][\w' .;-]{0,30}")
_CAPITALISED = lazy(r"[A-Z][a-z]+(?: [a-z]+){0,2}")
_SENTENCE_END = lazy(r"[.!?。．！？」』）)\]\"'”’…]\s*$")


def _is_prose(value: Any) -> bool:
    """A string value that is text: four words or more, or eight or more CJK
    characters."""
    return isinstance(value, str) and (len(value.split()) >= 4 or count_cjk(value) >= 8)


def continues_text(key: str, value: Any, previous_value: Any) -> bool:
    """Whether ``key: value``, on the line after a text value
    (``previous_value``), is more of that text that lost its indentation:
    ``excerpt: We moved to Bazel.`` then ``Note: and what we learned...``.

    The key must read as a word or two and the value as text, and there
    must be a sign that this is text going on, not a custom key: a
    capitalised word whose value goes on in lower case (``The: result
    was...``), a key that opens
    an aside (``Note``, ``Update``, ``追記``, ``补充``), or, in Chinese and
    Japanese, a sentence of the previous value left unfinished.
    """
    if not _is_prose(previous_value) or not isinstance(value, str):
        return False
    text = value.strip()
    if len(key.split()) > 3 or not _WORDY_KEY.fullmatch(key):
        return False
    cjk_key = count_cjk(key) > 0
    if cjk_key:
        if count_cjk(text) < 6 or count_cjk(key) != len(key.replace(" ", "")):
            return False
        return key in _CJK_ASIDE_WORDS or (
            count_cjk(str(previous_value)) >= 8 and not _SENTENCE_END.search(str(previous_value))
        )
    if len(text.split()) < 3:
        return False
    if key.casefold().rstrip(".") in _ASIDE_WORDS:
        return True
    # A capitalised word, then text going on in lower case: "The: result was".
    return bool(_CAPITALISED.fullmatch(key)) and text[:1].islower()


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance, giving up above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _is_typo_of(key: str, known: str) -> bool:
    """Whether ``key`` is a plausible misspelling of ``known``: one inserted,
    dropped or swapped letter (``tittle``, ``tgas``), or, in words of eight
    letters or more, one wrong letter inside the word (``catagories``) or
    two slips."""
    if key == known or len(known) < 4:
        return False
    distance = _edit_distance(key.lower(), known.lower())
    if distance == 0:
        return False
    if distance == 1:
        if len(key) != len(known):
            return True  # a letter inserted or dropped
        diff = [i for i, (x, y) in enumerate(zip(key.lower(), known.lower())) if x != y]
        if len(diff) == 2:
            return True  # neighbours swapped
        # One wrong letter: a typo inside a long word (catagories); another
        # word when short (height/weight) or at either end (publisher).
        return len(known) >= 8 and 0 < diff[0] < len(known) - 1
    return distance == 2 and len(known) >= 9


@lru_cache(maxsize=16)
def _typo_index(candidates: frozenset[str]) -> dict[int, list[tuple[str, frozenset[str]]]]:
    """Candidate keys by length, with their letters, for quick rejection."""
    index: dict[int, list[tuple[str, frozenset[str]]]] = {}
    for known in sorted(candidates):
        if len(known) >= 4:
            index.setdefault(len(known), []).append((known, frozenset(known.lower())))
    return index


def suggest_key(key: str, candidates: frozenset[str]) -> str | None:
    """The known key ``key`` is most plausibly a misspelling of, if any."""
    if not 2 <= len(key) <= 64:
        return None
    index = _typo_index(candidates)
    letters = set(key.lower())
    best: tuple[int, str] | None = None
    for length in range(len(key) - 2, len(key) + 3):
        for known, known_letters in index.get(length, ()):
            if len(letters ^ known_letters) > 4:
                continue  # two edits change at most four distinct letters
            if _is_typo_of(key, known):
                distance = _edit_distance(key.lower(), known.lower())
                if best is None or distance < best[0]:
                    best = (distance, known)
    return best[1] if best else None
