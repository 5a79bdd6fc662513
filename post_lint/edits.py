"""Edit builders: the ways rules change a post, each written once.

A rule's fix is a :class:`~post_lint.diagnostics.Fix` holding
:class:`~post_lint.diagnostics.Edit` objects (1-based lines and columns, the
end exclusive). The builders here return edits for the common cases, so that
the rule says *what* goes and this module knows *how* the lines around it
are left (like ruff's ``fix/edits.rs``):

- :func:`delete_lines` / :func:`delete_block`: whole lines out, with one
  blank line beside them when they stood between blank lines, so no double
  blank line is left (and at the end of the file, the blank line before them);
- :func:`delete_line_end`: text at the end of a line out, with the white
  space before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Edit

if TYPE_CHECKING:
    from .post import Block, Post


def _blank(post: Post, line: int) -> bool:
    return not post.lines.line(line).strip()


def delete_lines(
    post: Post, first: int, last: int | None = None, *, run: tuple[int, int] | None = None
) -> tuple[Edit, ...]:
    """Delete lines ``first``..``last`` (default: just ``first``).

    When the lines stood alone between blank lines (or the start of the
    body), one of those blank lines goes too: the one after them, or, when
    they are the last lines of the file, the one before them.

    ``run`` = (start, end) is a longer stretch of lines that other edits of
    the same kind delete at the same time (a run of marker lines, each its
    own diagnostic): only the edit holding the run's last line takes the
    blank line, judged by the run's neighbours, so the edits never overlap.
    """
    last = first if last is None else last
    run_first, run_last = run if run is not None else (first, last)
    run_first, run_last = min(run_first, first), max(run_last, last)
    whole = Edit(first, 1, last + 1, 1, "")
    if last < run_last:
        return (whole,)
    count = post.lines.line_count
    prev_blank = run_first <= post.body_line or _blank(post, run_first - 1)
    next_exists = last < count
    if prev_blank and next_exists and _blank(post, last + 1):
        return (Edit(first, 1, last + 2, 1, ""),)
    if prev_blank and not next_exists and run_first - 1 >= post.body_line and run_first > 1:
        # The last lines of the file: take the blank line before them instead.
        if run_first < first:  # the lines between go with their own edits
            return (Edit(run_first - 1, 1, run_first, 1, ""), whole)
        return (Edit(first - 1, 1, last + 1, 1, ""),)
    return (whole,)


def delete_block(post: Post, block: Block) -> tuple[Edit, ...]:
    """Delete a block's whole lines (see :func:`delete_lines`)."""
    return delete_lines(post, block.start_line, block.end_line)


def delete_line_end(post: Post, line: int, column: int) -> Edit:
    """Delete from ``column`` to the last non-blank character of ``line``,
    and the white space before ``column``."""
    text = post.lines.line(line)
    start = len(text[: column - 1].rstrip()) + 1
    return Edit(line, start, line, len(text.rstrip()) + 1, "")
