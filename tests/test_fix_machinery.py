"""The fix machinery: edits applied without overlap, atomic writes, encodings."""

from __future__ import annotations

import os

import pytest

from post_lint.diagnostics import Diagnostic, Edit, Fix
from post_lint.errors import PostLintError
from post_lint.fix import apply_fixes, encode, unified_diff, write_atomic
from post_lint.post import Post


def diag(line, *edits, applicability="safe"):
    return Diagnostic("XX001", line, 1, "m", fix=Fix(applicability, tuple(edits)))


def test_apply_single_edit_and_whole_line_deletion():
    text = "one\ntwo\nthree\n"
    new, n = apply_fixes(text, [diag(2, Edit(2, 1, 3, 1, ""))], unsafe=False)
    assert (new, n) == ("one\nthree\n", 1)
    new, n = apply_fixes(text, [diag(1, Edit(1, 2, 1, 4, "NE"))], unsafe=False)
    assert new == "oNE\ntwo\nthree\n"


def test_unicode_columns():
    text = "可能性を秘\n"
    new, _ = apply_fixes(text, [diag(1, Edit(1, 6, 1, 6, "めている"))], unsafe=False)
    assert new == "可能性を秘めている\n"


def test_unsafe_needs_opt_in():
    text = "a\nb\n"
    d = diag(1, Edit(1, 1, 2, 1, ""), applicability="unsafe")
    assert apply_fixes(text, [d], unsafe=False) == (text, 0)
    assert apply_fixes(text, [d], unsafe=True) == ("b\n", 1)


def test_overlapping_fixes_first_wins_and_fix_is_all_or_nothing():
    text = "aaaa\nbbbb\ncccc\n"
    first = diag(1, Edit(1, 1, 2, 1, ""))
    # second touches line 1 (overlap) and line 3: skipped entirely
    second = diag(2, Edit(1, 2, 1, 3, "X"), Edit(3, 1, 3, 2, "Y"))
    third = diag(3, Edit(3, 3, 3, 4, "Z"))
    new, n = apply_fixes(text, [second, third, first], unsafe=False)
    assert n == 2
    assert new == "bbbb\nccZc\n"


def test_adjacent_deletions_both_apply():
    text = "a\nb\nc\n"
    new, n = apply_fixes(
        text, [diag(1, Edit(1, 1, 2, 1, "")), diag(2, Edit(2, 1, 3, 1, ""))], unsafe=False
    )
    assert (new, n) == ("c\n", 2)


def test_diagnostic_without_fix_is_ignored():
    assert apply_fixes("x\n", [Diagnostic("XX001", 1, 1, "m")], unsafe=True) == ("x\n", 0)


def test_encode_keeps_bom_and_newlines():
    post = Post.from_bytes(b"\xef\xbb\xbfa\r\nb\r\n")
    assert encode(post, post.text) == b"\xef\xbb\xbfa\r\nb\r\n"
    cr = Post.from_bytes(b"a\rb\r")
    assert encode(cr, "a\nc\n") == b"a\rc\r"


def test_write_atomic_replaces_and_keeps_mode(tmp_path):
    f = tmp_path / "p.md"
    f.write_bytes(b"old\n")
    os.chmod(f, 0o640)
    write_atomic(str(f), b"new\n", b"old\n")
    assert f.read_bytes() == b"new\n"
    assert (os.stat(f).st_mode & 0o777) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]  # no temp file left


def test_write_atomic_refuses_when_changed_on_disk(tmp_path):
    f = tmp_path / "p.md"
    f.write_bytes(b"edited meanwhile\n")
    with pytest.raises(PostLintError, match="changed on disk"):
        write_atomic(str(f), b"new\n", b"old\n")
    assert f.read_bytes() == b"edited meanwhile\n"


def test_write_atomic_through_symlink_keeps_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(b"old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(str(link), b"new\n", b"old\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"


def test_unified_diff():
    diff = unified_diff("p.md", "a\nb\n", "a\n")
    assert diff.startswith("--- a/p.md\n+++ b/p.md\n")
    assert "-b\n" in diff
    assert unified_diff("p.md", "same\n", "same\n") == ""


def test_replace_atomically_leaves_the_target_and_no_temporary_file_on_failure(tmp_path):
    from post_lint.atomic import replace_atomically

    target = tmp_path / "post.md"
    target.write_bytes(b"old\n")
    with pytest.raises(TypeError):
        replace_atomically(str(target), "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]
    replace_atomically(str(target), b"new\n", mode=0o600)
    assert target.read_bytes() == b"new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]
