"""The line views GEN003, GEN004 and GEN006 scan (post_lint.rules.prose_lines)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from post_lint.lazyre import texts_matching
from post_lint.post import Post
from post_lint.rules.prose_lines import (
    _mask_code_spans,
    _mask_comments,
    lines_matching,
    masked_lines,
)


def _reference(post: Post, quotes: bool, front_matter: bool, html: bool) -> list[str | None]:
    """The views as first written: line by line from where the view starts."""
    n = post.lines.line_count
    out: list[str | None] = [None] * (n + 1)
    first = 1 if front_matter else max(post.body_line, 1)
    if first > n:
        return out
    text = post.text[post.lines.line_start(first) :]
    if "<!--" in text:
        text = _mask_comments(text)
    for i, line in enumerate(text.split("\n")):
        if first + i > n:
            break
        out[first + i] = _mask_code_spans(line) if "`" in line else line
    skip = set(post.code_lines)
    for b in post.blocks:
        if b.kind == "table" or (b.kind == "html" and not html) or (not quotes and b.in_quote):
            skip.update(range(b.start_line, b.end_line + 1))
    for lineno in skip:
        if 0 < lineno <= n:
            out[lineno] = None
    return out


_LINES = st.sampled_from(
    [
        "---",
        "title: a `b` <!-- c",
        "date: 2024-01-01",
        "",
        "plain text",
        "a `code` span and `` two ` ticks ``",
        "<!-- a comment",
        "still in it -->",
        "> quoted `x`",
        "| a | b |",
        "|---|---|",
        "```",
        "<div>",
        "</div>",
        "- item -->",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, max_size=14))
def test_every_view_is_the_line_by_line_view(lines):
    text = "\n".join(lines)
    for key in [(q, f, h) for q in (False, True) for f in (False, True) for h in (False, True)]:
        post = Post.from_text(text, "x.md")
        # the views of one post share their text lines: ask for them in turn
        for other in [(False, True, False), (True, False, False), (False, False, True), key]:
            view = masked_lines(post, quotes=other[0], front_matter=other[1], html=other[2])
            assert list(view) == _reference(post, *other), other
            for finder in (re.compile("a|x"), re.compile("`|<|-")):
                want = [
                    i
                    for i, line in enumerate(_reference(post, *other))
                    if line is not None and finder.search(line)
                ]
                assert lines_matching(view, finder) == want


def test_lines_matching_names_the_lines_a_search_per_line_finds():
    lines = [None, "a cite", None, "", "nothing", "cite cite", "x†"]
    finder = re.compile("cite|†")
    assert lines_matching(lines, finder) == [1, 5, 6]
    assert lines_matching(lines, finder, 2) == [5, 6]
    assert texts_matching(finder, ["ci", "te"]) == set()  # no match across the separator


def test_a_view_does_not_keep_its_post_alive():
    import gc
    import weakref

    post = Post.from_text("text `code` <!-- note -->\n", "x.md")
    assert masked_lines(post)[1] == "text " + " " * 6 + " " + " " * 13
    alive = weakref.ref(post)
    del post
    gc.collect()
    assert alive() is None  # its views went with it
