"""Family settings (``[rules.DUP]``), the per-post memo of a family's shared
analysis, and option validation when the configuration loads (issue 12)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from post_lint import Config
from post_lint.errors import ConfigError
from post_lint.post import Post
from post_lint.rules import BY_CODE, FAMILIES, REGISTRY

from .helpers import FM, reported


def diags(text: str, config: dict) -> list[tuple[str, int, int, str]]:
    return reported(text, config=config)


# -- the two reproductions of issue 12 ---------------------------------------------

SEAM = (
    FM + "We started the project last year and the results were good. "
    "The investment improved our Productivity of\n\n"
    "...Productivity of our team improved, and everyone was happy with it.\n"
)


def test_trn_rules_read_one_analysis_with_min_overlap():
    """TRN001 takes the continuations TRN002 finds: with ``min-overlap = 10``
    both change their evidence together (before, TRN001 still said "the
    continuation at line 7 resumes it" while TRN002 was silent)."""
    select = {"select": ["TRN001", "TRN002"]}
    assert diags(SEAM, select) == [
        (
            "TRN001",
            5,
            61,
            "paragraph ends mid-sentence ('… our Productivity of'): "
            "the continuation at line 7 resumes it",
        ),
        (
            "TRN002",
            7,
            1,
            "paragraph continues a cut sentence ('...Productivity of o…'): "
            "repeats the end of the paragraph before it",
        ),
    ]
    # With min-overlap 10 the repeat no longer counts; both rules still read
    # the one analysis, which now rests on the seam itself (a capital after
    # "of", which cannot end a sentence), so they agree on the other evidence.
    config = {**select, "rules": {"continuation-fragment": {"min-overlap": 10}}}
    assert diags(SEAM, config) == [
        (
            "TRN001",
            5,
            61,
            "paragraph ends mid-sentence ('… our Productivity of'): "
            "the continuation at line 7 resumes it",
        ),
        (
            "TRN002",
            7,
            1,
            "paragraph continues a cut sentence ('...Productivity of o…'): "
            "resumes the unfinished paragraph before it",
        ),
    ]


def _repeat(words: int) -> str:
    para = " ".join(f"word{i}" for i in range(words - 1)) + " end."
    return FM + para + "\n\n" + para + "\n"


def test_dup_exact_repeat_is_reported_whatever_dup001_asks():
    """With DUP001 ``min-words = 100`` an exact 36-word repeat is no longer
    DUP001's, and DUP002 (30 words and up) reports it; before, no rule did."""
    text = _repeat(36)
    select = {"select": ["DUP"]}
    assert diags(text, select) == [("DUP001", 7, 1, "paragraph repeats the one at line 5")]
    config = {**select, "rules": {"repeated-paragraph": {"min-words": 100}}}
    assert diags(text, config) == [
        ("DUP002", 7, 1, "paragraph nearly repeats the one at line 5 (100% the same)")
    ]
    # The family table sets it for every DUP rule: nothing is that long.
    config = {**select, "rules": {"DUP": {"min-words": 100}}}
    assert diags(text, config) == []
    # A rule's own table wins over its family's.
    config = {**select, "rules": {"DUP": {"min-words": 100}, "DUP001": {"min-words": 8}}}
    assert diags(text, config) == [("DUP001", 7, 1, "paragraph repeats the one at line 5")]


def test_one_analysis_per_post_and_family_settings():
    cfg = Config.from_mapping({"select": ["DUP", "TRN"]})
    post = Post.from_text(_repeat(36), "post.md")
    for settings in cfg.rules_for("post.md"):
        list(settings.rule.check(post, settings.options))
    keys = [k for k in post._memo if isinstance(k, tuple) and k[0] in ("DUP", "TRN")]
    assert sorted(k[0] for k in keys) == ["DUP", "TRN"]


# -- family tables ------------------------------------------------------------------


def test_family_table_sets_shared_options_and_severity():
    cfg = Config.from_mapping(
        {"rules": {"RT": {"keys": ["mins"], "severity": "error"}, "RT002": {"severity": "info"}}}
    )
    by_code = {s.rule.code: s for s in cfg.rules_for("post.md")}
    assert by_code["RT001"].options["keys"] == ["mins"]
    assert by_code["RT002"].options["keys"] == ["mins"]
    assert by_code["RT001"].severity == "error"
    assert by_code["RT002"].severity == "info"


def test_extra_markers_from_the_gen_family_reach_trn_and_dup():
    cfg = Config.from_mapping({"rules": {"GEN": {"extra-markers": ["<<END>>"]}}})
    for code in ("GEN001", "TRN001", "TRN002", "TRN003", "DUP001", "DUP002", "DUP003"):
        assert cfg.options_of(BY_CODE[code])["extra_markers"] == ["<<END>>"], code
    cfg = Config.from_mapping(
        {"rules": {"GEN001": {"extra-markers": ["<<A>>"]}, "TRN": {"extra-markers": ["<<B>>"]}}}
    )
    assert cfg.options_of(BY_CODE["TRN002"])["extra_markers"] == ["<<B>>"]
    assert cfg.options_of(BY_CODE["DUP002"])["extra_markers"] == ["<<A>>"]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            {"DUP": {"similarity": 0.7}},
            "[rules.DUP]: unknown option 'similarity' for the DUP family",
        ),
        ({"PL": {"min-words": 3}}, "[rules.PL]: unknown option 'min-words' for the PL family"),
        ({"DUP": {"min-words": "many"}}, "option 'min-words' must be an integer, got 'many'"),
        ({"TRN": {"severity": "loud"}}, "'severity' must be one of"),
    ],
)
def test_family_table_errors(rules, message):
    with pytest.raises(ConfigError) as info:
        Config.from_mapping({"rules": rules})
    assert message in str(info.value)


def test_every_family_is_known():
    assert set(FAMILIES) == {r.family for r in REGISTRY}
    for r in REGISTRY:
        decl = FAMILIES[r.family]
        assert set(r.shares) <= set(decl.options), r.code
        for name in r.shares:
            assert r.options[name] == decl.options[name], (r.code, name)


# -- validation when the config loads -------------------------------------------------

BAD_VALUES = [
    ("SITE001", "threshold", 0.0, "must be more than 0 and at most 1"),
    ("SITE001", "threshold", 1.5, "must be more than 0 and at most 1"),
    ("SITE001", "min-words", 0, "must be at least 1"),
    ("SITE002", "min-words", 0, "must be at least 1"),
    ("SITE002", "min-posts", 1, "must be at least 2"),
    ("SITE003", "window-days", -1, "must be at least 0"),
    ("TRN002", "min-overlap", 0, "must be from 1 to 200"),
    ("TRN002", "min-overlap", 500, "must be from 1 to 200"),
    ("TRN003", "pairs", ["「"], "must hold two different characters per string ('「' does not)"),
    ("TRN003", "pairs", ["(("], "must hold two different characters per string ('((' does not)"),
    ("TRN", "extra-markers", [""], "must not hold an empty string"),
    ("DUP", "min-words", -1, "must be at least 0"),
    ("RT", "keys", [" "], "must not hold an empty string"),
    ("FM", "posts", [""], "must not hold an empty string"),
    ("FM001", "not-posts", [" "], "must not hold an empty string"),
    ("TRN001", "extra-endings", [""], "must not hold an empty string"),
    ("TRN005", "extra-endings", [""], "must not hold an empty string"),
    ("TRN005", "ignore-endings", [""], "must not hold an empty string"),
    ("TRN001", "ignore-endings", [" "], "must not hold an empty string"),
    ("GEN001", "extra-markers", ["  "], "must not hold an empty string"),
    ("GEN002", "extra-phrases", [""], "must not hold an empty string"),
    ("GEN002", "extra-opening-phrases", [""], "must not hold an empty string"),
    ("GEN002", "extra-closing-phrases", [""], "must not hold an empty string"),
    (
        "GEN002",
        "extra-cues",
        {"nonsense": ["x"]},
        "has an unknown cue kind 'nonsense' (the kinds: lead-in, ack, reply, request, deliver, made, text-type, polish, post-type, offer, condition, ask-me, revise, hope, hope-weak, self-ai, cutoff)",
    ),
    ("GEN003", "tracking-sources", [" "], "must not hold an empty string"),
    (
        "GEN002",
        "extra-cues",
        {"text-type": [""]},
        "must map 'text-type' to a list of non-empty strings",
    ),
    ("DUP001", "min-chars", -1, "must be at least 0"),
    ("DUP001", "min-words", -5, "must be at least 0"),
    ("DUP001", "list-item-min-words", -1, "must be at least 0"),
    ("DUP001", "lead-in-max-words", -1, "must be at least 0"),
    ("DUP", "min-run", 1, "must be at least 2"),
    ("DUP002", "similarity", 0.0, "must be more than 0 and at most 1"),
    ("DUP002", "similarity", 1.5, "must be more than 0 and at most 1"),
    ("DUP002", "near-min-words", -1, "must be at least 0"),
    ("DUP002", "min-ratio", 2.0, "must be from 0 to 1"),
    ("DUP003", "min-parts", 0, "must be at least 1"),
    ("RT001", "keys", [""], "must not hold an empty string"),
    ("RT001", "latin-wpm", -200.0, "must be at least 0"),
    ("RT001", "cjk-cpm", -1.0, "must be at least 0"),
    ("RT001", "hangul-wpm", -1.0, "must be at least 0"),
    ("RT001", "image-seconds", -12.0, "must be at least 0"),
    ("RT001", "tolerance", -0.1, "must be at least 0"),
    ("RT001", "min-tolerance", -1.0, "must be at least 0"),
    ("RT001", "media-minutes", -1.0, "must be at least 0"),
    (
        "RT001",
        "accept-presets",
        ["gatsby"],
        "must hold only 'hugo', 'hugo-2026', 'jekyll', 'medium', 'reading-time' "
        "('gatsby' is not one)",
    ),
    ("FM001", "posts-dirs", [""], "must not hold an empty string"),
    ("FM004", "date-keys", [""], "must not hold an empty string"),
    ("FM004", "extend-date-keys", [""], "must not hold an empty string"),
    ("FM005", "allowed-keys", [""], "must not hold an empty string"),
    ("FM007", "tolerance-days", -1, "must be at least 0"),
]

#: Options where every value of the default's type is meaningful.
FREE_FORM = {
    ("FM003", "schema"),  # a path (a missing file is reported once, exit 2)
    ("FM003", "schemas"),
    ("FM005", "schema"),
    ("FM005", "schemas"),
}


@pytest.mark.parametrize(("code", "key", "value", "problem"), BAD_VALUES)
def test_bad_values_are_rejected_when_the_config_loads(code, key, value, problem):
    with pytest.raises(ConfigError) as info:
        Config.from_mapping({"rules": {code: {key: value}}})
    assert f"[rules.{code}]: option '{key}' {problem}, got {value!r}" in str(info.value)


def test_every_option_of_every_rule_is_validated():
    """An option is a boolean, has fixed choices, a validate hook (and a bad
    value in BAD_VALUES), or is free-form on purpose."""
    tested = {(code, key.replace("-", "_")) for code, key, _, _ in BAD_VALUES}
    for r in REGISTRY:
        for name, default in r.options.items():
            if isinstance(default, bool) or name in r.choices or (r.code, name) in FREE_FORM:
                continue
            if name == "extra_markers" and r.code != "GEN001":
                assert name in r.validate, (r.code, name)
                continue  # the same hook as GEN001's
            assert name in r.validate, f"{r.code} option {name} has no validate hook"
            shared_tested = name in r.shares and any(
                (other.code, name) in tested or (other.family, name) in tested
                for other in REGISTRY
                if other.family == r.family and name in other.shares
            )
            assert (r.code, name) in tested or shared_tested, f"{r.code} {name}: no bad-value test"


def test_bad_value_in_a_file_exits_2_naming_file_and_key(tmp_path):
    cfg = tmp_path / ".post-lint.toml"
    cfg.write_text("[rules.continuation-fragment]\nmin-overlap = 0\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text(FM + "Hello.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "post_lint", "--config", str(cfg), str(post)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert str(cfg) in proc.stderr
    assert "[rules.continuation-fragment]: option 'min-overlap' must be from 1 to 200" in (
        proc.stderr
    )
