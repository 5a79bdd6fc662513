"""SITE: checks across the posts of a site, the results cache and the site index."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from post_lint import lint_paths
from post_lint.cache import Cache
from post_lint.config import Config
from post_lint.post import Post
from post_lint.site import checks, runner
from post_lint.site.entry import SiteEntry, build_entry

from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def lines(diags) -> list[str]:
    return [f"{d.path}:{d.line}: {d.code} {d.message}" for d in diags]


def site(folder: Path, select: str = "SITE") -> list[str]:
    """Lint ``folder`` as a site from inside it (paths in messages are relative)."""
    here = os.getcwd()
    os.chdir(folder)
    try:
        return lines(lint_paths(["."], {"select": [select]}))
    finally:
        os.chdir(here)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def post(title: str, date: str, body: str, extra: str = "") -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\n{extra}---\n\n{body}\n'


LONG = (FIXTURES / "SITE001/bad/en/_posts/2024-05-01-remote-work.md").read_text(encoding="utf-8")
LONG_BODY = LONG.split("---\n", 2)[2].strip()
OTHER = {
    p.stem: p.read_text(encoding="utf-8").split("---\n", 2)[2].strip()
    for p in sorted((FIXTURES / "SITE001/good/_posts").glob("*.md"))
}


# -- SITE001 -------------------------------------------------------------------------


def test_near_duplicate_posts_are_reported_at_both_ends_in_every_language():
    bad = FIXTURES / "SITE001" / "bad"
    assert site(bad, "SITE001") == [
        "en/_posts/2024-05-01-remote-work.md:1: SITE001 post nearly repeats "
        "en/_posts/2024-05-09-remote-planning.md (88% the same)",
        "en/_posts/2024-05-09-remote-planning.md:1: SITE001 post nearly repeats "
        "en/_posts/2024-05-01-remote-work.md (88% the same)",
        "ja/_posts/2024-06-01-remote.md:1: SITE001 post nearly repeats "
        "ja/_posts/2024-06-03-remote-2.md (89% the same)",
        "ja/_posts/2024-06-03-remote-2.md:1: SITE001 post nearly repeats "
        "ja/_posts/2024-06-01-remote.md (89% the same)",
        "zh/_posts/2024-07-01-remote.md:1: SITE001 post nearly repeats "
        "zh/_posts/2024-07-02-remote-2.md (92% the same)",
        "zh/_posts/2024-07-02-remote-2.md:1: SITE001 post nearly repeats "
        "zh/_posts/2024-07-01-remote.md (92% the same)",
    ]


def test_an_exact_copy_repeats_and_names_the_other_post_relative_to_the_cwd(tmp_path, monkeypatch):
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    monkeypatch.chdir(tmp_path)
    assert lines(lint_paths(["_posts"], {"select": ["SITE001"]})) == [
        "_posts/2024-01-01-a.md:1: SITE001 post repeats _posts/2024-01-05-b.md (100% the same)",
        "_posts/2024-01-05-b.md:1: SITE001 post repeats _posts/2024-01-01-a.md (100% the same)",
    ]


def test_unrelated_posts_versioned_copies_and_release_templates_are_quiet():
    assert site(FIXTURES / "SITE001" / "good", "SITE001") == []


def test_threshold_and_min_words_are_options(tmp_path, monkeypatch):
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    changed = LONG_BODY.replace("Monday", "Tuesday").replace("quiet", "calm")
    write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", changed))
    strict = {"select": ["SITE001"], "rules": {"duplicate-post": {"threshold": 0.99}}}
    assert lint_paths([tmp_path], strict) == []
    assert len(lint_paths([tmp_path], {"select": ["SITE001"]})) == 2
    short = {"select": ["SITE001"], "rules": {"duplicate-post": {"min-words": 10_000}}}
    assert lint_paths([tmp_path], short) == []


def test_a_short_post_with_four_words_changed_is_still_a_copy(tmp_path, monkeypatch):
    """Each changed word breaks five 5-shingles: four changes in a 150-word
    post leave an estimated Jaccard similarity under the literature's 0.8,
    and the default 0.7 still reports it."""
    short = "\n\n".join(LONG_BODY.split("\n\n")[:2])
    changed = short
    for a, b in [
        ("plans its week", "plans its days"),
        ("short written plan", "brief written plan"),
        ("quiet mornings", "calm mornings"),
        ("fell by a third", "fell by a half"),
    ]:
        changed = changed.replace(a, b)
    write(tmp_path / "_posts/2024-01-01-a.md", post("Planning", "2024-01-01", short))
    write(tmp_path / "_posts/2024-01-05-b.md", post("Our plans", "2024-01-05", changed))
    monkeypatch.chdir(tmp_path)
    found = lint_paths(["."], {"select": ["SITE001"]})
    assert [(d.path, d.extra["similarity"]) for d in found] == [
        ("_posts/2024-01-01-a.md", 0.758),
        ("_posts/2024-01-05-b.md", 0.758),
    ]
    literature = {"select": ["SITE001"], "rules": {"duplicate-post": {"threshold": 0.8}}}
    assert lint_paths(["."], literature) == []


def test_same_title_is_not_a_series_but_numbered_titles_are():
    def entry(title: str) -> SiteEntry:
        e = build_entry(Post.from_text(post(title, "2024-01-01", "x"), "p.md"))
        assert e is not None
        return e

    series = checks.series_titles
    assert series(entry("Ruby 3.3.5 Released"), entry("Ruby 3.3.6 Released"))
    assert series(entry("Ruby 2.7.0-preview3 Released"), entry("Ruby 2.7.0-rc1 Released"))
    assert series(entry("October 2021 update"), entry("April 2022 Update"))
    assert series(entry("AWS DynamoDB binding spec"), entry("AWS SNS binding spec"))
    assert series(
        entry("制限ボルツマンマシンの基礎 ～推定編～"),
        entry("制限ボルツマンマシンの基礎 ～微分編～"),
    )
    assert series(entry("Ruby 2.6.0-preview1 リリース"), entry("Ruby 2.6.0-preview2 Released"))
    assert not series(entry("Ten tips"), entry("Ten Tips"))
    assert not series(entry("How To Bake Bread"), entry("How To Fix A Bike"))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("docs/v1.10/install.md", "docs/v1.11/install.md", True),
        ("content/docs/faq/acme.md", "content/v1.10-docs/troubleshooting/acme.md", True),
        ("en/news/_posts/a.md", "ja/news/_posts/b.md", True),
        ("content/zh-cn/x.md", "content/en/x.md", True),
        ("_posts/a.md", "_posts/b.md", False),
        ("blog/garden/a.md", "blog/kitchen/a.md", False),
    ],
)
def test_parallel_trees(a, b, expected):
    assert checks.parallel(a, b) is expected


# -- SITE002 -------------------------------------------------------------------------


def test_a_paragraph_pasted_into_unrelated_posts_is_reported_in_each():
    bad = FIXTURES / "SITE002" / "bad"
    preview = "This article explores the transformative power of small dail…"
    got = site(bad, "SITE002")
    assert got[0] == (
        f"_posts/2024-01-10-garden.md:8: SITE002 paragraph ('{preview}') also stands in 2 other "
        f"posts: _posts/2024-02-10-bread.md:8, _posts/2024-03-10-bikes.md:8"
    )
    assert [g.split(":")[0] for g in got] == [
        "_posts/2024-01-10-garden.md",
        "_posts/2024-02-10-bread.md",
        "_posts/2024-03-10-bikes.md",
    ]


NAMES = ["Our garden", "Baking bread", "Fixing bikes"]
PASTED = (FIXTURES / "SITE002/bad/_posts/2024-01-10-garden.md").read_text().split("\n\n")[2]


def test_a_latin_word_never_takes_in_the_cjk_text_it_touches():
    from post_lint.site.entry import tokens_of

    assert tokens_of("WSLのUbuntu側で`wln`を作った") == [
        "wsl", "の", "ubuntu", "側", "で", "wln", "を", "作", "っ", "た"
    ]  # fmt: skip
    assert tokens_of("它是Chebyshev大数定律") == ["它", "是", "chebyshev", "大", "数", "定", "律"]


def test_ascii_text_is_tokenized_as_the_full_pattern_does():
    from post_lint.site import entry

    ascii_chars = "".join(map(chr, range(128)))
    for text in (ascii_chars, ascii_chars[::-1], "don't 3d x'y 'a a' it''s v1.2 O'Neil's 2's"):
        assert entry._ASCII_TOKEN.findall(text) == entry._TOKEN.findall(text)


def test_both_signatures_at_once_are_each_signature_alone():
    from post_lint.site import entry

    texts = [
        "The AWS Lambda 2024 release of DynamoDB v1.2 ships in 3 regions: us-east-1 and eu-west-2. "
        * 3,
        "吱吱吱吱吱吱吱吱吱吱吱吱 a refrain a refrain a refrain a refrain " * 2,
        "no names at all in this text of plain lower words, just words and more words",
        "A B C D",
        "x 1 2 3 4 5 6 7 y",
    ]
    for text in texts:
        tokens, masked = entry.token_forms(entry._raw_tokens(text))
        assert tokens == entry.tokens_of(text)
        assert entry.signatures_of(tokens, masked) == (
            entry.signature_of(tokens),
            entry.signature_of(masked),
        )


def test_a_preview_is_the_first_sixty_characters_spaces_folded():
    from post_lint.site.entry import _preview

    for prose in (
        "short  text",
        " a" * 40,
        "x" * 59 + " " * 300 + "y",
        "word " * 500,
        "\n a \n b " * 30,
    ):
        folded = " ".join(prose.split())
        assert _preview(prose) == folded[:60] + ("…" if len(folded) > 60 else "")


def test_a_paragraph_pasted_without_its_link_definitions_matches_its_source(tmp_path, monkeypatch):
    source = (
        "Please see [this page][1] and the notes[^n] before you order, since the shop "
        "closes early on Fridays and the stock of spare parts for older bicycles runs "
        "low in spring when everyone brings their bikes out of the cellar at once."
    )
    bodies = list(OTHER.values())
    write(
        tmp_path / "_posts/2024-01-01-a.md",
        post(
            "Shop", "2024-01-01", f"{source}\n\n{bodies[0]}\n\n[1]: https://x.test/\n\n[^n]: Notes."
        ),
    )
    for i, body in enumerate(bodies[1:3], 2):
        write(
            tmp_path / f"_posts/2024-0{i}-01-p.md",
            post(NAMES[i - 1], f"2024-0{i}-01", f"{body}\n\n{source}\n\nBye."),
        )
    monkeypatch.chdir(tmp_path)
    found = lint_paths(["."], {"select": ["SITE002"]})
    assert [(d.path, d.line) for d in found] == [
        ("_posts/2024-01-01-a.md", 6),
        ("_posts/2024-02-01-p.md", 8),
        ("_posts/2024-03-01-p.md", 8),
    ]


def test_a_short_post_that_is_mostly_the_pasted_paragraph_is_not_its_relative(
    tmp_path, monkeypatch
):
    """The shared paragraph is taken out of the posts' similarity: two short
    posts that are mostly one pasted paragraph are still unrelated posts."""
    write(
        tmp_path / "_posts/2024-01-01-a.md",
        post("A", "2024-01-01", f"Hello.\n\n{PASTED}\n\nBye now."),
    )
    write(
        tmp_path / "_posts/2024-02-01-b.md",
        post("B", "2024-02-01", f"Morning.\n\n{PASTED}\n\nSee you."),
    )
    write(
        tmp_path / "_posts/2024-03-01-c.md",
        post("C", "2024-03-01", f"{LONG_BODY}\n\n{PASTED}\n\nEnd."),
    )
    entries = {
        f.name: build_entry(Post.from_text(f.read_text(), f.name))
        for f in sorted((tmp_path / "_posts").glob("*.md"))
    }
    a, b = entries["2024-01-01-a.md"], entries["2024-02-01-b.md"]
    assert checks.jaccard(a.masked, b.masked) > 0.5  # the paste makes them look alike
    digest = next(p.digest for p in a.paragraphs if p.tokens >= 30)
    assert checks.background_similarity(a, b, digest) < 0.1
    monkeypatch.chdir(tmp_path)
    assert len(lint_paths(["."], {"select": ["SITE002"]})) == 3


def test_a_closing_sign_off_is_quiet_but_a_pasted_opening_is_reported(tmp_path, monkeypatch):
    bodies = list(OTHER.values())
    for i, body in enumerate(bodies[:3], 1):
        write(
            tmp_path / f"_posts/2024-0{i}-01-p.md",
            post(NAMES[i - 1], f"2024-0{i}-01", f"{body}\n\n{PASTED}"),
        )
    monkeypatch.chdir(tmp_path)
    assert lint_paths(["."], {"select": ["SITE002"]}) == []
    loud = {"select": ["SITE002"], "rules": {"reused-paragraph": {"boilerplate": False}}}
    assert len(lint_paths(["."], loud)) == 3
    for i, body in enumerate(bodies[:3], 1):
        write(
            tmp_path / f"_posts/2024-0{i}-01-p.md",
            post(NAMES[i - 1], f"2024-0{i}-01", f"{PASTED}\n\n{body}"),
        )
    assert [d.line for d in lint_paths(["."], {"select": ["SITE002"]})] == [6, 6, 6]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("This post is part of a series on gardening.", True),
        ("In this series we look at balcony gardens.", True),
        ("本系列的第三篇。", True),
        ("转载请注明出处。", True),
        ("The resolver may also perform a series of DNS queries.", False),
        ("The Ruby 2.2 series is now in security maintenance.", False),
        ("我们做了一系列实验。", False),
        ("Ruby 2.2 系列は、セキュリティメンテナンスフェーズにあります。", False),
        ("我不喜欢转载文章，但是这一篇忍不住贴过来了。", False),
        ("信的末尾有她的署名。", False),
        ("Subscribe to our weekly newsletter for more.", True),
        ("Someone asked me why my blog didn't have an email newsletter.", False),
    ],
)
def test_series_and_licence_notes_are_told_from_prose(text, expected):
    from post_lint.site.entry import _boilerplate_finder

    assert (_boilerplate_finder().search(text) is not None) is expected


def test_licence_footers_and_shortcode_panels_are_quiet_and_configurable(tmp_path, monkeypatch):
    assert site(FIXTURES / "SITE002" / "good", "SITE002") == []
    # The same footer and panel in three longer posts: reported once they are
    # not taken for authored boilerplate.
    good = FIXTURES / "SITE002" / "good" / "_posts"
    extra = LONG_BODY.split("\n\n")
    for i, f in enumerate(sorted(good.glob("*.md"))):
        text = f.read_text(encoding="utf-8").replace("More on this soon.", extra[i])
        write(tmp_path / "_posts" / f.name, text)
    monkeypatch.chdir(tmp_path)
    assert lint_paths(["."], {"select": ["SITE002"]}) == []
    loud = {
        "select": ["SITE002"],
        "rules": {"reused-paragraph": {"boilerplate": False, "panels": False}},
    }
    found = lint_paths(["."], loud)
    assert sorted({d.message.split("'")[1][:20] for d in found}) == [
        "Before you start, ma",
        "This post is license",
    ]
    assert len(found) == 6


def test_two_posts_are_not_enough_by_default(tmp_path, monkeypatch):
    pasted = (FIXTURES / "SITE002/bad/_posts/2024-01-10-garden.md").read_text().split("\n\n")[2]
    extra = LONG_BODY.split("\n\n")
    for i, body in enumerate(list(OTHER.values())[:2]):
        text = f"{body}\n\n{pasted}\n\n{extra[i]}"
        title = ["Our garden", "Baking bread"][i]
        write(tmp_path / f"_posts/2024-0{i + 1}-01-p.md", post(title, f"2024-0{i + 1}-01", text))
    monkeypatch.chdir(tmp_path)
    assert lint_paths(["."], {"select": ["SITE002"]}) == []
    two = {"select": ["SITE002"], "rules": {"reused-paragraph": {"min-posts": 2}}}
    assert [d.line for d in lint_paths(["."], two)] == [8, 8]


def test_docs_pages_are_compared_only_with_all_pages(tmp_path):
    for name in ("a", "b", "c"):
        body = f"{OTHER[list(OTHER)[ord(name) - 97]]}\n\n{LONG_BODY.split(chr(10) * 2)[1]}\n\nEnd."
        write(tmp_path / f"reference/{name}.md", f"---\ntitle: {name}\ntype: docs\n---\n\n{body}\n")
    assert lint_paths([tmp_path], {"select": ["SITE002"]}) == []
    every = {"select": ["SITE002"], "rules": {"reused-paragraph": {"all-pages": True}}}
    assert len(lint_paths([tmp_path], every)) == 3


# -- SITE003 -------------------------------------------------------------------------


def test_duplicate_titles_close_in_time_are_reported():
    bad = FIXTURES / "SITE003" / "bad"
    assert site(bad, "SITE003") == [
        "_posts/2024-05-01-tips.md:2: SITE003 title 'Ten tips for remote teams' is also the "
        "title of _posts/2024-05-04-more-tips.md",
        "_posts/2024-05-04-more-tips.md:2: SITE003 title 'Ten Tips for Remote Teams' is also the "
        "title of _posts/2024-05-01-tips.md",
    ]


def test_a_recurring_title_a_year_apart_is_quiet_unless_the_window_is_open():
    good = FIXTURES / "SITE003" / "good"
    assert site(good, "SITE003") == []
    any_time = {"select": ["SITE003"], "rules": {"duplicate-title": {"window-days": 0}}}
    assert len(lint_paths([good], any_time)) == 2


# -- SITE004 -------------------------------------------------------------------------


def test_hugo_slugs_colliding_in_one_section_are_reported():
    bad = FIXTURES / "SITE004" / "bad"
    assert site(bad, "SITE004") == [
        "content/post/2024-05-01-hello.md:4: SITE004 URL /post/hello/ (from slug) is also claimed"
        " by content/post/2024-06-01-hello-again.md: one page replaces the other",
        "content/post/2024-06-01-hello-again.md:4: SITE004 URL /post/hello/ (from slug) is also "
        "claimed by content/post/2024-05-01-hello.md: one page replaces the other",
    ]


def test_other_sections_and_drafts_do_not_collide():
    assert site(FIXTURES / "SITE004" / "good", "SITE004") == []


def test_jekyll_site_permalink_pattern_and_front_matter_permalinks(tmp_path):
    write(tmp_path / "_config.yml", "title: x\npermalink: /:year/:month/:day/:title/\n")
    write(tmp_path / "_posts/a/2024-05-01-hello.md", post("A", "2024-05-01", "One."))
    write(tmp_path / "_posts/b/2024-05-01-hello.md", post("B", "2024-05-01", "Two."))
    write(
        tmp_path / "_posts/2024-06-01-x.md",
        post("X", "2024-06-01", "Three.", "permalink: /about/\n"),
    )
    write(
        tmp_path / "_posts/2024-07-01-y.md",
        post("Y", "2024-07-01", "Four.", "permalink: /about/\n"),
    )
    got = site(tmp_path, "SITE004")
    assert got == [
        "_posts/2024-06-01-x.md:4: SITE004 URL /about/ (from permalink) is also claimed by "
        "_posts/2024-07-01-y.md: one page replaces the other",
        "_posts/2024-07-01-y.md:4: SITE004 URL /about/ (from permalink) is also claimed by "
        "_posts/2024-06-01-x.md: one page replaces the other",
        "_posts/a/2024-05-01-hello.md:1: SITE004 URL /2024/05/01/hello/ (from file name) is also "
        "claimed by _posts/b/2024-05-01-hello.md: one page replaces the other",
        "_posts/b/2024-05-01-hello.md:1: SITE004 URL /2024/05/01/hello/ (from file name) is also "
        "claimed by _posts/a/2024-05-01-hello.md: one page replaces the other",
    ]


def test_without_the_config_file_only_explicit_urls_are_compared(tmp_path):
    write(tmp_path / "_posts/a/2024-05-01-hello.md", post("A", "2024-05-01", "One."))
    write(tmp_path / "_posts/b/2024-05-01-hello.md", post("B", "2024-05-01", "Two."))
    write(tmp_path / "content/post/a.md", post("A", "2024-05-01", "One.", "aliases: [/old/]\n"))
    write(tmp_path / "content/post/b.md", post("B", "2024-05-01", "Two.", "aliases:\n  - /old/\n"))
    got = site(tmp_path, "SITE004")
    assert [g.split(": SITE004 ")[1].split(" is ")[0] for g in got] == [
        "URL /old/ (from aliases)",
        "URL /old/ (from aliases)",
    ]


def test_eleventy_permalinks(tmp_path):
    write(tmp_path / ".eleventy.js", "module.exports = {};\n")
    write(tmp_path / "posts/one.md", "---\ntitle: One\npermalink: /same/\n---\n\nOne.\n")
    write(tmp_path / "posts/two.md", "---\ntitle: Two\npermalink: /same/\n---\n\nTwo.\n")
    write(tmp_path / "posts/three.md", "---\ntitle: Three\npermalink: false\n---\n\nThree.\n")
    write(tmp_path / "posts/four.md", "---\ntitle: Four\npermalink: /{{ title }}/\n---\n\nFour.\n")
    assert [g.split(":")[0] for g in site(tmp_path, "SITE004")] == ["posts/one.md", "posts/two.md"]


# -- suppressions and selection ------------------------------------------------------


def test_inline_comments_and_per_file_ignores_apply_to_site_findings(tmp_path, monkeypatch):
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    write(
        tmp_path / "_posts/2024-01-05-b.md",
        post("B", "2024-01-05", "<!-- post-lint-disable-file SITE001 -->\n\n" + LONG_BODY),
    )
    got = lint_paths([tmp_path], {"select": ["SITE001"]})
    assert [Path(d.path).name for d in got] == ["2024-01-01-a.md"]
    cfg = {"select": ["SITE001"], "per-file-ignores": {"**/2024-01-01-a.md": ["SITE"]}}
    assert lint_paths([tmp_path], cfg) == []


def test_files_named_alone_are_not_compared_without_an_index(tmp_path):
    a = write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    b = write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    assert lint_paths([a, b], {"select": ["SITE"]}) == []


# -- the cache and the site index ----------------------------------------------------


def _site_run(files, config, cache_dir: Path, root: Path, calls: list[int] | None = None):
    cache = Cache(cache_dir)
    original = runner.run

    def counting(files_, *args, **kwargs):
        if calls is not None:
            calls.append(len(files_))
        return original(files_, *args, **kwargs)

    runner.run = counting
    try:
        results = runner.lint_as_site(files, config, cache=cache, site=True, root=root)
    finally:
        runner.run = original
        cache.close()
    return [d for r in results for d in r.diagnostics]


def test_unchanged_files_are_not_linted_again_and_changed_ones_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    a = write(
        tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY + "\n\n---END---")
    )
    write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    files = sorted(str(p) for p in tmp_path.rglob("*.md"))
    config = Config.from_mapping({"select": ["GEN001", "SITE001"]})
    calls: list[int] = []
    cold = _site_run(files, config, tmp_path / "cache", tmp_path, calls)
    warm = _site_run(files, config, tmp_path / "cache", tmp_path, calls)
    assert [d.code for d in cold] == ["SITE001", "GEN001", "SITE001"]
    assert warm == cold
    assert calls == [2, 0]
    a.write_text(post("A", "2024-01-01", LONG_BODY), encoding="utf-8")
    again = _site_run(files, config, tmp_path / "cache", tmp_path, calls)
    assert calls[-1] == 1 and [d.code for d in again] == ["SITE001", "SITE001"]
    # Other settings are another key: everything is linted again.
    _site_run(files, Config.from_mapping({"select": ["GEN"]}), tmp_path / "cache", tmp_path, calls)
    assert calls[-1] == 2


def test_one_file_run_finds_its_duplicate_through_the_index(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    b = write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    config = Config.from_mapping({"select": ["SITE001"]})
    files = sorted(str(p) for p in tmp_path.rglob("*.md"))
    _site_run(files, config, tmp_path / "cache", tmp_path)
    got = _site_run([str(b)], config, tmp_path / "cache", tmp_path)
    assert [(Path(d.path).name, d.message) for d in got] == [
        ("2024-01-05-b.md", "post repeats _posts/2024-01-01-a.md (100% the same)")
    ]
    # The other post changes on disk: it is read again, not taken from the index.
    (tmp_path / "_posts/2024-01-01-a.md").write_text(post("A", "2024-01-01", OTHER[list(OTHER)[0]]))
    assert _site_run([str(b)], config, tmp_path / "cache", tmp_path) == []
    # It is deleted: it leaves the index.
    (tmp_path / "_posts/2024-01-01-a.md").unlink()
    assert _site_run([str(b)], config, tmp_path / "cache", tmp_path) == []
    db = sqlite3.connect(tmp_path / "cache" / "cache.sqlite3")
    assert [Path(p).name for (p,) in db.execute("SELECT path FROM files")] == ["2024-01-05-b.md"]


def test_a_corrupt_cache_file_is_set_aside_and_rebuilt(tmp_path, capsys):
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY + "\n\n---END---"))
    files = [str(tmp_path / "_posts/2024-01-01-a.md")]
    config = Config.from_mapping({"select": ["GEN001"]})
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "cache.sqlite3").write_bytes(b"this is not a database" * 100)
    assert [d.code for d in _site_run(files, config, tmp_path / "cache", tmp_path)] == ["GEN001"]
    assert (tmp_path / "cache" / "cache.sqlite3.bad").exists()
    calls: list[int] = []
    assert [d.code for d in _site_run(files, config, tmp_path / "cache", tmp_path, calls)] == [
        "GEN001"
    ]
    assert calls == [0]


def test_hostile_rows_are_misses_never_findings(tmp_path):
    a = write(
        tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY + "\n\n---END---")
    )
    config = Config.from_mapping({"select": ["GEN001"]})
    _site_run([str(a)], config, tmp_path / "cache", tmp_path)
    db = sqlite3.connect(tmp_path / "cache" / "cache.sqlite3")
    db.execute("UPDATE files SET diagnostics = ?, entry = ?", ('[{"code": 1}]', "{not json"))
    db.commit()
    db.close()
    calls: list[int] = []
    got = _site_run([str(a)], config, tmp_path / "cache", tmp_path, calls)
    assert calls == [1] and [d.code for d in got] == ["GEN001"]


def test_a_cache_from_another_layout_is_started_afresh(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    db = sqlite3.connect(folder / "cache.sqlite3")
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO meta VALUES ('schema', '999')")
    db.commit()
    db.close()
    a = write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", "Text.\n\n---END---"))
    got = _site_run([str(a)], Config.from_mapping({"select": ["GEN001"]}), folder, tmp_path)
    assert [d.code for d in got] == ["GEN001"]
    assert (folder / "cache.sqlite3.bad").exists()


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "NO_COLOR"))}
    return subprocess.run(
        [sys.executable, "-m", "post_lint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_cache_location_no_cache_and_one_file_pre_commit_run(tmp_path):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")  # a project root
    write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", LONG_BODY))
    write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    proc = _cli("--isolated", "--select", "SITE001", "_posts", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout.count("SITE001") == 2
    assert (tmp_path / ".post-lint-cache" / "cache.sqlite3").exists()
    assert (tmp_path / ".post-lint-cache" / ".gitignore").read_text().endswith("*\n")
    # What pre-commit does: only the changed file, named.
    proc = _cli("--isolated", "--select", "SITE001", "_posts/2024-01-05-b.md", cwd=tmp_path)
    assert proc.stdout == (
        "_posts/2024-01-05-b.md:1:1: SITE001 post repeats _posts/2024-01-01-a.md (100% the same)\n"
    )
    shutil.rmtree(tmp_path / ".post-lint-cache")
    proc = _cli("--isolated", "--no-cache", "--select", "SITE001", "_posts", cwd=tmp_path)
    assert proc.returncode == 1 and not (tmp_path / ".post-lint-cache").exists()
    proc = _cli(
        "--isolated", "--cache-dir", "elsewhere", "--select", "SITE001", "_posts", cwd=tmp_path
    )
    assert (tmp_path / "elsewhere" / "cache.sqlite3").exists()


def test_fix_reports_the_site_findings_that_remain_and_diff_shows_only_fixes(
    tmp_path, monkeypatch, capsys
):
    """SITE findings have no fixes: ``--fix`` fixes the posts and reports what
    remains, SITE findings included (from the text as fixed); ``--diff``
    prints only the fixes. A one-file ``--fix`` run (pre-commit) still sees
    the rest of the site through the index."""
    from post_lint.cli import main

    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    damaged = LONG_BODY.replace("\n\nThe second change", "\n\n---END---\n\nThe second change")
    a = write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", damaged))
    b = write(tmp_path / "_posts/2024-01-05-b.md", post("B", "2024-01-05", LONG_BODY))
    monkeypatch.chdir(tmp_path)
    argv = ["--isolated", "--select", "GEN001,SITE001"]
    assert main([*argv, "--diff", "_posts"]) == 1
    out = capsys.readouterr().out
    assert "\n----END---\n" in out and "SITE001" not in out
    assert a.read_text(encoding="utf-8") == post("A", "2024-01-01", damaged)
    assert main([*argv, "--fix", "_posts"]) == 1
    assert capsys.readouterr().out == (
        "_posts/2024-01-01-a.md:1:1: SITE001 post repeats _posts/2024-01-05-b.md (100% the same)\n"
        "_posts/2024-01-05-b.md:1:1: SITE001 post repeats _posts/2024-01-01-a.md (100% the same)\n"
    )
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8").replace(
        '"B"', '"A"'
    ).replace("2024-01-05", "2024-01-01")
    a.write_text(post("A", "2024-01-01", damaged), encoding="utf-8")
    assert main([*argv, "--fix", "_posts/2024-01-01-a.md"]) == 1
    assert capsys.readouterr().out == (
        "_posts/2024-01-01-a.md:1:1: SITE001 post repeats _posts/2024-01-05-b.md (100% the same)\n"
    )


def test_concurrent_runs_share_one_cache(tmp_path):
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    for i in range(30):
        body = f"{OTHER[list(OTHER)[i % 3]]}\n\nPost number {i} of the batch."
        write(
            tmp_path / f"_posts/2024-01-{i + 1:02d}-p{i}.md",
            post(f"P{i}", f"2024-01-{i + 1:02d}", body),
        )
    cmd = [
        sys.executable,
        "-m",
        "post_lint",
        "--isolated",
        "--exit-zero",
        "-q",
        "--jobs",
        "1",
        "_posts",
    ]
    procs = [
        subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    assert len({o for o, _ in outs}) == 1
    db = sqlite3.connect(tmp_path / ".post-lint-cache" / "cache.sqlite3")
    assert db.execute("SELECT count(*) FROM files").fetchone() == (30,)


# -- the shared corpus (opt-in) ------------------------------------------------------


def test_corpus_real_blogs_have_two_real_near_duplicates(corpus):
    """The eight real blogs of ../shared/corpus (4,646 posts, people's own
    writing): their near-copies are release-note series, translations,
    versioned pages and yearly announcements, and their shared paragraphs
    series notes, sign-offs and follow-up announcements, all recognised as
    authored. Two pairs are reported, at both ends, and both are real: two
    2005 security advisories of ruby-lang.org/ja, one copied from the other
    with the library's name changed (86% the same), and two 2006 JVN
    advisories of the same day whose whole text is one copy but for the
    vulnerability's name (91%)."""
    found = lint_paths([corpus], {"select": ["SITE"]}, jobs=None)
    assert [(Path(d.path).name, d.code, d.extra["similarity"]) for d in found] == [
        ("2005-11-21-20051121.md", "SITE001", 0.875),
        ("2005-11-22-20051122.md", "SITE001", 0.875),
        ("2006-09-13-JVN13947696.md", "SITE001", 0.93),
        ("2006-09-13-JVN83768862.md", "SITE001", 0.93),
    ]


def test_corpus_docs_sites_have_only_their_real_alias_collisions(corpus):
    """The three Hugo docs sites of ../shared/corpus-docs: versioned trees,
    translations and shared component pages stay quiet; what is reported is
    dapr's real alias collisions (four actor pages list one ``aliases``
    entry, ``setup-mqtt3.md`` kept ``setup-mqtt.md``'s alias)."""
    found = lint_paths([corpus.parent / "corpus-docs"], {"select": ["SITE"]}, jobs=None)
    assert [(Path(d.path).name, d.code, d.line) for d in found] == [
        ("actors-features-concepts.md", "SITE004", 7),
        ("actors-overview.md", "SITE004", 7),
        ("actors-timers-reminders.md", "SITE004", 7),
        ("howto-actors-partitioning.md", "SITE004", 7),
        ("setup-mqtt.md", "SITE004", 6),
        ("setup-mqtt3.md", "SITE004", 6),
    ]


def test_a_new_build_of_the_same_version_lints_again(tmp_path, monkeypatch):
    """The result cache keys on the build, not only the version number: a
    post-lint from another git revision (pre-commit installs one per `rev`,
    all "0.1.0") never serves the findings of the old code."""
    a = write(tmp_path / "_posts/2024-01-01-a.md", post("A", "2024-01-01", "Text.\n\n---END---"))
    config = Config.from_mapping({"select": ["GEN001"]})
    calls: list[int] = []
    _site_run([str(a)], config, tmp_path / "cache", tmp_path, calls)
    _site_run([str(a)], config, tmp_path / "cache", tmp_path, calls)
    assert calls == [1, 0]
    monkeypatch.setattr(runner, "build_id", lambda: "0.1.0+another-build")
    _site_run([str(a)], config, tmp_path / "cache", tmp_path, calls)
    assert calls == [1, 0, 1]


def test_the_build_fingerprint_follows_the_code(tmp_path):
    from post_lint.version import __version__, build_id, fingerprint

    assert build_id().startswith(__version__ + "+") and build_id() == build_id()
    write(tmp_path / "pkg" / "a.py", "x = 1\n")
    write(tmp_path / "pkg" / "data" / "words.txt.gz", "w")
    write(tmp_path / "pkg" / "__pycache__" / "a.cpython-311.pyc", "c")
    before = fingerprint(str(tmp_path / "pkg"))
    assert fingerprint(str(tmp_path / "pkg")) == before
    # byte code and other files do not count; a module or data file does
    write(tmp_path / "pkg" / "__pycache__" / "b.cpython-311.pyc", "c")
    write(tmp_path / "pkg" / "notes.txt", "n")
    assert fingerprint(str(tmp_path / "pkg")) == before
    write(tmp_path / "pkg" / "a.py", "x = 22\n")
    assert fingerprint(str(tmp_path / "pkg")) != before
    assert fingerprint(str(tmp_path / "missing")) == fingerprint(str(tmp_path / "empty-too"))
