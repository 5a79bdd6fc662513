"""Compiled regular expressions kept beside the byte code, like byte code.

Compiling a pattern is mostly pure Python: :mod:`re` parses it and builds a
list of opcodes (``re._parser.parse``, ``re._compiler._code``) before one
fast C call, ``_sre.compile(pattern, flags, code, groups, groupindex,
indexgroup)``; :mod:`regex` does the same before ``_regex.compile`` (its
arguments are what a pattern pickles to, ``Pattern._pickled_data``). A one-file
run compiled about 120 patterns, some 80 ms of CPU, every time. This module
keeps the final arguments of those C calls in one file and makes the next
run call ``_sre.compile`` / ``_regex.compile`` with them directly (the file
handling is :class:`post_lint.code_cache.SideFile`'s, shared with the record
classes' code cache)::

    from post_lint import pattern_cache
    WORD = pattern_cache.compile(r"\\w+", re.IGNORECASE)     # a re.Pattern
    HAN = pattern_cache.compile(r"\\p{Han}", 0, regex)       # a regex.Pattern

:class:`post_lint.lazyre.lazy` patterns compile through it.

Where: beside this module's byte code (``__cached__`` with ``.patterns``
for ``.pyc``: ``post_lint/__pycache__/pattern_cache.cpython-311.patterns``,
or under ``sys.pycache_prefix``), read whenever it is there and written only
when Python writes byte code (not under ``-B`` / ``PYTHONDONTWRITEBYTECODE``).
The file is for one interpreter build and one ``regex`` build: its header
line names the first (:data:`HEADER`: ``sys.version``, ``marshal.version``,
``_sre.MAGIC`` and ``CODESIZE``) and its payload the second (the ``regex``
version, its ``MAGIC`` and code size); a file for another is ignored. The
payload is ``marshal`` data (a dict: ``re`` and ``regex`` entries by
``"flags:pattern"``, the seeds, the ``regex`` build), behind its length and
CRC-32 (:meth:`~post_lint.code_cache.SideFile.seal`): loading it and
rebuilding a run's ~100 patterns takes about 2 ms, where the JSON file of
format 2, with a CRC-32 per entry, took about 6.

The file is hostile input. A wrong header, length or CRC-32, an oversized
file, a payload that does not unmarshal, an entry of the wrong shape or
type: the pattern is compiled the normal way, and the file is rewritten at
exit. ``_sre.compile`` validates the code it is given (a bad code list
raises); ``_regex.compile`` does not (a corrupt code string can crash it),
so nothing of a file is used unless its CRC-32 matches: that catches damage,
not forgery; but whoever can write this file can write the ``.pyc`` files
beside it, which Python runs unchecked. An entry is written only after the
arguments rebuilt from it compiled to a pattern equal to the one compiled
the normal way (``re.Pattern`` equality compares the code). New patterns
are compiled the normal way and added when the process exits (atomically:
a temporary file, then ``os.replace``); the file holds at most
:data:`MAX_ENTRIES` patterns, those of the last run first.
"""

from __future__ import annotations

import _sre
import marshal
import re
import sys
from array import array
from typing import Any

from . import regex_loader
from .code_cache import SideFile, merge_newest_first

try:  # Python 3.11+
    from re import _compiler as _sre_compile  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: Bumped when the file's layout changes (2: JSON, a CRC-32 per entry).
FORMAT = 3
#: At most this many patterns in the file (bounds a run that compiles
#: patterns built from its input or configuration).
MAX_ENTRIES = 1500
#: At most this many of ``re``'s own cached patterns are seeded.
MAX_SEEDS = 200
#: A larger file is not read.
MAX_FILE_BYTES = 4 * 1024 * 1024

#: The array type whose items are ``_sre`` code words.
_CODE_TYPE = next((t for t in "IL" if array(t).itemsize == _sre.CODESIZE), None)

#: The interpreter build a file must say it was written by.
_PYTHON = [sys.version, sys.byteorder, sys.maxunicode, _sre.MAGIC, _sre.CODESIZE]
#: The first line of a file: the format and the interpreter build.
HEADER = (
    f"post-lint pattern cache {FORMAT} marshal {marshal.version} "
    + ascii(_PYTHON)  # one line: ascii() escapes any newline
    + "\n"
).encode("ascii")


def _default_path() -> str | None:
    """The cache file beside this module's byte code (None without one)."""
    return SideFile.beside(globals().get("__cached__"), ".patterns")


def _regex_build() -> list[Any]:
    """What a ``regex`` entry needs to match: the engine's file, code format
    and default version (:func:`post_lint.regex_loader.build`; does not
    import ``regex``'s compiler)."""
    return regex_loader.build()


def read_file(path: str) -> dict[str, Any] | None:
    """What a cache file holds (its payload, unmarshalled), or None when it
    is not a file this interpreter wrote intact (for tests and debugging)."""
    raw, _ = SideFile(path, write=False).read(MAX_FILE_BYTES)
    return _decode(raw) if raw is not None else None


def _decode(raw: bytes) -> dict[str, Any] | None:
    """The payload of a file's bytes, or None (see :func:`read_file`)."""
    data = SideFile.unmarshal(raw, HEADER)
    return data if type(data) is dict else None


def _is_int(value: Any) -> bool:
    return type(value) is int


def _is_str_int_map(value: Any) -> bool:
    return type(value) is dict and all(
        type(k) is str and _is_int(v) and v >= 0 for k, v in value.items()
    )


class PatternCache:
    """One cache file (``path``; None keeps nothing) and the patterns of this
    process. ``write`` False never writes the file."""

    def __init__(self, path: str | None, write: bool = True, seed_re: bool = False) -> None:
        self.file = SideFile(path, write)
        self._loaded = False
        self._re: dict[str, Any] = {}
        self._regex: dict[str, Any] = {}
        self._regex_ok: bool | None = None
        self._regex_build_seen: Any = None
        #: Keys used or added by this process: pattern -> compiled, per module.
        self._used_re: dict[str, tuple[str, int, Any]] = {}
        self._used_regex: dict[str, tuple[str, int, Any]] = {}
        self._dirty = False
        #: Seed ``re``'s cache with the patterns it held at the last exit.
        self.seed_re = seed_re
        self._seeded = 0
        self._seeds: set[str] = set()
        self.hits = 0
        self.misses = 0

    # -- reading ------------------------------------------------------------------

    def _load(self) -> None:
        self._loaded = True
        if self.seed_re:
            self._at_exit()  # to learn what re compiled besides this cache
        data = self._read()
        if data is None:
            return
        if type(data.get("re")) is dict:
            self._re = data["re"]
        if type(data.get("regex")) is dict and type(data.get("regex_build")) is list:
            self._regex = data["regex"]
            self._regex_build_seen = data["regex_build"]
        if self.seed_re and type(data.get("seed")) is list:
            self._seed(data["seed"])
            self._seeds = {k for k in data["seed"] if type(k) is str}

    def _seed(self, keys: list[Any]) -> None:
        """Put the patterns other code compiled with ``re`` last time (a
        module's patterns at import, ``re.search(literal, ...)``) into
        ``re``'s own cache, where ``re.compile`` looks first."""
        cache = getattr(re, "_cache", None)
        if type(cache) is not dict or not _re_cache_shape(cache):
            return
        room = min(len(keys), MAX_SEEDS, getattr(re, "_MAXCACHE", 512) // 2 - len(cache))
        for key in keys[: max(room, 0)]:
            entry = self._re.get(key) if type(key) is str else None
            if entry is None:
                continue
            flags, _, pattern = key.partition(":")
            if not flags.isdigit():
                continue
            compiled = self._from_re_entry(key, pattern, int(flags), entry)
            if compiled is not None:
                cache.setdefault((str, pattern, int(flags)), compiled)
                self._seeded += 1

    def _read(self) -> dict[str, Any] | None:
        """The file's contents when it was written for this Python, else None."""
        raw, damaged = self.file.read(MAX_FILE_BYTES)
        if raw is None:
            self._dirty = self._dirty or damaged
            return None
        data = _decode(raw)
        if data is None:
            self._dirty = True
        return data

    @property
    def path(self) -> str | None:
        """Where the file is (None: no file)."""
        return self.file.path

    def _regex_entries_valid(self) -> bool:
        if self._regex_ok is None:
            seen = self._regex_build_seen
            self._regex_ok = seen is not None and seen == _regex_build()
            if seen is not None and not self._regex_ok:
                self._regex = {}
                self._dirty = True
        return self._regex_ok

    # -- compiling ----------------------------------------------------------------

    def compile(self, pattern: str, flags: int = 0, module: Any = re) -> Any:
        """``module.compile(pattern, flags)`` (``module`` is :mod:`re`,
        :mod:`regex` or its stand-in :mod:`post_lint.regex_engine`), from the file when it holds the pattern."""
        flags = int(flags)
        is_regex = module is not re
        if is_regex and _regex_like(module) is None:
            return module.compile(pattern, flags)
        if type(pattern) is not str or flags & re.DEBUG:
            return _compiler(module).compile(pattern, flags)
        if not self._loaded:
            self._load()
        key = f"{flags}:{pattern}"
        if is_regex:
            entry = self._regex.get(key) if self._regex_entries_valid() else None
            found = self._from_regex_entry(key, pattern, flags, entry) if entry else None
        else:
            entry = self._re.get(key)
            found = self._from_re_entry(key, pattern, flags, entry) if entry else None
        if found is None:
            if entry is not None:  # unusable: drop it, rewrite the file
                (self._regex if is_regex else self._re).pop(key, None)
            found = _compiler(module).compile(pattern, flags)
            self.misses += 1
            self._dirty = True
            self._at_exit()
        else:
            self.hits += 1
        (self._used_regex if is_regex else self._used_re)[key] = (pattern, flags, found)
        return found

    def _from_re_entry(self, key: str, pattern: str, flags: int, entry: Any) -> Any:
        try:
            final_flags, code_bytes, groups, groupindex, indexgroup = entry
            if not (
                _is_int(final_flags)
                and final_flags & flags == flags
                and type(code_bytes) is bytes
                and _is_int(groups)
                and 0 <= groups < 1 << 30
                and _is_str_int_map(groupindex)
                and type(indexgroup) is list
                and len(indexgroup) == groups + 1
                and all(g is None or type(g) is str for g in indexgroup)
                and _CODE_TYPE is not None
            ):
                return None
            code = array(_CODE_TYPE)
            code.frombytes(code_bytes)
            return _sre.compile(
                pattern, final_flags, code.tolist(), groups, groupindex, tuple(indexgroup)
            )
        except Exception:  # any damage: compile it the normal way
            return None

    def _from_regex_entry(self, key: str, pattern: str, flags: int, entry: Any) -> Any:
        try:
            (final_flags, code, group_index, index_group, req_offset, req_chars) = entry[:6]
            req_flags, group_count = entry[6:]
            if not (
                _is_int(final_flags)
                and final_flags & flags == flags
                and type(code) is bytes
                and _is_str_int_map(group_index)
                and type(index_group) is dict
                and all(_is_int(k) and type(v) is str for k, v in index_group.items())
                and _is_int(req_offset)
                and type(req_chars) is list
                and all(_is_int(c) for c in req_chars)
                and _is_int(req_flags)
                and _is_int(group_count)
            ):
                return None
            return regex_loader.engine().compile(
                pattern,
                final_flags,
                code,
                group_index,
                dict(index_group),
                {},
                [],
                req_offset,
                tuple(req_chars),
                req_flags,
                group_count,
            )
        except Exception:  # any damage: compile it the normal way
            return None

    # -- writing ------------------------------------------------------------------

    def _at_exit(self) -> None:
        self.file.save_at_exit(self.save)

    @staticmethod
    def re_entry(pattern: str, flags: int, compiled: Any) -> list[Any] | None:
        """The file entry of a :mod:`re` pattern, or None when the code
        rebuilt from it is not exactly ``compiled``'s."""
        if _CODE_TYPE is None:
            return None
        try:
            parsed = _sre_parse.parse(pattern, flags)
            code = _sre_compile._code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            final_flags = flags | parsed.state.flags
            groups = parsed.state.groups - 1
            rebuilt = _sre.compile(
                pattern, final_flags, code, groups, groupindex, tuple(indexgroup)
            )
            if (
                rebuilt != compiled
                or rebuilt.flags != compiled.flags
                or rebuilt.groups != compiled.groups
                or dict(rebuilt.groupindex) != dict(compiled.groupindex)
            ):
                return None
            entry = [
                int(final_flags),
                array(_CODE_TYPE, code).tobytes(),
                int(groups),
                {str(k): int(v) for k, v in groupindex.items()},
                indexgroup,
            ]
            return _marshallable(entry)
        except Exception:
            return None

    @staticmethod
    def regex_entry(key: str, compiled: Any) -> list[Any] | None:
        """The file entry of a :mod:`regex` pattern, or None for one this
        cache does not keep (named lists, locale-dependent)."""
        try:
            data = compiled._pickled_data
            (_p, final_flags, code, group_index, index_group, named_lists, named_list_indexes) = (
                data[:7]
            )
            req_offset, req_chars, req_flags, group_count = data[7:]
            if named_lists or named_list_indexes or final_flags & regex_loader.LOCALE:
                return None
            if type(code) is not bytes or not isinstance(req_chars, tuple):
                return None
            entry = [
                int(final_flags),
                code,
                {str(k): int(v) for k, v in group_index.items()},
                {int(k): str(v) for k, v in index_group.items()},
                int(req_offset),
                [int(c) for c in req_chars],
                int(req_flags),
                int(group_count),
            ]
            return _marshallable(entry)
        except Exception:
            return None

    def save(self) -> None:
        """Write the file when this process compiled a pattern it lacked (or
        found it damaged): this run's patterns first, then the others the
        file held, up to :data:`MAX_ENTRIES`. Never raises."""
        if not self.file.may_write():
            return
        if self.seed_re and not self._dirty:
            seen = {f"{flags}:{pattern}" for pattern, flags, _ in _re_cache_patterns()}
            self._dirty = not seen <= self._seeds
        if not self._dirty:
            return
        try:
            self._save()
        except Exception:  # a cache that cannot be written is no cache
            pass

    def _save(self) -> None:
        new_re: dict[str, Any] = {}
        for key, (pattern, flags, compiled) in self._used_re.items():
            entry = self._re.get(key) or self.re_entry(pattern, flags, compiled)
            if entry is not None:
                new_re[key] = entry
        seeds: list[str] = []
        if self.seed_re:
            for pattern, flags, compiled in _re_cache_patterns():
                key = f"{flags}:{pattern}"
                entry = (
                    new_re.get(key) or self._re.get(key) or self.re_entry(pattern, flags, compiled)
                )
                if entry is not None:
                    new_re[key] = entry
                    seeds.append(key)
        new_regex: dict[str, Any] = {}
        if self._used_regex:
            for key, (_pattern, _flags, compiled) in self._used_regex.items():
                entry = self.regex_entry(key, compiled)
                if entry is not None:
                    new_regex[key] = entry
        # What the file holds now (another process may have added patterns).
        on_disk = self._read() or {}
        build = _regex_build() if self._used_regex else on_disk.get("regex_build")
        merged_re = merge_newest_first(new_re, on_disk.get("re"), MAX_ENTRIES)
        room = MAX_ENTRIES - len(merged_re)
        old_regex = on_disk.get("regex") if on_disk.get("regex_build") == build else None
        merged_regex = merge_newest_first(new_regex, old_regex, room)
        if not self.seed_re and type(on_disk.get("seed")) is list:
            seeds = on_disk["seed"]
        data = {
            "seed": [k for k in seeds if k in merged_re],
            "regex_build": build,
            "re": merged_re,
            "regex": merged_regex,
        }
        blob = _encode(data)
        if len(blob) > MAX_FILE_BYTES:  # the others' patterns go first, then it is no cache
            data.update(re=new_re, regex=new_regex, seed=[k for k in seeds if k in new_re])
            blob = _encode(data)
            if len(blob) > MAX_FILE_BYTES:
                return
        self.file.replace(blob)
        self._dirty = False


def _regex_like(module: Any) -> str | None:
    """``"regex"`` for :mod:`regex` itself, ``"stand-in"`` for
    :mod:`post_lint.regex_engine` (which names what it stands in for),
    None for any other module."""
    if getattr(module, "STAND_IN_FOR", None) == "regex":
        return "stand-in"
    return "regex" if getattr(module, "__name__", "") == "regex" else None


def _compiler(module: Any) -> Any:
    """The module that compiles a pattern the cache lacks: the real
    :mod:`regex` for its stand-in."""
    return regex_loader.module() if _regex_like(module) == "stand-in" else module


def _re_cache_shape(cache: dict[Any, Any]) -> bool:
    """Does ``re._cache`` look as this module expects (``(type, pattern,
    flags) -> Pattern``)? Checked on what it holds now."""
    for key, value in list(cache.items())[:8]:
        if not (type(key) is tuple and len(key) == 3 and isinstance(value, re.Pattern)):
            return False
    return True


def _re_cache_patterns() -> list[tuple[str, int, Any]]:
    """(pattern, flags, compiled) of the ``str`` patterns in ``re``'s cache:
    the newest :data:`MAX_SEEDS` (``re`` keeps its cache in the order it
    compiled; the seeded ones come first). Keeping the oldest instead let a
    run that compiled many patterns fill the seeds for good: the patterns
    every later run compiles at import (YAML's, argparse's) came after them
    and never got in, about 15% more instructions at every start."""
    cache = getattr(re, "_cache", None)
    if type(cache) is not dict or not _re_cache_shape(cache):
        return []
    out = []
    for key, value in list(cache.items()):
        kind, pattern, flags = key
        if kind is str and type(pattern) is str and type(flags) is int and not flags & re.DEBUG:
            out.append((pattern, flags, value))
    return out[-MAX_SEEDS:]


def _marshallable(entry: list[Any]) -> list[Any] | None:
    """``entry`` when ``marshal`` can write it (plain types only: one odd
    value must not cost the whole file), else None."""
    try:
        marshal.dumps(entry)
    except ValueError:
        return None
    return entry


def _encode(data: dict[str, Any]) -> bytes:
    """A file's bytes: ``data`` sealed behind :data:`HEADER`."""
    return SideFile.seal(HEADER, marshal.dumps(data))


#: The process's cache (beside this module's byte code).
CACHE = PatternCache(_default_path(), seed_re=True)


def compile(pattern: str, flags: int = 0, module: Any = re) -> Any:
    """``module.compile(pattern, flags)`` through the process's cache."""
    return CACHE.compile(pattern, flags, module)
