"""Loading :mod:`regex`'s C engine without its Python compiler.

``regex`` comes in two halves: the matching engine, a C extension
(``regex._regex``: about 1.5 ms to load), and the pattern compiler, pure
Python (``regex._main`` and ``regex._regex_core``: about 20 ms of CPU at
import, most of it building the tables of Unicode property names, plus
:mod:`locale`). :mod:`post_lint.pattern_cache` rebuilds cached patterns
with the engine alone (:func:`engine`); the compiler is imported only when a
pattern must really be compiled (:func:`module`).

The engine is loaded from the file ``import regex`` would load it from (the
``regex`` package found on ``sys.path``) under its own name,
``regex._regex``, without running the package: a later ``import regex`` then
takes that same module (``from regex import _regex`` finds it in
``sys.modules``). Whatever goes wrong in that (no such file, a loader that
refuses), the package is imported the normal way instead.
"""

from __future__ import annotations

import sys
from typing import Any

#: ``regex.VERSION0`` and ``regex.LOCALE`` (the stand-in,
#: :mod:`post_lint.regex_engine`, takes them from here).
VERSION0 = 0x2000
LOCALE = 0x4
#: regex's default version where the module is not imported (a pattern
#: without ``(?V1)`` is compiled as version 0).
DEFAULT_VERSION = VERSION0

_ENGINE_NAME = "regex._regex"


def module() -> Any:
    """The real :mod:`regex` module (imported on first use)."""
    import regex

    return regex


def engine() -> Any:
    """The C half of :mod:`regex` (``regex._regex``), loaded without the
    package when the package is not imported yet."""
    found = sys.modules.get(_ENGINE_NAME)
    if found is not None:
        return found
    if "regex" not in sys.modules:
        try:
            found = _load_engine()
        except Exception:  # any trouble: the normal import below
            sys.modules.pop(_ENGINE_NAME, None)
            found = None
        if found is not None:
            return found
    from regex import _regex  # type: ignore[attr-defined]

    return _regex


def _load_engine() -> Any:
    """``regex._regex`` loaded from the ``regex`` package's folder, or None."""
    from importlib.machinery import ExtensionFileLoader, ModuleSpec, PathFinder

    package = PathFinder.find_spec("regex")
    if package is None or not package.submodule_search_locations:
        return None
    found = PathFinder.find_spec("_regex", list(package.submodule_search_locations))
    if found is None or not isinstance(found.loader, ExtensionFileLoader) or not found.origin:
        return None
    loader = ExtensionFileLoader(_ENGINE_NAME, found.origin)
    spec = ModuleSpec(_ENGINE_NAME, loader, origin=found.origin)
    engine_module = loader.create_module(spec)
    if engine_module is None:
        return None
    engine_module.__spec__ = spec
    engine_module.__file__ = found.origin
    engine_module.__loader__ = loader
    sys.modules[_ENGINE_NAME] = engine_module
    loader.exec_module(engine_module)
    return engine_module


def build() -> list[Any]:
    """What identifies the compiled patterns this ``regex`` accepts: its
    engine file (size and time: a new release is a new file), code format
    and default version. Does not import the compiler."""
    import os

    eng = engine()
    st = os.stat(eng.__file__)
    real = sys.modules.get("regex")
    version = int(real.DEFAULT_VERSION) if real is not None else DEFAULT_VERSION
    return [
        f"{os.path.basename(eng.__file__)}:{st.st_size}:{st.st_mtime_ns}",
        int(eng.MAGIC),
        int(eng.get_code_size()),
        version,
    ]
