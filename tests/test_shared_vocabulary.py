"""The shared vocabulary: markers.py, text.py, edits.py, and every reader of it.

Issue 12: one marker vocabulary (GEN001, TRN, DUP read it; the user's
``extra-markers`` reaches all of them), one CJK class, one sentence-end set,
one shortener, one way to delete lines.
"""

from __future__ import annotations

import regex

from post_lint import markers
from post_lint.edits import delete_block, delete_line_end, delete_lines
from post_lint.post import Post
from post_lint.text import CJK_CHAR, CJK_CLASS, normalize, shorten

from .helpers import FM, reported

PARA = "Install the package with pip and restart the server before you go on to the next step."


def diags(text: str, config: dict) -> list[tuple[str, int, int, str]]:
    return reported(text, config=config)


# -- markers -------------------------------------------------------------------


def test_scan_kinds_and_positions():
    post = Post.from_text(
        FM + "Text.<|im_end|>\n\n</s>\n\nContinue generating\n\n<<MY END>>\n", "post.md"
    )
    found = markers.scan(post, ["<<MY END>>"])
    assert [(m.line, m.column, m.text, m.whole_line, m.kind) for m in found] == [
        (5, 6, "<|im_end|>", False, "control-token"),
        (7, 1, "</s>", True, "control-token"),
        (9, 1, "Continue generating", True, "ui-label"),
        (11, 1, "<<MY END>>", True, "extra"),
    ]
    # Memoised on the post: one scan per post and set of extras.
    assert markers.scan(post, ["<<MY END>>"]) is found
    assert markers.scan(post) is not found


def test_following_asks_for_a_kind_after_a_block():
    post = Post.from_text(FM + "First paragraph.\n\n---END---\n\nSecond paragraph.\n", "post.md")
    found = markers.scan(post)
    assert [m.line for m in found.following(0)] == [7]
    assert [m.line for m in found.following(0, {"control-token"})] == [7]
    assert found.following(0, {"label"}) == []
    assert found.following(2) == []  # nothing after the last paragraph


def test_register_a_kind_reaches_every_reader():
    kind = markers.MarkerKind(
        "test-label",
        line=regex.compile(r"[ \t]*<<next page>>[ \t]*"),
        hint=r"<<next page>>",
    )
    markers.register(kind)
    try:
        post = Post.from_text(FM + "A paragraph.\n<<next page>>\n", "post.md")
        assert [(m.line, m.kind) for m in markers.scan(post)] == [(6, "test-label")]
        assert markers.strip_markers("A paragraph.\n<<next page>>") == "A paragraph."
        assert markers.remove_all("A paragraph.\n<<next page>>") == "A paragraph.\n "
    finally:
        markers._KINDS.remove(kind)
        markers._hint.cache = None


def test_strip_and_remove_all():
    assert markers.strip_markers("Some text <|endoftext|>\n---END---\nmore") == "Some text\nmore"
    assert markers.remove_all("a [/INST] b <eos> c </s>") == "a   b   c  "
    assert markers.remove_all("x\n<<MINE>>\ny", frozenset({"<<MINE>>"})) == "x\n \ny"


def test_dup_compares_paragraphs_without_every_marker():
    """DUP's own regex missed </s>, [/INST] and <eos>: two copies that differ
    only by a leaked token are one repeat."""
    for token in ("</s>", "[/INST]", "<eos>", "<|im_end|>"):
        text = FM + f"{PARA}\n\n{PARA} {token}\n"
        assert ("DUP001", 7, 1, "paragraph repeats the one at line 5") in diags(
            text, {"select": ["DUP001"]}
        ), token


def test_extra_markers_reach_dup_and_trn003():
    text = FM + f"{PARA}\n\n{PARA}\n<<END OF ARTICLE>>\n"
    cfg = {"select": ["DUP001"]}
    assert diags(text, cfg) == []
    cfg["rules"] = {"leaked-end-marker": {"extra-markers": ["<<END OF ARTICLE>>"]}}
    assert diags(text, cfg) == [("DUP001", 7, 1, "paragraph repeats the one at line 5")]
    body = "記者会見が開かれた。彼は「AIの未来は私たちの\n\n<<END OF ARTICLE>>\n\n次の段落です。\n"
    cfg = {"select": ["TRN003"]}
    assert diags(FM + body, cfg) == []
    cfg["rules"] = {"GEN001": {"extra-markers": ["<<END OF ARTICLE>>"]}}
    assert diags(FM + body, cfg) == [
        ("TRN003", 5, 13, "'「' is never closed: the paragraph ends inside it")
    ]


# -- text ----------------------------------------------------------------------


def test_one_cjk_class_for_re_and_regex():
    r = regex.compile(f"[{CJK_CLASS}]")
    for ch in "漢かカー々𠀋":
        assert CJK_CHAR.match(ch) and r.match(ch), ch
    for ch in "a한・。Ａ":
        assert not CJK_CHAR.match(ch) and not r.match(ch), ch


def test_normalize_and_shorten():
    assert normalize("  Ｈｅｌｌｏ\n  World ") == "hello world"
    assert normalize("Ｈｅｌｌｏ  World", casefold=False) == "Hello World"
    assert shorten("one  two\nthree", 40) == "one two three"
    assert shorten("abcdefghij", 6) == "abcde…"
    assert shorten("abcdefghij", 6, keep_end=True) == "…fghij"
    assert shorten("abcdefghij", 6, ellipsis="...") == "abc..."


# -- edits ---------------------------------------------------------------------


def _edits(text: str, *args, **kw):
    post = Post.from_text(text, "post.md")
    return [(e.line, e.column, e.end_line, e.end_column) for e in delete_lines(post, *args, **kw)]


def test_delete_lines_takes_one_blank_line_beside():
    # Between blank lines: the blank line after goes too.
    assert _edits("a\n\nX\n\nb\n", 3) == [(3, 1, 5, 1)]
    # Not between blank lines: only the line.
    assert _edits("a\nX\n\nb\n", 2) == [(2, 1, 3, 1)]
    # Last line of the file after a blank line: the blank line before goes.
    assert _edits("a\n\nX\n", 3) == [(2, 1, 4, 1)]
    # A run of lines deleted by separate edits: only the last takes a blank.
    assert _edits("a\n\nX\nY\n\nb\n", 3, run=(3, 4)) == [(3, 1, 4, 1)]
    assert _edits("a\n\nX\nY\n\nb\n", 4, run=(3, 4)) == [(4, 1, 6, 1)]
    assert _edits("a\n\nX\nY\n", 4, run=(3, 4)) == [(2, 1, 3, 1), (4, 1, 5, 1)]
    # The body's first line counts as having a blank line before it.
    assert _edits(FM + "X\n\nb\n", 5) == [(5, 1, 7, 1)]


def test_delete_block_and_line_end():
    post = Post.from_text("a\n\npara one\npara two\n\nb\n", "post.md")
    block = post.blocks[1]
    assert [(e.line, e.end_line) for e in delete_block(post, block)] == [(3, 6)]
    post = Post.from_text("Some text   <|im_end|>\n", "post.md")
    e = delete_line_end(post, 1, 13)
    assert (e.line, e.column, e.end_line, e.end_column) == (1, 10, 1, 23)
