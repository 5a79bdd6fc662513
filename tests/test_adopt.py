"""Adopting post-lint on an existing site: per-file config, --force-exclude,
globs, colour, baselines, inline suppressions, fail levels, statistics,
--config KEY=VALUE, --show-settings, --output-file, misuse as exit 2."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

import post_lint
from post_lint import Config, lint_text
from post_lint.cli import main, want_color
from post_lint.config_tree import ConfigTree

BAD = b"---\ntitle: x\n---\n\nab\xffcd\n"  # PL002 at 5:3 (error)
DUP = (
    "---\ntitle: Notes\n---\n\n"
    "We moved the blog to Hugo last spring and kept every old address working.\n\n"
    "We moved the blog to Hugo last spring and kept every old address working.\n"
)  # DUP001 at 7:1 (warning, safe fix)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            p.write_bytes(data)
        else:
            p.write_text(data, encoding="utf-8")


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- hierarchical configuration ------------------------------------------------------


@pytest.fixture
def monorepo(tmp_path, monkeypatch):
    """A repository with a site in site/ that has its own config."""
    write(
        tmp_path,
        {
            "site/.post-lint.toml": 'exclude = ["drafts/**"]\nignore = ["DUP001"]\n',
            "site/content/a.md": DUP,
            "site/drafts/wip.md": BAD,
            "other/b.md": DUP,
        },
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return tmp_path


def test_each_file_gets_the_nearest_config_from_any_working_folder(monorepo, capsys):
    code, out, _ = run([str(monorepo / "site"), str(monorepo / "other")], capsys)
    # site/: DUP001 ignored and drafts/ excluded by site/.post-lint.toml;
    # other/ has no config: defaults.
    assert code == 1
    assert [line.split(": ", 1)[1].split()[0] for line in out.splitlines()] == ["DUP001"]
    assert out.startswith(str(monorepo / "other" / "b.md") + ":7:1: DUP001 ")


def test_exclude_globs_are_relative_to_the_config_folder(monorepo, capsys, monkeypatch):
    monkeypatch.chdir(monorepo)
    code, out, _ = run(["site"], capsys)
    assert (code, out) == (0, "")  # site/drafts/wip.md matched drafts/** from site/
    code, out, _ = run(["site/drafts/wip.md"], capsys)
    assert code == 1 and out.startswith("site/drafts/wip.md:5:3: PL002")  # named: linted
    code, out, _ = run(["--force-exclude", "site/drafts/wip.md", "site/content/a.md"], capsys)
    assert (code, out) == (0, "")


def test_stdin_uses_the_stdin_filename_location(monorepo, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DUP.encode())))
    code, out, _ = run(["-", "--stdin-filename", str(monorepo / "site/content/x.md")], capsys)
    assert (code, out) == (0, "")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DUP.encode())))
    code, out, _ = run(["-", "--stdin-filename", "x.md"], capsys)
    assert code == 1 and out.startswith("x.md:7:1: DUP001")


def test_stdin_force_exclude_prints_nothing_and_fix_echoes(monorepo, capsys, monkeypatch):
    name = str(monorepo / "site/drafts/x.md")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD)))
    assert run(["-", "--force-exclude", "--stdin-filename", name], capsys)[:2] == (0, "")


def test_config_file_and_isolated_keep_their_meaning(monorepo, capsys):
    site = monorepo / "site"
    code, out, _ = run(["--isolated", str(site / "content")], capsys)
    assert code == 1 and "DUP001" in out
    (monorepo / "strict.toml").write_text('select = ["PL"]\n')
    code, out, _ = run(["--config", str(monorepo / "strict.toml"), str(monorepo / "other")], capsys)
    assert (code, out) == (0, "")


def test_lint_text_and_for_path_find_the_config_of_the_path(monorepo):
    site_post = monorepo / "site" / "content" / "x.md"
    assert lint_text(DUP, path=str(site_post)) == []
    assert [d.code for d in lint_text(DUP, path=str(monorepo / "other" / "x.md"))] == ["DUP001"]
    assert [d.code for d in lint_text(DUP)] == ["DUP001"]  # no path: built-in defaults
    cfg = Config.for_path(site_post)
    assert cfg.source == monorepo / "site" / ".post-lint.toml"
    assert Config.for_path(monorepo / "site" / "drafts" / "y.md") is cfg  # cached per config
    # An edited config is read again (an editor's server keeps running).
    (monorepo / "site" / ".post-lint.toml").write_text('select = ["DUP"]\n')
    assert [d.code for d in lint_text(DUP, path=str(site_post))] == ["DUP001"]


def test_nested_configs_nearest_wins_and_pyproject_needs_the_table(tmp_path):
    write(
        tmp_path,
        {
            "pyproject.toml": '[tool.post-lint]\nignore = ["DUP"]\n',
            "a/pyproject.toml": "[project]\nname = 'x'\n",  # no table: not a config
            "a/b/.post-lint.toml": "ignore = []\n",
        },
    )
    tree = ConfigTree()
    assert tree.config_for(tmp_path / "a" / "x.md").source == tmp_path / "pyproject.toml"
    assert tree.config_for(tmp_path / "a" / "b" / "c" / "x.md").source == (
        tmp_path / "a" / "b" / ".post-lint.toml"
    )


def test_per_file_ignores_relative_to_config_folder(tmp_path, monkeypatch):
    write(
        tmp_path,
        {
            "site/.post-lint.toml": '[per-file-ignores]\n"content/legal/**" = ["DUP001"]\n',
            "site/content/legal/terms.md": DUP,
            "site/content/blog/x.md": DUP,
        },
    )
    monkeypatch.chdir(tmp_path)
    found = post_lint.lint_paths(["site"])
    assert [(Path(d.path).as_posix(), d.code) for d in found] == [
        ("site/content/blog/x.md", "DUP001")
    ]


# -- globs on the command line --------------------------------------------------------


def test_globs_are_expanded_and_a_glob_matching_nothing_is_an_error(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"posts/a.md": BAD, "posts/deep/b.md": BAD, "posts/c.txt": "x"})
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["posts/*.md"], capsys)
    assert [line.split(":")[0] for line in out.splitlines()] == ["posts/a.md"]
    code, out, _ = run(["posts/**/*.md"], capsys)
    assert [line.split(":")[0] for line in out.splitlines()] == ["posts/a.md", "posts/deep/b.md"]
    code, out, err = run(["drafts/*.md"], capsys)
    assert code == 2 and err == "post-lint: error: no file or folder matches 'drafts/*.md'\n"


def test_warnings_for_no_markdown_files_and_an_empty_selection(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"notes.txt": "x", "a.md": DUP})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    code, out, err = run(["empty"], capsys)
    assert code == 0 and "post-lint: warning: no Markdown files found in empty\n" in err
    code, out, err = run(["--select", "DUP", "--ignore", "DUP", "a.md"], capsys)
    assert code == 0 and "warning: no rules are selected" in err


# -- colour -------------------------------------------------------------------------


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("env", "mode", "tty", "expected"),
    [
        ({}, "auto", True, True),
        ({}, "auto", False, False),
        ({"NO_COLOR": "1"}, "auto", True, False),
        ({"FORCE_COLOR": "1"}, "auto", False, True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", True, False),
        ({"TERM": "dumb"}, "auto", True, False),
        ({"INSIDE_EMACS": "29.1,compile"}, "auto", True, False),
        ({"INSIDE_EMACS": "vterm", "TERM": "xterm-256color"}, "auto", True, True),
        ({"NO_COLOR": "1"}, "always", False, True),
        ({"FORCE_COLOR": "1"}, "never", True, False),
    ],
)
def test_color_modes_and_environment(monkeypatch, env, mode, tty, expected):
    for var in ("NO_COLOR", "FORCE_COLOR", "TERM", "INSIDE_EMACS"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    stream = _Tty() if tty else io.StringIO()
    assert want_color(mode, stream) is expected


def test_color_flag_end_to_end(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"a.md": BAD})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(["--color", "always", "a.md"], capsys)
    assert "\x1b[" in out
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, out, _ = run(["--color", "never", "a.md"], capsys)
    assert "\x1b[" not in out


# -- severity: --fail-level and --show-severity ----------------------------------------------


def test_fail_level(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"dup.md": DUP, "bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    assert run(["dup.md"], capsys)[0] == 1  # default: every finding fails
    assert run(["--fail-level", "warning", "dup.md"], capsys)[0] == 1
    code, out, _ = run(["--fail-level", "error", "dup.md"], capsys)
    assert code == 0 and "DUP001" in out  # still reported
    assert run(["--fail-level", "error", "bad.md"], capsys)[0] == 1
    (tmp_path / ".post-lint.toml").write_text('[rules.DUP001]\nseverity = "info"\n')
    assert run(["--fail-level", "warning", "dup.md"], capsys)[0] == 0


def test_show_severity_keeps_the_gnu_form_parsable(tmp_path, monkeypatch, capsys):
    import re

    write(tmp_path, {"dup.md": DUP, "bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["--show-severity", "bad.md", "dup.md"], capsys)
    lines = out.splitlines()
    assert lines[0].startswith("bad.md:5:3: PL002 [error] file is not valid UTF-8")
    assert lines[1] == "dup.md:7:1: DUP001 [warning] paragraph repeats the one at line 5"
    readme_regex = r"^(.+?):(\d+):(\d+): ([A-Z]+\d+) (.*)$"  # the VS Code matcher in the README
    assert all(re.match(readme_regex, line) for line in lines)
    _, out, _ = run(["bad.md"], capsys)
    assert "[error]" not in out  # off by default: existing parsers see the same text


# -- statistics and the summary ------------------------------------------------------------


@pytest.fixture
def example(monkeypatch):
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    return "examples/seed-alibaba-ja.md"


def test_statistics_marks_only_safe_fixes_and_summary_counts_them(example, capsys):
    from post_lint.linter import lint_file

    found = lint_file(example, Config()).diagnostics
    safe = {d.code for d in found if d.fix and d.fix.applicability == "safe"}
    unsafe_only = {d.code for d in found if d.fix} - safe
    assert unsafe_only, "the worked example has codes only --unsafe-fixes repairs"
    code, out, _ = run(["--isolated", "--statistics", example], capsys)
    for line in out.splitlines():
        n, c, rest = line.split("\t")
        assert rest.startswith("[*] ") == (c in safe), line
    n_safe = sum(1 for d in found if d.fix and d.fix.applicability == "safe")
    n_unsafe = sum(1 for d in found if d.fix and d.fix.applicability == "unsafe")
    _, _, err = run(["--isolated", example], capsys)
    assert (
        f"({n_safe} fixable with --fix, {n_unsafe} more with --unsafe-fixes)."
        in err.splitlines()[-1]
    )


def test_statistics_json(example, capsys):
    code, out, _ = run(["--isolated", "--statistics", "--output-format", "json", example], capsys)
    rows = json.loads(out)
    assert rows[0] == {
        "code": "DUP001",
        "name": "repeated-paragraph",
        "count": 31,
        "fixable": True,
        "fixable_count": 31,
        "unsafe_fixable_count": 0,
    }
    assert sum(r["count"] for r in rows) == 53
    trn002 = next(r for r in rows if r["code"] == "TRN002")
    assert trn002["fixable"] is False and 0 < trn002["unsafe_fixable_count"] <= trn002["count"]


# -- --output-file -------------------------------------------------------------------------------


def test_output_file(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"bad.md": BAD})
    monkeypatch.chdir(tmp_path)
    code, out, err = run(
        ["--output-format", "json", "--output-file", "out/report.json", "bad.md"], capsys
    )
    assert (code, out) == (1, "")
    assert json.loads((tmp_path / "out/report.json").read_text())[0]["code"] == "PL002"


# -- did you mean -------------------------------------------------------------------------------


def test_did_you_mean_for_options_choices_and_keys(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main(["--statistic", "--fixx", "."])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--fixx (did you mean '--fix'?)" in err
    with pytest.raises(SystemExit):
        main(["--output-format", "jsno", "."])
    assert "(did you mean 'json'?)" in capsys.readouterr().err
    (tmp_path / ".post-lint.toml").write_text('selct = ["DUP"]\n')
    code, _, err = run(["."], capsys)
    assert code == 2 and "unknown key 'selct' (did you mean 'select'?)" in err
    (tmp_path / ".post-lint.toml").write_text("[rules.DUP001]\nseverty = 'error'\n")
    code, _, err = run(["."], capsys)
    assert code == 2
    assert "unknown option 'severty' (did you mean 'severity'?) for DUP001 " in err
    assert "(its options: severity, " in err


# -- --config KEY=VALUE and --show-settings -----------------------------------------------------


def test_config_key_value_overrides(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"dup.md": DUP, ".post-lint.toml": 'ignore = ["DUP001"]\n'})
    monkeypatch.chdir(tmp_path)
    assert run(["dup.md"], capsys)[:2] == (0, "")
    code, out, _ = run(["--config", "ignore = []", "dup.md"], capsys)
    assert code == 1 and "DUP001" in out
    code, out, _ = run(
        [
            "--config",
            "ignore = []",
            "--config",
            "rules.DUP001.severity = 'error'",
            "--show-severity",
            "dup.md",
        ],
        capsys,
    )
    assert "DUP001 [error]" in out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("selectt = ['DUP']", "--config: unknown key 'selectt' (did you mean 'select'?)"),
        ("select = DUP", "--config 'select = DUP': not a file, and not a TOML 'key = value'"),
        ("select = ['NOPE9']", "--config: 'select': unknown rule code or name 'NOPE9'"),
        ("max-file-size = 'big'", "--config: 'max-file-size' must be a positive integer"),
        ("missing.toml", "--config: no such file: missing.toml"),
    ],
)
def test_config_misuse_is_one_line_exit_2(tmp_path, monkeypatch, capsys, value, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["--config", value, "."], capsys)
    assert code == 2 and out == ""
    assert err.startswith(f"post-lint: error: {message}") and err.count("\n") == 1, err


def test_show_settings(monorepo, capsys):
    code, out, _ = run(["--show-settings", str(monorepo / "site/content/a.md")], capsys)
    assert code == 0
    assert f"# config file: {monorepo / 'site' / '.post-lint.toml'}" in out
    assert 'exclude = ["drafts/**"]' in out and 'ignore = ["DUP001"]' in out
    assert "[rules.DUP001]" not in out and "[rules.DUP002]  # near-duplicate-paragraph" in out
    code, out, _ = run(["--show-settings", str(monorepo / "other")], capsys)
    assert "# config file: none (built-in defaults)" in out and "[rules.DUP001]" in out


# -- progress ------------------------------------------------------------------------


def test_progress_only_on_a_terminal_after_a_while(monkeypatch):
    from post_lint import progress

    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("INSIDE_EMACS", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    tty = _Tty()
    p = progress.Progress.start(tty, 3)
    for _ in range(3):
        p.update()
    p.close()
    assert tty.getvalue().count("post-lint: ") == 3 and "3/3 files" in tty.getvalue()
    assert tty.getvalue().endswith("\r\x1b[K")  # erased before the report
    pipe = io.StringIO()
    p = progress.Progress.start(pipe, 3)
    p.update()
    p.close()
    assert pipe.getvalue() == ""
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.Progress.start(_Tty(), 3).enabled
    assert not progress.Progress.start(_Tty(), 3, enabled=False).enabled


def test_progress_is_drawn_during_a_cli_run_on_a_terminal(tmp_path, monkeypatch, capsys):
    from post_lint import progress

    write(tmp_path, {f"p{i}.md": DUP for i in range(3)})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TERM", raising=False)
    monkeypatch.delenv("INSIDE_EMACS", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    main(["--jobs", "1", "."])
    assert "post-lint: 3/3 files" in err.getvalue()
    err2 = _Tty()
    monkeypatch.setattr(sys, "stderr", err2)
    main(["--quiet", "."])
    assert "files" not in err2.getvalue()


# -- SARIF and the config schema -------------------------------------------------------------


def test_sarif_has_information_and_help_uris(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"dup.md": DUP})
    monkeypatch.chdir(tmp_path)
    _, out, _ = run(["--output-format", "sarif", "dup.md"], capsys)
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == post_lint.__url__
    for rule in driver["rules"]:
        assert rule["helpUri"] == f"{post_lint.__url__}/blob/main/docs/rules/{rule['id']}.md"
        assert (Path(__file__).parent.parent / "docs/rules" / f"{rule['id']}.md").is_file()


def test_config_schema_is_current_and_accepts_real_configs():
    import jsonschema

    from post_lint import config_schema

    assert config_schema.is_current(), "run `python -m post_lint.docs`"
    schema = json.loads(config_schema.PATH.read_text(encoding="utf-8"))
    good = {
        "select": ["ALL"],
        "exclude": ["drafts/**"],
        "baseline": "post-lint-baseline.json",
        "per-file-ignores": {"legal/**": ["DUP001"]},
        "rules": {
            "DUP001": {"severity": "error"},
            "reading-time-mismatch": {"severity": "info"},
            "DUP": {"min-words": 10},
        },
    }
    jsonschema.validate(good, schema)
    Config.from_mapping(good)  # and the loader agrees
    for bad in ({"selct": []}, {"rules": {"DUP001": {"severity": "fatal"}}}, {"rules": {"X": {}}}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
    assert set(schema["properties"]["rules"]["properties"]["DUP001"]["properties"]) >= {"severity"}


def test_docs_list_severity_among_each_rules_options():
    from post_lint.rules import REGISTRY

    root = Path(__file__).parent.parent / "docs" / "rules"
    for rule in REGISTRY:
        text = (root / f"{rule.code}.md").read_text(encoding="utf-8")
        assert f'| `severity` | `"{rule.severity}"`' in text, rule.code
