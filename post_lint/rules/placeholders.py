"""GEN004 unfilled-placeholder: a slot of a template or a draft never filled in.

Also the one place that decides whether ``{{ … }}`` in a post is template
syntax a site generator renders (:func:`template_engines`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .. import regex_engine as regex
from ..diagnostics import Diagnostic
from ..lazyre import lazy, start_finder
from ..post import Post
from .base import Options, rule
from .gen_family import FAMILY
from .prose_lines import lines_matching, masked_lines

# --------------------------------------------------------------------------
# Template syntax
# --------------------------------------------------------------------------

_HUGO_SHORTCODE = lazy(r"\{\{[<%]")
_LIQUID_TAG = lazy(r"\{%-?\s*[A-Za-z_]")
_LIQUID_OBJECT = lazy(
    r"\{\{-?\s*(?:site|page|post|content|include|layout|paginator|collections|eleventy"
    r"|config|theme|data|jekyll|forloop|loop|self|super|env|metadata|\.)\b"
)
_GENERATOR_PATH = lazy(
    r"(?:^|/)(?:_posts|_drafts|_includes|_layouts|source/_posts|src/posts|content|_pages)/"
)
_LIQUID_KEYS = {"layout", "permalink", "eleventyNavigation", "eleventyComputed", "pagination"}


def template_engines(post: Post) -> set[str]:
    """The kinds of template syntax the post shows evidence of, from the post
    alone (no rule reads the site's configuration):

    - ``mdx``: an ``.mdx`` file (``{…}`` are JavaScript expressions);
    - ``hugo``: a Hugo shortcode ``{{< >}}`` / ``{{% %}}``, TOML front matter
      (Hugo, Zola), or the file under a ``content/`` folder;
    - ``liquid``: a ``{% tag %}`` (Jekyll, Eleventy, Hexo, Zola, Nunjucks), a
      ``{{ site.… }}``/``{{ page.… }}``-style object, a front-matter key of
      Jekyll or Eleventy (``layout``, ``permalink``, ``eleventyNavigation``,
      ``pagination``), or the file under ``_posts/``, ``_drafts/``,
      ``source/_posts/`` (Hexo) or ``src/posts/``.
    """
    engines: set[str] = set()
    path = post.path.replace("\\", "/")
    if path.endswith(".mdx"):
        engines.add("mdx")
    body = post.body
    if _HUGO_SHORTCODE.search(body):
        engines.add("hugo")
    if post.front_matter is not None and post.front_matter.format == "toml":
        engines.add("hugo")
    if _LIQUID_TAG.search(body) or _LIQUID_OBJECT.search(body):
        engines.add("liquid")
    if _LIQUID_KEYS.intersection(post.meta):
        engines.add("liquid")
    m = _GENERATOR_PATH.search(path)
    if m:
        engines.add("hugo" if m.group(0).strip("/").endswith("content") else "liquid")
    return engines


#: ``{{ product_name }}``, ``{{PRODUCT_NAME}}``, ``{{ Product Name }}``: a name,
#: not an expression (no dot, pipe, call, quote or keyword).
@functools.cache
def _mustache() -> Any:
    return regex.compile(
        r"\{\{(?P<pad>\s*)(?P<name>[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
        r"|[A-Z][a-z]+(?: [A-Z][a-z]+)+|[A-Z]{3,})\s*\}\}"
    )


# --------------------------------------------------------------------------
# Placeholders
# --------------------------------------------------------------------------

_EN_SLOT_WORDS = (
    r"insert|add|include|enter|put|place|paste|your|link to|name of|image of|photo of"
    r"|screenshot of|citation(?! needed)|statistic|stat|company name|product name|brand name"
    r"|author name|client name|customer name|first name|last name|full name|url|cta"
    r"|call to action|placeholder|tbd|todo|image|photo|screenshot|chart|graph|video|quote"
    r"|testimonial|target keyword|keyword"
)


#: Each alternative is one kind of placeholder.
@functools.cache
def _placeholder() -> Any:
    return regex.compile(
        # [Insert statistic here], [Your Name], [Company Name], [Link to source]
        rf"(?P<bracket>\[(?:{_EN_SLOT_WORDS})\b[^\[\]\n\"=+]{{0,80}}\])(?![(\[:])"
        # 【在此插入图片】 ［ここに画像を挿入］ （ここに画像を挿入） [插入图片]
        r"|(?P<cjk>[［【\[（(](?:ここに|こちらに|ここへ|(?:请|請)?(?:在)?(?:此处|此處|此|这里|這裡))"
        r"[^］】\]）)\n]{0,40}?(?:挿入|入れ|入力|記入|追加|貼り付け|記載|插入|添加|放置|填写|粘贴|加入"
        r"|插图|填入|補充|补充)[^］】\]）)\n]{0,10}[］】\]）)]"
        r"|[［【\[](?:插入|添加|填写|挿入)[^］】\]\n]{1,20}[］】\]]"
        r"|[［【\[（(][^］】\]）)\n]{1,20}を(?:挿入|追加|記入|入力|貼り付け|入れる|記載)(?:してください|する)?"
        r"[］】\]）)]"
        r"|[［【\[](?:会社名|社名|氏名|名前|お名前|商品名|製品名|サービス名|担当者名|住所|電話番号"
        r"|メールアドレス|公司名称|公司名|您的姓名|你的名字|你的姓名|姓名|产品名称|產品名稱|网址|作者名)"
        r"[^］】\]\n]{0,8}[］】\]])(?![(\[:])"
        # 〇〇社, 株式会社○○, ○○さん, XX%, XX万円, XX公司
        r"|(?P<circles>株式会社[〇○◯●]{2,}|[〇○◯●]{2,}(?:株式会社|社|さん|様|氏|市|県|区|町|円|万円|億円|%|％"
        r"|件|人|名|個|倍|時間|分|歳|万人|公司|元|万元)"
        r"|(?-i:(?<![A-Za-z0-9.])XX+(?:%|％|円|万円|人|件|社|倍|歳|公司|元|万元|万人)"
        r"|\$XX+\b|(?<![A-Za-z0-9.])XX+,XXX\b))"
        # TODO: add link
        r"|(?P<todo>\b(?:TODO|TBD|FIXME)\b[ \t]*[:：]?[ \t]*(?:add|insert|include|put|find|fill in)"
        r"(?: (?:a|an|the|some|more))? (?:link|image|screenshot|source|citation|reference|example"
        r"|stat|statistic|number|quote|figure|chart|graph|url|picture|photo|video|data|date)s?\b"
        r"|\b(?:TODO|TBD)[ \t]*[:：][ \t]*[^\n]{0,20}?(?:リンク|画像|図|出典|引用|链接|图片|来源|出处)"
        r"[^\n]{0,6}?(?:を)?(?:追加|挿入|貼る|入れる|添加|插入|补充))"
        r"|(?P<lorem>\blorem ipsum\b)",
        regex.IGNORECASE,
    )


_HINT = start_finder(r"[\[［【（(]|[〇○◯●]{2}|xx|todo|tbd|fixme|lorem|\{\{", re.IGNORECASE)
#: Words in brackets that are not slots even when a slot word starts them.
_NOT_SLOT = lazy(r"\[(?:x|X| )\]|\[(?:link|source|image|video)\]\[", re.IGNORECASE)
_QUOTE_OPEN = "「『"
_QUOTE_CLOSE = "」』"


def _reference_labels(post: Post) -> set[str]:
    labels = set()
    for m in re.finditer(r"^[ \t]{0,3}\[([^\]\n]{1,200})\]:", post.body, re.M):
        labels.add(" ".join(m.group(1).split()).casefold())
    return labels


def _in_japanese_quote(line: str, pos: int) -> bool:
    before = line[:pos]
    depth = sum(before.count(c) for c in _QUOTE_OPEN) - sum(before.count(c) for c in _QUOTE_CLOSE)
    return depth > 0


@rule(
    "GEN004",
    "unfilled-placeholder",
    "a placeholder left where text was to be filled in",
    family=FAMILY,
    shares=(),
)
def unfilled_placeholder(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds slots of a template or a draft that were never filled in:

    - bracketed instructions and slots: ``[Insert statistic here]``,
      ``[Your Name]``, ``[Company Name]``, ``[Link to source]`` (not when the
      brackets are a link, a link reference or a task-list box);
    - Japanese and Chinese slots: 「（ここに画像を挿入）」, 「［会社名］」,
      「【在此插入图片】」, 「[插入图表]」; ``〇〇社``, ``株式会社○○``, ``○○さん``,
      ``XX%``, ``XX万円``, ``XX公司``, ``$XX`` (a placeholder name or number
      with a unit; 「○○の視点」 inside 「」 is a figure of speech and is left alone);
    - ``TODO: add link`` and the like (a note to add a link, image, source,
      number…; other TODO notes are the author's business);
    - lorem ipsum;
    - a mustache slot ``{{ product_name }}`` / ``{{PRODUCT_NAME}}`` /
      ``{{ Product Name }}`` in the prose of a post that shows no template
      syntax (see below) and has no front-matter key of that name.

    **Template syntax is not a placeholder.** A site generator renders it,
    so it stays silent: anything in code; Hugo shortcodes ``{{< >}}`` and
    ``{{% %}}``; Liquid / Nunjucks / Zola / Hexo tags ``{% … %}``; any
    ``{{ … }}`` holding an expression (a dot, a pipe, a call, a quote:
    ``{{ site.title }}``, ``{{ .Title }}``, ``{{ x | upcase }}``,
    ``{{ get_url(path="x") }}``); and every ``{{ name }}`` in a post that
    shows template evidence: an ``.mdx`` file, a shortcode, a ``{% %}`` tag,
    a ``{{ site.… }}``/``{{ page.… }}`` object, TOML front matter (Hugo,
    Zola), a ``layout``/``permalink``/``eleventyNavigation``/``pagination``
    key (Jekyll, Eleventy), or a path under ``content/``, ``_posts/``,
    ``_drafts/``, ``source/_posts/`` (Hexo) or ``src/posts/`` (Eleventy).
    Only a plain Markdown post (none of these) with a space-padded
    snake_case, UPPER_CASE or Title Case name gets the finding.

    Code blocks, inline code, tables, HTML blocks and comments are not
    searched; block quotes are (an unfilled "[Customer testimonial]" quote
    is still unfilled). The values of the front matter are searched too
    (``author: "[Your Name]"``, ``title: 〇〇社の導入事例``), except for
    mustache slots; there a bracketed slot must hold two words or more and
    no comma, since ``tags: [image]`` is a YAML list.

    **Why:** a generated draft leaves slots for facts it did not have; a
    published slot tells readers the text was never finished, and the fact
    it stood for is missing.

    **Example:** ``According to [Insert statistic here], most teams…``
    reports ``post.md:5:14: GEN004 unfilled placeholder '[Insert statistic
    here]'``.

    **Fix:** none: only a person knows what goes in the slot.

    **Options:** none.
    """
    yield from _front_matter_placeholders(post)
    lines = masked_lines(post, quotes=True)
    labels: set[str] | None = None
    engines: set[str] | None = None
    for lineno in lines_matching(lines, _HINT, max(post.body_line, 1)):
        line = lines[lineno]
        for m in _placeholder().finditer(line):
            kind = m.lastgroup
            text = m.group(0)
            if kind in ("bracket", "cjk") and m.start() > 0:
                before = line[m.start() - 1]
                if before in "!][\\\"'$_" or before.isalnum() and before.isascii():
                    continue  # an image, a nested bracket, an escape, code-like text
            if kind == "bracket":
                if _NOT_SLOT.match(line, m.start()):
                    continue
                if labels is None:
                    labels = _reference_labels(post)
                if " ".join(text[1:-1].split()).casefold() in labels:
                    continue  # a shortcut reference link
            if kind == "circles" and _in_japanese_quote(line, m.start()):
                continue
            yield _finding(lineno, m)
        if "{{" in line:
            for m in _mustache().finditer(line):
                if engines is None:
                    engines = template_engines(post)
                if engines or m.group("name") in post.meta:
                    break
                if m.group("name").islower() and not m.group("pad"):
                    continue  # {{name_x}} without padding: too often an example
                yield Diagnostic(
                    "GEN004",
                    lineno,
                    m.start() + 1,
                    f"unfilled placeholder '{m.group(0)}' (a template slot in a post that"
                    " no template engine renders)",
                    lineno,
                    m.end() + 1,
                )


#: ``key: value`` (YAML) or ``key = value`` (TOML): where the value starts.
_FRONT_MATTER_VALUE = lazy(r"[ \t]*(?:-[ \t]+)?(?:[^\s:=#][^:=]*?[ \t]*[:=][ \t]+|-[ \t]+)")


def _front_matter_placeholders(post: Post) -> Iterator[Diagnostic]:
    """GEN004 in the front matter's values (not its keys or comments)."""
    fm = post.front_matter
    if fm is None or not _HINT.search(fm.raw):
        return
    for offset, line in enumerate(fm.raw.split("\n")):
        head = _FRONT_MATTER_VALUE.match(line)
        if head is None or not _HINT.search(line[head.end() :]):
            continue
        lineno = fm.content_line + offset
        for m in _placeholder().finditer(line, head.end()):
            text = m.group(0)
            if m.lastgroup == "bracket":
                inner = text[1:-1]
                if "," in inner or len(inner.split()) < 2 or _NOT_SLOT.match(text):
                    continue
            yield _finding(lineno, m)


def _finding(lineno: int, m: Any) -> Diagnostic:
    """GEN004 for the placeholder ``m`` matched on line ``lineno``."""
    return Diagnostic(
        "GEN004", lineno, m.start() + 1, f"unfilled placeholder '{m.group(0)}'", lineno, m.end() + 1
    )
