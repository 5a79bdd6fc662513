"""--fix, --unsafe-fixes, --diff and stdin fixing through the command line."""

from __future__ import annotations

import io
import sys

import pytest

from post_lint.cli import main

EN = (
    "---\ntitle: Caching static sites\n---\n\n"
    "Static sites start fast because nothing slows them down at first.\n"
    "---END---\n\n"
    "A year later the build takes long enough to make a cup of tea, and nobody knows why.\n"
)
EN_FIXED = (
    "---\ntitle: Caching static sites\n---\n\n"
    "Static sites start fast because nothing slows them down at first.\n\n"
    "A year later the build takes long enough to make a cup of tea, and nobody knows why.\n"
)
JA = (
    "---\ntitle: 静的サイトの高速化\n---\n\n"
    "静的サイトは、最初はとても速く動きます。ページが数十枚しかなければ、ビルドは一秒で終わります。\n\n"
    "<|endoftext|>\n\n"
    "記事が数千本に増えると、ビルドを待つ間にお茶を淹れられるほど遅くなることがあります。\n"
)
JA_FIXED = (
    "---\ntitle: 静的サイトの高速化\n---\n\n"
    "静的サイトは、最初はとても速く動きます。ページが数十枚しかなければ、ビルドは一秒で終わります。\n\n"
    "記事が数千本に増えると、ビルドを待つ間にお茶を淹れられるほど遅くなることがあります。\n"
)
PARA = "記事が数千本に増えると、ビルドを待つ間にお茶を淹れられるほど遅くなることがあります。"
# A cut, a marker and a continuation: the join is an unsafe fix.
SEAM = (
    "---\ntitle: 投資の意味\n---\n\n"
    "この投資は、私たちの生活そのものを変革する可能性を秘\n\n---END---\n\n"
    "...めているのです。\n\n" + PARA + "\n"
)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv, capsys):
    code = main(["--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("text, fixed", [(EN, EN_FIXED), (JA, JA_FIXED)], ids=["en", "ja"])
def test_fix_removes_markers_and_exits_zero_when_all_fixed(folder, capsys, text, fixed):
    (folder / "p.md").write_text(text, encoding="utf-8")
    code, out, err = run(["--fix", "p.md"], capsys)
    assert (folder / "p.md").read_text(encoding="utf-8") == fixed
    assert code == 0 and out == ""
    assert "Fixed 1 problem" in err


def test_exit_non_zero_on_fix(folder, capsys):
    (folder / "p.md").write_text(EN, encoding="utf-8")
    code, _, _ = run(["--fix", "--exit-non-zero-on-fix", "p.md"], capsys)
    assert code == 1
    code, _, _ = run(["--fix", "--exit-non-zero-on-fix", "p.md"], capsys)
    assert code == 0  # nothing left to fix


def test_safe_fix_leaves_unsafe_findings_reported(folder, capsys):
    (folder / "p.md").write_text(SEAM, encoding="utf-8")
    code, out, _ = run(["--fix", "p.md"], capsys)
    text = (folder / "p.md").read_text(encoding="utf-8")
    assert "---END---" not in text and "可能性を秘\n" in text
    assert code == 1
    assert [line.split(": ")[1].split()[0] for line in out.splitlines()] == ["TRN001", "TRN002"]


def test_unsafe_fixes_join_the_seam(folder, capsys):
    (folder / "p.md").write_text(SEAM, encoding="utf-8")
    code, out, _ = run(["--fix", "--unsafe-fixes", "p.md"], capsys)
    text = (folder / "p.md").read_text(encoding="utf-8")
    assert "この投資は、私たちの生活そのものを変革する可能性を秘めているのです。" in text
    assert "---END---" not in text and "..." not in text and PARA in text
    assert (code, out) == (0, "")


def test_diff_writes_nothing(folder, capsys):
    (folder / "p.md").write_text(EN, encoding="utf-8")
    code, out, _ = run(["--diff", "p.md"], capsys)
    assert code == 1
    assert out.startswith("--- a/p.md\n+++ b/p.md\n")
    assert "\n----END---\n" in out
    assert (folder / "p.md").read_text(encoding="utf-8") == EN
    (folder / "q.md").write_text(EN_FIXED, encoding="utf-8")
    assert run(["--diff", "q.md"], capsys)[:2] == (0, "")


def test_fix_keeps_bom_and_crlf(folder, capsys):
    data = b"\xef\xbb\xbf" + EN.replace("\n", "\r\n").encode()
    (folder / "p.md").write_bytes(data)
    run(["--fix", "p.md"], capsys)
    assert (folder / "p.md").read_bytes() == b"\xef\xbb\xbf" + EN_FIXED.replace(
        "\n", "\r\n"
    ).encode()


def test_invalid_utf8_file_is_never_rewritten(folder, capsys):
    data = EN.encode().replace(b"nothing", b"noth\xffing")
    (folder / "p.md").write_bytes(data)
    code, out, _ = run(["--fix", "p.md"], capsys)
    assert (folder / "p.md").read_bytes() == data
    assert code == 1 and "PL002" in out and "GEN001" in out


def test_stdin_fix_prints_fixed_text_and_reports_on_stderr(folder, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEAM.encode())))
    code = main(["--isolated", "-", "--stdin-filename", "_posts/x.md", "--fix"])
    captured = capsys.readouterr()
    assert "---END---" not in captured.out and captured.out.startswith("---\ntitle: 投資の意味")
    assert "_posts/x.md:" in captured.err and "TRN001" in captured.err
    assert code == 1


def test_stdin_fix_with_nothing_to_fix_echoes_input(folder, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JA_FIXED.encode())))
    code = main(["--isolated", "-", "--fix"])
    assert (code, capsys.readouterr().out) == (0, JA_FIXED)


def test_stdin_diff(folder, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(JA.encode())))
    code = main(["--isolated", "-", "--stdin-filename", "a.md", "--diff"])
    out = capsys.readouterr().out
    assert code == 1 and out.startswith("--- a/a.md\n+++ b/a.md\n") and "-<|endoftext|>" in out
