"""GEN: artifacts of a text generator left in a post.

GEN001 finds generation control text (``---END---``, ``<|endoftext|>``, ...)
that leaked into the body. The other GEN rules live in their own modules and
are registered here: GEN002 assistant boilerplate (:mod:`.boilerplate`),
GEN003 chat citation residue (:mod:`.residue`), GEN004 unfilled placeholders
(:mod:`.placeholders`), GEN005 a fenced post (:mod:`.fenced`) and GEN006 a
reasoning leak (:mod:`.reasoning`).

The marker vocabulary and scan are :mod:`post_lint.markers`, shared with the
TRN family (a marker right after a paragraph is evidence that it was cut) and
the DUP family (paragraphs are compared without markers).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Fix
from ..edits import delete_line_end, delete_lines
from ..markers import EXTRA_MARKERS, LABEL, Marker, Markers
from ..markers import scan as scan_markers
from ..post import Post
from ..text import shorten
from .base import Options, Rule, rule
from .boilerplate import assistant_boilerplate
from .fenced import fenced_post
from .gen_family import FAMILY
from .placeholders import unfilled_placeholder
from .reasoning import reasoning_leak
from .residue import chat_citation_residue
from .truncation import is_complete

# --------------------------------------------------------------------------
# Leaked end markers (the vocabulary and the scan live in post_lint.markers)
# --------------------------------------------------------------------------


def label_is_artifact(post: Post, markers: Markers, label: Marker) -> bool:
    """A continuation label is a leak when it stands between parts of the
    text (prose before it and after it) or right after a cut paragraph. At
    the very end of a post after finished text, or at its top, it is a
    person announcing a series ("（続く）", "To be continued...")."""
    before = after = None
    for b in post.blocks:
        if markers.is_marker_block(b) or b.kind not in ("paragraph", "heading"):
            continue
        if b.link_only or b.image_only or not b.prose.strip():
            continue
        if b.start_line < label.line:
            before = b
        elif b.start_line > label.line:
            after = b
            break
    if before is None:
        return False
    if after is not None:
        return True
    return before.kind == "paragraph" and not is_complete(markers.strip(markers.prose(before)))


@rule(
    "GEN001",
    "leaked-end-marker",
    "generation control text left in the body",
    family=FAMILY,
    fixable=True,
)
def leaked_end_marker(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds generation control text that leaked into the body: ``---END---``,
    ``<|endoftext|>``, ``<|im_end|>``, ``<|eot_id|>``, ``</s>``, ``[END]``,
    ``[/INST]``, ``<end_of_turn>``, ``<<SYS>>``, and chat front-end labels such
    as "Continue generating" or 「続きを生成」 on a line of their own, and
    continuation labels alone on their line: ``(continued)``, ``(to be
    continued)``, ``--- continue ---``, ``[CONTINUE]``, ``=== END OF PART 1
    ===``, 「（続く）」, 「（つづく）」, 「（未完待续）」. A label counts between parts
    of the text (prose before and after it) or right after a cut paragraph;
    at the very end of a post after finished text (a person announcing a
    series) or at its top it is left alone. A marker
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
      removed, e.g. ``["<<END OF ARTICLE>>"]``. Every reader of markers
      (TRN, DUP) takes this value unless its own table or family sets one;
      ``[rules.GEN]`` sets it for the GEN family.
    """
    markers = scan_markers(post, options[EXTRA_MARKERS])
    for m in markers:
        if m.kind == LABEL and not label_is_artifact(post, markers, m):
            continue
        if m.whole_line:
            first = last = m.line
            while markers.at(first - 1) is not None and markers.by_line[first - 1].whole_line:
                first -= 1
            while markers.at(last + 1) is not None and markers.by_line[last + 1].whole_line:
                last += 1
            edits = delete_lines(post, m.line, run=(first, last))
        else:
            edits = (delete_line_end(post, m.line, m.column),)
        what = "leaked continuation label" if m.kind == LABEL else "leaked generation marker"
        yield Diagnostic(
            "GEN001",
            m.line,
            m.column,
            f"{what} '{shorten(m.text, 40)}'",
            m.line,
            m.end_column,
            Fix("safe", edits, "remove the leaked marker"),
        )


RULES: tuple[Rule, ...] = (
    leaked_end_marker,
    assistant_boilerplate,
    chat_citation_residue,
    unfilled_placeholder,
    fenced_post,
    reasoning_leak,
)
