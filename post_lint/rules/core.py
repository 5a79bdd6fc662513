"""PL: problems with the file itself, before any post rule can look at it."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..post import Post
from .base import Options, Rule, rule


@rule("PL001", "unreadable-file", "the file could not be read", severity="error")
def unreadable_file(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a path that could not be read: missing, a directory, a broken or
    looping symbolic link, no permission.

    **Why:** a post that cannot be read cannot be checked; saying so beats
    skipping it silently.

    **Example:** ``post-lint missing.md`` reports
    ``missing.md:1:1: PL001 cannot read file: No such file or directory``.

    **Options:** none.
    """
    if post.read_error is not None:
        yield Diagnostic("PL001", 1, 1, f"cannot read file: {post.read_error}")


@rule("PL002", "invalid-utf8", "the file is not valid UTF-8", severity="error")
def invalid_utf8(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports the first byte that is not valid UTF-8.

    **Why:** static site generators expect UTF-8; a stray Latin-1 or Shift_JIS
    byte renders as mojibake or breaks the build. The rest of the file is still
    checked, with the bad bytes read as U+FFFD; ``--fix`` leaves such a file alone.

    **Example:** a post saved as Shift_JIS reports
    ``post.md:3:7: PL002 file is not valid UTF-8 (byte 0x82 at offset 40) ...``.

    **Options:** none.
    """
    problem = post.decode_problem
    if problem is not None:
        yield Diagnostic("PL002", problem.line, problem.column, problem.message)


@rule("PL003", "file-too-large", "the file is larger than max-file-size", severity="error")
def file_too_large(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a file larger than the ``max-file-size`` setting (16 MiB by
    default), which post-lint refuses to parse so that one huge file cannot
    stall a pre-commit hook or a CI run.

    **Why:** no blog post is that large; such a file is usually a generated
    dump committed by mistake.

    **Example:** ``big.md:1:1: PL003 file is 52,428,800 bytes; posts larger than
    16,777,216 bytes are not checked (max-file-size)``.

    **Options:** none (set ``max-file-size`` at the top level of the config).
    """
    if post.refused_size is not None:
        size, limit = post.refused_size
        yield Diagnostic(
            "PL003",
            1,
            1,
            f"file is {size:,} bytes; posts larger than {limit:,} bytes are not checked "
            "(max-file-size)",
        )


@rule("PL004", "unknown-code-in-comment", "a suppression comment names a code no rule has")
def unknown_code_in_comment(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a code, prefix or rule name in a ``post-lint-disable...``
    comment that matches no rule, with the closest real one.

    **Why:** a misspelt code suppresses nothing, so the finding it was meant
    to hide keeps coming back, or (worse) the comment is believed to be
    doing its job. ruff reports the same for ``# noqa``.

    **Example:** ``<!-- post-lint-disable-next-line DUP01 -->`` reports
    ``post.md:7:39: PL004 unknown rule code or name 'DUP01' in a suppression
    comment (did you mean 'DUP001'?)``.

    **Options:** none. The comments are checked by the linter itself, after
    the other rules ran (see ``post_lint/suppress.py``).
    """
    return iter(())


@rule(
    "PL005",
    "unused-suppression",
    "a suppression comment hides nothing",
    fixable=True,
)
def unused_suppression(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a ``post-lint-disable...`` comment (or one code in it) that
    hid no finding in this run, ruff's RUF100 for Markdown. Only rules that
    ran count: a comment for a rule you turned off is left alone, and
    ``enable`` comments are never reported.

    **Why:** a comment left behind after the problem was fixed hides the
    next real problem at that place.

    **Example:** ``<!-- post-lint-disable-next-line DUP001 -->`` above a
    paragraph that repeats nothing reports ``post.md:7:1: PL005 unused
    suppression comment: nothing reported here for DUP001``. ``--fix``
    removes the comment (its line too, when nothing else is on it); a comment
    with some codes still in use is only reported.

    **Options:** none.
    """
    return iter(())


RULES: tuple[Rule, ...] = (
    unreadable_file,
    invalid_utf8,
    file_too_large,
    unknown_code_in_comment,
    unused_suppression,
)
