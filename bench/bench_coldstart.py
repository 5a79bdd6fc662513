"""Cold start: what one pre-commit or editor run on one file feels like.

Times, as fresh processes, the median wall time of

* ``python -c pass`` (the interpreter alone: the floor nobody can go under),
* ``python -c "import post_lint"`` (importing the package),
* ``post-lint --isolated FILE`` (one real run, every default rule),
* ``post-lint --isolated --output-format json FILE``,
* ``post-lint --isolated - < FILE`` (what an editor integration does),

and prints post-lint's own overhead over the bare interpreter. ``--importtime``
adds the slowest imports of one run (``python -X importtime``).

Byte-code caching is left on (``PYTHONDONTWRITEBYTECODE`` is removed from the
children's environment and one warm-up run writes the ``.pyc`` files), as on a
user's machine.

    .venv/bin/python bench/bench_coldstart.py
    .venv/bin/python bench/bench_coldstart.py --runs 30 --file some-post.md --importtime
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine_line, median, post_lint_command

DEFAULT_FILE = ROOT / "examples" / "seed-alibaba-ja.md"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _time_once(cmd: list[str], stdin_file: Path | None, env: dict[str, str]) -> float:
    stdin = stdin_file.open("rb") if stdin_file else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        subprocess.run(
            cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        return time.perf_counter() - start
    finally:
        if stdin_file:
            stdin.close()


def time_commands(
    cases: list[tuple[str, list[str], Path | None]], runs: int
) -> dict[str, list[float]]:
    """Wall times per case. Cases take turns (round robin), so a change in the
    machine's load during the benchmark hits them all alike."""
    env = _env()
    for _, cmd, stdin_file in cases:  # warm-up: writes .pyc files, fills the page cache
        _time_once(cmd, stdin_file, env)
    times: dict[str, list[float]] = {label: [] for label, _, _ in cases}
    for _ in range(runs):
        for label, cmd, stdin_file in cases:
            times[label].append(_time_once(cmd, stdin_file, env))
    return times


def slowest_imports(cmd: list[str], limit: int) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) for the slowest top-level imports of one run."""
    env = _env()
    env["PYTHONPROFILEIMPORTTIME"] = "1"
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    rows = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        try:
            own, cumulative, name = line[len("import time:") :].split("|")
            rows.append((int(cumulative), int(own), name.rstrip()))
        except ValueError:
            continue
    # Keep the outermost imports (least indented), then the slowest of all.
    rows.sort(reverse=True)
    return rows[:limit]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the post to lint")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--importtime", action="store_true", help="show the slowest imports")
    args = p.parse_args()
    if not args.file.is_file():
        print(f"bench_coldstart: no such file: {args.file}", file=sys.stderr)
        return 2
    tool = post_lint_command()
    py = sys.executable
    cases = [
        ("python -c pass", [py, "-c", "pass"], None),
        ('python -c "import post_lint"', [py, "-c", "import post_lint"], None),
        ("post-lint --isolated FILE", [*tool, "--isolated", str(args.file)], None),
        (
            "post-lint --isolated --output-format json FILE",
            [*tool, "--isolated", "--output-format", "json", str(args.file)],
            None,
        ),
        ("post-lint --isolated - < FILE", [*tool, "--isolated", "-"], args.file),
    ]
    print(f"machine: {machine_line()}")
    size = args.file.stat().st_size
    print(f"file:    {args.file} ({size:,} bytes)")
    print(f"median of {args.runs} runs after one warm-up, wall time, cases taking turns\n")
    base = None
    all_times = time_commands(cases, args.runs)
    for label, _, _ in cases:
        times = all_times[label]
        m = median(times)
        if base is None:
            base = m
            extra = ""
        else:
            extra = f"  (+{(m - base) * 1000:.0f} ms over the interpreter)"
        print(f"  {m * 1000:7.1f} ms  (min {min(times) * 1000:6.1f})  {label}{extra}")
    if args.importtime:
        print("\nslowest imports of one `post-lint --isolated FILE` run (cumulative, self; ms):")
        cmd = [
            py,
            "-X",
            "importtime",
            "-c",
            "import sys; from post_lint.cli import main; "
            f"sys.exit(main(['--isolated', {str(args.file)!r}]))",
        ]
        for cumulative, own, name in slowest_imports(cmd, 25):
            print(f"  {cumulative / 1000:7.1f} {own / 1000:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
