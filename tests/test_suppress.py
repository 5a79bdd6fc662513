"""Inline suppression comments: every form, codes, prefixes and names."""

from __future__ import annotations

from post_lint import lint_text
from post_lint.diagnostics import Diagnostic
from post_lint.post import Post
from post_lint.suppress import Suppressions


def hidden(text: str, code: str, line: int) -> bool:
    return Suppressions.from_post(Post.from_text(text)).hides(Diagnostic(code, line, 1, "m"))


BODY = "---\ntitle: t\n---\n\n"  # body starts at line 4


def test_disable_and_enable_range():
    text = (
        BODY
        + "a\n\n<!-- post-lint-disable PL002 -->\n\nb\n\n<!-- post-lint-enable PL002 -->\n\nc\n"
    )
    # lines: 5 a, 7 disable, 9 b, 11 enable, 13 c
    assert not hidden(text, "PL002", 5)
    assert hidden(text, "PL002", 9)
    assert not hidden(text, "PL002", 13)
    assert not hidden(text, "PL001", 9)


def test_disable_all_then_enable_one():
    text = "x\n<!-- post-lint-disable -->\ny\n<!-- post-lint-enable PL002 -->\nz\n"
    assert hidden(text, "PL001", 3) and hidden(text, "PL002", 3)
    assert hidden(text, "PL001", 5) and not hidden(text, "PL002", 5)


def test_disable_next_line_skips_blank_lines():
    text = "<!-- post-lint-disable-next-line PL002 -->\n\nb\nc\n"
    assert hidden(text, "PL002", 3)
    assert not hidden(text, "PL002", 4)
    assert not hidden(text, "PL001", 3)


def test_disable_line():
    text = "a <!-- post-lint-disable-line --> \nb\n"
    assert hidden(text, "PL002", 1) and not hidden(text, "PL002", 2)


def test_disable_file_with_names_prefixes_and_commas():
    text = "a\n\n<!-- post-lint-disable-file invalid-utf8, PL00 -->\n"
    assert hidden(text, "PL002", 1) and hidden(text, "PL001", 99)
    assert not hidden("<!-- post-lint-disable-file FM -->\n", "PL002", 1)


def test_unknown_codes_suppress_nothing():
    assert not hidden("<!-- post-lint-disable-file NOPE999 -->\nx\n", "PL002", 2)


def test_comments_in_code_blocks_are_ignored():
    text = "```\n<!-- post-lint-disable-file -->\n```\n\nx\n"
    assert not hidden(text, "PL002", 5)


def test_end_to_end_with_a_real_rule():
    bad = "<!-- post-lint-disable-next-line invalid-utf8 -->\nab\ufffdc\n".encode().replace(
        "\ufffd".encode(), b"\xff"
    )
    assert lint_text(bad, "a.md") == []
    # disable-line on line 1 hides nothing (PL005) and PL002 on line 2 shows
    found = lint_text(bad.replace(b"next-line", b"line"), "a.md")
    assert [(d.code, d.line) for d in found] == [("PL005", 1), ("PL002", 2)]


def _found(text: str, **config):
    return [(d.code, d.line, d.column, d.message) for d in lint_text(text, "a.md", config or None)]


DUP_PARA = "We moved the blog to Hugo last spring and kept every old address working."


def test_misspelt_code_is_pl004_with_a_suggestion_and_hides_nothing():
    text = f"{BODY}{DUP_PARA}\n\n<!-- post-lint-disable-next-line DUP01 -->\n{DUP_PARA}\n"
    assert _found(text) == [
        (
            "PL004",
            7,
            34,
            "unknown rule code or name 'DUP01' in a suppression comment (did you mean 'DUP001'?)",
        ),
        ("DUP001", 8, 1, "paragraph repeats the one at line 5"),
    ]


def test_misspelt_name_in_japanese_post():
    para = "去年の春にブログをHugoへ移行し、古いURLはすべてそのまま使えるようにしました。"
    text = f"{BODY}{para}\n\n{para} <!-- post-lint-disable-line repeated-paragraf -->\n"
    found = _found(text)
    column = len(para) + len(" <!-- post-lint-disable-line ") + 1
    assert [f[:3] for f in found] == [("DUP001", 7, 1), ("PL004", 7, column)]
    assert "(did you mean 'repeated-paragraph'?)" in found[1][3]


def test_unused_comment_is_pl005_and_a_used_one_is_not():
    text = f"{BODY}{DUP_PARA}\n\n<!-- post-lint-disable-next-line DUP001 -->\n{DUP_PARA}\n"
    assert _found(text) == []
    text = f"{BODY}<!-- post-lint-disable-next-line DUP001 -->\n{DUP_PARA}\n"
    assert _found(text) == [
        ("PL005", 5, 1, "unused suppression comment: nothing reported here for DUP001")
    ]
    # One code used, one not: only the unused one is named, without a fix.
    text = f"{BODY}{DUP_PARA}\n\n<!-- post-lint-disable-next-line DUP001, GEN001 -->\n{DUP_PARA}\n"
    (d,) = lint_text(text, "a.md")
    assert (d.code, d.line, d.message) == (
        "PL005",
        7,
        "unused code in a suppression comment: nothing reported here for GEN001",
    )
    assert d.fix is None


def test_comments_for_rules_that_did_not_run_are_not_unused():
    text = f"{BODY}<!-- post-lint-disable-next-line DUP001 -->\nOnce only.\n"
    assert _found(text, ignore=["DUP001"]) == []
    assert _found(text, ignore=["PL005"]) == []
    text = f"{BODY}<!-- post-lint-enable DUP001 -->\nOnce only.\n"
    assert _found(text) == []  # enable comments are never reported


def test_pl005_can_be_suppressed_but_not_by_the_comment_itself():
    text = f"{BODY}x <!-- post-lint-disable-line -->\n"
    assert [f[:2] for f in _found(text)] == [("PL005", 5)]
    text = f"{BODY}<!-- post-lint-disable-file PL005 -->\n\nx <!-- post-lint-disable-line -->\n"
    assert _found(text) == []
