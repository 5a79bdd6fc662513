"""What is a post (post_lint.pages) and how FM001, FM003 and FM007 use it:
partials, layouts, headless bundles, cascades read from the tree, section
and home pages, and the ``posts`` / ``not-posts`` overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from post_lint import lint_text
from post_lint.pages import forget_folders, page_kind

NO_TITLE = "---\ndate: 2024-01-01\n---\n\nbody\n"


def fm(text: str, path: str, config: dict | None = None) -> list[tuple[str, int, str]]:
    cfg = {"select": ["FM"], **(config or {})}
    return [(d.code, d.line, d.message) for d in lint_text(text, path, cfg)]


@pytest.mark.parametrize(
    ("path", "meta", "kind", "reason"),
    [
        ("content/post/a.md", {}, "post", ""),
        ("site/_includes/footer.md", {}, "partial", "in a '_includes' folder"),
        ("content/en/_common/steps.md", {}, "partial", "in a '_common' folder"),
        ("layouts/partials/note.md", {}, "partial", "in a 'layouts' folder"),
        ("site/src/components/Callout.md", {}, "partial", "in a 'src/components' folder"),
        ("src/_data/authors.md", {}, "partial", "in a '_data' folder"),
        ("archetypes/default.md", {}, "partial", "in a 'archetypes' folder"),
        ("src/pages/_draft-intro.mdx", {}, "partial", "its name starts with '_'"),
        ("content/ja/bundle/index.md", {"headless": True}, "headless", "headless: true"),
        (
            "content/zh/part.md",
            {"build": {"render": "never", "list": "never"}},
            "headless",
            "build: render: never",
        ),
        ("content/x.md", {"_build": {"render": False}}, "headless", "_build: render: false"),
        ("content/x.md", {"build": {"list": "never"}}, "post", ""),  # rendered, only unlisted
        ("content/docs/_index.md", {}, "list", "a section's _index page"),
        ("index.md", {"layout": "home"}, "list", "a home page (layout: home)"),
        ("source/index.md", {}, "list", "the site's home page"),
        ("src/pages/index.md", {}, "list", "the site's home page"),
        ("content/components/dapr.md", {}, "post", ""),  # Dapr docs' "components" section
        ("content/snippets/2024-01-01-a.md", {}, "post", ""),  # a blog section, not partials
    ],
)
def test_page_kind(path, meta, kind, reason):
    got = page_kind(path, meta)
    assert (got.kind, got.reason) == (kind, reason)


def test_posts_and_not_posts_globs_override():
    assert page_kind("site/_includes/a.md", {}, posts=["_includes/**"]).kind == "post"
    assert page_kind("content/snippets/a.md", {}, not_posts=["snippets/**"]).kind == "partial"
    # posts wins over not-posts
    assert page_kind("content/x.md", {}, posts=["x.md"], not_posts=["content/**"]).kind == "post"


def test_stdin_is_a_post():
    assert page_kind("-", {"headless": True}).kind == "post"


# --------------------------------------------------------------------------
# Hugo cascades and headless bundles read from the tree
# --------------------------------------------------------------------------


def _write(root: Path, rel: str, text: str) -> str:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_cascade_from_a_section_index_silences_its_partials(tmp_path):
    _write(
        tmp_path,
        "content/en/_shared/_index.md",
        "---\ncascade:\n  build:\n    list: never\n    publishResources: false\n"
        "    render: never\n---\n",
    )
    page = _write(tmp_path, "content/en/_shared/install/steps.md", NO_TITLE)
    assert page_kind(page, {}).kind == "headless"
    assert page_kind(page, {}).reason == ("cascaded from _shared/_index.md (build: render: never)")
    assert fm(NO_TITLE, page) == []
    no_fm = _write(tmp_path, "content/en/_shared/steps-ja.md", "手順は以下の通りです。\n")
    assert fm("手順は以下の通りです。\n", no_fm) == []


def test_an_edited_cascade_counts_once_the_folders_are_forgotten(tmp_path):
    section = _write(
        tmp_path, "content/docs/_index.md", "---\ncascade:\n  build:\n    render: never\n---\n"
    )
    page = _write(tmp_path, "content/docs/intro.md", NO_TITLE)
    assert page_kind(page, {}).kind == "headless"
    Path(section).write_text("---\ntitle: Docs\n---\n", encoding="utf-8")
    assert page_kind(page, {}).kind == "headless"  # read once per folder in a run
    forget_folders()
    assert page_kind(page, {}).kind == "post"


def test_cascade_in_toml_and_as_a_list_with_a_target(tmp_path):
    _write(
        tmp_path,
        "content/_index.md",
        '+++\ntitle = "Home"\n[[cascade]]\n[cascade.build]\nrender = "never"\n'
        '[cascade._target]\npath = "/internal/**"\n+++\n',
    )
    hidden = _write(tmp_path, "content/internal/notes.md", NO_TITLE)
    shown = _write(tmp_path, "content/blog/post.md", NO_TITLE)
    assert fm(NO_TITLE, hidden) == []
    assert fm(NO_TITLE, shown) == [("FM003", 1, "missing required key 'title'")]


def test_cascade_targeting_another_kind_does_not_apply(tmp_path):
    _write(
        tmp_path,
        "content/docs/_index.md",
        "---\ntitle: Docs\ncascade:\n  - build: {render: never}\n    _target: {kind: taxonomy}\n---\n",
    )
    page = _write(tmp_path, "content/docs/a.md", NO_TITLE)
    assert fm(NO_TITLE, page) == [("FM003", 1, "missing required key 'title'")]


def test_files_of_a_headless_bundle_are_resources(tmp_path):
    _write(tmp_path, "content/ja/headless/index.md", "---\nheadless: true\n---\n")
    part = _write(tmp_path, "content/ja/headless/part-1.md", "---\nweight: 1\n---\n\n本文\n")
    assert fm("---\nweight: 1\n---\n\n本文\n", part) == []
    # a normal bundle's index does not make its siblings partials
    _write(tmp_path, "content/zh/bundle/index.md", "---\ntitle: 包\n---\n")
    other = _write(tmp_path, "content/zh/bundle/extra.md", NO_TITLE)
    assert fm(NO_TITLE, other) == [("FM003", 1, "missing required key 'title'")]


def test_broken_or_hostile_index_files_count_as_absent(tmp_path):
    _write(tmp_path, "content/a/_index.md", "---\ncascade: [unclosed\n---\n")
    _write(tmp_path, "content/a/b/_index.md", "---\ncascade: !!python/object:os.system x\n---\n")
    page = _write(tmp_path, "content/a/b/c.md", NO_TITLE)
    assert fm(NO_TITLE, page) == [("FM003", 1, "missing required key 'title'")]


# --------------------------------------------------------------------------
# FM001 and FM003 on what is not a post
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "content/_includes/install.md",
        "content/en/_common/steps.md",
        "_posts/_shared-footer.md",
        "src/content/blog/_note.md",
        "content/docs/example/DEPRECATED.md",
        "content/flagger/SUMMARY.md",
    ],
)
def test_fm001_silent_on_partials_and_repository_docs(path):
    assert fm("Install it first.\n\n`brew install x`\n", path) == []


def test_fm001_silent_on_mdx_that_exports_its_metadata():
    text = "export const meta = {\n  title: 'Docs',\n}\n\n# Docs\n"
    assert fm(text, "content/pages/docs.mdx") == []
    assert fm("# Docs\n", "content/pages/docs.mdx") == [
        (
            "FM001",
            1,
            "post has no front matter: Jekyll and Hugo expect '---' (YAML) or '+++' (TOML) "
            "on line 1, with at least a title",
        )
    ]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("content/_index.md", "---\ntype: docs\nno_list: true\n---\n"),
        ("content/ja/blog/_index.md", "---\nweight: 2\n---\n\nブログの一覧です。\n"),
        ("index.md", "---\nlayout: home\n---\n"),
        ("source/index.md", "---\ndate: 2024-01-01\n---\n\n首页\n"),
    ],
)
def test_fm003_section_and_home_pages_need_no_title(path, text):
    assert fm(text, path) == []


def test_fm003_section_pages_still_get_their_values_checked():
    text = '---\ndraft: "no"\n---\n'
    assert fm(text, "content/blog/_index.md") == [
        ("FM003", 2, "'draft' is the string 'no'; expected true or false")
    ]


def test_not_posts_and_posts_options_are_shared_by_fm001_fm003_fm007():
    cfg = {"rules": {"missing-front-matter": {"not-posts": ["content/snippets/**"]}}}
    assert fm("# Hi\n", "content/snippets/a.md", cfg) == []
    assert fm(NO_TITLE, "content/snippets/b.md", cfg) == []
    cfg = {"rules": {"FM001": {"posts": ["_includes/**"]}}}
    assert [c for c, _, _ in fm(NO_TITLE, "site/_includes/a.md", cfg)] == ["FM003"]
    # FM003's own table wins over FM001's
    cfg = {
        "rules": {
            "FM001": {"posts": ["_includes/**"]},
            "FM003": {"posts": []},
        }
    }
    assert fm(NO_TITLE, "site/_includes/a.md", cfg) == []


def test_corpus_docs_partials_and_section_pages_are_silent(corpus):
    """FM001 and FM003 fire on no partial, repository note or section page of
    the three Hugo docs sites (../shared/corpus-docs)."""
    from post_lint.config import Config
    from post_lint.linter import check_post, read_post

    docs = corpus.parent / "corpus-docs"
    if not docs.is_dir():
        pytest.skip("../shared/corpus-docs is not present")
    cfg = Config.from_mapping({"select": ["FM001", "FM003"]})
    fired = []
    for path in sorted(docs.rglob("*")):
        if path.suffix not in (".md", ".markdown", ".mdx"):
            continue
        post, _ = read_post(str(path), cfg)
        fired += [f"{path}:{d.line} {d.code}" for d in check_post(post, cfg).diagnostics]
    assert fired == []
