"""Precision on the labelled samples: what each code reports that is a real defect.

Every ``bench/data/labels-*.tsv`` (one per family or helper: labels-dup.tsv,
labels-fm.tsv, labels-rt.tsv, ...) is a TSV file with the header::

    corpus	path	line	code	label	note

where ``corpus`` is ``corpus`` or ``corpus-docs`` (a folder of
``../shared``), ``path`` is relative to it, ``line`` is the finding's line,
``label`` is ``real`` (a defect the site owner would fix), ``on-purpose``
(the text does what the rule says, deliberately) or ``misread`` (the rule
got the text wrong), and ``note`` says why. Lines starting with ``#`` are
comments. A row may come from an older run: the sample is drawn before and
after a change, so the labels outlive the findings.

The script re-lints every labelled file with the default settings (as
``post-lint --isolated`` does) and prints, per code:

- ``findings``: what the code reports now in the labelled files;
- ``labelled``: how many of those have a label (same corpus, path, line, code);
- ``real``: how many of the labelled ones are labelled real, and the share;
- ``new``: findings without a label (label them: a sample is only as good
  as its coverage);
- ``lost``: rows labelled real that no longer fire (a lost real defect).

Usage::

    .venv/bin/python bench/precision.py                    # every labels-*.tsv
    .venv/bin/python bench/precision.py --select DUP --show new,lost
    .venv/bin/python bench/precision.py --labels bench/data/labels-dup.tsv

    # draw a seeded sample of findings to label (prints TSV rows, label empty):
    .venv/bin/post-lint --isolated --exit-zero --output-format json --select DUP \\
        ../shared/corpus-docs > /tmp/dup.json
    .venv/bin/python bench/precision.py --draw /tmp/dup.json --n 40 --seed 7

Exit status 0; 1 when a labels file is malformed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from post_lint import Config, lint_text  # noqa: E402

DATA = ROOT / "bench" / "data"
SHARED = Path(os.environ.get("POST_LINT_SHARED", ROOT.parent / "shared"))
HEADER = ["corpus", "path", "line", "code", "label", "note"]
LABELS = ("real", "on-purpose", "misread")
CORPORA = ("corpus", "corpus-docs")


@dataclass(frozen=True)
class Label:
    corpus: str
    path: str
    line: int
    code: str
    label: str
    note: str
    source: str  # labels file and line, for messages

    @property
    def key(self) -> tuple[str, str, int, str]:
        return (self.corpus, self.path, self.line, self.code)


class LabelError(ValueError):
    pass


def read_labels(files: Iterable[Path]) -> list[Label]:
    """Every row of the labels files; a later row for the same finding wins."""
    rows: dict[tuple[str, str, int, str], Label] = {}
    for f in files:
        with f.open(encoding="utf-8", newline="") as fh:
            lines = [line for line in fh if line.strip() and not line.startswith("#")]
        reader = csv.reader(lines, delimiter="\t")
        header = next(reader, None)
        if header != HEADER:
            raise LabelError(f"{f}: header must be {' '.join(HEADER)!r}, not {header!r}")
        for n, row in enumerate(reader, 2):
            where = f"{f.name}:{n}"
            if len(row) < 5:
                raise LabelError(f"{where}: expected {len(HEADER)} tab-separated fields")
            corpus, path, line, code, label = (x.strip() for x in row[:5])
            note = row[5].strip() if len(row) > 5 else ""
            if corpus not in CORPORA:
                raise LabelError(f"{where}: corpus must be one of {CORPORA}, not {corpus!r}")
            if label not in LABELS:
                raise LabelError(f"{where}: label must be one of {LABELS}, not {label!r}")
            if not line.isdigit():
                raise LabelError(f"{where}: line must be a number, not {line!r}")
            item = Label(corpus, path, int(line), code, label, note, where)
            rows[item.key] = item
    return list(rows.values())


def lint_files(files: Iterable[tuple[str, str]], shared: Path) -> dict[tuple[str, str], list]:
    """Findings per (corpus, path), linted as ``post-lint --isolated`` would."""
    config = Config()
    out = {}
    for corpus, path in sorted(set(files)):
        full = shared / corpus / path
        try:
            data = full.read_bytes()
        except OSError as exc:
            print(f"warning: {corpus}/{path}: {exc.strerror}", file=sys.stderr)
            out[(corpus, path)] = []
            continue
        out[(corpus, path)] = lint_text(data, str(full), config)
    return out


def report(labels: Sequence[Label], findings: dict, select: Sequence[str], show: set[str]) -> None:
    by_key = {lab.key: lab for lab in labels}

    def wanted(code: str) -> bool:
        return not select or any(code.startswith(s) for s in select)

    stats: dict[str, Counter] = defaultdict(Counter)
    new: dict[str, list[str]] = defaultdict(list)
    firing: set[tuple[str, str, int, str]] = set()
    for (corpus, path), diags in findings.items():
        for d in diags:
            if not wanted(d.code):
                continue
            key = (corpus, path, d.line, d.code)
            firing.add(key)
            st = stats[d.code]
            st["findings"] += 1
            lab = by_key.get(key)
            if lab is None:
                st["new"] += 1
                new[d.code].append(f"{corpus}\t{path}\t{d.line}\t{d.code}\t\t{d.message}")
            else:
                st["labelled"] += 1
                st[lab.label] += 1
    lost: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        if wanted(lab.code) and lab.label == "real" and lab.key not in firing:
            lost[lab.code].append(lab)
            stats[lab.code]["lost"] += 1
    for lab in labels:
        if wanted(lab.code):
            stats[lab.code]["rows"] += 1
    print("| code | findings | labelled | real | on-purpose | misread | real share | new | lost |")
    print("|---|---|---|---|---|---|---|---|---|")
    for code in sorted(stats):
        st = stats[code]
        share = f"{st['real'] / st['labelled']:.0%}" if st["labelled"] else "-"
        print(
            f"| {code} | {st['findings']} | {st['labelled']} | {st['real']} | {st['on-purpose']} "
            f"| {st['misread']} | {share} | {st['new']} | {st['lost']} |"
        )
    print(f"\n{len(labels)} labelled rows; {len(findings)} files re-linted")
    if "new" in show:
        for code in sorted(new):
            print(f"\nnew {code} (unlabelled; TSV rows to label):")
            for row in new[code]:
                print("  " + row)
    if "lost" in show or any(lost.values()):
        for code in sorted(lost):
            print(f"\nlost {code} (labelled real, no longer reported):")
            for lab in lost[code]:
                print(f"  {lab.corpus}/{lab.path}:{lab.line} ({lab.source}) {lab.note}")


def draw(findings_json: Path, n: int, seed: int, shared: Path) -> None:
    """Print ``n`` seeded findings of a JSON run as TSV rows to label."""
    items = json.loads(findings_json.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    rng.shuffle(items)
    print("\t".join(HEADER))
    for d in items[:n]:
        full = Path(d["path"]).resolve()
        corpus, rel = "", d["path"]
        for c in CORPORA:
            base = (shared / c).resolve()
            if full.is_relative_to(base):
                corpus, rel = c, full.relative_to(base).as_posix()
        print("\t".join([corpus, rel, str(d["line"]), d["code"], "", d["message"]]))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument(
        "--labels", type=Path, nargs="*", help="labels files (default: every labels-*.tsv)"
    )
    ap.add_argument("--select", default="", help="code prefixes, comma-separated (default: all)")
    ap.add_argument("--show", default="", help="also list: new, lost (comma-separated)")
    ap.add_argument(
        "--shared", type=Path, default=SHARED, help="folder holding corpus/ and corpus-docs/"
    )
    ap.add_argument(
        "--draw", type=Path, metavar="FINDINGS.json", help="draw a sample to label instead"
    )
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.draw:
        draw(args.draw, args.n, args.seed, args.shared)
        return 0
    files = args.labels if args.labels else sorted(DATA.glob("labels-*.tsv"))
    if not files:
        print(f"no labels files in {DATA}", file=sys.stderr)
        return 0
    try:
        labels = read_labels(files)
    except (LabelError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    select = [s.strip() for s in args.select.split(",") if s.strip()]
    show = {s.strip() for s in args.show.split(",") if s.strip()}
    findings = lint_files(((lab.corpus, lab.path) for lab in labels), args.shared)
    print(f"labels: {', '.join(f.name for f in files)}\n")
    report(labels, findings, select, show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
