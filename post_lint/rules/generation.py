"""GEN: artifacts of a text generator left in a post.

GEN001 finds generation control text (``---END---``, ``<|endoftext|>``, ...)
that leaked into the body; GEN002 finds sentences an assistant wrote to the
person who asked ("Certainly! Here is ...", "I hope this helps") rather than
to the post's reader.

The marker scan (:func:`find_markers`) is shared with the TRN family, which
uses a marker right after a paragraph as evidence that the paragraph was cut.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..diagnostics import Diagnostic, Edit, Fix
from ..post import Block, Post
from .base import Options, Rule, rule
from .boilerplate import assistant_boilerplate
from .fenced import fenced_post
from .placeholders import unfilled_placeholder
from .reasoning import reasoning_leak
from .residue import chat_citation_residue

# --------------------------------------------------------------------------
# Leaked end markers
# --------------------------------------------------------------------------

#: Control tokens of common generators and chat templates. ``</s>`` is also
#: the HTML strikethrough close tag, so it only counts in a post without <s>.
_TOKEN = (
    r"(?:[-=*]{3,5}[ ]?END[ ]?[-=*]{3,5}"
    r"|<\|[A-Za-z][A-Za-z0-9_]{0,30}\|>"
    r"|</s>"
    r"|\[/?INST\]|\[END\]|<</?SYS>>"
    r"|</?end_of_turn>|<start_of_turn>(?:model|user)?"
    r"|<eos>|<EOS>)"
)
_ROLE = r"(?:[ \t]*(?:assistant|user|system|model))?"
#: A line that is nothing but control tokens (a role name may follow one).
_MARKER_LINE = regex.compile(rf"[ \t]{{0,3}}(?:{_TOKEN}{_ROLE}[ \t]*){{1,4}}")
#: UI labels of chat front ends pasted with the text, alone on their line.
_MARKER_PHRASE_LINE = regex.compile(
    r"[ \t]{0,3}[*_\[(（【]{0,3}[ \t]?"
    r"(?:continue generating|regenerate response|stop generating"
    r"|続きを生成|生成を続ける|続きを書いて|继续生成|繼續生成|重新生成)"
    r"[ \t]?[*_\])）】]{0,3}[ \t]*",
    regex.IGNORECASE,
)
#: Control tokens at the end of a line that has other text before them.
_MARKER_AT_END = regex.compile(rf"(?<=\S)[ \t]*(?:{_TOKEN}[ \t]*){{1,4}}$")
_STRIKE_OPEN = regex.compile(r"<s[\s>]", regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Marker:
    """A leaked marker on one line: columns are 1-based, end one past the marker."""

    line: int
    column: int
    end_column: int
    text: str
    #: True when the marker is the whole line (the line can be deleted).
    whole_line: bool


def _marker_skip_lines(post: Post) -> set[int]:
    """Lines where a marker means nothing: code, tables and HTML blocks
    (except an HTML block that is a lone marker line, such as ``</s>``)."""
    skip: set[int] = set(post.code_lines)
    for b in post.blocks:
        if "blockquote" in b.containers:
            # Quoted text is someone else's words, quoted on purpose.
            skip.update(range(b.start_line, b.end_line + 1))
        elif b.kind == "table":
            skip.update(range(b.start_line, b.end_line + 1))
        elif b.kind == "html":
            if b.start_line == b.end_line and _MARKER_LINE.fullmatch(post.lines.line(b.start_line)):
                continue
            skip.update(range(b.start_line, b.end_line + 1))
    return skip


#: Something every marker contains: lines without it are not looked at.
#: Case-sensitive where the markers are (``END``, ``<eos>``): an ignore-case
#: ``end`` stopped at every "friend" and "depend". Plain ``re``: no Unicode
#: properties needed, and it scans faster than ``regex``.
_MARKER_HINT = re.compile(
    r"END|<\||</?s>|INST\]|SYS>>|_of_turn>|<eos>|<EOS>|(?i:generat)|生成|続きを書いて"
)
#: Markers are short; longer lines can only end with one.
_MAX_MARKER_LINE = 200


def _candidate_lines(post: Post, extra: frozenset[str]) -> list[int]:
    index = post.lines
    first = max(post.body_line, 1)
    if extra:
        return list(range(first, index.line_count + 1))
    start = index.offset(first, 1) if first <= len(index.starts) else len(post.text)
    lines: list[int] = []
    for m in _MARKER_HINT.finditer(post.text, start):
        line = index.position(m.start())[0]
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _scan_markers(post: Post, extra: frozenset[str] = frozenset()) -> list[Marker]:
    if not post.text:
        return []
    candidates = _candidate_lines(post, extra)
    if not candidates:
        return []
    strike_used = bool(_STRIKE_OPEN.search(post.body))
    skip = _marker_skip_lines(post)
    index = post.lines
    found: list[Marker] = []
    for lineno in candidates:
        if lineno in skip:
            continue
        line = index.line(lineno)
        stripped = line.strip()
        if not stripped:
            continue
        indent = len(line) - len(line.lstrip())
        if len(stripped) <= _MAX_MARKER_LINE:
            whole = _MARKER_LINE.fullmatch(line) or _MARKER_PHRASE_LINE.fullmatch(line)
            if (whole and not (strike_used and "</s>" in stripped)) or stripped in extra:
                found.append(Marker(lineno, indent + 1, indent + len(stripped) + 1, stripped, True))
                continue
        if "<" not in line and "END" not in line and "INST" not in line:
            continue
        tail_start = max(0, len(line.rstrip()) - _MAX_MARKER_LINE)
        m = _MARKER_AT_END.search(line.rstrip(), tail_start)
        if m is None:
            continue
        token = m.group(0).strip()
        if strike_used and "</s>" in token:
            continue
        if line[: m.start()].count("`") % 2:  # inside an inline code span
            continue
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        found.append(Marker(lineno, start + 1, start + len(token) + 1, token, False))
    return found


_MARKER_CACHE: weakref.WeakKeyDictionary[Post, list[Marker]] = weakref.WeakKeyDictionary()


def find_markers(post: Post, extra: frozenset[str] = frozenset()) -> list[Marker]:
    """The leaked markers of a post (outside front matter, code, tables and
    HTML), in line order: the built-in ones, plus whole lines equal to one
    of ``extra``. The built-in scan is computed once per post."""
    if extra:
        return _scan_markers(post, extra)
    try:
        return _MARKER_CACHE[post]
    except KeyError:
        markers = _scan_markers(post)
        _MARKER_CACHE[post] = markers
        return markers
    except TypeError:  # not weak-referenceable
        return _scan_markers(post)


def strip_markers(text: str) -> str:
    """``text`` with every marker removed (whole marker lines and markers at
    line ends): what remains of a paragraph once the leak is taken out."""
    if "<" not in text and "END" not in text and "INST" not in text and "生成" not in text:
        if not _MARKER_PHRASE_LINE.search(text):
            return text
    kept: list[str] = []
    for line in text.split("\n"):
        if _MARKER_LINE.fullmatch(line) or _MARKER_PHRASE_LINE.fullmatch(line):
            continue
        kept.append(_MARKER_AT_END.sub("", line))
    return "\n".join(kept)


def is_marker_block(post: Post, block: Block, markers_by_line: dict[int, Marker]) -> bool:
    """A paragraph or HTML block made only of marker lines."""
    if block.kind not in ("paragraph", "html"):
        return False
    for lineno in range(block.start_line, block.end_line + 1):
        m = markers_by_line.get(lineno)
        if m is None or not m.whole_line:
            return False
    return True


def _deletion_edits(post: Post, marker: Marker, marker_lines: frozenset[int]) -> tuple[Edit, ...]:
    """Delete a marker line, and one blank line beside it when the marker (or
    a run of marker lines) stood alone between blank lines, so that no double
    blank line is left. Only the last line of a run takes the blank line."""
    index = post.lines
    line = marker.line
    if line + 1 in marker_lines:
        return (Edit(line, 1, line + 1, 1, ""),)
    first = line
    while first - 1 in marker_lines:
        first -= 1
    prev_blank = first <= post.body_line or not index.line(first - 1).strip()
    next_exists = line < index.line_count
    next_blank = next_exists and not index.line(line + 1).strip()
    if prev_blank and next_blank:
        return (Edit(line, 1, line + 2, 1, ""),)
    if prev_blank and not next_exists and first - 1 >= post.body_line and first > 1:
        # Last lines of the file: take the blank line before them instead.
        if first < line:  # the lines between go with their own diagnostics
            return (Edit(first - 1, 1, first, 1, ""), Edit(line, 1, line + 1, 1, ""))
        return (Edit(line - 1, 1, line + 1, 1, ""),)
    return (Edit(line, 1, line + 1, 1, ""),)


@rule(
    "GEN001",
    "leaked-end-marker",
    "generation control text left in the body",
    options={"extra_markers": []},
    fixable=True,
)
def leaked_end_marker(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds generation control text that leaked into the body: ``---END---``,
    ``<|endoftext|>``, ``<|im_end|>``, ``<|eot_id|>``, ``</s>``, ``[END]``,
    ``[/INST]``, ``<end_of_turn>``, ``<<SYS>>``, and chat front-end labels such
    as "Continue generating" or 「続きを生成」 on a line of their own. A marker
    counts on its own line or at the end of a line of text (the control tokens
    only, not the labels). Front matter, code blocks, inline code, block
    quotes, tables and HTML blocks are never searched, ``</s>`` is ignored in
    a post that uses ``<s>`` strikethrough, and a bare ``---`` is a thematic
    break or a setext underline, never a marker.

    **Why:** a generator that hit its length limit, or a pipeline that glued
    several outputs together, leaves its control text behind; readers see it
    verbatim. Human-written posts essentially never contain it.

    **Example:**

    ```markdown
    …変革する可能性を秘

    ---END---
    ```

    reports ``post.md:50:1: GEN001 leaked generation marker '---END---'``.

    **Fix (safe):** the marker line is deleted (with one blank line next to it,
    so no double blank line remains); a marker at the end of a line of text is
    cut from that line.

    **Options:**

    - ``extra-markers`` (list of strings, default ``[]``): more lines to treat
      as markers, matched against the whole line with surrounding white space
      removed, e.g. ``["<<END OF ARTICLE>>"]``.
    """
    extra = frozenset(s.strip() for s in options.get("extra_markers", ()) if isinstance(s, str))
    extra = frozenset(s for s in extra if s)
    markers = find_markers(post, extra)
    whole_lines = frozenset(m.line for m in markers if m.whole_line)
    for m in markers:
        if m.whole_line:
            edits = _deletion_edits(post, m, whole_lines)
        else:
            line = post.lines.line(m.line)
            start = len(line[: m.column - 1].rstrip()) + 1
            edits = (Edit(m.line, start, m.line, len(line.rstrip()) + 1, ""),)
        yield Diagnostic(
            "GEN001",
            m.line,
            m.column,
            f"leaked generation marker '{_shorten(m.text, 40)}'",
            m.line,
            m.end_column,
            Fix("safe", edits, "remove the leaked marker"),
        )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


RULES: tuple[Rule, ...] = (
    leaked_end_marker,
    assistant_boilerplate,
    chat_citation_residue,
    unfilled_placeholder,
    fenced_post,
    reasoning_leak,
)
