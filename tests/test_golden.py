"""Golden tests on the bundled examples: every finding's code and line.

The worked example (a copy of ../shared/samples/seed-alibaba-ja.md) shows
every defect at once; README.md (Rules) and issues 4-6 describe what each line is.
The clean posts in examples/ must produce nothing at all.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from post_lint import Config, lint_text

from .conftest import EXAMPLES

SEED = EXAMPLES / "seed-alibaba-ja.md"

# Blocks repeated three and four times: first occurrences at 54-64 and 107-115.
FIRST_OCCURRENCES = [54, 56, 58, 60, 62, 64, 107, 109, 111, 113, 115]
REPEATS_OF_54_TO_64 = [72, 74, 76, 78, 80, 82, 90, 92, 94, 96, 98, 100]
REPEATS_OF_105_TO_115 = [118, 120, 122, 124, 126, 128, 131, 133, 135, 137, 139, 141]
REPEATS_OF_107_TO_115 = [144, 146, 148, 150, 152]
MARKERS = [50, 68, 86, 103, 116, 129, 142, 153]  # ---END--- lines
CUTS = [48, 66]  # …可能性を秘 / …生産性を向上させ
CONTINUATIONS = [52, 70, 88, 105, 118, 131]  # paragraphs starting with "..."

EXPECTED = sorted(
    [(9, "RT001")]  # reading_time: 8 over ~17,000 CJK characters
    + [(12, "DUP004")]  # the title repeated as the first paragraph
    + [(30, "DUP003")]  # the first part (lines 12-28) run together in one paragraph
    + [(line, "TRN001") for line in CUTS]
    + [(line, "GEN001") for line in MARKERS]
    + [(line, "TRN002") for line in CONTINUATIONS]
    + [
        (66, "DUP002"),
        (84, "DUP002"),
        (105, "DUP002"),
    ]  # truncated / completed / partial copies of 48
    + [(line, "DUP001") for line in REPEATS_OF_54_TO_64]
    + [(88, "DUP001"), (102, "DUP001")]  # 88 repeats 70, 102 repeats 84
    + [(line, "DUP001") for line in REPEATS_OF_105_TO_115 + REPEATS_OF_107_TO_115]
)


@pytest.fixture(scope="module")
def seed_findings():
    return lint_text(SEED.read_bytes(), "examples/seed-alibaba-ja.md", Config())


def test_every_finding_code_and_line(seed_findings):
    got = sorted((d.line, d.code) for d in seed_findings)
    assert got == EXPECTED


def test_each_defect_reported_once(seed_findings):
    keys = [(d.line, d.code) for d in seed_findings]
    assert len(keys) == len(set(keys))


def test_nothing_on_first_occurrences(seed_findings):
    lines = {d.line for d in seed_findings if d.code.startswith("DUP")}
    assert lines.isdisjoint(FIRST_OCCURRENCES)
    assert lines.isdisjoint({14, 16, 18, 20, 22, 24, 26, 28, 48})


def test_reading_time_message_gives_estimate_and_counts(seed_findings):
    (rt,) = [d for d in seed_findings if d.code == "RT001"]
    assert rt.message.startswith("reading_time is 8 but the body reads in about ")
    assert "CJK characters at 500/min" in rt.message
    assert rt.fix is not None


def test_cut_points_at_the_end_of_the_paragraph(seed_findings):
    cuts = {d.line: d for d in seed_findings if d.code == "TRN001"}
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for line, d in cuts.items():
        assert d.end_line == line
        assert d.end_column == len(lines[line - 1]) + 1  # the range ends after 秘 / せ
    assert lines[47].endswith("可能性を秘") and lines[65].endswith("向上させ")


@pytest.mark.parametrize(
    "name",
    ["2024-03-14-clean-english.md", "2024-05-02-clean-japanese.md", "2024-06-20-clean-chinese.md"],
)
def test_clean_examples_are_silent(name):
    path = EXAMPLES / name
    assert lint_text(path.read_bytes(), f"examples/{name}", Config(select=["ALL"])) == []


def test_cli_json_on_examples_folder():
    proc = subprocess.run(
        [sys.executable, "-m", "post_lint", "--isolated", "--output-format", "json", str(EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    assert {d["path"].rsplit("/", 1)[-1] for d in found} == {"seed-alibaba-ja.md"}
    assert sorted((d["line"], d["code"]) for d in found) == EXPECTED
