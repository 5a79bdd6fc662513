"""The seeded recall harness shared by ``bench/recall_*.py`` (not part of the package).

A recall script plants one defect kind at a time into copies of real posts from
``../shared/corpus`` (never into the corpus itself), lints each copy in memory
and counts how often the expected code fires at the expected place; it also
lints the untouched posts and counts the files where the selected codes fire
(false alarms, to be read by a person). Everything is seeded, so a run is
repeatable.

A planter is a function ``(post, rng) -> Plant | None``: it gets a sampled
:class:`Sample` (its text, language and parsed :class:`post_lint.Post`) and a
``random.Random``; it returns the damaged text with the codes that must fire and
the lines where they may fire, or None when the post does not suit the kind
(a post without a list cannot have its last list item cut).

Usage from a recall script::

    from harness import Plant, main

    def cut_mid_word(sample, rng):
        ...
        return Plant(text, codes={"TRN004"}, lines=range(n, n + 1))

    if __name__ == "__main__":
        main({"cut-mid-word": cut_mid_word}, select=["TRN"])

which gives ``--per-lang N``, ``--seed S``, ``--kinds a,b``, ``--show-misses K``,
``--json``, ``--tsv FILE``, ``--dump-misses DIR`` and ``--corpus DIR``; it prints recall per kind and language and the
false alarms on the untouched sample.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from post_lint import Post, lint_text  # noqa: E402

DEFAULT_CORPUS = Path(os.environ.get("POST_LINT_CORPUS", ROOT.parent / "shared" / "corpus"))
LANGS = ("en", "ja", "zh")

_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HAN = regex.compile(r"\p{Han}")
_LATIN_WORD = regex.compile(r"\p{Latin}+")


def language_of(text: str) -> str:
    """``ja`` (kana present), ``zh`` (Han without kana) or ``en``, by the body's
    script counts: a post is CJK when its CJK characters outnumber its Latin words."""
    kana = len(_KANA.findall(text))
    han = len(_HAN.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    if kana + han <= latin:
        return "en"
    return "ja" if kana >= max(20, han // 20) else "zh"


@dataclass
class Sample:
    """One untouched corpus post."""

    path: Path
    text: str
    lang: str
    post: Post

    @property
    def name(self) -> str:
        """The path post-lint is told (the corpus-relative path, so per-file
        settings such as posts folders apply as on the real site)."""
        return str(self.path)


@dataclass
class Plant:
    """A damaged copy: the text, the codes of which one must fire, and the
    1-based lines where it may fire (None: anywhere)."""

    text: str
    codes: frozenset[str] | set[str]
    lines: Iterable[int] | None = None
    #: What was planted, for the misses listing.
    note: str = ""


@dataclass
class Outcome:
    kind: str
    lang: str
    path: Path
    found: bool
    note: str = ""
    got: list[str] = field(default_factory=list)
    #: The damaged text (kept for ``--dump-misses``).
    text: str = ""


Planter = Callable[[Sample, random.Random], "Plant | None"]


def corpus_posts(corpus: Path) -> list[Path]:
    """Every Markdown file of the corpus, sorted (the MANIFEST's folders)."""
    files: list[Path] = []
    for folder, dirs, names in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(folder, n) for n in names if n.endswith((".md", ".markdown")))
    return sorted(files)


def sample_posts(
    corpus: Path, per_lang: int, seed: int, min_body_chars: int = 400
) -> dict[str, list[Sample]]:
    """``per_lang`` posts per language, drawn with ``seed`` from posts whose
    body has at least ``min_body_chars`` characters and that lint without error."""
    rng = random.Random(seed)
    paths = corpus_posts(corpus)
    rng.shuffle(paths)
    out: dict[str, list[Sample]] = {lang: [] for lang in LANGS}
    for path in paths:
        if all(len(v) >= per_lang for v in out.values()):
            break
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        post = Post.from_text(text, str(path))
        if len(post.body.strip()) < min_body_chars:
            continue
        lang = language_of(post.body)
        if len(out[lang]) < per_lang:
            out[lang].append(Sample(path, text, lang, post))
    return out


def run(
    planters: Mapping[str, Planter],
    samples: Mapping[str, Sequence[Sample]],
    config: Mapping | None,
    seed: int,
) -> list[Outcome]:
    """Plant every kind into every sample (where it suits) and lint the copies."""
    outcomes: list[Outcome] = []
    for kind, planter in planters.items():
        for lang, posts in samples.items():
            for i, sample in enumerate(posts):
                rng = random.Random(f"{seed}:{kind}:{lang}:{i}")
                plant = planter(sample, rng)
                if plant is None:
                    continue
                diags = lint_text(plant.text, sample.name, dict(config or {}))
                lines = None if plant.lines is None else set(plant.lines)
                hits = [
                    d for d in diags if d.code in plant.codes and (lines is None or d.line in lines)
                ]
                outcomes.append(
                    Outcome(
                        kind,
                        lang,
                        sample.path,
                        bool(hits),
                        plant.note,
                        [f"{d.line}:{d.code}" for d in diags],
                        "" if hits else plant.text,
                    )
                )
    return outcomes


def false_alarms(
    samples: Mapping[str, Sequence[Sample]], config: Mapping | None
) -> list[tuple[Path, list[str]]]:
    """Untouched samples on which the selected codes fire: (path, findings)."""
    found = []
    for posts in samples.values():
        for sample in posts:
            diags = lint_text(sample.text, sample.name, dict(config or {}))
            if diags:
                found.append((sample.path, [f"{d.line}:{d.code} {d.message}" for d in diags]))
    return found


def recall_table(outcomes: Sequence[Outcome]) -> list[dict]:
    """Rows of kind, lang, planted, found, recall."""
    rows = []
    keys = sorted({(o.kind, o.lang) for o in outcomes}, key=lambda k: (k[0], LANGS.index(k[1])))
    for kind, lang in keys:
        these = [o for o in outcomes if o.kind == kind and o.lang == lang]
        found = sum(o.found for o in these)
        rows.append(
            {
                "kind": kind,
                "lang": lang,
                "planted": len(these),
                "found": found,
                "recall": found / len(these) if these else 0.0,
            }
        )
    return rows


def print_report(
    outcomes: Sequence[Outcome],
    alarms: Sequence[tuple[Path, list[str]]],
    n_untouched: int,
    show_misses: int,
    out=sys.stdout,
) -> None:
    rows = recall_table(outcomes)
    print("| kind | lang | planted | found | recall |", file=out)
    print("|---|---|---|---|---|", file=out)
    for r in rows:
        print(
            f"| {r['kind']} | {r['lang']} | {r['planted']} | {r['found']} | {r['recall']:.0%} |",
            file=out,
        )
    share = len(alarms) / n_untouched if n_untouched else 0.0
    print(
        f"\nfalse alarms on the untouched sample: {len(alarms)} of {n_untouched} files"
        f" ({share:.2%})",
        file=out,
    )
    for path, found in alarms:
        print(f"  {path}: {'; '.join(found)[:300]}", file=out)
    if show_misses:
        print("\nmisses:", file=out)
        by_kind: dict[tuple[str, str], int] = {}
        for o in outcomes:
            if o.found:
                continue
            k = (o.kind, o.lang)
            if by_kind.get(k, 0) >= show_misses:
                continue
            by_kind[k] = by_kind.get(k, 0) + 1
            print(f"  {o.kind}/{o.lang} {o.path}: {o.note[:160]!r} -> {o.got[:6]}", file=out)


def main(
    planters: Mapping[str, Planter],
    select: Sequence[str],
    argv: Sequence[str] | None = None,
    description: str = "",
    rules: Mapping | None = None,
) -> int:
    """Command line of a recall script (see the module docstring). ``rules``:
    per-rule option tables added to the config (``{"TRN001": {...}}``)."""
    ap = argparse.ArgumentParser(description=description or __doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--per-lang", type=int, default=100, help="posts per language (default 100)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--kinds", default="", help="comma-separated kinds (default: all)")
    ap.add_argument("--show-misses", type=int, default=0, metavar="K", help="K misses per kind")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    ap.add_argument("--tsv", type=Path, help="also write every outcome to this TSV file")
    ap.add_argument(
        "--dump-misses",
        type=Path,
        metavar="DIR",
        help="write each missed copy to DIR/<kind>-<lang>-<n>.md (to lint it by hand)",
    )
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    chosen = dict(planters)
    if args.kinds:
        wanted = [k.strip() for k in args.kinds.split(",") if k.strip()]
        unknown = [k for k in wanted if k not in planters]
        if unknown:
            print(f"unknown kind(s): {', '.join(unknown)}; known: {', '.join(planters)}")
            return 2
        chosen = {k: planters[k] for k in wanted}
    config: dict = {"select": list(select)}
    if rules:
        config["rules"] = {code: dict(table) for code, table in rules.items()}
    samples = sample_posts(args.corpus, args.per_lang, args.seed)
    outcomes = run(chosen, samples, config, args.seed)
    alarms = false_alarms(samples, config)
    n_untouched = sum(len(v) for v in samples.values())
    if args.dump_misses:
        args.dump_misses.mkdir(parents=True, exist_ok=True)
        misses = [o for o in outcomes if not o.found]
        for n, o in enumerate(misses):
            name = f"{o.kind}-{o.lang}-{n:03d}{o.path.suffix}"
            (args.dump_misses / name).write_text(o.text, encoding="utf-8")
        index = "".join(f"{o.kind}-{o.lang}-{n:03d}\t{o.path}\n" for n, o in enumerate(misses))
        (args.dump_misses / "INDEX.tsv").write_text(index, encoding="utf-8")
    if args.tsv:
        with args.tsv.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, delimiter="\t")
            w.writerow(["kind", "lang", "path", "found", "note", "got"])
            for o in outcomes:
                w.writerow([o.kind, o.lang, o.path, int(o.found), o.note, " ".join(o.got)])
    if args.json:
        print(
            json.dumps(
                {
                    "recall": recall_table(outcomes),
                    "false_alarms": len(alarms),
                    "untouched": n_untouched,
                },
                indent=2,
            )
        )
    else:
        print(f"seed {args.seed}, {args.per_lang} posts per language, select {','.join(select)}\n")
        print_report(outcomes, alarms, n_untouched, args.show_misses)
    return 0
