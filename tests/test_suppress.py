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
    assert [d.code for d in lint_text(bad.replace(b"next-line", b"line"), "a.md")] == ["PL002"]
