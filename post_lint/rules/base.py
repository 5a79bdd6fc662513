"""What a rule is: code, name, summary, options, severity, and a check; and
what a family of rules shares.

A rule is a plain generator function decorated with :func:`rule`::

    @rule("GEN001", "leaked-end-marker", "generation control text left in the body",
          family=GEN, fixable=True)
    def leaked_end_marker(post: Post, options: Options) -> Iterator[Diagnostic]:
        '''Docs: what it finds, why it matters, an example, its options.'''
        ...
        yield Diagnostic("GEN001", line, column, "…")

The docstring is the rule's documentation (``post-lint --explain CODE`` and
``docs/rules/CODE.md``). Options are declared with their defaults and, when
not every value of the default's type makes sense, a ``validate`` hook per
option (see :data:`Validator`); the config loader checks every user value
against both when the configuration loads, so a rule reads
``options["min_chars"]`` without checking it, and nothing is replaced by a
default at lint time.

**Families.** Options that several rules of one family read (DUP's
``min-words``, TRN's ``extra-markers``, RT's ``keys``) are declared once, on a
:class:`Family` (``family("DUP", options={...})``); each rule of the family
names the ones it reads (``shares``, default all). Users set them for the
whole family in ``[rules.DUP]``; a rule's own table overrides the family's.
An analysis several rules of a family read is computed once per post and
*family settings* (:class:`FamilySettings`: the resolved options of every
rule of the family) and memoised on the post (:meth:`Post.memo`), so the
rules of one family read one post one way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic
from ..post import Post
from ..records import dataclass, field

Options = Mapping[str, Any]
CheckFunction = Callable[[Post, Options], Iterator[Diagnostic]]
#: An option's validate hook: given a value of the right type, what is wrong
#: with it ("must be at least 1"), or None when it is fine.
Validator = Callable[[Any], "str | None"]


# --------------------------------------------------------------------------
# Validate hooks
# --------------------------------------------------------------------------


def at_least(minimum: float) -> Validator:
    """A number no smaller than ``minimum``."""

    def check(value: Any) -> str | None:
        if not math.isfinite(value) or value < minimum:
            return f"must be at least {minimum}"
        return None

    return check


def between(low: float, high: float, *, low_open: bool = False) -> Validator:
    """A number from ``low`` (excluded with ``low_open``) to ``high``."""

    def check(value: Any) -> str | None:
        if not math.isfinite(value) or value > high or value < low or (low_open and value == low):
            left = "more than" if low_open else "from"
            return f"must be {left} {low} {'and at most' if low_open else 'to'} {high}"
        return None

    return check


def non_blank_strings(value: Any) -> str | None:
    """A list of strings none of which is empty or only white space."""
    if any(not s.strip() for s in value):
        return "must not hold an empty string"
    return None


def each_one_of(allowed: tuple[str, ...]) -> Validator:
    """A list whose every item is one of ``allowed``."""

    def check(value: Any) -> str | None:
        for item in value:
            if item not in allowed:
                return f"must hold only {', '.join(map(repr, allowed))} ({item!r} is not one)"
        return None

    return check


def char_pairs(value: Any) -> str | None:
    """A list of two-character strings, an opening and a different closing character."""
    for s in value:
        if len(s) != 2 or s[0] == s[1]:
            return f"must hold two different characters per string ({s!r} does not)"
    return None


# --------------------------------------------------------------------------
# Families and rules
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A family of rules (the code prefix: ``DUP``) and the options its rules share.

    ``options`` are declared here once, with their defaults and ``validate``
    hooks; ``[rules.DUP]`` in the configuration sets them for every rule of
    the family that reads them, and a rule's own table overrides that.
    """

    code: str
    name: str
    options: Mapping[str, Any] = field(default_factory=dict)
    validate: Mapping[str, Validator] = field(default_factory=dict)
    path_options: tuple[str, ...] = ()
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: code -> default options of each rule declared in the family (filled by :func:`rule`).
    rule_defaults: dict[str, Mapping[str, Any]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def settings(self, code: str, options: Options) -> FamilySettings:
        """The family settings a check of rule ``code`` given ``options``
        reads: those the configuration attached to them (:class:`RuleOptions`,
        every rule of the family as configured), or, for a rule called
        directly with plain options, ``options`` for ``code`` and the
        defaults for the family's other rules."""
        found = getattr(options, "family_settings", None)
        if found is not None:
            return found
        by_code = {c: (options if c == code else d) for c, d in self.rule_defaults.items()}
        return FamilySettings(self.code, by_code)


def family(
    code: str,
    name: str,
    *,
    options: Mapping[str, Any] | None = None,
    validate: Mapping[str, Validator] | None = None,
    path_options: tuple[str, ...] = (),
    choices: Mapping[str, tuple[str, ...]] | None = None,
) -> Family:
    """Declare a family's shared options (see the module docstring)."""
    return Family(
        code, name, dict(options or {}), dict(validate or {}), path_options, dict(choices or {})
    )


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    check: CheckFunction = field(repr=False)
    #: Every option the rule reads, with its default: the family's options
    #: it shares, then its own.
    options: Mapping[str, Any] = field(default_factory=dict)
    severity: str = "warning"
    default_enabled: bool = True
    fixable: bool = False
    #: Options holding file paths (or tables of glob -> path): the config
    #: loader resolves them against the config file's folder.
    path_options: tuple[str, ...] = ()
    #: Options whose value must be one of a fixed set (checked by the config loader).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: option -> validate hook, run by the config loader on a user's value.
    validate: Mapping[str, Validator] = field(default_factory=dict)
    #: option -> code of another rule whose configured value this rule uses
    #: when neither its own table nor its family's sets the option (one
    #: schema for FM003 and FM005; GEN001's extra-markers for TRN and DUP).
    inherits: Mapping[str, str] = field(default_factory=dict)
    #: The options it shares with its family (declared on the :class:`Family`).
    shares: tuple[str, ...] = ()
    #: Its family's declaration (None: the family shares no options).
    family_decl: Family | None = field(default=None, repr=False)

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    @property
    def doc(self) -> str:
        import inspect  # with ast, tokenize and dis: only for the docs

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
    family: Family | None = None,
    shares: tuple[str, ...] | None = None,
    severity: str = "warning",
    default_enabled: bool = True,
    fixable: bool = False,
    path_options: tuple[str, ...] = (),
    choices: Mapping[str, tuple[str, ...]] | None = None,
    validate: Mapping[str, Validator] | None = None,
    inherits: Mapping[str, str] | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Declare a rule; see the module docstring. With ``family``, the rule
    reads the family options named in ``shares`` (default: all of them)."""
    shared = tuple(family.options) if family is not None and shares is None else (shares or ())
    if family is not None:
        if not code.startswith(family.code):
            raise ValueError(f"{code} is not in family {family.code}")
        unknown = [s for s in shared if s not in family.options]
        if unknown:
            raise ValueError(f"{code} shares options its family does not declare: {unknown}")
    merged: dict[str, Any] = {}
    checks: dict[str, Validator] = {}
    paths: list[str] = []
    allowed: dict[str, tuple[str, ...]] = {}
    if family is not None:
        merged.update({k: family.options[k] for k in shared})
        checks.update({k: v for k, v in family.validate.items() if k in shared})
        paths.extend(k for k in family.path_options if k in shared)
        allowed.update({k: v for k, v in family.choices.items() if k in shared})
    merged.update(options or {})
    checks.update(validate or {})
    paths.extend(p for p in path_options if p not in paths)
    allowed.update(choices or {})

    if family is not None:
        family.rule_defaults[code] = merged

    def decorate(check: CheckFunction) -> Rule:
        return Rule(
            code=code,
            name=name,
            summary=summary,
            check=check,
            options=merged,
            severity=severity,
            default_enabled=default_enabled,
            fixable=fixable,
            path_options=tuple(paths),
            choices=allowed,
            validate=checks,
            inherits=dict(inherits or {}),
            shares=shared,
            family_decl=family,
        )

    return decorate


# --------------------------------------------------------------------------
# Family settings: what a family's shared analysis is keyed by
# --------------------------------------------------------------------------


def freeze(value: Any) -> Hashable:
    """A hashable form of an option value (lists become tuples, tables
    sorted tuples of pairs)."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    return value


class FamilySettings:
    """The resolved options of every rule of one family, as one
    configuration gives them for one file. Equal settings compare and hash
    equal, so a family's analysis memoised under them is shared by all its
    rules."""

    __slots__ = ("family", "by_code", "_key")

    def __init__(self, family: str, by_code: Mapping[str, Mapping[str, Any]]) -> None:
        self.family = family
        self.by_code = {code: dict(opts) for code, opts in by_code.items()}
        self._key = (family, freeze(self.by_code))

    def __getitem__(self, code: str) -> Mapping[str, Any]:
        return self.by_code[code]

    def get(self, code: str, default: Any = None) -> Any:
        return self.by_code.get(code, default)

    def values(self, option: str) -> list[Any]:
        """The value of ``option`` for every rule of the family that has it."""
        return [opts[option] for opts in self.by_code.values() if option in opts]

    def __hash__(self) -> int:
        return hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FamilySettings) and self._key == other._key

    def __repr__(self) -> str:
        return f"FamilySettings({self.family!r}, {self.by_code!r})"


class RuleOptions(dict):
    """A rule's resolved options (a plain dict to the rule), carrying the
    :class:`FamilySettings` of its family as the configuration resolved them."""

    family_settings: FamilySettings | None = None
