"""Rules of this family (placeholder: rules are added in their own change)."""

from __future__ import annotations

from .base import Rule

RULES: tuple[Rule, ...] = ()
