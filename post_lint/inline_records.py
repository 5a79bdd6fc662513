"""``--add-suppressions``: record today's findings as comments in the posts.

For sites that prefer inline records to a baseline (:mod:`post_lint.baseline`):
each finding gets a ``post-lint-disable...`` comment (:mod:`post_lint.suppress`
reads them), written atomically.
"""

from __future__ import annotations

from .diagnostics import Diagnostic
from .post import Post


def insert_comments(post: Post, diagnostics: list[Diagnostic]) -> tuple[str, int, int]:
    """``post``'s text with a comment hiding each of ``diagnostics``, for
    sites that prefer inline records to a baseline: ``disable-next-line``
    on a line of its own above a finding that starts a block, a trailing
    ``disable-line`` for one inside a block (a comment line there would split
    the paragraph), one ``disable-file`` after the front matter for findings
    in it. Findings inside code blocks cannot be hidden (comments there mean
    nothing). A finding on line 1 of a post without front matter (FM001) is
    about the whole file and gets ``disable-file`` too. Returns (text,
    comments added, findings left as they were)."""
    lines = post.lines
    code_lines = post.code_lines
    file_codes: set[str] = set()
    by_line: dict[int, set[str]] = {}
    skipped = 0
    for d in diagnostics:
        # In the front matter, or about the whole file (line 1 of a post
        # without front matter: a comment line above it would move nothing).
        if d.line < post.body_line or (d.line == 1 and post.front_matter is None):
            file_codes.add(d.code)
        elif d.line in code_lines or d.line > lines.line_count:
            skipped += 1
        else:
            by_line.setdefault(d.line, set()).add(d.code)
    inserts: list[tuple[int, str]] = []
    for line, codes in by_line.items():
        text = lines.line(line)
        listed = " ".join(sorted(codes))
        starts_block = line == post.body_line or not lines.line(line - 1).strip()
        if starts_block:
            indent = text[: len(text) - len(text.lstrip())]
            comment = f"{indent}<!-- post-lint-disable-next-line {listed} -->\n"
            inserts.append((lines.line_start(line), comment))
        else:
            inserts.append((lines.line_end(line), f" <!-- post-lint-disable-line {listed} -->"))
    if file_codes:
        comment = f"<!-- post-lint-disable-file {' '.join(sorted(file_codes))} -->\n"
        if post.body_line <= lines.line_count:
            inserts.append((lines.line_start(post.body_line), comment))
        else:
            sep = "" if post.text.endswith("\n") or not post.text else "\n"
            inserts.append((len(post.text), sep + comment))
    text = post.text
    for offset, piece in sorted(inserts, key=lambda x: x[0], reverse=True):
        text = text[:offset] + piece + text[offset:]
    return text, len(inserts), skipped


def add_suppressions(path: str, diagnostics: list[Diagnostic], config) -> tuple[int, int]:
    """Rewrite the file at ``path`` (atomically) with comments hiding its
    ``diagnostics``; returns (comments added, findings that could not be hidden:
    unreadable or non-UTF-8 files, code blocks, and any that still show)."""
    from .fix import encode, write_atomic
    from .linter import check_post, read_post

    post, data = read_post(path, config)
    if data is None or post.decode_problem is not None or post.read_error:
        return 0, len(diagnostics)
    text, added, skipped = insert_comments(post, diagnostics)
    if not added:
        return 0, skipped
    new = Post.from_text(text, post.path)
    new.newline, new.bom = post.newline, post.bom
    left = len(check_post(new, config).diagnostics)
    write_atomic(path, encode(post, text), data)
    return added, max(skipped, left)
