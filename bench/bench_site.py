"""Scale of the site pass and the cache: synthetic sites of 1k to 100k posts,
and the warm re-run of the corpus.

Synthetic posts are built from the prose paragraphs of ../shared/corpus: each
post takes eight paragraphs (seeded), with the words of each paragraph
shuffled by the post's own seed, so posts read like the corpus (lengths,
scripts, markup) without being copies of each other. A few planted copies
(one post in a thousand duplicated with a word changed) keep SITE001 busy.

For each size it prints, for a fresh process running the default rules with
one worker per core: the cold run (empty cache), the warm run (same files,
cache filled), the warm run after one post changed, and a one-file run (what
pre-commit does), each as wall and CPU seconds and peak memory of the process
tree, plus the cache's size on disk. ``--corpus-warm`` also times the cold and
warm runs of the corpus's seven English and Japanese blogs.

    .venv/bin/python bench/bench_site.py --sizes 1000 10000 100000
    .venv/bin/python bench/bench_site.py --sizes 1000 --corpus-warm --runs 3
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_CORPUS,
    corpus_files,
    machine_line,
    mb,
    median,
    post_lint_command,
    run_measured,
)

SEVEN = (
    "budougumi0617__blog",
    "kaityo256__zenn-content",
    "letsencrypt__website",
    "mmistakes__made-mistakes-jekyll",
    "ruby__www.ruby-lang.org",
    "vim-jp__vim-jp.github.io",
    "zachvalenta__jvns.ca",
)
_FM = re.compile(r"\A---\n.*?\n---\n", re.S)


def corpus_paragraphs(corpus: Path, limit: int = 60_000) -> list[str]:
    out: list[str] = []
    for path in corpus_files(corpus):
        text = _FM.sub("", path.read_text(encoding="utf-8", errors="replace"))
        for para in text.split("\n\n"):
            p = para.strip()
            if len(p) > 80 and not p.startswith(("```", "    ", "|", "<", "{{", "{%", "#", "!")):
                out.append(p)
                if len(out) >= limit:
                    return out
    return out


def shuffled(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split()
    if len(words) > 3:
        rng.shuffle(words)
        return " ".join(words)
    chars = list(paragraph)
    rng.shuffle(chars)
    return "".join(chars)


def build_site(root: Path, n: int, paragraphs: list[str], seed: int) -> None:
    posts = root / "_posts"
    posts.mkdir(parents=True)
    rng = random.Random(seed)
    (root / ".git").mkdir()  # the project root: the cache goes here
    for i in range(n):
        prng = random.Random(f"{seed}:{i}")
        body = "\n\n".join(shuffled(p, prng) for p in rng.sample(paragraphs, 8))
        day = f"{2000 + i % 25:04d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        text = f'---\ntitle: "Post number {i}"\ndate: {day}\n---\n\n{body}\n'
        (posts / f"{day}-post-{i}.md").write_text(text, encoding="utf-8")
        if i % 1000 == 999:  # a planted copy with a word changed
            copy = text.replace(f"Post number {i}", f"Post number {i} again", 1)
            (posts / f"{day}-post-{i}-copy.md").write_text(copy.replace(" the ", " a ", 1))


def measure(cmd: list[str], cwd: Path, runs: int, label: str, rows: list) -> None:
    results = [run_measured(cmd, cwd=cwd, timeout=3600) for _ in range(runs)]
    rows.append(
        (
            label,
            median([r.seconds for r in results]),
            median([r.cpu_seconds for r in results]),
            max(r.max_rss_tree for r in results),
            results[-1].returncode,
        )
    )


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=1, help="runs per warm measurement (median)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--corpus-warm", action="store_true")
    ap.add_argument(
        "--no-cache-up-to",
        type=int,
        default=20_000,
        help="time --no-cache only on sites up to this many posts (it repeats the cold run)",
    )
    args = ap.parse_args(argv)
    print(machine_line())
    exe = post_lint_command()
    base = [*exe, "--isolated", "--exit-zero", "--quiet"]
    paragraphs = corpus_paragraphs(args.corpus)
    print(f"{len(paragraphs):,} corpus paragraphs to build posts from\n")
    print("| posts | run | wall s | CPU s | peak memory | exit |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            build_site(root, n, paragraphs, args.seed)
            files = sorted((root / "_posts").glob("*.md"))
            rows: list = []
            measure([*base, "_posts"], root, 1, "cold (empty cache)", rows)
            measure([*base, "_posts"], root, args.runs, "warm (cache filled)", rows)
            changed = files[len(files) // 2]
            changed.write_text(changed.read_text() + "\nOne more line.\n")
            measure([*base, "_posts"], root, 1, "warm, one post changed", rows)
            one = str(changed.relative_to(root))
            measure([*base, one], root, args.runs, "one file named (pre-commit)", rows)
            if n <= args.no_cache_up_to:
                measure([*base, "--no-cache", "_posts"], root, 1, "--no-cache", rows)
            for label, wall, cpu, rss, code in rows:
                print(f"| {len(files):,} | {label} | {wall:.2f} | {cpu:.2f} | {mb(rss)} | {code} |")
            print(
                f"| {len(files):,} | cache on disk | | | {mb(dir_size(root / '.post-lint-cache'))} | |"
            )
    if args.corpus_warm:
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp) / "cache"
            blogs = [str(args.corpus / b) for b in SEVEN if (args.corpus / b).is_dir()]
            cmd = [*exe, "--isolated", "--exit-zero", "--quiet", "--cache-dir", str(cache), *blogs]
            rows = []
            measure(cmd, Path.cwd(), 1, "corpus, seven blogs, cold", rows)
            measure(cmd, Path.cwd(), max(3, args.runs), "corpus, seven blogs, warm", rows)
            n = sum(len(corpus_files(Path(b))) for b in blogs)
            for label, wall, cpu, rss, code in rows:
                print(f"| {n:,} | {label} | {wall:.2f} | {cpu:.2f} | {mb(rss)} | {code} |")
            cold, warm = rows[0], rows[1]
            print(f"\nwarm / cold: wall {warm[1] / cold[1]:.2f}, CPU {warm[2] / cold[2]:.2f}")
            shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
