"""What a rule is: code, name, summary, options, severity, and a check.

A rule is a plain generator function decorated with :func:`rule`::

    @rule("GEN001", "leaked-end-marker", "generation control text left in the body",
          options={"extra_markers": []}, fixable=True)
    def leaked_end_marker(post: Post, options: Options) -> Iterator[Diagnostic]:
        '''Docs: what it finds, why it matters, an example, its options.'''
        ...
        yield Diagnostic("GEN001", line, column, "…")

The docstring is the rule's documentation (``post-lint --explain CODE`` and
``docs/rules/CODE.md``). Options are declared with their defaults; the config
loader validates user values against the default's type, so a rule can read
``options["min_chars"]`` without checking it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..post import Post

Options = Mapping[str, Any]
CheckFunction = Callable[[Post, Options], Iterator[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    check: CheckFunction = field(repr=False)
    options: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "warning"
    default_enabled: bool = True
    fixable: bool = False
    #: Options holding file paths (or tables of glob -> path): the config
    #: loader resolves them against the config file's folder.
    path_options: tuple[str, ...] = ()
    #: Options whose value must be one of a fixed set (checked by the config loader).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: option -> code of another rule whose configured value this rule uses
    #: when its own table does not set the option (one schema for FM003 and FM005).
    inherits: Mapping[str, str] = field(default_factory=dict)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def __call__(self, post: Post, options: Options | None = None) -> Iterator[Diagnostic]:
        merged = dict(self.options)
        if options:
            merged.update(options)
        return self.check(post, merged)


def rule(
    code: str,
    name: str,
    summary: str,
    *,
    options: Mapping[str, Any] | None = None,
    severity: str = "warning",
    default_enabled: bool = True,
    fixable: bool = False,
    path_options: tuple[str, ...] = (),
    choices: Mapping[str, tuple[str, ...]] | None = None,
    inherits: Mapping[str, str] | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule; see the module docstring."""

    def decorate(check: CheckFunction) -> Rule:
        return Rule(
            code=code,
            name=name,
            summary=summary,
            check=check,
            options=dict(options or {}),
            severity=severity,
            default_enabled=default_enabled,
            fixable=fixable,
            path_options=path_options,
            choices=dict(choices or {}),
            inherits=dict(inherits or {}),
        )

    return decorate
