"""post_lint.regex_engine: the stand-in for :mod:`regex` gives what regex
gives, and a run whose patterns are all cached never imports regex's compiler."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

from post_lint import regex_engine

ROOT = Path(__file__).resolve().parent.parent

FLAGS = "A ASCII B BESTMATCH D DEBUG E ENHANCEMATCH F FULLCASE I IGNORECASE L LOCALE M MULTILINE"
FLAGS += " P POSIX R REVERSE S DOTALL U UNICODE V0 VERSION0 V1 VERSION1 W WORD X VERBOSE"


@pytest.mark.parametrize("name", FLAGS.split())
def test_flags_are_regexs(name):
    assert getattr(regex_engine, name) == int(getattr(regex, name))


def test_default_version_is_regexs():
    assert regex_engine.DEFAULT_VERSION == int(regex.DEFAULT_VERSION)


ESCAPED = ["a.b", "```", "~~~~", "(x)[y]{z}", "a b\tc\n", "#&~-|^$\\", "日本語。", "é ü", ""]


@pytest.mark.parametrize("text", ESCAPED)
@pytest.mark.parametrize("special_only", [True, False])
@pytest.mark.parametrize("literal_spaces", [True, False])
def test_escape_is_regexs(text, special_only, literal_spaces):
    got = regex_engine.escape(text, special_only=special_only, literal_spaces=literal_spaces)
    assert got == regex.escape(text, special_only=special_only, literal_spaces=literal_spaces)
    assert regex.fullmatch(got, text)


def test_module_functions_match_like_regex():
    text = "WSLのUbuntu側で apt を使う。"
    han = r"[\p{Han}\p{Hangul}][^\p{Han}\p{Hangul}]*$"
    assert regex_engine.search(han, text).group() == regex.search(han, text).group() == "使う。"
    assert regex_engine.match(r"\p{Lu}+", text).group() == "WSL"
    assert [m.span() for m in regex_engine.finditer(r"\p{Katakana}", "アイ")] == [(0, 1), (1, 2)]
    assert regex_engine.split(r"[、,]", "a、b,c") == ["a", "b", "c"]
    assert regex_engine.compile(r"(?i)ubuntu").search(text).span() == (4, 10)


def test_other_names_come_from_regex():
    assert regex_engine.error is regex.error
    assert regex_engine.Match is regex.Match
    with pytest.raises(AttributeError):
        regex_engine.__no_such_name__  # noqa: B018


_PROBE = """
import sys
from post_lint.cli import main
code = main(sys.argv[1:])
print("compiler imported:", "regex._main" in sys.modules, file=sys.stderr)
"""


def _warm_env(tmp_path) -> dict[str, str]:
    """An environment whose byte code and pattern cache live in ``tmp_path``
    (written by the caller's first run)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pyc")
    return env


def _lint_example(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", _PROBE, "--isolated", "--no-cache", "--exit-zero"]
    cmd.append(str(ROOT / "examples" / "seed-alibaba-ja.md"))
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)


def test_a_cached_run_loads_only_the_engine(tmp_path):
    """The first run compiles (and imports regex's compiler); the second
    takes every pattern from the cache and never imports it, with the same
    findings."""
    env = _warm_env(tmp_path)
    first = _lint_example(env)
    second = _lint_example(env)
    assert "TRN001" in first.stdout and second.stdout == first.stdout
    assert first.stderr.splitlines()[-1] == "compiler imported: True"
    assert second.stderr.splitlines()[-1] == "compiler imported: False"


_LATE_IMPORT = """
import sys
from post_lint import regex_loader
engine = regex_loader.engine()
assert "regex" not in sys.modules and "regex._main" not in sys.modules
import regex
from regex import _regex
assert _regex is engine
p = regex.compile(r"(\\p{Han})x")
print(p.sub(r"<\\1>", "漢x"), regex.escape("a.b"))
"""


def test_regex_imported_after_the_engine_takes_the_same_engine(tmp_path):
    env = _warm_env(tmp_path)
    _lint_example(env)  # writes the pattern cache: importing post_lint compiles nothing
    done = subprocess.run(
        [sys.executable, "-c", _LATE_IMPORT], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["<漢>", "a\\.b"]


def test_only_the_loader_imports_regex():
    """Every other module goes through the stand-in (``import regex`` in one
    of them would put the compiler back on every run's start-up)."""
    importers = []
    for path in sorted((ROOT / "post_lint").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            words = line.split()
            if words[:2] in (["import", "regex"], ["from", "regex"]):
                importers.append(f"{path.relative_to(ROOT)}:{n}")
    assert all(p.startswith("post_lint/regex_loader.py:") for p in importers), importers
    assert importers  # the loader itself imports it, where a compiler is needed
