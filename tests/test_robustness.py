"""Hostile input: post-lint must finish, in bounded time and memory, with a
clear message, and never a traceback.

Every case runs the real command in a child process. The bound is the child's
timeout (generous: ``POST_LINT_ROBUSTNESS_TIMEOUT`` seconds, default 600, so a
loaded CI machine does not fail a linear run; a quadratic one would take hours)
and an address-space limit (``RLIMIT_AS``, 4 GiB). There are no timing
assertions. ``POST_LINT_SKIP_SLOW=1`` skips the 10 MB cases (about a minute).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TIMEOUT = float(os.environ.get("POST_LINT_ROBUSTNESS_TIMEOUT", "600"))
MEMORY_LIMIT = 4 * 1024**3
SKIP_SLOW = bool(os.environ.get("POST_LINT_SKIP_SLOW"))
slow = pytest.mark.skipif(SKIP_SLOW, reason="POST_LINT_SKIP_SLOW is set")

#: ``path:line:col: CODE message`` as the text format prints it.
DIAGNOSTIC_LINE = re.compile(r"^.+:\d+:\d+: [A-Z]+\d{3} .+$")
FRONT = "---\ntitle: A post\ndate: 2024-01-01\n---\n\n"


def _limit_memory() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    except (ImportError, ValueError, OSError):
        pass


def run_cli(
    *args: str | bytes, cwd: Path, prefix: list[str] | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``post-lint ARGS`` in a child; fail on a traceback or internal error."""
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    env.pop("POST_LINT_DEBUG", None)
    cmd = [*(prefix or []), sys.executable, "-m", "post_lint", *args]
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
    )
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in out + err, err
    assert "internal error" not in err, err
    assert "MemoryError" not in err, err
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def diagnostics(out: str) -> list[str]:
    lines = [line for line in out.splitlines() if line.strip()]
    for line in lines:
        assert DIAGNOSTIC_LINE.match(line), f"not a diagnostic line: {line[:200]!r}"
    return lines


def codes(out: str) -> list[str]:
    return [line.split(": ", 2)[1].split()[0] for line in diagnostics(out)]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- front matter -------------------------------------------------------------------


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):  # 9^10 values if expanded
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines += ["title: bomb", "---", "", "Body.", ""]
    write(tmp_path, "bomb.md", "\n".join(lines))
    proc = run_cli("--isolated", "--select", "FM002", "bomb.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert diagnostics(proc.stdout) == [
        "bomb.md:2:1: FM002 front matter aliases expand to more than 100,000 values "
        "(an alias bomb?)"
    ]


def test_recursive_yaml_alias_does_not_loop(tmp_path: Path) -> None:
    write(tmp_path, "rec.md", "---\ntitle: x\na: &a [*a, *a]\nb: &b {k: *b}\n---\n\nBody.\n")
    proc = run_cli("--isolated", "--select", "ALL", "rec.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)


@pytest.mark.parametrize(
    ("name", "front", "message"),
    [
        ("flow", "y: " + "[" * 100_000 + "]" * 100_000, "nests 100000 levels deep"),
        ("flow-map", "y: " + "{a: " * 50_000 + "}" * 50_000, "nests 50000 levels deep"),
        ("unclosed", "y: " + "[" * 100_000, "nests 100000 levels deep"),
        ("compact-seq", "y:\n" + "- " * 100_000 + "a", "nesting depth"),
        ("complex-key", "? " * 100_000 + "a", "nesting depth"),
        ("indent", "".join(" " * i + f"k{i}:\n" for i in range(0, 600, 2)), "indented more than"),
    ],
)
def test_deep_front_matter_nesting_is_refused(
    tmp_path: Path, name: str, front: str, message: str
) -> None:
    write(tmp_path, "deep.md", f"---\ntitle: x\n{front}\n---\n\nBody.\n")
    proc = run_cli("--isolated", "--select", "FM002", "deep.md", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = diagnostics(proc.stdout)
    assert "FM002" in line and message in line


def test_huge_front_matter_is_refused(tmp_path: Path) -> None:
    body = "".join(f"key{i}: value {i}\n" for i in range(40_000))
    write(tmp_path, "big.md", f"---\ntitle: x\n{body}---\n\nBody.\n")
    proc = run_cli("--isolated", "--select", "FM002", "big.md", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = diagnostics(proc.stdout)
    assert "front matter too large" in line


def test_unclosed_front_matter_on_a_large_file(tmp_path: Path) -> None:
    write(tmp_path, "open.md", "---\ntitle: x\n" + "line of text\n" * 200_000)
    proc = run_cli("--isolated", "open.md", cwd=tmp_path)
    assert "FM002" in codes(proc.stdout)


# -- size ---------------------------------------------------------------------------


def test_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    with (tmp_path / "huge.md").open("wb") as fh:
        fh.write(FRONT.encode())
        chunk = b"All work and no play makes Jack a dull boy.\n\n" * 20_000
        while fh.tell() < 50 * 1024**2:
            fh.write(chunk)
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    proc = run_cli("--isolated", "huge.md", "ok.md", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = diagnostics(proc.stdout)
    assert line.startswith("huge.md:1:1: PL003 file is ")
    assert "16,777,216 bytes are not checked (max-file-size)" in line


def test_max_file_size_setting_applies(tmp_path: Path) -> None:
    write(tmp_path, "post.md", FRONT + "word " * 1000 + "\n")
    (tmp_path / ".post-lint.toml").write_text("max-file-size = 1000\n")
    proc = run_cli("post.md", cwd=tmp_path)
    assert codes(proc.stdout) == ["PL003"]


@slow
def test_10_mb_file_of_paragraphs_is_checked(tmp_path: Path) -> None:
    para = "Paragraph {i} has some words, and a sentence. Another one follows here!\n\n"
    text = FRONT + "".join(para.format(i=i) for i in range(140_000))
    assert len(text.encode()) > 10_000_000
    write(tmp_path, "ten.md", text)
    proc = run_cli("--isolated", "--select", "ALL", "ten.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)
    assert "PL003" not in codes(proc.stdout)


@slow
@pytest.mark.parametrize("word", ["word ", "これは日本語の文です"])
def test_single_10_mb_line(tmp_path: Path, word: str) -> None:
    count = 10_000_000 // len(word.encode())
    write(tmp_path, "line.md", FRONT + word * count + "\n")
    proc = run_cli("--isolated", "--select", "ALL", "line.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)
    assert "PL003" not in codes(proc.stdout)


def test_100k_tiny_paragraphs(tmp_path: Path) -> None:
    write(tmp_path, "many.md", FRONT + "".join(f"p{i}.\n\n" for i in range(100_000)))
    proc = run_cli("--isolated", "--select", "ALL", "many.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)


def test_100k_identical_paragraphs_are_reported_boundedly(tmp_path: Path) -> None:
    para = "The same paragraph of text, said once more for the record.\n\n"
    write(tmp_path, "same.md", FRONT + para * 100_000)
    proc = run_cli("--isolated", "--select", "DUP001", "same.md", cwd=tmp_path)
    assert proc.returncode == 1
    assert set(codes(proc.stdout)) == {"DUP001"}


def test_fix_with_50k_fixes_is_bounded(tmp_path: Path) -> None:
    """Applying fixes checks overlaps by bisection: 50,000 fixes took minutes
    when every fix was compared with every fix applied before it."""
    para = "The same paragraph of text, said once more for the record.\n\n"
    post = write(tmp_path, "same.md", FRONT + para * 50_000)
    proc = run_cli("--isolated", "--select", "DUP001", "--fix", "same.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # One copy is left (how many blank lines end the file is DUP001's business).
    assert post.read_text(encoding="utf-8").rstrip("\n") == FRONT + para.rstrip("\n")


# -- pathological text for regular expressions and the Markdown parser -------------

PATHOLOGICAL = {
    "dots": "." * 300_000,
    "dot-space": ". " * 150_000,
    "ellipsis": "…" * 200_000,
    "ja-dots": "・" * 200_000,
    "open-brackets": "[" * 200_000,
    "image-brackets": "![" * 150_000,
    "link-open": "[a](" * 75_000,
    "link-title": '[a](b "' * 50_000,
    "close-brackets": "]" * 200_000,
    "parens": "(" * 200_000,
    "cjk-brackets": "「『（" * 70_000,
    "spaces": "a" + " " * 300_000 + "b",
    "tabs-and-spaces": " \t" * 150_000 + "x",
    "hard-breaks": "a  \n" * 75_000,
    "liquid-output": "{{" * 150_000,
    "liquid-tag": "{%" * 150_000,
    "hugo-shortcode": "{{< " * 75_000,
    "hugo-percent": "{{% " * 75_000,
    "html-comment": "<!--" * 75_000,
    "suppression-comment": "<!-- post-lint-disable " + "DUP001 " * 50_000,
    "html-tags": "<span>" * 50_000,
    "emphasis": "*a **b ***c _d __e " * 20_000,
    "underscores": "_" * 300_000,
    "backticks": "".join("`" * (i % 40 + 1) + "a" for i in range(20_000)),
    "entities": "&#" * 150_000,
    "urls": "http://a" * 40_000,
    "autolinks": "<http://a" * 40_000,
    "quotes": "> " * 100_000 + "deep",
    "lists": "- " * 100_000 + "deep",
    "ordered-lists": "1. " * 70_000 + "deep",
    "table-pipes": "|" * 100_000 + "\n|-|\n" + "|a" * 100_000,
    "footnote-refs": "[^a]" * 50_000,
    "end-markers": "---END---\n\n" * 20_000,
    "mixed-scripts": "日本語English中文한국어。." * 20_000,
    "combining-marks": "e" + "\u0301" * 200_000,
    "zero-width": "a\u200b" * 150_000,
    "bidi-controls": "\u202e\u2066abc\u2069" * 50_000,
    "surrogate-like": "\ufffd" * 200_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_body_finishes(tmp_path: Path, name: str) -> None:
    write(tmp_path, "p.md", FRONT + PATHOLOGICAL[name] + "\n")
    proc = run_cli("--isolated", "--select", "ALL", "p.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)
    diagnostics(proc.stdout)


def test_pathological_front_matter_values_finish(tmp_path: Path) -> None:
    values = ['"' + "\\" * 100_000 + '"', "'" + "''" * 50_000 + "'", "." * 100_000, "&a " * 10]
    for i, value in enumerate(values):
        write(tmp_path, f"f{i}.md", f"---\ntitle: {value}\n---\n\nBody.\n")
    proc = run_cli("--isolated", "--select", "ALL", ".", cwd=tmp_path)
    assert proc.returncode in (0, 1)
    diagnostics(proc.stdout)


def test_many_paragraphs_with_link_brackets_stay_bounded(tmp_path: Path) -> None:
    para = "![" * 4_000 + "\n\n"
    write(tmp_path, "b.md", FRONT + para * 30)
    proc = run_cli("--isolated", "--select", "ALL", "b.md", cwd=tmp_path)
    assert proc.returncode in (0, 1)


# -- files ----------------------------------------------------------------------------


def test_directory_named_like_a_post(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    (posts / "folder.md").mkdir(parents=True)
    write(posts / "folder.md", "inner.md", FRONT + "Inside a folder named like a post.\n")
    write(posts, "ok.md", FRONT + "A fine post.\n")
    # Both posts share a title and a date: the site check would say so.
    proc = run_cli("--isolated", "--ignore", "SITE003", "posts", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


def test_directory_named_on_the_command_line_is_walked(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    write(tmp_path / "x.md", "inner.md", FRONT + "Fine.\n")
    proc = run_cli("--isolated", "x.md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_broken_symlink_and_symlink_loops(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    write(posts, "ok.md", FRONT + "A fine post.\n")
    write(posts, "bad.md", FRONT + "Text.\n\n---END---\n")
    os.symlink("missing-target.md", posts / "broken.md")
    os.symlink("loop-b.md", posts / "loop-a.md")
    os.symlink("loop-a.md", posts / "loop-b.md")
    os.symlink("self.md", posts / "self.md")
    os.symlink(".", posts / "folder-loop")  # a folder link is not followed
    os.symlink("..", posts / "parent-loop")
    proc = run_cli("--isolated", "--select", "PL,GEN001", "posts", cwd=tmp_path)
    assert proc.returncode == 1
    lines = diagnostics(proc.stdout)
    assert "posts/broken.md:1:1: PL001 cannot read file: broken symbolic link" in lines
    assert "posts/loop-a.md:1:1: PL001 cannot read file: symbolic link loop" in lines
    assert "posts/loop-b.md:1:1: PL001 cannot read file: symbolic link loop" in lines
    assert "posts/self.md:1:1: PL001 cannot read file: symbolic link loop" in lines
    # The run went on: the real post behind the broken ones was checked.
    assert any(line.startswith("posts/bad.md:") and "GEN001" in line for line in lines)
    assert not any("ok.md" in line for line in lines)


def test_missing_file_is_reported_and_the_run_continues(tmp_path: Path) -> None:
    write(tmp_path, "bad.md", FRONT + "Text.\n\n---END---\n")
    proc = run_cli("--isolated", "--select", "PL,GEN001", "nope.md", "bad.md", cwd=tmp_path)
    assert proc.returncode == 1
    lines = diagnostics(proc.stdout)
    assert "nope.md:1:1: PL001 cannot read file: No such file or directory" in lines
    assert any(line.startswith("bad.md:") and "GEN001" in line for line in lines)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    for extra in ([], ["--show-source"], ["--fix"]):
        proc = run_cli("--isolated", *extra, ".", cwd=tmp_path)
        assert proc.returncode == 1
        assert (
            "pipe.md:1:1: PL001 cannot read file: not a regular file (a named pipe)" in proc.stdout
        )


def _unprivileged_prefix() -> list[str] | None:
    """A command prefix under which permissions bind, or None.

    Tests run as root here, and root reads a ``chmod 000`` file anyway. Without
    the DAC-override capabilities (``setpriv`` from util-linux) root is bound by
    permission bits like any user.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    probe = subprocess.run([*prefix, "true"], capture_output=True)
    return prefix if probe.returncode == 0 else None


def test_unreadable_file_and_folder(tmp_path: Path) -> None:
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: permission bits do not bind root")
    posts = tmp_path / "posts"
    posts.mkdir()
    write(posts, "bad.md", FRONT + "Text.\n\n---END---\n")
    secret = write(posts, "secret.md", FRONT + "Hidden.\n")
    closed = posts / "closed"
    closed.mkdir()
    write(closed, "inner.md", FRONT + "Hidden too.\n")
    secret.chmod(0)
    closed.chmod(0)
    try:
        proc = run_cli("--isolated", "--select", "PL,GEN001", "posts", cwd=tmp_path, prefix=prefix)
    finally:
        secret.chmod(0o644)
        closed.chmod(0o755)
    assert proc.returncode == 1
    lines = diagnostics(proc.stdout)
    assert "posts/secret.md:1:1: PL001 cannot read file: Permission denied" in lines
    assert (
        "posts/closed:1:1: PL001 cannot read file: cannot list folder: Permission denied" in lines
    )
    assert any(line.startswith("posts/bad.md:") and "GEN001" in line for line in lines)


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_non_utf8_file_names(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path / "posts")
    os.mkdir(folder)
    name = os.path.join(folder, b"caf\xe9-\xff.md")
    with open(name, "wb") as fh:
        fh.write(FRONT.encode() + b"Text.\n\n---END---\n")
    with open(os.path.join(folder, b"ok.md"), "wb") as fh:
        fh.write(FRONT.encode() + b"A fine post.\n")
    proc = run_cli("--isolated", "--select", "PL,GEN001", "posts", cwd=tmp_path)
    assert proc.returncode == 1
    (line,) = diagnostics(proc.stdout)
    assert line.startswith("posts/caf\ufffd-\ufffd.md:") and "GEN001" in line
    # Named on the command line as raw bytes, too.
    proc = run_cli(
        "--isolated", "--select", "GEN001", os.path.join(b"posts", b"caf\xe9-\xff.md"), cwd=tmp_path
    )
    assert proc.returncode == 1
    assert "GEN001" in proc.stdout
    proc = run_cli("--isolated", "--output-format", "json", "posts", cwd=tmp_path)
    assert "caf\ufffd" in proc.stdout


def test_invalid_utf8_content_and_binary_garbage(tmp_path: Path) -> None:
    (tmp_path / "latin1.md").write_bytes(FRONT.encode() + "Café crème.\n".encode("latin-1"))
    (tmp_path / "binary.md").write_bytes(bytes(range(256)) * 400)
    (tmp_path / "nul.md").write_bytes(b"\x00" * 100_000)
    (tmp_path / "utf16.md").write_bytes("---\ntitle: x\n---\n\nHi.\n".encode("utf-16"))
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf")
    proc = run_cli("--isolated", "--select", "ALL", ".", cwd=tmp_path)
    assert proc.returncode == 1
    found = codes(proc.stdout)
    assert "PL002" in found


def test_stdin_garbage(tmp_path: Path) -> None:
    proc = run_cli("--isolated", "--select", "ALL", "-", cwd=tmp_path, stdin=os.urandom(200_000))
    assert proc.returncode in (0, 1)


# -- configuration ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("[tool.post-lint\nselect = [", "invalid TOML"),
        ("select = 5", "'select' must be a list of strings"),
        ("select = ['NOPE999']", "unknown rule code or name 'NOPE999'"),
        ("ignore = ['repeated-paragrap']", "did you mean 'repeated-paragraph'"),
        ("per-file-ignores = 3", "'per-file-ignores' must be a table"),
        ("max-file-size = 'big'", "'max-file-size' must be a positive integer"),
        ("max-file-size = -1", "'max-file-size' must be a positive integer"),
        ("colour = true", "unknown key 'colour'"),
        ("[rules.no-such-rule]\nx = 1", "unknown rule"),
        ("[rules.PL001]\nbogus-option = 1", "unknown option 'bogus-option'"),
        ("rules = 'yes'", "'rules' must be a table"),
        ("[rules.unreadable-file]\nseverity = 'fatal'", "'severity' must be one of"),
    ],
)
def test_bad_config_exits_2_with_a_clear_message(tmp_path: Path, config: str, needle: str) -> None:
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    (tmp_path / ".post-lint.toml").write_text(config + "\n", encoding="utf-8")
    for args in (["ok.md"], ["--config", ".post-lint.toml", "ok.md"]):
        proc = run_cli(*args, cwd=tmp_path)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert proc.stderr.startswith("post-lint: error: "), proc.stderr
        assert needle in proc.stderr, proc.stderr
        assert ".post-lint.toml" in proc.stderr


def test_bad_pyproject_table_exits_2(tmp_path: Path) -> None:
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    (tmp_path / "pyproject.toml").write_text("[tool.post-lint]\nselect = 'x\n")
    proc = run_cli("ok.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("post-lint: error: ") and "pyproject.toml" in proc.stderr


def test_config_that_is_not_utf8_or_missing(tmp_path: Path) -> None:
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    (tmp_path / "latin.toml").write_bytes("select = ['caf\xe9']\n".encode("latin-1"))
    proc = run_cli("--config", "latin.toml", "ok.md", cwd=tmp_path)
    assert proc.returncode == 2 and "not valid UTF-8" in proc.stderr
    proc = run_cli("--config", "missing.toml", "ok.md", cwd=tmp_path)
    assert proc.returncode == 2 and "missing.toml" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--select", "NOPE1"],
        ["--ignore", "nothing-like-this"],
        ["--jobs", "0"],
        ["--jobs", "many"],
        ["--output-format", "xml"],
        ["--explain", "NOPE1"],
        ["-", "ok.md"],
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str]) -> None:
    write(tmp_path, "ok.md", FRONT + "A fine post.\n")
    proc = run_cli("--isolated", *args, *([] if "-" in args else ["ok.md"]), cwd=tmp_path)
    assert proc.returncode == 2
    assert "error" in proc.stderr
