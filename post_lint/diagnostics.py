"""The diagnostic a rule reports, and the fix it may carry.

This is the public contract that editors and CI systems parse (the JSON shape
is in README.md, section Output): keep field names stable, add, never repurpose.

Positions are 1-based; columns count Unicode code points. ``end_line`` and
``end_column`` point one past the last character of the range (as in ruff and
LSP), so a whole 40-character line 12 is ``12:1`` to ``12:41``.
"""

from __future__ import annotations

from typing import Any, Literal

from .records import dataclass, field, replace

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text between two positions with ``content``.

    An insertion has equal start and end; a deletion has empty content.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    content: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "content": self.content,
        }


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits applied together, all or none."""

    applicability: Applicability
    edits: tuple[Edit, ...]
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "applicability": self.applicability,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding at one place.

    Rules set ``code``, the range, ``message`` and optionally ``fix``; the linter
    fills ``path``, ``name`` and ``severity`` from the registry and the config.
    """

    code: str
    line: int
    column: int
    message: str
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    path: str = "-"
    name: str = ""
    severity: str = "warning"
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.end_line is None:
            object.__setattr__(self, "end_line", self.line)
        if self.end_column is None:
            object.__setattr__(self, "end_column", self.column)

    def with_(self, **changes: Any) -> Diagnostic:
        return replace(self, **changes)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix.to_dict() if self.fix else None,
        }
