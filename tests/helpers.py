"""The one set of test helpers: lint a text, read what it reports, fix it,
and the fixtures with their snapshots.

Every test module lints through these, so a change to how posts are linted
(a config shape, a new argument) is made here once::

    from .helpers import FM, found, reported, fixed

    assert found(FM + body, select=["TRN001"]) == [("TRN001", 5)]
    assert reported(FM + body, select=["GEN001"]) == [("GEN001", 7, 1, "leaked ...")]
    assert fixed(FM + body, select=["GEN"]) == FM + "clean body\n"

**Fixtures and snapshots.** ``tests/fixtures/<CODE>/bad/**/*.md`` are posts
the rule must report, ``good/**/*.md`` posts it must not. Each bad fixture has
a snapshot beside it, ``<name>.md.snap``: the exact text output
(``path:line:col: CODE message``, one line per diagnostic) of linting it with
only that rule selected, under its path relative to ``bad/``. To add a
fixture, write the ``.md`` file and run::

    POST_LINT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_fixtures.py

then read the ``.snap`` it wrote (it is the expectation) and commit both.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from post_lint import Config, lint_text
from post_lint.diagnostics import Diagnostic
from post_lint.fix import fix_post
from post_lint.output.text import header
from post_lint.post import Post

#: A minimal front matter to put above a test body.
FM = '---\ntitle: "T"\n---\n\n'
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Set to 1 to (re)write the snapshots instead of comparing with them.
UPDATE_SNAPSHOTS = os.environ.get("POST_LINT_UPDATE_SNAPSHOTS", "") not in ("", "0")
SNAPSHOT_SUFFIX = ".snap"


def config_of(
    select: Sequence[str] | None = None,
    rules: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``[tool.post-lint]``-shaped dict: ``config``, with ``select`` and
    ``rules`` set when given."""
    out = dict(config or {})
    if select is not None:
        out["select"] = list(select)
    if rules:
        out["rules"] = rules
    return out


def lint(
    text: str | bytes,
    *,
    select: Sequence[str] | None = None,
    rules: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    path: str = "post.md",
    only: str | Iterable[str] | None = None,
) -> list[Diagnostic]:
    """The diagnostics of ``text`` (of the codes in ``only``, when given)."""
    found = lint_text(text, path, config_of(select, rules, config))
    if only is None:
        return found
    wanted = {only} if isinstance(only, str) else set(only)
    return [d for d in found if d.code in wanted]


def found(text: str | bytes, **kw: Any) -> list[tuple[str, int]]:
    """(code, line) of each diagnostic (arguments as for :func:`lint`)."""
    return [(d.code, d.line) for d in lint(text, **kw)]


def reported(text: str | bytes, **kw: Any) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of each diagnostic."""
    return [(d.code, d.line, d.column, d.message) for d in lint(text, **kw)]


def fixed(
    text: str,
    *,
    select: Sequence[str] | None = None,
    rules: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    unsafe: bool = True,
    path: str = "post.md",
) -> str:
    """``text`` after ``--fix`` (``--unsafe-fixes`` unless ``unsafe=False``)."""
    cfg = Config.from_mapping(config_of(select, rules, config))
    return fix_post(Post.from_text(text, path), cfg, unsafe=unsafe).text


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the ``nth`` line of ``text`` containing ``needle``."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    return hits[nth - 1]


# -- fixtures and snapshots ----------------------------------------------------------


def fixtures(kind: str) -> list[tuple[str, Path]]:
    """(code, path) of every ``tests/fixtures/<CODE>/<kind>/**/*.md``."""
    return [
        (folder.name, path)
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir()
        for path in sorted((folder / kind).rglob("*.md"))
    ]


def lint_fixture(code: str, path: Path) -> list[Diagnostic]:
    """A fixture linted as the meta test lints it: only ``code`` selected,
    under its path relative to its ``bad``/``good`` folder."""
    kind_folder = next(p for p in path.parents if p.parent.name == code)
    rel = path.relative_to(kind_folder).as_posix()
    return lint(path.read_bytes(), select=[code], path=rel, only=code)


def snapshot_text(diagnostics: Iterable[Diagnostic]) -> str:
    """The text output of ``diagnostics``: one ``path:line:col: CODE message`` a line."""
    return "".join(header(d) + "\n" for d in diagnostics)


def snapshot_path(path: Path) -> Path:
    return path.with_name(path.name + SNAPSHOT_SUFFIX)
