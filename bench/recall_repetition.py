"""Recall of the DUP rules on generator repetition planted into real posts.

Each kind is planted, one at a time, into copies of real English, Japanese and
Chinese posts from ``../shared/corpus`` (seeded; see :mod:`harness`), and the
DUP code that must report it is checked at the planted lines:

- ``pasted-back-to-back``: a paragraph pasted again right after itself (DUP001);
- ``block-repeated``: three consecutive paragraphs (with whatever stands
  between them) pasted again, in order, at a later paragraph boundary (DUP001
  or DUP002 on one of the copies);
- ``restarted``: the article written again from its first paragraph after
  its middle paragraph, up to that middle (DUP001/DUP002 on the copies);
- ``copied-into-section``: a paragraph copied into the middle of another
  section (a post with two headings or more; DUP001);
- ``title-first``: the front-matter title as the first paragraph (DUP004);
- ``run-together``: two or three consecutive paragraphs joined into one,
  placed after them (DUP003);
- ``near-duplicate``: a paragraph of 30 words (90 CJK characters) or more
  written again with a few ordinary words (two- or three-character runs in
  Chinese and Japanese) changed, right after the original or with one
  paragraph between (DUP002).

Usage::

    .venv/bin/python bench/recall_repetition.py               # 100 posts per language
    .venv/bin/python bench/recall_repetition.py --per-lang 50 --show-misses 3

The untouched sample's DUP findings are listed at the end (false alarms to
read; real posts do repeat on purpose now and then).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Plant, Sample, main

_LATIN = regex.compile(r"\p{Latin}+")
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: Source that makes a paragraph something else than plain prose to plant.
_NOT_PLAIN = regex.compile(r"^\s*(?:[<|!\[{>#*+-]|\d+\.)|\{\{|\{%|\$\$|https?://\S+\s*$", regex.M)
#: Ordinary lower-case words to swap in for ordinary words (not names).
_ORDINARY = (
    "quietly", "usually", "simple", "careful", "really", "often", "small", "several",
    "clearly", "rather", "mostly", "certain", "gentle", "honest", "later", "plain",
)  # fmt: skip
#: Two-character runs to swap into Chinese and Japanese paragraphs.
_CJK_SWAPS = {
    "ja": ("とても", "かなり", "少し", "本当に", "実際", "大きく"),
    "zh": ("非常", "比较", "一些", "确实", "其实", "大大"),
}


def _words(text: str) -> float:
    return len(_LATIN.findall(text)) + len(_CJK.findall(text)) / 3


def _prose_paragraphs(sample: Sample, min_words: float = 12) -> list[int]:
    """Indexes (in ``post.blocks``) of top-level plain prose paragraphs."""
    post = sample.post
    out = []
    for i, b in enumerate(post.blocks):
        if b.kind != "paragraph" or b.containers or b.link_only or b.image_only:
            continue
        source = post.block_source(b)
        if _NOT_PLAIN.search(source) or _words(b.prose) < min_words:
            continue
        out.append(i)
    return out


def _lines(sample: Sample) -> list[str]:
    return sample.text.split("\n")


def _insert(lines: list[str], after_line: int, new: list[str]) -> tuple[list[str], int]:
    """Insert ``new`` (a block) after 1-based ``after_line`` with blank lines
    around it; returns the lines and the 1-based line where ``new`` starts."""
    out = lines[:after_line] + ["", *new, ""] + lines[after_line:]
    return out, after_line + 2


def _source_lines(sample: Sample, first: int, last: int) -> list[str]:
    return _lines(sample)[first - 1 : last]


def pasted_back_to_back(sample: Sample, rng: random.Random) -> Plant | None:
    paras = _prose_paragraphs(sample)
    if not paras:
        return None
    b = sample.post.blocks[rng.choice(paras)]
    copy = _source_lines(sample, b.start_line, b.end_line)
    lines, at = _insert(_lines(sample), b.end_line, copy)
    return Plant("\n".join(lines), {"DUP001"}, [at], f"copy of line {b.start_line}")


def _consecutive(sample: Sample, paras: list[int], n: int) -> list[list[int]]:
    """Runs of ``n`` prose paragraphs with only blank lines, code or lists
    between them, in the same section (no heading between)."""
    blocks = sample.post.blocks
    runs = []
    for k in range(len(paras) - n + 1):
        group = paras[k : k + n]
        between = [blocks[i] for i in range(group[0] + 1, group[-1]) if i not in group]
        if all(b.kind != "heading" for b in between) and len(between) <= n:
            runs.append(group)
    return runs


def block_repeated(sample: Sample, rng: random.Random) -> Plant | None:
    paras = _prose_paragraphs(sample, 10)
    runs = _consecutive(sample, paras, 3)
    if not runs:
        return None
    group = rng.choice(runs)
    blocks = sample.post.blocks
    first, last = blocks[group[0]], blocks[group[-1]]
    later = [i for i in paras if i > group[-1]] or [group[-1]]
    where = blocks[rng.choice(later)].end_line
    copy = _source_lines(sample, first.start_line, last.end_line)
    lines, at = _insert(_lines(sample), where, copy)
    shift = at - first.start_line
    planted = [blocks[i].start_line + shift for i in group]
    return Plant(
        "\n".join(lines),
        {"DUP001", "DUP002"},
        planted,
        f"lines {first.start_line}-{last.end_line} after {where}",
    )


def restarted(sample: Sample, rng: random.Random) -> Plant | None:
    paras = _prose_paragraphs(sample, 10)
    if len(paras) < 4:
        return None
    blocks = sample.post.blocks
    middle = paras[len(paras) // 2]
    start = blocks[0].start_line
    copy = _source_lines(sample, start, blocks[middle - 1].end_line if middle else start)
    lines, at = _insert(_lines(sample), blocks[middle].end_line, copy)
    shift = at - start
    planted = [blocks[i].start_line + shift for i in paras if i < middle]
    return Plant(
        "\n".join(lines),
        {"DUP001", "DUP002"},
        planted,
        f"restart after line {blocks[middle].end_line}",
    )


def copied_into_section(sample: Sample, rng: random.Random) -> Plant | None:
    blocks = sample.post.blocks
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading" and not b.containers]
    if len(headings) < 2:
        return None
    paras = _prose_paragraphs(sample)
    section = {}
    for i in paras:
        above = [h for h in headings if h < i]
        section[i] = above[-1] if above else -1
    # A paragraph, and a place in the middle of another section: after a
    # paragraph of it that is neither its first nor its last.
    pairs = []
    for i in paras:
        for j in paras:
            if section[j] != section[i] and section[j] >= 0:
                siblings = [k for k in paras if section[k] == section[j]]
                if len(siblings) >= 3 and j not in (siblings[0], siblings[-1]):
                    pairs.append((i, j))
    if not pairs:
        return None
    i, j = rng.choice(pairs)
    b = blocks[i]
    copy = _source_lines(sample, b.start_line, b.end_line)
    lines, at = _insert(_lines(sample), blocks[j].end_line, copy)
    # The later of the two is the one reported: the copy, or the original
    # when the copy went into an earlier section.
    later = at if j > i else b.start_line + len(copy) + 2
    note = f"line {b.start_line} into the section of line {blocks[j].start_line}"
    return Plant("\n".join(lines), {"DUP001"}, [later], note)


def title_first(sample: Sample, rng: random.Random) -> Plant | None:
    title = sample.post.meta.get("title")
    fm = sample.post.front_matter
    if not isinstance(title, str) or not title.strip() or fm is None or fm.end_line is None:
        return None
    lines, at = _insert(_lines(sample), fm.end_line, [title.strip()])
    return Plant("\n".join(lines), {"DUP004"}, [at], title[:60])


def run_together(sample: Sample, rng: random.Random) -> Plant | None:
    paras = _prose_paragraphs(sample)
    n = rng.choice((2, 3))
    runs = [g for g in _consecutive(sample, paras, n) if g[-1] - g[0] == n - 1]
    if not runs:
        return None
    group = rng.choice(runs)
    blocks = sample.post.blocks
    sep = "" if sample.lang in ("ja", "zh") else " "
    joined = sep.join(
        " ".join(_source_lines(sample, blocks[i].start_line, blocks[i].end_line)) for i in group
    )
    lines, at = _insert(_lines(sample), blocks[group[-1]].end_line, [joined])
    return Plant(
        "\n".join(lines), {"DUP003"}, [at], f"lines {[blocks[i].start_line for i in group]}"
    )


def near_duplicate(sample: Sample, rng: random.Random) -> Plant | None:
    paras = [i for i in _prose_paragraphs(sample, 32)]
    if not paras:
        return None
    blocks = sample.post.blocks
    i = rng.choice(paras)
    b = blocks[i]
    text = "\n".join(_source_lines(sample, b.start_line, b.end_line))
    if sample.lang == "en":
        spots = [m for m in regex.finditer(r"(?<=\s)[a-z]{4,12}(?=[\s,.])", text)]
        if len(spots) < 6:
            return None
        chosen = sorted(rng.sample(spots, 3), key=lambda m: m.start())
        swaps = list(_ORDINARY)
    else:
        spots = [m for m in regex.finditer(r"[\p{Han}\p{Hiragana}\p{Katakana}]{2}", text)]
        if len(spots) < 10:
            return None
        chosen = []
        for m in sorted(rng.sample(spots, 6), key=lambda m: m.start()):
            if not chosen or m.start() >= chosen[-1].end() + 8:
                chosen.append(m)
        chosen = chosen[:3]
        swaps = list(_CJK_SWAPS[sample.lang])
    rng.shuffle(swaps)
    out, pos = [], 0
    for m, word in zip(chosen, swaps):
        out.append(text[pos : m.start()])
        out.append(word)
        pos = m.end()
    out.append(text[pos:])
    edited = "".join(out).split("\n")
    after = b.end_line
    following = [k for k in paras if k > i]
    nxt = i + 1
    if (
        rng.random() < 0.5
        and nxt < len(blocks)
        and blocks[nxt].kind == "paragraph"
        and not blocks[nxt].containers
    ):
        after = blocks[nxt].end_line  # one paragraph between
    del following
    lines, at = _insert(_lines(sample), after, edited)
    return Plant("\n".join(lines), {"DUP002", "DUP001"}, [at], f"near copy of line {b.start_line}")


PLANTERS = {
    "pasted-back-to-back": pasted_back_to_back,
    "block-repeated": block_repeated,
    "restarted": restarted,
    "copied-into-section": copied_into_section,
    "title-first": title_first,
    "run-together": run_together,
    "near-duplicate": near_duplicate,
}


if __name__ == "__main__":
    sys.exit(main(PLANTERS, select=["DUP"], description=__doc__.split("\n", 1)[0]))
