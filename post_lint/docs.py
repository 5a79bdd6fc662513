"""Generate the rule documentation: ``docs/rules/<CODE>.md`` and an index.

Run from a source checkout after adding or changing a rule::

    python -m post_lint.docs            # write docs/rules/
    python -m post_lint.docs --check    # exit 1 if docs/rules/ is out of date

When README.md has the markers ``TABLE_START`` and ``TABLE_END`` around its
rule table, that table is regenerated too, each code linked to its page, and
so is the configuration's JSON Schema (``post_lint/schemas/config.schema.json``,
see :mod:`post_lint.config_schema`).

Each page is made from the registry and the rule's docstring (what
``post-lint --explain`` prints), its options with their defaults, and a
failing and a passing example: the first file of ``tests/fixtures/<CODE>/bad``
and of ``.../good``, with what post-lint reports on the failing one. The
output depends only on the registry and the fixtures, so it is the same on
every machine and every run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from . import rule_help_uri

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules"
FIXTURES = ROOT / "tests" / "fixtures"
REGENERATE = "python -m post_lint.docs"

#: Longest example shown in full; longer fixtures are cut (the findings still
#: refer to the whole file).
MAX_EXAMPLE_LINES = 60
MAX_EXAMPLE_CHARS = 4000


@cache
def rule_url(code: str) -> str:
    """Link to a rule's page: the file in a source checkout, else the
    published page (:func:`post_lint.rule_help_uri`, which SARIF logs use)."""
    page = DOCS / f"{code}.md"
    if page.is_file():
        return page.as_uri()
    return rule_help_uri(code)


def explain(rule) -> str:
    """A rule's documentation as ``post-lint --explain`` prints it (Markdown)."""
    summary = rule.summary[:1].upper() + rule.summary[1:]
    lines = [f"# {rule.code} {rule.name}", ""]
    lines.append(
        f"{summary}. Severity: {rule.severity}."
        + ("" if rule.default_enabled else " Off by default.")
    )
    if rule.fixable:
        lines.append("Fixable with --fix.")
    lines += ["", rule.doc]
    if rule.options:
        lines += [
            "",
            "Defaults: "
            + ", ".join(f"{k.replace('_', '-')} = {v!r}" for k, v in rule.options.items()),
        ]
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """A default option value as it is written in the TOML configuration."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        inner = ", ".join(
            f"{json.dumps(str(k), ensure_ascii=False)} = {toml_value(v)}" for k, v in value.items()
        )
        return "{ " + inner + " }" if inner else "{}"
    if isinstance(value, Iterable):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


def markdown_doc(doc: str) -> str:
    """The docstring as Markdown: reST ````code```` becomes ```code```."""
    return re.sub(r"``(.+?)``", r"`\1`", doc, flags=re.S)


def fence(text: str, info: str = "") -> str:
    """``text`` in a code fence longer than any backtick run inside it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{ticks}{info}\n{body}{ticks}\n"


def first_fixture(code: str, kind: str, fixtures: Path = FIXTURES) -> Path | None:
    folder = fixtures / code / kind
    files = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    return files[0] if files else None


def _example(rule, path: Path, kind: str, fixtures: Path) -> list[str]:
    from .config import Config
    from .linter import check_post
    from .post import Post

    folder = fixtures / rule.code / kind
    rel = path.relative_to(folder).as_posix()
    source = path.relative_to(fixtures.parent.parent).as_posix()
    data = path.read_bytes()
    post = Post.from_bytes(data, rel)
    text = post.text
    lines = text.split("\n")
    cut = ""
    if len(lines) > MAX_EXAMPLE_LINES or len(text) > MAX_EXAMPLE_CHARS:
        shown = "\n".join(lines[:MAX_EXAMPLE_LINES])
        if len(shown) > MAX_EXAMPLE_CHARS:  # at a line break when there is one
            head = shown[:MAX_EXAMPLE_CHARS]
            shown = head.rsplit("\n", 1)[0] if "\n" in head else head
        remaining = len(post.text.splitlines()) - len(shown.splitlines())
        cut = f"\n*(cut here: {remaining} more lines in the full file)*\n"
        text = shown
    out = [f"`{source}`" + (f", checked as `{rel}`" if rel != path.name else "") + ":\n"]
    if post.decode_problem is not None:
        out.append("(The file is not valid UTF-8; the bad bytes are shown as U+FFFD.)\n")
    out.append(fence(text, "markdown") + cut)
    if kind == "bad":
        result = check_post(post, Config.from_mapping({"select": [rule.code]}))
        found = [d for d in result.diagnostics if d.code == rule.code]
        if found:
            from .output.text import header

            out.append("post-lint reports:\n")
            out.append(fence("\n".join(header(d) for d in found), "text"))
    return out


def rule_page(rule, fixtures: Path = FIXTURES) -> str:
    """The Markdown page of one rule."""
    parts = [f"# {rule.code} `{rule.name}`\n", f"{rule.summary[:1].upper()}{rule.summary[1:]}.\n"]
    parts.append(
        "| code | name | severity | enabled by default | fixable |\n"
        "|---|---|---|---|---|\n"
        f"| `{rule.code}` | `{rule.name}` | {rule.severity} | "
        f"{'yes' if rule.default_enabled else 'no'} | "
        f"{'yes (`--fix`)' if rule.fixable else 'no'} |\n"
    )
    parts.append(markdown_doc(rule.doc).strip() + "\n")
    # Every rule has at least its severity among its options.
    parts.append("## Defaults\n")
    rows = ["| option | default |", "|---|---|"]
    rows.append(f"| `severity` | `{toml_value(rule.severity)}` (error, warning or info) |")
    for key, value in rule.options.items():
        rows.append(f"| `{key.replace('_', '-')}` | `{toml_value(value)}` |")
    parts.append("\n".join(rows) + "\n")
    example = "\n".join(
        [f"severity = {toml_value(rule.severity)}"]
        + [f"{k.replace('_', '-')} = {toml_value(v)}" for k, v in rule.options.items()]
    )
    parts.append(
        "In `pyproject.toml` (or at the top level of `.post-lint.toml`, without `tool.`):\n"
    )
    parts.append(fence(f"[tool.post-lint.rules.{rule.name}]\n{example}", "toml"))
    if rule.shares:
        shared = ", ".join(f"`{k.replace('_', '-')}`" for k in rule.shares)
        parts.append(
            f"Shared with the other {rule.family} rules: {shared}. Set them once for the "
            f"family in `[tool.post-lint.rules.{rule.family}]`; this rule's own table "
            "overrides the family's.\n"
        )
    bad = first_fixture(rule.code, "bad", fixtures)
    good = first_fixture(rule.code, "good", fixtures)
    if bad or good:
        parts.append("## Examples\n")
    if bad:
        parts.append("### Reported\n")
        parts.extend(_example(rule, bad, "bad", fixtures))
    if good:
        parts.append("### Not reported\n")
        parts.extend(_example(rule, good, "good", fixtures))
    parts.append(
        "## Turning it off\n\n"
        f'`ignore = ["{rule.code}"]` in the configuration, '
        f"`--ignore {rule.code}` on the command line, or in a post "
        f"`<!-- post-lint-disable-next-line {rule.code} -->` (see the README).\n"
    )
    parts.append(f"<!-- Generated by `{REGENERATE}` from the rule's docstring; do not edit. -->\n")
    return "\n".join(parts)


def index_page(rules) -> str:
    rows = [
        "# Rules\n",
        "Every rule post-lint has, by code. `post-lint --list-rules` prints the same list; "
        "`post-lint --explain CODE` prints one page.\n",
        "| code | name | what it finds | fix | on by default |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        rows.append(
            f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.summary} | "
            f"{'yes' if r.fixable else ''} | {'yes' if r.default_enabled else 'no'} |"
        )
    rows.append(f"\n<!-- Generated by `{REGENERATE}`; do not edit. -->")
    return "\n".join(rows) + "\n"


#: The README's rule table sits between these lines when its maintainers
#: want it generated: ``python -m post_lint.docs`` then rewrites it too.
README = ROOT / "README.md"
TABLE_START = "<!-- rule-table: generated by `python -m post_lint.docs` -->"
TABLE_END = "<!-- /rule-table -->"


def readme_table(rules) -> str:
    """The README's rule table, each code linked to its page."""
    rows = ["| code | name | what it finds |", "|---|---|---|"]
    for r in rules:
        rows.append(f"| [{r.code}](docs/rules/{r.code}.md) | `{r.name}` | {r.summary} |")
    return "\n".join(rows) + "\n"


def updated_readme(text: str) -> str | None:
    """``text`` with the generated table replaced; None without the markers."""
    from .rules import REGISTRY

    start, end = text.find(TABLE_START), text.find(TABLE_END)
    if start < 0 or end < start:
        return None
    table = readme_table(sorted(REGISTRY, key=lambda r: r.code))
    head = text[: start + len(TABLE_START)]
    return f"{head}\n{table}{text[end:]}"


def render_all(fixtures: Path = FIXTURES) -> dict[str, str]:
    """File name -> content for every page of docs/rules/."""
    from .rules import REGISTRY

    rules = sorted(REGISTRY, key=lambda r: r.code)
    pages = {f"{r.code}.md": rule_page(r, fixtures) for r in rules}
    pages["README.md"] = index_page(rules)
    return pages


def stale(folder: Path = DOCS, fixtures: Path = FIXTURES) -> list[str]:
    """Files of ``folder`` that differ from what the generator writes, or that
    it would add or remove."""
    pages = render_all(fixtures)
    problems = []
    for name, content in pages.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            problems.append(name)
    if folder.is_dir():
        problems += sorted(p.name for p in folder.glob("*.md") if p.name not in pages)
    return sorted(problems)


def write(folder: Path = DOCS, fixtures: Path = FIXTURES) -> list[str]:
    """Write the pages; remove pages of rules that no longer exist. Returns
    the names of the files changed."""
    changed = stale(folder, fixtures)
    pages = render_all(fixtures)
    folder.mkdir(parents=True, exist_ok=True)
    for name in changed:
        path = folder / name
        if name in pages:
            path.write_text(pages[name], encoding="utf-8", newline="\n")
        else:
            path.unlink()
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m post_lint.docs", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--check", action="store_true", help="only report out-of-date pages (exit 1)"
    )
    parser.add_argument("--output", type=Path, default=DOCS, help=f"folder (default: {DOCS})")
    args = parser.parse_args(argv)
    if not (ROOT / "pyproject.toml").is_file() and args.output == DOCS:
        parser.error("run it from a source checkout of post-lint, or name a folder with --output")
    # The README's table is kept only when writing the project's own docs/rules/.
    with_readme = README.is_file() and args.output.resolve() == DOCS.resolve()
    if args.check:
        problems = stale(args.output)
        from . import config_schema

        if with_readme and not config_schema.is_current():
            problems.append(str(config_schema.PATH))
        if with_readme:
            current = README.read_text(encoding="utf-8")
            if updated_readme(current) not in (None, current):
                problems.append(f"{README} (rule table)")
        for name in problems:
            print(f"{args.output / name}: out of date", file=sys.stderr)
        if problems:
            print(f"run `{REGENERATE}` to regenerate", file=sys.stderr)
        return 1 if problems else 0
    for name in write(args.output):
        print(f"wrote {args.output / name}")
    if with_readme:
        from . import config_schema

        if config_schema.write():
            print(f"wrote {config_schema.PATH}")
    if with_readme:
        current = README.read_text(encoding="utf-8")
        new = updated_readme(current)
        if new is not None and new != current:
            README.write_text(new, encoding="utf-8", newline="\n")
            print(f"wrote {README} (rule table)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
