"""Language server latency: from a ``didChange`` to its published diagnostics.

Starts ``post-lint server`` once (a warm server, as in an editor), opens a
document, and then sends changes one after another, each a small edit (a
word added to, then taken off, the end of the longest line), sent as editors
send them: an incremental ``didChange`` of that range (``--full``: the whole
new text, as a client without incremental sync would), timing each from
the moment the change is written to the server's stdin until the
``textDocument/publishDiagnostics`` for that version has been read. Prints
p50, p95 and the maximum, and the server's CPU time per change (user +
system, from /proc: what a busy machine hardly moves), for

* the worked example ``examples/seed-alibaba-ja.md`` (58 KB, 53 findings), and
* the median-size post of the corpus (by bytes; skipped when it is absent),

each followed by the same lint run in the benchmark's own process (p50 wall
and CPU): the floor under the server's numbers, so the server's own share is
the difference.

The client is the one the end-to-end tests use (``tests/lsp_client.py``).

    .venv/bin/python bench/bench_server.py                 # 200 changes each
    .venv/bin/python bench/bench_server.py --runs 500 --file some-post.md
    .venv/bin/python bench/bench_server.py --full          # whole-text changes
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _common import DEFAULT_CORPUS, ROOT, corpus_files, machine_line

from tests.lsp_client import Client

WORKED = ROOT / "examples" / "seed-alibaba-ja.md"


def median_post(corpus: Path) -> Path | None:
    if not corpus.is_dir():
        return None
    files = corpus_files(corpus)
    if not files:
        return None
    files.sort(key=lambda p: p.stat().st_size)
    return files[len(files) // 2]


WORD = " extra"


def _longest_line(lines: list[str]) -> int:
    """Index of the longest of ``lines`` (where each change is made)."""
    return max(range(len(lines)), key=lambda i: len(lines[i]))


def variants(text: str) -> tuple[str, str]:
    """The text and the text with one word more on its longest line."""
    lines = text.split("\n")
    edited = list(lines)
    edited[_longest_line(lines)] += WORD
    return text, "\n".join(edited)


def longest_line_end(text: str) -> tuple[int, int]:
    """(line, UTF-16 character) of the end of the longest line."""
    lines = text.split("\n")
    n = _longest_line(lines)
    return n, len(lines[n].encode("utf-16-le")) // 2


def send_change(client: Client, uri: str, text: str, i: int, version: int, full: bool) -> None:
    """Change ``i``: the word added to the longest line (even ``i``) or taken
    off again (odd), sent as editors send it (an incremental edit of the
    range) or, with ``full``, as the whole new text."""
    if full:
        client.change(uri, variants(text)[(i + 1) % 2], version)
        return
    line, end = longest_line_end(text)
    if i % 2 == 0:
        client.edit(uri, version, (line, end), (line, end), WORD)
    else:
        client.edit(uri, version, (line, end), (line, end + len(WORD)), "")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(
    client: Client, path: Path, runs: int, warmup: int, full: bool = False
) -> tuple[list[float], int, float]:
    text = path.read_text(encoding="utf-8", errors="replace")
    uri = path.resolve().as_uri()
    client.open(uri, text, version=1)
    found = len(client.diagnostics(uri, 1))
    times: list[float] = []
    version = 1
    cpu = 0.0
    for i in range(warmup + runs):
        if i == warmup:
            cpu = cpu_seconds(client.proc.pid)
        version += 1
        began = time.perf_counter()
        send_change(client, uri, text, i, version, full)
        client.diagnostics(uri, version)
        if i >= warmup:
            times.append(time.perf_counter() - began)
    cpu = (cpu_seconds(client.proc.pid) - cpu) / runs
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return times, found, cpu


def lint_alone(path: Path, runs: int) -> tuple[float, float]:
    """p50 wall and CPU seconds of linting the same text in this process
    (``Post.from_text`` + ``check_post``): the floor under the server's time."""
    from post_lint import textmemo
    from post_lint.config import Config
    from post_lint.linter import check_post
    from post_lint.post import Post

    textmemo.enable()  # as the server does

    text = path.read_text(encoding="utf-8", errors="replace")
    config = Config.discover(path.resolve().parent)
    check_post(Post.from_text(text, str(path)), config)
    wall, cpu = [], []
    for _ in range(runs):
        a, b = time.perf_counter(), time.process_time()
        check_post(Post.from_text(text, str(path.resolve())), config)
        wall.append(time.perf_counter() - a)
        cpu.append(time.process_time() - b)
    return statistics.median(wall), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--file", type=Path, action="append", help="time this post (repeatable)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument(
        "--full", action="store_true", help="send each change as the whole text (default: a range)"
    )
    args = ap.parse_args(argv)
    files = args.file or [WORKED]
    if not args.file:
        median = median_post(args.corpus)
        if median is not None:
            files.append(median)
    print(machine_line())
    client = Client(cwd=ROOT)
    try:
        client.initialize()
        print(
            f"{'post':<40} {'KB':>6} {'findings':>8} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'max ms':>7} {'cpu ms':>7}"
        )
        for path in files:
            times, found, cpu = measure(client, path, args.runs, args.warmup, args.full)
            ms = [t * 1000 for t in times]
            name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name
            print(
                f"{name[-40:]:<40} {path.stat().st_size / 1024:>6.1f} {found:>8} "
                f"{statistics.median(ms):>7.1f} {percentile(ms, 95):>7.1f} {max(ms):>7.1f} "
                f"{cpu * 1000:>7.1f}"
            )
            wall, alone = lint_alone(path, max(10, args.runs // 4))
            print(
                f"{'  the same lint in-process':<40} {'':>6} {'':>8} {wall * 1000:>7.1f} "
                f"{'':>7} {'':>7} {alone * 1000:>7.1f}"
            )
        client.close()
    finally:
        client.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
