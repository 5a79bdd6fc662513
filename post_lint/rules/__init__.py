"""The rule registry: an explicit tuple, one module per family.

To add a rule, define it in its family's module with ``@rule(...)`` and list it
in that module's ``RULES`` tuple. Codes and names are a public contract: add,
never reuse.
"""

from __future__ import annotations

from . import core, frontmatter, generation, reading_time, repetition, truncation
from .base import Family, Options, Rule, rule

REGISTRY: tuple[Rule, ...] = (
    *core.RULES,
    *frontmatter.RULES,
    *reading_time.RULES,
    *repetition.RULES,
    *truncation.RULES,
    *generation.RULES,
)

BY_CODE: dict[str, Rule] = {r.code: r for r in REGISTRY}
BY_NAME: dict[str, Rule] = {r.name: r for r in REGISTRY}
#: Every family (code prefix) with its declaration: the options its rules
#: share (``[rules.DUP]``); a family that declares none shares only severity.
FAMILIES: dict[str, Family] = {r.family: r.family_decl for r in REGISTRY if r.family_decl}
for _r in REGISTRY:
    FAMILIES.setdefault(_r.family, Family(_r.family, _r.family))

__all__ = [
    "REGISTRY",
    "BY_CODE",
    "BY_NAME",
    "FAMILIES",
    "Family",
    "Rule",
    "Options",
    "rule",
    "resolve_selector",
]


def resolve_selector(selector: str) -> list[Rule]:
    """Rules matched by a code (``DUP001``), a prefix (``DUP``, ``DUP0``), a
    rule name (``repeated-paragraph``) or ``ALL``. Raises KeyError if none."""
    s = selector.strip()
    if s.upper() == "ALL":
        return list(REGISTRY)
    if s in BY_NAME:
        return [BY_NAME[s]]
    up = s.upper()
    matched = [r for r in REGISTRY if r.code.startswith(up)] if up else []
    if not matched:
        raise KeyError(selector)
    return matched
