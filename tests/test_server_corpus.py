"""The server's diagnostics on real posts equal the command line's, code,
line and UTF-16 column (opt-in: skips when ../shared/corpus is absent).

A fixed sample of corpus posts is copied to a temporary folder (same relative
paths, so folder-based rules see the same thing), most of them with a defect
planted (a leaked marker after a paragraph, a paragraph repeated at the end),
since few real posts have findings; the CLI lints the copies in one run and
one server lints the same texts."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict

import pytest

pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[dev]' again")

from .conftest import ROOT
from .lsp_client import Client

SAMPLE = 45


def _plant(text: str, i: int) -> str:
    """Every third post untouched; the others get a defect after a paragraph."""
    if i % 3 == 0:
        return text
    paragraphs = [
        p
        for p in text.split("\n\n")
        if len(p) > 80 and not p.lstrip().startswith(("-", "#", "`", "|", "<", "!", ">", "{"))
    ]
    if not paragraphs:
        return text + "\n\n---END---\n"
    chosen = paragraphs[len(paragraphs) // 2]
    if i % 3 == 1:
        return text.replace(chosen, chosen + "\n\n<|im_end|>", 1)
    return text.rstrip("\n") + "\n\n" + chosen + "\n"


def _lsp_lines(text: str) -> list[str]:
    lines, start, i = [], 0, 0
    while i < len(text):
        c = text[i]
        if c in "\r\n":
            lines.append(text[start:i])
            i += 2 if text[i : i + 2] == "\r\n" else 1
            start = i
        else:
            i += 1
    lines.append(text[start:])
    return lines


def _utf16(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def test_server_equals_cli_on_a_corpus_sample(corpus, tmp_path):
    files = sorted(p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown", ".mdx"))
    chosen = []
    for i, path in enumerate(files[:: max(1, len(files) // SAMPLE)][:SAMPLE]):
        try:
            with open(path, encoding="utf-8", newline="") as fh:
                text = fh.read()
        except UnicodeDecodeError:  # an editor would show a repaired text: not the same input
            continue
        copy = tmp_path / path.relative_to(corpus)
        copy.parent.mkdir(parents=True, exist_ok=True)
        with open(copy, "w", encoding="utf-8", newline="") as fh:
            fh.write(_plant(text, i))
        chosen.append(copy)
    cli = subprocess.run(
        [sys.executable, "-m", "post_lint", "--output-format", "json", *map(str, chosen)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert cli.returncode in (0, 1), cli.stderr
    expected = defaultdict(list)
    for d in json.loads(cli.stdout):
        expected[d["path"]].append(d)
    assert len(expected) >= len(chosen) // 2
    findings = sum(len(v) for v in expected.values())
    client = Client(cwd=ROOT)
    try:
        client.initialize()
        for path in chosen:
            with open(path, encoding="utf-8", newline="") as fh:
                client.open(path.as_uri(), fh.read())
        total = 0
        for path in chosen:
            with open(path, encoding="utf-8", newline="") as fh:
                text = fh.read()
            got = client.diagnostics(path.as_uri(), 1)
            want = expected[str(path)]
            assert Counter((d["code"], d["range"]["start"]["line"] + 1) for d in got) == Counter(
                (d["code"], d["line"]) for d in want
            ), path
            bom = text.startswith("\ufeff")
            lines = _lsp_lines(text[1:] if bom else text)
            columns = Counter(
                (
                    d["code"],
                    d["line"],
                    _utf16(lines[d["line"] - 1][: d["column"] - 1]) + (bom and d["line"] == 1),
                )
                for d in want
                if d["line"] <= len(lines)
            )
            assert columns == Counter(
                (d["code"], d["range"]["start"]["line"] + 1, d["range"]["start"]["character"])
                for d in got
                if d["range"]["start"]["line"] < len(lines)
            ), path
            total += len(got)
        assert total == findings
        assert client.close() == 0
    finally:
        client.kill()
