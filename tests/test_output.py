"""Output formats: the exact shape of each, on findings whose messages carry a
colon, a comma, a newline, a percent sign and non-ASCII text; SARIF validated
against the official 2.1.0 schema; --show-source, colour and --statistics."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from argparse import Namespace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from post_lint.cli import _emit, main
from post_lint.diagnostics import Diagnostic, Edit, Fix
from post_lint.output import FORMATS, OutputOptions, write
from post_lint.output.github import escape_data, escape_property
from post_lint.output.gitlab import issues
from post_lint.output.text import MAX_SHOWN_CELLS, excerpt_row, source_excerpt
from post_lint.rules import REGISTRY

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

A = "posts/a,b:c.md"
JA = "posts/日本語.md"
CLEAN = "posts/clean.md"

DIAGNOSTICS = [
    Diagnostic(
        "DUP001", 4, 1, "paragraph repeats the one at line 2", 4, 20,
        path=A, name="repeated-paragraph", severity="warning",
    ),
    Diagnostic(
        "TRN001", 6, 4, "sentence cut: 「可能性を秘」, then\nnext: 100% done", 6, 9,
        path=A, name="truncated-sentence", severity="error",
        fix=Fix("safe", (Edit(6, 4, 6, 9, ""),)),
    ),
    Diagnostic(
        "GEN001", 2, 1, "leaked marker «---END---»", 3, 1,
        path=JA, name="leaked-end-marker", severity="info",
    ),
]  # fmt: skip

SOURCES = {
    A: "---\ntitle: x\n---\nThe same paragraph.\n\nこれは可能性を秘\n",
    JA: "本文\n---END---\nmore\n",
}


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch):
    for key in ("GITHUB_ACTIONS", "GITHUB_WORKSPACE", "CI_PROJECT_DIR", "FORCE_COLOR", "NO_COLOR"):
        monkeypatch.delenv(key, raising=False)


def render(fmt: str, diagnostics=DIAGNOSTICS, **options) -> str:
    stream = io.StringIO()
    write(fmt, diagnostics, stream, OutputOptions(**options))
    return stream.getvalue()


def test_every_documented_format_is_registered():
    assert set(FORMATS) == {"text", "json", "json-lines", "github", "gitlab", "sarif", "junit"}


# -- text ---------------------------------------------------------------------


def test_text_is_one_gnu_line_per_finding():
    assert render("text") == (
        "posts/a,b:c.md:4:1: DUP001 paragraph repeats the one at line 2\n"
        "posts/a,b:c.md:6:4: TRN001 sentence cut: 「可能性を秘」, then next: 100% done\n"
        "posts/日本語.md:2:1: GEN001 leaked marker «---END---»\n"
    )


def test_text_show_source_puts_carets_under_the_range_even_under_wide_characters():
    assert render("text", show_source=True, sources=SOURCES) == (
        "posts/a,b:c.md:4:1: DUP001 paragraph repeats the one at line 2\n"
        "  |\n"
        "4 | The same paragraph.\n"
        "  | ^^^^^^^^^^^^^^^^^^^\n"
        "  |\n"
        "posts/a,b:c.md:6:4: TRN001 sentence cut: 「可能性を秘」, then next: 100% done\n"
        "  |\n"
        "6 | これは可能性を秘\n"
        "  |       ^^^^^^^^^^\n"
        "  |\n"
        "posts/日本語.md:2:1: GEN001 leaked marker «---END---»\n"
        "  |\n"
        "2 | ---END---\n"
        "  | ^^^^^^^^^\n"
        "  |\n"
    )


def test_text_show_source_without_the_source_prints_the_plain_line():
    assert render("text", show_source=True, sources={}) == render("text")


def test_show_source_multi_line_range_shows_first_and_last_line():
    d = Diagnostic("DUP003", 2, 3, "m", 5, 4, path="p.md")
    lines = ["one", "a long first", "x", "y", "last line"]
    assert source_excerpt(d, lines) == (
        "  |\n2 | a long first\n  |   ^^^^^^^^^^\n. |\n5 | last line\n  | ^^^\n  |\n"
    )


def test_show_source_expands_tabs_and_points_past_the_end_of_a_line():
    assert excerpt_row("\tab", 2, 3) == ("    ab", 4, 1)
    assert excerpt_row("abc", 4, 4) == ("abc", 3, 1)
    assert excerpt_row("", 1, 1) == ("", 0, 1)


def test_show_source_cuts_a_long_line_to_a_window_around_the_range():
    line = "a" * 250 + "XYZWV" + "b" * 300
    text, offset, width = excerpt_row(line, 251, 256)
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= MAX_SHOWN_CELLS + 2
    assert text[offset : offset + width] == "XYZWV"


def test_text_escapes_control_characters_from_the_post():
    d = Diagnostic("GEN001", 1, 2, "quoted \x1b[31mred\x1b[0m and \u202eevil", 1, 3, path="p.md")
    out = render("text", [d], show_source=True, sources={"p.md": "a\x1b[2Jb\n"})
    assert "\x1b" not in out and "\u202e" not in out
    assert "quoted \\x1b[31mred\\x1b[0m and \\u202eevil" in out
    assert "1 | a\\x1b[2Jb\n  |  ^^^^\n" in out


def test_text_colour_marks_path_code_and_carets():
    out = render("text", DIAGNOSTICS[1:2], show_source=True, sources=SOURCES, color=True)
    assert out.startswith("\x1b[1mposts/a,b:c.md\x1b[0m:6:4: \x1b[1;31mTRN001\x1b[0m sentence")
    assert "\x1b[1;31m^^^^^^^^^^\x1b[0m" in out
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert plain == render("text", DIAGNOSTICS[1:2], show_source=True, sources=SOURCES)


# -- json and json-lines ------------------------------------------------------


def test_json_is_an_array_of_the_documented_shape():
    data = json.loads(render("json"))
    assert [d["code"] for d in data] == ["DUP001", "TRN001", "GEN001"]
    assert data[1] == {
        "path": A,
        "line": 6,
        "column": 4,
        "end_line": 6,
        "end_column": 9,
        "code": "TRN001",
        "name": "truncated-sentence",
        "severity": "error",
        "message": "sentence cut: 「可能性を秘」, then\nnext: 100% done",
        "fix": {
            "applicability": "safe",
            "edits": [{"line": 6, "column": 4, "end_line": 6, "end_column": 9, "content": ""}],
        },
    }


def test_json_lines_is_one_compact_object_per_line():
    out = render("json-lines")
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) == 4
    assert lines[1] == (
        '{"path":"posts/a,b:c.md","line":6,"column":4,"end_line":6,"end_column":9,'
        '"code":"TRN001","name":"truncated-sentence","severity":"error",'
        '"message":"sentence cut: 「可能性を秘」, then\\nnext: 100% done",'
        '"fix":{"applicability":"safe","edits":[{"line":6,"column":4,"end_line":6,'
        '"end_column":9,"content":""}]}}'
    )
    assert [json.loads(line) for line in lines[:-1]] == json.loads(render("json"))


# -- github -------------------------------------------------------------------


def test_github_workflow_commands():
    assert render("github") == (
        "::warning file=posts/a%2Cb%3Ac.md,line=4,col=1,endLine=4,endColumn=20,"
        "title=post-lint (DUP001)::paragraph repeats the one at line 2\n"
        "::error file=posts/a%2Cb%3Ac.md,line=6,col=4,endLine=6,endColumn=9,"
        "title=post-lint (TRN001)::sentence cut: 「可能性を秘」, then%0Anext: 100%25 done\n"
        "::notice file=posts/日本語.md,line=2,col=1,endLine=3,endColumn=1,"
        "title=post-lint (GEN001)::leaked marker «---END---»\n"
    )


def _toolkit_unescape(text: str) -> str:
    # The runner decodes in this order; %25 last so "%253A" stays "%3A".
    for code, ch in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, ch)
    return text


@pytest.mark.parametrize("value", ["a:b,c", "50%", "x\r\ny", "%3A literal", "日本,語:"])
def test_github_escaping_round_trips_like_the_actions_toolkit(value):
    assert _toolkit_unescape(escape_property(value)) == value
    assert _toolkit_unescape(escape_data(value)) == value
    assert not set(escape_property(value)) & {":", ",", "\r", "\n"}
    assert not set(escape_data(value)) & {"\r", "\n"}


def test_github_format_is_chosen_inside_github_actions(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("bad.md").write_bytes(b"---\ntitle: x\n---\n\nab\xffcd\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--isolated", "bad.md"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=bad.md,line=5,col=3,")
    assert main(["--isolated", "--output-format", "text", "bad.md"]) == 1
    assert capsys.readouterr().out.startswith("bad.md:5:3: PL002 ")


def test_github_paths_are_relative_to_the_workspace(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    monkeypatch.chdir(tmp_path / "site")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    d = DIAGNOSTICS[0].with_(path="posts/x.md")
    assert render("github", [d]).startswith("::warning file=site/posts/x.md,line=4,")
    outside = d.with_(path=str(tmp_path.parent / "elsewhere.md"))
    assert f"file={escape_property(str(tmp_path.parent / 'elsewhere.md'))}," in render(
        "github", [outside]
    )


# -- gitlab -------------------------------------------------------------------


def test_gitlab_code_quality_shape():
    data = json.loads(render("gitlab"))
    for issue in data:
        assert re.fullmatch(r"[0-9a-f]{32}", issue.pop("fingerprint"))
    assert data == [
        {
            "type": "issue",
            "check_name": "DUP001",
            "description": "DUP001 paragraph repeats the one at line 2",
            "categories": ["Duplication"],
            "severity": "minor",
            "location": {
                "path": A,
                "positions": {"begin": {"line": 4, "column": 1}, "end": {"line": 4, "column": 20}},
            },
        },
        {
            "type": "issue",
            "check_name": "TRN001",
            "description": "TRN001 sentence cut: 「可能性を秘」, then\nnext: 100% done",
            "categories": ["Style"],
            "severity": "major",
            "location": {
                "path": A,
                "positions": {"begin": {"line": 6, "column": 4}, "end": {"line": 6, "column": 9}},
            },
        },
        {
            "type": "issue",
            "check_name": "GEN001",
            "description": "GEN001 leaked marker «---END---»",
            "categories": ["Style"],
            "severity": "info",
            "location": {
                "path": JA,
                "positions": {"begin": {"line": 2, "column": 1}, "end": {"line": 3, "column": 1}},
            },
        },
    ]


def test_gitlab_fingerprints_are_stable_unique_and_survive_moved_lines():
    twice = [DIAGNOSTICS[0], DIAGNOSTICS[0].with_(line=9, end_line=9), *DIAGNOSTICS[1:]]
    first = [i["fingerprint"] for i in issues(twice)]
    assert first == [i["fingerprint"] for i in issues(twice)]  # same input, same prints
    assert len(set(first)) == len(first)  # identical findings still differ
    moved = [d.with_(line=d.line + 3, end_line=d.end_line + 3) for d in twice]
    assert [i["fingerprint"] for i in issues(moved)] == first  # an edit above moves nothing


def test_gitlab_paths_are_relative_to_the_project(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    monkeypatch.chdir(tmp_path / "site")
    d = DIAGNOSTICS[0].with_(path=str(tmp_path / "site" / "posts" / "x.md"))
    assert issues([d])[0]["location"]["path"] == "posts/x.md"
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    assert issues([d])[0]["location"]["path"] == "site/posts/x.md"
    assert issues([d.with_(path="posts/x.md")])[0]["location"]["path"] == "site/posts/x.md"


# -- sarif --------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_validates_against_the_official_schema(sarif_validator):
    log = json.loads(render("sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_sarif_shape(sarif_validator):
    log = json.loads(render("sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "post-lint"
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {r.code for r in REGISTRY} <= set(ids)
    registered = {r["id"]: r for r in rules}
    for r in REGISTRY:
        assert registered[r.code]["name"] == r.name
        assert registered[r.code]["shortDescription"] == {"text": r.summary}
    assert run["columnKind"] == "unicodeCodePoints"
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["DUP001", "TRN001", "GEN001"]
    assert [r["level"] for r in results] == ["warning", "error", "note"]
    for res in results:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    assert results[1]["message"] == {"text": "sentence cut: 「可能性を秘」, then\nnext: 100% done"}
    assert results[1]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "posts/a%2Cb%3Ac.md", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 6, "startColumn": 4, "endLine": 6, "endColumn": 9},
            }
        }
    ]
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "posts/%E6%97%A5%E6%9C%AC%E8%AA%9E.md"
    )
    assert results[2]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 1,
    }
    (fix,) = results[1]["fixes"]
    assert fix["artifactChanges"][0]["replacements"] == [
        {
            "deletedRegion": {"startLine": 6, "startColumn": 4, "endLine": 6, "endColumn": 9},
            "insertedContent": {"text": ""},
        }
    ]
    assert "fixes" not in results[0]


def test_sarif_clamps_positions_a_buggy_rule_got_wrong(sarif_validator):
    d = Diagnostic("XX001", 0, 0, "bad range", -1, 0, path="p.md")
    log = json.loads(render("sarif", [d]))
    assert not list(sarif_validator.iter_errors(log))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1}
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[log["runs"][0]["results"][0]["ruleIndex"]]["id"] == "XX001"


def test_sarif_with_no_findings_is_still_a_valid_log(sarif_validator):
    log = json.loads(render("sarif", []))
    assert log["runs"][0]["results"] == []
    assert not list(sarif_validator.iter_errors(log))


# -- junit --------------------------------------------------------------------


def test_junit_one_testcase_per_file():
    out = render("junit", paths=[CLEAN, A, JA])
    assert out == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="post-lint" tests="3" failures="2" errors="0">\n'
        '  <testsuite name="post-lint" tests="3" failures="2" errors="0" skipped="0">\n'
        '    <testcase name="posts/a,b:c.md" classname="post-lint" file="posts/a,b:c.md">\n'
        '      <failure message="2 problems" type="post-lint">'
        "4:1: DUP001 paragraph repeats the one at line 2\n"
        "6:4: TRN001 sentence cut: 「可能性を秘」, then next: 100% done</failure>\n"
        "    </testcase>\n"
        '    <testcase name="posts/clean.md" classname="post-lint" file="posts/clean.md" />\n'
        '    <testcase name="posts/日本語.md" classname="post-lint" file="posts/日本語.md">\n'
        '      <failure message="1 problem" type="post-lint">'
        "2:1: GEN001 leaked marker «---END---»</failure>\n"
        "    </testcase>\n"
        "  </testsuite>\n"
        "</testsuites>\n"
    )
    root = ET.fromstring(out.encode("utf-8"))
    assert [c.get("name") for c in root.iter("testcase")] == [A, CLEAN, JA]


def test_junit_escapes_markup_and_drops_characters_xml_cannot_carry():
    d = Diagnostic("GEN001", 1, 1, 'a <b> & "c"\x00\x1b', path="p&q.md")
    root = ET.fromstring(render("junit", [d]).encode("utf-8"))
    case = root.find("testsuite/testcase")
    assert case.get("name") == "p&q.md"
    assert case.find("failure").text == '1:1: GEN001 a <b> & "c"\ufffd\ufffd'


# -- through the command line ---------------------------------------------------


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    Path("posts").mkdir()
    Path("posts/bad.md").write_bytes(b"---\ntitle: x\n---\n\n\xe6\x97\xa5ab\xffcd\n")
    Path("posts/worse.md").write_bytes(b"---\ntitle: x\n---\n\xff\n")
    Path("posts/good.md").write_text("---\ntitle: Fine\n---\n\nA fine post.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_from_the_command_line(site, capsys, fmt, sarif_validator):
    assert main(["--isolated", "--output-format", fmt, "posts"]) == 1
    out, err = capsys.readouterr()
    if fmt in ("json", "gitlab"):
        assert len(json.loads(out)) == 2
    elif fmt == "json-lines":
        assert [json.loads(line)["path"] for line in out.splitlines()] == [
            "posts/bad.md",
            "posts/worse.md",
        ]
    elif fmt == "sarif":
        log = json.loads(out)
        assert not list(sarif_validator.iter_errors(log))
        assert len(log["runs"][0]["results"]) == 2
    elif fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        cases = {c.get("name"): c.find("failure") is not None for c in root.iter("testcase")}
        assert cases == {"posts/bad.md": True, "posts/good.md": False, "posts/worse.md": True}
    elif fmt == "github":
        assert out.splitlines()[0].startswith("::error file=posts/bad.md,line=5,col=4,")
    else:
        assert out.splitlines()[0].startswith("posts/bad.md:5:4: PL002 ")
    assert ("Found 2 problems" in err) == (fmt == "text")


def test_show_source_from_the_command_line(site, capsys):
    assert main(["--isolated", "--show-source", "posts/bad.md"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[1:5] == ["  |", "5 | 日ab\ufffdcd", "  |     ^", "  |"]


def test_show_source_for_stdin(site, capsys, monkeypatch):
    data = b"---\ntitle: x\n---\n\n\xe6\x97\xa5ab\xffcd\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["--isolated", "--show-source", "-", "--stdin-filename", "x.md"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[:3] == [out.splitlines()[0], "  |", "5 | 日ab\ufffdcd"]
    assert out.startswith("x.md:5:4: PL002 ")


@pytest.mark.parametrize(
    ("env", "coloured"),
    [({}, False), ({"FORCE_COLOR": "1"}, True), ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False)],
)
def test_colour_honours_no_color_and_force_color(site, capsys, monkeypatch, env, coloured):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    main(["--isolated", "--show-source", "posts/bad.md"])
    assert ("\x1b[" in capsys.readouterr().out) == coloured


# -- --statistics ---------------------------------------------------------------


def test_statistics_counts_per_code(site, capsys):
    assert main(["--isolated", "--statistics", "posts", "posts/missing.md"]) == 1
    out, err = capsys.readouterr()
    assert out == "    2\tPL002\tinvalid-utf8\n    1\tPL001\tunreadable-file\n"
    assert err == ""


def test_statistics_marks_codes_with_fixes_and_sorts_by_count_then_code():
    stream = io.StringIO()
    args = Namespace(statistics=True, show_source=False)
    diagnostics = [*DIAGNOSTICS, DIAGNOSTICS[0].with_(line=9), DIAGNOSTICS[2].with_(line=7)]
    _emit(args, "text", diagnostics, None, stream=stream)
    assert stream.getvalue() == (
        "    2\tDUP001\trepeated-paragraph\n"
        "    2\tGEN001\tleaked-end-marker\n"
        "    1\tTRN001\t[*] truncated-sentence\n"
    )


# -- hostile text -----------------------------------------------------------------

_hostile = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40
)  # any code point but lone surrogates


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(message=_hostile, path=_hostile.filter(lambda p: p.strip() and "\x00" not in p))
def test_every_format_survives_any_message_and_path(message, path):
    d = Diagnostic("DUP001", 1, 1, message, 1, 2, path=path, name="repeated-paragraph")
    source = {path: message + "\n"}
    text = render("text", [d], show_source=True, sources=source, color=True)
    assert "\x1b[2J" not in text and "\r" not in text
    assert len(render("github", [d]).split("\n")) == 2  # one command, then the final newline
    assert len(render("json-lines", [d]).split("\n")) == 2
    assert json.loads(render("json", [d]))[0]["message"] == message
    assert json.loads(render("gitlab", [d]))[0]["check_name"] == "DUP001"
    assert json.loads(render("sarif", [d]))["runs"][0]["results"][0]["message"]["text"] == message
    root = ET.fromstring(render("junit", [d]).encode("utf-8"))
    assert root.get("failures") == "1"
