"""GEN003 chat-citation-residue: citation markup of a chat UI pasted with the text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .. import pattern_cache
from ..diagnostics import Diagnostic, Edit, Fix
from ..lazyre import lazy, start_finder
from ..post import Post
from ..text import shorten
from .base import Options, non_blank_strings, rule
from .gen_family import FAMILY
from .prose_lines import lines_matching, masked_lines

#: The private-use characters ChatGPT wraps its inline references in
#: (U+E200 opens, U+E202 separates, U+E201 closes).
_PUA = "\ue200-\ue2ff"
_TURN = r"turn\d+(?:search|news|view|fetch|file|image|academia|finance|sports|forecast|product|reddit|video|open|click)\d+"

#: Each alternative is one kind of residue.
_RESIDUE = lazy(
    r"(?P<oai>:?contentReference\[oaicite:\d+\](?:\{index=\d+\})?)"
    rf"|(?P<pua>[{_PUA}][^\n{_PUA}]{{0,300}}[{_PUA}](?:[^\n{_PUA}]{{0,300}}[{_PUA}])*)"
    rf"|(?P<turn>(?:file|nav)?cite(?:[{_PUA}]?{_TURN})+)"
    r"|(?P<dagger>【\d+(?::\d+)?†[^】\n]{0,60}】|\[\d+(?::\d+)?†[^\]\n]{0,60}\])"
    rf"|(?P<stray>[{_PUA}])"
)
#: The ``entity`` reference keeps a visible name: ``\ue200entity\ue202["people","Ada"]\ue201``.
_ENTITY = lazy(rf'[{_PUA}]entity[{_PUA}]\[\s*"[^"\n]*"\s*,\s*"([^"\n]*)"')


@functools.cache
def _hint() -> Any:
    """Where residue may start: a :func:`~post_lint.lazyre.start_finder`
    (the engine skips to its first characters; the plain alternation read a
    16 MB post five times slower), built when a post is first read."""
    return start_finder(rf"contentReference|cite|†|[{_PUA}]|utm_source=")


DEFAULT_TRACKERS = [
    "chatgpt.com",
    "chat.openai.com",
    "openai",
    "openai.com",
    "perplexity",
    "perplexity.ai",
    "copilot.microsoft.com",
    "claude.ai",
    "gemini.google.com",
]


def _tracker_regex(sources: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(s) for s in sorted(set(sources), key=lambda s: (-len(s), s)) if s)
    # ?utm_source=X&rest  |  &utm_source=X (also &amp; in HTML)
    return pattern_cache.compile(
        rf"(?P<sep>\?|&amp;|&)utm_source=(?:{alts})(?=$|[&#)\]\s\"'<>])(?P<amp>&amp;|&)?",
        re.IGNORECASE,
    )


_TRACKERS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _trackers(sources: tuple[str, ...]) -> re.Pattern[str]:
    if sources not in _TRACKERS:
        _TRACKERS[sources] = _tracker_regex(sources)
    return _TRACKERS[sources]


def _describe(text: str) -> str:
    return shorten(re.sub(rf"[{_PUA}]", "", text) or repr(text), 40)


@rule(
    "GEN003",
    "chat-citation-residue",
    "citation markup of a chat interface left in the text",
    family=FAMILY,
    shares=(),
    options={"tracking_sources": list(DEFAULT_TRACKERS)},
    validate={"tracking_sources": non_blank_strings},
    fixable=True,
)
def chat_citation_residue(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds the citation markup that chat interfaces put in their answers and
    that comes along when the answer is copied into a post:

    - ``:contentReference[oaicite:0]{index=0}`` (ChatGPT's copy button);
    - ``citeturn0search3`` / ``turn0news5`` references, with or without the
      private-use characters U+E200..U+E2FF that delimit them, and any other
      private-use character of that range;
    - ``【4†source】``, ``【12:3†L10-L20】``, ``[1†L10-L20]`` (file and browsing
      citations);
    - a link whose query carries ``utm_source=chatgpt.com`` (or another chat
      product of ``tracking-sources``).

    Front matter and prose are searched; code blocks, inline code, block
    quotes, tables and HTML comments are not (a post that shows the markup
    on purpose puts it in code).

    **Why:** the markup means something only inside the chat window; on a
    published page it is noise that tells every reader where the text came
    from, and the tracking parameter reports the click to the chat product.

    **Example:** ``Rust 1.0 shipped in 2015. :contentReference[oaicite:0]{index=0}``
    reports ``post.md:5:26: GEN003 chat citation residue
    ':contentReference[oaicite:0]{index=0}'``.

    **Fix (safe):** the residue (and the space before it) is removed; an
    ``entity`` reference is replaced by the name it shows; the tracking
    parameter is removed from the link, which keeps its other parameters.

    **Options:**

    - ``tracking-sources`` (list of strings, default the chat products above):
      the ``utm_source`` values that mark a link as copied from a chat.
    """
    sources = tuple(
        s.strip().lower() for s in options.get("tracking_sources", ()) if isinstance(s, str)
    )
    trackers = _trackers(sources) if any(sources) else None
    lines = masked_lines(post, front_matter=True)
    for lineno in lines_matching(lines, _hint()):
        line = lines[lineno]
        raw = post.lines.line(lineno)
        for m in _RESIDUE.finditer(line):
            start, end = m.start(), m.end()
            content = ""
            entity = _ENTITY.match(line, start) if m.lastgroup == "pua" else None
            if entity is not None:
                content = entity.group(1)
            elif (
                start > 0
                and raw[start - 1] in " \t"
                and (end == len(raw) or not raw[end].isalnum())
            ):
                # "text. :contentReference[…]" : take the space before it too.
                while start > 0 and raw[start - 1] in " \t":
                    start -= 1
            yield Diagnostic(
                "GEN003",
                lineno,
                m.start() + 1,
                f"chat citation residue '{_describe(m.group(0))}'",
                lineno,
                end + 1,
                Fix(
                    "safe",
                    (Edit(lineno, start + 1, lineno, end + 1, content),),
                    "remove the residue",
                ),
            )
        if trackers is None or "utm_source=" not in line:
            continue
        for m in trackers.finditer(line):
            start, end = m.start(), m.end()
            if m.group("sep") == "?" and m.group("amp"):
                replacement = "?"  # ?utm_source=x&a=b -> ?a=b
            else:
                replacement = ""
                if m.group("amp"):
                    end -= len(m.group("amp"))  # &utm_source=x&a=b -> &a=b
            param = m.group(0).lstrip("?&").removeprefix("amp;").rstrip("&").removesuffix("&amp;")
            yield Diagnostic(
                "GEN003",
                lineno,
                m.start() + 2 if m.group("sep") != "&amp;" else m.start() + 6,
                f"link carries a chat tracking parameter '{param}'",
                lineno,
                m.end() + 1,
                Fix(
                    "safe",
                    (Edit(lineno, start + 1, lineno, end + 1, replacement),),
                    "remove the tracking parameter",
                ),
            )
