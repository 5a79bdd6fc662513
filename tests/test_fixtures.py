"""Every fixture against its expectation (see tests/helpers.py).

A bad fixture's exact text output is its snapshot (``<name>.md.snap``
beside it); a good fixture must produce nothing of its rule. Rewrite the
snapshots with ``POST_LINT_UPDATE_SNAPSHOTS=1`` after a deliberate change,
and read the diff.
"""

from __future__ import annotations

import pytest

from .helpers import (
    FIXTURES,
    SNAPSHOT_SUFFIX,
    UPDATE_SNAPSHOTS,
    fixtures,
    lint_fixture,
    snapshot_path,
    snapshot_text,
)

BAD = fixtures("bad")
GOOD = fixtures("good")


def _id(case: tuple[str, object]) -> str:
    return case[1].relative_to(FIXTURES).as_posix()  # type: ignore[attr-defined]


@pytest.mark.parametrize("case", BAD, ids=[_id(c) for c in BAD])
def test_bad_fixture_matches_its_snapshot(case):
    code, path = case
    got = snapshot_text(lint_fixture(code, path))
    snap = snapshot_path(path)
    if UPDATE_SNAPSHOTS:
        if not snap.is_file() or snap.read_text(encoding="utf-8") != got:
            snap.write_text(got, encoding="utf-8", newline="\n")
        return
    assert snap.is_file(), (
        f"{snap.relative_to(FIXTURES)} is missing: run POST_LINT_UPDATE_SNAPSHOTS=1 "
        "pytest tests/test_fixtures.py, then read and commit it"
    )
    assert got, f"{path} should produce {code}"
    assert got == snap.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", GOOD, ids=[_id(c) for c in GOOD])
def test_good_fixture_is_silent(case):
    code, path = case
    assert snapshot_text(lint_fixture(code, path)) == ""


def test_every_snapshot_has_its_fixture():
    orphans = [
        p.relative_to(FIXTURES).as_posix()
        for p in FIXTURES.rglob("*" + SNAPSHOT_SUFFIX)
        if not p.with_name(p.name[: -len(SNAPSHOT_SUFFIX)]).is_file()
        or p.parent.relative_to(FIXTURES).parts[1:2] != ("bad",)
    ]
    if UPDATE_SNAPSHOTS:  # the fixture was moved or removed: so is its snapshot
        for rel in orphans:
            (FIXTURES / rel).unlink()
        return
    assert orphans == [], "remove these, or run with POST_LINT_UPDATE_SNAPSHOTS=1"
