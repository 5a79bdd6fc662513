"""The blocks every rule reads, before and after the parser switch (issue 19).

post-lint parsed bodies with markdown-it-py (+ mdit-py-plugins' footnotes) until
it moved to pyromark (pulldown-cmark). This script keeps the old markdown-it
code as the reference (here only: the package has one parser) and compares, on
every file of ../shared/corpus and ../shared/corpus-docs, the blocks of
``Post.blocks``: kind, line span, containers, prose, level, shape flags,
images, code info.

    .venv/bin/pip install markdown-it-py mdit-py-plugins
    .venv/bin/python bench/blocks_equivalence.py            # differences, by kind
    .venv/bin/python bench/blocks_equivalence.py --show 20  # + the first 20 in full
    .venv/bin/python bench/blocks_equivalence.py --record   # rewrite the fingerprint

``--record`` writes ``tests/data/blocks-fingerprint.tsv.gz`` (one hash of the
old view per file), which ``tests/test_blocks_corpus.py`` checks the new parser
against; the files where the two differ because the old view was wrong are
listed, with the reason, in ``tests/data/blocks-differences.tsv``.
"""

from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from post_lint.post import Block, Post  # noqa: E402
from post_lint.text import strip_template_tags, strip_urls  # noqa: E402
from tests.test_blocks_corpus import (  # noqa: E402
    CORPORA,
    FINGERPRINT,
    block_fingerprint,
    corpus_paths,
)

# --------------------------------------------------------------------------
# The old parser: post_lint/post.py as of 0.1 (markdown-it-py), verbatim.
# --------------------------------------------------------------------------

_md_parser = None


def _markdown() -> Any:
    global _md_parser
    if _md_parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin

        md = MarkdownIt("commonmark", {"maxNesting": 50}).enable("table").use(footnote_plugin)
        # Link targets are never read (prose drops them), so skip percent-encoding
        # them: about 10% of the parse time. validateLink still runs as before.
        md.normalizeLink = _keep_link  # type: ignore[method-assign]
        md.normalizeLinkText = _keep_link  # type: ignore[method-assign]
        # Bracket-heavy text ("![![![..." or "[[[[...") costs markdown-it-py up
        # to ~150 µs per bracket (link labels are re-scanned at every nesting
        # level): past a budget, inline content is parsed without links.
        plain = MarkdownIt("commonmark", {"maxNesting": 50}).use(footnote_plugin)
        plain.disable(["link", "image", "footnote_ref", "footnote_inline"])
        md.core.ruler.at("inline", _bounded_inline(plain))
        _md_parser = md
    return _md_parser


def _keep_link(url: str) -> str:
    return url


#: Link brackets ``[`` one inline run (a paragraph or heading) and a whole post
#: may hold before the rest is parsed as plain text (no links, images,
#: footnote references). Real posts stay far below: the corpus maximum is
#: under 700 per post and 250 per paragraph.
MAX_LINK_BRACKETS_INLINE = 5_000
MAX_LINK_BRACKETS_POST = 20_000


def _bounded_inline(plain: Any) -> Any:
    def inline(state: Any) -> None:
        budget = MAX_LINK_BRACKETS_POST
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            brackets = token.content.count("[")
            parser = state.md
            if brackets > MAX_LINK_BRACKETS_INLINE or brackets > budget:
                parser = plain
            else:
                budget -= brackets
            parser.inline.parse(token.content, parser, state.env, token.children)

    return inline


_CONTAINER_OPEN = {
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
    "footnote_open": "footnote",
}
_CONTAINER_CLOSE = {
    "list_item_close",
    "blockquote_close",
    "footnote_close",
}


def _inline_prose(children: list[Any]) -> tuple[str, bool, bool, bool, int]:
    """Prose text of an inline token's children plus shape flags."""
    parts: list[str] = []
    link_depth = 0
    autolink = 0
    emphasis_depth = 0
    text_outside_links = text_inside_links = False
    text_outside_emphasis = text_inside_emphasis = False
    images = 0
    for tok in children:
        t = tok.type
        if t == "text" or t == "code_inline" or t == "text_special":
            if autolink:
                continue
            content = tok.content
            parts.append(content)
            if content.strip():
                if link_depth:
                    text_inside_links = True
                else:
                    text_outside_links = True
                if emphasis_depth:
                    text_inside_emphasis = True
                else:
                    text_outside_emphasis = True
        elif t == "softbreak" or t == "hardbreak":
            parts.append("\n")
        elif t == "link_open":
            link_depth += 1
            if tok.markup == "autolink" or tok.info == "auto":
                autolink += 1
                text_inside_links = True
        elif t == "link_close":
            link_depth -= 1
            if autolink:
                autolink -= 1
        elif t in ("strong_open", "em_open"):
            emphasis_depth += 1
        elif t in ("strong_close", "em_close"):
            emphasis_depth -= 1
        elif t == "image":
            images += 1
    prose = strip_urls(strip_template_tags("".join(parts)))
    link_only = text_inside_links and not text_outside_links and images == 0
    image_only = images > 0 and not text_outside_links
    emphasis_only = text_inside_emphasis and not text_outside_emphasis
    return prose, link_only, image_only, emphasis_only, images


def parse_blocks(body: str, first_line: int) -> list[Block]:
    """Parse the body (which starts at 1-based ``first_line``) into blocks."""
    tokens = _markdown().parse(body)
    offset = first_line  # map[0] is 0-based within the body
    blocks: list[Block] = []
    containers: list[str] = []
    table_depth = 0
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t in _CONTAINER_OPEN:
            containers.append(_CONTAINER_OPEN[t])
        elif t in _CONTAINER_CLOSE:
            if containers:
                containers.pop()
        elif t == "table_open":
            if tok.map:
                blocks.append(
                    Block("table", tok.map[0] + offset, tok.map[1] - 1 + offset, tuple(containers))
                )
            table_depth += 1
        elif t == "table_close":
            table_depth -= 1
        elif table_depth:
            pass
        elif t in ("paragraph_open", "heading_open") and tok.map:
            inline = tokens[i + 1] if i + 1 < n and tokens[i + 1].type == "inline" else None
            prose, link_only, image_only, emphasis_only, images = _inline_prose(
                inline.children or [] if inline else []
            )
            kind = "paragraph" if t == "paragraph_open" else "heading"
            blocks.append(
                Block(
                    kind,
                    tok.map[0] + offset,
                    tok.map[1] - 1 + offset,
                    tuple(containers),
                    prose=prose,
                    level=int(tok.tag[1]) if kind == "heading" else 0,
                    link_only=link_only,
                    image_only=image_only,
                    emphasis_only=emphasis_only,
                    images=images,
                )
            )
            i += 2
            continue
        elif t in ("fence", "code_block") and tok.map:
            blocks.append(
                Block(
                    "code",
                    tok.map[0] + offset,
                    tok.map[1] - 1 + offset,
                    tuple(containers),
                    info=tok.info.strip(),
                )
            )
        elif t == "html_block" and tok.map:
            blocks.append(
                Block("html", tok.map[0] + offset, tok.map[1] - 1 + offset, tuple(containers))
            )
        elif t == "hr" and tok.map:
            blocks.append(
                Block("hr", tok.map[0] + offset, tok.map[1] - 1 + offset, tuple(containers))
            )
        i += 1
    # Blocks nested in list items/quotes come out in source order already;
    # footnote bodies are emitted at the end by the plugin: restore order.
    blocks.sort(key=lambda b: (b.start_line, b.end_line))
    return blocks


# --------------------------------------------------------------------------
# Comparison
# --------------------------------------------------------------------------


def old_blocks(post: Post) -> list[Block]:
    return parse_blocks(post.body, post.body_line)


def _row(b: Block) -> str:
    return (
        f"{b.kind} {b.start_line}-{b.end_line} {'/'.join(b.containers) or '-'} "
        f"L{b.level} {'l' if b.link_only else ''}{'i' if b.image_only else ''}"
        f"{'e' if b.emphasis_only else ''} img={b.images} info={b.info!r} {b.prose[:70]!r}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--record", action="store_true", help="write the old view's fingerprint")
    ap.add_argument("--show", type=int, default=5, help="files to show in full")
    args = ap.parse_args(argv)
    rows: list[str] = []
    differ: list[tuple[str, str, list[Block], list[Block]]] = []
    files = blocks = 0
    t_old = t_new = 0.0
    for corpus, root in CORPORA.items():
        for path in corpus_paths(root):
            rel = path.relative_to(root).as_posix()
            data = path.read_bytes()
            t0 = time.perf_counter()
            post = Post.from_bytes(data, rel)
            old = old_blocks(post)
            t1 = time.perf_counter()
            new = post.blocks
            t2 = time.perf_counter()
            t_old += t1 - t0
            t_new += t2 - t1
            files += 1
            blocks += len(old)
            rows.append(f"{corpus}\t{rel}\t{block_fingerprint(old)}")
            if block_fingerprint(old) != block_fingerprint(new):
                differ.append((corpus, rel, old, new))
    print(f"{files} files, {blocks} old blocks; parse seconds old {t_old:.2f}, new {t_new:.2f}")
    print(f"{len(differ)} files differ")
    for corpus, rel, old, new in differ[: args.show]:
        print(f"\n== {corpus}/{rel}")
        olds = [_row(b) for b in old]
        news = [_row(b) for b in new]
        import difflib

        for line in difflib.unified_diff(olds, news, "old", "new", n=0, lineterm=""):
            print(line)
    for corpus, rel, _old, new in differ[args.show :]:
        print(f"{corpus}\t{rel}\t{block_fingerprint(new)}")
    if args.record:
        with gzip.open(FINGERPRINT, "wt", encoding="utf-8") as fh:
            fh.write("corpus\tpath\tfingerprint\n")
            fh.write("\n".join(rows) + "\n")
        print(f"wrote {FINGERPRINT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
