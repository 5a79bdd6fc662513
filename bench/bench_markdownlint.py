"""post-lint side by side with markdownlint-cli2 on the same corpus.

What does adding post-lint cost next to the Markdown linter a site already
runs? This installs markdownlint-cli2 from npm into ``bench/.node/`` (ignored
by git; nothing is installed globally), then times, on the same files:

* ``markdownlint-cli2 "**/*.{md,markdown,mdx}"`` (its default rules, one Node process),
* ``post-lint --isolated --jobs 1 CORPUS`` (default rules, one process),
* ``post-lint --isolated CORPUS`` (default: one worker per core),

and prints median wall time, files/s, MB/s and peak memory for each. Without
``npm`` on the PATH it prints why and exits 0 (nothing to compare).

    .venv/bin/python bench/bench_markdownlint.py              # 3 runs each
    .venv/bin/python bench/bench_markdownlint.py --runs 5 --version 0.22.1
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
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

NODE_DIR = Path(__file__).resolve().parent / ".node"
DEFAULT_VERSION = "0.22.1"


def ensure_markdownlint(version: str) -> Path | None:
    """The markdownlint-cli2 executable in bench/.node, installing it if needed."""
    exe = NODE_DIR / "node_modules" / ".bin" / "markdownlint-cli2"
    if exe.exists() and _installed_version(exe) == version:
        return exe
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return None
    NODE_DIR.mkdir(exist_ok=True)
    print(f"installing markdownlint-cli2@{version} into {NODE_DIR} ...", file=sys.stderr)
    proc = subprocess.run(
        [
            npm,
            "install",
            "--no-audit",
            "--no-fund",
            "--silent",
            "--prefix",
            str(NODE_DIR),
            f"markdownlint-cli2@{version}",
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0 or not exe.exists():
        print(f"npm install failed:\n{proc.stderr.strip()}", file=sys.stderr)
        return None
    return exe


def _installed_version(exe: Path) -> str | None:
    manifest = NODE_DIR / "node_modules" / "markdownlint-cli2" / "package.json"
    try:
        import json

        return json.loads(manifest.read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def count_markdownlint_findings(exe: Path, corpus: Path) -> int | None:
    proc = subprocess.run(
        [str(exe), "**/*.{md,markdown,mdx}"], cwd=corpus, capture_output=True, text=True
    )
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.startswith("Summary:"):
            try:
                return int(line.split()[1])
            except (IndexError, ValueError):
                return None
    return None


def count_post_lint_findings(corpus: Path) -> int | None:
    proc = subprocess.run(
        [*post_lint_command(), "--isolated", "--statistics", str(corpus)],
        capture_output=True,
        text=True,
    )
    try:
        return sum(int(line.split()[0]) for line in proc.stdout.splitlines() if line.strip())
    except (ValueError, IndexError):
        return None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--version", default=DEFAULT_VERSION, help="markdownlint-cli2 version")
    args = p.parse_args()
    if not args.corpus.is_dir():
        print(f"bench_markdownlint: no corpus at {args.corpus} (set --corpus)", file=sys.stderr)
        return 2
    exe = ensure_markdownlint(args.version)
    if exe is None:
        print(
            "bench_markdownlint: skipped: npm/node not found on PATH (or the install failed); "
            "install Node.js to compare with markdownlint-cli2."
        )
        return 0
    corpus = args.corpus.resolve()
    files = corpus_files(corpus)
    size = sum(f.stat().st_size for f in files)
    tool = post_lint_command()
    cases = [
        (
            f"markdownlint-cli2 {args.version} (default rules)",
            [str(exe), "**/*.{md,markdown,mdx}"],
            corpus,
        ),
        (
            "post-lint --jobs 1 (default rules)",
            [*tool, "--isolated", "--quiet", "--jobs", "1", str(corpus)],
            None,
        ),
        (
            "post-lint (default jobs: one per core)",
            [*tool, "--isolated", "--quiet", str(corpus)],
            None,
        ),
    ]
    print(f"machine: {machine_line()}")
    print(f"corpus:  {corpus}: {len(files):,} files, {mb(size)}")
    print(f"median of {args.runs} runs after one warm-up, wall time\n")
    print(f"{'seconds':>8}  {'CPU s':>6}  {'files/s':>8}  {'MB/s':>6}  {'peak RSS':>10}  command")
    seconds_by_case = {}
    for label, cmd, cwd in cases:
        run_measured(cmd, cwd=cwd)
        results = [run_measured(cmd, cwd=cwd) for _ in range(args.runs)]
        s = median([r.seconds for r in results])
        seconds_by_case[label] = s
        peak = max(r.max_rss_tree for r in results)
        cpu = median([r.cpu_seconds for r in results])
        print(
            f"{s:8.2f}  {cpu:6.1f}  {len(files) / s:8.0f}  {size / 1e6 / s:6.2f}  {mb(peak):>10}  {label}"
        )
    md_findings = count_markdownlint_findings(exe, corpus)
    pl_findings = count_post_lint_findings(corpus)
    print(
        f"\nfindings: markdownlint-cli2 {md_findings}, post-lint {pl_findings} "
        "(different rules: style vs. content damage; shown for scale only)"
    )
    labels = list(seconds_by_case)
    md, pl1, pln = (seconds_by_case[k] for k in labels)
    print(
        f"post-lint costs {pl1 / md:.2f}x markdownlint-cli2's time in one process, "
        f"{pln / md:.2f}x with one worker per core."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
