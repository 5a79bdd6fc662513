"""Which files to lint: walk folders for Markdown, honour excludes.

Folders are walked for ``*.md``, ``*.markdown`` and ``*.mdx``, skipping
``.git``, ``node_modules``, ``_site``, ``public``, ``vendor`` and anything
matched by ``exclude``. Files named on the command line are always linted.
Symbolic links to folders are not followed (no loops); links to files are.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .config import DEFAULT_EXCLUDE, Config

EXTENSIONS = (".md", ".markdown", ".mdx")


def display_path(path: str) -> str:
    """A path safe to print: undecodable bytes in names shown as U+FFFD."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def iter_files(paths: Iterable[str], config: Config) -> Iterator[str]:
    """Files to lint, in a stable order; missing paths are yielded as given so
    that the linter reports them (PL001)."""
    seen: set[str] = set()
    for given in paths:
        if os.path.isdir(given):  # a symlink to a folder is walked when named
            for found in _walk(given, config):
                if found not in seen:
                    seen.add(found)
                    yield found
        elif given not in seen:
            seen.add(given)
            yield given


def _walk(top: str, config: Config) -> Iterator[str]:
    skip_names = set(DEFAULT_EXCLUDE)
    stack = [top]
    while stack:
        folder = stack.pop()
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
                if config.exclude and config.is_excluded(path):
                    continue
                yield path
        stack.extend(reversed(subdirs))
