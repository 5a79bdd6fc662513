"""Baselines: adopt post-lint on a site with existing findings.

``post-lint --write-baseline FILE`` records today's findings;
``post-lint --baseline FILE`` (or ``baseline = "FILE"`` in the config)
then reports only findings that are not in it. A finding is matched by its
path (relative to the baseline file's folder), its code and its
*fingerprint*: a hash of the code and the finding's own text (the flagged
range, or its whole line when the range is empty), whitespace collapsed.
Line numbers and messages are not part of it, so a baseline survives edits
elsewhere in the file: paragraphs added above, lines shifting, a reading
time recomputed. Identical findings in one file are counted: a baseline with
two copies of a repeated paragraph silences two, and a third is new.

The same fingerprint keys GitLab Code Quality issues (one home for it).

The file is JSON, sorted, one finding per line of the ``findings`` list
(readable in a diff), with ``line`` and ``message`` kept for people::

    {"post-lint-baseline": 1, "post-lint-version": "0.1.0", "findings": [
      {"path": "content/a.md", "code": "DUP001", "fingerprint": "…", "line": 12,
       "message": "paragraph repeats the one at line 4"}]}

A missing, unreadable or corrupt file, or another format version, is an
error (exit 2) naming the file.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath

from .atomic import replace_atomically
from .diagnostics import Diagnostic
from .errors import PostLintError
from .records import dataclass, field

FORMAT = 1
#: Longest stretch of a finding's text that is hashed (a range can be a whole post).
MAX_KEY_CHARS = 4000


def finding_text(d: Diagnostic, post) -> str:
    """The text a finding points at (its range, or its line when the range is
    empty; nothing for an empty range at 1:1, a finding about the whole
    file), whitespace collapsed."""
    lines = post.lines
    if not post.text:
        return ""
    start = lines.offset(d.line, d.column)
    end = lines.offset(d.end_line or d.line, d.end_column or d.column)
    text = post.text[start:end] if end > start else ""
    if not text.strip():
        if (d.line, d.column) == (1, 1) and end <= start:
            return ""  # about the whole file (FM001): line 1 is not its text
        text = lines.line(d.line)
    return " ".join(text[:MAX_KEY_CHARS].split())


def fingerprint(d: Diagnostic, post) -> str:
    """The line-free identity of a finding within its file."""
    key = f"{d.code}\x00{finding_text(d, post)}"
    return _blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def fingerprint_of(d: Diagnostic) -> str:
    """The fingerprint the linter attached; for a diagnostic made elsewhere, a
    hash of the code and the message with its numbers left out."""
    fp = d.extra.get("fingerprint") if d.extra else None
    if fp:
        return fp
    import re

    key = f"{d.code}\x00{re.sub(r'[0-9][0-9,]*', '#', d.message)}"
    return _blake2b(key.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


def _blake2b(data: bytes, digest_size: int):
    """``hashlib.blake2b``: the same function, from CPython's ``_blake2``
    where it is there (``import hashlib`` also loads OpenSSL: ~4 ms of every
    run, which fingerprints each finding)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - an interpreter without it
        from hashlib import blake2b
    return blake2b(data, digest_size=digest_size)


def _rel(path: str, folder: Path) -> str:
    if path == "-":
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), folder)
    except ValueError:
        rel = path
    return PurePath(rel).as_posix()


@dataclass
class Baseline:
    """The findings recorded in one baseline file."""

    path: Path
    #: (relative path, code, fingerprint) -> how many
    counts: Counter = field(default_factory=Counter)
    entries: list[dict] = field(default_factory=list)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        p = Path(path)
        where = f"baseline {os.fspath(path)}"
        try:
            raw = p.read_bytes()
        except FileNotFoundError:
            raise PostLintError(
                f"{where}: no such file (create it with --write-baseline {os.fspath(path)})"
            ) from None
        except OSError as exc:
            raise PostLintError(f"{where}: cannot read: {exc.strerror or exc}") from None
        import json  # (only where a baseline is read or written: ~3 ms at start-up)

        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PostLintError(
                f"{where}: not a post-lint baseline (invalid JSON: {exc})"
            ) from None
        if not isinstance(data, dict) or "post-lint-baseline" not in data:
            raise PostLintError(f"{where}: not a post-lint baseline (no 'post-lint-baseline' key)")
        version = data["post-lint-baseline"]
        if version != FORMAT:
            raise PostLintError(
                f"{where}: baseline format {version!r} is not the one this post-lint reads "
                f"({FORMAT}); write it again with --write-baseline"
            )
        findings = data.get("findings")
        if not isinstance(findings, list):
            raise PostLintError(f"{where}: 'findings' must be a list")
        base = cls(p.resolve())
        for i, entry in enumerate(findings):
            if not (
                isinstance(entry, dict)
                and all(isinstance(entry.get(k), str) for k in ("path", "code", "fingerprint"))
            ):
                raise PostLintError(
                    f"{where}: finding {i + 1} needs string 'path', 'code' and 'fingerprint'"
                )
            base.counts[(entry["path"], entry["code"], entry["fingerprint"])] += 1
            base.entries.append(entry)
        return base

    def key(self, d: Diagnostic) -> tuple[str, str, str]:
        return (_rel(d.path, self.path.parent), d.code, fingerprint_of(d))

    def filter(self, diagnostics: Iterable[Diagnostic]) -> tuple[list[Diagnostic], int]:
        """The diagnostics not in the baseline, and how many were."""
        left = Counter(self.counts)
        shown, silenced = [], 0
        for d in diagnostics:
            k = self.key(d)
            if left[k] > 0:
                left[k] -= 1
                silenced += 1
            else:
                shown.append(d)
        return shown, silenced


def write_baseline(
    path: str | os.PathLike[str],
    diagnostics: Sequence[Diagnostic],
    linted: Iterable[str],
    version: str = "",
) -> int:
    """Record ``diagnostics`` in the baseline at ``path`` (atomically). Entries
    of an existing baseline for files not ``linted`` in this run are kept, so
    a partial run updates only its files. ``version`` is post-lint's, kept for
    people. Returns the number of entries."""
    target = Path(path).resolve()
    folder = target.parent
    kept: list[dict] = []
    if target.exists():
        try:
            old = Baseline.load(target)
        except PostLintError:
            old = None  # replaced as a whole
        if old is not None:
            done = {_rel(p, folder) for p in linted}
            kept = [e for e in old.entries if e["path"] not in done]
    new = [
        {
            "path": _rel(d.path, folder),
            "code": d.code,
            "fingerprint": fingerprint_of(d),
            "line": d.line,
            "message": d.message,
        }
        for d in diagnostics
    ]
    import json

    entries = sorted(kept + new, key=lambda e: (e["path"], e.get("line", 0), e["code"]))
    body = ",\n".join("    " + json.dumps(e, ensure_ascii=False, sort_keys=True) for e in entries)
    text = (
        "{\n"
        f'  "post-lint-baseline": {FORMAT},\n'
        f'  "post-lint-version": {json.dumps(version)},\n'
        '  "findings": [\n' + body + ("\n" if body else "") + "  ]\n}\n"
    )
    write_text_atomic(target, text)
    return len(entries)


def write_text_atomic(target: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` through a temporary file and a rename."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_atomically(str(target), text.encode("utf-8"))
    except OSError as exc:
        raise PostLintError(f"{target}: cannot write: {exc.strerror or exc}") from None
