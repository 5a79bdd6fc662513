"""Every performance number of issue 19, side by side, in one run.

Sections (all by default; pick with ``--only corpus coldstart scaling tiny gc``):

``corpus``
    The seven blogs of ../shared/corpus (every folder but the Chinese
    ``yihui__yihui.org``: 3,172 posts, 12 MB): ``post-lint --jobs 1``,
    ``post-lint`` (default jobs), ``markdownlint-cli2`` (its default rules) and
    ``jscpd -f markdown`` (clones only). Median wall and CPU seconds
    (user + system of the whole process tree) of ``--runs`` runs, peak tree
    memory, and post-lint's CPU as a multiple of each tool's.
``coldstart``
    One file in a fresh process, ``--cold-runs`` times, the cases taking turns: ``python -c pass``,
    ``yamllint`` on the worked example's front matter (as a ``.yaml`` file),
    ``post-lint --isolated`` on the worked example.
``scaling``
    Generated posts of 1, 2, 5 and 10 MB (``bench_scaling.generate``: prose in
    three scripts with repeats, near-repeats, cuts, merges), ``post-lint
    --isolated --select ALL``: CPU seconds per MB, and each size's time over
    the 1 MB time (linear: 2, 5, 10).
``tiny``
    A 16,000,000-byte post of 1.5 million tiny paragraphs (``p123.``), ``post-lint
    --isolated --select ALL``: wall, CPU, peak memory.
``gc``
    The corpus with ``--jobs 1`` with the cyclic GC left at CPython's defaults
    (``post_lint.linter.GC_THRESHOLDS = None``) and as post-lint tunes it.

The npm tools are installed on first use into ``--tools`` (default
``/work/.bench-tools``, outside the repository): ``markdownlint-cli2@0.24.1``
and ``jscpd@5.3.2`` (pinned: later jscpd builds are not served for every
platform); yamllint into a venv there. Without ``npm`` a tool's row says so.

    .venv/bin/python bench/bench_all.py                  # everything, 5 corpus runs
    .venv/bin/python bench/bench_all.py --only coldstart tiny --runs 3
    .venv/bin/python bench/bench_all.py --json results.json

Every post-lint run passes ``--no-cache``: with the results cache on, a
re-run of the same files reads their findings back (the corpus in about 1 s
of CPU) and measures the cache, not the linter.

The targets (issue 19) are printed beside the ratios. On a shared machine wall
time is noisy: CPU seconds are the steadier number.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    DEFAULT_CORPUS,
    ROOT,
    RunResult,
    corpus_files,
    machine_line,
    median,
    post_lint_command,
    run_measured,
)

WORKED_EXAMPLE = ROOT / "examples" / "seed-alibaba-ja.md"
TOOLS = Path(os.environ.get("POST_LINT_BENCH_TOOLS", "/work/.bench-tools"))
NPM_TOOLS = {"markdownlint-cli2": "0.24.1", "jscpd": "5.3.2"}
SKIP_BLOG = "yihui__yihui.org"  # the Chinese blog: "the seven blogs" are the others
GiB = 1024**3

TARGETS = {
    "cpu_vs_markdownlint": 0.2,
    "cpu_vs_jscpd": 2.5,
    "cold_vs_yamllint": 1.3,
    "tiny_seconds": 10.0,
    "tiny_bytes": GiB,
}


#: Every post-lint run here lints: the results cache (a warm re-run reads
#: the findings back) is off, as the other tools have none.
NO_CACHE = "--no-cache"


def _select_all(path: Path) -> list[str]:
    """post-lint on one file with every rule, output discarded."""
    return [
        *post_lint_command(),
        "--isolated",
        NO_CACHE,
        "--exit-zero",
        "--quiet",
        "--select",
        "ALL",
        str(path),
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # .pyc caching on, as for a user
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _runs(cmd: list[str], n: int, cwd: Path | None = None) -> list[RunResult]:
    run_measured(cmd, cwd=cwd, env=_env())  # warm-up (disk cache, .pyc)
    return [run_measured(cmd, cwd=cwd, env=_env()) for _ in range(n)]


def _summary(results: list[RunResult]) -> dict[str, float]:
    return {
        "wall": median([r.seconds for r in results]),
        "cpu": median([r.cpu_seconds for r in results]),
        "peak_mb": max(r.max_rss_tree for r in results) / 1e6,
        "exit": max(r.returncode for r in results),
    }


# -- tools ---------------------------------------------------------------------------


def npm_tool(name: str) -> Path | None:
    """The pinned npm tool's executable, installed under TOOLS on first use."""
    exe = TOOLS / "node_modules" / ".bin" / name
    if exe.exists():
        return exe
    if not shutil.which("npm"):
        return None
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "-E"]
        + [f"{n}@{v}" for n, v in NPM_TOOLS.items()],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    return exe if exe.exists() else None


def yamllint_tool() -> Path | None:
    exe = TOOLS / "yamllint-venv" / "bin" / "yamllint"
    if exe.exists():
        return exe
    venv = TOOLS / "yamllint-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "yamllint"], check=False)
    return exe if exe.exists() else None


# -- sections ------------------------------------------------------------------------


def blogs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.is_dir() and p.name != SKIP_BLOG)


def section_corpus(corpus: Path, runs: int, out: dict) -> None:
    dirs = blogs(corpus)
    files = [f for d in dirs for f in corpus_files(d)]
    size = sum(f.stat().st_size for f in files)
    print(f"\n## Whole corpus: {len(dirs)} blogs, {len(files):,} files, {size / 1e6:.1f} MB")
    print(f"median of {runs} runs after one warm-up\n")
    pl = [*post_lint_command(), "--isolated", NO_CACHE, "--quiet", "--exit-zero"]
    cases: list[tuple[str, list[str] | None, Path | None]] = [
        ("post-lint --jobs 1", [*pl, "--jobs", "1", *map(str, dirs)], None),
        ("post-lint", [*pl, *map(str, dirs)], None),
    ]
    mdl = npm_tool("markdownlint-cli2")
    globs = [f"{d.name}/**/*.{{md,markdown,mdx}}" for d in dirs]
    cases.append(("markdownlint-cli2", [str(mdl), *globs] if mdl else None, corpus))
    jscpd = npm_tool("jscpd")
    cases.append(
        (
            "jscpd -f markdown",
            [str(jscpd), "-f", "markdown", "-r", "silent", *map(str, dirs)] if jscpd else None,
            None,
        )
    )
    rows: dict[str, dict[str, float]] = {}
    print(f"{'tool':<22} {'wall s':>8} {'CPU s':>8} {'files/s':>8} {'peak MB':>8}")
    for name, cmd, cwd in cases:
        if cmd is None:
            print(f"{name:<22} (not installed: needs npm)")
            continue
        row = _summary(_runs(cmd, runs, cwd))
        rows[name] = row
        print(
            f"{name:<22} {row['wall']:>8.2f} {row['cpu']:>8.2f}"
            f" {len(files) / row['wall']:>8.0f} {row['peak_mb']:>8.0f}"
        )
    out["corpus"] = {"files": len(files), "bytes": size, "rows": rows}
    print()
    for ours in ("post-lint --jobs 1", "post-lint"):
        for other, key in (
            ("markdownlint-cli2", "cpu_vs_markdownlint"),
            ("jscpd -f markdown", "cpu_vs_jscpd"),
        ):
            if ours in rows and other in rows:
                ratio = rows[ours]["cpu"] / rows[other]["cpu"]
                wall = rows[ours]["wall"] / rows[other]["wall"]
                ok = "ok" if ratio <= TARGETS[key] else "MISSED"
                print(
                    f"{ours:<20} CPU {ratio:5.2f}x {other:<18} (target <= {TARGETS[key]}x: {ok});"
                    f" wall {wall:.2f}x"
                )
                out["corpus"][f"{key}{'_jobs1' if 'jobs' in ours else ''}"] = ratio


def _front_matter_file(tmp: Path) -> Path:
    text = WORKED_EXAMPLE.read_text(encoding="utf-8")
    end = text.index("\n---", 3)
    path = tmp / "front-matter.yaml"
    path.write_text(text[: end + 1] if text.startswith("---") else text, encoding="utf-8")
    return path


def section_coldstart(runs: int, out: dict) -> None:
    print(f"\n## Cold start: one file, fresh process, median of {runs} runs, cases taking turns")
    print(f"file: {WORKED_EXAMPLE.relative_to(ROOT)}\n")
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, list[str] | None]] = [
            ("python -c pass", [sys.executable, "-c", "pass"])
        ]
        yl = yamllint_tool()
        fm = _front_matter_file(Path(tmp))
        cases.append(("yamllint (front matter)", [str(yl), str(fm)] if yl else None))
        cases.append(
            (
                "post-lint --isolated",
                [*post_lint_command(), "--isolated", NO_CACHE, "--exit-zero", str(WORKED_EXAMPLE)],
            )
        )
        rows: dict[str, dict[str, float]] = {}
        print(f"{'command':<26} {'wall ms':>8} {'CPU ms':>8}")
        # The cases take turns (bench_coldstart's runner), so a change of the
        # machine's speed during the runs hits every case alike.
        from bench_coldstart import time_commands

        present = [(name, cmd, None) for name, cmd in cases if cmd is not None]
        times = time_commands(present, runs)
        for name, cmd in cases:
            if cmd is None:
                print(f"{name:<26} (not installed)")
                continue
            cpu = median([c for c, _ in times[name]])
            wall = median([w for _, w in times[name]])
            rows[name] = {"wall": wall, "cpu": cpu}
            print(f"{name:<26} {wall * 1000:>8.1f} {cpu * 1000:>8.1f}")
    out["coldstart"] = rows
    if "yamllint (front matter)" in rows:
        ours, theirs = rows["post-lint --isolated"], rows["yamllint (front matter)"]
        ratio = ours["wall"] / theirs["wall"]
        ok = "ok" if ratio <= TARGETS["cold_vs_yamllint"] else "MISSED"
        print(
            f"\npost-lint / yamllint: wall {ratio:.2f}x (target <= {TARGETS['cold_vs_yamllint']}x: {ok}),"
            f" CPU {ours['cpu'] / theirs['cpu']:.2f}x"
        )
        out["coldstart"]["ratio_wall"] = ratio
        out["coldstart"]["ratio_cpu"] = ours["cpu"] / theirs["cpu"]


def section_scaling(sizes: list[float], runs: int, out: dict) -> None:
    from bench_scaling import MB, generate

    print(f"\n## Scaling: generated posts, --select ALL, median of {runs} runs\n")
    print(f"{'size MB':>8} {'wall s':>8} {'CPU s':>8} {'CPU s/MB':>9} {'x 1st':>6} {'peak MB':>8}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"post-{size:g}mb.md"
            path.write_text(generate(int(size * MB)), encoding="utf-8")
            mbytes = path.stat().st_size / MB
            cmd = _select_all(path)
            row = _summary(_runs(cmd, runs))
            row["mb"] = mbytes
            rows.append(row)
            first = rows[0]
            print(
                f"{mbytes:>8.1f} {row['wall']:>8.2f} {row['cpu']:>8.2f} {row['cpu'] / mbytes:>9.3f}"
                f" {row['cpu'] / first['cpu']:>6.1f} {row['peak_mb']:>8.0f}"
            )
    per_mb = [r["cpu"] / r["mb"] for r in rows]
    print(f"\nCPU per MB, largest over smallest: {per_mb[-1] / per_mb[0]:.2f} (linear: about 1)")
    out["scaling"] = {"rows": rows, "per_mb_ratio": per_mb[-1] / per_mb[0]}


def tiny_paragraphs(size: int = 16_000_000) -> str:
    """A post of ``size`` bytes (under the 16 MiB max-file-size) of tiny paragraphs."""
    parts = ["---\ntitle: A post\ndate: 2024-01-01\n---\n\n"]
    total, i = len(parts[0]), 0
    while True:
        p = f"p{i}.\n\n"
        if total + len(p) > size:
            break
        parts.append(p)
        total += len(p)
        i += 1
    return "".join(parts)


def section_tiny(runs: int, out: dict) -> None:
    print(f"\n## 16 MB of tiny paragraphs, --select ALL, median of {runs} runs\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tiny.md"
        path.write_text(tiny_paragraphs(), encoding="utf-8")
        paragraphs = path.read_text(encoding="utf-8").count("\n\n") - 1
        cmd = _select_all(path)
        row = _summary(_runs(cmd, runs))
    ok_t = "ok" if row["wall"] < TARGETS["tiny_seconds"] else "MISSED"
    ok_m = "ok" if row["peak_mb"] * 1e6 < TARGETS["tiny_bytes"] else "MISSED"
    print(
        f"{path.stat().st_size if path.exists() else 16_000_000:,} bytes, {paragraphs:,} paragraphs:"
        f" wall {row['wall']:.2f} s (target < 10 s: {ok_t}), CPU {row['cpu']:.2f} s,"
        f" peak {row['peak_mb']:.0f} MB (target < 1,074 MB: {ok_m}), exit {row['exit']}"
    )
    out["tiny"] = row


def section_gc(corpus: Path, runs: int, out: dict) -> None:
    dirs = [str(d) for d in blogs(corpus)]
    print(f"\n## Cyclic GC: the corpus, --jobs 1, median of {runs} runs\n")
    code = "import sys, post_lint.linter as l, post_lint.cli as c; {}sys.exit(c.main(sys.argv[1:]))"
    args = ["--isolated", NO_CACHE, "--quiet", "--exit-zero", "--jobs", "1", *dirs]
    rows = {}
    for name, setup in (
        ("CPython defaults", "l.GC_THRESHOLDS = None; "),
        ("post-lint's tuning", ""),
    ):
        row = _summary(_runs([sys.executable, "-c", code.format(setup), *args], runs))
        rows[name] = row
        print(
            f"{name:<20} wall {row['wall']:6.2f} s  CPU {row['cpu']:6.2f} s  peak {row['peak_mb']:.0f} MB"
        )
    saved = 1 - rows["post-lint's tuning"]["cpu"] / rows["CPython defaults"]["cpu"]
    print(f"\nCPU saved by the tuning: {saved:.0%}")
    out["gc"] = {"rows": rows, "cpu_saved": saved}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", nargs="+", choices=["corpus", "coldstart", "scaling", "tiny", "gc"])
    ap.add_argument("--runs", type=int, default=5, help="corpus, scaling, tiny and gc runs")
    ap.add_argument("--cold-runs", type=int, default=20)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 5, 10])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args(argv)
    only = set(args.only or ["corpus", "coldstart", "scaling", "tiny", "gc"])
    print(machine_line())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"load average at start: {load:.1f} (a shared machine makes wall time noisy)")
    out: dict = {"machine": machine_line(), "load": load}
    if "corpus" in only:
        section_corpus(args.corpus, args.runs, out)
    if "coldstart" in only:
        section_coldstart(args.cold_runs, out)
    if "scaling" in only:
        section_scaling(args.sizes, max(1, args.runs // 2), out)
    if "tiny" in only:
        section_tiny(max(1, args.runs // 2), out)
    if "gc" in only:
        section_gc(args.corpus, args.runs, out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
