"""The language server's conversions and session logic, in process (fast);
the protocol itself is tested end to end in test_server.py."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from post_lint.post import LineIndex, Post
from post_lint.server.positions import UTF8, UTF16, UTF32, Positions, code_points, units

from .conftest import EXAMPLES, ROOT

LINE = "We loved the 🍣 and 寿司 😀. Then"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        (UTF16, [0, 13, 15, 20, 22, 23, 25]),
        (UTF8, [0, 13, 17, 22, 28, 29, 33]),
        (UTF32, [0, 13, 14, 19, 21, 22, 23]),
    ],
)
def test_columns_after_astral_and_cjk(encoding, expected):
    # before "W", before and after 🍣 (2 UTF-16 units, 4 UTF-8 bytes), before 寿 and
    # after 司 (1 unit, 3 bytes each), before and after 😀
    cuts = [0, 13, 14, 19, 21, 22, 23]
    pos = Positions(LineIndex(LINE + "\n"), encoding)
    got = [pos.to_client(1, c + 1)[1] for c in cuts]
    assert got == expected
    # and back: every client column maps to the code point it counts to
    assert [pos.from_client(0, u) for u in expected] == [(1, c + 1) for c in cuts]


def test_client_column_inside_a_surrogate_pair_rounds_down():
    pos = Positions(LineIndex("a😀b"), UTF16)
    assert pos.from_client(0, 2) == (1, 2)  # the middle of 😀 -> before it
    assert pos.from_client(0, 3) == (1, 3)
    assert code_points("😀", 1, UTF8) == 0


def test_bom_shifts_line_one_only():
    text = "# Tïtle\nsecond\n"
    pos = Positions(LineIndex(text), UTF16, bom=True)
    assert pos.to_client(1, 1) == (0, 1)
    assert pos.to_client(1, 3) == (0, 3)
    assert pos.to_client(2, 1) == (1, 0)
    assert pos.from_client(0, 1) == (1, 1)
    assert pos.from_client(0, 0) == (1, 1)


def test_clamping_past_the_end():
    pos = Positions(LineIndex("ab\ncd"), UTF16)
    assert pos.to_client(1, 99) == (0, 2)
    assert pos.to_client(9, 1) == (1, 2)
    assert pos.from_client(7, 0) == (2, 3)
    assert units("寿司😀", UTF8) == 10 and units("寿司😀", UTF16) == 4


def test_incremental_change_uses_the_protocols_lines_and_units():
    from post_lint.server.positions import apply_change

    text = "a😀b\r\nc\u2028d\re"
    assert apply_change(text, (0, 3), (0, 3), "X", UTF16) == "a😀Xb\r\nc\u2028d\re"
    assert apply_change(text, (0, 5), (0, 5), "X", UTF8) == "a😀Xb\r\nc\u2028d\re"
    assert apply_change(text, (1, 2), (2, 0), "", UTF32) == "a😀b\r\nc\u2028e"
    assert apply_change(text, (2, 9), (9, 0), "!", UTF16) == text + "!"  # clamped
    assert apply_change(text, (1, 1), (0, 1), "", UTF16) == "a\u2028d\re"  # reversed


def test_the_lines_are_the_protocols():
    # \r\n and lone \r end lines for both; U+2028, \x0c, \x85 do not (unlike str.splitlines)
    text = "a\r\nb\rc\u2028d\x0ce\x85f\n"
    post = Post.from_text(text)
    assert post.lines.line_count == 3
    assert post.lines.line(3) == "c\u2028d\x0ce\x85f"


def test_cli_does_not_import_the_server_libraries():
    code = (
        "import sys, io, contextlib\n"
        "import post_lint.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    post_lint.cli.main([{str(EXAMPLES / 'seed-alibaba-ja.md')!r}])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'cattrs')"
        " or m.startswith('post_lint.server')]\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "[]"


# -- session ----------------------------------------------------------------------------


def test_the_server_libraries_are_regular_dependencies():
    # `post-lint server` must work after a plain install (the tests that need
    # them skip in an environment installed before they were added)
    from post_lint.compat import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {re.split(r"[<>=;\[ ]", d, maxsplit=1)[0] for d in project["dependencies"]}
    assert {"pygls", "lsprotocol"} <= names


def _lint(text, path="/tmp/post.md", encoding=UTF16, configs=None):
    pytest.importorskip("lsprotocol", reason="pip install -e '.[dev]' again")
    from post_lint.server.session import Configs, lint

    return lint("file://" + path, path, text, 1, configs or Configs(), encoding)


def test_a_rule_that_raises_loses_only_its_own_findings(monkeypatch):
    from post_lint.config import Config
    from post_lint.rules import BY_CODE

    text = (EXAMPLES / "seed-alibaba-ja.md").read_text(encoding="utf-8")
    before = _lint(text)
    broken = BY_CODE["DUP001"]

    def boom(post, options):
        raise ValueError("boom")
        yield

    real = Config.rules_for

    def rules_for(self, path):
        return [
            s.__class__(
                s.rule.__class__(**{**s.rule.__dict__, "check": boom}), s.options, s.severity
            )
            if s.rule.code == broken.code
            else s
            for s in real(self, path)
        ]

    monkeypatch.setattr(Config, "rules_for", rules_for)
    after = _lint(text)
    assert {d.code for d in after.diagnostics} == {d.code for d in before.diagnostics} - {"DUP001"}
    assert len(after.published) == len(after.diagnostics) > 0
    assert any("internal error in rule DUP001" in p and "boom" in p for p in after.problems)


def test_a_document_over_max_file_size_is_not_parsed(tmp_path):
    (tmp_path / ".post-lint.toml").write_text("max-file-size = 1000\n", encoding="utf-8")
    snap = _lint("# Title\n\n" + "寿司 " * 1000 + "\n", str(tmp_path / "big.md"))
    assert [(d.code, d.line) for d in snap.diagnostics] == [("PL003", 1)]
    assert snap.fix_all_edits() == []


def test_related_lines_prefer_the_structured_field():
    from post_lint.diagnostics import Diagnostic
    from post_lint.server.session import related_lines

    assert related_lines(Diagnostic("DUP001", 9, 1, "paragraph repeats the one at line 4")) == [4]
    assert related_lines(Diagnostic("DUP003", 9, 1, "runs together 2 (lines 1, 3)")) == [1, 3]
    given = Diagnostic("DUP001", 9, 1, "at line 4", extra={"related_lines": [2]})
    assert related_lines(given) == [2]


def test_disable_comment_in_front_matter_is_not_offered():
    text = "---\ntitle: x\nreading_time: 90\n---\n\n" + "word " * 40 + "\n"
    snap = _lint(text)
    rt = [d for d in snap.diagnostics if d.code == "RT001"]
    assert rt and rt[0].line == 3
    assert snap.disable_line_edit(rt[0]) is None
    edit = snap.disable_file_edit("RT001")
    assert (edit.range.start.line, edit.range.start.character) == (4, 0)
    assert edit.new_text == "<!-- post-lint-disable-file RT001 -->\n"
