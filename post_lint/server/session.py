"""What the language server computes, apart from the transport.

One :class:`Snapshot` is one version of one open document, linted once: the
parsed post, its diagnostics (post-lint's and the protocol's), and, on
demand, what ``--fix`` would make of it. Code actions and hover read the
snapshot, so a request never parses the post again. Everything here runs in
the server's lint thread; nothing here talks to the client.

The settings are those ``post_lint.lint_text(text, path=..., config=None)``
applies to the document's file (the nearest configuration file above it);
:class:`Configs` loads each folder's once and drops them when a
configuration file changes.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp

from ..config import Config
from ..diagnostics import Diagnostic, Edit
from ..discover import EXTENSIONS
from ..docs import explain, rule_url
from ..errors import ConfigError
from ..fix import apply_fixes, fix_post
from ..linter import FileResult, check_post
from ..post import Post
from ..rules import resolve_selector
from ..suppress import _COMMENT as SUPPRESSION_COMMENT
from .positions import UTF16, Positions

SOURCE = "post-lint"
FIX_ALL = "source.fixAll.post-lint"
SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
}
#: Most diagnostics published for one document (a hostile post can make
#: tens of thousands; an editor gains nothing from more).
MAX_DIAGNOSTICS = 5000
#: Most lines one diagnostic links to as related information.
MAX_RELATED = 20
#: Lines a message names: "the one at line 48", "first on line 3",
#: "(lines 12, 14, 16)". A rule may name them itself in
#: ``Diagnostic.extra["related_lines"]``, which is preferred.
_LINE_REFS = re.compile(r"\blines? (\d+(?:, \d+)*)")
CONFIG_NAMES = (".post-lint.toml", "pyproject.toml")


def is_post(path: str | None, language_id: str | None) -> bool:
    """Whether a document is one post-lint lints (Markdown by name or language)."""
    if language_id in ("markdown", "mdx"):
        return True
    return bool(path) and path.lower().endswith(EXTENSIONS)  # type: ignore[union-attr]


def is_config_file(path: str | None) -> bool:
    return bool(path) and os.path.basename(path) in CONFIG_NAMES  # type: ignore[arg-type]


# -- configuration ----------------------------------------------------------------


@dataclass
class _Loaded:
    config: Config
    problem: str | None
    stamp: tuple[str, float] | None  # (source file, its mtime) to notice an edit


class Configs:
    """The configuration per folder, loaded once.

    A folder's configuration is what ``lint_text(..., config=None)`` finds
    for a file in it (``Config.for_path`` where the hierarchical discovery
    provides it, else the nearest file upward). A configuration that does
    not load falls back to the defaults, with the reason kept for the
    client. :meth:`clear` drops everything (a configuration file changed).
    """

    def __init__(self, fallback_root: Path | None = None) -> None:
        self._by_folder: dict[str, _Loaded] = {}
        self.fallback_root = fallback_root

    def clear(self) -> None:
        self._by_folder.clear()
        clear = getattr(Config, "clear_cache", None)
        if callable(clear):
            clear()

    def get(self, path: str | None) -> tuple[Config, str | None]:
        folder = str(Path(path).parent) if path else str(self.fallback_root or Path.cwd())
        hit = self._by_folder.get(folder)
        if hit is not None and (hit.stamp is None or _mtime(hit.stamp[0]) == hit.stamp[1]):
            return hit.config, hit.problem
        loaded = self._load(path, folder)
        self._by_folder[folder] = loaded
        return loaded.config, loaded.problem

    @staticmethod
    def _load(path: str | None, folder: str) -> _Loaded:
        try:
            for_path = getattr(Config, "for_path", None)
            if path and callable(for_path):
                config = for_path(path)
            else:
                config = Config.discover(Path(folder))
        except ConfigError as exc:
            return _Loaded(Config(), f"{exc}; using the default settings", None)
        except Exception as exc:  # never let a settings file take the server down
            return _Loaded(Config(), f"cannot load the settings: {type(exc).__name__}: {exc}", None)
        source = getattr(config, "source", None)
        stamp = (str(source), _mtime(str(source))) if source else None
        return _Loaded(config, None, stamp)


def _mtime(path: str) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return -1.0


# -- one linted version of a document -------------------------------------------------


@dataclass
class Snapshot:
    uri: str
    version: int | None
    path: str | None
    text: str  # as the client holds it
    post: Post
    config: Config
    positions: Positions
    diagnostics: list[Diagnostic] = field(default_factory=list)
    published: list[lsp.Diagnostic] = field(default_factory=list)
    #: Things to tell the client: internal errors, settings problems, limits.
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    _fixed: str | None = None

    @property
    def bom(self) -> bool:
        return self.positions.bom

    # -- conversions --------------------------------------------------------------

    def range_of(self, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        start = self.positions.to_client(line, column)
        end = self.positions.to_client(end_line, end_column)
        if end < start:
            end = start
        return lsp.Range(lsp.Position(*start), lsp.Position(*end))

    def edit_range(self, edit: Edit) -> lsp.Range:
        """The client range of a fix's edit, clamped exactly as ``--fix`` clamps it."""
        index = self.post.lines
        start = self.positions.offset_to_client(index.offset(edit.line, edit.column))
        end = self.positions.offset_to_client(index.offset(edit.end_line, edit.end_column))
        return lsp.Range(lsp.Position(*start), lsp.Position(*end))

    def line_range(self, line: int) -> lsp.Range:
        return self.range_of(line, 1, line, len(self.post.lines.line(line)) + 1)

    def client_text(self, text: str) -> str:
        """Text in the post's own newline style (as inserted into the client's text)."""
        newline = self.post.newline
        return text if newline == "\n" else text.replace("\n", newline)

    def to_lsp(self, d: Diagnostic) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self.range_of(d.line, d.column, d.end_line or d.line, d.end_column or d.column),
            message=d.message,
            severity=SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code,
            code_description=lsp.CodeDescription(href=rule_url(d.code)),
            source=SOURCE,
            related_information=self._related(d) or None,
        )

    def _related(self, d: Diagnostic) -> list[lsp.DiagnosticRelatedInformation]:
        lines = related_lines(d)
        out = []
        last = self.positions.line_count
        for n in lines[:MAX_RELATED]:
            if 1 <= n <= last and n != d.line:
                excerpt = self.post.lines.line(n).strip()
                if len(excerpt) > 60:
                    excerpt = excerpt[:59] + "…"
                out.append(
                    lsp.DiagnosticRelatedInformation(
                        location=lsp.Location(uri=self.uri, range=self.line_range(n)),
                        message=f"line {n}: {excerpt}" if excerpt else f"line {n}",
                    )
                )
        return out

    # -- fixes ----------------------------------------------------------------------

    def fixed_text(self) -> str:
        """What ``post-lint --fix`` makes of this version (safe fixes, every pass)."""
        if self._fixed is None:
            if self.post.refused_size:
                self._fixed = self.post.text
            else:
                self._fixed = fix_post(self.post, self.config).text
        return self._fixed

    def fix_all_edits(self) -> list[lsp.TextEdit]:
        """One edit that turns the document into :meth:`fixed_text` (only the
        part that differs, so the client keeps its cursor and folds)."""
        old, new = self.post.text, self.fixed_text()
        if old == new:
            return []
        return [self._replacement(old, new)]

    def fix_edits(self, d: Diagnostic) -> list[lsp.TextEdit]:
        """The edits of one diagnostic's own fix."""
        if d.fix is None:
            return []
        new, count = apply_fixes(self.post.text, [d], unsafe=True)
        if count != 1:  # malformed (overlapping or reversed) edits: --fix skips it too
            return []
        return [
            lsp.TextEdit(range=self.edit_range(e), new_text=self.client_text(e.content))
            for e in d.fix.edits
        ]

    def _replacement(self, old: str, new: str) -> lsp.TextEdit:
        start = 0
        limit = min(len(old), len(new))
        while start < limit and old[start] == new[start]:
            start += 1
        end = 0
        while end < limit - start and old[-1 - end] == new[-1 - end]:
            end += 1
        a = self.positions.offset_to_client(start)
        b = self.positions.offset_to_client(len(old) - end)
        return lsp.TextEdit(
            range=lsp.Range(lsp.Position(*a), lsp.Position(*b)),
            new_text=self.client_text(new[start : len(new) - end]),
        )

    # -- suppression comments -----------------------------------------------------------

    def in_front_matter(self, line: int) -> bool:
        return self.post.front_matter is not None and line < self.post.body_line

    def disable_line_edit(self, d: Diagnostic) -> lsp.TextEdit | None:
        """A comment that hides ``d`` (and only its code) on its line.

        Above the line (``disable-next-line``) when the line starts a block,
        so the comment does not split a paragraph; otherwise at the end of the
        line (``disable-line``). An existing ``disable-next-line`` comment
        right above gets the code added. None inside the front matter, where
        comments are not read.
        """
        line = d.line
        if self.in_front_matter(line) or line < 1 or line > self.positions.line_count:
            return None
        index = self.post.lines
        text = index.line(line)
        prev = line - 1
        while prev >= 1 and not index.line(prev).strip():
            prev -= 1
        if prev >= 1 and not self.in_front_matter(prev):
            m = re.fullmatch(
                r"(\s*<!--\s*post-lint-disable-next-line\b.*?)\s*-->\s*", index.line(prev)
            )
            if m:
                at = (prev, len(m.group(1)) + 1)
                return self._insert(at, f" {d.code}")
        if self._starts_block(line):
            indent = text[: len(text) - len(text.lstrip(" \t"))]
            comment = f"{indent}<!-- post-lint-disable-next-line {d.code} -->\n"
            return self._insert((line, 1), comment)
        return self._insert((line, len(text) + 1), f" <!-- post-lint-disable-line {d.code} -->")

    def disable_file_edit(self, code: str) -> lsp.TextEdit:
        """A ``disable-file`` comment at the top of the body (after the front
        matter), or the code added to the one already there."""
        index = self.post.lines
        body = self.post.body_line
        for n in range(body, min(body + 50, self.positions.line_count) + 1):
            m = re.fullmatch(r"(\s*<!--\s*post-lint-disable-file\b.*?)\s*-->\s*", index.line(n))
            if m:
                return self._insert((n, len(m.group(1)) + 1), f" {code}")
        comment = f"<!-- post-lint-disable-file {code} -->\n"
        if body > index.line_count:  # nothing after the front matter
            end = len(self.post.text)
            lead = "" if self.post.text.endswith("\n") or not self.post.text else "\n"
            return self._insert_at_offset(end, lead + comment)
        return self._insert((body, 1), comment)

    def _starts_block(self, line: int) -> bool:
        for b in self.post.blocks:
            if b.start_line <= line <= b.end_line:
                return b.start_line == line or b.kind not in ("paragraph", "table", "html")
        return True

    def _insert(self, at: tuple[int, int], text: str) -> lsp.TextEdit:
        pos = lsp.Position(*self.positions.to_client(*at))
        return lsp.TextEdit(range=lsp.Range(pos, pos), new_text=self.client_text(text))

    def _insert_at_offset(self, offset: int, text: str) -> lsp.TextEdit:
        pos = lsp.Position(*self.positions.offset_to_client(offset))
        return lsp.TextEdit(range=lsp.Range(pos, pos), new_text=self.client_text(text))

    # -- queries --------------------------------------------------------------------

    def diagnostics_on_lines(self, first: int, last: int) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.line <= last and (d.end_line or d.line) >= first]

    def hover(self, line: int, column: int, markdown: bool = True) -> lsp.Hover | None:
        """The documentation of the rule whose code (or name, or prefix) is
        under the cursor in a ``post-lint-disable...`` comment."""
        if line < 1 or line > self.positions.line_count:
            return None
        text = self.post.lines.line(line)
        if "post-lint-" not in text:
            return None
        at = column - 1
        for m in SUPPRESSION_COMMENT.finditer(text):
            if not m.start() <= at < m.end():
                continue
            for t in re.finditer(r"[^\s,]+", m.group(2)):
                start, end = m.start(2) + t.start(), m.start(2) + t.end()
                if start <= at < end:
                    return self._rule_hover(t.group(), line, start, end, markdown)
            return None
        return None

    def _rule_hover(
        self, token: str, line: int, start: int, end: int, markdown: bool
    ) -> lsp.Hover | None:
        try:
            rules = resolve_selector(token)
        except KeyError:
            return None
        if len(rules) == 1:
            value = explain(rules[0])
        else:
            value = f"`{token}`: {len(rules)} rules\n\n" + "\n".join(
                f"- {r.code} `{r.name}`: {r.summary}" for r in rules
            )
        kind = lsp.MarkupKind.Markdown if markdown else lsp.MarkupKind.PlainText
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=kind, value=value),
            range=self.range_of(line, start + 1, line, end + 1),
        )


def related_lines(d: Diagnostic) -> list[int]:
    """The other lines a diagnostic names (the first copy of a repeat, the
    paragraphs a merged one runs together)."""
    given = d.extra.get("related_lines") if d.extra else None
    if isinstance(given, (list, tuple)):
        return [n for n in given if isinstance(n, int)]
    lines: list[int] = []
    for m in _LINE_REFS.finditer(d.message):
        lines.extend(int(n) for n in m.group(1).split(", "))
    return lines


def lint(
    uri: str,
    path: str | None,
    text: str,
    version: int | None,
    configs: Configs,
    encoding: str = UTF16,
) -> Snapshot:
    """Lint one version of a document; never raises.

    The work is bounded as the CLI bounds it: a text over ``max-file-size``
    is not parsed (PL003), and at most :data:`MAX_DIAGNOSTICS` are published.
    A rule that raises loses only its own findings.
    """
    began = time.perf_counter()
    problems: list[str] = []
    config, problem = configs.get(path)
    if problem:
        problems.append(problem)
    name = path or "-"
    bom = text.startswith("\ufeff")
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    try:
        if size > config.max_file_size:
            post = Post.too_large(name, size, config.max_file_size)
        else:
            post = Post.from_text(text, name)
        result = _check(post, config, problems)
    except Exception as exc:  # the parser itself failed: publish nothing, say why
        post = Post(path=name, text=text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff"))
        result = FileResult(name)
        problems.append(f"{name}: internal error: {type(exc).__name__}: {exc}")
    problems.extend(result.errors)
    positions = Positions(post.lines, encoding, bom)
    snap = Snapshot(uri, version, path, text, post, config, positions, result.diagnostics)
    snap.problems = problems
    shown = result.diagnostics
    if len(shown) > MAX_DIAGNOSTICS:
        problems.append(f"{name}: {len(shown)} findings; showing the first {MAX_DIAGNOSTICS}")
        shown = shown[:MAX_DIAGNOSTICS]
    snap.published = [snap.to_lsp(d) for d in shown]
    snap.seconds = time.perf_counter() - began
    return snap


def _check(post: Post, config: Config, problems: list[str]) -> FileResult:
    try:
        return check_post(post, config)
    except ConfigError as exc:  # a rule's setting (a schema file...) is wrong
        problems.append(f"{exc}; using the default settings")
        return check_post(post, Config())
