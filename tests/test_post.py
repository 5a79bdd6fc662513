"""The parsed post: decoding, newlines, front matter in three formats, blocks."""

from __future__ import annotations

from post_lint.post import LineIndex, Post


def test_line_index_round_trip():
    text = "ab\nこんにちは\n\nz"
    idx = LineIndex(text)
    assert idx.line_count == 4
    assert idx.position(0) == (1, 1)
    assert idx.position(3) == (2, 1)
    assert idx.position(5) == (2, 3)
    assert idx.offset(2, 3) == 5
    assert idx.line(2) == "こんにちは"
    assert idx.line(3) == ""
    assert idx.line(99) == ""
    for off in range(len(text)):
        assert idx.offset(*idx.position(off)) == off


def test_yaml_front_matter_keys_and_positions():
    post = Post.from_text(
        '---\ntitle: Hello\ntags:\n  - a\n  - b\nreading_time: "8 min"  # note\n---\n\nBody text.\n'
    )
    fm = post.front_matter
    assert fm is not None and fm.format == "yaml" and fm.error is None
    assert fm.data == {"title": "Hello", "tags": ["a", "b"], "reading_time": "8 min"}
    assert (fm.keys["title"].line, fm.keys["title"].column) == (2, 1)
    assert (fm.keys["tags"].line, fm.keys["tags"].value_line) == (3, 4)
    rt = fm.keys["reading_time"]
    assert (rt.line, rt.value_line, rt.value_column, rt.value_end_column, rt.value_style) == (
        6,
        6,
        15,
        22,
        '"',
    )
    assert fm.end_line == 7
    assert post.body_line == 8
    assert [(b.kind, b.start_line, b.prose) for b in post.blocks] == [
        ("paragraph", 9, "Body text.")
    ]


def test_yaml_duplicate_keys_recorded():
    post = Post.from_text("---\ncategories: [a]\ntitle: x\ncategories: [b]\n---\n")
    ((key, first, later),) = post.front_matter.duplicate_keys
    assert key == "categories" and first.line == 2 and later.line == 4


def test_yaml_closing_dots_and_unclosed():
    assert Post.from_text("---\ntitle: x\n...\nbody\n").front_matter.data == {"title": "x"}
    post = Post.from_text("---\ntitle: x\nno end\n")
    assert post.front_matter.error is not None
    assert "never closed" in post.front_matter.error.message


def test_yaml_error_points_at_the_line():
    post = Post.from_text("---\ntitle: x\nexcerpt: a: b\n---\n")
    err = post.front_matter.error
    assert err is not None and err.line == 3 and "quote" in err.message


def test_yaml_unsafe_tag_is_an_error_not_executed():
    post = Post.from_text("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n")
    assert post.front_matter.error is not None and post.front_matter.data is None


def test_yaml_alias_bomb_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    prev = "a"
    for i in range(1, 9):
        name = f"l{i}"
        lines.append(f"{name}: &{name} [{', '.join('*' + prev for _ in range(10))}]")
        prev = name
    post = Post.from_text("---\n" + "\n".join(lines) + "\n---\n")
    assert post.front_matter.error is not None
    assert "alias" in post.front_matter.error.message


def test_yaml_deep_nesting_refused():
    post = Post.from_text("---\nx: " + "[" * 100_000 + "\n---\n")
    assert post.front_matter.error is not None
    assert "deep" in post.front_matter.error.message


def test_yaml_non_mapping():
    post = Post.from_text("---\n- a\n- b\n---\n")
    assert "not a mapping" in post.front_matter.error.message


def test_toml_front_matter():
    post = Post.from_text(
        '+++\ntitle = "T"\ndate = 2024-01-02\n\n[params]\nx = 1\n+++\n\nText here.\n'
    )
    fm = post.front_matter
    assert fm.format == "toml" and fm.error is None
    assert fm.data["title"] == "T" and fm.data["params"] == {"x": 1}
    assert fm.keys["title"].line == 2 and fm.keys["date"].line == 3 and fm.keys["params"].line == 5
    assert post.blocks[0].start_line == 9


def test_toml_error_position():
    post = Post.from_text('+++\ntitle = "T"\ndate = = 3\n+++\n')
    assert post.front_matter.error.line == 3
    assert post.front_matter.error.message.startswith("invalid TOML")


def test_json_front_matter():
    post = Post.from_text('{\n  "title": "T",\n  "tags": ["a"]\n}\n\nBody para.\n')
    fm = post.front_matter
    assert fm.format == "json" and fm.data == {"title": "T", "tags": ["a"]}
    assert fm.keys["tags"].line == 3
    assert [b.start_line for b in post.blocks] == [6]


def test_json_between_dashes_is_yaml():
    post = Post.from_text('---\n{"title": "T", "draft": false}\n---\nx\n')
    assert post.front_matter.data == {"title": "T", "draft": False}


def test_no_front_matter_and_empty_file():
    post = Post.from_text("# Heading\n\nText.\n")
    assert post.front_matter is None and post.meta == {} and post.body_line == 1
    assert [b.kind for b in post.blocks] == ["heading", "paragraph"]
    empty = Post.from_text("")
    assert empty.front_matter is None and empty.blocks == []
    assert Post.from_text("{{< liquid >}}\n").front_matter is None


def test_crlf_and_cr_normalised_and_remembered():
    crlf = Post.from_bytes(b"---\r\ntitle: x\r\n---\r\n\r\nLine one\r\nline two\r\n")
    assert crlf.newline == "\r\n" and "\r" not in crlf.text
    assert crlf.front_matter.data == {"title": "x"}
    assert crlf.blocks[0].start_line == 5 and crlf.blocks[0].end_line == 6
    cr = Post.from_bytes(b"---\rtitle: x\r---\rbody\r")
    assert cr.newline == "\r" and cr.front_matter.data == {"title": "x"}


def test_bom_tolerated():
    post = Post.from_bytes(b"\xef\xbb\xbf---\ntitle: x\n---\nhi\n")
    assert post.bom and post.front_matter.data == {"title": "x"}


def test_invalid_utf8_is_remembered_not_raised():
    post = Post.from_bytes(b"---\ntitle: x\n---\n\nab\xffcd\n")
    assert post.decode_problem is not None
    assert (post.decode_problem.line, post.decode_problem.column) == (5, 3)
    assert "\ufffd" in post.text


def test_blocks_kinds_containers_and_prose():
    text = (
        "# Title\n"
        "\n"
        'Some *emph* and [a link](https://example.com) {% raw %} {{< ref "x" >}} see https://a.b/c now.\n'
        "\n"
        "- item one\n"
        "\n"
        "> quoted text\n"
        "\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
        "\n"
        "```py\ncode\n```\n"
        "\n"
        "<div>\nhtml\n</div>\n"
        "\n"
        "---\n"
        "\n"
        "[only a link](https://x.y)\n"
        "\n"
        "![alt](img.png)\n"
        "\n"
        "**Bold pseudo heading:**\n"
        "\n"
        "Note[^1].\n"
        "\n"
        "[^1]: The footnote.\n"
    )
    post = Post.from_text(text)
    got = [(b.kind, b.start_line, b.end_line, b.containers) for b in post.blocks]
    assert got == [
        ("heading", 1, 1, ()),
        ("paragraph", 3, 3, ()),
        ("paragraph", 5, 5, ("list_item",)),
        ("paragraph", 7, 7, ("blockquote",)),
        ("table", 9, 11, ()),
        ("code", 13, 15, ()),
        ("html", 17, 19, ()),
        ("hr", 21, 21, ()),
        ("paragraph", 23, 23, ()),
        ("paragraph", 25, 25, ()),
        ("paragraph", 27, 27, ()),
        ("paragraph", 29, 29, ()),
        ("paragraph", 31, 31, ("footnote",)),
    ]
    para = post.blocks[1]
    assert "https" not in para.prose and "{%" not in para.prose and "ref" not in para.prose
    assert para.prose.split() == ["Some", "emph", "and", "a", "link", "see", "now."]
    assert post.blocks[8].link_only and not post.blocks[8].image_only
    assert post.blocks[9].image_only and post.blocks[9].images == 1
    assert post.blocks[10].emphasis_only
    assert post.blocks[0].level == 1 and post.blocks[0].prose == "Title"
    assert post.code_lines == frozenset({13, 14, 15})
    assert post.block_source(post.blocks[5]) == "```py\ncode\n```"


def test_worked_example_parses():
    from .conftest import EXAMPLES

    post = Post.from_bytes((EXAMPLES / "seed-alibaba-ja.md").read_bytes(), "seed.md")
    assert post.front_matter.error is None
    assert post.meta["reading_time"] == 8
    assert post.front_matter.keys["reading_time"].line == 9
    assert post.title.startswith("Alibaba Cloud")
    assert post.blocks[0].start_line == 12


def test_unclosed_front_matter_ends_at_first_blank_line_and_body_is_parsed():
    post = Post.from_text("---\ntitle: x\ndate: 2024-01-01\n\nThe body starts here.\n")
    fm = post.front_matter
    assert fm.error is not None and "never closed" in fm.error.message
    assert "blank line 4" in fm.error.message
    assert post.body_line == 5
    assert [(b.kind, b.start_line) for b in post.blocks] == [("paragraph", 5)]


def _view(text: str) -> list[tuple]:
    return [
        (b.kind, b.start_line, b.end_line, b.containers, b.prose)
        for b in Post.from_text(text).blocks
    ]


def test_blocks_kinds_spans_and_prose():
    text = (
        "# Title *here*\n\nA [link](http://x) and ![alt](i.png) `code`\nnext line\n\n"
        "- tight item\n- second\n  > quoted\n\n```py {lines=1}\nx\n```\n\n<div>\nhi\n</div>\n\n---\n"
    )
    assert _view(text) == [
        ("heading", 1, 1, (), "Title here"),
        ("paragraph", 3, 4, (), "A link and  code\nnext line"),
        ("paragraph", 6, 6, ("list_item",), "tight item"),
        ("paragraph", 7, 7, ("list_item",), "second"),
        ("paragraph", 8, 8, ("list_item", "blockquote"), "quoted"),
        ("code", 10, 12, (), ""),
        ("html", 14, 16, (), ""),
        ("hr", 18, 18, (), ""),
    ]
    code = Post.from_text(text).blocks[5]
    assert code.info == "py {lines=1}"


def test_shape_flags_of_paragraphs():
    blocks = Post.from_text(
        "[only a link](u)\n\n![img](a.png)\n\n**bold only**\n\n<http://a.b>\n"
    ).blocks
    assert [(b.link_only, b.image_only, b.emphasis_only, b.images) for b in blocks] == [
        (True, False, False, 0),
        (False, True, False, 1),
        (False, False, True, 0),
        (True, False, False, 0),
    ]
    assert blocks[3].prose == ""  # an autolink's text is its URL, not prose


def test_a_table_may_interrupt_a_paragraph_as_on_github_and_hugo():
    text = "Fields:\nmore words\nname | value\n--- | ---\na | 1\n\nafter\n"
    assert _view(text) == [
        ("paragraph", 1, 2, (), "Fields:\nmore words"),
        ("table", 3, 5, (), ""),
        ("paragraph", 7, 7, (), "after"),
    ]


def test_footnotes_unreferenced_and_multi_paragraph():
    text = "Text.\n\n[^a]: First part.\n\n    Second part.\n"
    assert _view(text) == [
        ("paragraph", 1, 1, (), "Text."),
        ("paragraph", 3, 3, ("footnote",), "First part."),
        ("paragraph", 5, 5, ("footnote",), "Second part."),
    ]


def test_lone_surrogates_and_deep_nesting_parse():
    assert _view("broken \ud800 half\n") == [("paragraph", 1, 1, (), "broken \ufffd half")]
    (deep,) = Post.from_text("> " * 200 + "deep\n").blocks
    assert deep.prose == "deep" and deep.containers == ("blockquote",) * 50


def test_release_leaves_no_cycle_behind():
    """Once the rules have read a post, releasing it lets reference counting
    free everything it built: no cyclic garbage for the GC to walk."""
    import gc
    import weakref

    from post_lint.config import Config
    from post_lint.linter import check_post

    from .conftest import EXAMPLES

    text = (EXAMPLES / "seed-alibaba-ja.md").read_text(encoding="utf-8")
    post = Post.from_text(text, "seed-alibaba-ja.md")
    assert check_post(post, Config.from_mapping({"select": ["ALL"]})).diagnostics
    assert post._memo and "outline" in vars(post) and "blocks" in vars(post)
    gc.collect()
    gc.disable()
    try:
        post.release()
        assert not post._memo and "blocks" not in vars(post) and "outline" not in vars(post)
        ref = weakref.ref(post)
        del post
        assert ref() is None
    finally:
        gc.enable()
    # Released, a post builds its views again when asked.
    again = Post.from_text(text, "seed-alibaba-ja.md")
    blocks = again.blocks
    again.release()
    assert again.blocks == blocks
