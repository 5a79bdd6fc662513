"""What a Markdown file is to its site: a post, or something that is not one.

A site's tree holds Markdown that no generator publishes as a post: include
partials, layouts, data, headless bundles whose text other pages pull in,
section index pages that list other pages. Rules that judge a post as a
published page (a title is required, front matter must exist, the file
name's date must match) ask :func:`page_kind` first. The rules, in order
(the first that applies decides):

1. ``posts`` globs (configured): a post, whatever the rest says.
2. ``not-posts`` globs (configured): not a post (``partial``).
3. A folder of partials among the file's folders: Jekyll and Eleventy
   ``_includes``, ``_layouts``, ``_data``; Hugo ``layouts``, ``archetypes``,
   ``partials``, ``_partials``, ``_includes``, ``_common``, ``includes``,
   ``shortcodes``; Astro ``src/components``, ``src/layouts``. A file whose
   name starts with ``_`` (other than ``_index``), which Astro, Docusaurus
   and Jekyll never publish as a page, is a partial too (``partial``).
4. Hugo front matter of the file itself: ``headless: true`` or ``build``
   (or the older ``_build``) with ``render: never`` / ``false`` / ``link``
   (``headless``).
5. Hugo front matter up the tree, read from the files themselves (at most
   eight folders up, stopping at a ``content`` folder): a leaf bundle's
   ``index.md`` that is headless or never rendered makes every file in the
   bundle a resource (``headless``); a section's ``_index.md`` whose
   ``cascade`` sets ``build: {render: never}`` (or ``headless: true``) for
   its descendants, with no ``_target``/``target`` that excludes the file,
   does the same (``headless``): Hugo's own docs keep reusable text in
   ``content/en/_common/`` that way.
6. Section and home pages: Hugo ``_index.md``, a page whose ``layout`` or
   ``type`` is ``home`` or ``index`` (Jekyll minima's home page, Hexo's), and
   an ``index.md`` directly in a Hexo ``source`` or Astro ``src/pages``
   folder (``list``). These are published, but list other pages and need no
   title.
7. Otherwise a ``post``.

Everything read from disk is bounded (64 KiB per file, eight folders) and
memoised per folder; unreadable or broken files count as absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .globs import glob_match, match_tail, path_segments
from .lazyre import lazy
from .post import Post
from .records import dataclass

#: Folders whose Markdown is pulled into other pages, never published alone.
PARTIAL_FOLDERS: tuple[str, ...] = (
    "_includes",
    "_layouts",
    "_data",
    "_partials",
    "_common",
    "layouts",
    "archetypes",
    "partials",
    "includes",
    "shortcodes",
    "src/components",
    "src/layouts",
)

#: ``layout`` / ``type`` values of a site's home page.
_HOME_LAYOUTS = frozenset({"home", "index"})
#: Folders whose ``index.md`` is the site's home page (Hexo, Astro).
_HOME_FOLDERS = (("source",), ("src", "pages"))
#: ``build.render`` values for a page Hugo never writes out.
_NOT_RENDERED = frozenset({"never", "false", "link"})
#: How far up the tree Hugo bundles and cascades are looked for.
MAX_LEVELS = 8
#: Most bytes read of an ``index.md`` / ``_index.md`` up the tree.
MAX_READ = 64 * 1024
_LANGUAGE_DIR = lazy(r"[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?")


@dataclass(frozen=True)
class PageKind:
    """What a file is: ``post``, ``list`` (section or home page),
    ``headless`` (a Hugo page never rendered) or ``partial`` (text included
    elsewhere); and why, in words for messages and docs."""

    kind: str
    reason: str = ""

    @property
    def is_post(self) -> bool:
        return self.kind == "post"

    @property
    def published(self) -> bool:
        """Whether the generator writes it out as a page of its own."""
        return self.kind in ("post", "list")


POST = PageKind("post")


def page_kind(
    path: str,
    meta: Mapping[str, Any] | None,
    posts: Iterable[str] = (),
    not_posts: Iterable[str] = (),
) -> PageKind:
    """What the file at ``path`` (its parsed front matter: ``meta``) is; see
    the module docstring for the rules."""
    if not path or path == "-":
        return POST
    if any(match_tail(p, path) for p in posts):
        return PageKind("post", "matched by 'posts'")
    if any(match_tail(p, path) for p in not_posts):
        return PageKind("partial", "matched by 'not-posts'")
    parts = path_segments(path)
    if not parts:
        return POST
    folders, name = parts[:-1], parts[-1]
    folder = _partial_folder(folders)
    if folder:
        return PageKind("partial", f"in a '{folder}' folder")
    stem = name.split(".", 1)[0]
    if stem.startswith("_") and stem != "_index":
        return PageKind("partial", "its name starts with '_'")
    meta = meta or {}
    own = _not_rendered(meta)
    if own:
        return PageKind("headless", own)
    inherited = _headless_above(path, stem)
    if inherited:
        return PageKind("headless", inherited)
    if stem == "_index":
        return PageKind("list", "a section's _index page")
    for key in ("layout", "type"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip().lower() in _HOME_LAYOUTS:
            return PageKind("list", f"a home page ({key}: {value.strip()})")
    if stem == "index" and any(tuple(folders[-len(f) :]) == f for f in _HOME_FOLDERS):
        return PageKind("list", "the site's home page")
    return POST


def _partial_folder(folders: list[str]) -> str:
    for entry in PARTIAL_FOLDERS:
        want = entry.split("/")
        n = len(want)
        if any(folders[i : i + n] == want for i in range(len(folders) - n + 1)):
            return entry
    return ""


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _not_rendered(meta: Mapping[str, Any]) -> str:
    """Why front matter ``meta`` keeps Hugo from rendering its page, or ''."""
    if _truthy(meta.get("headless")):
        return "headless: true"
    for key in ("build", "_build"):
        build = meta.get(key)
        if isinstance(build, Mapping):
            render = build.get("render")
            if render is False or (isinstance(render, str) and render.lower() in _NOT_RENDERED):
                return f"{key}: render: {str(render).lower()}"
    return ""


def _headless_above(path: str, stem: str) -> str:
    """Why a Hugo bundle or cascade above ``path`` keeps it from rendering."""
    try:
        if os.path.islink(path):
            here = str(Path(path).resolve().parent)
        else:  # the file's folder, resolved once per folder
            here = _resolved_folder(os.path.dirname(os.path.join(os.getcwd(), path)))
    except (OSError, RuntimeError, ValueError):
        return ""
    return _headless_in(here, stem)


def forget_folders() -> None:
    """Drop what was read of the folders above posts (bundles, cascades,
    resolved paths): a long-running process (``post-lint server``) calls it
    when a section or bundle page may have changed."""
    _folder_meta.cache_clear()
    _folders_above.cache_clear()
    _resolved_folder.cache_clear()


@lru_cache(maxsize=1024)
def _resolved_folder(folder: str) -> str:
    return str(Path(folder).resolve())


def _headless_in(folder_path: str, stem: str) -> str:
    """:func:`_headless_above` for a page ``stem`` in the (resolved) folder."""
    chain = _folders_above(folder_path)
    if not chain:
        return ""
    logical = _logical_path(Path(folder_path), stem)
    for level, (name, bundle_why, cascade) in enumerate(chain):
        if bundle_why and not (level == 0 and stem == "index"):
            return f"in a headless bundle ({name}/index.md has {bundle_why})"
        if cascade is not None:
            why = _cascaded(cascade, logical)
            if why:
                return f"cascaded from {name}/_index.md ({why})"
    return ""


@lru_cache(maxsize=1024)
def _folders_above(folder_path: str) -> tuple[tuple[str, str, Any], ...]:
    """The folders from ``folder_path`` up to ``content`` (at most
    MAX_LEVELS) that hold a bundle or section page, each with its name, why
    its ``index.md`` is not rendered ('' if it is, or there is none) and its
    ``_index.md``'s ``cascade`` (None without one): the same for every page
    below, so read once per folder."""
    chain: list[tuple[str, str, Any]] = []
    folder = Path(folder_path)
    for _ in range(MAX_LEVELS):
        bundle = _folder_meta(str(folder), "index")
        section = _folder_meta(str(folder), "_index")
        chain.append(
            (
                folder.name,
                _not_rendered(bundle) if bundle is not None else "",
                section.get("cascade") if section is not None else None,
            )
        )
        if folder.name == "content" or folder.parent == folder:
            break
        folder = folder.parent
    while chain and not chain[-1][1] and chain[-1][2] is None:
        chain.pop()  # nothing above decides: no need to look
    return tuple(chain)


def _logical_path(folder: Path, stem: str) -> str | None:
    """The page's Hugo path (``/docs/install``) below the nearest ``content``
    folder, a language folder (``content/en``) left out; None when no
    ``content`` folder is above it."""
    parts = folder.parts
    if "content" not in parts:
        return None
    i = len(parts) - 1 - parts[::-1].index("content")
    rest = list(parts[i + 1 :])
    if rest and _LANGUAGE_DIR.fullmatch(rest[0]):
        rest = rest[1:]
    if stem not in ("index", "_index"):
        rest.append(stem)
    return "/" + "/".join(rest)


def _cascaded(cascade: Any, logical: str | None) -> str:
    """Why a ``cascade`` value makes its descendants unrendered, or ''."""
    entries = cascade if isinstance(cascade, list) else [cascade]
    for entry in entries[:32]:
        if not isinstance(entry, Mapping):
            continue
        why = _not_rendered(entry)
        if not why:
            continue
        target = entry.get("_target", entry.get("target"))
        if isinstance(target, Mapping) and not _targets(target, logical):
            continue
        return why
    return ""


def _targets(target: Mapping[str, Any], logical: str | None) -> bool:
    """Whether a cascade ``_target`` can apply to a regular page at ``logical``."""
    kind = target.get("kind")
    if isinstance(kind, str) and kind and kind.lower() not in ("page", "section", "**", "*"):
        return False
    pattern = target.get("path")
    if isinstance(pattern, str) and pattern:
        if logical is None:
            return False
        return glob_match(pattern.lstrip("/") or "**", logical.lstrip("/"))
    return True


@lru_cache(maxsize=1024)
def _folder_meta(folder: str, stem: str) -> dict[str, Any] | None:
    """The front matter of ``folder/<stem>.md`` (or ``.markdown``), if any."""
    for suffix in (".md", ".markdown"):
        candidate = os.path.join(folder, stem + suffix)
        try:
            with open(candidate, "rb") as handle:
                data = handle.read(MAX_READ)
        except OSError:
            continue
        try:
            post = Post.from_text(data.decode("utf-8", "replace"), candidate)
        except Exception:  # a hostile file must never stop the run
            return None
        return dict(post.meta)
    return None
