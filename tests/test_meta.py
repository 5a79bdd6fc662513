"""Every registered rule documents itself and ships good and bad examples.

Examples live in ``tests/fixtures/<CODE>/bad/**.md`` (must produce at least one
diagnostic of that code) and ``tests/fixtures/<CODE>/good/**.md`` (must produce
none). Each is linted with only that rule selected, under its path relative to
the ``bad``/``good`` folder (so ``bad/_posts/2024-01-01-x.md`` is linted as
``_posts/2024-01-01-x.md``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from post_lint import lint_text
from post_lint.rules import BY_CODE, BY_NAME, REGISTRY

from .conftest import FIXTURES

#: Rules whose trigger is not a file's content (an unreadable or oversized file);
#: they are covered by tests of their own in test_cli.py.
NOT_CONTENT_RULES = {"PL001", "PL003"}


def test_codes_and_names_are_unique_and_well_formed():
    assert len(BY_CODE) == len(REGISTRY)
    assert len(BY_NAME) == len(REGISTRY)
    for r in REGISTRY:
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name), r.name
        assert r.severity in ("error", "warning", "info")


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.code)
def test_rule_has_documentation(rule):
    doc = rule.doc
    assert len(doc) > 80, f"{rule.code} needs a docstring"
    assert "Why" in doc, f"{rule.code}: say why it matters"
    assert "Example" in doc, f"{rule.code}: give an example"
    assert "Options" in doc, f"{rule.code}: document its options (or say none)"
    for option in rule.options:
        assert option.replace("_", "-") in doc or option in doc, (
            f"{rule.code}: option {option} undocumented"
        )


def _examples(code: str, kind: str) -> list[Path]:
    folder = FIXTURES / code / kind
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


@pytest.mark.parametrize(
    "rule", [r for r in REGISTRY if r.code not in NOT_CONTENT_RULES], ids=lambda r: r.code
)
def test_rule_ships_good_and_bad_examples(rule):
    bad = _examples(rule.code, "bad")
    good = _examples(rule.code, "good")
    assert bad, f"add tests/fixtures/{rule.code}/bad/*.md"
    assert good, f"add tests/fixtures/{rule.code}/good/*.md"
    for kind, files in (("bad", bad), ("good", good)):
        for f in files:
            rel = f.relative_to(FIXTURES / rule.code / kind).as_posix()
            found = [
                d
                for d in lint_text(f.read_bytes(), rel, {"select": [rule.code]})
                if d.code == rule.code
            ]
            if kind == "bad":
                assert found, f"{f} should produce {rule.code}"
            else:
                assert not found, f"{f} should be clean of {rule.code}: {found}"
