"""Lint a set of files as a site (and :func:`lint_paths`, the API over it):
per-file results from the cache where the
file is unchanged, the per-post rules for the rest, then the site pass.

The site pass compares the entries of this run's files with each other and
with the entries the cache's index holds for the project's other files (when
a cache is in use), and adds the SITE findings to this run's files only.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..cache import Cache, content_digest, settings_key
from ..config import Config
from ..diagnostics import Diagnostic
from ..discover import display_path, iter_files
from ..errors import PostLintError
from ..linter import FileResult, _as_config, read_post, run
from ..post import Post
from ..rules.site import RULES as SITE_RULES
from ..rules.site import SITE_CODES
from ..suppress import Suppressions
from ..version import build_id
from .checks import SiteOptions, site_diagnostics
from .entry import SiteEntry, build_entry


def lint_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | dict | None = None,
    *,
    jobs: int | None = 1,
) -> list[Diagnostic]:
    """Lint files and folders (walked for Markdown) and return all diagnostics.

    When a folder is among ``paths``, its files are also compared with each
    other as a site (the SITE rules); the API uses no cache.
    """
    cfg = _as_config(config)  # a Config, or the tree of each file's nearest config
    given = [os.fspath(p) for p in paths]
    files = list(iter_files(given, cfg))
    site = any(os.path.isdir(p) for p in given)
    out: list[Diagnostic] = []
    for result in lint_as_site(files, cfg, jobs=jobs, site=site):
        if result.errors:
            raise PostLintError("; ".join(result.errors))
        out.extend(result.diagnostics)
    return out


def site_options(config: Config) -> SiteOptions:
    """The comparison settings from the SITE rules' configured options."""
    by_code = {r.code: config.options_of(r) for r in SITE_RULES}
    dup, para, title = by_code["SITE001"], by_code["SITE002"], by_code["SITE003"]
    return SiteOptions(
        duplicate_threshold=float(dup["threshold"]),
        duplicate_min_words=int(dup["min_words"]),
        paragraph_min_words=int(para["min_words"]),
        paragraph_min_posts=int(para["min_posts"]),
        quiet_boilerplate=bool(para["boilerplate"]),
        quiet_panels=bool(para["panels"]),
        quiet_series=bool(dup["series"]) and bool(para["series"]),
        title_window_days=int(title["window_days"]),
        parallel_trees=bool(dup["parallel_trees"]) and bool(para["parallel_trees"]),
        all_pages=bool(dup["all_pages"]) or bool(para["all_pages"]),
    )


def site_enabled(config: Config) -> bool:
    """Whether any SITE rule is selected."""
    return any(code in SITE_CODES for code in config.enabled_codes())


def _site_config(tree, files: Sequence[str]) -> Config:
    """The configuration the comparison reads (SITE options, selection): the
    one that applies to the first file (a site has one config in practice)."""
    return tree.config_for(files[0] if files else ".")


def _read(path: str, limit: int) -> tuple[bytes, os.stat_result] | None:
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    return (data, st) if len(data) <= limit else None


class _Keys:
    """Settings keys per file, computed once per distinct settings list."""

    def __init__(self, tree) -> None:
        self.tree = tree
        self._memo: dict[int, str] = {}

    def __call__(self, path: str) -> str:
        config = self.tree.config_for(path)
        settings = config.rules_for(path)
        key = self._memo.get(id(settings))
        if key is None:
            key = settings_key(f"{build_id()}:{config.max_file_size}", settings)
            self._memo[id(settings)] = key
        return key


def lint_as_site(
    files: Sequence[str],
    config: Config,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
    site: bool = True,
    root: Path | None = None,
    on_result=None,
) -> list[FileResult]:
    """Results of ``files`` in order, SITE findings included when ``site``
    (``config``: a Config or a ConfigTree; ``on_result`` as for ``run``)."""
    site = site and site_enabled(_site_config(config, files))
    keys = _Keys(config)
    results: list[FileResult | None] = [None] * len(files)
    known: dict[int, tuple[str, str, str, os.stat_result]] = {}
    misses: list[int] = []
    for i, f in enumerate(files):
        if cache is None or not _storable(f):
            misses.append(i)
            continue
        got = _read(f, config.config_for(f).max_file_size)
        if got is None:
            misses.append(i)
            continue
        data, st = got
        abs_path, digest, key = os.path.abspath(f), content_digest(data), keys(f)
        known[i] = (abs_path, digest, key, st)
        shown = display_path(f)
        hit = cache.results(abs_path, digest, key, shown)
        entry = _cached_entry(cache, abs_path) if hit is not None and site else None
        if hit is not None and (not site or entry is not None):
            r = FileResult(shown, hit)
            r.site_entry = entry
            results[i] = r
            if on_result is not None:
                on_result(r)
        else:
            misses.append(i)
    computed = run(
        [files[i] for i in misses],
        config,
        jobs=jobs,
        with_site=site or cache is not None,
        on_result=on_result,
    )
    for i, r in zip(misses, computed):
        results[i] = r
        if cache is not None and i in known and not r.errors:
            abs_path, digest, key, st = known[i]
            entry = r.site_entry.to_json() if r.site_entry is not None else None
            cache.put(abs_path, digest, key, st.st_size, st.st_mtime_ns, r.diagnostics, entry)
    final = [r for r in results if r is not None]
    if site:
        _site_pass(files, final, config, cache, root or Path.cwd())
    if cache is not None:
        cache.flush()
    return final


def site_pass_after_fix(
    files: Sequence[str],
    results: list[FileResult],
    config,
    cache: Cache | None,
    root: Path,
) -> None:
    """The site pass over files the fixer went through (``--fix``): each
    post's entry is built from the file as fixed (what is on disk now) and
    recorded in the index, and the SITE findings, which have no fixes, join
    what remains."""
    if not site_enabled(_site_config(config, files)):
        return
    for f, r in zip(files, results):
        if r.site_entry is not None or r.errors:
            continue
        own = config.config_for(f)
        got = _read(f, own.max_file_size)
        if got is None:
            continue
        data, st = got
        abs_path = os.path.abspath(f)
        r.site_entry = build_entry(Post.from_bytes(data, r.path), abs_path)
        if cache is not None and r.site_entry is not None and _storable(f):
            # Recorded without results (as the index records files it reads):
            # a later one-file run compares with it.
            entry = r.site_entry.to_json()
            cache.put(abs_path, content_digest(data), "", st.st_size, st.st_mtime_ns, None, entry)
    _site_pass(files, results, config, cache, root)
    if cache is not None:
        cache.flush()


def _storable(path: str) -> bool:
    """A path the cache can key (SQLite text is UTF-8; undecodable names are not)."""
    try:
        os.path.abspath(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _cached_entry(cache: Cache, abs_path: str) -> SiteEntry | None:
    got = cache.entry_json(abs_path)
    if got is None:
        return None
    try:
        return SiteEntry.from_json(got[1])
    except (ValueError, KeyError, TypeError):
        return None


def _index_entries(cache: Cache, config, root: Path, taken: set[str]) -> dict[str, SiteEntry]:
    """Entries of the project's other files from the index: unchanged files
    as recorded, changed ones read again, vanished or excluded ones dropped."""
    out: dict[str, SiteEntry] = {}
    for abs_path in list(cache.paths_below(str(root))):
        if abs_path in taken:
            continue
        try:
            st = os.stat(abs_path)
        except OSError:
            cache.forget(abs_path)
            continue
        own = config.config_for(abs_path)
        if own.is_excluded(abs_path):
            continue
        got = cache.entry_json(abs_path)
        entry: SiteEntry | None = None
        if got is not None and got[0].size == st.st_size and got[0].mtime_ns == st.st_mtime_ns:
            try:
                entry = SiteEntry.from_json(got[1])
            except (ValueError, KeyError, TypeError):
                entry = None
        if entry is None:
            read = _read(abs_path, own.max_file_size)
            if read is None:
                continue
            data, st = read
            post = Post.from_bytes(data, display_path(os.path.relpath(abs_path)))
            entry = build_entry(post, abs_path)
            if entry is None:
                continue
            # Recorded without results: the next run that lints it fills them in.
            cache.put(
                abs_path,
                content_digest(data),
                "",
                st.st_size,
                st.st_mtime_ns,
                None,
                entry.to_json(),
            )
        out[abs_path] = entry
    return out


def _site_pass(
    files: Sequence[str],
    results: list[FileResult],
    config: Config,
    cache: Cache | None,
    root: Path,
) -> None:
    mine: dict[str, FileResult] = {}
    entries: dict[str, SiteEntry] = {}
    for f, r in zip(files, results):
        if r.site_entry is not None:
            abs_path = os.path.abspath(f)
            entries[abs_path] = r.site_entry
            mine[abs_path] = r
    if cache is not None:
        entries.update(_index_entries(cache, config, root.resolve(), set(entries)))
    if len(entries) < 2:
        return
    main = _site_config(config, files)
    enabled = set(main.enabled_codes()) & SITE_CODES
    found = site_diagnostics(entries, set(mine), site_options(main), enabled, str(Path.cwd()))
    for abs_path, diags in found.items():
        r = mine[abs_path]
        own = config.config_for(r.path)
        allowed = {s.rule.code: s for s in own.rules_for(r.path) if s.rule.code in SITE_CODES}
        kept = [
            d.with_(path=r.path, name=allowed[d.code].rule.name, severity=allowed[d.code].severity)
            for d in diags
            if d.code in allowed
        ]
        if kept and r.site_entry.directives:
            kept = _unsuppressed(r.path, kept, own)
        if kept:
            r.diagnostics = sorted([*r.diagnostics, *kept], key=Diagnostic.sort_key)


def _unsuppressed(path: str, diags: list[Diagnostic], config: Config) -> list[Diagnostic]:
    post, _ = read_post(path, config)
    sup = Suppressions.from_post(post)
    return [d for d in diags if not sup.hides(d)]
