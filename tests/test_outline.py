"""Post.outline: sections under headings, paired shortcode/tab/HTML containers
and each block's neighbours (post_lint/outline.py)."""

from __future__ import annotations

from post_lint.post import Post

TABS = """---
title: t
---

Intro paragraph before the tabs.

{{< tabs "Python" "Go" >}}

{{% codetab %}}

Python text.

{{% /codetab %}}

{{% codetab %}}
Go text.

```
{{% /codetab %}} inside code is not a tag
```
{{% /codetab %}}
{{< /tabs >}}

See {{< ref "other" >}} for more.
"""


def _block_at(post: Post, line: int) -> int:
    return next(i for i, b in enumerate(post.blocks) if b.start_line == line)


def test_each_tab_pane_is_a_container_under_its_tabs():
    post = Post.from_text(TABS, "p.md")
    o = post.outline
    assert [(c.name, c.syntax, c.start_line, c.end_line, c.parent) for c in o.containers] == [
        ("tabs", "hugo", 7, 22, None),
        ("codetab", "hugo", 9, 13, 0),
        ("codetab", "hugo", 15, 21, 0),
    ]
    assert o.container_of[_block_at(post, 5)] is None
    assert o.container_of[_block_at(post, 11)] == 1
    assert o.container_of[_block_at(post, 15)] == 2
    assert o.container_of[_block_at(post, 24)] is None  # {{< ref >}} is not a container


def test_sections_paths_and_parallel_branches():
    text = "# Guide\n\n## Linux\n\n### Step 1\n\nA.\n\n## macOS\n\n### Step 1\n\nB.\n\n## Linux\n\nC.\n"
    post = Post.from_text(text, "p.md")
    o = post.outline
    paths = [s.path for s in o.sections]
    assert paths == [
        (),
        ("Guide",),
        ("Guide", "Linux"),
        ("Guide", "Linux", "Step 1"),
        ("Guide", "macOS"),
        ("Guide", "macOS", "Step 1"),
        ("Guide", "Linux"),
    ]
    a, b, c = (o.section_of[_block_at(post, n)] for n in (7, 13, 17))
    assert o.parallel(a, b)  # Step 1 under Linux / Step 1 under macOS
    assert not o.parallel(a, c)  # a section inside "Linux" and "Linux" again
    assert not o.parallel(0, a)  # the part before the first heading


def test_html_table_cells_and_jsx_tabs_are_containers():
    text = (
        "<table>\n<tr>\n<td>\n\nCell text.\n\n</td>\n</tr>\n</table>\n\n"
        '<Tabs>\n<TabItem value="js">\n\nJS text.\n\n</TabItem>\n</Tabs>\n'
    )
    post = Post.from_text(text, "p.mdx")
    o = post.outline
    names = [c.name for c in o.containers]
    assert names == ["table", "tr", "td", "Tabs", "TabItem"]
    assert o.containers[o.container_of[_block_at(post, 5)]].name == "td"
    assert o.containers[o.container_of[_block_at(post, 14)]].name == "TabItem"


def test_neighbours_skip_bare_tag_lines_and_comments():
    post = Post.from_text(TABS, "p.md")
    o = post.outline
    intro = _block_at(post, 5)
    nxt = o.next_of[intro]
    assert post.blocks[nxt].start_line == 11  # the tabs and codetab lines are skipped
    assert o.previous_of[nxt] == intro


def test_unbalanced_and_huge_tag_soup_is_bounded():
    text = "{{< tab >}}\n" * 20_000 + "{{< /tab >}}\n" + "<div>" * 5_000 + "\n\ntext\n"
    post = Post.from_text(text, "p.md")
    o = post.outline
    assert len(o.containers) == 1
    assert len(o.container_of) == len(post.blocks)
