"""DUP: repeated, near-duplicate and merged paragraphs, the title repeated.

Exact code-and-line assertions on the worked example and on English,
Japanese and Chinese posts; silence where repeats are deliberate or not
prose; the fixes applied with :func:`post_lint.fix.fix_post`, checked on the
text, never removing the only occurrence of a sentence.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from post_lint import lint_text
from post_lint.config import Config
from post_lint.fix import fix_post
from post_lint.linter import check_post
from post_lint.post import Post
from post_lint.text import normalize, split_sentences

from . import helpers
from .conftest import EXAMPLES, FIXTURES
from .helpers import lint

SEED = EXAMPLES / "seed-alibaba-ja.md"
DUP = {"select": ["DUP"]}


def found(text: str, config: dict | None = None, path: str = "post.md") -> list[tuple[str, int]]:
    return helpers.found(text, config=config or DUP, path=path)


def diagnostics(text: str, config: dict | None = None, path: str = "post.md"):
    return lint(text, config=config or DUP, path=path)


def fixed(text: str, *, unsafe: bool = True, config: dict | None = None) -> str:
    return helpers.fixed(text, config=config or DUP, unsafe=unsafe)


def post(*paragraphs: str, title: str = "A post about builds") -> str:
    return f'---\ntitle: "{title}"\n---\n\n' + "\n\n".join(paragraphs) + "\n"


EN_A = (
    "We build the site on every push to the main branch and publish the result to "
    "the gh-pages branch, so nobody has to remember a manual step."
)
EN_B = (
    "The workflow caches the Ruby gems between runs, which brings a cold build down "
    "from four minutes to well under one."
)
EN_C = (
    "Small changes are easier to review, so we split large features into a series of "
    "pull requests that can each be merged on their own."
)
JA_A = "静的サイトジェネレーターを選ぶときは、ビルドの速さだけでなく、テーマの豊富さやコミュニティの活発さも大切な判断材料になります。"
JA_B = "記事が千本を超えるような大きなサイトでは、インクリメンタルビルドに対応しているかどうかで日々の執筆体験が大きく変わります。"
ZH_A = "迁移到静态网站之后，服务器的维护成本大幅下降，页面加载速度也明显提升，读者的反馈非常积极。"
ZH_B = "我们把所有文章都转换成了 Markdown 格式，并用版本控制系统来管理每一次修改和每一条评论。"


# -- the worked example ------------------------------------------------------------------


SEED_EXPECTED = sorted(
    [("DUP004", 12), ("DUP003", 30), ("DUP002", 66), ("DUP002", 84), ("DUP002", 105)]
    + [("DUP001", n) for n in (72, 74, 76, 78, 80, 82, 88, *range(90, 101, 2), 102, 118)]
    + [("DUP001", n) for n in (*range(120, 129, 2), 131, *range(133, 142, 2))]
    + [("DUP001", n) for n in range(144, 153, 2)],
    key=lambda x: (x[1], x[0]),
)


def test_worked_example_every_repeat_at_its_line_and_nothing_on_first_occurrences():
    got = found(SEED.read_text(encoding="utf-8"), path="seed-alibaba-ja.md")
    assert got == SEED_EXPECTED


def test_worked_example_messages_name_the_first_occurrence():
    by_line = {d.line: d for d in diagnostics(SEED.read_text(encoding="utf-8"))}
    assert by_line[12].message == "paragraph repeats the front-matter title"
    assert by_line[30].message == (
        "paragraph runs together 9 other paragraphs (lines 12, 14, 16, 18, 20, 22, 24, 26, 28)"
    )
    assert by_line[66].message == "paragraph is a truncated copy of the one at line 48"
    assert by_line[84].message == "paragraph repeats and completes the one at line 48"
    assert by_line[105].message == "paragraph repeats part of the one at line 84"
    assert by_line[72].message == "paragraph repeats the one at line 54"
    assert by_line[90].message == "paragraph repeats the one at line 54 (3rd occurrence)"
    # The copy ends with a leaked ---END--- line (a lazy continuation line):
    # the marker is ignored and the copy's range covers it.
    assert by_line[102].message == "paragraph repeats the one at line 84"
    assert (by_line[102].end_line, by_line[102].end_column) == (103, 10)
    assert by_line[144].message == "paragraph repeats the one at line 107 (4th occurrence)"
    assert by_line[152].message == "paragraph repeats the one at line 115 (4th occurrence)"


def complete_sentences(text: str) -> set[str]:
    out: set[str] = set()
    for block in Post.from_text(text).blocks:
        if block.kind == "paragraph":
            for s in split_sentences(block.prose):
                s = normalize(s)
                if len(s) >= 8 and re.search(r"[。！？!?.]$", s) and not s.startswith(("...", "…")):
                    out.add(s)
    return out


def test_worked_example_dup_fixes_lose_no_sentence_and_are_stable():
    original = SEED.read_text(encoding="utf-8")
    once = fixed(original)
    assert len(once) < len(original) * 0.6  # the copies are gone
    flat = normalize(once)
    title = normalize(Post.from_text(original).title or "")
    lost = [s for s in complete_sentences(original) if s not in flat and s != title]
    assert not lost, lost[:3]
    assert "\n\n\n" not in once
    assert fixed(once) == once
    # What DUP still reports has no lossless fix: near-copies with edits.
    left = diagnostics(once)
    assert all(d.fix is None for d in left), [(d.code, d.line) for d in left]
    assert {d.code for d in left} <= {"DUP002"}


# -- fixtures: their exact output is a snapshot beside each (tests/test_fixtures.py) ---


def test_merged_paragraph_messages_name_its_parts():
    by_code = {
        d.code: d
        for d in diagnostics((FIXTURES / "DUP003/bad/2024-07-02-merged-ja.md").read_text())
    }
    assert by_code["DUP003"].message == "paragraph runs together 3 other paragraphs (lines 5, 7, 9)"
    zh = diagnostics((FIXTURES / "DUP003/bad/2024-07-03-merged-first-zh.md").read_text())
    assert [d.message for d in zh] == ["paragraph runs together 2 other paragraphs (lines 7, 9)"]


# -- DUP001 -------------------------------------------------------------------------------


def test_exact_repeat_ignores_markup_case_width_and_markers():
    text = post(EN_A, EN_B, "**" + EN_A.upper() + "**\n---END---", EN_C)
    assert found(text) == [("DUP001", 9)]
    ja = post(JA_A, JA_B, JA_A.replace("、", "、 ").replace("テーマ", "*テーマ*"))
    assert found(ja) == [("DUP001", 9)]
    zh = post(ZH_B, ZH_A, ZH_B.replace("，", ", ").replace("Markdown", "Ｍａｒｋｄｏｗｎ"))
    assert found(zh) == [("DUP001", 9)]


def test_every_later_copy_is_reported_against_the_first():
    text = post(EN_A, EN_B, EN_A, EN_C, EN_A)
    got = diagnostics(text)
    assert [(d.code, d.line, d.message) for d in got] == [
        ("DUP001", 9, "paragraph repeats the one at line 5"),
        ("DUP001", 13, "paragraph repeats the one at line 5 (3rd occurrence)"),
    ]


def test_not_prose_is_never_compared():
    code = "```sh\nbundle exec jekyll build --destination _site --incremental --trace\n```"
    table = "| a | b |\n|---|---|\n| one long enough cell | another long enough cell here |"
    html = (
        '<div class="note">\nThis is an HTML block that is long enough to be compared here.\n</div>'
    )
    link = "[A link whose text is long enough to count as a paragraph](https://example.com/)"
    image = "![An image whose alt text is long enough to count as words](/img/a.png)"
    math = "$$\nf(x) = \\sum_{n=0}^{\\infty} \\frac{x^n}{n!} \\quad \\text{for every real number } x\n$$"
    card = "**A link card title that is long enough to count as words**\nhttps://example.com/a-post"
    liquid = "{% highlight ruby %}\ndef foo(*args, **kwargs, &block)\n  target(*args, **kwargs, &block)\nend\n{% endhighlight %}"
    blocks = [code, table, html, link, image, math, card, liquid, "Thanks for reading!"]
    assert found(post(*blocks, *blocks)) == []


def test_liquid_highlight_is_code_across_blank_lines_but_raw_is_prose():
    code = "def foo(alpha, beta, gamma, delta, epsilon, zeta, eta, theta)\n  bar(alpha, beta)"
    highlight = "{% highlight ruby %}\n" + code + "\n\n" + code + "\n{% endhighlight %}"
    assert found(post(highlight, EN_A)) == []
    raw = "{% raw %}\n\n" + EN_A + "\n\n" + EN_A + "\n\n{% endraw %}"
    assert found(post(raw)) == [("DUP001", 9)]


def test_short_paragraphs_use_a_measure_fair_to_cjk():
    seven_words = "Run the tests before you push again."
    eight_words = "Run all the tests before you push it again."
    assert found(post(seven_words, EN_B, seven_words)) == []
    assert found(post(eight_words, EN_B, eight_words)) == [("DUP001", 9)]
    ja_short = "詳しくは公式ドキュメントを参照してください。"  # 21 kanji/kana: 7 words
    ja_long = "詳しい設定方法については公式ドキュメントを参照してください。"  # 27: 9 words
    assert found(post(ja_short, JA_B, ja_short)) == []
    assert found(post(ja_long, JA_B, ja_long)) == [("DUP001", 9)]
    zh = "更多细节请参考官方文档中关于部署的章节说明。"  # 21 hanzi: 7 words
    assert found(post(zh, ZH_B, zh)) == []
    assert found(
        post(zh, ZH_B, zh), {"select": ["DUP"], "rules": {"DUP001": {"min-words": 7}}}
    ) == [("DUP001", 9)]


def test_list_items_and_quotes_need_their_options():
    item = "- " + EN_A
    quote = "> " + EN_B
    text = post(item, "Then the second part.", item, quote, EN_C, quote)
    assert found(text) == []
    cfg = {"select": ["DUP001"], "rules": {"DUP001": {"list-item-min-words": 8, "quotes": True}}}
    assert found(text, cfg) == [("DUP001", 9), ("DUP001", 15)]
    # A list item is not compared with top-level prose (summary, then details).
    assert found(post(EN_A, "- " + EN_A), cfg) == []


def test_section_boilerplate_is_allowed_unless_configured():
    """A paragraph repeated at the same place of parallel sections (opening
    each, closing each) is per-section boilerplate; one copied into the middle
    of another section is not."""
    text = post("## Version 2.4", EN_A, "## Version 2.3", EN_A, "## Notes", EN_B, EN_A)
    assert found(text) == []  # each copy opens or closes a sibling section
    cfg = {"select": ["DUP001"], "rules": {"DUP001": {"allow-section-boilerplate": False}}}
    assert found(text, cfg) == [("DUP001", 11), ("DUP001", 17)]
    middle = post(
        "## Version 2.4", EN_A, EN_C, "## Notes", EN_B, EN_A, EN_C.replace("Small", "Big")
    )
    assert found(middle) == [("DUP001", 15)]  # second in one section, first in the other
    same_heading = post("## Setup", EN_A, "## Setup", EN_A)
    assert found(same_heading) == [("DUP001", 11)]


def test_inline_comment_silences_a_deliberate_repeat():
    text = post(EN_A, EN_B, "<!-- post-lint-disable-next-line DUP001 -->", EN_A)
    assert found(text) == []


# -- DUP002 -------------------------------------------------------------------------------

FIFTY_WORDS = (
    "Our team moved the documentation site from a custom Django application to a static "
    "generator last spring and the results surprised everyone involved because pages now "
    "load in a fraction of the time while the hosting bill dropped to almost nothing and "
    "writers can preview their changes locally without help"
)


@pytest.mark.parametrize(
    "positions", [(2, 14, 27, 40), (0, 1, 2, 3), (10, 20, 30, 45), (5, 6, 30, 49)]
)
def test_fifty_word_paragraph_with_four_words_changed_is_a_near_duplicate(positions):
    words = FIFTY_WORDS.split()
    assert len(words) == 50
    edited = list(words)
    # Ordinary words, as a regenerated paragraph changes them (a word with
    # digits or capitals would be a name: parallel text about another thing).
    for i, word in zip(positions, ("homegrown", "autumn", "pleased", "quarter")):
        edited[i] = word
    text = post(FIFTY_WORDS + ".", EN_B, " ".join(edited) + ".")
    got = diagnostics(text)
    assert [(d.code, d.line) for d in got] == [("DUP002", 9)]
    assert got[0].message.startswith("paragraph nearly repeats the one at line 5 (")
    assert got[0].fix is None  # edits: a person decides


def test_japanese_paragraph_with_a_clause_reworded_is_a_near_duplicate():
    first = (
        "新しいビルドパイプラインを導入してから、記事を公開するまでの時間が大幅に短くなりました。"
        "以前は手作業で画像を圧縮し、リンク切れを確認してからでないと公開できませんでしたが、"
        "今ではプッシュするだけで自動的にすべての確認が終わります。"
    )
    second = first.replace("大幅に短くなりました", "ずいぶん短縮されました")
    assert found(post(first, JA_B, second)) == [("DUP002", 9)]


def test_shared_opening_or_topic_is_not_a_near_duplicate():
    opening = "In this post I want to explain "
    a = opening + (
        "why we stopped rendering pages on the server, what it cost us in the first month, "
        "and which of our fears turned out to be unfounded once it ran in production."
    )
    b = opening + (
        "how the review process for documentation works now that every change is a pull "
        "request, and who approves what before a page goes out to readers."
    )
    c = (
        "Rendering pages on the server cost us more than we thought: the first month after "
        "the move showed that most of our fears about static hosting were unfounded."
    )
    assert found(post(a, b, c)) == []
    zh_a = "维护静态网站时，最需要注意的是旧链接的重定向。为了不丢失搜索引擎带来的读者，我们在迁移之前把所有文章的地址整理成了一张对照表，并逐条检查了新地址是否可以访问。"
    zh_b = "维护静态网站时，另一件需要注意的事情是图片的大小。直接上传相机拍摄的照片会让页面变得很慢，所以我们在构建之前自动压缩并转换图片格式，作者完全不用操心。"
    assert found(post(zh_a, zh_b)) == []


def test_truncated_first_attempt_then_complete_one():
    text = (FIXTURES / "DUP002/bad/2024-04-03-prefix-en.md").read_text()
    (d,) = diagnostics(text)
    assert (d.code, d.line, d.message) == (
        "DUP002",
        9,
        "paragraph repeats and completes the one at line 5",
    )
    # The fix removes the truncated first attempt, which the second contains.
    assert d.fix is not None and d.fix.applicability == "unsafe"
    out = fixed(text)
    assert "edited.\nCaching that partial" in out
    assert out.count("When we first measured the build") == 1


def test_truncated_copy_after_the_complete_one():
    text = (FIXTURES / "DUP002/bad/2024-04-05-truncated-ja.md").read_text()
    (d,) = diagnostics(text)
    assert d.message == "paragraph is a truncated copy of the one at line 5"
    out = fixed(text)
    assert out.count("キャッシュを導入した結果") == 1
    assert out.rstrip().endswith("九割以上の時間を節約できました。")


def test_a_sentence_quoted_inside_a_long_paragraph_is_not_a_repeat():
    long = EN_A + " " + EN_B + " " + EN_C + " And then we wrote it all down for the next team."
    assert found(post(EN_A + " Really.", EN_B + " Twice.", long)) == []


# -- DUP003 -------------------------------------------------------------------------------


def test_merged_paragraph_without_separators():
    run_on = EN_A + EN_B  # "...step.The workflow..."
    assert found(post(EN_A, EN_B, EN_C, run_on)) == [("DUP003", 11)]
    ja = post(JA_A, JA_B, JA_A + JA_B)
    assert found(ja) == [("DUP003", 9)]


def test_merged_paragraph_is_reported_once_even_when_repeated():
    text = post(EN_A, EN_B, EN_A + " " + EN_B, EN_C, EN_A + " " + EN_B)
    assert found(text) == [("DUP003", 9), ("DUP001", 13)]


def test_merged_fix_only_when_every_part_stands_elsewhere():
    whole = post(EN_A, EN_B, EN_A + " " + EN_B)
    (d,) = diagnostics(whole)
    assert d.fix is not None and d.fix.applicability == "unsafe"
    assert fixed(whole) == post(EN_A, EN_B)
    assert fixed(whole, unsafe=False) == whole
    extra = " This sentence stands nowhere else in the post, so it must stay."
    partial = post(EN_A, EN_B, EN_A + " " + EN_B + extra)
    (d,) = diagnostics(partial)
    assert d.code == "DUP003" and "% of it" in d.message and d.fix is None
    assert fixed(partial) == partial


def test_min_parts_option():
    text = post(EN_A, EN_B, EN_C, EN_A + " " + EN_B)
    cfg = {"select": ["DUP003"], "rules": {"merged-paragraphs": {"min-parts": 3}}}
    assert found(text, cfg) == []
    assert found(post(EN_A, EN_B, EN_C, EN_A + " " + EN_B + " " + EN_C), cfg) == [("DUP003", 11)]


# -- DUP004 -------------------------------------------------------------------------------


def test_title_repeated_as_paragraph_bold_or_not():
    assert found(post("A post about builds", EN_A)) == [("DUP004", 5)]
    assert found(post("**A Post About Builds**", EN_A)) == [("DUP004", 5)]
    assert found(post("A post about builds.", EN_A)) == []  # a sentence, not the title
    assert found(post("- A post about builds", EN_A)) == []


def test_leading_title_heading_only_with_the_option():
    text = post("# A post about builds", EN_A)
    assert found(text) == []
    cfg = {"select": ["DUP004"], "rules": {"title-repeated-in-body": {"headings": True}}}
    got = diagnostics(text, cfg)
    assert [(d.code, d.line, d.message) for d in got] == [
        ("DUP004", 5, "heading repeats the front-matter title")
    ]
    assert fixed(text, config=cfg) == post(EN_A)


@pytest.mark.parametrize(
    "front",
    [
        "title: 42",
        "title: [a, b]",
        "title: {x: 1}",
        "title:",
        "title: true",
        "tags: [x]",
        "title: ''",
    ],
)
def test_odd_titles_do_not_crash_or_fire(front):
    text = f"---\n{front}\n---\n\n[a, b]\n\nTrue\n\n{{x: 1}}\n\n{EN_A}\n"
    assert [c for c, _ in found(text) if c == "DUP004"] == []


def test_numeric_title_is_compared_as_text():
    text = "---\ntitle: 2024\n---\n\n2024\n\n" + EN_A + "\n"
    assert found(text) == [("DUP004", 5)]


# -- fixes --------------------------------------------------------------------------------


def test_repeat_fix_removes_the_copy_and_one_blank_line():
    text = post(EN_A, EN_B, EN_A, EN_C)
    (d,) = diagnostics(text)
    assert d.fix is not None and d.fix.applicability == "safe"
    assert fixed(text, unsafe=False) == post(EN_A, EN_B, EN_C)


def test_repeat_fix_at_the_end_of_the_file():
    text = post(EN_A, EN_B, EN_A)
    assert fixed(text, unsafe=False) == post(EN_A, EN_B)
    no_newline = text.rstrip("\n")
    assert fixed(no_newline, unsafe=False) == post(EN_A, EN_B)


def test_repeat_fix_is_unsafe_when_the_copy_has_more_in_it():
    linked = EN_A.replace("gh-pages branch", "[gh-pages branch](https://pages.github.com/)")
    text = post(EN_A, EN_B, linked)
    (d,) = diagnostics(text)
    assert d.code == "DUP001" and d.fix.applicability == "unsafe"
    assert fixed(text, unsafe=False) == text
    assert fixed(text) == post(EN_A, EN_B)


def test_repeat_with_leaked_marker_line_is_removed_whole():
    text = post(JA_A, JA_B, JA_A + "\n---END---", ZH_A)
    assert fixed(text, unsafe=False) == post(JA_A, JA_B, ZH_A)


def test_no_fix_inside_lists():
    item = "- " + " ".join([EN_A, EN_B, EN_C])
    text = post(item, "Between the lists.", item)
    cfg = {"select": ["DUP001"], "rules": {"DUP001": {"list-item-min-words": 8}}}
    (d,) = diagnostics(text, cfg)
    assert d.fix is None


def test_title_fix_is_safe_and_leaves_the_body():
    text = post("**A post about builds**", EN_A, EN_B)
    (d,) = diagnostics(text)
    assert d.fix.applicability == "safe"
    assert fixed(text, unsafe=False) == post(EN_A, EN_B)


def test_all_fixes_together_keep_every_sentence():
    text = post(
        "A post about builds",
        EN_A,
        EN_B,
        EN_A + " " + EN_B,  # merged
        FIFTY_WORDS[:250],  # a truncated first attempt
        FIFTY_WORDS + ".",  # ... completed
        EN_A,  # a copy
        JA_A,
        JA_A,
    )
    out = fixed(text)
    assert out == post(EN_A, EN_B, FIFTY_WORDS + ".", JA_A)
    assert found(out) == []


# -- property: a fix never removes the only occurrence of a sentence ---------------------

POOL = [
    "The build finished in four seconds on the old laptop we keep for testing.",
    "Nobody expected the template cache to matter this much for large sites.",
    "We measured every template twice before changing anything at all.",
    "Fonts were the slowest request on the page until we started to self-host them.",
    "静的サイトは記事が少ないうちはとても速くビルドできます。",
    "記事が数千本に増えるとテンプレートの処理がビルド時間の大半を占めます。",
    "迁移到静态网站之后，服务器的维护成本大幅下降了很多。",
    "作者只需要提交一个文件，持续集成系统就会自动构建页面。",
]


@st.composite
def posts(draw):
    paragraphs: list[str] = []
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["new", "new", "copy", "merge", "cut", "title"]))
        if kind == "copy" and paragraphs:
            paragraphs.append(draw(st.sampled_from(paragraphs)))
        elif kind == "merge" and len(paragraphs) >= 2:
            i = draw(st.integers(0, len(paragraphs) - 2))
            paragraphs.append(paragraphs[i] + draw(st.sampled_from(["", " "])) + paragraphs[i + 1])
        elif kind == "cut" and paragraphs:
            p = draw(st.sampled_from(paragraphs))
            paragraphs.append(p[: draw(st.integers(1, len(p)))])
        elif kind == "title":
            paragraphs.append("A post about builds")
        else:
            sentences = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4))
            paragraphs.append(" ".join(sentences))
    return post(*paragraphs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(posts())
def test_dup_fixes_never_remove_the_only_occurrence_of_a_sentence(text):
    out = fixed(text)
    before, after = " ".join(text.split()), " ".join(out.split())
    for sentence in POOL:
        if sentence in before:
            assert sentence in after, (sentence, text, out)
    assert "\n\n\n" not in out or "\n\n\n" in text
    # Fixing reaches a fixed point: nothing fixable is left.
    assert all(d.fix is None for d in diagnostics(out))


# -- robustness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "---\ntitle: x\n---\n",
        "---\ntitle: [unclosed\n---\n\nbody text here\n",
        "\ufeff\u200b\u0000 \U0001f600" * 50,
        "。" * 5000,
        ".\n\n" * 2000,
        ("a " * 30 + "\n\n") * 300,
        "$$\n" + "x " * 100 + "\n\n" + "y " * 100,
        "{% highlight %}\n\n" + EN_A + "\n\n" + EN_A,
    ],
)
def test_hostile_input_does_not_crash(text):
    result = check_post(Post.from_text(text, "post.md"), Config.from_mapping(DUP))
    assert result.errors == []


def test_many_repeats_stay_bounded():
    # 3,000 paragraphs sharing most shingles: posting lists are capped, and
    # every copy is still reported exactly once.
    text = post(*([EN_A, EN_B] * 1500))
    got = found(text)
    assert len(got) == 2998 and {c for c, _ in got} == {"DUP001"}


# -- opt-in: the corpus -------------------------------------------------------------------


def test_corpus_real_posts_are_mostly_quiet(corpus):
    """Real posts written by people: DUP fires on a handful of them (deliberate
    repeats a person may silence), not on many."""
    config = Config.from_mapping(DUP)
    files = sorted(corpus.rglob("*.md")) + sorted(corpus.rglob("*.markdown"))
    firing: dict[str, set[str]] = {}
    for path in files[::2]:
        result = check_post(Post.from_bytes(path.read_bytes(), path.name), config)
        assert result.errors == []
        for d in result.diagnostics:
            firing.setdefault(d.code, set()).add(str(path))
    checked = len(files[::2])
    assert checked > 1000
    everything = set().union(*firing.values()) if firing else set()
    assert len(everything) <= checked // 200, {k: sorted(v) for k, v in firing.items()}
    assert len(firing.get("DUP003", ())) <= 1


def test_merged_paragraph_of_a_cut_and_its_continuation_keeps_its_fix_off():
    """Found by the fix property test: the merged paragraph was the only whole
    copy of 'Fonts were the slowest request on the page.'"""
    from post_lint.post import Post

    text = (
        "Nobody expected the cache to matter this much. Fonts were the slowest request "
        "on the page. 静的サイトは最初はとても速く動きます。 静的サイトは最初はとても速く動きます。\n\n"
        "Nobody expected the cache to matter this much. Fonts were the slo\n\n"
        "...west request on the page. 静的サイトは最初はとても速く動きます。 静的サイトは最初はとても速く動きます。\n"
    )
    found = [d for d in lint_text(text, "p.md") if d.code == "DUP003"]
    assert [(d.line, d.fix) for d in found] == [(1, None)]
    fixed = fix_post(Post.from_text(text, "p.md"), Config(), unsafe=True).text
    assert "Fonts were the slowest request on the page." in fixed


def test_chinese_cut_first_attempt_then_complete_retry_below_near_min_words():
    """An 85-character Chinese paragraph (28 'words') cut short, then written
    out in full: found word for word inside the retry, so half of
    near-min-words is enough."""
    cut = (
        "大多数团队都是从日志开始的，因为日志最容易添加。这里加一条打印语句，那里加一个记录器，"
        "很快就会积累大量没人阅读的文本，直到系统出问题时大家才一起去翻找，而这恰恰是最糟糕的"
    )
    text = (
        "---\ntitle: 可观测性\n---\n\n"
        "可观测性指的是从外部理解系统行为的能力，主要依靠日志、指标和链路追踪这三类信号。\n\n"
        + cut
        + "\n\n"
        + cut
        + "学习时机。\n"
    )
    found = [(d.line, d.code, d.message) for d in lint_text(text, "p.md", {"select": ["DUP"]})]
    assert found == [(9, "DUP002", "paragraph repeats and completes the one at line 7")]


def test_short_truncated_repeat_in_another_section_stays_quiet():
    """From the corpus (vim-jp): an 8-word sign-off repeated, shortened, under
    a later heading is a deliberate human repeat."""
    line = "Keep in touch with us by watching the vimconf hashtag and this vim-jp website."
    text = (
        "---\ntitle: VimConf\n---\n\n"
        + line
        + "\n\n## How to attend\n\nThere will be a limited number of tickets available soon.\n\n"
        + "Keep in touch with us by watching the vimconf hashtag\n"
    )
    assert [d for d in lint_text(text, "p.md", {"select": ["DUP"]})] == []


# -- generator repetition or authored repetition (issue 15) ---------------------------------


def messages(text: str, config: dict | None = None) -> list[tuple[str, int, str]]:
    return [(d.code, d.line, d.message) for d in diagnostics(text, config)]


def test_copies_in_other_tab_panes_are_not_compared_but_a_paste_inside_one_is():
    text = (FIXTURES / "DUP001/bad/content/docs/pasted-in-a-tab.md").read_text()
    # Line 19 repeats line 9 too, but in the Go pane: the per-language copy.
    assert messages(text) == [("DUP001", 12, "paragraph repeats the one at line 9")]


def test_block_repeated_into_another_section_fires_in_japanese():
    text = (FIXTURES / "DUP001/bad/content/docs/block-repeated-ja.md").read_text()
    assert messages(text) == [
        ("DUP001", 17, "paragraph repeats the one at line 7"),
        ("DUP001", 19, "paragraph repeats the one at line 9"),
        ("DUP001", 21, "paragraph repeats the one at line 11"),
    ]


def test_lead_in_after_a_leaked_marker_fires_in_chinese():
    text = (FIXTURES / "DUP001/bad/content/docs/after-marker-zh.md").read_text()
    assert messages(text) == [("DUP001", 17, "paragraph repeats the one at line 9")]
    # Without the marker, the same lead-in before the same command is a step
    # written twice on purpose.
    assert messages(text.replace("---END---\n\n", "")) == []


LEAD_IN = "Trigger a canary deployment by updating the container image of the service:"


def test_repeated_lead_in_before_code_is_quiet_unless_pasted_back_to_back():
    code_a = "```bash\nkubectl set image deploy/podinfo podinfod=podinfo:6.0.1\n```"
    code_b = "```bash\nkubectl set image deploy/podinfo podinfod=podinfo:6.0.2\n```"
    assert messages(post(LEAD_IN, code_a, EN_A, LEAD_IN, code_b)) == []
    assert messages(post(LEAD_IN, LEAD_IN, code_a)) == [
        ("DUP001", 7, "paragraph repeats the one at line 5")
    ]


def test_article_restarted_with_its_headings_fires_in_chinese():
    zh_c = "第三部分介绍了我们如何在每次推送之后自动检查所有链接，并把结果发送到团队的聊天频道。"
    first = ["## 背景", ZH_A, ZH_B, "## 做法", zh_c]
    assert messages(post(*first, *first)) == [
        ("DUP001", 17, "paragraph repeats the one at line 7"),
        ("DUP001", 19, "paragraph repeats the one at line 9"),
        ("DUP001", 23, "paragraph repeats the one at line 13"),
    ]


def test_per_version_boilerplate_at_the_same_place_is_quiet_in_japanese():
    notice = "このバージョンは次の二つのマイナーリリースが出るまでサポートされ、その間はセキュリティ修正も提供されます。"
    text = post("## バージョン 2.1", notice, JA_A, "## バージョン 2.0", notice, JA_B)
    assert messages(text) == []
    # Copied into the middle of another section instead, it is reported.
    moved = post("## バージョン 2.1", notice, JA_A, "## バージョン 2.0", JA_B, notice, ZH_A)
    assert messages(moved) == [("DUP001", 15, "paragraph repeats the one at line 7")]


def test_parallel_sentences_that_swap_names_are_not_near_duplicates():
    text = (FIXTURES / "DUP002/good/content/docs/parallel-options.md").read_text()
    assert messages(text) == []
    # The same pair with ordinary words changed is a regenerated paragraph.
    words = FIFTY_WORDS.split()
    edited = list(words)
    for i, word in zip((3, 17, 29, 41), ("shifted", "honestly", "quickly", "plainly")):
        edited[i] = word
    assert messages(post(FIFTY_WORDS + ".", " ".join(edited) + "."))[0][:2] == ("DUP002", 7)
    # Swapping only names (capitalised words, code) is parallel text.
    named = FIFTY_WORDS.replace("Django", "Rails").replace("documentation", "`docs`")
    assert messages(post(FIFTY_WORDS + ".", named + ".")) == []


def test_a_lone_near_copy_far_from_its_original_is_quiet():
    words = FIFTY_WORDS.split()
    edited = list(words)
    for i, word in zip((3, 17, 29, 41), ("shifted", "honestly", "quickly", "plainly")):
        edited[i] = word
    far = post(FIFTY_WORDS + ".", EN_A, EN_B, EN_C, " ".join(edited) + ".")
    assert messages(far) == []
    near = post(FIFTY_WORDS + ".", EN_A, " ".join(edited) + ".")
    assert [m[:2] for m in messages(near)] == [("DUP002", 9)]


# -- short paragraphs around repeats ------------------------------------------------------


def _near_copy() -> tuple[str, str]:
    words = FIFTY_WORDS.split()
    edited = list(words)
    for i, word in zip((2, 14, 27, 40), ("homegrown", "autumn", "pleased", "quarter")):
        edited[i] = word
    return FIFTY_WORDS + ".", " ".join(edited) + "."


@pytest.mark.parametrize(
    ("between", "expected"),
    [
        ([], [("DUP002", 7)]),
        (["Ok."], [("DUP002", 9)]),
        # Two short paragraphs between: too far apart for a lone near-copy.
        (["Ok.", "Yes."], []),
        (["Ok.", "ちょっと。"], []),
    ],
)
def test_short_paragraphs_between_a_near_copy_count_as_paragraphs(between, expected):
    # Short paragraphs are compared by no rule (their analysis is built only
    # when the judge asks), but they still stand between the copies.
    original, copy = _near_copy()
    assert found(post(original, *between, copy)) == expected


def test_short_paragraph_repeating_the_title_among_many_short_ones():
    paragraphs = [f"p{i}." for i in range(200)]
    paragraphs[120] = "Short  ONE"
    paragraphs[150] = "Short one."  # not the title: a full stop
    assert found(post(*paragraphs, title="Short one")) == [("DUP004", 5 + 2 * 120)]
