"""Caches kept beside the byte code, and the record classes' code cache.

Two things a run would otherwise redo on every start are kept in files next
to post-lint's own ``.pyc`` files, the way Python keeps byte code: the
compiled patterns (:mod:`post_lint.pattern_cache`) and the code objects of
the methods :mod:`post_lint.records` generates (:class:`CodeCache`). The
file handling both need has one home here, :class:`SideFile`:

* where: beside a module's byte code (its ``__cached__``, ``.pyc`` replaced
  by the cache's suffix, so ``sys.pycache_prefix`` is honoured too);
* read whenever the file is there, at most a size limit (a larger file is
  not read and counts as damaged);
* written only where Python itself writes byte code (not under ``-B`` /
  ``PYTHONDONTWRITEBYTECODE``), once, at exit, only when the run added
  something or found the file unusable, atomically
  (:func:`post_lint.atomic.replace_atomically`), and never raising;
* sealed (:meth:`SideFile.seal`, :meth:`SideFile.unseal`): a header line
  naming the cache, its format and the builds it is valid for, then the
  payload's length and CRC-32 (4 bytes each, big-endian), then the payload
  (``marshal`` data, which loads some ten times faster than JSON). A file
  whose header, length or CRC-32 does not match is not used.

**The code cache.** Making some 45 record classes compiled about 42 KB of
generated method source, some 16 ms of ``compile`` on every start;
``marshal.loads`` of the same code objects takes a fraction of a
millisecond. :class:`CodeCache` keeps them in one file
(``post_lint/__pycache__/records.cpython-311.codes``), sealed with a header
naming the file format, ``marshal``'s version and the interpreter's byte-code
magic number and cache tag (what decides whether a ``.pyc`` file may be
used: a file written by another build is ignored, then replaced); the
payload is ``marshal.dumps`` of a dict from key to code object. The key is the source text itself (with the optimisation level
it was compiled at), so a changed class never gets another class's code.

The file is hostile input: a wrong header, a length or CRC-32 that does not
match, a payload that does not unmarshal to a dict of strings to code
objects, an oversized file: the cache is empty, every source is compiled the
normal way, and the file is rewritten at exit. The CRC-32 catches damage,
not forgery; but whoever can write this file can write the ``.pyc`` files
beside it, which Python runs unchecked. The file holds at most
:data:`MAX_ENTRIES` code objects and :data:`MAX_FILE_BYTES` bytes, those of
the last run first.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from types import CodeType
from typing import Any

from .atomic import replace_atomically

try:  # what ``importlib.util.MAGIC_NUMBER`` is, without importing importlib.util
    from _frozen_importlib_external import MAGIC_NUMBER as _MAGIC_NUMBER
except ImportError:  # pragma: no cover - not CPython
    from importlib.util import MAGIC_NUMBER as _MAGIC_NUMBER

#: Bumped when the code cache file's layout changes.
FORMAT = 1
#: At most this many code objects in the file.
MAX_ENTRIES = 1000
#: A larger code cache file is neither read nor written.
MAX_FILE_BYTES = 2 * 1024 * 1024

#: The first line of a code cache file: the format and the interpreter build
#: whose code objects it holds.
HEADER = (
    f"post-lint code cache {FORMAT} marshal {marshal.version}"
    f" magic {_MAGIC_NUMBER.hex()} {sys.implementation.cache_tag}\n"
).encode("ascii")


class SideFile:
    """One cache file beside the byte code (``path``; None keeps nothing):
    a bounded read, and one atomic write at exit. ``write`` False never
    writes it."""

    def __init__(self, path: str | None, write: bool = True) -> None:
        self.path = path
        self.write = write and path is not None
        self._registered = False

    @staticmethod
    def beside(cached: Any, suffix: str) -> str | None:
        """The path for a cache file beside the byte code ``cached`` (a
        module's ``__cached__``), or None when there is none."""
        if not isinstance(cached, str) or not cached.endswith(".pyc"):
            return None
        return cached[: -len(".pyc")] + suffix

    def read(self, max_bytes: int) -> tuple[bytes | None, bool]:
        """(the file's bytes or None, whether it should be rewritten): None
        and False when there is no readable file, None and True when it is
        larger than ``max_bytes``."""
        if self.path is None:
            return None, False
        try:
            with open(self.path, "rb") as f:
                raw = f.read(max_bytes + 1)
        except OSError:
            return None, False
        if len(raw) > max_bytes:
            return None, True
        return raw, False

    def may_write(self) -> bool:
        """Whether the file may be written now (this cache writes, and
        Python writes byte code)."""
        return self.write and not sys.dont_write_bytecode

    def save_at_exit(self, save: Callable[[], None]) -> None:
        """Call ``save`` when the process exits (registered once)."""
        if self.write and not self._registered:
            import atexit

            self._registered = True
            atexit.register(save)

    @staticmethod
    def seal(header: bytes, payload: bytes) -> bytes:
        """A file's bytes: ``header`` (one line), then ``payload``'s length
        and CRC-32, then ``payload``."""
        size = len(payload).to_bytes(4, "big")
        return header + size + _crc32(payload).to_bytes(4, "big") + payload

    @staticmethod
    def unseal(raw: bytes, header: bytes) -> bytes | None:
        """The payload of a file :meth:`seal` made with ``header``, or None
        when the header, the length or the CRC-32 does not match."""
        start = len(header) + 8
        if len(raw) < start or not raw.startswith(header):
            return None
        size = int.from_bytes(raw[len(header) : len(header) + 4], "big")
        crc = int.from_bytes(raw[len(header) + 4 : start], "big")
        payload = raw[start:]
        if size != len(payload) or _crc32(payload) != crc:
            return None
        return payload

    @staticmethod
    def unmarshal(raw: bytes, header: bytes) -> Any:
        """The unmarshalled payload of a file :meth:`seal` made with
        ``header`` (``marshal`` data), or None when it is not one this
        interpreter wrote intact. Never raises."""
        payload = SideFile.unseal(raw, header)
        if payload is None:
            return None
        try:
            return marshal.loads(payload)
        except Exception:  # ValueError, EOFError, TypeError, MemoryError...
            return None

    def replace(self, data: bytes) -> None:
        """Make the file hold ``data`` (atomically; its folder is created).
        Raises OSError when it cannot."""
        assert self.path is not None
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        replace_atomically(self.path, data)


def _crc32(data: bytes) -> int:
    """CRC-32 of ``data``."""
    from binascii import crc32  # zlib's CRC-32; zlib itself costs more to import

    return crc32(data)


def merge_newest_first(first: dict[str, Any], then: Any, limit: int) -> dict[str, Any]:
    """At most ``limit`` entries: those of ``first`` (this run's), then those
    of ``then`` (what the file holds now, when it is a dict) that ``first``
    lacks, string keys only."""
    out = dict(list(first.items())[: max(limit, 0)])
    if type(then) is dict:
        for key, entry in then.items():
            if len(out) >= limit:
                break
            if type(key) is str:
                out.setdefault(key, entry)
    return out


def encode(codes: dict[str, CodeType]) -> bytes:
    """A code cache file holding ``codes`` (key -> code object)."""
    return SideFile.seal(HEADER, marshal.dumps(codes))


def decode(raw: bytes) -> dict[str, CodeType] | None:
    """The code objects of a code cache file, or None when it is not one
    this interpreter wrote intact (any header, length, CRC-32 or shape
    mismatch). Never raises."""
    codes = SideFile.unmarshal(raw, HEADER)
    if type(codes) is not dict or len(codes) > MAX_ENTRIES:
        return None
    for key, code in codes.items():
        if type(key) is not str or type(code) is not CodeType:
            return None
    return codes


class CodeCache:
    """Code objects of generated source, from one cache file (``path``;
    None keeps nothing) when it holds them, else compiled and added to the
    file at exit. ``write`` False never writes the file."""

    def __init__(self, path: str | None, write: bool = True) -> None:
        self.file = SideFile(path, write)
        self._loaded = False
        self._codes: dict[str, CodeType] = {}
        #: The code objects this process used, in the order it asked.
        self._used: dict[str, CodeType] = {}
        self._dirty = False
        self.hits = 0
        self.misses = 0

    def _load(self) -> None:
        self._loaded = True
        raw, damaged = self.file.read(MAX_FILE_BYTES)
        self._dirty = damaged
        if raw is None:
            return
        codes = decode(raw)
        if codes is None:
            self._dirty = True
            return
        self._codes = codes

    def compile(self, source: str) -> CodeType:
        """``compile(source, "<string>", "exec")`` (what ``exec(source)``
        runs), from the file when it holds it."""
        if not self._loaded:
            self._load()
        key = f"{sys.flags.optimize}\n{source}"
        code = self._codes.get(key)
        if code is None:
            code = compile(source, "<string>", "exec")
            self._codes[key] = code
            self.misses += 1
            self._dirty = True
        else:
            self.hits += 1
        self._used[key] = code
        if self._dirty:
            self.file.save_at_exit(self.save)
        return code

    def save(self) -> None:
        """Write the file when this process compiled source it lacked (or
        found it unusable): this run's code objects first, then the others
        the file holds now, within :data:`MAX_ENTRIES` and
        :data:`MAX_FILE_BYTES`. Never raises."""
        if not self._dirty or not self.file.may_write():
            return
        try:
            raw, _ = self.file.read(MAX_FILE_BYTES)  # another process may have added some
            on_disk = (decode(raw) if raw is not None else None) or {}
            blob = encode(merge_newest_first(self._used, on_disk, MAX_ENTRIES))
            if len(blob) > MAX_FILE_BYTES:  # the others' code goes first, then it is no cache
                blob = encode(dict(list(self._used.items())[:MAX_ENTRIES]))
                if len(blob) > MAX_FILE_BYTES:
                    return
            self.file.replace(blob)
            self._dirty = False
        except Exception:  # a cache that cannot be written is no cache
            pass
