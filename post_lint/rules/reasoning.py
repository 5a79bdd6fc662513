"""GEN006 reasoning-leak: a model's reasoning left in the post."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .. import regex_engine as regex
from ..diagnostics import Diagnostic, Edit, Fix
from ..edits import delete_lines
from ..lazyre import lazy, start_finder
from ..post import Post
from ..text import shorten
from .base import Options, rule
from .gen_family import FAMILY
from .prose_lines import LineView, iter_lines_matching, lines_matching, masked_lines

_TAGS = "think|thinking|thought|reasoning|reflection|scratchpad"
_OPEN = lazy(rf"<(?P<tag>{_TAGS})>|◁think▷", re.IGNORECASE)
_CLOSE = {name: lazy(rf"</{name}>", re.IGNORECASE) for name in _TAGS.split("|")}
_ANY_CLOSE = lazy(rf"</(?:{_TAGS})>|◁/think▷", re.IGNORECASE)
_KIMI_CLOSE = lazy(r"◁/think▷")
#: Where a tag can start (lines without one hold no tag).
_TAG_START = lazy(r"[<◁]")

#: Labels a chat interface shows above its reasoning, alone on their line
#: (after optional list, heading or emphasis markup): a timer ("Thought for
#: 12 seconds", 「12 秒間思考」, 「已深度思考（用时 12 秒）」) can be deleted; a
#: header ("思考过程：", "Thinking process:") introduces reasoning of unknown length.
_LINE_MARKUP = r"[ \t]{0,3}(?:[-*+>][ \t]+|#{1,6}[ \t]+)?[*_]{0,3}[ \t]*"


@functools.cache
def _timer() -> Any:
    return regex.compile(
        _LINE_MARKUP
        + r"(?:(?:thought|reasoned|thinking|reasoning) for (?:\d+ ?(?:h|m|min|minutes?) ?)?\d+(?:\.\d+)?"
        r" ?(?:s|sec|secs|seconds?|m|min|minutes?)"
        r"|\d+ ?秒(?:間)?(?:、)?(?:思考|推論)(?:しました|済み|完了)?|思考時間[:：]? ?\d+ ?秒"
        r"|(?:已(?:深度)?思考|思考了|已推理|深度思考)(?:[ ]?\d+ ?秒|[（(]用时 ?\d+ ?秒[）)])?"
        r"|思考已完成|已完成思考|show thinking|thinking\.\.\.|thinking…|思考中(?:\.\.\.|…)?)"
        r"[ \t]*[*_]{0,3}[ \t]*[>›»]?[ \t]*",
        regex.IGNORECASE,
    )


@functools.cache
def _header() -> Any:
    return regex.compile(
        _LINE_MARKUP
        + r"(?:思考过程|思考過程|推理过程|推理過程|思考プロセス|思考の過程|推論過程|thinking process"
        r"|thought process|reasoning process|chain of thought)[ \t]*[*_]{0,3}[ \t]*[:：][ \t]*[*_]{0,3}"
        r"(?P<rest>.*)",
        regex.IGNORECASE,
    )


#: Something every timer or header contains (lines without it are skipped).
_LABEL_HINT = start_finder(
    r"秒|思考|推理|推論|thought|reasoned|thinking|reasoning|chain of", re.IGNORECASE
)


#: The model talking to itself about the request, at the opening of the body.
@functools.cache
def _inner_voice() -> Any:
    return regex.compile(
        r"(?:(?:okay|ok|alright|all right|hmm|so|well|right)[,.]? (?:so )?)?"
        r"(?:the user (?:wants|asked|is asking|has asked|needs|would like|requests|wrote|is looking)"
        r"|i (?:need|have) to (?:write|draft|create|produce) (?:a|an|the) (?:blog post|post|article"
        r"|essay|piece)"
        r"|(?:first|now),? i need to (?:understand|figure out|think about) what the user)\b"
        r"|(?:好的|嗯|那么|首先)[,，]?(?:用户|使用者)(?:想|让我|要求|希望|需要|问|请求|讓我)"
        r"|(?:用户|使用者)(?:想要|让我|要求我|希望我|需要我|讓我|请求我)"
        r"|(?:首先|好的)[,，]我(?:需要|得|要)(?:理解|分析|考虑|確定|确定)"
        r"|ユーザー(?:は|が|から)[^。\n]{0,60}(?:求めて|望んで|依頼して|頼んで|要望して|リクエストして|聞いて)"
        r"|(?:まず|よし|さて)、?(?:ユーザー|依頼|質問)",
        regex.IGNORECASE,
    )


_HINT = start_finder(
    r"<(?:/?)(?:" + _TAGS + r")>|◁|thought|reason|think|思考|推理|推論|秒|user|ユーザー|用户"
    r"|使用者|let me|i need",
    re.IGNORECASE,
)
#: How many top-level paragraphs at the start of the body may be inner voice.
_OPENING_PARAGRAPHS = 3


def _line_diagnostic(lineno: int, line: str, message: str, fix: Fix | None = None) -> Diagnostic:
    """A finding that spans the text of one whole line."""
    indent = len(line) - len(line.lstrip())
    return Diagnostic("GEN006", lineno, indent + 1, message, lineno, len(line.rstrip()) + 1, fix)


def _blocks(post: Post, lines: LineView) -> Iterator[tuple[Diagnostic, range]]:
    """The tag blocks, each with the lines it covers."""
    n = len(lines) - 1
    first_content = None
    for i in range(max(post.body_line, 1), n + 1):
        if lines[i] is not None and lines[i].strip():
            first_content = i
            break
    next_line = 1  # lines before it are inside a block already reported
    for lineno in iter_lines_matching(lines, _TAG_START):
        if lineno < next_line:
            continue
        line = lines[lineno]
        m = _OPEN.search(line)
        close_only = None if m else _ANY_CLOSE.search(line)
        if m is None and close_only is None:
            continue
        if m is None:
            # A close tag with no open tag: the reasoning ran from the top of the body.
            assert close_only is not None
            raw = post.lines.line(lineno)
            whole = not raw[: close_only.start()].strip() and not raw[close_only.end() :].strip()
            fix = None
            if first_content is not None and whole:
                fix = Fix(
                    "unsafe",
                    delete_lines(post, first_content, lineno),
                    "remove everything before the close tag (the reasoning)",
                )
            yield (
                Diagnostic(
                    "GEN006",
                    lineno,
                    close_only.start() + 1,
                    f"reasoning leak: '{close_only.group(0)}' closes a reasoning block that has"
                    " no opening tag (the text above it is the model's reasoning)",
                    lineno,
                    close_only.end() + 1,
                    fix,
                ),
                range(max(post.body_line, 1), lineno + 1),
            )
            continue
        tag = m.group("tag")
        close_re = _CLOSE[tag.lower()] if tag else _KIMI_CLOSE
        end_line, close = None, None
        c = close_re.search(line, m.end())
        if c:
            end_line, close = lineno, c
        else:
            for j in iter_lines_matching(lines, close_re, lineno + 1):
                end_line, close = j, close_re.search(lines[j])
                break
        opened = m.group(0)
        if end_line is None or close is None:
            yield (
                Diagnostic(
                    "GEN006",
                    lineno,
                    m.start() + 1,
                    f"reasoning leak: '{opened}' opens a reasoning block that is never closed",
                    lineno,
                    m.end() + 1,
                ),
                range(lineno, n + 1),
            )
            return
        start_raw = post.lines.line(lineno)
        end_raw = post.lines.line(end_line)
        whole = not start_raw[: m.start()].strip() and not end_raw[close.end() :].strip()
        if whole:
            edits = delete_lines(post, lineno, end_line)
        else:
            edits = (Edit(lineno, m.start() + 1, end_line, close.end() + 1, ""),)
        span = f"lines {lineno}-{end_line}" if end_line > lineno else f"line {lineno}"
        yield (
            Diagnostic(
                "GEN006",
                lineno,
                m.start() + 1,
                f"reasoning leak: a '{opened}' block ({span}) left in the post",
                end_line,
                close.end() + 1,
                Fix("safe", edits, "remove the reasoning block"),
            ),
            range(lineno, end_line + 1),
        )
        next_line = end_line + 1


@rule(
    "GEN006",
    "reasoning-leak",
    "a model's reasoning left in the post",
    family=FAMILY,
    shares=(),
    fixable=True,
)
def reasoning_leak(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds the reasoning a model wrote before its answer, left in the post:

    - a ``<think>…</think>`` block (also ``<thinking>``, ``<reasoning>``,
      ``<thought>``, ``<reflection>``, ``<scratchpad>``, ``◁think▷…◁/think▷``),
      anywhere outside code; a close tag with no open tag (the reasoning
      then ran from the top of the body), or an open tag never closed;
    - a chat interface's reasoning label alone on its line: a timer
      ("Thought for 12 seconds", "Reasoned for 8s", 「12 秒間思考」,
      「已深度思考（用时 12 秒）」, 「思考了 5 秒」) or a header ("思考过程：",
      「思考プロセス：」, "Thinking process:");
    - the model talking to itself about the request in the first paragraphs
      ("Okay, the user wants a blog post about …", 「好的，用户让我写…」,
      「ユーザーは…についての記事を求めている。」).

    Code blocks, inline code and block quotes are not searched, so a post
    about reasoning models can show the tags in code.

    **Why:** the reasoning is the model's scratch work, never meant for a
    reader; it is long, repetitive, and talks about "the user".

    **Example:** a body that starts with ``<think>`` … ``</think>`` reports
    ``post.md:5:1: GEN006 reasoning leak: a '<think>' block (lines 5-9) left
    in the post``.

    **Fix:** a complete tag block and a timer label are removed (safe: the
    reasoning is not part of the post). A close tag without an open tag
    offers to remove everything above it (unsafe: a person should check
    where the reasoning ends). A header and inner voice are reported only,
    since where the reasoning ends needs a person.

    **Options:** none.
    """
    lines = masked_lines(post, html=True)
    if next(iter_lines_matching(lines, _HINT), None) is None:
        return
    tag_lines: set[int] = set()
    for d, covered in _blocks(post, lines):
        tag_lines.update(covered)
        yield d
    for lineno in lines_matching(lines, _LABEL_HINT, max(post.body_line, 1)):
        line = lines[lineno]
        if lineno in tag_lines or len(line) > 200:
            continue
        if _timer().fullmatch(line):
            fix = Fix("safe", delete_lines(post, lineno), "remove the label")
            yield _line_diagnostic(
                lineno, line, f"reasoning leak: chat reasoning label '{line.strip()}'", fix
            )
        elif _header().fullmatch(line):
            message = f"reasoning leak: reasoning header '{shorten(line, 40)}'"
            yield _line_diagnostic(lineno, line, message)
    top = [b for b in post.blocks if b.kind == "paragraph" and b.is_top_level]
    for b in top[:_OPENING_PARAGRAPHS]:
        if tag_lines.intersection(range(b.start_line, b.end_line + 1)):
            continue
        text = b.prose.lstrip()
        m = _inner_voice().match(text)
        if m:
            message = f"reasoning leak: the model's notes to itself ('{text[:40].strip()}…')"
            yield _line_diagnostic(b.start_line, post.lines.line(b.start_line), message)
            break
