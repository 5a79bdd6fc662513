"""GEN005 fenced-post: the post (or its body) wrapped in a Markdown code fence."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Fix
from ..edits import delete_lines
from ..lazyre import lazy
from ..post import Block, Post
from ..text import SENTENCE_END
from .base import Options, rule
from .gen_family import FAMILY

_FENCE_OPEN = lazy(r"[ \t]{0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
#: Info strings of a fence that holds Markdown (or nothing said).
_MARKDOWN_INFO = {"", "markdown", "md", "mdx", "gfm", "commonmark", "text/markdown"}
_HEADING = lazy(r"[ \t]{0,3}#{1,6}[ \t]+\S")
_FRONT_MATTER = lazy(r"[ \t]*(?:---|\+\+\+)[ \t]*$")
#: A line that reads as a program or a shell session, not as Markdown.
_CODE_LINE = lazy(
    r"[;{]\s*$|^\s*(?:\$ |//|def |class |import |from \S+ import|function |var |let |const "
    r"|return\b|#include|public |private |fn |func |package )"
)
#: Share of the body's non-blank lines the fence must hold.
_MIN_SHARE = 0.8
#: Text outside the fence: at most this many short paragraphs (a preamble
#: such as "Here is the blog post:" and a closing line).
_MAX_OUTSIDE_BLOCKS = 3
_MAX_OUTSIDE_CHARS = 300
#: Without an info string, a fence is also how people paste a reference
#: page under a lead-in of their own: then each paragraph outside must be
#: no longer than a preamble or a closing line.
_MAX_OUTSIDE_BLOCK_CHARS_NO_INFO = 60


def _fenced_block(post: Post) -> Block | None:
    codes = [b for b in post.blocks if b.kind == "code" and b.is_top_level]
    if not codes:
        return None
    best = max(codes, key=lambda b: b.end_line - b.start_line)
    info = best.info.split()[0].lower() if best.info.split() else ""
    if info not in _MARKDOWN_INFO:
        return None
    opener = _FENCE_OPEN.fullmatch(post.lines.line(best.start_line))
    if opener is None:  # an indented code block
        return None
    return best


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` is a closing fence of an opening ``fence`` (the same
    character, at least as many, nothing else)."""
    stripped = line.strip()
    return stripped.startswith(fence) and not stripped.strip(fence[0])


def _looks_like_a_post(post: Post, block: Block, fence: str, info: str) -> bool:
    inner = [post.lines.line(n) for n in range(block.start_line + 1, block.end_line + 1)]
    if inner and _closes(inner[-1], fence):
        inner = inner[:-1]
    text_lines = [line for line in inner if line.strip()]
    if len(text_lines) < 2:
        return False
    if inner and _FRONT_MATTER.fullmatch(inner[0]):
        return True
    headings = sum(1 for line in text_lines if _HEADING.match(line))
    paragraphs = sum(
        1
        for i, line in enumerate(inner)
        if line.strip() and not _HEADING.match(line) and (i == 0 or not inner[i - 1].strip())
    )
    if info:  # said to be Markdown
        return headings >= 1 or paragraphs >= 2
    # No info string: a Markdown post, not a code sample or a log, in it:
    # little that looks like code, and either headings or prose (most
    # paragraphs end a sentence; the title may sit in the front matter).
    prose = [line for line in _outside_nested_fences(inner) if not _HEADING.match(line)]
    codey = sum(1 for line in prose if _CODE_LINE.search(line))
    if len(prose) < 2 or codey > len(prose) // 4:
        return False
    if headings >= 1 and paragraphs >= 2:
        return True
    ends = _paragraph_ends(inner)
    finished = sum(1 for end in ends if end and end[-1] in SENTENCE_END)
    return len(ends) >= 3 and finished >= 0.6 * len(ends)


def _outside_nested_fences(inner: list[str]) -> list[str]:
    """The non-blank lines of ``inner`` outside the code blocks fenced inside
    it (a ````` ```` ````` fence wrapping a post that shows code), fence lines
    included, so the code a post shows does not make the post look like code."""
    out: list[str] = []
    fence = ""
    for line in inner:
        opener = _FENCE_OPEN.fullmatch(line)
        if fence:
            if opener and _closes(line, fence):
                fence = ""
            continue
        if opener:
            fence = opener.group("fence")
            continue
        if line.strip():
            out.append(line)
    return out


def _paragraph_ends(inner: list[str]) -> list[str]:
    """The last line (stripped) of each paragraph of ``inner`` lines."""
    ends: list[str] = []
    for i, line in enumerate(inner):
        if line.strip() and (i + 1 == len(inner) or not inner[i + 1].strip()):
            ends.append(line.strip())
    return ends


@rule(
    "GEN005",
    "fenced-post",
    "the post or its body is wrapped in a Markdown code fence",
    family=FAMILY,
    shares=(),
    fixable=True,
)
def fenced_post(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds a post whose body (or whole file, front matter included) is
    wrapped in a code fence, the way a chat interface shows Markdown:
    ```` ```markdown ```` on the first line, the post, ```` ``` ```` at the end,
    sometimes after a line such as "Here is the blog post:" (GEN002 reports
    that line). The fence must be a top-level ```` ``` ````/``~~~`` fence with
    the info string ``markdown``, ``md``, ``mdx``, ``gfm`` or none, hold at
    least 80% of the body's non-blank lines, leave at most three short
    paragraphs outside, and hold a post: front matter, or a heading or two
    paragraphs (without an info string: little that looks like code outside
    the code blocks the post itself shows, each paragraph outside the
    fence at most 60 characters, and a heading and two paragraphs or three
    paragraphs most of which end a sentence, since the title may sit in the
    front matter). A fence left open (the generator stopped before closing it) counts too.

    A post that shows a Markdown sample inside more text (a docs template
    page, a Markdown tutorial) has too much outside the fence and stays clean.

    **Why:** the renderer shows the whole post as one grey code block, with
    the Markdown syntax visible: the fence belongs to the chat window.

    **Example:** a body ```` ```markdown ```` / ``# Title`` / … / ```` ``` ````
    reports ``post.md:5:1: GEN005 the post is wrapped in a ```markdown code
    fence (lines 5-40)``.

    **Fix (safe):** the opening and closing fence lines are removed; the text
    inside is kept as it is.

    **Options:** none.
    """
    block = _fenced_block(post)
    if block is None:
        return
    index = post.lines
    first = max(post.body_line, 1)
    n = index.line_count
    body_lines = [i for i in range(first, n + 1) if index.line(i).strip()]
    if not body_lines:
        return
    inside = sum(1 for i in body_lines if block.start_line <= i <= block.end_line)
    if inside < _MIN_SHARE * len(body_lines):
        return
    outside = [
        b for b in post.blocks if b.end_line < block.start_line or b.start_line > block.end_line
    ]
    if len(outside) > _MAX_OUTSIDE_BLOCKS:
        return
    if any(b.kind == "code" for b in outside):
        return
    opener = _FENCE_OPEN.fullmatch(index.line(block.start_line))
    assert opener is not None
    info = opener.group("info").split()[0].lower() if opener.group("info").split() else ""
    sizes = [len(post.block_source(b)) for b in outside]
    if sum(sizes) > _MAX_OUTSIDE_CHARS:
        return
    if not info and any(size > _MAX_OUTSIDE_BLOCK_CHARS_NO_INFO for size in sizes):
        return
    fence = opener.group("fence")
    if not _looks_like_a_post(post, block, fence, info):
        return
    closed = block.end_line > block.start_line and _closes(index.line(block.end_line), fence)
    edits = [*delete_lines(post, block.start_line)]
    if closed:
        edits.extend(delete_lines(post, block.end_line))
    shown = fence + opener.group("info")
    where = "post" if block.start_line == 1 else "body"
    state = "" if closed else ", never closed"
    yield Diagnostic(
        "GEN005",
        block.start_line,
        1,
        f"the {where} is wrapped in a {shown} code fence (lines {block.start_line}-"
        f"{block.end_line}{state})",
        block.start_line,
        len(index.line(block.start_line)) + 1,
        Fix("safe", tuple(edits), "remove the wrapping fence"),
    )
