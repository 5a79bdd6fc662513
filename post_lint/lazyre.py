"""Regular expressions made cheap: compiled on first use, and guarded by the
characters a match can start with.

``lazy(pattern, flags)`` stands for a compiled pattern but compiles it only
when a method is first called: a module may declare dozens of patterns at
import time, and a run that never reaches them (one file, a few rules) never
pays for them. It works with :mod:`re` (the default) and :mod:`regex`.

``guarded(pattern, flags)`` returns ``pattern`` preceded by a look-ahead for
the characters its matches can start with (``(?=[ENI<]|(?i:[gc]))``) when
those can be worked out from the pattern, so that a long alternation is only
tried where one of its branches may start. The matches are the same, at the
same positions: the look-ahead consumes nothing and only rejects positions
where no branch could match. Plain :mod:`re` tries every branch of an
alternation at every position otherwise. ``start_finder(pattern, flags)``
goes further for callers that only need where (or whether) a pattern
occurs: the hints that decide which lines the marker scan, DUP and GEN002
read run several times faster through it.
"""

from __future__ import annotations

import _sre
import bisect
import re
from collections.abc import Sequence
from itertools import accumulate
from operator import add
from typing import Any

from . import pattern_cache, regex_engine

try:  # Python 3.11+
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: Character ranges larger than this are not spelled out in a guard.
_MAX_RANGE = 256


class _Unknown(Exception):
    """The pattern's first characters cannot be listed (or it may match empty)."""


def _op(code: Any) -> str:
    return str(getattr(code, "name", code))


def _first(items: list[Any], icase: bool, out: tuple[set[str], set[str]]) -> None:
    """Add to ``out`` (case-sensitive, ignore-case) the characters a match of
    the parsed sequence ``items`` can start with; raises :class:`_Unknown`."""
    for code, arg in items:
        op = _op(code)
        if op == "AT":  # an anchor or word boundary: zero width, look further
            continue
        if op == "LITERAL":
            (out[1] if icase else out[0]).add(chr(arg))
            return
        if op == "IN":
            target = out[1] if icase else out[0]
            for sub, value in arg:
                kind = _op(sub)
                if kind == "LITERAL":
                    target.add(chr(value))
                elif kind == "RANGE" and value[1] - value[0] <= _MAX_RANGE:
                    target.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    raise _Unknown
            return
        if op == "BRANCH":
            for alternative in arg[1]:
                _first(list(alternative), icase, out)
            return
        if op == "SUBPATTERN":
            _group, add_flags, del_flags, sub = arg
            inner = (icase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
            _first(list(sub), inner, out)
            return
        if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, sub = arg
            if low >= 1:
                _first(list(sub), icase, out)
                return
            # optional: it may start here, or the match starts with what follows
            _first(list(sub), icase, out)
            continue
        raise _Unknown
    raise _Unknown  # the sequence may match the empty string


def first_char_guard(pattern: str, flags: int = 0) -> str | None:
    """A look-ahead for the characters a match of ``pattern`` can start with,
    or None when they cannot be worked out (a class such as ``\\w``, a
    negated set, a branch that may match the empty string)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        out: tuple[set[str], set[str]] = (set(), set())
        _first(list(parsed), bool(flags & re.IGNORECASE), out)
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return None
    sensitive, insensitive = out
    parts = []
    if sensitive:
        parts.append(_char_class(sensitive))
    if insensitive:
        cls = _char_class(insensitive)
        parts.append(cls if flags & re.IGNORECASE else f"(?i:{cls})")
    return "(?=" + "|".join(parts) + ")"


#: Characters that ignore-case matching takes as one more case of an ASCII
#: letter (besides its upper and lower case): KELVIN SIGN, LONG S, DOTLESS I.
_ASCII_EXTRA_CASES = {"k": "\u212a", "s": "\u017f", "i": "\u0131"}


def start_finder(pattern: str, flags: int = 0) -> Any:
    """A compiled pattern whose matches start exactly where those of
    ``pattern`` do, each one character long: for finding *where* (or
    whether) a pattern occurs, not what it matched.

    It is ``[first characters](?<=(?=(?:pattern)).)``: the leading set lets
    the engine skip to the next position where a match may start without
    entering the pattern (about twice as fast as :func:`guarded`, eight
    times the plain alternation). Falls back to the guarded pattern when the
    first characters cannot be listed without case folding rules beyond
    ASCII (a first character in the Latin, Greek or letterlike blocks)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
        out: tuple[set[str], set[str]] = (set(), set())
        _first(list(parsed), bool(flags & re.IGNORECASE), out)
    except (_Unknown, re.error, TypeError, ValueError, AttributeError):
        return pattern_cache.compile(pattern, flags)
    sensitive, insensitive = out
    chars = set(sensitive)
    for c in insensitive:
        if not _sre.unicode_iscased(ord(c)):
            # No case (a symbol, a CJK character): ignore-case matching takes
            # it as a plain literal (as re's own compiler does).
            chars.add(c)
            continue
        # Beyond ASCII, only where no other character folds to one of its
        # cases: past the Latin, Greek and letterlike blocks, and no ligature.
        if not c.isascii() and (ord(c) < 0x2C00 or 0xFB00 <= ord(c) <= 0xFB4F):
            return pattern_cache.compile(guarded(pattern, flags), flags)
        low, up = c.lower(), c.upper()
        if len(low) != 1 or len(up) != 1:
            return pattern_cache.compile(guarded(pattern, flags), flags)
        chars.update((low, up, _ASCII_EXTRA_CASES.get(low, low)))
    inner = f"(?i:{pattern})" if flags & re.IGNORECASE else pattern
    try:
        return pattern_cache.compile(
            f"{_char_class(chars)}(?<=(?=(?:{inner}))[\\s\\S])", flags & ~re.IGNORECASE
        )
    except re.error:
        return pattern_cache.compile(pattern, flags)


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) if c not in "-" else r"\-" for c in sorted(chars)) + "]"


def guarded(pattern: str, flags: int = 0) -> str:
    """``pattern`` behind its first-character guard (unchanged without one)."""
    guard = first_char_guard(pattern, flags)
    return pattern if guard is None else f"{guard}(?:{pattern})"


#: What a compiled pattern offers, copied onto a :class:`lazy` once compiled.
_PATTERN_ATTRS = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "flags",
    "groups",
    "groupindex",
)


class lazy:
    """A pattern compiled on first use (``module`` is :mod:`re` or :mod:`regex`).

    Once compiled, the pattern's methods are set on the instance, so later
    calls cost what calls on the compiled pattern cost."""

    def __init__(self, pattern: str, flags: int = 0, module: Any = re) -> None:
        self.pattern = pattern
        self._flags = flags
        self._module = module

    def compiled(self) -> Any:
        found = self.__dict__.get("_compiled")
        if found is None:
            found = pattern_cache.compile(self.pattern, self._flags, self._module)
            for name in _PATTERN_ATTRS:
                if hasattr(found, name):
                    setattr(self, name, getattr(found, name))
            self._compiled = found
        return found

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy_regex(pattern: str, flags: int = 0) -> lazy:
    """A :mod:`regex` pattern compiled on first use (through the stand-in,
    :mod:`post_lint.regex_engine`: a cached pattern needs no compiler)."""
    return lazy(pattern, flags, regex_engine)


def texts_matching(finder: Any, texts: Sequence[str], separator: str = "\n") -> set[int]:
    """Indexes of the ``texts`` in which ``finder`` (a compiled pattern)
    finds a match: one search over them all, joined by newlines, instead of
    one call per text. For patterns that do not anchor on the start or end
    of the string (``\\A``, ``$``) and match no ``separator`` (a newline by
    default): a match that runs into the next text only names one text too
    many."""
    if not texts:
        return set()
    joined = separator.join(texts)
    search = finder.search
    m = search(joined)
    if m is None:
        return set()
    # where each text starts in ``joined``: its offset among the texts, plus
    # the separators before it (built in C, at the first match: a post can
    # have millions of lines, and most searches find nothing)
    offsets = accumulate(map(len, texts[:-1]), initial=0)
    step = len(separator)
    starts = list(map(add, offsets, range(0, len(texts) * step, step)) if step else offsets)
    found: set[int] = set()
    while m is not None:
        k = bisect.bisect_right(starts, m.start()) - 1
        found.add(k)
        if k + 1 >= len(starts):
            break
        m = search(joined, starts[k + 1])
    return found
