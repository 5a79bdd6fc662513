"""FM family: front matter (missing, syntax, schema, dates, unknown and
duplicate keys, file-name date).

Every bad fixture is checked for the exact code and line it must produce;
real-world front-matter formats (anchors, comments, ``cSpell:ignore``, JSON
between ``---``, TOML ``+++``, Zenn keys, empty values, ``title: 2024``) must
produce nothing at all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from post_lint import lint_text
from post_lint.config import Config
from post_lint.errors import ConfigError
from post_lint.linter import check_post, read_post
from post_lint.post import Post
from post_lint.rules.frontmatter import WrittenDate, parse_written_date

from .conftest import FIXTURES
from .helpers import found, reported

FM_CODES = ("FM001", "FM002", "FM003", "FM004", "FM005", "FM006", "FM007")


def fm(text: str, path: str = "content/post/example.md", config: dict | None = None):
    """(code, line) of every FM diagnostic."""
    return found(text, config={"select": ["FM"], **(config or {})}, path=path)


def messages(text: str, path: str = "content/post/example.md", config: dict | None = None):
    cfg = {"select": ["FM"], **(config or {})}
    return [message for _, _, _, message in reported(text, config=cfg, path=path)]


# --------------------------------------------------------------------------
# Fixtures: every bad example's exact output is a snapshot beside it
# (tests/test_fixtures.py); here, real-world front matter under every rule
# --------------------------------------------------------------------------


REAL_WORLD = sorted(p.name for p in (FIXTURES / "FM002" / "good").glob("*.md"))


@pytest.mark.parametrize("name", REAL_WORLD)
@pytest.mark.parametrize("where", ["_posts/2024-01-31-x.md", "content/post/x.md", "x.md"])
def test_real_world_front_matter_is_silent_under_every_fm_rule(name, where):
    text = (FIXTURES / "FM002" / "good" / name).read_text(encoding="utf-8")
    if where.startswith("_posts/"):
        # keep FM007 out of it: the file-name date is arbitrary here
        got = fm(text, where, {"ignore": ["FM007"]})
    else:
        got = fm(text, where)
    assert got == []


# --------------------------------------------------------------------------
# Real-world formats named in the issue, one test each
# --------------------------------------------------------------------------


def test_yaml_anchors_and_aliases():
    text = "---\ntitle: A\nbase: &b\n  x: 1\nmerged:\n  <<: *b\n  y: 2\nsame: *b\n---\nbody\n"
    post = Post.from_text(text, "p.md")
    assert post.meta["merged"] == {"x": 1, "y": 2}
    assert fm(text) == []


def test_comments_after_values():
    text = "---\ntitle: A # c\ndate: 2024-01-31 # c\ndraft: false # c\ntags: [a] # c\n---\n"
    assert Post.from_text(text).meta["draft"] is False
    assert fm(text) == []


def test_keys_containing_colons():
    text = "---\ntitle: A\ncSpell:ignore: neovim lua\ncSpell:words: [x]\n---\n"
    assert "cSpell:ignore" in Post.from_text(text).meta
    assert fm(text) == []
    # even in strict mode a declared key with a colon is fine
    strict = {"rules": {"unknown-key": {"strict": True, "allowed-keys": ["cSpell:ignore"]}}}
    assert fm(text, config=strict) == [("FM005", 4)]


def test_json_between_dashes():
    text = '---\n{"title": "A", "date": "2024-01-31", "draft": "no"}\n---\n'
    assert fm(text) == [("FM003", 2)]
    assert fm(text.replace('"no"', "false")) == []


def test_bare_json_front_matter():
    text = '{\n  "title": "A",\n  "draft": "no"\n}\nbody\n'
    assert fm(text) == [("FM003", 3)]


def test_toml_plus_front_matter():
    text = (
        '+++\ntitle = "A"\ndate = 2024-01-31T10:00:00+09:00\ndraft = "yes"\n[params]\nx = 1\n+++\n'
    )
    assert fm(text) == [("FM003", 4)]
    assert fm(text.replace('"yes"', "true")) == []


def test_zenn_keys():
    text = (
        '---\ntitle: "Zenn"\nemoji: "🤖"\ntype: "tech"\ntopics: ["a", "b"]\n'
        "published: true\npublished_at: 2050-06-12 09:03\n---\n"
    )
    assert fm(text, "articles/zenn.md") == []
    too_many = text.replace('["a", "b"]', '["a", "b", "c", "d", "e", "f"]')
    assert fm(too_many, "articles/zenn.md") == [("FM003", 5)]
    assert "at most 5" in messages(too_many, "articles/zenn.md")[0]
    # type is free text outside Zenn (Hugo uses it for layouts)
    assert fm('---\ntitle: A\ntype: "gallery"\n---\n') == []


def test_empty_values():
    text = "---\ntitle: A\ntranslator:\ntags:\nlast_modified_at:\nimage:\ndraft:\n---\n"
    assert fm(text) == []
    assert fm(text, "_posts/2024-01-31-a.md") == []


def test_title_that_is_a_number():
    assert fm("---\ntitle: 2024\n---\n") == []
    assert fm("---\ntitle: 3.14\n---\n") == []


# --------------------------------------------------------------------------
# FM001 missing-front-matter
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "_posts/2024-01-31-a.md",
        "site/_drafts/a.md",
        "blog/content/post/2018/05/30/a.md",
        "src/content/blog/a.mdx",
        "posts/a.md",
        "articles/a.md",
        "/abs/path/to/_posts/a.markdown",
        "C:\\blog\\_posts\\a.md",
    ],
)
def test_fm001_posts_folders(path):
    assert fm("# Hello\n\nbody\n", path) == [("FM001", 1)]


@pytest.mark.parametrize(
    "path",
    [
        "README.md",
        "docs/guide.md",
        "_posts/README.md",
        "content/CHANGELOG.md",
        "content/_index.md",
        "articles/slug/test.md",
        "my_posts/a.md",
        "-",
        "",
    ],
)
def test_fm001_not_posts(path):
    assert fm("# Hello\n\nbody\n", path or None) == []


def test_fm001_configured_folders():
    cfg = {"rules": {"missing-front-matter": {"posts-dirs": ["blog/entries", "notes/*"]}}}
    assert fm("# Hi\n", "site/blog/entries/2024/a.md", cfg) == [("FM001", 1)]
    assert fm("# Hi\n", "notes/a.md", cfg) == [("FM001", 1)]
    assert fm("# Hi\n", "notes/sub/a.md", cfg) == []
    assert fm("# Hi\n", "_posts/a.md", cfg) == []
    assert fm("# Hi\n", "entries/a.md", cfg) == []


def test_fm001_empty_post_and_late_delimiter():
    assert messages("", "_posts/a.md")[0].startswith("post is empty")
    assert fm("\n\n+++\ntitle = 'a'\n+++\n", "content/a.md") == [("FM001", 3)]


def test_fm001_silent_when_front_matter_is_broken():
    # a broken front matter is FM002's, not a missing one
    assert fm("---\ntitle: [\n---\n", "_posts/a.md") == [("FM002", 3)]


# --------------------------------------------------------------------------
# FM002 front-matter-syntax and hostile input
# --------------------------------------------------------------------------


def test_fm002_points_at_the_line_the_parser_blames():
    text = "---\nlayout: post\ntitle: Vim: a love story\n---\n"
    [d] = lint_text(text, "p.md", {"select": ["FM002"]})
    assert (d.line, d.column) == (3, 11)
    assert "quote the whole value" in d.message


def test_python_object_tag_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    text = (
        "---\ntitle: !!python/object/apply:os.system\n"
        f"  - 'touch {marker}'\nother: !!python/object/new:builtins.print ['hi']\n---\n"
    )
    assert fm(text) == [("FM002", 2)]
    assert "would run code" in messages(text)[0]
    assert not marker.exists()


@pytest.mark.parametrize("levels", [6, 9])
def test_alias_bomb_is_bounded(levels):
    lines = ["---", "title: A", 'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\n---\nbody\n"
    assert fm(text) == [("FM002", 2)]
    assert "alias" in messages(text)[0]


def test_recursive_alias_does_not_hang():
    text = "---\ntitle: A\nloop: &a [1, *a]\n---\nbody\n"
    assert fm(text) == []


def test_deep_nesting_and_huge_front_matter_are_refused():
    deep = "---\ntitle: A\nx: " + "[" * 1000 + "]" * 1000 + "\n---\n"
    assert fm(deep) == [("FM002", 2)]
    huge = "---\ntitle: A\n" + "".join(f"k{i}: value\n" for i in range(40_000)) + "---\n"
    assert fm(huge) == [("FM002", 2)]
    assert "too large" in messages(huge)[0]


def test_body_rules_still_see_the_body_after_a_syntax_error():
    post = Post.from_text("---\ntitle: a: b\n---\n\nA paragraph.\n", "p.md")
    assert post.front_matter.error is not None
    assert [b.start_line for b in post.paragraphs()] == [5]


# --------------------------------------------------------------------------
# FM003 schema-violation
# --------------------------------------------------------------------------


def test_fm003_reports_every_violation_at_its_key():
    text = (
        "---\ntitle: ''\ndraft: 'yes'\npublished: 1\ntags:\n  - go\n  -\n  - [x]\n"
        "reading_time: -3\nimage:\n  feature: x\n---\n"
    )
    got = lint_text(text, "p.md", {"select": ["FM003"]})
    assert [(d.line, d.message.split(" ")[0]) for d in got] == [
        (2, "'title'"),
        (3, "'draft'"),
        (4, "'published'"),
        (7, "'tags[1]'"),
        (8, "'tags[2]'"),
        (9, "'reading_time'"),
    ]
    assert got[0].message == "'title' is an empty string"
    assert got[1].message == "'draft' is the string 'yes'; expected true or false"


def test_fm003_missing_title_mentions_other_case():
    assert messages("---\nTitle: A\n---\n") == [
        "missing required key 'title': 'Title' differs in case (Hugo reads it, Jekyll does not)"
    ]


def test_fm003_reading_time_aliases_accept_numbers_and_strings():
    for key in ("reading_time", "readingTime", "read_time", "readtime", "time_to_read"):
        assert fm(f"---\ntitle: A\n{key}: 8\n---\n") == []
        assert fm(f"---\ntitle: A\n{key}: 8 min\n---\n") == []
        assert fm(f"---\ntitle: A\n{key}: 約8分\n---\n") == []
        assert fm(f"---\ntitle: A\n{key}: [8]\n---\n") == [("FM003", 3)]


def test_fm003_flood_is_capped():
    text = "---\ntitle: A\ntags:\n" + "  -\n" * 3000 + "---\n"
    got = lint_text(text, "p.md", {"select": ["FM003"]})
    assert len(got) == 101
    assert got[0].line == 4 and got[99].line == 103
    assert "more schema violations" in got[-1].message


def _write(path: Path, content: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


POST_SCHEMA = {
    "type": "object",
    "required": ["title", "tags"],
    "properties": {"title": {"type": "string"}, "tags": {"type": "array"}},
}
DOC_SCHEMA = {"type": "object", "properties": {"title": {}, "weight": {"type": "integer"}}}


def _config(tmp_path: Path, rules: dict) -> Config:
    return Config.from_mapping({"select": ["FM"], "rules": rules}, source=tmp_path / "x.toml")


def test_fm003_user_schema_replaces_builtin_relative_to_config(tmp_path):
    _write(tmp_path / "schemas" / "post.json", POST_SCHEMA)
    cfg = _config(tmp_path, {"schema-violation": {"schema": "schemas/post.json"}})
    text = "---\ntitle: A\ndraft: 'no'\n---\n"
    got = [(d.code, d.line, d.message) for d in lint_text(text, "p.md", cfg)]
    # draft is free under the user's schema: only the missing tags; FM005
    # follows the same schema, which does not declare draft
    assert got == [
        ("FM003", 1, "missing required key 'tags'"),
        ("FM005", 3, "unknown key 'draft': schema post.json does not declare it"),
    ]


def test_fm003_extend_builtin(tmp_path):
    _write(tmp_path / "post.json", POST_SCHEMA)
    cfg = _config(tmp_path, {"schema-violation": {"schema": "post.json", "extend-builtin": True}})
    text = "---\ntitle: A\ndraft: 'no'\n---\n"
    assert [(d.code, d.line) for d in lint_text(text, "p.md", cfg)] == [
        ("FM003", 1),
        ("FM003", 3),
    ]


def test_fm003_schemas_per_glob_first_match_wins(tmp_path):
    _write(tmp_path / "post.json", POST_SCHEMA)
    _write(tmp_path / "doc.yaml", "type: object\nproperties:\n  weight: {type: integer}\n")
    table = {"_posts/**": "post.json", "content/docs/**": "doc.yaml", "**": "post.json"}
    cfg = _config(tmp_path, {"schema-violation": {"schemas": table}})
    doc = "---\ntitle: A\nweight: heavy\n---\n"
    found = lint_text(doc, "site/content/docs/a.md", cfg)
    assert [(d.line, d.message) for d in found if d.code == "FM003"] == [
        (3, "'weight' is the string 'heavy'; expected a whole number")
    ]
    # FM005 follows the same per-glob schema: doc.yaml does not declare title
    assert [(d.code, d.line) for d in found if d.code == "FM005"] == [("FM005", 2)]
    posts = lint_text(doc, "_posts/2024-01-31-a.md", cfg)
    assert [d.line for d in posts if d.code == "FM003"] == [1]


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "not found"),
        ("{not json", "not valid JSON"),
        ({"type": 5}, "not a valid JSON Schema"),
        ("[1, 2]", "must hold a JSON Schema object"),
    ],
)
def test_fm003_bad_schema_file_is_a_config_error(tmp_path, content, needle):
    target = tmp_path / "bad.json"
    if content is not None:
        _write(target, content)
    cfg = _config(tmp_path, {"schema-violation": {"schema": "bad.json"}})
    with pytest.raises(ConfigError, match=needle):
        lint_text("---\ntitle: A\n---\n", "p.md", cfg)


def test_fm003_bad_schema_file_stops_the_cli_once(tmp_path):
    (tmp_path / "_posts").mkdir()
    for i in range(3):
        (tmp_path / "_posts" / f"2024-01-0{i + 1}-a.md").write_text("---\ntitle: A\n---\n")
    (tmp_path / ".post-lint.toml").write_text(
        '[tool.post-lint.rules.schema-violation]\nschema = "missing.json"\n'
    )
    run = subprocess.run(
        [sys.executable, "-m", "post_lint", "--select", "FM003", "_posts"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2
    assert run.stderr.count("schema file not found") == 1
    assert "Traceback" not in run.stderr


def test_jsonschema_is_imported_only_when_a_schema_needs_it():
    code = (
        "import sys\nfrom post_lint import lint_text\n"
        "lint_text('---\\ntitle: A\\n---\\n', 'p.md', {'select': ['FM001', 'FM002', 'FM004']})\n"
        "print('jsonschema' in sys.modules)\n"
        "lint_text('---\\ntitle: A\\ntags: [a]\\n---\\n', 'p.md', {'select': ['FM003']})\n"
        "print('jsonschema' in sys.modules)\n"
        "print(lint_text('---\\ntitle: \"\"\\n---\\n', 'p.md', {'select': ['FM003']})[0].code)\n"
        "print('jsonschema' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    # valid front matter is proven valid without jsonschema; a violation needs its message
    assert run.stdout.split() == ["False", "False", "FM003", "True"]


def test_builtin_schema_is_a_valid_json_schema():
    import jsonschema

    from post_lint.rules.frontmatter import BUILTIN_SCHEMA

    schema = json.loads(BUILTIN_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema).check_schema(schema)


_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from(["", "x", "tech", "idea", "8 min", "2024-01-31", "true", "abc def"]),
)
_json_value = st.recursive(
    _json_scalar,
    lambda inner: (
        st.lists(inner, max_size=7)
        | st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2)
    ),
    max_leaves=10,
)
_FM_KEYS = [
    "title",
    "tags",
    "categories",
    "draft",
    "published",
    "reading_time",
    "readingTime",
    "date",
    "type",
    "topics",
    "emoji",
    "layout",
    "toc",
    "comments",
    "description",
    "author",
]


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(_FM_KEYS), _json_value, max_size=8))
def test_quick_validity_check_never_accepts_what_jsonschema_rejects(data):
    from post_lint.rules.frontmatter import BUILTIN_SCHEMA, _load_schema, _quick_valid

    schema = _load_schema(str(BUILTIN_SCHEMA))
    if _quick_valid(schema.quick, data) is True:
        assert list(schema.validator.iter_errors(data)) == []


def test_fm003_dates_and_odd_values_do_not_crash():
    text = (
        "---\ntitle: A\ndate: 2024-01-31\nlastmod: 2024-01-31T10:00:00Z\nbin: !!binary aGVsbG8=\n"
        "set: !!set {a, b}\n1: one\n---\n"
    )
    assert fm(text) == []


# --------------------------------------------------------------------------
# FM004 invalid-date
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025-09-24",
        "2025-09-24 08:50:55 +0000",
        "2025-09-24 08:50:55 +09:00",
        "2025-09-24T08:50:55Z",
        "2025-09-24T08:50:55.123456789+09:00",
        "2013-11-22 5:00:00 +0000",
        "2050-06-12 09:03",
        "2024/01/31",
        "January 31, 2024",
        "Jan 31 2024 10:00 pm",
        "31 Jan 2024",
        "Wed, 31 Jan 2024 15:04:05 -0700",
        "2006-01-02 15:04:05.999999999 -0700 MST",
        "2024-02-29",
        "Last Modified",
        "git Created",
    ],
)
def test_parse_written_date_accepts(text):
    assert isinstance(parse_written_date(text), WrittenDate)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("2023-13-45", "no month 13"),
        ("2023-02-29", "February 2023 has 28 days"),
        ("2024-01-00", "no day 0"),
        ("2024-01-31 24:00", "no hour 24"),
        ("2024-01-31 10:60", "no minute 60"),
        ("2024-01-31T10:00:00+25:00", "offset"),
        ("yesterday", "Jekyll or Hugo can read"),
        ("昨日", "Jekyll or Hugo can read"),
        ("2024年1月31日", "Jekyll or Hugo can read"),
        ("Smarch 3, 2024", "unknown month"),
        ("2024-01", "Jekyll or Hugo can read"),
        ("x" * 500, "too long"),
    ],
)
def test_parse_written_date_rejects(text, reason):
    result = parse_written_date(text)
    assert isinstance(result, str) and reason in result


def test_fm004_value_position_and_message():
    [d] = lint_text("---\ntitle: A\ndate: 2023-13-45\n---\n", "p.md", {"select": ["FM004"]})
    assert (d.line, d.column, d.end_column) == (3, 7, 17)
    assert d.message == "'date' is '2023-13-45', which is not a real date: there is no month 13"


def test_fm004_keys_are_matched_like_hugo_does():
    text = "+++\ntitle = 'A'\nexpirydate = 'soon'\nPublishDate = 'later'\n+++\n"
    assert fm(text) == [("FM004", 3), ("FM004", 4)]


def test_fm004_date_keys_options():
    text = "---\ntitle: A\nreleased: someday\ndate: someday\n---\n"
    assert fm(text) == [("FM004", 4)]
    extend = {"rules": {"invalid-date": {"extend-date-keys": ["released"]}}}
    assert fm(text, config=extend) == [("FM004", 3), ("FM004", 4)]
    replace = {"rules": {"invalid-date": {"date-keys": ["released"]}}}
    assert fm(text, config=replace) == [("FM004", 3)]


def test_fm004_non_date_types():
    text = "---\ntitle: A\ndate: true\nlastmod: [2024-01-01]\nupdated: {a: 1}\n---\n"
    assert fm(text) == [("FM004", 3), ("FM004", 4), ("FM004", 5)]


def test_fm004_empty_date_only_matters_to_jekyll():
    text = "---\ntitle: A\ndate:\n---\n"
    assert fm(text, "_posts/2024-01-31-a.md") == [("FM004", 3)]
    assert fm(text, "content/post/a.md") == []


# --------------------------------------------------------------------------
# FM005 unknown-key
# --------------------------------------------------------------------------


def test_fm005_excerpt_second_paragraph_is_caught_by_default():
    text = (
        "---\ntitle: Movies\nexcerpt: <p>First paragraph of the excerpt.</p>\n\n"
        "<p>In the movies, hacking looks like this: green text.</p>\n---\n"
    )
    [d] = lint_text(text, "p.md")  # default configuration
    assert (d.code, d.line, d.column) == ("FM005", 5, 1)
    assert "continuation of 'excerpt' (line 3)" in d.message


def test_fm005_default_mode_is_quiet_on_custom_keys():
    text = (
        "---\ntitle: A\njuliasections: [x]\ntwitterImage: a.png\nheight: 3\nweight: 2\n"
        "data: 1\nauthors: [a]\nDate Created: 2024-01-31\nTags: [x]\npublisher: ACME\n"
        "sources: [a]\nheaders: [b]\ncontributor: me\n---\n"
    )
    assert fm(text) == []


def test_fm005_typos_get_did_you_mean():
    text = "---\ntitle: A\ntittle: B\ntgas: [a]\ncatagories: [b]\ndesciption: d\n---\n"
    assert messages(text) == [
        "unknown key 'tittle' (did you mean 'title'?)",
        "unknown key 'tgas' (did you mean 'tags'?)",
        "unknown key 'catagories' (did you mean 'categories'?)",
        "unknown key 'desciption' (did you mean 'description'?)",
    ]


def test_fm005_strict_mode_and_allowed_keys():
    text = "---\ntitle: A\njuliasections: [x]\nTags: [a]\n---\n"
    strict = {"rules": {"unknown-key": {"strict": True}}}
    assert fm(text, config=strict) == [("FM005", 3), ("FM005", 4)]
    allowed = {"rules": {"unknown-key": {"strict": True, "allowed-keys": ["juliasections"]}}}
    assert fm(text, config=allowed) == [("FM005", 4)]
    ignore_case = {
        "rules": {
            "unknown-key": {"strict": True, "allowed-keys": ["juliasections"], "ignore-case": True}
        }
    }
    assert fm(text, config=ignore_case) == []


def test_fm005_user_schema_makes_it_strict(tmp_path):
    _write(tmp_path / "post.json", POST_SCHEMA | {"patternProperties": {"^x-": {}}})
    cfg = _config(tmp_path, {"unknown-key": {"schema": "post.json"}})
    text = "---\ntitle: A\ntags: [a]\ntag: b\nx-custom: 1\ndraft: true\n---\n"
    got = [(d.code, d.line, d.message) for d in lint_text(text, "p.md", cfg)]
    assert got == [
        ("FM005", 4, "unknown key 'tag' (did you mean 'tags'?)"),
        ("FM005", 6, "unknown key 'draft': schema post.json does not declare it"),
    ]
    with_builtin = _config(
        tmp_path, {"unknown-key": {"schema": "post.json", "extend-builtin": True}}
    )
    assert [d.line for d in lint_text(text, "p.md", with_builtin)] == []


def test_fm005_takes_the_schema_from_fm003_unless_set_itself(tmp_path):
    _write(tmp_path / "post.json", POST_SCHEMA | {"patternProperties": {"^x-": {}}})
    _write(
        tmp_path / "other.json",
        POST_SCHEMA
        | {
            "properties": POST_SCHEMA["properties"] | {"draft": {}},
            "patternProperties": {"^x-": {}},
        },
    )
    text = "---\ntitle: A\ntags: [a]\nx-custom: 1\ndraft: true\n---\n"
    shared = _config(tmp_path, {"schema-violation": {"schema": "post.json"}})
    got = [(d.code, d.line) for d in lint_text(text, "p.md", shared) if d.code == "FM005"]
    assert got == [("FM005", 5)]
    own = _config(
        tmp_path,
        {"schema-violation": {"schema": "post.json"}, "unknown-key": {"schema": "other.json"}},
    )
    assert [d for d in lint_text(text, "p.md", own) if d.code == "FM005"] == []


# --------------------------------------------------------------------------
# FM006 duplicate-key, FM007 filename-date-mismatch
# --------------------------------------------------------------------------


def test_fm006_names_the_first_occurrence():
    text = "---\ntitle: A\ncategories: [go]\ndate: 2024-01-31\ncategories:\n---\n"
    [d] = lint_text(text, "p.md", {"select": ["FM006"]})
    assert (d.line, d.column, d.end_column) == (5, 1, 11)
    assert "first on line 3" in d.message


def test_fm006_repeated_toml_key_is_a_syntax_error():
    text = '+++\ntitle = "a"\ntitle = "b"\n+++\n'
    assert fm(text) == [("FM002", 3)]


EXACT_DAY = {"rules": {"filename-date-mismatch": {"tolerance-days": 0}}}


def test_fm007_compares_in_the_dates_own_offset():
    path = "_posts/2024-01-31-a.md"
    text = "---\ntitle: A\ndate: {}\n---\n"
    assert fm(text.format("2024-01-31T23:30:00-05:00"), path, EXACT_DAY) == []
    assert fm(text.format("2024-01-31 23:30:00 -0500"), path, EXACT_DAY) == []
    got = lint_text(text.format("2024-02-01T00:30:00+09:00"), path, {"select": ["FM"], **EXACT_DAY})
    assert [(d.code, d.line, d.column, d.message) for d in got] == [
        (
            "FM007",
            3,
            7,
            "'date' is 2024-02-01T00:30:00+09:00 but the file name says 2024-01-31 "
            "(compared in the date's own offset)",
        )
    ]


def test_fm007_tolerance_days():
    text = "---\ntitle: A\ndate: 2024-02-01\n---\n"
    path = "_posts/2024-01-31-a.md"
    assert fm(text, path, EXACT_DAY) == [("FM007", 3)]
    cfg = {"rules": {"filename-date-mismatch": {"tolerance-days": 1}}}
    assert fm(text, path, cfg) == []


@pytest.mark.parametrize(
    "date",
    [
        "2024-02-03",  # rescheduled by a few days
        "2024-03-14 09:00:00 +0000",  # drafted six weeks before it went out
        "2024-01-20",  # published before the day the file was named for
        "2024-05-01",  # 91 days: still a drafting delay
    ],
)
def test_fm007_drafting_drift_is_not_reported_by_default(date):
    text = f"---\ntitle: A\ndate: {date}\n---\n"
    assert fm(text, "_posts/2024-01-31-a.md") == []


@pytest.mark.parametrize(
    ("path", "date", "message"),
    [
        (
            "_posts/2024-01-05-plans.md",
            "2023-01-05",
            "'date' is 2023-01-05 but the file name says 2024-01-05 "
            "(the same day a year apart: a typo in the year?)",
        ),
        (
            "_posts/2025-01-08-お知らせ.md",
            "2024-01-09 00:30:00 +0900",
            "'date' is 2024-01-09 00:30:00 +0900 but the file name says 2025-01-08 "
            "(the same day a year apart: a typo in the year?)",
        ),
        (
            "content/post/2024-03-01-复制/index.md",
            "2021-03-01",
            "'date' is 2021-03-01 but the file name says 2024-03-01 "
            "(the same day 3 years apart: a typo in the year?)",
        ),
        (
            "_posts/2024-03-01-copied.md",
            "2023-06-15",
            "'date' is 2023-06-15 but the file name says 2024-03-01",
        ),
    ],
)
def test_fm007_reports_a_year_typo_or_a_date_months_away(path, date, message):
    got = lint_text(f"---\ntitle: A\ndate: {date}\n---\n", path, {"select": ["FM007"]})
    assert [(d.code, d.line, d.column, d.message) for d in got] == [("FM007", 3, 7, message)]


def test_fm007_year_typo_is_reported_whatever_the_tolerance():
    cfg = {"rules": {"FM007": {"tolerance-days": 1000}}}
    text = "---\ntitle: A\ndate: 2023-01-05\n---\n"
    assert fm(text, "_posts/2024-01-05-a.md", cfg) == [("FM007", 3)]
    assert fm("---\ntitle: A\ndate: 2023-03-05\n---\n", "_posts/2024-01-05-a.md", cfg) == []


def test_fm007_skips_files_that_are_not_posts():
    text = "---\ntitle: A\ndate: 2020-01-01\n---\n"
    assert fm(text, "_posts/2024-01-05-a.md") == [("FM007", 3)]
    assert fm(text, "_includes/2024-01-05-a.md") == []
    cfg = {"rules": {"FM001": {"not-posts": ["_posts/2024-01-05-a.md"]}}}
    assert fm(text, "_posts/2024-01-05-a.md", cfg) == []


def test_fm007_skips_names_without_a_date_and_invalid_dates():
    assert fm("---\ntitle: A\ndate: 2024-02-01\n---\n", "_posts/hello.md") == []
    assert fm("---\ntitle: A\ndate: 2024-02-01\n---\n", "_posts/2024-13-01-a.md") == []
    # an unreadable date is FM004's, not FM007's
    assert fm("---\ntitle: A\ndate: someday\n---\n", "_posts/2024-01-31-a.md") == [("FM004", 3)]


# --------------------------------------------------------------------------
# The corpus of real posts (opt-in)
# --------------------------------------------------------------------------


def test_corpus_front_matter_precision(corpus):
    """On ~3,000 real posts FM001-FM005 stay silent, and every FM006/FM007
    firing is checked against the raw text independently of the rules."""
    cfg = Config.from_mapping({"select": ["FM"]})
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown"))
    fired: dict[str, list] = {}
    for path in files:
        post, _ = read_post(str(path), cfg)
        for d in check_post(post, cfg).diagnostics:
            fired.setdefault(d.code, []).append((path, d))
    for code in ("FM001", "FM002", "FM003", "FM004", "FM005"):
        assert code not in fired, [f"{p}:{d.line} {d.message}" for p, d in fired[code]]
    for path, d in fired.get("FM006", []):
        lines = path.read_text(encoding="utf-8").splitlines()
        key = re.match(r"key '(.+)' is repeated \(first on line (\d+)\)", d.message)
        assert key, d.message
        name, first = key.group(1), int(key.group(2))
        assert lines[d.line - 1].startswith(name + ":")
        assert lines[first - 1].startswith(name + ":")
    for path, d in fired.get("FM007", []):
        text = path.read_text(encoding="utf-8").splitlines()[d.line - 1]
        written = re.search(r"(\d{4}-\d{2}-\d{2})", text.split(":", 1)[1]).group(1)
        stem = path.stem if path.stem != "index" else path.parent.name
        assert written != stem[:10]


def test_fm003_yaml_booleans_in_text_fields_get_a_hint():
    text = "---\ntitle: No\ntags:\n  - Yes\n  - vim\ntoc:\n  enable: true\nlayout: false\n---\n"
    assert messages(text) == [
        "'title' is false (a boolean); expected a string or a number "
        "(YAML reads 'No' as a boolean: quote it)",
        "'tags[0]' is true (a boolean); expected a string or a number "
        "(YAML reads 'Yes' as a boolean: quote it)",
    ]


def test_fm003_schemas_table_values_must_be_paths(tmp_path):
    with pytest.raises(ConfigError, match="must be a table of glob"):
        _config(tmp_path, {"schema-violation": {"schemas": {"_posts/**": 1}}})


# --------------------------------------------------------------------------
# No input crashes an FM rule
# --------------------------------------------------------------------------

try:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test dependency
    st = None

if st is not None:
    _scalars = (
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats()
        | st.text(max_size=20)
        | st.dates()
        | st.datetimes()
    )
    _values = st.recursive(
        _scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=12,
    )
    _keys = st.sampled_from(
        ["title", "date", "tags", "draft", "lastmod", "topics", "emoji", "type", "<p>a b", "tittle"]
    ) | st.text(max_size=12)
    _fuzz = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

    @_fuzz
    @given(
        st.dictionaries(_keys, _values, max_size=6),
        st.sampled_from(["_posts/2024-01-31-a.md", "-"]),
    )
    def test_any_yaml_mapping_is_handled(data, path):
        import yaml

        try:
            dumped = yaml.safe_dump(data, allow_unicode=True)
        except (yaml.YAMLError, ValueError):
            return
        for d in lint_text(f"---\n{dumped}---\nbody\n", path, {"select": ["FM"]}):
            assert d.line >= 1 and d.column >= 1

    @_fuzz
    @given(
        st.text(
            alphabet=st.sampled_from("-+{}[]:'\"\n #&*!|>tdT0123,") | st.characters(), max_size=80
        )
    )
    def test_any_front_matter_text_is_handled(text):
        for opening in ("---\n", "+++\n", "{"):
            for d in lint_text(opening + text, "content/post/2024-01-31-a.md", {"select": ["FM"]}):
                assert d.line >= 1 and d.column >= 1


# --------------------------------------------------------------------------
# FM002 points at the broken line; FM005 finds text lines read as keys
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "hint"),
    [
        (
            '---\ntitle: "Hello\ndate: 2024-01-01\ntags: [a]\n---\n',
            (2, 8),
            "while scanning a quoted scalar, found unexpected end of stream "
            "(the quote that opens here is never closed)",
        ),
        (
            '---\ntitle: 「こんにちは」\ndescription: "説明文\ndate: 2024-01-01\n---\n',
            (3, 14),
            "while scanning a quoted scalar, found unexpected end of stream "
            "(the quote that opens here is never closed)",
        ),
        (
            "---\ntitle: Hello\ntags: [a, b\ndate: 2024-01-01\n---\n",
            (3, 7),
            "while parsing a flow sequence, did not find expected ',' or ']' "
            "(the '[' that opens here is never closed)",
        ),
        (
            "---\ntitle: a\nimage: {src: a.png\ndate: 2024\n---\n",
            (3, 8),
            "while parsing a flow mapping, did not find expected ',' or '}' "
            "(the '{' that opens here is never closed)",
        ),
        (
            "---\ntitle: 你好\nsummary: 这是第一行\n这是第二行没有缩进\ndate: 2024-01-01\n---\n",
            (4, 1),
            "while scanning a simple key, could not find expected ':' "
            "(this line is not 'key: value': text that lost its indentation? Indent it)",
        ),
        (
            "---\ntitle: Hello\nexcerpt: >\n  first line\nsecond line here\ntags: [a]\n---\n",
            (5, 1),
            "while scanning a simple key, could not find expected ':' "
            "(this line is not 'key: value': text that lost its indentation? Indent it)",
        ),
    ],
)
def test_fm002_points_at_the_broken_line_not_the_closing_delimiter(text, where, hint):
    got = lint_text(text, "p.md", {"select": ["FM002"]})
    assert [(d.code, d.line, d.column, d.message) for d in got] == [
        ("FM002", *where, f"invalid YAML: {hint}")
    ]


CONTINUATION = (
    "key {key!r} looks like text, not a key; is it a continuation of {prev!r} "
    "(line 3) that lost its indentation? Indent it or quote the value"
)


@pytest.mark.parametrize(
    ("prev", "line", "key"),
    [
        (
            "excerpt: We moved our build to Bazel and it took a year",
            "Note: and what we learned",
            "Note",
        ),
        (
            "excerpt: We moved our build to Bazel and it took a year",
            "PS: it was worth it in the end",
            "PS",
        ),
        (
            "description: We moved our build to Bazel, most of a year",
            "The: result was worth it",
            "The",
        ),
        (
            "description: 今回はビルドをBazelに移行しました。",
            "追記: その後の運用で分かったことです。",
            "追記",
        ),
        (
            "description: 今回はビルドをBazelに移行しましたが、その",
            "結果: 分かったことは多くありました。",
            "結果",
        ),
        ("summary: 我们把构建迁移到了新的系统上面。", "补充: 迁移过程中遇到了很多问题。", "补充"),
        (
            "summary: 我们把构建迁移到了新的系统上面，但是",
            "过程: 并不像我们想象的那么顺利。",
            "过程",
        ),
    ],
)
def test_fm005_an_unindented_text_line_read_as_a_key(prev, line, key):
    text = f"---\ntitle: A\n{prev}\n{line}\n---\n"
    got = lint_text(text, "p.md", {"select": ["FM"]})
    prev_key = prev.split(":", 1)[0]
    assert [(d.code, d.line, d.column, d.message) for d in got] == [
        ("FM005", 4, 1, CONTINUATION.format(key=key, prev=prev_key))
    ]


@pytest.mark.parametrize(
    "lines",
    [
        # custom keys after a text value
        "description: A post about the things I like to do\ncustomkey: some value that is long",
        "description: 今回はビルドをBazelに移行しました。\n概要: このページでは移行の手順を説明します。",
        "summary: 我们把构建迁移到了新的系统上面。\n作者: 张三和他的朋友们一起写的文章",
        # quoted: written as a key on purpose
        'excerpt: We moved our build to Bazel and it took a year\nNote: "and this is intended"',
        # not right after a text value
        "excerpt: We moved our build to Bazel and it took a year\ndate: 2024-01-01\n"
        "Note: and what we learned along the way",
        # the value before is not text
        "weight: 3\nNote: and what we learned along the way",
    ],
)
def test_fm005_keys_after_text_that_are_keys_stay_quiet(lines):
    assert fm(f"---\ntitle: A\n{lines}\n---\n") == []
