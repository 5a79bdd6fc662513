"""Which files to lint: walk folders for Markdown, honour excludes.

Folders are walked for ``*.md``, ``*.markdown`` and ``*.mdx``, skipping
``.git``, ``node_modules``, ``_site``, ``public``, ``vendor`` and anything
matched by ``exclude`` (the exclude of the config that applies to each
folder, relative to that config's folder). Files named on the command line
are always linted, unless ``force_exclude`` (``--force-exclude``, what
pre-commit hooks want: pre-commit names every staged file). A path that does
not exist but contains ``*``, ``?`` or ``[`` is a glob (``**`` crosses
folders), expanded here, relative to the working directory, so that it works
the same from a shell that does not expand it (pre-commit ``args``, the
GitHub Action's ``paths``); a glob that matches nothing is an error. Symbolic
links to folders are not followed (no loops); links to files are.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator

from .config import DEFAULT_EXCLUDE, Config
from .errors import PostLintError

EXTENSIONS = (".md", ".markdown", ".mdx")
_GLOB_CHARS = frozenset("*?[")


def display_path(path: str) -> str:
    """A path safe to print: undecodable bytes in names shown as U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_glob(path: str) -> bool:
    return not os.path.lexists(path) and any(c in _GLOB_CHARS for c in path)


def expand_glob(pattern: str) -> list[str]:
    """The paths a command-line glob matches, sorted; an error when none."""
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        raise PostLintError(f"no file or folder matches '{pattern}'")
    return matches


def _config_of(config, folder: str) -> Config:
    """The config for files directly in ``folder`` (``config`` is a Config or
    a ConfigTree)."""
    return config.config_for(os.path.join(folder, "_"))


def force_excluded(path: str, config) -> bool:
    """Whether a path named on the command line is excluded (``--force-exclude``):
    by the config that applies to it, or by a default-excluded folder."""
    cfg = config.config_for(path)
    if cfg.is_excluded(path):
        return True
    rel = cfg.relative(path)
    return any(part in DEFAULT_EXCLUDE for part in rel.split("/")[:-1])


def iter_files(paths: Iterable[str], config, *, force_exclude: bool = False) -> Iterator[str]:
    """Files to lint, in a stable order; missing paths are yielded as given so
    that the linter reports them (PL001). ``config`` is a Config or a
    ConfigTree (each folder then uses the config that applies to it)."""
    seen: set[str] = set()
    for given in paths:
        if is_glob(given):
            for match in expand_glob(given):
                if os.path.isdir(match):
                    found_in: Iterable[str] = _walk(match, config)
                elif match.lower().endswith(EXTENSIONS) and not force_excluded(match, config):
                    found_in = [match]
                else:
                    continue
                for found in found_in:
                    if found not in seen:
                        seen.add(found)
                        yield found
        elif os.path.isdir(given):  # a symlink to a folder is walked when named
            for found in _walk(given, config):
                if found not in seen:
                    seen.add(found)
                    yield found
        elif given not in seen:
            seen.add(given)
            if force_exclude and force_excluded(given, config):
                continue
            yield given


def _walk(top: str, tree) -> Iterator[str]:
    skip_names = set(DEFAULT_EXCLUDE)
    stack = [top]
    while stack:
        folder = stack.pop()
        config = _config_of(tree, folder)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            yield folder  # reported as unreadable
            continue
        subdirs: list[str] = []
        for entry in entries:
            path = os.path.join(folder, entry.name) if folder not in (".", "./") else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name in skip_names or config.is_excluded(path):
                    continue
                subdirs.append(path)
            elif entry.name.lower().endswith(EXTENSIONS):
                if (config.exclude or config.cli_exclude) and config.is_excluded(path):
                    continue
                yield path
        stack.extend(reversed(subdirs))
