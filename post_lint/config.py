"""Configuration: ``[tool.post-lint]`` in pyproject.toml or ``.post-lint.toml``.

Each file gets the nearest config above it (the first folder with either
file wins; ``.post-lint.toml`` before ``pyproject.toml``), its globs relative
to that config's folder: :meth:`Config.for_path` (see
:mod:`post_lint.config_tree`), or one named with ``--config``. Every key is validated; a wrong one is a :class:`ConfigError`
naming the file and the key. Example::

    [tool.post-lint]
    select = ["FM", "DUP", "RT001"]      # codes, prefixes or rule names; "ALL"
    extend-select = ["FM005"]            # add to the defaults
    ignore = ["DUP002"]
    exclude = ["drafts/**"]              # on top of .git, node_modules, _site, public, vendor
    max-file-size = 16777216             # bytes; larger files get PL003

    [tool.post-lint.per-file-ignores]
    "content/security/**" = ["DUP001"]

    [tool.post-lint.rules.DUP]                  # a family: its shared options
    min-words = 10                              # for every DUP rule that reads it

    [tool.post-lint.rules.repeated-paragraph]   # a rule's name or code
    severity = "error"                          # error | warning | info
    min-chars = 60                              # the rule's own options (win over the family's)

Option values are checked here, when the configuration loads: against the
default's type, the allowed choices and the option's validate hook
(:data:`post_lint.rules.base.Validator`). A bad value is a ConfigError
(exit 2) naming the file and the key; rules never replace one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from .diagnostics import SEVERITIES
from .errors import ConfigError
from .globs import glob_match
from .records import dataclass, field
from .rules import BY_CODE, BY_NAME, FAMILIES, REGISTRY, Rule, resolve_selector
from .rules.base import Family, FamilySettings, RuleOptions

CONFIG_FILES = (".post-lint.toml", "pyproject.toml")
DEFAULT_EXCLUDE = (".git", "node_modules", "_site", "public", "vendor")
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024

_LIST_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "exclude", "extend-exclude")
_KNOWN_KEYS = {*_LIST_KEYS, "per-file-ignores", "rules", "max-file-size", "baseline"}


# -- options --------------------------------------------------------------------


def _option_key(key: str) -> str:
    return key.replace("-", "_")


def _check_type(value: Any, default: Any) -> bool:
    if default is None:
        return True
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, (list, tuple)):
        if not isinstance(value, list):
            return False
        if default:
            return all(_check_type(v, default[0]) for v in value)
        return True
    if isinstance(default, dict):
        return isinstance(value, dict)
    return isinstance(value, type(default))


def _type_name(default: Any) -> str:
    if isinstance(default, bool):
        return "a boolean (true or false)"
    if isinstance(default, int):
        return "an integer"
    if isinstance(default, float):
        return "a number"
    if isinstance(default, str):
        return "a string"
    if isinstance(default, (list, tuple)):
        inner = _type_name(default[0]).split(" ", 1)[1] + "s" if default else "values"
        return f"a list of {inner}"
    if isinstance(default, dict):
        return "a table"
    return type(default).__name__


@dataclass(frozen=True)
class RuleSettings:
    """One enabled rule as it applies to a file: its options and severity."""

    rule: Rule
    options: Mapping[str, Any]
    severity: str


@dataclass
class Config:
    """Resolved settings. ``Config()`` is the built-in defaults."""

    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: list[tuple[str, list[str]]] = field(default_factory=list)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    rule_severity: dict[str, str] = field(default_factory=dict)
    #: ``[rules.DUP]``: family code -> options set for the whole family.
    family_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    family_severity: dict[str, str] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: Folder that relative globs and paths are resolved against.
    root: Path = field(default_factory=Path.cwd)
    #: The file this came from (None for defaults or a mapping).
    source: Path | None = None
    #: A baseline file (``baseline = "..."``, relative to the config's folder).
    baseline: Path | None = None
    #: ``--exclude`` globs from the command line, relative to ``cli_root``.
    cli_exclude: list[str] = field(default_factory=list)
    cli_root: Path = field(default_factory=Path.cwd)
    #: Rule selections computed from the settings above (cleared on override).
    _cache: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    # -- construction -----------------------------------------------------------

    @classmethod
    def from_mapping(
        cls,
        table: Mapping[str, Any],
        *,
        source: Path | None = None,
        root: Path | None = None,
        where: str | None = None,
    ) -> Config:
        """Validate a ``[tool.post-lint]`` table (as parsed TOML)."""
        where = where or (str(source) if source else "configuration")
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: [tool.post-lint] must be a table")
        cfg = cls(source=source, root=root or (source.parent if source else Path.cwd()))
        for key in table:
            if key.replace("_", "-") not in _KNOWN_KEYS:
                raise ConfigError(
                    f"{where}: unknown key '{key}'{did_you_mean(key, _KNOWN_KEYS)} "
                    f"(known keys: {', '.join(sorted(_KNOWN_KEYS))})"
                )
        get = {k.replace("_", "-"): v for k, v in table.items()}
        if "baseline" in get:
            value = get["baseline"]
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: 'baseline' must be a file name (a string)")
            cfg.baseline = (cfg.root / value).resolve()
        for key in _LIST_KEYS:
            if key in get:
                value = get[key]
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{where}: '{key}' must be a list of strings")
                if key in ("select", "extend-select", "ignore", "extend-ignore"):
                    _validate_selectors(value, f"{where}: '{key}'")
                if key == "select":
                    cfg.select = list(value)
                elif key == "extend-select":
                    cfg.extend_select += value
                elif key in ("ignore", "extend-ignore"):
                    cfg.ignore += value
                else:
                    cfg.exclude += value
        if "max-file-size" in get:
            size = get["max-file-size"]
            if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
                raise ConfigError(f"{where}: 'max-file-size' must be a positive integer (bytes)")
            cfg.max_file_size = size
        pfi = get.get("per-file-ignores", {})
        if not isinstance(pfi, Mapping):
            raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
        for pattern, codes in pfi.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(
                    f"{where}: per-file-ignores '{pattern}' must be a list of codes or rule names"
                )
            _validate_selectors(codes, f"{where}: per-file-ignores '{pattern}'")
            cfg.per_file_ignores.append((pattern, list(codes)))
        rules = get.get("rules", {})
        if not isinstance(rules, Mapping):
            raise ConfigError(f"{where}: 'rules' must be a table of [rules.<name>] tables")
        for ident, opts in rules.items():
            r = BY_NAME.get(ident) or BY_CODE.get(ident.upper())
            fam = FAMILIES.get(ident.upper()) if r is None else None
            if r is None and fam is None:
                raise ConfigError(f"{where}: [rules.{ident}]: unknown rule{_suggest(ident)}")
            if not isinstance(opts, Mapping):
                raise ConfigError(f"{where}: [rules.{ident}] must be a table of options")
            if fam is not None:
                cfg._set_family_options(fam, opts, f"{where}: [rules.{ident}]")
            else:
                cfg._set_rule_options(r, opts, f"{where}: [rules.{ident}]")
        return cfg

    def _set_rule_options(self, r: Rule, opts: Mapping[str, Any], where: str) -> None:
        names = ["severity", *(k.replace("_", "-") for k in r.options)]
        unknown = f"for {r.code} {r.name} (its options: {', '.join(names)})"
        severity, resolved = self._table(r, opts, where, unknown)
        if severity is not None:
            self.rule_severity[r.code] = severity
        self.rule_options.setdefault(r.code, {}).update(resolved)

    def _set_family_options(self, fam: Family, opts: Mapping[str, Any], where: str) -> None:
        known = ", ".join(k.replace("_", "-") for k in fam.options) or "none but severity"
        unknown = (
            f"for the {fam.code} family (its shared options: {known}; "
            "set a rule's own options in its [rules.<name>] table)"
        )
        severity, resolved = self._table(fam, opts, where, unknown)
        if severity is not None:
            self.family_severity[fam.code] = severity
        self.family_options.setdefault(fam.code, {}).update(resolved)

    def _table(
        self, owner: Rule | Family, opts: Mapping[str, Any], where: str, unknown: str
    ) -> tuple[str | None, dict[str, Any]]:
        """The severity and the checked option values of a rule's or a
        family's table (``owner`` declares the options)."""
        severity: str | None = None
        resolved: dict[str, Any] = {}
        for key, value in opts.items():
            if key == "severity":
                severity = _check_severity(value, where)
                continue
            name = _option_key(key)
            if name not in owner.options:
                names = ["severity", *(k.replace("_", "-") for k in owner.options)]
                hint = did_you_mean(key.replace("_", "-"), names)
                raise ConfigError(f"{where}: unknown option '{key}'{hint} {unknown}")
            resolved[name] = self._checked_value(
                key,
                value,
                owner.options[name],
                owner.choices.get(name),
                owner.validate.get(name),
                name in owner.path_options,
                where,
            )
        return severity, resolved

    def _checked_value(
        self,
        key: str,
        value: Any,
        default: Any,
        allowed: tuple[str, ...] | None,
        validate: Any,
        is_path: bool,
        where: str,
    ) -> Any:
        """A user's option value, checked against the default's type, the
        allowed choices and the validate hook; paths resolved."""
        if not _check_type(value, default):
            raise ConfigError(
                f"{where}: option '{key}' must be {_type_name(default)}, got {value!r}"
            )
        if allowed and value not in allowed:
            raise ConfigError(
                f"{where}: option '{key}' must be one of {', '.join(map(repr, allowed))}, "
                f"got {value!r}"
            )
        if validate is not None:
            problem = validate(value)
            if problem:
                raise ConfigError(f"{where}: option '{key}' {problem}, got {value!r}")
        if is_path and isinstance(value, str) and value:
            value = str((self.root / value).resolve())
        elif is_path and isinstance(value, dict):
            if not all(isinstance(v, str) and v for v in value.values()):
                raise ConfigError(f"{where}: option '{key}' must be a table of glob = \"path\"")
            value = {k: str((self.root / v).resolve()) for k, v in value.items()}
        return value

    @classmethod
    def from_file(cls, path: Path, overrides: Mapping[str, Any] | None = None) -> Config:
        """Load a config file; ``overrides`` (``--config KEY=VALUE``) win over its keys."""
        table = cls.read_table(path)
        if overrides:
            table = merge_tables(table, overrides)
        return cls.from_mapping(table, source=path, root=path.parent.resolve())

    @classmethod
    def for_path(cls, path: str | os.PathLike[str]) -> Config:
        """The configuration that applies to ``path``: the nearest
        ``.post-lint.toml`` / ``pyproject.toml [tool.post-lint]`` above it
        (the built-in defaults when there is none). Cached per folder; a
        config file edited since is read again."""
        return _tree().config_for(path)

    @classmethod
    def clear_cache(cls) -> None:
        """Forget the configs :meth:`for_path` found (a config file was added or removed)."""
        _tree().clear()

    def config_for(self, path: str | os.PathLike[str]) -> Config:
        """This config applies to every path (the interface ConfigTree shares)."""
        return self

    @staticmethod
    def read_table(path: Path) -> dict[str, Any]:
        """The ``[tool.post-lint]`` table of a config file (its top level for
        ``.post-lint.toml``)."""
        from .compat import tomllib  # imported only when a file is read (start-up)

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: not valid UTF-8") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        if path.name == "pyproject.toml":
            return data.get("tool", {}).get("post-lint", {})
        return data.get("tool", {}).get("post-lint", data) if "tool" in data else data

    @classmethod
    def discover(cls, start: Path | None = None) -> Config:
        """The nearest config file upward from ``start`` (default: cwd)."""
        found = find_config_file(start or Path.cwd())
        if found is None:
            return cls()
        return cls.from_file(found)

    # -- overrides from the command line -------------------------------------------

    def override(
        self,
        *,
        select: Iterable[str] | None = None,
        extend_select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        exclude: Iterable[str] = (),
    ) -> Config:
        for label, values in (
            ("--select", select or []),
            ("--extend-select", extend_select),
            ("--ignore", ignore),
        ):
            _validate_selectors(list(values), label)
        if select is not None:
            self.select = list(select)
        self.extend_select += list(extend_select)
        self.ignore += list(ignore)
        if exclude:
            self.cli_exclude += list(exclude)
            self.cli_root = Path.cwd()
        self._cache.clear()
        return self

    # -- queries ---------------------------------------------------------------------

    def enabled_codes(self) -> list[str]:
        key = "enabled"
        if key not in self._cache:
            if self.select is None:
                codes = {r.code for r in REGISTRY if r.default_enabled}
            else:
                codes = {r.code for s in self.select for r in resolve_selector(s)}
            codes |= {r.code for s in self.extend_select for r in resolve_selector(s)}
            codes -= {r.code for s in self.ignore for r in resolve_selector(s)}
            self._cache[key] = [r.code for r in REGISTRY if r.code in codes]
        return self._cache[key]

    def _configured(self, r: Rule) -> dict[str, Any]:
        """What the configuration sets for ``r``: its family table's values
        of the options it shares, then its own table's."""
        family = self.family_options.get(r.family, {})
        shared = {k: v for k, v in family.items() if k in r.shares}
        return {**shared, **self.rule_options.get(r.code, {})}

    def options_of(self, r: Rule) -> dict[str, Any]:
        """A rule's options: its defaults, then values it inherits from
        another rule's configuration (``Rule.inherits``), then its family
        table's (``[rules.DUP]``), then its own table's."""
        configured = self._configured(r)
        inherited: dict[str, Any] = {}
        for name, source in r.inherits.items():
            if name not in configured and source in BY_CODE:
                theirs = self._configured(BY_CODE[source])
                if name in theirs:
                    inherited[name] = theirs[name]
        return {**r.options, **inherited, **configured}

    def family_settings(self, family: str) -> FamilySettings:
        """The resolved options of every rule of ``family`` (enabled or not):
        what the family's shared analysis of a post is keyed by."""
        key = ("family", family)
        if key not in self._cache:
            self._cache[key] = FamilySettings(
                family, {r.code: self.options_of(r) for r in REGISTRY if r.family == family}
            )
        return self._cache[key]

    def severity_of(self, r: Rule) -> str:
        """Its own table's severity, else its family table's, else the default."""
        return self.rule_severity.get(r.code) or self.family_severity.get(r.family, r.severity)

    def relative(self, path: str | os.PathLike[str]) -> str:
        """``path`` relative to the config root, POSIX style (for globs)."""
        return _relative_to(path, self.root)

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``exclude`` (relative to the config's folder) or ``--exclude``
        (relative to the working directory) matches ``path``."""
        if self.exclude:
            rel = self.relative(path)
            if any(glob_match(p, rel) for p in self.exclude):
                return True
        if self.cli_exclude:
            rel = _relative_to(path, self.cli_root)
            return any(glob_match(p, rel) for p in self.cli_exclude)
        return False

    def rules_for(self, path: str | None) -> list[RuleSettings]:
        """The rules that run on ``path``, with options and severities."""
        ignored: set[str] = set()
        if path and path != "-" and self.per_file_ignores:
            rel = self.relative(path)
            for pattern, selectors in self.per_file_ignores:
                if glob_match(pattern, rel):
                    ignored |= {r.code for s in selectors for r in resolve_selector(s)}
        key = ("rules", frozenset(ignored))
        if key not in self._cache:
            self._cache[key] = [
                RuleSettings(
                    BY_CODE[code],
                    self._rule_options(BY_CODE[code]),
                    self.severity_of(BY_CODE[code]),
                )
                for code in self.enabled_codes()
                if code not in ignored
            ]
        return self._cache[key]

    def _rule_options(self, r: Rule) -> RuleOptions:
        options = RuleOptions(self.options_of(r))
        options.family_settings = self.family_settings(r.family)
        return options


def _check_severity(value: Any, where: str) -> str:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}")
    return value


#: The process-wide ConfigTree behind Config.for_path; post_lint.config_tree
#: registers its factory here when imported (config imports nothing of it).
_default_tree_factory: Any = None


def _tree() -> Any:
    if _default_tree_factory is None:
        import importlib

        importlib.import_module("post_lint.config_tree")  # registers the factory
    return _default_tree_factory()


def _relative_to(path: str | os.PathLike[str], root: Path) -> str:
    """``path`` relative to ``root``, POSIX style (for globs); a path outside
    ``root`` keeps its form. A relative path is taken from the working directory."""
    p = Path(path)
    try:
        rel = Path(os.path.abspath(p)).relative_to(root)
    except ValueError:
        try:
            rel = p.resolve().relative_to(root.resolve())
        except (ValueError, OSError):
            rel = p
    return PurePosixPath(*rel.parts).as_posix() if rel.parts else str(p)


def merge_tables(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over``'s keys on top; tables merge key by key (keys
    compared with ``_`` read as ``-``), other values are replaced."""
    out = dict(base)
    norm = {k.replace("_", "-"): k for k in out}
    for key, value in over.items():
        existing = norm.get(key.replace("_", "-"), key)
        if isinstance(value, Mapping) and isinstance(out.get(existing), Mapping):
            out[existing] = merge_tables(out[existing], value)
        else:
            out.pop(existing, None)
            out[key] = value
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or ''."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _suggest(ident: str) -> str:
    return did_you_mean(ident, [r.name for r in REGISTRY] + [r.code for r in REGISTRY])


def _validate_selectors(selectors: list[str], where: str) -> None:
    for s in selectors:
        try:
            resolve_selector(s)
        except KeyError:
            raise ConfigError(f"{where}: unknown rule code or name '{s}'{_suggest(s)}") from None


def find_config_file(start: Path) -> Path | None:
    here = start.resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                try:
                    text = candidate.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if not re.search(r"^\[tool\.(?:post-lint|\"post-lint\")", text, re.M):
                    continue
            return candidate
    return None
