"""Documentation that can drift: the generated rule pages, and the README's
integration snippets (VS Code, Vim, ALE, Emacs, stdin, the GitHub Action),
each exercised against post-lint's real output as far as a test can."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from post_lint import docs
from post_lint.rules import REGISTRY

from .conftest import FIXTURES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
BAD = b"---\ntitle: x\n---\n\nab\xffcd\n"  # PL002 at 5:3


def readme_section(title: str) -> str:
    start = README.index(title + "\n")
    rest = README[start + len(title) + 1 :]
    level = title.split(" ")[0]
    ends = [m.start() for m in re.finditer(rf"^#{{2,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


def code_blocks(text: str, info: str) -> list[str]:
    return re.findall(rf"^```{re.escape(info)}\n(.*?)^```", text, re.S | re.M)


# -- generated rule pages -------------------------------------------------------


def test_rule_docs_are_up_to_date():
    problems = docs.stale()
    assert not problems, (
        f"docs/rules/ is out of date ({', '.join(problems)}): run `{docs.REGENERATE}`"
    )


def test_readme_rule_table_links_every_rule_page():
    if docs.TABLE_START not in README:
        pytest.skip("README.md has no generated rule table (markers: see post_lint/docs.py)")
    assert docs.updated_readme(README) == README, (
        f"README.md's rule table is out of date: run `{docs.REGENERATE}`"
    )
    for rule in REGISTRY:
        assert f"[{rule.code}](docs/rules/{rule.code}.md)" in README


def test_readme_rule_table_is_generated_between_the_markers():
    text = f"intro\n\n{docs.TABLE_START}\n| old | table |\n{docs.TABLE_END}\n\nafter\n"
    new = docs.updated_readme(text)
    assert new.startswith(f"intro\n\n{docs.TABLE_START}\n| code | name | what it finds |\n")
    assert new.endswith(f"|\n{docs.TABLE_END}\n\nafter\n")
    assert "| old | table |" not in new
    for rule in REGISTRY:
        assert (
            f"| [{rule.code}](docs/rules/{rule.code}.md) | `{rule.name}` | {rule.summary} |" in new
        )
    assert docs.updated_readme(new) == new
    assert docs.updated_readme("no markers\n") is None


def test_rule_docs_generation_is_deterministic():
    assert docs.render_all() == docs.render_all()


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.code)
def test_rule_page_shows_docs_options_and_the_first_fixtures(rule):
    page = docs.render_all()[f"{rule.code}.md"]
    assert page.startswith(f"# {rule.code} `{rule.name}`\n")
    assert docs.markdown_doc(rule.doc).strip() in page
    for option in rule.options:
        assert f"| `{option.replace('_', '-')}` |" in page
    for kind, heading in (("bad", "### Reported"), ("good", "### Not reported")):
        first = docs.first_fixture(rule.code, kind)
        if first is None:
            assert heading not in page
            continue
        assert heading in page
        assert f"`{first.relative_to(ROOT).as_posix()}`" in page
        if kind == "bad":
            assert f": {rule.code} " in page.split("### Not reported")[0], "findings shown"


def test_index_links_every_rule():
    index = docs.render_all()["README.md"]
    for rule in REGISTRY:
        assert f"| [{rule.code}]({rule.code}.md) | `{rule.name}` |" in index


def test_generator_writes_checks_and_removes_stale_pages(tmp_path, capsys):
    out = tmp_path / "rules"
    assert docs.main(["--check", "--output", str(out)]) == 1
    assert docs.REGENERATE in capsys.readouterr().err
    assert docs.main(["--output", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(docs.render_all())
    (out / "XX999.md").write_text("gone\n", encoding="utf-8")
    (out / "README.md").write_text("edited by hand\n", encoding="utf-8")
    assert docs.stale(out) == ["README.md", "XX999.md"]
    assert docs.write(out) == ["README.md", "XX999.md"]
    assert not (out / "XX999.md").exists()
    assert docs.main(["--check", "--output", str(out)]) == 0


def test_example_fences_survive_backticks_in_the_fixture():
    text = "```sh\nls\n```\n"
    fenced = docs.fence(text, "markdown")
    assert fenced.startswith("````markdown\n") and fenced.endswith("\n````\n")


def test_long_fixtures_are_cut(tmp_path):
    rule = next(r for r in REGISTRY if r.code == "PL002")
    bad = tmp_path / "tests" / "fixtures" / "PL002" / "bad"
    bad.mkdir(parents=True)
    (bad / "long.md").write_bytes(b"---\ntitle: x\n---\n" + b"line\n" * 200 + b"\xff\n")
    page = docs.rule_page(rule, tmp_path / "tests" / "fixtures")
    assert "*(cut here: 144 more lines in the full file)*" in page
    assert "long.md:204:1: PL002 " in page


def test_fixtures_folder_is_the_one_the_meta_test_uses():
    assert docs.FIXTURES == FIXTURES


# -- README: output and editors -------------------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "bad.md").write_bytes(BAD)
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    for key in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "FORCE_COLOR"):
        env.pop(key, None)
    return tmp_path, env


def _run(command: str | list[str], env, stdin: bytes | None = None, cwd=None) -> str:
    done = subprocess.run(
        command,
        shell=isinstance(command, str),
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout.decode("utf-8")


def _expected(env, cwd) -> list[dict]:
    out = _run([str(BIN / "post-lint"), "--output-format", "json", "posts"], env, cwd=cwd)
    found = json.loads(out)
    assert found, "the site must produce findings"
    return found


def test_readme_lists_every_output_format():
    from post_lint.output import FORMATS

    section = readme_section("## Output")
    for fmt in FORMATS:
        assert f"| `{fmt}`" in section


def test_vscode_problem_matcher_parses_the_text_output(site):
    cwd, env = site
    (block,) = [
        b for b in code_blocks(readme_section("## Integrations"), "json") if "problemMatcher" in b
    ]
    task = json.loads(block)["tasks"][0]
    matcher = task["problemMatcher"]
    pattern = matcher["pattern"]
    regexp = re.compile(pattern["regexp"])  # a JavaScript regex; this one reads the same in Python
    args = [a for a in task["args"] if a != "."] + ["posts"]
    out = _run([str(BIN / task["command"]), *args], env, cwd=cwd)
    parsed = []
    for line in out.splitlines():
        m = regexp.match(line)
        if m:
            parsed.append(
                {
                    "path": m.group(pattern["file"]),
                    "line": int(m.group(pattern["line"])),
                    "column": int(m.group(pattern["column"])),
                    "code": m.group(pattern["code"]),
                    "message": m.group(pattern["message"]),
                }
            )
    expected = _expected(env, cwd)
    assert parsed == [
        {k: d[k] for k in ("path", "line", "column", "code", "message")} for d in expected
    ]


def _vim_settings() -> str:
    block = next(b for b in code_blocks(readme_section("## Integrations"), "vim") if "makeprg" in b)
    return "\n".join(line for line in block.splitlines() if line.startswith("setlocal"))


@pytest.mark.skipif(shutil.which("vim") is None, reason="vim is not installed")
def test_vim_makeprg_and_errorformat_fill_the_quickfix_list(site):
    cwd, env = site
    (cwd / "settings.vim").write_text(_vim_settings() + "\n", encoding="utf-8")
    script = (
        "source settings.vim\n"
        "silent make\n"
        "call writefile([json_encode(map(getqflist(), "
        "{_, e -> [bufname(e.bufnr), e.lnum, e.col, e.text, e.valid]}))], 'qf.json')\n"
        "qa!\n"
    )
    (cwd / "run.vim").write_text(script, encoding="utf-8")
    subprocess.run(
        ["vim", "-Nu", "NONE", "-i", "NONE", "-n", "-es", "-S", "run.vim", "posts/bad.md"],
        cwd=cwd,
        env=env,
        capture_output=True,
        timeout=120,
    )
    entries = [e for e in json.loads((cwd / "qf.json").read_text()) if e[4]]
    expected = _expected(env, cwd)
    assert entries == [
        [d["path"], d["line"], d["column"], f"{d['code']} {d['message']}", 1] for d in expected
    ]


# ALE's handler for `file:line:col: message` output (ale#handlers#unix#HandleAsWarning,
# autoload/ale/handlers/unix.vim), written as a Python regex.
ALE_UNIX_PATTERN = re.compile(r"^(([a-zA-Z]:)?[^:]+):(\d+):?(\d+)?:? ?(.+)$")


def test_ale_command_reads_the_buffer_on_stdin(site):
    cwd, env = site
    block = next(b for b in code_blocks(readme_section("## Integrations"), "vim") if "ale#" in b)
    command = re.search(r"'command': '([^']+)'", block).group(1)
    assert "'callback': 'ale#handlers#unix#HandleAsWarning'" in block
    # ALE replaces %s with the buffer's (escaped) file name and sends the buffer on stdin.
    out = _run(command.replace("%s", shlex.quote("posts/bad.md")), env, stdin=BAD, cwd=cwd)
    parsed = [ALE_UNIX_PATTERN.match(line) for line in out.splitlines()]
    expected = _expected(env, cwd)
    assert [(int(m.group(3)), int(m.group(4)), m.group(5)) for m in parsed if m] == [
        (d["line"], d["column"], f"{d['code']} {d['message']}") for d in expected
    ]


def _emacs_regexp_to_python(elisp_string: str) -> str:
    """An Emacs regexp, as written inside an Elisp string, in Python syntax
    (enough for the constructs the README uses)."""
    regexp = elisp_string.replace("\\\\", "\\")
    out, i = [], 0
    while i < len(regexp):
        two = regexp[i : i + 2]
        if two in ("\\(", "\\)", "\\|", "\\{", "\\}"):
            out.append(two[1])
            i += 2
        elif regexp[i] in "(){}|":
            out.append("\\" + regexp[i])
            i += 1
        else:
            out.append(regexp[i])
            i += 1
    return "".join(out)


def test_emacs_flymake_backend_regexp_and_command(site):
    cwd, env = site
    block = next(
        b for b in code_blocks(readme_section("## Integrations"), "elisp") if "flymake" in b
    )
    elisp_regexp = re.search(r'\(re-search-forward\s+"((?:[^"\\]|\\.)*)"', block).group(1)
    regexp = re.compile(_emacs_regexp_to_python(elisp_regexp), re.M)
    command = re.search(r'\(list "post-lint" "--quiet" "-" "--stdin-filename"', block)
    assert command, "the backend pipes the buffer through post-lint"
    out = _run(
        [str(BIN / "post-lint"), "--quiet", "-", "--stdin-filename", "posts/bad.md"],
        env,
        stdin=BAD,
        cwd=cwd,
    )
    expected = _expected(env, cwd)
    assert [(int(a), int(b), text) for a, b, text in regexp.findall(out)] == [
        (d["line"], d["column"], f"{d['code']} {d['message']}") for d in expected
    ]


EMACS_DRIVER = """
(require 'flymake)
(load-file "snippet.el")
(find-file "posts/end.md")
(let ((got 'none))
  (post-lint-flymake (lambda (diags &rest _) (setq got diags)))
  (let ((deadline (+ (float-time) 60)))
    (while (and (eq got 'none) (< (float-time) deadline))
      (accept-process-output nil 0.1)))
  (when (eq got 'none) (princ "TIMEOUT\\n"))
  (unless (eq got 'none)
    (dolist (d (reverse got))
      (let ((beg (flymake-diagnostic-beg d)))
        (princ (format "%d\\t%d\\t%s\\t%s\\n"
                       (line-number-at-pos beg)
                       (save-excursion (goto-char beg) (1+ (- beg (line-beginning-position))))
                       (flymake-diagnostic-type d)
                       (flymake-diagnostic-text d)))))))
"""


@pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")
def test_emacs_flymake_backend_runs_in_emacs(site):
    cwd, env = site
    block = next(
        b for b in code_blocks(readme_section("## Integrations"), "elisp") if "flymake" in b
    )
    (cwd / "snippet.el").write_text(block, encoding="utf-8")
    (cwd / "driver.el").write_text(EMACS_DRIVER, encoding="utf-8")
    post = "---\ntitle: テスト\n---\n\n日本語の本文です。\n\n---END---\n"
    (cwd / "posts" / "end.md").write_text(post, encoding="utf-8")
    (cwd / "posts" / "bad.md").unlink()
    done = subprocess.run(
        ["emacs", "--batch", "-Q", "-l", "driver.el"],
        cwd=cwd,
        env=dict(env, LANG="C.UTF-8", LC_ALL="C.UTF-8"),
        capture_output=True,
        timeout=120,
    )
    lines = done.stdout.decode("utf-8").splitlines()
    expected = _expected(env, cwd)
    assert lines == [
        f"{d['line']}\t{d['column']}\t:warning\t{d['code']} {d['message']}" for d in expected
    ], done.stderr.decode("utf-8", "replace")


def test_any_editor_through_stdin(site):
    cwd, env = site
    out = _run("post-lint - --stdin-filename posts/bad.md", env, stdin=BAD, cwd=cwd)
    expected = _expected(env, cwd)
    assert out.splitlines() == [
        f"{d['path']}:{d['line']}:{d['column']}: {d['code']} {d['message']}" for d in expected
    ]


def test_readme_gitlab_and_actions_snippets_are_valid_yaml():
    for block in code_blocks(readme_section("## Integrations"), "yaml"):
        assert isinstance(yaml.safe_load(block), dict)


def test_gitlab_job_writes_the_code_quality_report_it_uploads(site):
    cwd, env = site
    (block,) = code_blocks(readme_section("### GitLab CI"), "yaml")
    job = yaml.safe_load(block)["post-lint"]
    for line in job["script"]:
        done = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True)
        assert done.returncode == 1, done.stderr  # findings fail the job
    report = json.loads((cwd / job["artifacts"]["reports"]["codequality"]).read_text("utf-8"))
    expected = _expected(env, cwd)
    assert [(i["check_name"], i["location"]["path"]) for i in report] == [
        (d["code"], d["path"]) for d in expected
    ]


# -- the GitHub Action ----------------------------------------------------------


def _action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_is_a_composite_with_paths_and_args_inputs():
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert {"paths", "args"} <= set(action["inputs"])
    assert action["inputs"]["paths"]["default"] == "."
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs go through env, never into the script"


def _step(name: str) -> dict:
    return next(s for s in _action()["runs"]["steps"] if s["name"] == name)


def _run_step(step: dict, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


def test_action_installs_post_lint_and_reports_with_the_github_format(site, tmp_path_factory):
    from .test_precommit import _project_files

    cwd, env = site
    runner_temp = tmp_path_factory.mktemp("runner-temp")
    source = tmp_path_factory.mktemp("action-path")
    for rel in _project_files():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, source / rel)
    env = dict(env, RUNNER_TEMP=str(runner_temp))
    install = _run_step(
        _step("Install post-lint"),
        dict(env, POST_LINT_PYTHON=sys.executable, POST_LINT_SOURCE=str(source)),
        cwd,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert install.stdout.strip().startswith("post-lint ")

    run = _step("Run post-lint")
    done = _run_step(run, dict(env, POST_LINT_PATHS="posts", POST_LINT_ARGS="--isolated"), cwd)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=posts/bad.md,line=5,col=3,endLine=5,")

    # A later --output-format in args wins over the default github one.
    done = _run_step(
        run, dict(env, POST_LINT_PATHS="posts", POST_LINT_ARGS="--output-format json"), cwd
    )
    assert json.loads(done.stdout)[0]["code"] == "PL002"

    # Inputs are data: no command substitution; globs reach post-lint, which
    # expands them itself (the shell's globbing is off).
    done = _run_step(
        run, dict(env, POST_LINT_PATHS="posts/*.md", POST_LINT_ARGS="$(touch pwned) `touch x`"), cwd
    )
    assert "file=$(touch,line=1,col=1," in done.stdout  # PL001: args are split, never run
    assert "::error file=posts/bad.md,line=5,col=3," in done.stdout
    assert not (cwd / "pwned").exists() and not (cwd / "x").exists()
    done = _run_step(run, dict(env, POST_LINT_PATHS="posts/**/*.md", POST_LINT_ARGS=""), cwd)
    assert done.returncode == 1 and "::error file=posts/bad.md,line=5,col=3," in done.stdout
    done = _run_step(run, dict(env, POST_LINT_PATHS="drafts/*.md", POST_LINT_ARGS=""), cwd)
    assert done.returncode == 2
    assert done.stderr.strip() == "post-lint: error: no file or folder matches 'drafts/*.md'"
