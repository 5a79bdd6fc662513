"""Inline suppression comments, markdownlint style.

``<!-- post-lint-disable CODE|name ... -->``      off from this line on
``<!-- post-lint-enable CODE|name ... -->``       back on from this line on
``<!-- post-lint-disable-next-line ... -->``      the next non-blank line
``<!-- post-lint-disable-line ... -->``           this line
``<!-- post-lint-disable-file ... -->``           the whole file

No list means every rule. Codes, prefixes (``DUP``) and rule names are
accepted, separated by spaces or commas. A diagnostic is matched by the line
it starts on. Comments inside code blocks are ignored.

As ruff does for ``# noqa`` (RUF100), the comments are checked too: a code
or name no rule has is reported as PL004 (with the closest real code), and a
comment that hid nothing among the rules that ran is reported as PL005, with
a safe fix that removes it (``enable`` comments are never reported). Both are
suppressible like any other code.
"""

from __future__ import annotations

import bisect

from .diagnostics import Diagnostic, Edit, Fix
from .lazyre import lazy
from .post import Post
from .records import dataclass, field
from .rules import resolve_selector

_COMMENT = lazy(
    r"<!--\s*post-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.{0,500}?)-->"
)
_TOKEN = lazy(r"[^\s,]+")
ALL = "*"


@dataclass
class Directive:
    """One suppression comment."""

    kind: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: (token as written, the codes it names, its column); unknown tokens name none.
    tokens: list[tuple[str, frozenset[str], int]]
    #: Codes this comment hid at least once (ALL when it has no list).
    used: set[str] = field(default_factory=set)

    @property
    def codes(self) -> frozenset[str]:
        if not self.tokens:
            return frozenset({ALL})
        return frozenset(c for _, codes, _ in self.tokens for c in codes)

    def covers(self, code: str) -> bool:
        codes = self.codes
        return ALL in codes or code in codes


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    file_directives: list[int] = field(default_factory=list)
    line_directives: dict[int, list[int]] = field(default_factory=dict)
    #: (line, disabled code -> directive, ALL -> directive, enabled exceptions)
    range_lines: list[int] = field(default_factory=list)
    range_states: list[tuple[dict[str, int], frozenset[str]]] = field(default_factory=list)

    @property
    def file_codes(self) -> frozenset[str]:
        return frozenset(c for i in self.file_directives for c in self.directives[i].codes)

    @classmethod
    def from_post(cls, post: Post) -> Suppressions:
        sup = cls()
        text = post.text
        if "post-lint-" not in text:
            return sup
        lines = post.lines
        code_lines = post.code_lines
        disabled: dict[str, int] = {}
        enabled: frozenset[str] = frozenset()  # exceptions while ALL is disabled
        for m in _COMMENT.finditer(text):
            line, column = lines.position(m.start())
            if line in code_lines or (post.front_matter and line < post.body_line):
                continue
            end_line, end_column = lines.position(m.end())
            tokens = []
            for t in _TOKEN.finditer(m.group(2)):
                try:
                    codes = frozenset(r.code for r in resolve_selector(t.group()))
                except KeyError:
                    codes = frozenset()  # an unknown code suppresses nothing (PL004)
                tokens.append((t.group(), codes, lines.position(m.start(2) + t.start())[1]))
            index = len(sup.directives)
            d = Directive(m.group(1), line, column, end_line, end_column, tokens)
            sup.directives.append(d)
            codes = d.codes
            if d.kind == "disable-file":
                sup.file_directives.append(index)
            elif d.kind == "disable-line":
                sup.line_directives.setdefault(line, []).append(index)
            elif d.kind == "disable-next-line":
                target = end_line + 1
                while target <= lines.line_count and not lines.line(target).strip():
                    target += 1
                sup.line_directives.setdefault(target, []).append(index)
            elif d.kind == "disable":
                if ALL in codes:
                    disabled, enabled = {ALL: index}, frozenset()
                else:
                    disabled = {**disabled, **dict.fromkeys(codes, index)}
                    enabled = enabled - codes
                sup.range_lines.append(line)
                sup.range_states.append((disabled, enabled))
            else:  # enable
                if ALL in codes:
                    disabled, enabled = {}, frozenset()
                elif ALL in disabled:
                    enabled = enabled | codes
                else:
                    disabled = {k: v for k, v in disabled.items() if k not in codes}
                sup.range_lines.append(line)
                sup.range_states.append((disabled, enabled))
        return sup

    def hiding(self, diagnostic: Diagnostic) -> list[int]:
        """The comments that hide ``diagnostic`` (empty: it is shown)."""
        code = diagnostic.code
        found = [i for i in self.file_directives if self.directives[i].covers(code)]
        for i in self.line_directives.get(diagnostic.line, ()):
            if self.directives[i].covers(code):
                found.append(i)
        k = bisect.bisect_right(self.range_lines, diagnostic.line) - 1
        if k >= 0:
            disabled, enabled = self.range_states[k]
            if code in disabled:
                found.append(disabled[code])
            elif ALL in disabled and code not in enabled:
                found.append(disabled[ALL])
        return found

    def hides(self, diagnostic: Diagnostic) -> bool:
        return bool(self.hiding(diagnostic))

    def apply(self, found: list[Diagnostic], post: Post, config) -> list[Diagnostic]:
        """``found`` without what the comments hide, plus PL004 (unknown codes)
        and PL005 (unused comments) when those rules are enabled for the post."""
        shown = []
        for d in found:
            hidden_by = self.hiding(d)
            for i in hidden_by:
                self.directives[i].used.add(d.code)
            if not hidden_by:
                shown.append(d)
        if not self.directives:
            return shown
        settings = {s.rule.code: s for s in config.rules_for(post.path)}
        kept: list[Diagnostic] = []
        # Twice: a comment that hides a PL005 about another comment is used.
        for _ in range(2):
            extra: list[tuple[int, Diagnostic]] = []
            if "PL004" in settings:
                extra += self._unknown_codes(settings["PL004"])
            if "PL005" in settings:
                extra += self._unused(settings["PL005"], set(settings), post)
            kept = []
            for i, d in extra:
                hidden_by = set(self.hiding(d)) - {i}  # never hidden by its own comment
                for j in hidden_by:
                    self.directives[j].used.add(d.code)
                if not hidden_by:
                    kept.append(d.with_(path=post.path))
        return shown + kept

    def _unknown_codes(self, settings) -> list[tuple[int, Diagnostic]]:
        from .config import _suggest

        out = []
        for i, d in enumerate(self.directives):
            for token, codes, column in d.tokens:
                if not codes:
                    out.append(
                        (
                            i,
                            Diagnostic(
                                "PL004",
                                d.line,
                                column,
                                f"unknown rule code or name '{token}' in a suppression comment"
                                f"{_suggest(token)}",
                                end_column=column + len(token),
                                name=settings.rule.name,
                                severity=settings.severity,
                            ),
                        )
                    )
        return out

    def _unused(self, settings, enabled: set[str], post: Post) -> list[tuple[int, Diagnostic]]:
        out = []
        for i, d in enumerate(self.directives):
            if d.kind == "enable":
                continue
            if not d.tokens:
                if d.used:
                    continue
                what = "nothing reported here to hide"
            else:
                unused = [
                    token for token, codes, _ in d.tokens if codes & enabled and not codes & d.used
                ]
                if not unused:
                    continue
                what = f"nothing reported here for {', '.join(unused)}"
                if len(unused) < sum(1 for _, codes, _ in d.tokens if codes):
                    message = f"unused code in a suppression comment: {what}"
                    out.append((i, self._pl005(d, settings, message, None)))
                    continue
            message = f"unused suppression comment: {what}"
            out.append((i, self._pl005(d, settings, message, _removal(d, post))))
        return out

    @staticmethod
    def _pl005(d: Directive, settings, message: str, fix: Fix | None) -> Diagnostic:
        return Diagnostic(
            "PL005",
            d.line,
            d.column,
            message,
            end_line=d.end_line,
            end_column=d.end_column,
            fix=fix,
            name=settings.rule.name,
            severity=settings.severity,
        )


def _removal(d: Directive, post: Post) -> Fix:
    """Delete the comment; its whole line when nothing else is on it."""
    lines = post.lines
    before = lines.line(d.line)[: d.column - 1]
    after = lines.line(d.end_line)[d.end_column - 1 :]
    if not before.strip() and not after.strip() and d.end_line < lines.line_count:
        edit = Edit(d.line, 1, d.end_line + 1, 1, "")
    else:
        start = d.column - 1 if not before.endswith(" ") else len(before.rstrip(" "))
        edit = Edit(d.line, start + 1, d.end_line, d.end_column, "")
    return Fix("safe", (edit,), "remove the unused suppression comment")
