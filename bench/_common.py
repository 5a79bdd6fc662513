"""Shared helpers for the benchmarks in this folder (not part of the package).

Timing is wall-clock time of a child process; memory is taken two ways:
``ru_maxrss`` from ``os.wait4`` (the largest single process in the tree) and
the sum of ``VmRSS`` over the whole process tree, sampled every 10 ms (what a
machine running ``--jobs N`` actually needs).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("POST_LINT_CORPUS", ROOT.parent / "shared" / "corpus"))
EXTENSIONS = (".md", ".markdown", ".mdx")


@dataclass
class RunResult:
    seconds: float
    returncode: int
    #: Largest resident set of any single process in the tree, in bytes.
    max_rss_single: int
    #: Largest sampled sum of resident sets over the process tree, in bytes.
    max_rss_tree: int
    #: User + system CPU seconds of the process and the children it waited for.
    cpu_seconds: float = 0.0


def post_lint_command() -> list[str]:
    """How to start post-lint: the console script beside this Python, else ``-m``."""
    script = Path(sys.executable).with_name("post-lint")
    if script.exists():
        return [str(script)]
    found = shutil.which("post-lint")
    if found:
        return [found]
    return [sys.executable, "-m", "post_lint"]


def corpus_files(root: Path) -> list[Path]:
    """The Markdown files post-lint would lint under ``root`` (same extensions)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(folder, f) for f in files if f.lower().endswith(EXTENSIONS))
    return sorted(found)


def machine_line() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count() or 1
    return (
        f"{platform.system()} {platform.machine()}, {cores} CPU{'s' * (cores != 1)}"
        f"{' (' + cpu + ')' if cpu else ''}, Python {platform.python_version()}"
    )


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return [int(p) for p in text.split()]
    except (OSError, ValueError):
        return []


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _tree_rss(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss(p)
        stack.extend(_children(p))
    return total


def run_measured(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    timeout: float = 600,
    env: dict[str, str] | None = None,
) -> RunResult:
    """Run ``cmd`` with output discarded; time it and measure its memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss(proc.pid))
            done.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc/self/status").exists():
        sampler.start()
    deadline = start + timeout
    status = rusage = None
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, rusage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    done.set()
    if sampler.is_alive():
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    single = rusage.ru_maxrss * scale
    cpu = rusage.ru_utime + rusage.ru_stime
    return RunResult(seconds, proc.returncode, single, max(peak_tree, single), cpu)


def median(values: list[float]) -> float:
    return statistics.median(values)


def mb(n: int | float) -> str:
    return f"{n / 1e6:.1f} MB"
