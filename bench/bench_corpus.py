"""Whole-corpus throughput: files/s, MB/s and peak memory of ``post-lint`` runs.

Runs ``post-lint --isolated --quiet --exit-zero --jobs J CORPUS`` (default
rules, output discarded) ``--runs`` times for each J and prints the median
wall time, files/s, MB/s and peak memory. ``--breakdown`` adds an in-process
split of where one single-process pass spends its time: reading, front matter,
Markdown parsing, and each rule.

    .venv/bin/python bench/bench_corpus.py                 # jobs 1 and all cores
    .venv/bin/python bench/bench_corpus.py --jobs 1 2 4 --runs 3
    .venv/bin/python bench/bench_corpus.py --breakdown --select ALL
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
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


def cli_runs(corpus: Path, jobs: list[int], runs: int, extra: list[str]) -> list[dict]:
    files = corpus_files(corpus)
    size = sum(f.stat().st_size for f in files)
    rows = []
    for j in jobs:
        cmd = [*post_lint_command(), "--isolated", "--quiet", "--exit-zero", "--jobs", str(j)]
        cmd += [*extra, str(corpus)]
        run_measured(cmd)  # warm the page cache and .pyc files
        results = [run_measured(cmd) for _ in range(runs)]
        bad = [r.returncode for r in results if r.returncode != 0]
        seconds = median([r.seconds for r in results])
        rows.append(
            {
                "jobs": j,
                "runs": runs,
                "files": len(files),
                "bytes": size,
                "median_s": round(seconds, 3),
                "min_s": round(min(r.seconds for r in results), 3),
                "max_s": round(max(r.seconds for r in results), 3),
                "median_cpu_s": round(median([r.cpu_seconds for r in results]), 3),
                "files_per_s": round(len(files) / seconds, 1),
                "mb_per_s": round(size / 1e6 / seconds, 2),
                "peak_rss_largest_process": max(r.max_rss_single for r in results),
                "peak_rss_all_processes": max(r.max_rss_tree for r in results),
                "exit_codes": sorted(set(bad)) if bad else [0],
            }
        )
    return rows


def breakdown(corpus: Path, extra_select: list[str] | None) -> dict[str, float]:
    """One single-process pass, timed per stage and per rule (in-process)."""
    from post_lint.config import Config
    from post_lint.linter import check_post
    from post_lint.post import Post

    config = Config()
    if extra_select:
        config = config.override(select=extra_select)
    settings = config.rules_for("x.md")
    times: dict[str, float] = defaultdict(float)
    raised: dict[str, int] = defaultdict(int)
    clock = time.perf_counter
    total_start = clock()
    for path in corpus_files(corpus):
        t0 = clock()
        data = path.read_bytes()
        t1 = clock()
        post = Post.from_bytes(data, str(path))
        t2 = clock()
        post.lines  # noqa: B018  (the line index, built lazily)
        post.blocks  # noqa: B018  (markdown-it, built lazily)
        t3 = clock()
        times["read files"] += t1 - t0
        times["decode + front matter (Post.from_bytes)"] += t2 - t1
        times["line index + Markdown blocks (post.blocks)"] += t3 - t2
        for s in settings:
            t = clock()
            try:
                for _ in s.rule.check(post, s.options):
                    pass
            except Exception as exc:  # a benchmark counts it and goes on
                raised[f"{s.rule.code}: {type(exc).__name__}"] += 1
            times[f"rule {s.rule.code} {s.rule.name}"] += clock() - t
        t = clock()
        check_post(post, config)  # suppression handling and sorting, all rules again
        times["(check_post: all rules + suppressions, again)"] += clock() - t
    times["TOTAL (without the repeated check_post)"] = (
        clock() - total_start - times["(check_post: all rules + suppressions, again)"]
    )
    for what, n in raised.items():
        print(f"warning: rule {what} on {n} file(s)", file=sys.stderr)
    return dict(times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument(
        "--jobs", type=int, nargs="+", help="job counts to measure (default: 1 and all cores)"
    )
    p.add_argument("--select", help="passed to post-lint --select (default: default rules)")
    p.add_argument("--breakdown", action="store_true", help="also time each stage and rule")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    args = p.parse_args()
    if not args.corpus.is_dir():
        print(f"bench_corpus: no corpus at {args.corpus} (set --corpus)", file=sys.stderr)
        return 2
    cores = os.cpu_count() or 1
    jobs = args.jobs or sorted({1, cores})
    extra = ["--select", args.select] if args.select else []
    rows = cli_runs(args.corpus, jobs, args.runs, extra)
    parts = None
    if args.breakdown:
        parts = breakdown(args.corpus, args.select.split(",") if args.select else None)
    if args.json:
        print(json.dumps({"machine": machine_line(), "cli": rows, "breakdown": parts}, indent=2))
        return 0
    first = rows[0]
    print(f"machine: {machine_line()}")
    print(f"corpus:  {args.corpus}: {first['files']:,} files, {mb(first['bytes'])}")
    print(f"command: {' '.join(post_lint_command())} --isolated --quiet --exit-zero --jobs J")
    print(f"median of {args.runs} runs (after one warm-up run)\n")
    print(
        f"{'jobs':>4}  {'median s':>8}  {'min s':>6}  {'files/s':>8}  {'MB/s':>6}  "
        f"{'CPU s':>6}  {'peak RSS, largest process':>25}  {'peak RSS, all processes':>23}"
    )
    for r in rows:
        print(
            f"{r['jobs']:>4}  {r['median_s']:>8.2f}  {r['min_s']:>6.2f}  {r['files_per_s']:>8.0f}  "
            f"{r['mb_per_s']:>6.2f}  {r['median_cpu_s']:>6.1f}  "
            f"{mb(r['peak_rss_largest_process']):>25}  "
            f"{mb(r['peak_rss_all_processes']):>23}"
        )
        if r["exit_codes"] != [0]:
            print(f"      warning: post-lint exited with {r['exit_codes']} (errors in the run?)")
    if parts:
        total = parts["TOTAL (without the repeated check_post)"]
        print("\nwhere one single-process pass spends its time (in-process, seconds):")
        for name, secs in sorted(parts.items(), key=lambda kv: -kv[1]):
            print(f"  {secs:8.3f}  {100 * secs / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
