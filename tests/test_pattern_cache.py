"""post_lint.pattern_cache: patterns rebuilt from the file are the patterns
``re`` / ``regex`` compile, and a damaged file only costs a normal compile."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from post_lint import pattern_cache
from post_lint.pattern_cache import PatternCache
from post_lint.rules.boilerplate import _alternation

ROOT = Path(__file__).resolve().parent.parent

RE_PATTERNS = [
    (r"(?P<year>\d{4})-(?P<month>\d\d)", 0),
    (r"(?:here's|here is) a (?:revised|rewritten) version", re.IGNORECASE),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
    (r"(?i)ｋelvin|\bAI\b|人工知能", 0),
    (r"^[ \t]*(`{3,}|~{3,})(.*)$", re.MULTILINE),
    (r"[\u3040-\u309f\u4e00-\u9fff]+[。！？]", 0),
    ("(?x) a  b  # comment\n | c", 0),
    (r"(a)|(?P<b>b)\2?", re.DOTALL),
]
REGEX_PATTERNS = [
    (r"[\p{Han}\p{Hiragana}\p{Katakana}ー]+", 0),
    (r"(?<![\p{Katakana}ー])[\p{Katakana}--[ーヶヵノ・ヽヾ]]$", regex.V1),
    (r"(?P<w>[\p{L}']{1,30})\W*$", 0),
    (r"(`+)(?:(?!\1).){0,2000}?\1", regex.S),
    (r"licen[cs]e|creative\s+commons|\bcc[\s-]by\b", regex.IGNORECASE),
]
TEXTS = [
    "",
    "2024-03 and 1999-12, Here's a revised version; here is a rewritten version",
    "KELVIN \u212aelvin ai AI 人工知能\x00\x1f\ud800 ok",
    "```py\ncode\n~~~\n",
    "これはテストです。漢字カタカナ！ アイウ",
    "a  b c abba `x` ``y`` licence Creative  Commons cc-by",
    "ラーメン ソフトウェア word's end",
]


@pytest.fixture(autouse=True)
def _writes_byte_code(monkeypatch):
    """The cache writes only where Python would write byte code."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


#: The worked example's lines: the text the real run's patterns were made for.
POST_LINES = (ROOT / "examples" / "seed-alibaba-ja.md").read_text(encoding="utf-8").splitlines()


def _results(p, text: str):
    return [(m.span(), m.groups(), m.groupdict()) for m in p.finditer(text)]


def _same_re(a, b) -> None:
    assert a == b  # re.Pattern equality compares flags and code
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (
        b.pattern,
        b.flags,
        b.groups,
        dict(b.groupindex),
    )
    for text in (*TEXTS, *POST_LINES):
        assert _results(a, text) == _results(b, text)


def _same_regex(a, b, same_process: bool = True) -> None:
    assert type(a) is type(b)
    if same_process:  # regex's code depends on set order (hash randomisation)
        assert a._pickled_data == b._pickled_data
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (
        b.pattern,
        b.flags,
        b.groups,
        dict(b.groupindex),
    )
    for text in (*TEXTS, *POST_LINES):
        assert _results(a, text) == _results(b, text)


def _fill(path: Path) -> None:
    """A cache file holding every test pattern."""
    cache = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        cache.compile(p, f)
    for p, f in REGEX_PATTERNS:
        cache.compile(p, f, regex)
    cache.save()


def test_patterns_from_the_file_are_the_compiled_ones(tmp_path):
    path = tmp_path / "patterns.bin"
    _fill(path)
    again = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        _same_re(again.compile(p, f), re.compile(p, f))
    for p, f in REGEX_PATTERNS:
        _same_regex(again.compile(p, f, regex), regex.compile(p, f))
    assert (again.hits, again.misses) == (len(RE_PATTERNS) + len(REGEX_PATTERNS), 0)
    # Nothing new: the file is not written again.
    before = path.stat().st_mtime_ns
    again.save()
    assert path.stat().st_mtime_ns == before


def test_every_pattern_of_a_real_run_matches_like_a_fresh_compile(tmp_path):
    """A real one-file run (fresh process, byte code under a prefix in
    tmp_path) writes its cache; every entry rebuilds to the pattern
    ``re`` / ``regex`` compile, and a second run reads them all."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pyc")
    cmd = [
        sys.executable,
        "-c",
        "import sys; from post_lint.cli import main; from post_lint import pattern_cache as pc\n"
        "code = main(sys.argv[1:])\n"
        "print(pc.CACHE.path, pc.CACHE._seeded, pc.CACHE.hits, pc.CACHE.misses, file=sys.stderr)",
        "--isolated",
        "--no-cache",
        "--exit-zero",
        "--select",
        "ALL",
        str(ROOT / "examples" / "seed-alibaba-ja.md"),
    ]
    first = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    path, seeded, hits, misses = first.stderr.split()[-4:]
    assert int(misses) > 50 and Path(path).is_relative_to(tmp_path)
    data = pattern_cache.read_file(path)
    assert len(data["re"]) > 30 and len(data["regex"]) > 20
    reader = PatternCache(path, write=False)
    for key in data["re"]:
        flags, pattern = key.split(":", 1)
        _same_re(reader.compile(pattern, int(flags)), re.compile(pattern, int(flags)))
    for key in data["regex"]:
        flags, pattern = key.split(":", 1)
        got = reader.compile(pattern, int(flags), regex)
        _same_regex(got, regex.compile(pattern, int(flags)), same_process=False)
    assert reader.misses == 0
    second = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    assert second.stdout == first.stdout
    _, seeded, hits, misses = second.stderr.split()[-4:]
    assert int(misses) == 0 and int(hits) >= len(data["re"]) - len(data["seed"])
    # re's own cache was seeded with what it held at the first run's exit,
    # among it PyYAML's reader pattern (compiled when yaml is imported).
    import yaml.reader

    printable = yaml.reader.Reader.NON_PRINTABLE
    assert f"0:{printable.pattern}" in data["seed"]
    assert int(seeded) == len(data["seed"]) > 10


def _damage(path: Path, change) -> None:
    data = pattern_cache.read_file(str(path))
    change(data)
    path.write_bytes(pattern_cache._encode(data))  # well sealed: the entries are checked


def _first(table: dict):
    return next(iter(table.values()))


#: Well-sealed files (header, length and CRC-32 right) with entries of the
#: wrong shape: each entry is checked before it is used. (Code or flags
#: that are valid but another pattern's would be forgery, not damage: whoever can
#: write the file can write the byte code beside it.)
DAMAGE = {
    "regex build": lambda d: d.update(regex_build=["1.0", 0, 4, 0]),
    "code not bytes": lambda d: [e.__setitem__(1, "zz") for e in d["re"].values()],
    "code cut short": lambda d: [e.__setitem__(1, e[1][:-4]) for e in d["re"].values()],
    "code not whole words": lambda d: [e.__setitem__(1, e[1][:-1]) for e in d["re"].values()],
    "groups wrong type": lambda d: [e.__setitem__(2, "1") for e in d["re"].values()],
    "groups too many": lambda d: [e.__setitem__(2, e[2] + 3) for e in d["re"].values()],
    "groupindex a list": lambda d: [e.__setitem__(3, [1]) for e in d["re"].values()],
    "entry not a list": lambda d: [d["re"].__setitem__(k, 7) for k in d["re"]],
    "entry too short": lambda d: [d["re"].__setitem__(k, v[:2]) for k, v in d["re"].items()],
    "entry too long": lambda d: [d["re"].__setitem__(k, [*v, 1]) for k, v in d["re"].items()],
    "regex fields wrong type": lambda d: [
        d["regex"].__setitem__(k, [*v[:-1], "x"]) for k, v in d["regex"].items()
    ],
    "regex code not bytes": lambda d: [e.__setitem__(1, e[1].hex()) for e in d["regex"].values()],
    "regex index keys not numbers": lambda d: [
        e.__setitem__(3, {str(k): v for k, v in e[3].items()} or {"1": "x"})
        for e in d["regex"].values()
    ],
    "tables wrong type": lambda d: d.update(re=[], regex="x"),
}


def _flip(raw: bytes, at: int) -> bytes:
    return raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1 :]


#: Damaged files (what a full disk, a crash or another build leaves): the
#: whole file is ignored. A ``regex`` entry's code is only ever used from an
#: intact file (``_regex.compile`` trusts it).
BROKEN = {
    "another interpreter": lambda raw: raw.replace(b"3.11", b"3.99", 1),
    "another format": lambda raw: raw.replace(b"cache 3 ", b"cache 2 ", 1),
    "no header": lambda raw: raw[len(pattern_cache.HEADER) :],
    "truncated": lambda raw: raw[: len(raw) // 2],
    "one byte more": lambda raw: raw + b"\0",
    "length changed": lambda raw: _flip(raw, len(pattern_cache.HEADER) + 3),
    "crc changed": lambda raw: _flip(raw, len(pattern_cache.HEADER) + 7),
    "last byte changed (a regex code)": lambda raw: _flip(raw, len(raw) - 1),
    "a byte in the middle changed": lambda raw: _flip(raw, len(raw) // 2),
    "a list, well sealed": lambda raw: pattern_cache.SideFile.seal(
        pattern_cache.HEADER, marshal.dumps([1, 2])
    ),
    "not marshal data, well sealed": lambda raw: pattern_cache.SideFile.seal(
        pattern_cache.HEADER, b"\xff\xfe\xfd"
    ),
}


@pytest.mark.parametrize("damage", sorted(BROKEN))
def test_a_broken_file_is_ignored_and_rewritten(tmp_path, damage):
    path = tmp_path / "patterns.bin"
    _fill(path)
    path.write_bytes(BROKEN[damage](path.read_bytes()))
    assert pattern_cache.read_file(str(path)) is None
    cache = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        _same_re(cache.compile(p, f), re.compile(p, f))
    for p, f in REGEX_PATTERNS:
        _same_regex(cache.compile(p, f, regex), regex.compile(p, f))
    assert cache.hits == 0
    cache.save()
    again = PatternCache(str(path))
    for p, f in (*RE_PATTERNS, *REGEX_PATTERNS):
        again.compile(p, f, re if (p, f) in RE_PATTERNS else regex)
    assert (again.hits, again.misses) == (len(RE_PATTERNS) + len(REGEX_PATTERNS), 0)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_file_falls_back_to_a_normal_compile(tmp_path, damage):
    path = tmp_path / "patterns.bin"
    _fill(path)
    _damage(path, DAMAGE[damage])
    cache = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        _same_re(cache.compile(p, f), re.compile(p, f))
    for p, f in REGEX_PATTERNS:
        _same_regex(cache.compile(p, f, regex), regex.compile(p, f))
    assert cache.misses > 0
    cache.save()  # the damage is replaced by good entries
    again = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        _same_re(again.compile(p, f), re.compile(p, f))
    for p, f in REGEX_PATTERNS:
        _same_regex(again.compile(p, f, regex), regex.compile(p, f))
    assert again.misses == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe not utf-8", b"[1, 2]", b'"a string"', b"{}", b"[" * 100_000],
)
def test_a_file_that_is_no_cache_is_ignored(tmp_path, content):
    path = tmp_path / "patterns.bin"
    path.write_bytes(content)
    cache = PatternCache(str(path))
    for p, f in RE_PATTERNS:
        _same_re(cache.compile(p, f), re.compile(p, f))
    assert cache.misses == len(RE_PATTERNS)
    cache.save()
    assert PatternCache(str(path)).compile(*RE_PATTERNS[0]) == re.compile(*RE_PATTERNS[0])


def test_an_oversized_file_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "patterns.bin"
    _fill(path)
    monkeypatch.setattr(pattern_cache, "MAX_FILE_BYTES", path.stat().st_size - 1)
    cache = PatternCache(str(path))
    _same_re(cache.compile(*RE_PATTERNS[0]), re.compile(*RE_PATTERNS[0]))
    assert (cache.hits, cache.misses) == (0, 1)


def test_a_file_that_would_be_too_large_keeps_this_runs_patterns_or_is_not_written(
    tmp_path, monkeypatch
):
    path = tmp_path / "patterns.bin"
    _fill(path)
    full = path.stat().st_size
    monkeypatch.setattr(pattern_cache, "MAX_FILE_BYTES", full - 1)
    cache = PatternCache(str(path))
    cache.compile(r"new\d+", 0)
    cache.save()
    data = pattern_cache.read_file(str(path))
    assert list(data["re"]) == [r"0:new\d+"] and data["regex"] == {}
    monkeypatch.setattr(pattern_cache, "MAX_FILE_BYTES", 10)
    before = path.read_bytes()
    cache = PatternCache(str(path))
    cache.compile(r"other\d+", 0)
    cache.save()
    assert path.read_bytes() == before


def test_no_file_is_written_without_byte_code(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "patterns.bin"
    _fill(path)
    assert not path.exists()
    read_only = PatternCache(str(tmp_path / "other.bin"), write=False)
    read_only.compile(*RE_PATTERNS[0])
    read_only.save()
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_place_is_no_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    cache = PatternCache(str(blocker / "__pycache__" / "patterns.bin"))
    _same_re(cache.compile(*RE_PATTERNS[0]), re.compile(*RE_PATTERNS[0]))
    cache.save()  # cannot create a folder under a file: nothing written, nothing raised
    assert blocker.read_text() == "x"
    folder = tmp_path / "is-a-folder.bin"
    folder.mkdir()
    cache = PatternCache(str(folder))
    _same_re(cache.compile(*RE_PATTERNS[1]), re.compile(*RE_PATTERNS[1]))
    cache.save()
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_writes_merge_with_other_processes_and_leave_no_temporary_file(tmp_path):
    path = tmp_path / "patterns.bin"
    one, two = PatternCache(str(path)), PatternCache(str(path))
    one.compile(*RE_PATTERNS[0])
    two.compile(*RE_PATTERNS[1])
    two.compile(*REGEX_PATTERNS[0][:1], 0, regex)
    one.save()
    two.save()
    assert [p.name for p in tmp_path.iterdir()] == ["patterns.bin"]
    data = pattern_cache.read_file(str(path))
    assert sorted(data["re"]) == sorted(f"{int(f)}:{p}" for p, f in RE_PATTERNS[:2])
    assert list(data["regex"]) == [f"0:{REGEX_PATTERNS[0][0]}"]


def test_the_file_keeps_at_most_max_entries_this_runs_first(tmp_path, monkeypatch):
    path = tmp_path / "patterns.bin"
    _fill(path)
    monkeypatch.setattr(pattern_cache, "MAX_ENTRIES", 3)
    cache = PatternCache(str(path))
    cache.compile(r"new\d+", 0)
    cache.save()
    data = pattern_cache.read_file(str(path))
    assert len(data["re"]) + len(data["regex"]) == 3
    assert next(iter(data["re"])) == r"0:new\d+"


def test_debug_patterns_and_other_modules_are_not_kept(tmp_path, capsys):
    cache = PatternCache(str(tmp_path / "patterns.bin"))
    assert cache.compile("ab", re.DEBUG) == re.compile("ab", re.DEBUG)
    assert cache.compile(b"ab") == re.compile(b"ab")
    cache.save()
    assert not (tmp_path / "patterns.bin").exists()


def test_gen002_alternations_are_the_same_in_every_process():
    """Longest first, equal lengths in text order: the pattern (the cache's
    key) does not depend on set order (hash randomisation)."""
    assert _alternation(["cd", "ab", "abc", "b", "ab"]).pattern == "(?:abc)|(?:ab)|(?:cd)|(?:b)"


def test_re_cache_is_seeded_with_what_it_held_at_exit(tmp_path, monkeypatch):
    path = tmp_path / "patterns.bin"
    monkeypatch.setattr(re, "_cache", {})
    first = PatternCache(str(path), seed_re=True)
    first.compile(r"mine\d", 0)
    re.search(r"someone else's (?P<x>pattern)", "")  # compiled by re itself
    first.save()
    assert "0:someone else's (?P<x>pattern)" in pattern_cache.read_file(str(path))["seed"]
    monkeypatch.setattr(re, "_cache", {})
    second = PatternCache(str(path), seed_re=True)
    second.compile(r"mine\d", 0)
    seeded = re._cache[(str, "someone else's (?P<x>pattern)", 0)]
    re.purge()
    _same_re(seeded, re.compile("someone else's (?P<x>pattern)"))
    # A cache of another shape is left alone.
    monkeypatch.setattr(re, "_cache", {"not": "a pattern"})
    third = PatternCache(str(path), seed_re=True)
    third.compile(r"mine\d", 0)
    assert re._cache == {"not": "a pattern"} and third._seeded == 0


def test_seeds_are_the_newest_patterns_re_holds(tmp_path, monkeypatch):
    """A file whose seeds are full of patterns this run does not compile
    still learns the ones it does (they come after the seeded ones)."""
    path = tmp_path / "patterns.bin"
    monkeypatch.setattr(re, "_cache", {})
    first = PatternCache(str(path), seed_re=True)
    first.compile(r"mine\d", 0)
    for k in range(pattern_cache.MAX_SEEDS + 20):  # a large run: more than the seeds hold
        re.search(f"stale {k}", "")
    first.save()
    seeds = pattern_cache.read_file(str(path))["seed"]
    assert len(seeds) == pattern_cache.MAX_SEEDS and "0:stale 0" not in seeds
    monkeypatch.setattr(re, "_cache", {})
    second = PatternCache(str(path), seed_re=True)
    second.compile(r"mine\d", 0)
    re.search(r"compiled at import (?P<x>every time)", "")
    second.save()
    seeds = pattern_cache.read_file(str(path))["seed"]
    assert "0:compiled at import (?P<x>every time)" in seeds
    assert len(seeds) == pattern_cache.MAX_SEEDS
