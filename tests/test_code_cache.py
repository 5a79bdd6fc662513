"""post_lint.code_cache: code objects from the file are the ones ``compile``
makes, and a damaged, truncated or foreign file only costs a compile."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from post_lint import code_cache
from post_lint.code_cache import HEADER, CodeCache, SideFile

ROOT = Path(__file__).resolve().parent.parent

SOURCES = [
    "def __init__(self, a, b=_default_b):\n    self.a = a\n    self.b = b",
    "def __repr__(self):\n    return f\"{self.__class__.__qualname__}(a={self.a!r})\"",
    "def __eq__(self, other):\n    if other.__class__ is self.__class__:\n"
    "        return (self.a,) == (other.a,)\n    return NotImplemented",
]


@pytest.fixture(autouse=True)
def _writes_byte_code(monkeypatch):
    """The cache writes only where Python would write byte code."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _fill(path: Path) -> None:
    cache = CodeCache(str(path))
    for source in SOURCES:
        cache.compile(source)
    cache.save()


def _same(a, b) -> None:
    assert marshal.dumps(a) == marshal.dumps(b)


def _check_all_compiled_normally(cache: CodeCache) -> None:
    for source in SOURCES:
        _same(cache.compile(source), compile(source, "<string>", "exec"))


def test_code_from_the_file_is_the_compiled_code(tmp_path):
    path = tmp_path / "x.codes"
    _fill(path)
    assert path.read_bytes().startswith(HEADER)
    again = CodeCache(str(path))
    _check_all_compiled_normally(again)
    assert (again.hits, again.misses) == (len(SOURCES), 0)
    ns: dict = {}
    exec(again.compile(SOURCES[0]), {"_default_b": 7}, ns)
    assert ns["__init__"].__defaults__ == (7,)
    # Nothing new: the file is not written again.
    before = path.stat().st_mtime_ns
    again.save()
    assert path.stat().st_mtime_ns == before


def test_a_changed_source_is_compiled_not_taken_from_the_file(tmp_path):
    path = tmp_path / "x.codes"
    _fill(path)
    cache = CodeCache(str(path))
    changed = SOURCES[0].replace("self.b = b", "self.b = b + 1")
    _same(cache.compile(changed), compile(changed, "<string>", "exec"))
    assert (cache.hits, cache.misses) == (0, 1)
    cache.save()
    again = CodeCache(str(path))
    _check_all_compiled_normally(again)
    again.compile(changed)
    assert (again.hits, again.misses) == (len(SOURCES) + 1, 0)


def _flip_last_byte(raw: bytes) -> bytes:
    return raw[:-1] + bytes([raw[-1] ^ 1])


def _payload(value) -> bytes:
    """A file whose header, length and CRC-32 are right around ``value``."""
    return SideFile.seal(HEADER, marshal.dumps(value))


DAMAGE = {
    "empty": lambda raw: b"",
    "header only": lambda raw: HEADER,
    "truncated": lambda raw: raw[: len(raw) // 2],
    "one byte short": lambda raw: raw[:-1],
    "one byte more": lambda raw: raw + b"\0",
    "payload byte flipped": _flip_last_byte,
    "crc changed": lambda raw: raw[: len(HEADER) + 4]
    + bytes([raw[len(HEADER) + 4] ^ 1])
    + raw[len(HEADER) + 5 :],
    "foreign interpreter": lambda raw: raw.replace(b" magic ", b" magic 00", 1),
    "another format": lambda raw: raw.replace(b"code cache 1 ", b"code cache 9 ", 1),
    "not a cache": lambda raw: b"\x00\xff" * 100,
    "a list, well sealed": lambda raw: _payload([1, 2]),
    "code of a wrong key type, well sealed": lambda raw: _payload({1: compile("", "", "exec")}),
    "strings for code, well sealed": lambda raw: _payload({"0\nx": "not code"}),
    "bad marshal data, well sealed": lambda raw: HEADER
    + (3).to_bytes(4, "big")
    + code_cache._crc32(b"\xff\xff\xff").to_bytes(4, "big")
    + b"\xff\xff\xff",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(tmp_path, damage):
    path = tmp_path / "x.codes"
    _fill(path)
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    cache = CodeCache(str(path))
    _check_all_compiled_normally(cache)
    assert (cache.hits, cache.misses) == (0, len(SOURCES))
    cache.save()  # the damage is replaced by a good file
    again = CodeCache(str(path))
    _check_all_compiled_normally(again)
    assert (again.hits, again.misses) == (len(SOURCES), 0)


def test_a_damaged_file_is_rewritten_even_when_nothing_is_compiled(tmp_path):
    path = tmp_path / "x.codes"
    _fill(path)
    path.write_bytes(_flip_last_byte(path.read_bytes()))
    cache = CodeCache(str(path))
    cache.compile(SOURCES[0])
    cache.save()
    assert code_cache.decode(path.read_bytes()) is not None


def test_an_oversized_file_is_not_read_and_a_too_large_one_not_written(tmp_path, monkeypatch):
    path = tmp_path / "x.codes"
    _fill(path)
    full = path.stat().st_size
    monkeypatch.setattr(code_cache, "MAX_FILE_BYTES", full - 1)
    cache = CodeCache(str(path))
    _check_all_compiled_normally(cache)
    assert cache.misses == len(SOURCES)
    before = path.read_bytes()
    cache.save()  # this run's code alone is still too large: the file stays
    assert path.read_bytes() == before
    monkeypatch.setattr(code_cache, "MAX_FILE_BYTES", full)
    cache = CodeCache(str(path))
    cache.compile("x = 1")
    cache.save()  # the file's code does not fit beside the new: this run's alone
    assert list(code_cache.decode(path.read_bytes())) == ["0\nx = 1"]


def test_the_file_keeps_at_most_max_entries_this_runs_first(tmp_path, monkeypatch):
    path = tmp_path / "x.codes"
    _fill(path)
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 2)
    cache = CodeCache(str(path))
    _check_all_compiled_normally(cache)  # the file has too many entries: ignored
    assert cache.misses == len(SOURCES)
    cache.save()
    assert len(code_cache.decode(path.read_bytes())) == 2
    cache = CodeCache(str(path))
    cache.compile("x = 1")
    cache.save()
    assert list(code_cache.decode(path.read_bytes())) == ["0\nx = 1", f"0\n{SOURCES[0]}"]


def test_no_file_is_written_without_byte_code(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _fill(tmp_path / "x.codes")
    read_only = CodeCache(str(tmp_path / "y.codes"), write=False)
    read_only.compile(SOURCES[0])
    read_only.save()
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    read_only.save()
    assert list(tmp_path.iterdir()) == []
    nowhere = CodeCache(None)
    _same(nowhere.compile(SOURCES[0]), compile(SOURCES[0], "<string>", "exec"))
    nowhere.save()


def test_an_unwritable_place_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = CodeCache(str(blocker / "__pycache__" / "x.codes"))
    _check_all_compiled_normally(cache)
    cache.save()  # cannot create a folder under a file: nothing written, nothing raised
    assert blocker.read_text() == "x"
    folder = tmp_path / "is-a-folder.codes"
    folder.mkdir()
    cache = CodeCache(str(folder))
    _check_all_compiled_normally(cache)
    cache.save()
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_writes_merge_with_other_processes_and_leave_no_temporary_file(tmp_path):
    path = tmp_path / "x.codes"
    one, two = CodeCache(str(path)), CodeCache(str(path))
    one.compile(SOURCES[0])
    two.compile(SOURCES[1])
    one.save()
    two.save()
    assert [p.name for p in tmp_path.iterdir()] == ["x.codes"]
    assert list(code_cache.decode(path.read_bytes())) == [f"0\n{SOURCES[1]}", f"0\n{SOURCES[0]}"]


def test_the_path_is_beside_the_byte_code():
    assert SideFile.beside("/a/__pycache__/records.cpython-311.pyc", ".codes") == (
        "/a/__pycache__/records.cpython-311.codes"
    )
    assert SideFile.beside(None, ".codes") is None
    assert SideFile.beside("/a/records.py", ".codes") is None


def _run(env: dict[str, str]) -> subprocess.CompletedProcess:
    cmd = [
        sys.executable,
        "-c",
        "import sys; from post_lint.cli import main; from post_lint import records\n"
        "code = main(sys.argv[1:])\n"
        "print(records.CODE.file.path, records.CODE.hits, records.CODE.misses, file=sys.stderr)",
        "--isolated",
        "--no-cache",
        "--exit-zero",
        str(ROOT / "examples" / "seed-alibaba-ja.md"),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)


def test_a_real_run_writes_the_file_once_and_the_next_reads_it(tmp_path):
    """Fresh processes, byte code under a prefix in tmp_path: the first run
    compiles and writes, the second compiles nothing and writes nothing, and
    their output is the same; under PYTHONDONTWRITEBYTECODE nothing is written."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pyc")
    first = _run(env)
    path, hits, misses = first.stderr.split()[-3:]
    assert Path(path).is_relative_to(tmp_path) and int(misses) > 30
    written = Path(path).stat().st_mtime_ns
    second = _run(env)
    assert second.stdout == first.stdout
    _, hits, misses = second.stderr.split()[-3:]
    assert int(misses) == 0 and int(hits) > 30
    assert Path(path).stat().st_mtime_ns == written
    pattern_file = next(Path(path).parent.glob("pattern_cache.*.patterns"))
    patterns_written = pattern_file.stat().st_mtime_ns
    assert _run(env).stdout == first.stdout
    assert pattern_file.stat().st_mtime_ns == patterns_written  # nor the pattern cache
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "none")
    third = _run(env)
    assert third.stdout == first.stdout
    assert not (tmp_path / "none").exists()
