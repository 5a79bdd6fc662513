"""GEN family: leaked-end-marker and assistant-boilerplate."""

from __future__ import annotations

import pytest

from post_lint import Config, lint_text
from post_lint.errors import ConfigError
from post_lint.fix import fix_post
from post_lint.post import Post
from post_lint.rules.boilerplate import builtin_phrases

from . import helpers
from .conftest import EXAMPLES
from .helpers import FM, reported


def found(body: str, code: str, rules: dict | None = None) -> list[tuple[str, int, int]]:
    return [
        (c, line, col)
        for c, line, col, _ in reported(FM + body, select=[code], rules=rules, only=code)
    ]


def line_of(body: str, needle: str, nth: int = 1) -> int:
    return helpers.line_of(FM + body, needle, nth)


def fixed(body: str, unsafe: bool = False) -> str:
    return helpers.fixed(FM + body, select=["GEN"], unsafe=unsafe)[len(FM) :]


# --------------------------------------------------------------------------
# GEN001 leaked-end-marker
# --------------------------------------------------------------------------

MARKER_LINES = [
    "---END---",
    "<|endoftext|>",
    "<|im_end|>",
    "<|eot_id|>",
    "</s>",
    "[END]",
    "[/INST]",
    "<end_of_turn>",
    "<<SYS>>",
    "<|im_start|>assistant",
    "Continue generating",
    "**Regenerate response**",
    "続きを生成",
    "继续生成",
]


@pytest.mark.parametrize("marker", MARKER_LINES)
def test_gen001_marker_on_its_own_line(marker):
    body = f"Some text here.\n\n{marker}\n\nMore text.\n"
    assert found(body, "GEN001") == [("GEN001", line_of(body, marker), 1)]


@pytest.mark.parametrize("marker", ["---END---", "<|endoftext|>", "</s>"])
def test_gen001_marker_as_last_line_of_a_paragraph(marker):
    body = f"この投資は未来を変えるでしょう。\n{marker}\n\n次の段落。\n"
    assert found(body, "GEN001") == [("GEN001", line_of(body, marker), 1)]


def test_gen001_marker_at_the_end_of_a_line():
    body = "Done here.<|endoftext|>\n\n完了しました。 ---END---\n\n完成了。[END]\n"
    assert found(body, "GEN001") == [
        ("GEN001", line_of(body, "Done"), len("Done here.") + 1),
        ("GEN001", line_of(body, "完了"), len("完了しました。 ") + 1),
        ("GEN001", line_of(body, "完成"), len("完成了。") + 1),
    ]


def test_gen001_marker_at_the_end_of_a_very_long_line():
    body = "投資は重要です。" * 400 + "<|endoftext|>\n"
    assert found(body, "GEN001") == [("GEN001", 5, len("投資は重要です。") * 400 + 1)]


GEN001_GOOD = {
    "thematic-break": "Text here.\n\n---\n\nMore text.\n",
    "setext": "Title here\n---\n\nMore text.\n",
    "inline-code": "Use `<|endoftext|>` to end a sample. The token is `</s>`\n",
    "code-block": "```\n<|endoftext|>\n---END---\n[/INST]\n```\n",
    "indented-code": "Text.\n\n    <|endoftext|>\n",
    "quote": "> <|im_end|>\n",
    "table": "| token | meaning |\n|---|---|\n| <\\|eot_id\\|> | end |\n",
    "html-block": "<div>\n<|endoftext|>\n</div>\n",
    "strikethrough": "Closed. <s>Fill out the form</s>\n\n取り消し線は<s>こう</s>書く。\n</s>\n",
    "phrase-in-sentence": "Click Continue generating when the answer stops.\n",
    "end-in-word": "The END of the story.\n\n[ENDNOTE]\n",
    "html-comment": "<!-- ---END--- -->\n",
}


@pytest.mark.parametrize("case", GEN001_GOOD, ids=str)
def test_gen001_stays_silent(case):
    assert found(GEN001_GOOD[case], "GEN001") == []


def test_gen001_ignores_front_matter():
    text = '---\ntitle: "x"\nend: "<|endoftext|>"\nsep: ---END---\n---\n\nText.\n'
    assert lint_text(text, "post.md", {"select": ["GEN001"]}) == []


def test_gen001_extra_markers_option():
    body = "Text.\n\n<<END OF ARTICLE>>\n"
    assert found(body, "GEN001") == []
    rules = {"leaked-end-marker": {"extra-markers": ["<<END OF ARTICLE>>"]}}
    assert found(body, "GEN001", rules) == [("GEN001", line_of(body, "<<END"), 1)]


def test_gen001_bad_option_type_is_a_config_error():
    with pytest.raises(ConfigError):
        Config.from_mapping({"rules": {"leaked-end-marker": {"extra-markers": "x"}}})


@pytest.mark.parametrize(
    "body, expected",
    [
        ("One.\n\n---END---\n\nTwo.\n", "One.\n\nTwo.\n"),
        ("One.\n---END---\n\nTwo.\n", "One.\n\nTwo.\n"),
        ("One.\n\n<|endoftext|>\n", "One.\n"),
        ("One.\n\n<|endoftext|>", "One.\n"),
        ("Done here.<|endoftext|>\n", "Done here.\n"),
        ("完了しました。 ---END---\n\n次。\n", "完了しました。\n\n次。\n"),
        ("One.\n\n---END---\n<|endoftext|>\n\nTwo.\n", "One.\n\nTwo.\n"),
        ("One.\n\n---END---\n<|endoftext|>\n", "One.\n"),
        ("<|endoftext|>\n\nOne.\n", "One.\n"),
    ],
    ids=[
        "own-paragraph",
        "lazy-line",
        "last",
        "last-no-newline",
        "end-of-line",
        "ja-end",
        "two",
        "two-at-end",
        "first",
    ],
)
def test_gen001_safe_fix(body, expected):
    diags = lint_text(FM + body, "post.md", {"select": ["GEN001"]})
    assert diags and all(d.fix and d.fix.applicability == "safe" for d in diags)
    assert fixed(body) == expected


def test_gen001_fix_on_worked_example_removes_all_eight_markers():
    text = (EXAMPLES / "seed-alibaba-ja.md").read_text(encoding="utf-8")
    out = fix_post(Post.from_text(text, "seed.md"), Config.from_mapping({"select": ["GEN"]}))
    assert out.fixed == 8
    assert "---END---" not in out.text
    assert "\n\n\n" not in out.text
    # Nothing but the marker lines went away.
    assert out.text.replace("\n", "") == text.replace("---END---", "").replace("\n", "")


# --------------------------------------------------------------------------
# GEN002 assistant-boilerplate
# --------------------------------------------------------------------------

GEN002_BAD = {
    "en-opening": (
        "Certainly! Here is a blog post about Rust:\n\nRust is fast.\n\nIt is safe.\n",
        "Certainly",
    ),
    "en-opening-revised": (
        "Sure, here's a revised version of your post.\n\nRust is fast.\n\nIt is safe.\n",
        "Sure",
    ),
    "en-closing": (
        "Intro.\n\nBody.\n\nMore body.\n\nThat is all. I hope this helps!\n",
        "I hope this helps",
    ),
    "en-closing-ask": (
        "Intro.\n\nBody.\n\nMore body.\n\nFeel free to ask if anything is unclear.\n",
        "Feel free",
    ),
    "en-anywhere": (
        "Intro.\n\nAs an AI language model, I cannot browse.\n\nMore.\n\nEven more.\n\nEnd.\n",
        "As an AI",
    ),
    "en-curly-apostrophe": (
        "Intro.\n\nBody.\n\nMore.\n\nLet me know if you’d like a shorter version.\n",
        "Let me know",
    ),
    "ja-opening": (
        "以下は、AIの未来についてのブログ記事です。\n\n本文です。\n\n次です。\n",
        "以下は",
    ),
    "ja-closing": ("導入。\n\n本文。\n\n本文2。\n\nお役に立てれば幸いです。\n", "お役に立て"),
    "ja-closing-questions": (
        "導入。\n\n本文。\n\n本文2。\n\n他にご質問があれば、お気軽にどうぞ。\n",
        "他にご質問",
    ),
    "zh-opening": ("好的，以下是关于人工智能的文章。\n\n正文。\n\n再来。\n", "好的"),
    "zh-closing": ("导言。\n\n正文。\n\n正文2。\n\n希望这对你有帮助！\n", "希望"),
    "zh-anywhere": (
        "导言。\n\n作为一个AI语言模型，我无法浏览互联网。\n\n正文。\n\n正文二。\n\n结尾。\n",
        "作为",
    ),
    "fullwidth": ("Intro.\n\nBody.\n\nMore.\n\nＩ ｈｏｐｅ ｔｈｉｓ ｈｅｌｐｓ！\n", "Ｉ ｈｏｐｅ"),
}


@pytest.mark.parametrize("case", GEN002_BAD, ids=str)
def test_gen002_fires_where_the_phrase_is(case):
    body, needle = GEN002_BAD[case]
    hits = found(body, "GEN002")
    assert [(c, line) for c, line, _ in hits] == [("GEN002", line_of(body, needle))]
    line = (FM + body).split("\n")[hits[0][1] - 1]
    assert hits[0][2] == line.index(needle) + 1


GEN002_GOOD = {
    "quoted-in-sentence": "ChatGPT replied “As an AI language model, I cannot browse.” Funny.\n",
    "blockquote": "Intro.\n\n> As an AI language model, I cannot do that.\n",
    "code-block": "```\nCertainly! Here is the code you asked for.\n```\n",
    "inline-code": "`I hope this helps` is what it said.\n",
    "closing-phrase-mid-post": (
        "I hope this helps explain the design.\n\nBody one.\n\nBody two.\n\nBody three.\n"
    ),
    "opening-phrase-later": "Intro.\n\nBody.\n\nSure, here's the thing.\n\nMore.\n\nEnd.\n",
    "ja-human-preamble": "以下は Bram Moolenaar 氏のご家族から送られたメッセージです。\n\n本文。\n",
    "ja-human-closing": "本文。\n\n最後に、本書が少しでもみなさんのお役に立てれば幸いです。\n",
    "en-human-closing": "Intro.\n\nIf you have questions, feel free to ask on our community forums.\n",
    "en-human-let-me-know": "Intro.\n\nLet me know if I've said something wrong!\n",
    "about-ai": "Intro.\n\nAs an AI language model, ChatGPT cannot browse.\n\nMore.\n\nEnd.\n",
    "zh-human": "导言。\n\n希望对大家有帮助。\n",
    "heading": "## I hope this helps\n",
}


@pytest.mark.parametrize("case", GEN002_GOOD, ids=str)
def test_gen002_stays_silent(case):
    assert found(GEN002_GOOD[case], "GEN002") == []


def test_gen002_extra_phrase_options():
    body = (
        "In this essay we will delve into caches.\n\nBody.\n\nMore.\n\nThat wraps it up nicely.\n"
    )
    assert found(body, "GEN002") == []
    for option, needle in (
        ("extra-phrases", "In this essay we will delve"),
        ("extra-opening-phrases", "In this essay"),
        ("extra-closing-phrases", "That wraps it up"),
    ):
        hits = found(body, "GEN002", {"assistant-boilerplate": {option: [needle]}})
        assert [(c, line) for c, line, _ in hits] == [("GEN002", line_of(body, needle[:10]))]
    # The wildcard "…" stands for words within one sentence.
    hits = found(body, "GEN002", {"assistant-boilerplate": {"extra-phrases": ["In this…delve"]}})
    assert len(hits) == 1
    # An opening phrase does not count in the middle of the post.
    hits = found(body, "GEN002", {"assistant-boilerplate": {"extra-opening-phrases": ["More"]}})
    assert hits == []


def test_gen002_phrase_lists_are_data_per_language():
    phrases = builtin_phrases()
    assert set(phrases) == {"opening", "closing", "anywhere"}
    assert "I hope this helps" in phrases["closing"]
    assert "お役に立てれば幸いです" in phrases["closing"]
    assert "希望这对你有帮助" in phrases["closing"]


def test_gen_is_silent_on_hostile_input():
    for text in ("", "\x00\ufeff", "…" * 10000, "<|" * 5000, "</s>" * 2000, "[END]\n" * 3000):
        lint_text(text, "post.md", {"select": ["GEN"]})


def test_corpus_precision(corpus):
    from post_lint import lint_paths

    diags = lint_paths([corpus], {"select": ["GEN"]}, jobs=None)
    assert {d.path for d in diags} == set(), [(d.path, d.line, d.message) for d in diags][:5]


def test_every_ui_label_is_found_and_case_matters_only_for_tokens():
    """The line pre-filter must let every marker phrase through (続きを書いて
    was once filtered out) while 'friend' and 'end' do not wake it."""
    text = (
        "---\ntitle: t\n---\n\n本文の段落です。これは普通の文章です。\n\n続きを書いて\n\n"
        "A friend depends on the end of days.\n\n**Continue generating**\n\nSTOP GENERATING\n"
    )
    found = [(d.line, d.code) for d in lint_text(text, "a.md", {"select": ["GEN001"]})]
    assert found == [(7, "GEN001"), (11, "GEN001"), (13, "GEN001")]


# --------------------------------------------------------------------------
# GEN001: continuation labels (a marker kind of their own, post_lint.markers.LABEL)
# --------------------------------------------------------------------------

LABEL_LINES = [
    "(continued)",
    "(to be continued)",
    "--- continue ---",
    "[CONTINUE]",
    "=== END OF PART 1 ===",
    "（続く）",
    "（つづく）",
    "（未完待续）",
    "*(To be continued…)*",
    "— continued —",
]


@pytest.mark.parametrize("label", LABEL_LINES)
def test_gen001_label_between_paragraphs(label):
    body = f"First part of the text.\n\n{label}\n\nSecond part of the text.\n"
    diags = lint_text(FM + body, "post.md", {"select": ["GEN001"]})
    assert [(d.line, d.column, d.message) for d in diags] == [
        (7, 1, f"leaked continuation label '{label}'")
    ]
    assert fixed(body) == "First part of the text.\n\nSecond part of the text.\n"


def test_label_kind_is_exposed_by_the_scanner():
    from post_lint.markers import LABEL, scan

    post = Post.from_text(FM + "本文です。\n\n（続く）\n\n<|im_end|>\n\n次です。\n", "post.md")
    assert [(m.line, m.kind) for m in scan(post)] == [(7, LABEL), (9, "control-token")]


def test_gen001_label_after_a_cut_at_the_end_and_trn_sees_the_cut():
    body = "完成した文です。\n\nこの投資は未来を変える可能性を秘\n\n（続く）\n"
    diags = lint_text(FM + body, "post.md", {"select": ["GEN001", "TRN001"]})
    assert [(d.line, d.code) for d in diags] == [(7, "TRN001"), (9, "GEN001")]


@pytest.mark.parametrize(
    "body",
    [
        "This is the first part of my series.\n\nTo be continued...\n",
        "シリーズの第一回です。\n\n（続く）\n",
        "这是系列的第一篇。\n\n未完待续。\n",
        "(continued)\n\nThis post continues the last one.\n",
        "Part two. The end.\n\n（つづく）\n\n---\n\n[前回の記事](/a)\n",
        "Read the Continued fraction article.\n\nContinue reading\n\nMore.\n",
        "## Part 2\n\nText.\n\n## Part 3\n\nText.\n",
    ],
    ids=["en-series", "ja-series", "zh-series", "top", "footer-link", "words", "headings"],
)
def test_gen001_label_stays_silent_where_people_write_it(body):
    assert found(body, "GEN001") == []
