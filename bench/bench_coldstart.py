"""Cold start: what one pre-commit or editor run on one file feels like.

Times, as fresh processes taking turns (round robin, so a change in the
machine's load hits every case alike), the median CPU time (user + system)
and wall time of

* ``python -c pass`` (the interpreter alone: the floor nobody can go under),
* ``yamllint`` on the worked example's front matter (issue 19's yardstick;
  installed into a venv under ``--tools`` on first use, as ``bench_all.py`` does),
* ``python -c "import post_lint"`` (importing the package),
* ``post-lint --isolated --no-cache FILE`` (one real run, every default rule),
  its ``--output-format json`` and ``- < FILE`` (what an editor sends) forms,

and post-lint's CPU and wall time as a multiple of yamllint's (the target:
at most 1.3x). With ``--as-installed`` the interpreter and post-lint also
run from a plain venv that finds this checkout and the dev venv's packages
through a ``.pth`` path, as a ``pip install post-lint`` would: the dev venv's
editable install runs an import hook in every process (``python -c pass``
there costs about 15 ms more than in yamllint's venv). ``--importtime`` adds
the slowest imports of one run (``python -X importtime``). ``--compare TREE``
adds post-lint run from another checkout of the source (``git archive`` of an
older commit unpacked into a folder: TREE goes first on ``PYTHONPATH``) and
from this one the same way, taking turns with the rest: before/after numbers
measured under one and the same load.

Byte-code caching is left on (``PYTHONDONTWRITEBYTECODE`` is removed from the
children's environment and warm-up runs write the ``.pyc`` files and the
compiled-pattern cache beside them), as on a user's machine.

    .venv/bin/python bench/bench_coldstart.py
    .venv/bin/python bench/bench_coldstart.py --runs 30 --as-installed --importtime
    .venv/bin/python bench/bench_coldstart.py --runs 10 --compare /tmp/before
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine_line, median, post_lint_command

DEFAULT_FILE = ROOT / "examples" / "seed-alibaba-ja.md"
TARGET = 1.3
RUN_POST_LINT = "import sys; from post_lint.cli import main; sys.exit(main())"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    env["NO_COLOR"] = "1"
    return env


def _time_once(cmd: list[str], stdin_file: Path | None, env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one fresh process."""
    stdin = stdin_file.open("rb") if stdin_file else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, _, usage = os.wait4(proc.pid, 0)
        return usage.ru_utime + usage.ru_stime, time.perf_counter() - start
    finally:
        if stdin_file:
            stdin.close()


Case = tuple[str, list[str], Path | None]


def time_commands(
    cases: list[Case], runs: int, case_env: dict[str, dict[str, str]] | None = None
) -> dict[str, list[tuple[float, float]]]:
    """(CPU, wall) per run and case; the cases take turns. ``case_env``: extra
    environment by case label (``--compare``'s ``PYTHONPATH``)."""
    base = _env()
    envs = {label: {**base, **(case_env or {}).get(label, {})} for label, _, _ in cases}
    for _ in range(2):  # warm-up: .pyc files, the pattern cache, the page cache
        for label, cmd, stdin_file in cases:
            _time_once(cmd, stdin_file, envs[label])
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in cases}
    for _ in range(runs):
        for label, cmd, stdin_file in cases:
            times[label].append(_time_once(cmd, stdin_file, envs[label]))
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
    rows.sort(reverse=True)
    return rows[:limit]


def plain_venv(folder: Path) -> Path:
    """A venv without the editable-install hook that imports this checkout
    and the dev venv's packages (a ``.pth`` of two paths): its Python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dev_site = sysconfig.get_paths()["purelib"]
    Path(site, "post-lint-checkout.pth").write_text(f"{ROOT}\n{dev_site}\n", encoding="utf-8")
    return python


def front_matter_file(post: Path, folder: Path) -> Path:
    """The post's front matter as a YAML file (what yamllint is given)."""
    text = post.read_text(encoding="utf-8")
    end = text.index("\n---", 3) if text.startswith("---") else len(text)
    path = folder / "front-matter.yaml"
    path.write_text(text[: end + 1] if text.startswith("---") else text, encoding="utf-8")
    return path


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the post to lint")
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--as-installed", action="store_true", help="also run from a plain venv")
    p.add_argument("--no-yamllint", action="store_true", help="skip yamllint")
    p.add_argument("--importtime", action="store_true", help="show the slowest imports")
    p.add_argument("--tools", type=Path, default=None, help="where yamllint's venv lives")
    p.add_argument(
        "--compare", type=Path, default=None, metavar="TREE", help="also run another checkout"
    )
    args = p.parse_args()
    if not args.file.is_file():
        print(f"bench_coldstart: no such file: {args.file}", file=sys.stderr)
        return 2
    if args.tools is not None:
        os.environ["POST_LINT_BENCH_TOOLS"] = str(args.tools)
    tool = post_lint_command()
    py = sys.executable
    one = ["--isolated", "--no-cache", "--exit-zero"]
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[Case] = [("python -c pass", [py, "-c", "pass"], None)]
        case_env: dict[str, dict[str, str]] = {}
        yamllint = None
        if not args.no_yamllint:
            from bench_all import yamllint_tool

            yamllint = yamllint_tool()
            if yamllint is None:
                print("bench_coldstart: yamllint could not be installed; its row is left out")
            else:
                fm = front_matter_file(args.file, Path(tmp))
                cases.append(("yamllint (front matter)", [str(yamllint), str(fm)], None))
        cases += [
            ('python -c "import post_lint"', [py, "-c", "import post_lint"], None),
            ("post-lint FILE", [*tool, *one, str(args.file)], None),
            (
                "post-lint --output-format json FILE",
                [*tool, *one, "--output-format", "json", str(args.file)],
                None,
            ),
            ("post-lint - < FILE", [*tool, *one, "-"], args.file),
        ]
        if args.compare is not None:
            tree = args.compare.resolve()
            if not (tree / "post_lint" / "__init__.py").is_file():
                print(f"bench_coldstart: no post_lint package under {tree}", file=sys.stderr)
                return 2
            this, other = "post-lint FILE (this tree, -c)", f"post-lint FILE ({tree.name}, -c)"
            run = [py, "-P", "-c", RUN_POST_LINT, *one, str(args.file)]  # -P: no cwd on the path
            cases += [(this, run, None), (other, run, None)]
            case_env[this] = {"PYTHONPATH": str(ROOT)}
            case_env[other] = {"PYTHONPATH": str(tree)}
        if args.as_installed:
            plain = plain_venv(Path(tmp) / "venv")
            cases += [
                ("as installed: python -c pass", [str(plain), "-c", "pass"], None),
                (
                    "as installed: post-lint FILE",
                    [str(plain), "-c", RUN_POST_LINT, *one, str(args.file)],
                    None,
                ),
            ]
        print(f"machine: {machine_line()}")
        print(f"file:    {args.file} ({args.file.stat().st_size:,} bytes)")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"median of {args.runs} runs after two warm-ups, cases taking turns")
        print("post-lint runs: --isolated --no-cache --exit-zero\n")
        all_times = time_commands(cases, args.runs, case_env)
    print(f"{'':44} {'CPU ms':>8} {'wall ms':>8} {'min CPU':>8}")
    rows: dict[str, tuple[float, float]] = {}
    for label, _, _ in cases:
        cpu = [t[0] for t in all_times[label]]
        wall = [t[1] for t in all_times[label]]
        rows[label] = (median(cpu), median(wall))
        print(
            f"  {label:42} {rows[label][0] * 1000:8.1f} {rows[label][1] * 1000:8.1f}"
            f" {min(cpu) * 1000:8.1f}"
        )
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    base = rows["yamllint (front matter)"] if "yamllint (front matter)" in rows else None
    if base is not None:
        compared = [label for label, _, _ in cases if label.endswith(", -c)")]
        for label in ("post-lint FILE", "as installed: post-lint FILE", *compared):
            if label in rows:
                cpu, wall = rows[label][0] / base[0], rows[label][1] / base[1]
                ok = "ok" if cpu <= TARGET else "MISSED"
                print(
                    f"{label} / yamllint: CPU {cpu:.2f}x, wall {wall:.2f}x"
                    f" (target <= {TARGET}x: {ok})"
                )
    if args.importtime:
        print("\nslowest imports of one `post-lint --isolated FILE` run (cumulative, self; ms):")
        cmd = [
            py,
            "-X",
            "importtime",
            "-c",
            "import sys; from post_lint.cli import main; "
            f"sys.exit(main(['--isolated', '--no-cache', {str(args.file)!r}]))",
        ]
        for cumulative, own, name in slowest_imports(cmd, 25):
            print(f"  {cumulative / 1000:7.1f} {own / 1000:7.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
