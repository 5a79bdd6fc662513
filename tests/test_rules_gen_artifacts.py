"""GEN003 chat-citation-residue, GEN004 unfilled-placeholder, GEN005 fenced-post,
GEN006 reasoning-leak, and the situation model of GEN002 (issue 14)."""

from __future__ import annotations

import pytest

from post_lint import Config, lint_text
from post_lint.fix import fix_post
from post_lint.post import Post
from post_lint.rules.placeholders import template_engines

from .conftest import CORPUS, EXAMPLES

FM = '---\ntitle: "T"\n---\n\n'


def diags(body: str, code: str, path: str = "post.md", fm: str = FM):
    return [d for d in lint_text(fm + body, path, {"select": [code]}) if d.code == code]


def found(body: str, code: str, **kw) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in diags(body, code, **kw)]


def fixed(body: str, unsafe: bool = False, fm: str = FM) -> str:
    post = Post.from_text(fm + body, "post.md")
    out = fix_post(post, Config.from_mapping({"select": ["GEN"]}), unsafe=unsafe).text
    return out[len(fm) :]


# --------------------------------------------------------------------------
# GEN002: the situation model, on wordings that are not in its data
# --------------------------------------------------------------------------

EN = "Rust is a language that many teams adopt for safety."
JA = "Rustは安全性のために多くのチームが採用している言語です。"
ZH = "Rust 是一门因安全性而被许多团队采用的语言。"

GEN002_BAD = [
    # (body, line, column, where, quoted start of the sentence)
    (
        f"{EN}\n\nBody.\n\nThe end. I hope this article helps! Let me know if you want any changes.\n",
        9,
        10,
        "closing",
        "I hope this article helps!",
    ),
    (
        "As requested, here is the post about caching.\n\nBody.\n\nEnd.\n",
        5,
        1,
        "opening",
        "As requested, here is the post about caching.",
    ),
    (
        "Happy to help! Here's a short piece on Rust.\n\nBody.\n\nEnd.\n",
        5,
        1,
        "opening",
        "Happy to help!",
    ),
    (
        "Sure thing! Below you'll find a polished draft.\n\nBody.\n\nEnd.\n",
        5,
        1,
        "opening",
        "Sure thing!",
    ),
    (
        f"{EN}\n\nBody.\n\nWould you like me to add a section on async?\n",
        9,
        1,
        "closing",
        "Would you like me to add a section on async?",
    ),
    (
        f"{EN}\n\nBody.\n\nIf you need any revisions, just let me know!\n",
        9,
        1,
        "closing",
        "If you need any revisions, just let me know!",
    ),
    (
        f"{EN}\n\nAs of my last knowledge update in 2023, the API was stable.\n\nEnd.\n",
        7,
        1,
        "anywhere",
        "As of my last knowledge update in 2023, the API was stable.",
    ),
    (
        f"{EN}\n\nKeep in mind that my training data only goes up to 2024.\n\nEnd.\n",
        7,
        1,
        "anywhere",
        "Keep in mind that my training data only goes up to 2024.",
    ),
    (
        f"{JA}\n\n本文。\n\n最後の段落です。他に修正したい点があればお知らせください。\n",
        9,
        9,
        "closing",
        "他に修正したい点があればお知らせください。",
    ),
    (
        f"{JA}\n\n本文。\n\n最後の段落です。他にも書いてほしいテーマがあれば、遠慮なくどうぞ。\n",
        9,
        9,
        "closing",
        "他にも書いてほしいテーマがあれば、遠慮なくどうぞ。",
    ),
    (
        "承知しました。以下はキャッシュに関するブログ記事です。\n\n本文。\n\n結び。\n",
        5,
        1,
        "opening",
        "承知しました。",
    ),
    (
        "了解しました！在宅勤務をテーマにしたブログ投稿を書きました。\n\n本文。\n\n結び。\n",
        5,
        1,
        "opening",
        "了解しました!",
    ),
    (
        f"{JA}\n\n私の知識は2023年までのものですが、開発は続いています。\n\n終わり。\n",
        7,
        1,
        "anywhere",
        "私の知識は2023年までのものですが、開発は続いています。",
    ),
    (
        f"{ZH}\n\n正文。\n\n这是最后一段。希望这篇文章对你有所帮助！如果还有其他问题，请随时告诉我。\n",
        9,
        8,
        "closing",
        "希望这篇文章对你有所帮助!",
    ),
    (
        f"{ZH}\n\n正文。\n\n如需进一步修改，请随时联系我。\n",
        9,
        1,
        "closing",
        "如需进一步修改,请随时联系我。",
    ),
    (
        "好的，以下是一篇关于缓存的博客文章。\n\n正文。\n\n结尾。\n",
        5,
        1,
        "opening",
        "好的,以下是一篇关于缓存的博客文章。",
    ),
    (
        f"{ZH}\n\n截至我的知识更新，该项目仍在维护。\n\n结尾。\n",
        7,
        1,
        "anywhere",
        "截至我的知识更新,该项目仍在维护。",
    ),
]


@pytest.mark.parametrize("case", GEN002_BAD, ids=[c[4][:24] for c in GEN002_BAD])
def test_gen002_model_finds_the_situation(case):
    body, line, column, where, sentence = case
    assert found(body, "GEN002") == [
        (
            line,
            column,
            f"assistant boilerplate ({where}): '{sentence[:59] + '…' if len(sentence) > 60 else sentence}'",
        )
    ]


GEN002_GOOD = {
    "human-en-closing": f"{EN}\n\nBody.\n\nLet me know in the comments if I got something wrong.\n",
    "human-en-forum": f"{EN}\n\nIf you have any questions, feel free to ask on our forums.\n",
    "human-en-modify": f"{EN}\n\nFeel free to modify the theme however you'd like.\n",
    "human-en-here": "Here's a text version of the comic:\n\nBody.\n\nEnd.\n",
    "human-en-release": "Here is an initial official release of a stable version.\n\nBody.\n",
    "human-ja-feedback": f"{JA}\n\n本文。\n\n間違いがあればTwitterで教えてください。\n",
    "human-ja-hope": f"{JA}\n\n本文。\n\nこの記事が誰かの参考になれば幸いです。\n",
    "human-zh-comments": f"{ZH}\n\n如果你有任何问题，欢迎在评论区留言。\n",
    "human-zh-suggest": f"{ZH}\n\n各位若有任何建议，请随时与我联系，我会尽量采纳读者的意见。\n",
    "quoted-en": f"{EN}\n\nBody.\n\nThe bot replied “Let me know if you want any changes.” Odd.\n",
    "blockquote": f"{EN}\n\n> As an AI language model, I cannot browse.\n\nEnd.\n",
    "backticks": f"{EN}\n\nIt prints `As of my last knowledge update` first.\n\nEnd.\n",
    "about-ai": f"{EN}\n\nAs an AI language model, ChatGPT cannot browse.\n\nEnd.\n",
    "quoted-ja": f"{JA}\n\n「他に修正したい点があればお知らせください」とAIは言った。\n",
    "zh-about-ai": f"{ZH}\n\n作为一个AI语言模型，ChatGPT 无法联网。\n\n结尾。\n",
}


@pytest.mark.parametrize("case", GEN002_GOOD, ids=str)
def test_gen002_model_is_silent_on_people_and_quotes(case):
    assert found(GEN002_GOOD[case], "GEN002") == []


def test_gen002_extra_cues_extend_the_model():
    body = "Sure! Here is the whitepaper about caches.\n\nBody.\n\nEnd.\n"
    assert found(body, "GEN002") == []
    rules = {"assistant-boilerplate": {"extra-cues": {"text-type": ["whitepaper"]}}}
    config = {"select": ["GEN002"], "rules": rules}
    got = [(d.line, d.code) for d in lint_text(FM + body, "post.md", config)]
    assert got == [(5, "GEN002")]


# --------------------------------------------------------------------------
# GEN003 chat-citation-residue
# --------------------------------------------------------------------------

RESIDUE = (
    "Rust 1.0 shipped in 2015. :contentReference[oaicite:0]{index=0}\n\n"  # 5
    "Tokio is popular【4†source】 and fast [1†L10-L20].\n\n"  # 7
    "It grew.\ue200cite\ue202turn0search3\ue201 And citeturn0search3turn0news1 too.\n\n"  # 9
    'Ask \ue200entity\ue202["people","Ada Lovelace"]\ue201 about it.\n\n'  # 11
    "東京は大きい【3:1†notes.pdf】。\n\n"  # 13
    "北京很大 citeturn1news4。\n"  # 15
)


def test_gen003_finds_each_kind_of_residue():
    assert found(RESIDUE, "GEN003") == [
        (5, 27, "chat citation residue ':contentReference[oaicite:0]{index=0}'"),
        (7, 17, "chat citation residue '【4†source】'"),
        (7, 37, "chat citation residue '[1†L10-L20]'"),
        (9, 9, "chat citation residue 'citeturn0search3'"),
        (9, 33, "chat citation residue 'citeturn0search3turn0news1'"),
        (11, 5, 'chat citation residue \'entity["people","Ada Lovelace"]\''),
        (13, 7, "chat citation residue '【3:1†notes.pdf】'"),
        (15, 6, "chat citation residue 'citeturn1news4'"),
    ]


def test_gen003_safe_fix_removes_residue_and_keeps_the_text():
    assert fixed(RESIDUE) == (
        "Rust 1.0 shipped in 2015.\n\n"
        "Tokio is popular and fast.\n\n"
        "It grew. And too.\n\n"
        "Ask Ada Lovelace about it.\n\n"
        "東京は大きい。\n\n"
        "北京很大。\n"
    )


def test_gen003_tracking_parameter():
    body = (
        "See [docs](https://doc.rust-lang.org/?utm_source=chatgpt.com) and "
        "[x](https://x.io/a?b=1&utm_source=chatgpt.com&c=2) and "
        "[y](https://y.io/?utm_source=openai&lang=ja).\n"
    )
    assert found(body, "GEN003") == [
        (5, 39, "link carries a chat tracking parameter 'utm_source=chatgpt.com'"),
        (5, 90, "link carries a chat tracking parameter 'utm_source=chatgpt.com'"),
        (5, 140, "link carries a chat tracking parameter 'utm_source=openai'"),
    ]
    assert fixed(body) == (
        "See [docs](https://doc.rust-lang.org/) and [x](https://x.io/a?b=1&c=2) and "
        "[y](https://y.io/?lang=ja).\n"
    )


GEN003_GOOD = {
    "inline-code": "ChatGPT writes `:contentReference[oaicite:0]{index=0}` and `【4†source】`.\n",
    "code-block": "```\ncite\ue202turn0search3 【4†source】\n```\n",
    "other-utm": "[a](https://x.io/?utm_source=newsletter&utm_medium=email)\n",
    "quote": "> It said 【4†source】.\n",
    "dagger-prose": "The † marks deceased members; see [1] and [2].\n",
    "excite": "Citations excite me; the turn0 key is cool.\n",
}


@pytest.mark.parametrize("case", GEN003_GOOD, ids=str)
def test_gen003_stays_silent(case):
    assert found(GEN003_GOOD[case], "GEN003") == []


def test_gen003_front_matter_residue_is_found_and_fixed():
    fm = '---\ntitle: "Rust"\ndescription: "Fast. :contentReference[oaicite:1]{index=1}"\n---\n\n'
    assert found("Text.\n", "GEN003", fm=fm) == [
        (3, 21, "chat citation residue ':contentReference[oaicite:1]{index=1}'")
    ]
    post = Post.from_text(fm + "Text.\n", "post.md")
    out = fix_post(post, Config.from_mapping({"select": ["GEN003"]})).text
    assert 'description: "Fast."\n' in out


# --------------------------------------------------------------------------
# GEN004 unfilled-placeholder
# --------------------------------------------------------------------------


def test_gen004_finds_slots_in_three_languages():
    body = (
        "According to [Insert statistic here], most teams use Rust. Signed, [Your Name].\n\n"  # 5
        "株式会社〇〇の売上はXX%伸びました。（ここに画像を挿入）\n\n"  # 7
        "这里【在此插入图片】，XX公司的经验。\n\n"  # 9
        "TODO: add link\n\n"  # 11
        "Lorem ipsum dolor sit amet.\n\n"  # 13
        "Try {{ product_name }} today.\n"  # 15
    )
    assert found(body, "GEN004") == [
        (5, 14, "unfilled placeholder '[Insert statistic here]'"),
        (5, 68, "unfilled placeholder '[Your Name]'"),
        (7, 1, "unfilled placeholder '株式会社〇〇'"),
        (7, 11, "unfilled placeholder 'XX%'"),
        (7, 20, "unfilled placeholder '（ここに画像を挿入）'"),
        (9, 3, "unfilled placeholder '【在此插入图片】'"),
        (9, 12, "unfilled placeholder 'XX公司'"),
        (11, 1, "unfilled placeholder 'TODO: add link'"),
        (13, 1, "unfilled placeholder 'Lorem ipsum'"),
        (
            15,
            5,
            "unfilled placeholder '{{ product_name }}' (a template slot in a post that no"
            " template engine renders)",
        ),
    ]
    # A human must decide what goes in a slot: no fix.
    assert all(d.fix is None for d in diags(body, "GEN004"))


GEN004_GOOD = {
    "link": "[Your Game Doesn't Need UDP (Yet)](https://x.io) is an article.\n",
    "image": "![名前付きのみ](/a.png) and ![插入幽灵符](/b.png)\n",
    "reference": "See [Insert mode][ins].\n\n[ins]: https://vim.org\n",
    "shortcut-ref": "See [insert mode].\n\n[insert mode]: https://vim.org\n",
    "code": "Use `[Your Name]` and:\n\n```\n{{ product_name }} [Insert here]\n```\n",
    "js": 'Call $("a[name=" + anchor + "]") to select.\n',
    "figure-of-speech": "「サンプル1の場合は〇〇ですが」と話すのは良くない。○○の視点。\n",
    "math": "面積が$xX$となる。报告都是xx.xx%形式。\n",
    "todo-other": "TODO: uncomment this when signing is in place.\n",
    "task-list": "- [ ] write docs\n- [x] ship\n",
    "citation-needed": "That is the best editor [citation needed].\n",
    "hugo-shortcode": '{{< figure src="x.png" >}} and {{ product_name }} here.\n',
    "liquid-object": "Welcome to {{ site.title }}, {{ page.author | upcase }}.\n",
    "liquid-tag": "{% include note.html %}\n\nHello {{ first_name }}.\n",
    "go-template": "The {{ .Title }} and {{ range .Pages }}{{ end }}.\n",
    "zola-call": '{{ get_url(path="a") }} and {{ resize_image(path="x") }}\n',
    "unpadded": "The {{name_x}} form is an example.\n",
}


@pytest.mark.parametrize("case", GEN004_GOOD, ids=str)
def test_gen004_stays_silent(case):
    assert found(GEN004_GOOD[case], "GEN004") == []


@pytest.mark.parametrize(
    "path, fm, engines",
    [
        ("post.md", FM, set()),
        ("_posts/2024-01-01-a.md", FM, {"liquid"}),
        ("content/post/a.md", FM, {"hugo"}),
        ("src/posts/a.md", FM, {"liquid"}),
        ("source/_posts/a.md", FM, {"liquid"}),
        ("post.mdx", FM, {"mdx"}),
        ("post.md", '+++\ntitle = "T"\n+++\n\n', {"hugo"}),
        ("post.md", "---\ntitle: T\nlayout: post\n---\n\n", {"liquid"}),
        ("post.md", "---\ntitle: T\neleventyNavigation:\n  key: a\n---\n\n", {"liquid"}),
    ],
)
def test_template_engines_from_the_posts_own_evidence(path, fm, engines):
    post = Post.from_text(fm + "Text {{ product_name }}.\n", path)
    assert template_engines(post) == engines
    hits = diags("Text {{ product_name }}.\n", "GEN004", path=path, fm=fm)
    assert bool(hits) == (not engines)


def test_gen004_front_matter_key_is_a_template_variable():
    fm = '---\ntitle: "T"\nproduct_name: Widget\n---\n\n'
    assert found("Try {{ product_name }}.\n", "GEN004", fm=fm) == []


# --------------------------------------------------------------------------
# GEN005 fenced-post
# --------------------------------------------------------------------------

POST_IN_FENCE = "```markdown\n# Rust in 2025\n\nRust is loved.\n\n## Why\n\nIt is safe.\n```\n"


def test_gen005_body_in_a_markdown_fence():
    body = "Here is the blog post:\n\n" + POST_IN_FENCE
    assert found(body, "GEN005") == [
        (7, 1, "the body is wrapped in a ```markdown code fence (lines 7-15)")
    ]
    assert fixed(body) == (
        "Here is the blog post:\n\n# Rust in 2025\n\nRust is loved.\n\n## Why\n\nIt is safe.\n"
    )


def test_gen005_whole_file_with_front_matter_inside():
    text = "```md\n---\ntitle: Rust\n---\n\n# Rust\n\n本文です。\n\n次の段落です。\n```"
    got = [(d.line, d.message) for d in lint_text(text, "post.md", {"select": ["GEN005"]})]
    assert got == [(1, "the post is wrapped in a ```md code fence (lines 1-11)")]
    out = fix_post(Post.from_text(text, "post.md"), Config.from_mapping({"select": ["GEN005"]}))
    assert out.text == "---\ntitle: Rust\n---\n\n# Rust\n\n本文です。\n\n次の段落です。\n"
    assert Post.from_text(out.text, "post.md").front_matter.data == {"title": "Rust"}


def test_gen005_unclosed_fence_and_no_info_string():
    body = "```\n# 标题\n\n第一段正文。\n\n第二段正文。\n"
    assert found(body, "GEN005") == [
        (5, 1, "the body is wrapped in a ``` code fence (lines 5-10, never closed)")
    ]
    assert fixed(body) == "# 标题\n\n第一段正文。\n\n第二段正文。\n"


GEN005_GOOD = {
    "template-page": (
        "## A template\n\nConceptual articles answer questions.\n\nWhile a spec helps readers,"
        " a concept article gives depth and context for the reader.\n\nUse this template:\n\n"
        "```md\n---\ntitle: x\n---\n\n## <Section 1>\n\nAdd content here.\n\n## <Section 2>\n```\n"
    ),
    "code-sample": "Output:\n\n```\n# comment\nx = 1;\ny = 2;\nprint(x)\n```\n",
    "pasted-reference": (
        "现将 reference 粘贴如下：\n\n```\n**nlmin** Reference\n\n# Note that\n\ntext\n```\n\n感慨一句。\n"
    ),
    "short-fence": "Some text.\n\n```markdown\n# A\n```\n",
    "python": "```python\n# Title\n\nx = 1\n\ny = 2\n```\n",
}


@pytest.mark.parametrize("case", GEN005_GOOD, ids=str)
def test_gen005_stays_silent(case):
    assert found(GEN005_GOOD[case], "GEN005") == []


# --------------------------------------------------------------------------
# GEN006 reasoning-leak
# --------------------------------------------------------------------------


def test_gen006_think_block_and_fix():
    body = (
        "<think>\nThe user wants a post.\n\nLet me outline it.\n</think>\n\nRust is a language.\n"
    )
    assert found(body, "GEN006") == [
        (5, 1, "reasoning leak: a '<think>' block (lines 5-9) left in the post")
    ]
    assert fixed(body) == "Rust is a language.\n"


def test_gen006_inline_think_block():
    body = "Rust is fast.<think>check this</think> It is safe.\n"
    assert found(body, "GEN006") == [
        (5, 14, "reasoning leak: a '<think>' block (line 5) left in the post")
    ]
    assert fixed(body) == "Rust is fast. It is safe.\n"


def test_gen006_close_tag_only_has_an_unsafe_fix():
    body = "用户想要一篇关于缓存的文章。我应该先写引言。\n</think>\n\n缓存很重要。\n"
    assert found(body, "GEN006") == [
        (
            6,
            1,
            "reasoning leak: '</think>' closes a reasoning block that has no opening tag"
            " (the text above it is the model's reasoning)",
        )
    ]
    (d,) = diags(body, "GEN006")
    assert d.fix is not None and d.fix.applicability == "unsafe"
    assert fixed(body) == body
    assert fixed(body, unsafe=True) == "缓存很重要。\n"


@pytest.mark.parametrize(
    "label",
    [
        "Thought for 12 seconds",
        "**Reasoned for 8s**",
        "12 秒間思考",
        "已深度思考（用时 12 秒）",
        "思考了 7 秒",
    ],
)
def test_gen006_timer_labels_are_removed(label):
    body = f"{label}\n\nRust is a language.\n\nMore.\n"
    assert found(body, "GEN006") == [(5, 1, f"reasoning leak: chat reasoning label '{label}'")]
    assert fixed(body) == "Rust is a language.\n\nMore.\n"


@pytest.mark.parametrize(
    "para, shown",
    [
        (
            "Okay, so the user wants me to write a blog post about Rust.",
            "Okay, so the user wants me to write a bl",
        ),
        (
            "好的，用户让我写一篇关于缓存的博客。我需要先确定结构。",
            "好的，用户让我写一篇关于缓存的博客。我需要先确定结构。",
        ),
        (
            "ユーザーはキャッシュについての記事を求めている。構成を考えよう。",
            "ユーザーはキャッシュについての記事を求めている。構成を考えよう。",
        ),
    ],
)
def test_gen006_inner_voice_at_the_opening(para, shown):
    body = f"{para}\n\nRust is a language.\n\nMore.\n"
    assert found(body, "GEN006") == [
        (5, 1, f"reasoning leak: the model's notes to itself ('{shown}…')")
    ]


def test_gen006_header_is_reported_without_fix():
    body = "思考过程：\n用户想了解缓存。\n\n缓存很重要。\n"
    (d,) = diags(body, "GEN006")
    assert (d.line, d.message, d.fix) == (5, "reasoning leak: reasoning header '思考过程：'", None)


GEN006_GOOD = {
    "code": "```\n<think>x</think>\n```\n\nUse `<think>` tags.\n",
    "quote": "> Thought for 12 seconds\n\nText.\n",
    "sentence": "I thought for 12 seconds before answering.\n",
    "user-later": "Intro.\n\nBody.\n\nMore.\n\nThe user wants a fast page, so we cache.\n",
    "html": "<details>\n<summary>Thinking</summary>\nx\n</details>\n",
}


@pytest.mark.parametrize("case", GEN006_GOOD, ids=str)
def test_gen006_stays_silent(case):
    assert found(GEN006_GOOD[case], "GEN006") == []


# --------------------------------------------------------------------------
# Fixes keep every sentence; the worked example; the corpora
# --------------------------------------------------------------------------


def _once(text: str) -> set[str]:
    from post_lint.text import split_sentences

    counts: dict[str, int] = {}
    for line in text.split("\n"):
        for s in split_sentences(line):
            if len(s) >= 8:
                counts[s] = counts.get(s, 0) + 1
    return {s for s, c in counts.items() if c == 1}


def test_fix_removes_every_fixable_kind_and_keeps_every_sentence():
    original = (
        "Rust is a language that many teams adopt for safety.\n\n"
        "The borrow checker rejects programs that would race.\n\n"
        "東京は大きい都市です。\n\n北京是一座大城市。\n"
    )
    damaged = (
        "<think>\nThe user wants a post.\n</think>\n\n"
        "Thought for 3 seconds\n\n"
        "```markdown\n"
        "Rust is a language that many teams adopt for safety. :contentReference[oaicite:0]{index=0}\n\n"
        "The borrow checker rejects programs that would race.【4†source】 "
        "[x](https://x.io/?utm_source=chatgpt.com)\n\n"
        "東京は大きい都市です。\ue200cite\ue202turn0search3\ue201\n\n北京是一座大城市。\n"
        "```\n"
    )
    out = fixed(damaged)
    assert lint_text(FM + out, "post.md", {"select": ["GEN003", "GEN005", "GEN006"]}) == []
    assert _once(original) <= _once(out)
    assert "[x](https://x.io/)" in out


def test_worked_example_fix_and_findings_unchanged():
    text = (EXAMPLES / "seed-alibaba-ja.md").read_text(encoding="utf-8")
    got = [(d.line, d.code) for d in lint_text(text, "seed.md", {"select": ["GEN"]})]
    assert got == [(line, "GEN001") for line in (50, 68, 86, 103, 116, 129, 142, 153)]


def test_corpus_docs_precision():
    docs = CORPUS.parent / "corpus-docs"
    if not docs.is_dir():
        pytest.skip("../shared/corpus-docs is not present")
    from post_lint import lint_paths

    found_ = lint_paths([docs], {"select": ["GEN"]}, jobs=None)
    assert [(d.path, d.line, d.code) for d in found_] == []
