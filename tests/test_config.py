"""Configuration: discovery, selection, per-file ignores, validation errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from post_lint.config import Config, find_config_file, glob_match
from post_lint.errors import ConfigError
from post_lint.rules import REGISTRY


def test_defaults_enable_default_rules():
    codes = Config().enabled_codes()
    assert "PL002" in codes
    assert codes == [r.code for r in REGISTRY if r.default_enabled]


def test_select_by_code_prefix_and_name():
    assert Config.from_mapping({"select": ["PL002"]}).enabled_codes() == ["PL002"]
    assert Config.from_mapping({"select": ["PL"]}).enabled_codes() == [
        "PL001",
        "PL002",
        "PL003",
        "PL004",
        "PL005",
    ]
    assert Config.from_mapping({"select": ["invalid-utf8"]}).enabled_codes() == ["PL002"]
    cfg = Config.from_mapping({"select": ["PL"], "ignore": ["file-too-large"]})
    assert cfg.enabled_codes() == ["PL001", "PL002", "PL004", "PL005"]
    assert "PL002" in Config.from_mapping({"select": ["ALL"]}).enabled_codes()


def test_extend_select_and_kebab_or_snake_keys():
    cfg = Config.from_mapping({"select": ["PL001"], "extend_select": ["PL002"]})
    assert cfg.enabled_codes() == ["PL001", "PL002"]


def test_cli_override_replaces_select():
    cfg = Config.from_mapping({"select": ["PL001"]}).override(select=["PL002"], ignore=[])
    assert cfg.enabled_codes() == ["PL002"]


@pytest.mark.parametrize(
    "table, needle",
    [
        ({"selct": ["PL"]}, "unknown key 'selct'"),
        ({"select": ["NOPE123"]}, "unknown rule code or name 'NOPE123'"),
        ({"select": "PL001, 3"}, "unknown rule code"),
        ({"ignore": [1, 2]}, "'ignore' must be a list of strings"),
        ({"per-file-ignores": {"a/**": ["XX999"]}}, "per-file-ignores 'a/**'"),
        ({"per-file-ignores": ["x"]}, "'per-file-ignores' must be a table"),
        ({"rules": {"no-such-rule": {}}}, "[rules.no-such-rule]: unknown rule"),
        ({"rules": {"invalid-utf8": {"severity": "fatal"}}}, "'severity' must be one of"),
        ({"rules": {"invalid-utf8": {"colour": 1}}}, "unknown option 'colour' for PL002"),
        ({"rules": {"invalid-utf8": 3}}, "must be a table of options"),
        ({"max-file-size": -1}, "'max-file-size' must be a positive integer"),
    ],
)
def test_config_errors_name_file_and_key(table, needle, tmp_path):
    src = tmp_path / ".post-lint.toml"
    with pytest.raises(ConfigError) as info:
        Config.from_mapping(table, source=src)
    assert needle in str(info.value)
    assert str(src) in str(info.value)


def test_unknown_rule_suggests_close_name():
    with pytest.raises(ConfigError, match="did you mean 'invalid-utf8'"):
        Config.from_mapping({"select": ["invalid-utf"]})


def test_option_type_errors():
    rule = next(
        (
            r
            for r in REGISTRY
            for v in r.options.values()
            if isinstance(v, int) and not isinstance(v, bool)
        ),
        None,
    )
    if rule is None:
        pytest.skip("no rule with an integer option is registered")
    name = next(
        k for k, v in rule.options.items() if isinstance(v, int) and not isinstance(v, bool)
    )
    with pytest.raises(ConfigError, match=f"option '{name.replace('_', '-')}' must be an integer"):
        Config.from_mapping({"rules": {rule.name: {name.replace("_", "-"): "many"}}})
    ok = Config.from_mapping({"rules": {rule.code: {name: 7}}})
    settings = {s.rule.code: s for s in ok.rules_for("x.md")}
    if rule.code in settings:
        assert settings[rule.code].options[name] == 7


def test_rule_severity_override():
    cfg = Config.from_mapping({"rules": {"PL002": {"severity": "info"}}})
    (s,) = [s for s in cfg.rules_for("a.md") if s.rule.code == "PL002"]
    assert s.severity == "info"


def test_per_file_ignores(tmp_path):
    cfg = Config.from_mapping(
        {"per-file-ignores": {"content/security/**": ["invalid-utf8"], "*.mdx": ["PL"]}},
        root=tmp_path,
    )
    codes = lambda p: {s.rule.code for s in cfg.rules_for(p)}  # noqa: E731
    assert "PL002" not in codes("content/security/2024/x.md")
    assert "PL002" in codes("content/blog/x.md")
    assert codes("deep/a/b.mdx").isdisjoint({"PL001", "PL002", "PL003"})


@pytest.mark.parametrize(
    "pattern, path, expected",
    [
        ("drafts/**", "drafts/a/b.md", True),
        ("drafts/**", "x/drafts/a.md", False),
        ("drafts", "x/drafts/a.md", True),
        ("*.mdx", "a/b/c.mdx", True),
        ("_posts/*.md", "_posts/a.md", True),
        ("_posts/*.md", "_posts/x/a.md", False),
        ("**/README.md", "README.md", True),
        ("**/README.md", "a/README.md", True),
        ("content/20[0-9][0-9]-*", "content/2024-x", True),
    ],
)
def test_glob_match(pattern, path, expected):
    assert glob_match(pattern, path) is expected


def test_discovery_from_nested_folder(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.post-lint]\nselect = ["PL002"]\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    assert find_config_file(sub) == tmp_path / "pyproject.toml"
    monkeypatch.chdir(sub)
    cfg = Config.discover()
    assert cfg.enabled_codes() == ["PL002"] and cfg.root == tmp_path.resolve()


def test_pyproject_without_table_is_skipped_and_dotfile_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config_file(tmp_path) is None
    (tmp_path / ".post-lint.toml").write_text('ignore = ["PL003"]\n')
    cfg = Config.from_file(find_config_file(tmp_path))
    assert "PL003" not in cfg.enabled_codes()


def test_malformed_toml_names_file(tmp_path):
    bad = tmp_path / ".post-lint.toml"
    bad.write_text("select = [\n")
    with pytest.raises(ConfigError, match=r"\.post-lint\.toml: invalid TOML"):
        Config.from_file(bad)


def test_lint_text_accepts_dict_config():
    from post_lint import lint_text

    bad = b"\xff\n"
    assert [d.code for d in lint_text(bad, "a.md")] == ["PL002"]
    assert lint_text(bad, "a.md", {"ignore": ["PL002"]}) == []


def test_config_source_path_type(tmp_path):
    f = tmp_path / ".post-lint.toml"
    f.write_text("")
    assert isinstance(Config.from_file(f).source, Path)


def test_option_choices_are_checked_when_config_loads():
    with pytest.raises(ConfigError, match="option 'preset' must be one of 'default', 'hugo'"):
        Config.from_mapping({"rules": {"reading-time-mismatch": {"preset": "gatsby"}}})
    cfg = Config.from_mapping({"rules": {"RT001": {"preset": "hugo"}}})
    assert cfg.rule_options["RT001"]["preset"] == "hugo"
