"""SITE: checks across the posts of a site (see :mod:`post_lint.site`).

These rules compare posts with each other, so they have no per-post check:
the linter's site pass (``post_lint.linter.site_pass``) runs them over the
site index after the per-post rules, whenever post-lint lints a folder, or
files of a project whose site index is in the cache. Their options, severity,
``select``/``ignore``, per-file ignores and inline comments work as for any
rule; a finding stands at both ends of a pair (in each post of this run).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..post import Post
from .base import Options, Rule, at_least, between, family, rule

#: What the SITE rules share, set for all of them in ``[tool.post-lint.rules.SITE]``.
FAMILY = family(
    "SITE",
    "site",
    options={"parallel_trees": True, "all_pages": False, "series": True},
)

_SHARED_OPTIONS_DOC = """
    Shared by the SITE rules (set them once in ``[tool.post-lint.rules.SITE]``,
    or per rule):

    - ``parallel-trees`` (boolean, default true): stay quiet on copies in
      parallel trees: paths whose first differing folders are versions
      (``v1.2`` / ``v1.3``, ``docs`` / ``v1.18-docs``) or languages (``en`` /
      ``ja``), as in versioned or translated docs.
    - ``all-pages`` (boolean, default false): compare docs pages too. By
      default only posts are compared: a page with a date (front matter or
      file name) or in a posts folder (``_posts``, ``posts``, ``post``,
      ``blog``, ``articles``, ``news``), and not ``type: docs``.
    - ``series`` (boolean, default true): stay quiet on posts of one titled
      series (titles equal once numbers, month names, capitalised names and
      release words are masked, or sharing a long beginning).
"""


def _none(post: Post, options: Options) -> Iterator[Diagnostic]:
    return iter(())


def _site_rule(
    code: str,
    name: str,
    summary: str,
    options: dict,
    doc: str,
    validate: dict | None = None,
    shares: tuple[str, ...] | None = None,
) -> Rule:
    def check(post: Post, options: Options) -> Iterator[Diagnostic]:
        return _none(post, options)

    check.__doc__ = doc
    check.__name__ = name.replace("-", "_")
    return rule(
        code, name, summary, options=options, family=FAMILY, shares=shares, validate=validate
    )(check)


duplicate_post = _site_rule(
    "SITE001",
    "duplicate-post",
    "a post nearly repeats another post of the site",
    {
        "threshold": 0.7,
        "min_words": 100,
        "series": True,
        "parallel_trees": True,
        "all_pages": False,
    },
    """Reports a post whose prose is nearly the same as another post's: the
    same article generated twice under two slugs, a post pasted into a new
    file and republished, a near-copy with a few words changed.

    **How:** each post's prose (paragraphs, headings and list items; not code,
    tables or HTML) is cut into 5-shingles of tokens (words; each Chinese or
    Japanese character is a token) and summarised by a 128-value MinHash
    signature (``rensa``). Banded LSH (25 bands of 5 rows) proposes the pairs
    to compare, so the work grows with the number of posts, not its square;
    each proposed pair is kept when its estimated Jaccard similarity reaches
    ``threshold``. The web dedup literature's near-duplicate level is about
    0.8 on 5-shingles; each changed word breaks five shingles, so 0.8 lets
    about 2% of the words change, and a 160-word post with four words
    changed (0.78) would pass. 0.7 allows about 3.5%; on ../shared/corpus's
    4,646 real posts the closest unrelated pair below it is at 0.65 (two
    vim-jp announcements of one release), and the two above it are real
    copies.

    **Quiet on purpose-made relatives:** copies in parallel trees (versioned
    or translated docs); posts of one titled series (``Ruby 3.3.5 Released``
    and ``Ruby 3.3.6 Released``, ``Ruby 2.6.0-preview1 リリース`` and ``Ruby
    2.6.0-preview2 Released``, ``October 2021 update`` and ``April 2022
    update``) when ``series`` is on. Two posts with the same title are never
    a series.

    **Why:** a site that publishes one article twice splits its readers and
    its search ranking between two URLs, and usually shows a pipeline that
    ran twice.

    **Example:** ``posts/2024-05-02-a-copy.md:1:1: SITE001 post nearly repeats
    posts/2024-05-01-a.md (92% the same)``, and the same at the other end.

    **Options:**

    - ``threshold`` (number, default 0.7): the estimated Jaccard similarity
      of the two posts' 5-shingle sets from which they are reported.
    - ``min-words`` (integer, default 100): posts with fewer tokens are not
      compared (short posts share too little to tell).
"""
    + _SHARED_OPTIONS_DOC,
    validate={"threshold": between(0, 1, low_open=True), "min_words": at_least(1)},
)

reused_paragraph = _site_rule(
    "SITE002",
    "reused-paragraph",
    "a long paragraph stands word for word in several unrelated posts",
    {"min_words": 30, "min_posts": 3, "boilerplate": True, "panels": True},
    """Reports a long paragraph that stands, word for word after
    normalisation (NFKC, case and spacing folded, markup removed), in
    ``min-posts`` or more posts that are otherwise unrelated: the paragraph a
    pipeline pastes into dozens of posts.

    **Quiet on authored reuse:** a paragraph inside a shortcode, component or
    admonition container (``{{< tab >}}``, ``{% tab %}``, ``<TabItem>``,
    ``:::note``) or a block quote (``panels``); a licence, copyright, series
    or subscription note ("this series", not "a series of"), the paragraph
    that closes every post it stands in (a sign-off, an "about us" note), or
    one that stands under the same heading in each post (a template section)
    (``boilerplate``); posts that share it because they are related (a
    series, parallel trees, or posts whose other text is 20% the same with
    names and numbers masked, such as preview and final release notes or two
    announcements of one change; two unrelated posts of one blog reach 0.2 in
    fewer than 1 pair in 100 on ../shared/corpus) count as one. The shared paragraph itself is taken out of that similarity: a
    short post that is mostly the pasted paragraph is not "related" to its
    source. A pasted opening paragraph (a generator's stock introduction) is
    reported. Paragraphs of fewer than ``min-words`` tokens, formulas and
    link-only paragraphs are not compared; reference links and footnote
    marks are read as their text, so a paragraph pasted without its link
    definitions still matches.

    **Why:** text pasted into many posts is duplicate content to a search
    engine and a reader, and a sign that a generator's template leaked into
    the articles.

    **Example:** ``posts/b.md:14:1: SITE002 paragraph ('This article explores
    the transformative…') also stands in 11 other posts: posts/a.md:9,
    posts/c.md:22, posts/d.md:5 and 8 more``.

    **Options:**

    - ``min-words`` (integer, default 30): the shortest paragraph compared.
    - ``min-posts`` (integer, default 3): in how many unrelated posts (this
      one included) a paragraph must stand.
    - ``boilerplate`` (boolean, default true): stay quiet on licence, series
      and sign-off notes, edge paragraphs and template sections.
    - ``panels`` (boolean, default true): stay quiet on paragraphs in
      containers and quotes.
"""
    + _SHARED_OPTIONS_DOC,
    validate={"min_words": at_least(1), "min_posts": at_least(2)},
)

duplicate_title = _site_rule(
    "SITE003",
    "duplicate-title",
    "two posts published close together carry the same title",
    {"window_days": 30},
    """Reports a post whose title (compared after NFKC, case and spacing
    folding) is also the title of another post dated within ``window-days``
    of it: the same topic generated twice, or a title left over from a
    template.

    Recurring titles far apart in time ("Server maintenance" each year) are
    authored and stay quiet; posts without a date are not compared.

    **Why:** two pages with one title compete in search results and
    confuse readers of the archive; generated duplicates often keep the
    prompt's title.

    **Example:** ``posts/2024-05-02-x.md:2:1: SITE003 title 'Ten tips for
    remote teams' is also the title of posts/2024-05-01-y.md``.

    **Options:**

    - ``window-days`` (integer, default 30): how many days apart two posts
      may be dated and still be reported; 0 compares any two.
"""
    + _SHARED_OPTIONS_DOC,
    validate={"window_days": at_least(0)},
    shares=("parallel_trees", "all_pages"),
)

url_collision = _site_rule(
    "SITE004",
    "url-collision",
    "two files claim the same URL on the built site",
    {},
    """Reports a file that claims a URL another file of the same site also
    claims: a ``permalink``, ``url``, ``slug`` or ``aliases`` entry copied
    from another post, two dated files with the same slug, so the generator
    writes one page over the other (or one redirect over another).

    **What is compared:** URLs given in the front matter are always
    compared; URLs derived from file names only when the generator's config
    file is found at the site's root (``_config.yml``, ``hugo.toml`` /
    ``config.toml``, ``.eleventy.js``), so a partial copy of a site is never
    guessed at. Drafts (``draft: true``, ``published: false``) claim nothing.
    Every page counts here, docs pages too. URLs collide only within one site
    (the folder holding ``_posts`` or ``content``). The models:

    - **Jekyll** (a file under ``_posts/``): ``permalink`` (``:year``,
      ``:month``, ``:day``, ``:title``, ``:slug``, ``:categories`` ... are
      filled in), else the site's ``permalink`` in ``_config.yml`` (``date``,
      ``pretty``, ``ordinal``, ``none`` or a pattern), else ``date``:
      ``/:categories/:year/:month/:day/:title.html``. Categories are the
      folders above ``_posts`` and the ``category``/``categories`` keys; the
      date is the front matter's, else the file name's; ``:title`` is the
      ``slug`` key, else the file name after the date. ``redirect_from``
      entries are claimed too.
    - **Hexo** (``source/_posts/``): ``permalink``, else ``_config.yml``'s,
      else ``:year/:month/:day/:title/``.
    - **Hugo** (``content/``): ``url``, else the section path and the
      ``slug`` key or the file name (a leaf bundle's ``index.md`` takes its
      folder's name, ``_index.md`` is the section); ``[permalinks]`` of
      ``hugo.toml`` / ``config.toml`` per section (``:year``, ``:month``,
      ``:day``, ``:slug``, ``:slugorfilename``, ``:title``, ``:filename``,
      ``:section``, ``:contentbasename``); ``aliases`` are claimed too.
    - **Zola** (a ``+++`` TOML post under ``content/``): ``path``, else the
      section path and the ``slug`` key or the file name.
    - **Eleventy** (a folder with ``.eleventy.js`` or ``eleventy.config.*``):
      ``permalink`` (``false``: not written; a templated value is not
      modelled), else the input path without its extension.

    **Why:** the build succeeds and one of the two pages silently
    disappears from the site.

    **Example:** ``content/post/b.md:4:1: SITE004 URL /post/hello/ (from
    slug) is also claimed by content/post/a.md: one page replaces the other``.

    **Options:** none.
""",
    shares=(),
)

RULES: tuple[Rule, ...] = (duplicate_post, reused_paragraph, duplicate_title, url_collision)
SITE_CODES: frozenset[str] = frozenset(r.code for r in RULES)
