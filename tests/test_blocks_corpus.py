"""Opt-in: the blocks every rule reads are the ones the old parser gave.

post-lint moved from markdown-it-py to pyromark (pulldown-cmark) for speed
(issue 19). ``tests/data/blocks-fingerprint.tsv.gz`` holds, for every file of
../shared/corpus and ../shared/corpus-docs, a hash of the blocks the old parser
produced (kind, line span, containers, prose, level, shape flags, images, code
info string), recorded by ``bench/blocks_equivalence.py --record`` before the
switch. Every file must give the same hash today, except the few listed in
``tests/data/blocks-differences.tsv``, where the old view was wrong (the reason
is given per file) and the new view's hash is pinned instead.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import pytest

from post_lint.post import Block, Post

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
FINGERPRINT = DATA / "blocks-fingerprint.tsv.gz"
DIFFERENCES = DATA / "blocks-differences.tsv"
_SHARED = Path(os.environ.get("POST_LINT_CORPUS", ROOT.parent / "shared" / "corpus")).parent
CORPORA = {"corpus": _SHARED / "corpus", "corpus-docs": _SHARED / "corpus-docs"}
EXTENSIONS = (".md", ".markdown", ".mdx")


def corpus_paths(root: Path) -> list[Path]:
    """Every Markdown file under ``root``, sorted (hidden folders skipped)."""
    found = [
        p
        for p in root.rglob("*")
        if p.suffix.lower() in EXTENSIONS
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return sorted(found)


def block_fingerprint(blocks: Iterable[Block]) -> str:
    """A short hash of everything a rule can read from a post's blocks."""
    h = hashlib.blake2b(digest_size=8)
    for b in blocks:
        h.update(
            repr(
                (
                    b.kind,
                    b.start_line,
                    b.end_line,
                    b.containers,
                    b.prose,
                    b.level,
                    b.link_only,
                    b.image_only,
                    b.emphasis_only,
                    b.images,
                    b.info,
                )
            ).encode("utf-8")
        )
    return h.hexdigest()


def _read_tsv(path: Path, opener=open) -> list[dict[str, str]]:
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_blocks_match_the_old_parser_on_the_corpus():
    present = {name: root for name, root in CORPORA.items() if root.is_dir()}
    if not present:
        pytest.skip("../shared/corpus is not present")
    old = {(r["corpus"], r["path"]): r["fingerprint"] for r in _read_tsv(FINGERPRINT, gzip.open)}
    known = {(r["corpus"], r["path"]): r for r in _read_tsv(DIFFERENCES)}
    unexpected: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name, root in present.items():
        for path in corpus_paths(root):
            key = (name, path.relative_to(root).as_posix())
            seen.add(key)
            new = block_fingerprint(Post.from_bytes(path.read_bytes(), key[1]).blocks)
            if key in known:
                if new != known[key]["new"]:
                    unexpected.append(f"{key}: changed again ({known[key]['reason']})")
            elif new != old.get(key):
                unexpected.append(f"{key}: blocks differ from the old parser's")
    assert not unexpected, "\n".join(unexpected[:20])
    recorded = {k for k in old if k[0] in present}
    assert recorded == seen, "the corpus changed: re-record with bench/blocks_equivalence.py"
