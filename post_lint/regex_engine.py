"""The :mod:`regex` module, with its Python half imported only when needed.

A run whose patterns all come from the compiled-pattern cache
(:mod:`post_lint.pattern_cache`) needs only regex's C engine, not its
pure-Python compiler (about 20 ms of CPU at import: see
:mod:`post_lint.regex_loader`); a one-file run on the worked example used to
spend a tenth of its CPU importing a compiler it never called.

Modules of post-lint import this module in place of ``regex``::

    from . import regex_engine as regex

    HAN = lazy_regex(r"\\p{Han}")          # through the pattern cache
    regex.search(r"\\p{Han}$", text)        # the same, memoized
    regex.escape(label)                    # regex's own escaping, in full

It offers what post-lint uses: :func:`compile`, :func:`search`,
:func:`match`, :func:`finditer`, :func:`split`, :func:`escape` and the flags
(their values are ``regex``'s; a test checks them against the module). Any
other name (``regex.Match``, ``regex.error``...) is looked up in the real
module, which is imported then. A pattern the cache lacks is compiled by the
real module (imported on that first miss), so what the patterns match never
depends on which half is loaded.

"""

from __future__ import annotations

import sys
from typing import Any

from . import pattern_cache, regex_loader

#: What :mod:`post_lint.pattern_cache` reads to know this module for regex.
STAND_IN_FOR = "regex"

# regex's flags (RegexFlag values; tests compare them with the module's).
A = ASCII = 0x80
B = BESTMATCH = 0x1000
D = DEBUG = 0x200
E = ENHANCEMATCH = 0x8000
F = FULLCASE = 0x4000
I = IGNORECASE = 0x2  # noqa: E741 - regex's own name
L = LOCALE = regex_loader.LOCALE
M = MULTILINE = 0x8
P = POSIX = 0x10000
R = REVERSE = 0x400
S = DOTALL = 0x10
U = UNICODE = 0x20
V0 = VERSION0 = regex_loader.VERSION0
V1 = VERSION1 = 0x100
W = WORD = 0x800
X = VERBOSE = 0x40
DEFAULT_VERSION = regex_loader.DEFAULT_VERSION

#: What :func:`escape` escapes (``regex._main._METACHARS``).
_METACHARS = frozenset("()[]{}?*+|^$\\.-#&~")

#: Patterns passed to the module-level functions, compiled (bounded like
#: ``re``'s own cache: cleared when full).
_compiled: dict[tuple[str, int], Any] = {}
_MAX_COMPILED = 512


def compile(pattern: str, flags: int = 0) -> Any:
    """``regex.compile(pattern, flags)``, through the compiled-pattern cache."""
    return pattern_cache.CACHE.compile(pattern, flags, sys.modules[__name__])


def _pattern(pattern: str, flags: int) -> Any:
    key = (pattern, flags)
    found = _compiled.get(key)
    if found is None:
        if len(_compiled) >= _MAX_COMPILED:
            _compiled.clear()
        found = _compiled[key] = compile(pattern, flags)
    return found


def search(pattern: str, string: str, flags: int = 0) -> Any:
    return _pattern(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0) -> Any:
    return _pattern(pattern, flags).match(string)


def finditer(pattern: str, string: str, flags: int = 0) -> Any:
    return _pattern(pattern, flags).finditer(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return _pattern(pattern, flags).split(string, maxsplit)  # type: ignore[no-any-return]


def escape(pattern: str, special_only: bool = True, literal_spaces: bool = False) -> str:
    """``regex.escape``: the pattern that matches ``pattern`` literally."""
    out = []
    for c in pattern:
        if c == " " and literal_spaces:
            out.append(c)
        elif (
            (c in _METACHARS or c.isspace()) if special_only else not c.isalnum() or not c.isascii()
        ):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def __getattr__(name: str) -> Any:
    """Any other name of :mod:`regex` (``Match``, ``Pattern``, ``error``...)."""
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(regex_loader.module(), name)
