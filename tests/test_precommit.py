"""The pre-commit hooks, run by the real ``pre-commit`` on throwaway repositories.

pre-commit installs a hook from a git repository at a commit, not from this
working tree, so the project (its tracked files as they are now, plus any new
module under post_lint/) is copied into a temporary repository and committed
there. pre-commit then builds the hook's virtual environment with pip, once
for the module (PRE_COMMIT_HOME is a temporary folder shared by the tests).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from post_lint import Config
from post_lint.fix import fix_post
from post_lint.post import Post
from post_lint.rules import REGISTRY

from .conftest import EXAMPLES, FIXTURES, ROOT

INSTALL_TIMEOUT = 1800
BAD_POST = b"---\ntitle: Broken\n---\n\nCaf\xe9 au lait.\n"  # PL002: not UTF-8
GOOD_POST = (EXAMPLES / "2024-03-14-clean-english.md").read_bytes()

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git on PATH")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        GIT_AUTHOR_NAME="post-lint tests",
        GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="post-lint tests",
        GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1",
        GIT_CONFIG_GLOBAL=os.devnull,  # no user git config (hooksPath, signing) leaks in
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )


def _project_files() -> list[str]:
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    new_modules = subprocess.run(
        ["git", "ls-files", "-z", "--others", "--exclude-standard", "post_lint"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    return sorted({f for f in tracked + new_modules if f and (ROOT / f).is_file()})


def readme_precommit_config() -> dict:
    """The .pre-commit-config.yaml snippet from the README's pre-commit section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### pre-commit", 1)[1].split("\n### ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S)
    assert block, "README: the pre-commit section needs a ```yaml snippet"
    return yaml.safe_load(block.group(1))


class Hooks:
    """A copy of the project committed in a temporary repository, and the
    pre-commit cache its hooks were installed into."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.home = base / "pre-commit-home"
        self.env = _env(self.home)
        self.repo = base / "post-lint"
        for rel in _project_files():
            target = self.repo / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, target)
        _git(self.repo, self.env, "init", "-q")
        _git(self.repo, self.env, "add", "-A")
        _git(self.repo, self.env, "commit", "-q", "--no-verify", "-m", "snapshot")
        self.rev = _git(self.repo, self.env, "rev-parse", "HEAD").stdout.strip()
        self.count = 0

    def config(self, hook_id: str) -> str:
        config = readme_precommit_config()
        (entry,) = config["repos"]
        entry.update(repo=str(self.repo), rev=self.rev, hooks=[{"id": hook_id}])
        return yaml.safe_dump(config)

    def site(self, hook_id: str) -> Path:
        """A fresh git repository using one hook, with pre-commit installed."""
        self.count += 1
        site = self.base / f"site{self.count}"
        site.mkdir()
        _git(site, self.env, "init", "-q")
        (site / ".pre-commit-config.yaml").write_text(self.config(hook_id), encoding="utf-8")
        self.pre_commit(site, "install")
        return site

    def pre_commit(self, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=site,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )

    def commit(self, site: Path, *paths: str) -> subprocess.CompletedProcess[str]:
        _git(site, self.env, "add", ".pre-commit-config.yaml", *paths)
        return subprocess.run(
            ["git", "commit", "-m", "post"],
            cwd=site,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )


@pytest.fixture(scope="module")
def hooks(tmp_path_factory) -> Hooks:
    pytest.importorskip("pre_commit", reason="pip install pre-commit (the [test] extra)")
    h = Hooks(tmp_path_factory.mktemp("precommit"))
    # Build the hook environment once (pip from PyPI: slow); every site reuses it.
    site = h.base / "warmup"
    site.mkdir()
    _git(site, h.env, "init", "-q")
    config = yaml.safe_load(h.config("post-lint"))
    config["repos"][0]["hooks"] = [{"id": "post-lint"}, {"id": "post-lint-fix"}]
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    done = h.pre_commit(site, "install-hooks")
    assert done.returncode == 0, f"pre-commit install-hooks failed:\n{done.stdout}\n{done.stderr}"
    return h


def test_hook_manifest_declares_both_hooks():
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in manifest}
    assert set(by_id) == {"post-lint", "post-lint-fix"}
    assert by_id["post-lint"]["entry"] == "post-lint --force-exclude"
    assert by_id["post-lint-fix"]["entry"] == "post-lint --fix --force-exclude"
    for hook in manifest:
        assert hook["language"] == "python"
        assert "markdown" in hook["types_or"]
        assert hook["require_serial"] is True  # one process: one summary


def test_readme_snippet_names_the_hooks():
    config = readme_precommit_config()
    (entry,) = config["repos"]
    assert {"repo", "rev", "hooks"} <= set(entry)
    assert [h["id"] for h in entry["hooks"]] == ["post-lint"]


def test_bad_post_fails_the_commit_and_good_post_passes(hooks):
    site = hooks.site("post-lint")
    (site / "_posts").mkdir()
    (site / "_posts" / "2024-03-14-post.md").write_bytes(BAD_POST)
    failed = hooks.commit(site, "_posts/2024-03-14-post.md")
    out = failed.stdout + failed.stderr
    assert failed.returncode != 0, out
    assert "_posts/2024-03-14-post.md:5:4: PL002 " in out
    assert re.search(r"post-lint\.+Failed", out), out

    (site / "_posts" / "2024-03-14-post.md").write_bytes(GOOD_POST)
    passed = hooks.commit(site, "_posts/2024-03-14-post.md")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert re.search(r"post-lint\.+Passed", out), out


def _fixable_example() -> tuple[str, bytes, str] | None:
    """A bad fixture of a fixable rule (or else a bundled example) that --fix
    changes under the default settings: (path to lint it under, its bytes,
    the fixed text)."""
    config = Config()
    for rule in sorted(REGISTRY, key=lambda r: r.code):
        if not rule.fixable:
            continue
        folder = FIXTURES / rule.code / "bad"
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            rel = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            outcome = fix_post(Post.from_bytes(data, rel), config)
            if outcome.fixed:
                return rel, data, outcome.text
    for path in sorted(EXAMPLES.glob("*.md")):  # the worked example, until fixtures land
        data = path.read_bytes()
        outcome = fix_post(Post.from_bytes(data, path.name), config)
        if outcome.fixed:
            return path.name, data, outcome.text
    return None


def test_fix_hook_fixes_a_fixable_post(hooks):
    example = _fixable_example()
    if example is None:
        pytest.skip("no fixture or example that --fix changes")
    rel, data, fixed_text = example
    site = hooks.site("post-lint-fix")
    target = site / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    first = hooks.commit(site, rel)
    out = first.stdout + first.stderr
    assert first.returncode != 0, out  # pre-commit stops a commit whose files a hook changed
    assert re.search(r"post-lint \(fix\)\.+Failed", out), out
    assert target.read_bytes() != data
    assert target.read_text(encoding="utf-8").replace("\r\n", "\n") == fixed_text

    # The fixed file is what gets committed next; the hook then changes nothing.
    second = hooks.commit(site, rel)
    out = second.stdout + second.stderr
    assert "files were modified by this hook" not in out, out


def test_fix_hook_leaves_a_good_post_alone(hooks):
    site = hooks.site("post-lint-fix")
    (site / "post.md").write_bytes(GOOD_POST)
    done = hooks.commit(site, "post.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "post.md").read_bytes() == GOOD_POST
