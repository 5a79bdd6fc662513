"""The results cache and the site index, in one SQLite file per project.

``.post-lint-cache/cache.sqlite3`` under the project root (the folder of the
config file in use, else the nearest folder above the working folder that
holds ``.git``, else the working folder; ``--cache-dir`` names another):

- **per-file results**: the diagnostics of a file, keyed by its path, the
  BLAKE2 digest of its bytes and a key made of post-lint's build (its
  version and a fingerprint of its code, :func:`post_lint.version.build_id`)
  and the effective settings that apply to the file; a file whose bytes,
  settings or post-lint build changed is linted again (a newer post-lint of
  the same version number, from another git revision, included);
- **the site index**: each file's :class:`~post_lint.site.SiteEntry` (title,
  URLs, signatures, paragraph digests), so a run given one file still
  compares it with the rest of the site.

Safe by construction: SQLite's locking serialises concurrent runs (a run that
cannot get the lock in time goes on without the cache); every row is checked
when read and a row that does not decode is a miss; a file that is not a
database, or is damaged, is set aside and a fresh one started; nothing from
the cache is ever executed. The cache is an optimisation: any failure means
linting from scratch, never a wrong or missing finding.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Edit, Fix
from .records import dataclass

CACHE_DIR_NAME = ".post-lint-cache"
DB_NAME = "cache.sqlite3"
#: Layout of the tables; a cache written with another is started afresh.
SCHEMA_VERSION = 1
#: Rows larger than this are not trusted (a hostile cache stays bounded).
MAX_ROW_BYTES = 8 * 1024 * 1024
#: Rows written per transaction: what a run holds before writing them out.
BATCH_ROWS = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    key TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    diagnostics TEXT,
    entry TEXT
);
"""


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def project_root(start: Path | None = None, config_file: Path | None = None) -> Path:
    """Where the cache lives by default (see the module docstring)."""
    if config_file is not None:
        return config_file.resolve().parent
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


# -- diagnostics <-> JSON ------------------------------------------------------------


def diagnostic_to_json(d: Diagnostic) -> dict[str, Any]:
    data = d.to_dict()
    del data["path"]
    if d.fix is not None:
        data["fix"]["message"] = d.fix.message
    if d.extra:
        data["extra"] = d.extra
    return data


def diagnostic_from_json(data: Any, path: str) -> Diagnostic:
    """Rebuild a diagnostic; raises (KeyError, TypeError, ValueError) on anything else."""
    if not isinstance(data, dict):
        raise ValueError("not a diagnostic")
    fix = None
    if data.get("fix") is not None:
        f = data["fix"]
        if f["applicability"] not in ("safe", "unsafe"):
            raise ValueError("bad applicability")
        edits = tuple(
            Edit(
                int(e["line"]),
                int(e["column"]),
                int(e["end_line"]),
                int(e["end_column"]),
                str(e["content"]),
            )
            for e in f["edits"]
        )
        fix = Fix(f["applicability"], edits, str(f.get("message", "")))
    extra = data.get("extra") or {}
    if not isinstance(extra, dict):
        raise ValueError("bad extra")
    return Diagnostic(
        code=str(data["code"]),
        line=int(data["line"]),
        column=int(data["column"]),
        message=str(data["message"]),
        end_line=int(data["end_line"]),
        end_column=int(data["end_column"]),
        fix=fix,
        path=path,
        name=str(data["name"]),
        severity=str(data["severity"]),
        extra=extra,
    )


# -- the cache ------------------------------------------------------------------------


@dataclass
class Row:
    digest: str
    key: str
    size: int
    mtime_ns: int
    diagnostics: str | None
    entry: str | None


class Cache:
    """One project's cache file; every method swallows database failures."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._db: sqlite3.Connection | None = None
        self._pending: list[tuple[Any, ...]] = []
        self._pending_paths: set[str] = set()
        self._gone: list[str] = []
        self._warned_write = False
        self.broken = False

    # connection -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.broken:
            return self._db
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by post-lint automatically.\n*\n", encoding="utf-8")
            self._db = self._open()
        except (OSError, sqlite3.Error) as exc:
            self._warn(f"cache disabled ({exc})")
            self.broken = True
            self._db = None
        return self._db

    def _open(self) -> sqlite3.Connection:
        for attempt in range(2):
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            try:
                db.execute("PRAGMA trusted_schema = OFF")
                db.execute("PRAGMA cell_size_check = ON")
                db.executescript(_SCHEMA)
                row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None:
                    db.execute(
                        "INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),)
                    )
                elif row[0] != str(SCHEMA_VERSION):
                    raise sqlite3.DatabaseError("cache written by another post-lint")
                db.execute("PRAGMA quick_check").fetchone()
                return db
            except sqlite3.DatabaseError:
                db.close()
                if attempt:
                    raise
                self._set_aside()
        raise AssertionError("unreachable")

    def _set_aside(self) -> None:
        """Move a damaged or foreign cache file out of the way (kept for a look)."""
        for suffix in ("", "-wal", "-shm", "-journal"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                try:
                    os.replace(p, str(p) + ".bad")
                except OSError:
                    p.unlink(missing_ok=True)

    @staticmethod
    def _warn(message: str) -> None:
        print(f"post-lint: warning: {message}", file=sys.stderr)

    # reading ------------------------------------------------------------------------

    def _row(self, path: str) -> Row | None:
        """The row of ``path`` (a point lookup: the table is never held in
        memory, so a 100k-post index costs what one row costs); None for no
        row, or one that does not decode."""
        self._flush_if_pending(path)
        db = self._connect()
        if db is None:
            return None
        try:
            got = db.execute(
                "SELECT digest, key, size, mtime_ns, diagnostics, entry FROM files WHERE path = ?",
                (path,),
            ).fetchone()
        except sqlite3.Error as exc:
            self._warn(f"cache unreadable, starting afresh ({exc})")
            self._reset()
            return None
        if got is None:
            return None
        digest, key, size, mtime, diags, entry = got
        if not isinstance(digest, str) or not isinstance(size, int) or not isinstance(mtime, int):
            return None
        if not isinstance(diags, (str, type(None))) or not isinstance(entry, (str, type(None))):
            return None
        if len(diags or "") + len(entry or "") > MAX_ROW_BYTES:
            return None
        return Row(digest, str(key), size, mtime, diags, entry)

    def _reset(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        self._set_aside()
        self.broken = False

    def results(self, path: str, digest: str, key: str, shown: str) -> list[Diagnostic] | None:
        """The cached diagnostics of a file with these bytes and settings, or None."""
        row = self._row(path)
        if row is None or row.digest != digest or row.key != key or row.diagnostics is None:
            return None
        try:
            return [diagnostic_from_json(d, shown) for d in json.loads(row.diagnostics)]
        except (ValueError, KeyError, TypeError):
            return None

    def entry_json(self, path: str, key: str | None = None) -> tuple[Row, Any] | None:
        row = self._row(path)
        if row is None or row.entry is None or (key is not None and row.key != key):
            return None
        try:
            return row, json.loads(row.entry)
        except ValueError:
            return None

    def paths_below(self, root: str, limit: int = -1) -> list[str]:
        """The paths the cache holds below ``root`` (a range scan of the key),
        at most ``limit`` of them (-1: all; 1 asks whether there is any)."""
        self.flush()
        db = self._connect()
        if db is None:
            return []
        prefix = root.rstrip(os.sep) + os.sep
        end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        try:
            return [
                p
                for (p,) in db.execute(
                    "SELECT path FROM files WHERE path >= ? AND path < ? LIMIT ?",
                    (prefix, end, limit),
                )
                if isinstance(p, str)
            ]
        except sqlite3.Error as exc:
            self._warn(f"cache unreadable, starting afresh ({exc})")
            self._reset()
            return []

    # writing ------------------------------------------------------------------------

    def put(
        self,
        path: str,
        digest: str,
        key: str,
        size: int,
        mtime_ns: int,
        diagnostics: Iterable[Diagnostic] | None,
        entry: dict[str, Any] | None,
    ) -> None:
        diags = (
            json.dumps([diagnostic_to_json(d) for d in diagnostics], ensure_ascii=False)
            if diagnostics is not None
            else None
        )
        blob = json.dumps(entry, ensure_ascii=False) if entry is not None else None
        self._pending.append((path, digest, key, size, mtime_ns, diags, blob))
        self._pending_paths.add(path)
        if len(self._pending) >= BATCH_ROWS:
            self.flush()

    def forget(self, path: str) -> None:
        self._gone.append(path)
        self._pending_paths.add(path)

    def _flush_if_pending(self, path: str) -> None:
        if path in self._pending_paths:
            self.flush()

    def flush(self) -> None:
        """Write what this run learnt so far, one transaction per batch of
        rows (so memory stays bounded on a large site; skipped when locked)."""
        if not self._pending and not self._gone:
            return
        db = self._connect()
        if db is None:
            self._pending.clear()
            self._gone.clear()
            self._pending_paths.clear()
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", self._pending
            )
            db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in self._gone])
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if not self._warned_write:
                self._warn(f"cache not updated ({exc})")
                self._warned_write = True
        self._pending.clear()
        self._gone.clear()
        self._pending_paths.clear()

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


def settings_key(version: str, settings: Iterable[Any]) -> str:
    """The cache key of a file's effective settings (rules, severities, options)."""
    canon = [
        (s.rule.code, s.severity, sorted((k, repr(v)) for k, v in s.options.items()))
        for s in settings
    ]
    from .site.entry import ENTRY_VERSION

    blob = json.dumps([version, SCHEMA_VERSION, ENTRY_VERSION, canon], default=str)
    return hashlib.blake2b(blob.encode("utf-8"), digest_size=12).hexdigest()
