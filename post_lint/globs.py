"""Glob matching for paths (``exclude``, ``per-file-ignores``, per-path
schemas): gitignore-like patterns against relative POSIX paths.

A module of its own, importing nothing of post-lint's, so the config loader
and the rules can both use it without importing each other.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """gitignore-like glob: ``*`` within a segment, ``**`` across segments,
    ``?`` one character, ``[...]`` a class. A pattern without ``/`` matches
    the name of any path segment; a trailing ``/`` matches directories' contents."""
    p = pattern.strip().replace(os.sep, "/")
    anchored = "/" in p.rstrip("/")
    p = p.lstrip("/") if p.startswith("/") else p
    if p.startswith("./"):
        p = p[2:]
    out: list[str] = []
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = p.find("]", i + 1)
            if j == -1:
                out.append(re.escape(c))
                i += 1
            else:
                cls = p[i + 1 : j]
                if cls.startswith("!"):
                    cls = "^" + cls[1:]
                out.append("[" + cls.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out).rstrip("/")
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + body + "(?:/.*)?")


def glob_match(pattern: str, path: str) -> bool:
    """Whether a relative POSIX ``path`` (or one of its parent folders) matches."""
    return _glob_regex(pattern).fullmatch(path) is not None


def path_segments(path: str) -> list[str]:
    """The segments of a path written with ``/`` or ``\\``, without empty or
    ``.`` segments."""
    return [p for p in re.split(r"[\\/]+", path) if p and p != "."]


def match_tail(pattern: str, path: str) -> bool:
    """Whether ``pattern`` matches ``path`` or one of its trailing parts, so
    that ``_posts/**`` matches ``site/_posts/2024-01-31-a.md`` whatever folder
    the path was given from."""
    parts = path_segments(path)
    return any(glob_match(pattern, "/".join(parts[i:])) for i in range(len(parts)))
