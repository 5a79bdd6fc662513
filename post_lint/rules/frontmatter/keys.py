"""Keys that are not keys: a line of text YAML read as a key, and the known
key a misspelt one most plausibly means (the typo engine)."""

from __future__ import annotations

import re
from functools import lru_cache

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}[\s/>]|</?[A-Za-z]{1,20}$")
_SENTENCE_MARK = re.compile(r"[、。，．！？]|[,.;!?][ \t]")
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
