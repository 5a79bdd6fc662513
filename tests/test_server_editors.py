"""Real editors attach ``post-lint server`` and show its diagnostics at the
right columns: Neovim's own LSP client (0.11+ ``vim.lsp.config``), Emacs
eglot, and the protocol library the VS Code client is built on. Each test
skips when its editor is not installed (``POST_LINT_NVIM`` may name an nvim
binary)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[dev]' again")

from .conftest import EXAMPLES, ROOT

EDITORS = ROOT / "editors"
POST = (
    "# Notes\n\nWe loved the 🍣 and 寿司 😀. Then we went to the\n\n---END---\n\n"
    "<!-- post-lint-disable-next-line DUP001 -->\nText.\n"
)
PREFIX = "We loved the 🍣 and 寿司 😀. "  # where TRN001 starts on line 3


def _server_cmd() -> list[str]:
    script = Path(sys.executable).with_name("post-lint")
    return (
        [str(script), "server"]
        if script.exists()
        else [sys.executable, "-m", "post_lint", "server"]
    )


def _run_editor(command: list[str], tmp_path: Path, **env: str) -> dict:
    """Run an editor's headless check script on POST; its JSON result."""
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    out = tmp_path / "out.json"
    subprocess.run(
        [*command, str(post)],
        env={
            **os.environ,
            "POST_LINT_CMD": json.dumps(_server_cmd()),
            "POST_LINT_OUT": str(out),
            **env,
        },
        cwd=tmp_path,
        timeout=120,
        check=True,
        capture_output=True,
    )
    return json.loads(out.read_text(encoding="utf-8"))


def _nvim() -> str | None:
    nvim = os.environ.get("POST_LINT_NVIM") or shutil.which("nvim")
    if not nvim:
        return None
    out = subprocess.run([nvim, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return nvim if m and (int(m[1]), int(m[2])) >= (0, 11) else None


def test_neovim_attaches_and_shows_byte_columns(tmp_path):
    nvim = _nvim()
    if nvim is None:
        pytest.skip("Neovim 0.11+ is not installed")
    result = _run_editor(
        [nvim, "--headless", "--clean", "-u", str(EDITORS / "nvim" / "check.lua")],
        tmp_path,
        POST_LINT_HOVER_LINE="7",
        POST_LINT_FIX_ALL="1",
    )
    assert result["attached"] is True
    assert "timeout" not in result
    # Neovim offers UTF-8 first; its diagnostic columns are byte offsets
    assert result["encoding"] == "utf-8"
    assert result["diagnostics"] == [
        ["TRN001", 3, len(PREFIX.encode("utf-8")), "post-lint"],
        ["GEN001", 5, 0, "post-lint"],
        ["PL005", 7, 0, "post-lint"],  # the DUP001 comment hides nothing
    ]
    assert result["hover"].startswith("# DUP001 repeated-paragraph\n")
    # source.fixAll.post-lint applied by Neovim itself gives what --fix gives
    fixed = subprocess.run(
        [
            sys.executable,
            "-m",
            "post_lint",
            "--fix",
            "-",
            "--stdin-filename",
            str(tmp_path / "post.md"),
        ],
        input=POST,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    assert fixed != POST and "---END---" not in fixed
    assert result["fixed"] == fixed


def test_emacs_eglot_attaches_and_shows_character_columns(tmp_path):
    emacs = shutil.which("emacs")
    if emacs is None:
        pytest.skip("Emacs is not installed")
    probe = subprocess.run(
        [
            emacs,
            "--batch",
            "--eval",
            "(progn (require 'package) (package-initialize) (require 'eglot))",
        ],
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("eglot is not installed")
    result = _run_editor([emacs, "--batch", "-l", str(EDITORS / "emacs" / "check.el")], tmp_path)
    assert result["server"] is True
    # line 7: PL005, the DUP001 comment (there for the hover check) hides nothing
    found = sorted(result["diagnostics"])
    assert [d[:2] for d in found] == [[3, len(PREFIX)], [5, 0], [7, 0]]
    assert found[1][2] == "post-lint [GEN001]: leaked generation marker '---END---'"


def test_vscode_protocol_library_talks_to_the_server():
    node = shutil.which("node")
    if node is None or not (EDITORS / "vscode" / "node_modules" / "vscode-languageclient").is_dir():
        pytest.skip("node or editors/vscode/node_modules (npm install) is missing")
    worked = EXAMPLES / "seed-alibaba-ja.md"
    out = subprocess.run(
        [node, "smoke-test.js", str(worked), *_server_cmd()],
        cwd=EDITORS / "vscode",
        timeout=120,
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(out.stdout)
    assert result["encoding"] == "utf-16"
    assert result["status"] == 0
    cli = subprocess.run(
        [sys.executable, "-m", "post_lint", "--output-format", "json", str(worked)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert [[d[0], d[1]] for d in result["diagnostics"]] == [
        [d["code"], d["line"]] for d in json.loads(cli.stdout)
    ]
    assert result["actions"] == [
        "Fix RT001: set the reading time to 37 (safe fix)",
        "Disable RT001 for this file",
        "post-lint: fix all safely fixable problems",
    ]


def test_vscode_extension_parses():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    for script in ("extension.js", "smoke-test.js"):
        subprocess.run([node, "--check", str(EDITORS / "vscode" / script)], check=True)
    manifest = json.loads((EDITORS / "vscode" / "package.json").read_text(encoding="utf-8"))
    assert manifest["main"] == "./extension.js"
    assert "vscode-languageclient" in manifest["dependencies"]


def _readme_block(info: str, marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("#### Language server") :]
    blocks = re.findall(rf"^```{info}\n(.*?)^```", section, re.S | re.M)
    return next(b for b in blocks if marker in b)


def test_readme_setups_name_the_server_command():
    from post_lint.compat import tomllib

    helix = tomllib.loads(_readme_block("toml", "language-server"))
    assert helix["language-server"]["post-lint"] == {"command": "post-lint", "args": ["server"]}
    assert "post-lint" in helix["language"][0]["language-servers"]
    lua = _readme_block("lua", "vim.lsp.config")
    table = (EDITORS / "nvim" / "post-lint.lua").read_text(encoding="utf-8")
    for line in ('cmd = { "post-lint", "server" }', 'filetypes = { "markdown" }'):
        assert line in lua and line in table
    assert 'vim.lsp.enable("post_lint")' in lua
    assert '("post-lint" "server")' in _readme_block("elisp", "eglot-server-programs")
    zed = tomllib.loads((EDITORS / "zed" / "extension.toml").read_text(encoding="utf-8"))
    assert zed["language_servers"]["post-lint"]["languages"] == ["Markdown"]
    assert 'args: vec!["server".to_string()]' in (EDITORS / "zed" / "src" / "lib.rs").read_text()
