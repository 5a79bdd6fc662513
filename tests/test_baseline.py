"""Baselines (--write-baseline / --baseline / the baseline key), --add-suppressions,
line-free fingerprints (GitLab), on hand-made posts and on a real docs site."""

from __future__ import annotations

import json
import shutil

import pytest

from post_lint.cli import main
from post_lint.output.gitlab import issues

from .conftest import ROOT

DOCS_CORPUS = ROOT.parent / "shared" / "corpus-docs"

PARA_EN = "We moved the blog to Hugo last spring and kept every old address working."
PARA_JA = "去年の春にブログをHugoへ移行し、古いURLはすべてそのまま使えるようにしました。"
POST = f"---\ntitle: Notes\n---\n\n{PARA_EN}\n\n{PARA_EN}\n\n{PARA_JA}\n\n{PARA_JA}\n"
# DUP001 at 7:1 and 11:1


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def site(tmp_path, monkeypatch):
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_baseline_silences_recorded_findings_and_survives_shifted_lines(site, capsys):
    code, _, err = run(["--write-baseline", "baseline.json", "posts"], capsys)
    assert code == 0 and "wrote 2 findings in 1 file to baseline.json" in err
    data = json.loads((site / "baseline.json").read_text())
    assert data["post-lint-baseline"] == 1
    assert [(f["path"], f["code"], f["line"]) for f in data["findings"]] == [
        ("posts/a.md", "DUP001", 7),
        ("posts/a.md", "DUP001", 11),
    ]
    assert run(["--baseline", "baseline.json", "posts"], capsys)[:2] == (0, "")
    # Paragraphs added above: every line moves, the findings are the same.
    post = site / "posts" / "a.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(
        text.replace("---\n\n", "---\n\nA new first paragraph.\n\n新しい段落です。\n\n", 1)
    )
    code, out, err = run(["--baseline", "baseline.json", "posts"], capsys)
    assert (code, out) == (0, "")
    assert "All checks passed; 2 more in the baseline." in err
    # A third copy is new; so is a new kind of finding.
    post.write_text(post.read_text() + f"\n{PARA_EN}\n\n<|im_end|>\n")
    code, out, _ = run(["--baseline", "baseline.json", "posts"], capsys)
    assert code == 1
    assert [line.split(": ", 1)[1][:6] for line in out.splitlines()] == ["DUP001", "GEN001"]
    assert out.splitlines()[0].startswith("posts/a.md:17:1: DUP001")


def test_baseline_config_key_is_relative_to_the_config(site, capsys, monkeypatch):
    assert run(["--write-baseline", "posts/.baseline.json", "posts"], capsys)[0] == 0
    (site / "posts" / ".post-lint.toml").write_text('baseline = ".baseline.json"\n')
    elsewhere = site / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run([str(site / "posts")], capsys)[:2] == (0, "")
    code, out, _ = run(["--isolated", str(site / "posts")], capsys)
    assert code == 1 and out.count("DUP001") == 2


def test_write_baseline_for_some_files_keeps_the_others(site, capsys):
    (site / "posts" / "b.md").write_text(POST, encoding="utf-8")
    assert run(["--write-baseline", "b.json", "posts"], capsys)[0] == 0
    (site / "posts" / "a.md").write_text("---\ntitle: Clean\n---\n\nNothing wrong here.\n")
    assert run(["--write-baseline", "b.json", "posts/a.md"], capsys)[0] == 0
    paths = [f["path"] for f in json.loads((site / "b.json").read_text())["findings"]]
    assert paths == ["posts/b.md", "posts/b.md"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline nope.json: no such file (create it with --write-baseline nope.json)"),
        ("{not json", "baseline nope.json: not a post-lint baseline (invalid JSON: "),
        (
            '{"findings": []}',
            "baseline nope.json: not a post-lint baseline (no 'post-lint-baseline' key)",
        ),
        (
            '{"post-lint-baseline": 2, "findings": []}',
            "baseline nope.json: baseline format 2 is not the one this post-lint reads (1)",
        ),
        (
            '{"post-lint-baseline": 1, "findings": [{"path": 1}]}',
            "baseline nope.json: finding 1 needs",
        ),
    ],
)
def test_baseline_misuse_is_one_line_exit_2(site, capsys, content, message):
    if content is not None:
        (site / "nope.json").write_text(content)
    code, out, err = run(["--baseline", "nope.json", "posts"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith(f"post-lint: error: {message}") and err.count("\n") == 1, err


def test_baseline_key_pointing_at_a_missing_file_is_exit_2(site, capsys):
    (site / ".post-lint.toml").write_text('baseline = "gone.json"\n')
    code, _, err = run(["posts"], capsys)
    assert (
        code == 2
        and err.startswith("post-lint: error: baseline ")
        and "gone.json: no such file" in err
    )


def test_add_suppressions_hides_every_finding_inline(site, capsys):
    post = site / "posts" / "a.md"
    mid = "---\ntitle: Notes\nreading_time: 40\n---\n\nFirst line.\nFirst line.\n\nFirst line.\nFirst line.\n"
    (site / "posts" / "b.md").write_text(mid, encoding="utf-8")
    before = run(["posts"], capsys)[1].splitlines()
    assert before
    code, _, err = run(["--add-suppressions", "posts"], capsys)
    assert code == 0 and "post-lint: added " in err
    assert run(["posts"], capsys)[:2] == (0, "")  # no finding, no PL005
    text = post.read_text(encoding="utf-8")
    assert f"<!-- post-lint-disable-next-line DUP001 -->\n{PARA_EN}" in text
    assert text.count("post-lint-disable") == 2
    b = (site / "posts" / "b.md").read_text(encoding="utf-8")
    assert b.startswith(
        "---\ntitle: Notes\nreading_time: 40\n---\n<!-- post-lint-disable-file RT001 -->\n"
    )


def test_unused_suppression_is_fixed_by_fix(site, capsys):
    post = site / "posts" / "c.md"
    post.write_text(
        "---\ntitle: t\n---\n\n<!-- post-lint-disable-next-line DUP001 -->\nOnly once.\n"
    )
    code, out, _ = run(["posts/c.md"], capsys)
    assert (
        out
        == "posts/c.md:5:1: PL005 unused suppression comment: nothing reported here for DUP001\n"
    )
    assert run(["--fix", "posts/c.md"], capsys)[0] == 0
    assert post.read_text() == "---\ntitle: t\n---\n\nOnly once.\n"


def test_gitlab_fingerprints_survive_a_paragraph_added_at_the_top(site, capsys):
    before = run(["--output-format", "gitlab", "posts"], capsys)[1]
    post = site / "posts" / "a.md"
    post.write_text(post.read_text().replace("---\n\n", "---\n\nA new first paragraph.\n\n", 1))
    after = run(["--output-format", "gitlab", "posts"], capsys)[1]
    old, new = json.loads(before), json.loads(after)
    assert [i["location"]["positions"]["begin"]["line"] for i in old] == [7, 11]
    assert [i["location"]["positions"]["begin"]["line"] for i in new] == [9, 13]
    assert [i["description"] for i in old] != [
        i["description"] for i in new
    ]  # messages quote lines
    assert [i["fingerprint"] for i in old] == [i["fingerprint"] for i in new]
    assert len({i["fingerprint"] for i in new}) == 2


def test_gitlab_fingerprints_of_api_diagnostics_ignore_numbers():
    from post_lint.diagnostics import Diagnostic

    a = Diagnostic("DUP001", 7, 1, "paragraph repeats the one at line 5", path="a.md")
    b = a.with_(line=9, message="paragraph repeats the one at line 7")
    assert issues([a])[0]["fingerprint"] == issues([b])[0]["fingerprint"]


# -- a real docs site ------------------------------------------------------------------


def test_baseline_on_a_real_docs_site(tmp_path, monkeypatch, capsys):
    source = DOCS_CORPUS / "fluxcd__website"
    if not source.is_dir():
        pytest.skip("../shared/corpus-docs is not present")
    site = tmp_path / "site"
    shutil.copytree(source, site)
    monkeypatch.chdir(site)
    code, out, _ = run(["--isolated", "--output-format", "json", "."], capsys)
    existing = json.loads(out)
    assert code == 1 and len(existing) >= 1  # 1 on fluxcd since the DUP precision work
    assert run(["--isolated", "--write-baseline", "baseline.json", "."], capsys)[0] == 0
    assert run(["--isolated", "--baseline", "baseline.json", "."], capsys)[:2] == (0, "")

    # Shift the lines of every file with a finding (a paragraph added at the
    # top, or after the front matter), and plant a leaked marker in one.
    touched = sorted({d["path"] for d in existing})
    for rel in touched:
        p = site / rel
        text = p.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")  # after the front matter, if any
        if sep and text.startswith("---\n"):
            text = f"{head}{sep}\nAn added paragraph.\n\nAnother one.\n{body}"
        else:
            text = f"An added paragraph.\n\n{text}"
        p.write_text(text, encoding="utf-8")
    victim = site / touched[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\n\n<|im_end|>\n", encoding="utf-8")
    code, out, err = run(
        ["--isolated", "--baseline", "baseline.json", "--output-format", "json", "."], capsys
    )
    found = json.loads(out)
    assert code == 1
    assert [(d["path"], d["code"]) for d in found] == [(touched[0], "GEN001")], found


def test_add_suppressions_for_a_post_without_front_matter(tmp_path, monkeypatch, capsys):
    posts = tmp_path / "_posts"
    posts.mkdir()
    (posts / "2024-01-01-x.md").write_text(f"{PARA_EN}\n\n{PARA_EN}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    codes = sorted(
        line.split(": ", 1)[1].split()[0] for line in run(["_posts"], capsys)[1].splitlines()
    )
    assert codes == ["DUP001", "FM001"]
    assert run(["--add-suppressions", "_posts"], capsys)[0] == 0
    assert run(["_posts"], capsys)[:2] == (0, "")
    text = (posts / "2024-01-01-x.md").read_text(encoding="utf-8")
    assert text.startswith("<!-- post-lint-disable-file FM001 -->\n")
