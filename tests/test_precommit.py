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


def test_hook_honours_the_site_exclude_and_prints_one_summary(hooks):
    site = hooks.site("post-lint")
    (site / ".post-lint.toml").write_text('exclude = ["drafts/**"]\n', encoding="utf-8")
    (site / "drafts").mkdir()
    (site / "drafts" / "wip.md").write_bytes(BAD_POST)  # excluded: must not block the commit
    (site / "_posts").mkdir()
    (site / "_posts" / "2024-03-14-good.md").write_bytes(GOOD_POST)
    done = hooks.commit(site, ".post-lint.toml", "drafts/wip.md", "_posts/2024-03-14-good.md")
    out = done.stdout + done.stderr
    assert done.returncode == 0, out  # --force-exclude: named but excluded
    assert "wip.md:" not in out  # no finding for it

    # Many bad files: one post-lint process (require_serial), so one summary.
    names = [f"_posts/2024-03-{day:02d}-bad.md" for day in range(1, 41)]
    for name in names:
        (site / name).write_bytes(BAD_POST)
    failed = hooks.commit(site, *names)
    out = failed.stdout + failed.stderr
    assert failed.returncode != 0, out
    assert out.count(" PL002 ") == 40
    assert re.findall(r"Found \d+ problems? in \d+ files?\.", out) == [
        "Found 40 problems in 40 files."
    ]
    assert "All checks passed" not in out


# -- the README's snippets, exactly as written, from a fresh clone -------------------------------


def _readme_section(title: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(f"### {title}", 1)[1].split("\n### ", 1)[0]


def readme_action_ref() -> tuple[str, dict]:
    """The ``uses: OWNER/post-lint@REF`` step of the README's workflow: (REF, its ``with:``)."""
    block = re.search(r"```yaml\n(.*?)```", _readme_section("GitHub Actions"), re.S)
    assert block, "README: the GitHub Actions section needs a ```yaml snippet"
    workflow = yaml.safe_load(block.group(1))
    steps = next(iter(workflow["jobs"].values()))["steps"]
    step = next(s for s in steps if "post-lint@" in s.get("uses", ""))
    return step["uses"].split("@", 1)[1], step.get("with", {})


def _git_history() -> bool:
    done = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository"], cwd=ROOT, capture_output=True, text=True
    )
    return done.returncode == 0 and done.stdout.strip() == "false"


def test_readme_pins_a_commit_of_this_repository_with_todays_hooks():
    """A tag may be lost when the repository is copied; a commit on main is not.
    The README pins one (as ``pre-commit autoupdate --freeze`` writes it), the
    same for pre-commit and the Action, and that commit carries the hook
    manifest and action.yml of today (so the snippets do what the README says)."""
    (entry,) = readme_precommit_config()["repos"]
    rev = entry["rev"]
    assert re.fullmatch(r"[0-9a-f]{40}", rev), f"rev must be a full commit id, got {rev!r}"
    action_ref, _ = readme_action_ref()
    assert action_ref == rev, "the Action and pre-commit snippets pin the same commit"
    if not _git_history():
        pytest.skip("no full git history here (a shallow clone or an export)")
    env = _env(Path(os.devnull))
    ancestor = subprocess.run(
        ["git", "merge-base", "--is-ancestor", rev, "HEAD"], cwd=ROOT, env=env, capture_output=True
    )
    assert ancestor.returncode == 0, f"{rev} is not a commit of this branch's history"
    for name in (".pre-commit-hooks.yaml", "action.yml"):
        pinned = _git(ROOT, env, "show", f"{rev}:{name}").stdout
        assert pinned == (ROOT / name).read_text(encoding="utf-8"), (
            f"{name} changed since the README's pinned commit: pin a newer one"
        )


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory) -> Path:
    if not _git_history():
        pytest.skip("no full git history to clone")
    base = tmp_path_factory.mktemp("fresh")
    env = _env(base / "home")
    subprocess.run(
        ["git", "clone", "-q", "--no-local", str(ROOT), str(base / "post-lint")],
        env=env,
        check=True,
        capture_output=True,
    )
    return base / "post-lint"


def test_readme_precommit_snippet_works_from_a_fresh_clone(fresh_clone, tmp_path):
    pytest.importorskip("pre_commit", reason="pip install pre-commit (the [test] extra)")
    config = readme_precommit_config()
    (entry,) = config["repos"]
    entry["repo"] = str(fresh_clone)  # the only change: where "this repository" is
    home = tmp_path / "pre-commit-home"
    env = _env(home)
    site = tmp_path / "site"
    site.mkdir()
    _git(site, env, "init", "-q")
    (site / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (site / ".post-lint.toml").write_text('exclude = ["drafts/**"]\n', encoding="utf-8")
    (site / "_posts").mkdir()
    (site / "_posts" / "2024-03-14-post.md").write_bytes(BAD_POST)
    (site / "drafts").mkdir()
    (site / "drafts" / "wip.md").write_bytes(BAD_POST)

    def pre_commit(*args):
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )

    def commit(*paths):
        _git(site, env, "add", *paths)
        return subprocess.run(
            ["git", "commit", "-m", "post"],
            cwd=site,
            env=env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )

    done = pre_commit("install")
    assert done.returncode == 0, done.stdout + done.stderr
    failed = commit(".pre-commit-config.yaml", ".post-lint.toml", "_posts", "drafts")
    out = failed.stdout + failed.stderr
    assert failed.returncode != 0, out
    assert "_posts/2024-03-14-post.md:5:4: PL002 " in out
    assert "wip.md:" not in out  # the pinned hook has --force-exclude
    (site / "_posts" / "2024-03-14-post.md").write_bytes(GOOD_POST)
    passed = commit("_posts")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_readme_action_snippet_works_from_a_fresh_clone(fresh_clone, tmp_path):
    """What GitHub does with ``uses: OWNER/post-lint@REF``: check the
    repository out at REF as the action's folder and run its steps."""
    ref, inputs = readme_action_ref()
    env = _env(tmp_path / "home")
    action_path = tmp_path / "action"
    subprocess.run(
        ["git", "clone", "-q", str(fresh_clone), str(action_path)],
        env=env,
        check=True,
        capture_output=True,
    )
    _git(action_path, env, "checkout", "-q", ref)
    action = yaml.safe_load((action_path / "action.yml").read_text(encoding="utf-8"))
    site = tmp_path / "site"
    for folder in str(inputs.get("paths", ".")).split():
        (site / folder).mkdir(parents=True, exist_ok=True)
        (site / folder / "2024-03-14-post.md").write_bytes(BAD_POST)
    values = {k: str(v["default"]) for k, v in action["inputs"].items() if "default" in v}
    values.update({k: str(v) for k, v in inputs.items()})
    values["python"] = sys.executable
    step_env = dict(
        env,
        RUNNER_TEMP=str(tmp_path / "runner-temp"),
        POST_LINT_PYTHON=values["python"],
        POST_LINT_SOURCE=str(action_path),
        POST_LINT_PATHS=values["paths"],
        POST_LINT_ARGS=values["args"],
    )
    (tmp_path / "runner-temp").mkdir()
    outputs = []
    for step in action["runs"]["steps"]:
        done = subprocess.run(
            ["bash", "-c", step["run"]],
            cwd=site,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=INSTALL_TIMEOUT,
        )
        outputs.append(done)
    install, lint = outputs
    assert install.returncode == 0, install.stdout + install.stderr
    assert lint.returncode == 1, lint.stdout + lint.stderr
    for folder in values["paths"].split():
        assert f"::error file={folder}/2024-03-14-post.md,line=5,col=4," in lint.stdout
