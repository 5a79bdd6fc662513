"""Inline suppression comments, markdownlint style.

``<!-- post-lint-disable CODE|name ... -->``      off from this line on
``<!-- post-lint-enable CODE|name ... -->``       back on from this line on
``<!-- post-lint-disable-next-line ... -->``      the next non-blank line
``<!-- post-lint-disable-line ... -->``           this line
``<!-- post-lint-disable-file ... -->``           the whole file

No list means every rule. Codes, prefixes (``DUP``) and rule names are
accepted, separated by spaces or commas. A diagnostic is matched by the line
it starts on. Comments inside code blocks are ignored.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostic
from .post import Post
from .rules import resolve_selector

_COMMENT = re.compile(
    r"<!--\s*post-lint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.{0,500}?)-->"
)
ALL = "*"


def _codes(spec: str) -> frozenset[str]:
    tokens = [t for t in re.split(r"[\s,]+", spec.strip()) if t]
    if not tokens:
        return frozenset({ALL})
    codes: set[str] = set()
    for token in tokens:
        try:
            codes.update(r.code for r in resolve_selector(token))
        except KeyError:
            continue  # an unknown code in a comment suppresses nothing
    return frozenset(codes)


@dataclass
class Suppressions:
    file_codes: frozenset[str] = frozenset()
    line_codes: dict[int, set[str]] = field(default_factory=dict)
    #: (line, disabled codes from that line on); ALL in the set means every code
    #: except those in the paired "enabled" set.
    range_lines: list[int] = field(default_factory=list)
    range_states: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)

    @classmethod
    def from_post(cls, post: Post) -> Suppressions:
        sup = cls()
        text = post.text
        if "post-lint-" not in text:
            return sup
        lines = post.lines
        code_lines = post.code_lines
        file_codes: set[str] = set()
        disabled: frozenset[str] = frozenset()
        enabled: frozenset[str] = frozenset()  # exceptions while ALL is disabled
        for m in _COMMENT.finditer(text):
            line, _ = lines.position(m.start())
            if line in code_lines or (post.front_matter and line < post.body_line):
                continue
            kind, codes = m.group(1), _codes(m.group(2))
            if kind == "disable-file":
                file_codes |= codes
            elif kind == "disable-line":
                sup.line_codes.setdefault(line, set()).update(codes)
            elif kind == "disable-next-line":
                end_line, _ = lines.position(m.end())
                target = end_line + 1
                while target <= lines.line_count and not lines.line(target).strip():
                    target += 1
                sup.line_codes.setdefault(target, set()).update(codes)
            elif kind == "disable":
                if ALL in codes:
                    disabled, enabled = frozenset({ALL}), frozenset()
                else:
                    disabled = disabled | codes
                    enabled = enabled - codes
                sup.range_lines.append(line)
                sup.range_states.append((disabled, enabled))
            else:  # enable
                if ALL in codes:
                    disabled, enabled = frozenset(), frozenset()
                elif ALL in disabled:
                    enabled = enabled | codes
                else:
                    disabled = disabled - codes
                sup.range_lines.append(line)
                sup.range_states.append((disabled, enabled))
        sup.file_codes = frozenset(file_codes)
        return sup

    def hides(self, diagnostic: Diagnostic) -> bool:
        code = diagnostic.code
        if ALL in self.file_codes or code in self.file_codes:
            return True
        codes = self.line_codes.get(diagnostic.line)
        if codes and (ALL in codes or code in codes):
            return True
        i = bisect.bisect_right(self.range_lines, diagnostic.line) - 1
        if i >= 0:
            disabled, enabled = self.range_states[i]
            if code in disabled or (ALL in disabled and code not in enabled):
                return True
        return False
