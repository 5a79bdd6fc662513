"""Scaling benchmark for the DUP rules: time must grow linearly with the post.

Generates posts of 1, 2, 5 and 10 MB (about 4,000 paragraphs per MB, so some
20,000 at 5 MB) mixing English, Japanese and Chinese prose with the damage
the rules look for: exact repeats, near-duplicates, truncated first
attempts and merged paragraphs. For each size it reports the median of
several runs of

- ``parse``: reading the post into blocks (markdown-it), shared by all rules;
- ``DUP``: the four DUP rules on the parsed post (their shared analysis);

and the ratio of each to the 1 MB time (CPU seconds). Linear growth means a
5 MB post takes about five times the 1 MB time, not 25.

Run on demand, never as a test::

    .venv/bin/python bench/bench_scaling.py            # 1, 2, 5, 10 MB, 3 runs each
    .venv/bin/python bench/bench_scaling.py --sizes 1 5 --runs 5
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from post_lint.post import Post
from post_lint.rules import BY_CODE, repetition

DUP_CODES = ("DUP001", "DUP002", "DUP003", "DUP004")
MB = 1_000_000

_EN_WORDS = (
    "the of and to in is that for it as with was on be by this are or an at from "
    "which have not but they has can build page post site cache theme layout draft "
    "server reader writer image link search index template markdown release version"
).split()
_JA_CLAUSES = [
    "静的サイトは最初はとても速く動きます",
    "記事が数千本に増えるとビルドが遅くなります",
    "まず遅いテンプレートを測ることから始めましょう",
    "画像は一度だけ縮小してコミットしておきます",
    "キャッシュを使うと二回目以降のビルドが速くなります",
    "読者にとって大切なのはページが速く開くことです",
]
_ZH_CLAUSES = [
    "静态网站不需要数据库",
    "页面可以直接放在内容分发网络上",
    "所有内容都是纯文本文件",
    "用版本控制系统管理起来非常方便",
    "作者只需要提交一个文件",
]


def _english(rng: random.Random) -> str:
    words = [
        rng.choice(_EN_WORDS) if rng.random() < 0.6 else f"w{rng.randrange(50_000)}"
        for _ in range(rng.randint(25, 55))
    ]
    return " ".join(words).capitalize() + "."


def _cjk(rng: random.Random, clauses: list[str]) -> str:
    parts = [rng.choice(clauses) + f"{rng.randrange(10_000)}" for _ in range(rng.randint(3, 7))]
    return "、".join(parts) + "。"


def generate(size: int, seed: int = 1) -> str:
    """A post of about ``size`` bytes with repeats of every kind in it."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        roll = rng.random()
        if paragraphs and roll < 0.05:  # exact repeat of a recent paragraph
            p = rng.choice(paragraphs[-50:])
        elif paragraphs and roll < 0.08:  # near-duplicate: a few words changed
            words = rng.choice(paragraphs[-50:]).split(" ")
            for _ in range(3):
                words[rng.randrange(len(words))] = f"x{rng.randrange(1000)}"
            p = " ".join(words)
        elif len(paragraphs) > 2 and roll < 0.09:  # two paragraphs run together
            p = paragraphs[-2] + " " + paragraphs[-1]
        elif paragraphs and roll < 0.10:  # a truncated copy
            q = rng.choice(paragraphs[-50:])
            p = q[: max(1, len(q) * 3 // 4)]
        elif roll < 0.70:
            p = _english(rng)
        elif roll < 0.85:
            p = _cjk(rng, _JA_CLAUSES)
        else:
            p = _cjk(rng, _ZH_CLAUSES)
        paragraphs.append(p)
        total += len(p.encode("utf-8")) + 2
    return '---\ntitle: "A very long post"\n---\n\n' + "\n\n".join(paragraphs) + "\n"


def _time(fn, runs: int) -> float:
    """Median CPU time of ``fn`` (process time: steadier than wall time on a
    busy machine, and the work is single-threaded)."""
    samples = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        samples.append(time.process_time() - start)
    return statistics.median(samples)


def measure(size_mb: float, runs: int) -> dict[str, float]:
    text = generate(int(size_mb * MB))
    rules = [BY_CODE[c] for c in DUP_CODES]

    def parse() -> Post:
        post = Post.from_text(text, "bench.md")
        post.blocks  # noqa: B018 - parse now
        return post

    parse_time = _time(parse, runs)
    post = parse()
    paragraphs = sum(1 for b in post.blocks if b.kind == "paragraph")

    def dup() -> None:
        repetition._CACHE.clear()  # measure the analysis, not the cache
        for r in rules:
            for _ in r(post):
                pass

    dup_time = _time(dup, runs)
    found = sum(1 for r in rules for _ in r(post))
    return {
        "mb": len(text.encode("utf-8")) / MB,
        "paragraphs": paragraphs,
        "found": found,
        "parse": parse_time,
        "dup": dup_time,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10], help="MB")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median)")
    args = parser.parse_args()
    rows = [measure(size, args.runs) for size in args.sizes]
    base = rows[0]
    print(f"CPU seconds, median of {args.runs} runs; ratios are to the {base['mb']:.1f} MB post\n")
    print(
        f"{'size MB':>8} {'paragraphs':>10} {'findings':>9} {'parse s':>8} {'DUP s':>7}"
        f" {'DUP s/MB':>9} {'x parse':>8} {'x DUP':>6}"
    )
    for row in rows:
        print(
            f"{row['mb']:>8.1f} {row['paragraphs']:>10,} {row['found']:>9,} {row['parse']:>8.2f}"
            f" {row['dup']:>7.2f} {row['dup'] / row['mb']:>9.3f}"
            f" {row['parse'] / base['parse']:>8.1f} {row['dup'] / base['dup']:>6.1f}"
        )


if __name__ == "__main__":
    main()
