"""A bounded, process-wide memo of pure functions of a paragraph's text,
for a process that lints the same posts again and again (``post-lint
server`` turns it on with :func:`enable`; it is off otherwise).

A post is parsed afresh on every lint, but most of its paragraphs are the
same strings as in the last lint of it: an editor sends a new version of the
document on every keystroke (``post-lint server``), and posts of one site
share boilerplate. What a rule derives from a paragraph's text alone
(normalised form, tokens, shingles) is therefore kept here, keyed by the
text (and whatever else the result depends on), so a re-lint pays only for
the paragraphs that changed.

A one-off run sees each paragraph once: there the memo is off, since it
would only keep memory (about 35 MB over the corpus) for nothing.

Bounded on any input: a text (or tuple of tokens) longer than ``max_chars``
characters (tokens) is never stored (its result is computed and returned),
and when ``max_entries`` results, or results for ``max_total_chars``
characters in all, are stored, the memo starts again empty. Results are shared
between callers: a memoised function must return values nobody mutates
(tuples, frozensets, strings, numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

R = TypeVar("R")

#: What a memo holds at most, by default.
MAX_ENTRIES = 4096
#: The longest text (characters) a memo stores a result for, by default.
MAX_CHARS = 20_000
#: How many characters of text a memo stores results for in all, by default.
MAX_TOTAL_CHARS = 1_000_000


_enabled = False


def enable(on: bool = True) -> None:
    """Remember results from now on (``on``), or stop and forget them."""
    global _enabled
    _enabled = on
    if not on:
        for memo in list(_MEMOS):
            memo.clear()


#: Every memo made, to forget them all at once.
_MEMOS: list[TextMemo] = []


class TextMemo(Generic[R]):
    """``TextMemo(fn)(text, *rest)`` is ``fn(text, *rest)``, remembered for
    texts up to ``max_chars`` long (``rest`` must be hashable)."""

    __slots__ = ("_fn", "_store", "_chars", "max_entries", "max_chars", "max_total_chars")

    def __init__(
        self,
        fn: Callable[..., R],
        *,
        max_entries: int = MAX_ENTRIES,
        max_chars: int = MAX_CHARS,
        max_total_chars: int = MAX_TOTAL_CHARS,
    ) -> None:
        self._fn = fn
        self._store: dict[tuple, R] = {}
        self._chars = 0
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.max_total_chars = max_total_chars
        _MEMOS.append(self)

    def __call__(self, text: str | tuple[str, ...], *rest: object) -> R:
        size = len(text)
        if not _enabled or size > self.max_chars:
            return self._fn(text, *rest)
        key = (text, *rest)
        store = self._store
        try:
            return store[key]
        except KeyError:
            pass
        result = self._fn(text, *rest)
        self._chars += size
        if len(store) >= self.max_entries or self._chars > self.max_total_chars:
            store.clear()
            self._chars = size
        store[key] = result
        return result

    def __len__(self) -> int:
        return len(self._store)

    def clear(self) -> None:
        self._store.clear()
        self._chars = 0
