"""Which configuration applies to a file: the nearest one above it.

As in ruff and markdownlint-cli2, every file gets the settings of the
nearest ``.post-lint.toml`` or ``pyproject.toml`` with a ``[tool.post-lint]``
table in its own folder or above (``.post-lint.toml`` wins in a folder that
has both), and that config's globs (``exclude``, ``per-file-ignores``,
schema globs, ``baseline``) are relative to the folder it sits in. Files
with no config above them get the built-in defaults, their globs relative to
the working directory. Precedence, highest first:

1. ``--isolated``: no config file at all (command-line options only);
2. ``--config FILE``: that one file for every path;
3. the nearest config above each file (stdin: above ``--stdin-filename``,
   else the working directory);

then ``--config KEY=VALUE`` overrides are merged over the chosen table, and
``--select``/``--ignore``/``--extend-select``/``--exclude`` apply last
(``--exclude`` globs relative to the working directory).

:class:`ConfigTree` answers ``config_for(path)`` (so does a plain
:class:`~post_lint.config.Config`, for itself), caching the config file found
per folder and the parsed config per file, so a run over thousands of posts
reads each config once. ``Config.for_path(path)`` uses a process-wide tree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import config as _config
from .config import CONFIG_FILES, Config
from .errors import ConfigError
from .lazyre import lazy

_TOOL_TABLE = lazy(r"^\s*\[\s*tool\s*\.\s*(?:post-lint|\"post-lint\"|'post-lint')", re.M)


class ConfigTree:
    """Per-file configuration for one run.

    ``config_file``: use this one file for every path (``--config FILE``);
    ``isolated``: use none; ``overrides``: a ``[tool.post-lint]``-shaped table
    merged over each config (``--config KEY=VALUE``); ``cli``: keyword
    arguments for :meth:`Config.override` (``select``, ``ignore``, ...).
    ``watch``: re-read a config file whose modification time changed (for
    long-lived processes such as an editor's server).
    """

    def __init__(
        self,
        *,
        config_file: Path | None = None,
        isolated: bool = False,
        overrides: Mapping[str, Any] | None = None,
        cli: Mapping[str, Any] | None = None,
        watch: bool = False,
    ) -> None:
        self.config_file = config_file.resolve() if config_file else None
        self.isolated = isolated
        self.overrides = dict(overrides or {})
        self.cli = dict(cli or {})
        self.watch = watch
        self._found: dict[str, Path | None] = {}
        self._loaded: dict[Any, tuple[Any, Config]] = {}
        if overrides:  # a bad key or value is reported once, before any file
            Config.from_mapping(self.overrides, where="--config")

    def clear(self) -> None:
        self._found.clear()
        self._loaded.clear()

    # -- queries -------------------------------------------------------------------

    def config_for(self, path: str | os.PathLike[str]) -> Config:
        """The config that applies to the file ``path`` (it need not exist;
        ``-`` stands for stdin in the working directory)."""
        p = os.fspath(path)
        folder = os.getcwd() if p in ("-", "") else os.path.dirname(os.path.abspath(p))
        return self.config_for_folder(folder)

    def config_for_folder(self, folder: str | os.PathLike[str]) -> Config:
        """The config that applies to files directly inside ``folder``."""
        if self.isolated:
            return self._config(None)
        if self.config_file is not None:
            return self._config(self.config_file)
        return self._config(self.find(os.path.abspath(folder)))

    def find(self, folder: str) -> Path | None:
        """The nearest config file in ``folder`` or above it (cached per folder)."""
        visited: list[str] = []
        here = folder
        found: Path | None = None
        while True:
            if here in self._found:
                found = self._found[here]
                break
            visited.append(here)
            found = config_in(here)
            if found is not None:
                break
            parent = os.path.dirname(here)
            if parent == here:
                break
            here = parent
        for v in visited:
            self._found[v] = found
        return found

    # -- loading ---------------------------------------------------------------------

    def _config(self, file: Path | None) -> Config:
        if file is None:
            key: Any = ("defaults", os.getcwd())
            stamp: Any = None
        else:
            key = file
            stamp = _stamp(file) if self.watch else None
        cached = self._loaded.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if file is None:
            config = (
                Config.from_mapping(self.overrides, where="--config")
                if self.overrides
                else Config()
            )
        else:
            config = Config.from_file(file, self.overrides)
        if self.cli:
            config.override(**self.cli)
        self._loaded[key] = (stamp, config)
        return config

    def configs(self) -> list[Config]:
        """Every config loaded so far."""
        return [c for _, c in self._loaded.values()]


def config_in(folder: str) -> Path | None:
    """The config file in ``folder`` itself: ``.post-lint.toml``, else a
    ``pyproject.toml`` that has a ``[tool.post-lint]`` table."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if not os.path.isfile(candidate):
            continue
        if name == "pyproject.toml":
            try:
                with open(candidate, encoding="utf-8", errors="replace") as fh:
                    text = fh.read(4 * 1024 * 1024)
            except OSError:
                continue
            if not _TOOL_TABLE.search(text):
                continue
        return Path(candidate)
    return None


def _stamp(file: Path) -> tuple[int, int] | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


_DEFAULT: ConfigTree | None = None


def default_tree() -> ConfigTree:
    """The process-wide tree behind :meth:`Config.for_path` (re-reads edited files)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = ConfigTree(watch=True)
    return _DEFAULT


_config._default_tree_factory = default_tree


def load_tree(
    *,
    config: str | None = None,
    isolated: bool = False,
    overrides: Mapping[str, Any] | None = None,
    cli: Mapping[str, Any] | None = None,
) -> ConfigTree:
    """The tree for a command-line run (``--config FILE``, ``--isolated``)."""
    file = None
    if config is not None:
        file = Path(config)
        if not file.is_file():
            raise ConfigError(f"--config: no such file: {config}")
    tree = ConfigTree(config_file=file, isolated=isolated, overrides=overrides, cli=cli)
    if file is not None:
        tree.config_for_folder(os.getcwd())  # report a bad file before any work
    return tree


__all__ = ["ConfigTree", "config_in", "default_tree", "load_tree"]
