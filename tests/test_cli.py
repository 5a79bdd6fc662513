"""The command line: discovery, stdin, output formats, exit codes, errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from post_lint.cli import main

BAD = b"---\ntitle: x\n---\n\nab\xffcd\n"  # PL002 at 5:3
GOOD = b"---\ntitle: Fine\n---\n\nA fine post.\n"


def run(argv, capsys, stdin: bytes | None = None, monkeypatch=None):
    if stdin is not None:
        assert monkeypatch is not None
        fake = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", fake)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel, data in {
        "_posts/a.md": BAD,
        "_posts/b.markdown": BAD,
        "_posts/c.mdx": BAD,
        "_posts/ok.md": GOOD,
        "_posts/notes.txt": BAD,
        "node_modules/pkg/x.md": BAD,
        ".git/x.md": BAD,
        "_site/x.md": BAD,
        "public/x.md": BAD,
        "vendor/x.md": BAD,
        "drafts/d.md": BAD,
    }.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return tmp_path


def test_folders_are_walked_for_markdown_only(site, capsys):
    code, out, _ = run(["."], capsys)
    assert code == 1
    assert out.splitlines() == [
        "_posts/a.md:5:3: PL002 file is not valid UTF-8 (byte 0xff at offset 20); invalid bytes were read as U+FFFD",
        "_posts/b.markdown:5:3: PL002 file is not valid UTF-8 (byte 0xff at offset 20); invalid bytes were read as U+FFFD",
        "_posts/c.mdx:5:3: PL002 file is not valid UTF-8 (byte 0xff at offset 20); invalid bytes were read as U+FFFD",
        "drafts/d.md:5:3: PL002 file is not valid UTF-8 (byte 0xff at offset 20); invalid bytes were read as U+FFFD",
    ]


def test_default_path_is_cwd_and_exclude_setting(site, capsys):
    (site / ".post-lint.toml").write_text('exclude = ["drafts/**", "*.mdx"]\n')
    code, out, _ = run([], capsys)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["_posts/a.md", "_posts/b.markdown"]


def test_explicit_files_always_linted(site, capsys):
    (site / ".post-lint.toml").write_text('exclude = ["drafts/**"]\n')
    code, out, _ = run(["drafts/d.md", "node_modules/pkg/x.md"], capsys)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "drafts/d.md",
        "node_modules/pkg/x.md",
    ]


def test_clean_file_exits_zero(site, capsys):
    code, out, err = run(["_posts/ok.md"], capsys)
    assert (code, out) == (0, "")
    assert "All checks passed" in err


def test_exit_zero(site, capsys):
    code, out, _ = run(["--exit-zero", "_posts/a.md"], capsys)
    assert code == 0 and "PL002" in out


def test_json_output_shape(site, capsys):
    code, out, _ = run(["--output-format", "json", "_posts/a.md"], capsys)
    assert code == 1
    assert json.loads(out) == [
        {
            "path": "_posts/a.md",
            "line": 5,
            "column": 3,
            "end_line": 5,
            "end_column": 3,
            "code": "PL002",
            "name": "invalid-utf8",
            "severity": "error",
            "message": "file is not valid UTF-8 (byte 0xff at offset 20); invalid bytes were read as U+FFFD",
            "fix": None,
        }
    ]


def test_json_output_empty_array(site, capsys):
    code, out, _ = run(["--output-format", "json", "_posts/ok.md"], capsys)
    assert code == 0 and json.loads(out) == []


def test_stdin_with_filename_and_per_file_settings(site, capsys, monkeypatch):
    code, out, _ = run(["-", "--stdin-filename", "_posts/x.md"], capsys, BAD, monkeypatch)
    assert code == 1 and out.startswith("_posts/x.md:5:3: PL002 ")
    (site / ".post-lint.toml").write_text('[per-file-ignores]\n"_posts/**" = ["PL002"]\n')
    code, out, _ = run(["-", "--stdin-filename", "_posts/x.md"], capsys, BAD, monkeypatch)
    assert (code, out) == (0, "")
    code, out, _ = run(["-", "--stdin-filename", "other/x.md"], capsys, BAD, monkeypatch)
    assert code == 1 and out.startswith("other/x.md:5:3: PL002")


def test_stdin_without_name_reports_dash(site, capsys, monkeypatch):
    code, out, _ = run(["-"], capsys, BAD, monkeypatch)
    assert code == 1 and out.startswith("-:5:3: PL002")


def test_select_and_ignore_flags(site, capsys):
    code, out, _ = run(["--ignore", "PL002", "_posts/a.md"], capsys)
    assert (code, out) == (0, "")
    code, out, _ = run(["--select", "invalid-utf8", "_posts/a.md"], capsys)
    assert code == 1
    code, out, _ = run(["--select", "PL001", "--extend-select", "PL", "_posts/a.md"], capsys)
    assert code == 1


@pytest.mark.parametrize(
    "argv, needle",
    [
        (["--select", "XYZ999", "x.md"], "--select: unknown rule code or name 'XYZ999'"),
        (["--config", "nope.toml", "x.md"], "--config: no such file"),
        (["--explain", "nothing"], "unknown rule 'nothing'"),
    ],
)
def test_usage_errors_exit_2(site, capsys, argv, needle):
    code, out, err = run(argv, capsys)
    assert code == 2 and needle in err and "Traceback" not in err


def test_bad_flag_exits_2(site, capsys):
    with pytest.raises(SystemExit) as info:
        main(["--no-such-flag"])
    assert info.value.code == 2


def test_bad_config_exits_2(site, capsys):
    (site / ".post-lint.toml").write_text('select = ["PL002"]\nwat = 1\n')
    code, out, err = run(["_posts/a.md"], capsys)
    assert code == 2
    assert ".post-lint.toml: unknown key 'wat'" in err and out == ""


def test_isolated_ignores_config(site, capsys):
    (site / ".post-lint.toml").write_text("wat = 1\n")
    code, out, _ = run(["--isolated", "_posts/a.md"], capsys)
    assert code == 1


def test_missing_path_directory_named_md_and_broken_link(site, capsys):
    (site / "dir.md").mkdir()
    os.symlink(site / "nowhere.md", site / "broken.md")
    code, out, _ = run(["missing.md", "dir.md", "broken.md", "_posts/ok.md"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert "missing.md:1:1: PL001 cannot read file: No such file or directory" in lines
    assert "broken.md:1:1: PL001 cannot read file: broken symbolic link" in lines
    assert len(lines) == 2  # dir.md is walked as a folder (empty), ok.md is clean


def test_walked_broken_link_reported(site, capsys):
    os.symlink(site / "nowhere.md", site / "_posts" / "zz.md")
    code, out, _ = run(["_posts"], capsys)
    assert "_posts/zz.md:1:1: PL001 cannot read file: broken symbolic link" in out.splitlines()


def test_file_too_large(site, capsys):
    (site / ".post-lint.toml").write_text("max-file-size = 10\n")
    code, out, _ = run(["_posts/ok.md"], capsys)
    assert code == 1
    assert out.startswith("_posts/ok.md:1:1: PL003 file is 34 bytes; posts larger than 10 bytes")


def test_list_rules_and_explain(capsys):
    code, out, _ = run(["--list-rules"], capsys)
    assert code == 0 and "PL002  invalid-utf8" in out
    code, out, _ = run(["--explain", "PL002"], capsys)
    assert code == 0 and out.startswith("# PL002 invalid-utf8") and "**Why:**" in out
    code, out2, _ = run(["--explain", "invalid-utf8"], capsys)
    assert out2 == out


def test_statistics(site, capsys):
    code, out, _ = run(["--statistics", "_posts"], capsys)
    assert code == 1
    assert out == "    3\tPL002\tinvalid-utf8\n"


def test_parallel_jobs_same_output(site, capsys):
    _, serial, _ = run(["--jobs", "1", "."], capsys)
    _, parallel, _ = run(["--jobs", "2", "."], capsys)
    assert serial == parallel and serial


def test_console_script_runs_without_traceback(tmp_path):
    exe = Path(sys.executable).with_name("post-lint")
    if not exe.exists():
        pytest.skip("console script not installed")
    bad = tmp_path / "a.md"
    bad.write_bytes(BAD)
    proc = subprocess.run([str(exe), str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and ":5:3: PL002 " in proc.stdout
    proc = subprocess.run([str(exe), "--select"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
