"""Apply the fixes rules attach to diagnostics, the way ``ruff --fix`` does.

Rules describe a fix as edits (see :class:`post_lint.diagnostics.Fix`),
``safe`` when meaning-preserving, ``unsafe`` when it removes or joins text a
person may want to keep. :func:`fix_post` applies the allowed fixes whose
edits do not overlap, re-parses and re-lints, and repeats until nothing
changes (at most :data:`MAX_PASSES` passes). :func:`write_atomic` writes the
result next to the original and renames it over, keeping BOM and newlines,
and refuses if the file changed on disk since it was read.
"""

from __future__ import annotations

import bisect
import difflib
import os

from .atomic import replace_atomically
from .config import Config
from .diagnostics import Diagnostic, Edit
from .errors import PostLintError
from .linter import FileResult, check_post
from .post import LineIndex, Post
from .records import dataclass

MAX_PASSES = 10


@dataclass
class FixOutcome:
    text: str  # the fixed text (LF newlines, no BOM), equal to the input if nothing changed
    fixed: int  # how many diagnostics were fixed
    result: FileResult  # the diagnostics that remain


def _offsets(edit: Edit, index: LineIndex) -> tuple[int, int]:
    return index.offset(edit.line, edit.column), index.offset(edit.end_line, edit.end_column)


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (d.fix.applicability == "safe" or unsafe)


def apply_fixes(text: str, diagnostics: list[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Apply every allowed fix that does not overlap one applied before it.

    A fix is applied whole or not at all. Returns the new text and how many
    diagnostics' fixes were applied.
    """
    index = LineIndex(text)
    chosen: list[tuple[int, int, str]] = []
    #: Spans applied so far, sorted; they never overlap one another, so only
    #: a few neighbours of a new span can collide with it (no quadratic scan
    #: when a post has thousands of fixes).
    taken: list[tuple[int, int]] = []
    count = 0
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        if not applicable(d, unsafe):
            continue
        spans = [(*_offsets(e, index), e.content) for e in d.fix.edits]  # type: ignore[union-attr]
        if any(s > e for s, e, _ in spans):
            continue
        if any(_collides(s, e, taken) for s, e, _ in spans):
            continue
        if any(_overlaps(*a[:2], *b[:2]) for i, a in enumerate(spans) for b in spans[:i]):
            continue  # a fix whose own edits overlap is malformed: it would garble the text
        chosen.extend(spans)
        for s, e, _ in spans:
            bisect.insort(taken, (s, e))
        count += 1
    if not chosen:
        return text, 0
    chosen.sort(key=lambda x: (x[0], x[1]))
    out: list[str] = []
    pos = 0
    for start, end, content in chosen:
        out.append(text[pos:start])
        out.append(content)
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out), count


def _collides(s: int, e: int, taken: list[tuple[int, int]]) -> bool:
    """Whether span (s, e) overlaps any span in ``taken`` (sorted, disjoint)."""
    for j in range(max(0, bisect.bisect_left(taken, (s, s)) - 2), len(taken)):
        ts, te = taken[j]
        if ts > e:
            break
        if _overlaps(s, e, ts, te):
            return True
    return False


def _overlaps(s: int, e: int, ts: int, te: int) -> bool:
    if s == e or ts == te:  # insertions collide only strictly inside a range
        return ts < s < te or s < ts < e or (s == ts and e == te)
    return s < te and ts < e


def fix_post(post: Post, config: Config, *, unsafe: bool = False) -> FixOutcome:
    """Fix until nothing changes; return the text and what remains."""
    fixed = 0
    result = check_post(post, config)
    if post.decode_problem is not None or post.read_error or post.refused_size:
        return FixOutcome(post.text, 0, result)
    current = post
    for _ in range(MAX_PASSES):
        new_text, count = apply_fixes(current.text, result.diagnostics, unsafe)
        if count == 0 or new_text == current.text:
            break
        fixed += count
        current = Post.from_text(new_text, post.path)
        current.newline, current.bom = post.newline, post.bom
        result = check_post(current, config)
    return FixOutcome(current.text, fixed, result)


def encode(post: Post, text: str) -> bytes:
    """Bytes for ``text`` in the post's own newline style and BOM."""
    if post.newline != "\n":
        text = text.replace("\n", post.newline)
    return (b"\xef\xbb\xbf" if post.bom else b"") + text.encode("utf-8")


def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace ``path`` with ``data`` atomically, unless it no longer holds
    ``expected`` (someone edited it while we worked)."""
    target = os.path.realpath(path)
    try:
        with open(target, "rb") as fh:
            if fh.read() != expected:
                raise PostLintError(f"{path}: changed on disk while fixing; not overwritten")
        mode = os.stat(target).st_mode & 0o7777
    except OSError as exc:
        raise PostLintError(f"{path}: cannot fix: {exc.strerror or exc}") from None
    replace_atomically(target, data, mode=mode, durable=True)


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )


def fix_file(path: str, config: Config, *, unsafe: bool = False, write: bool = True) -> FileResult:
    """Read, fix and (unless ``write`` is False) atomically rewrite one file.

    The returned result holds the diagnostics that remain after fixing, the
    number fixed, and the original and fixed text (for ``--diff``).
    """
    from .linter import read_post

    post, data = read_post(path, config)
    outcome = fix_post(post, config, unsafe=unsafe)
    result = outcome.result
    result.fixed_count = outcome.fixed
    if outcome.fixed and data is not None and outcome.text != post.text:
        result.original_text = post.text
        result.fixed_text = outcome.text
        if write:
            try:
                write_atomic(path, encode(post, outcome.text), data)
            except PostLintError as exc:
                result.errors.append(str(exc))
    return result
