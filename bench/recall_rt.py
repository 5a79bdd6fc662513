"""RT001 on real posts: what generators write passes, values far off are caught.

Run: ``.venv/bin/python bench/recall_rt.py --per-lang 60``.

Each corpus post gets a ``reading_time`` in its front matter and is linted
under the default settings:

- ``ok:<generator>`` kinds declare what that generator computes from the
  post's rendered text (Markdown rendered with markdown-it, tags stripped, as
  Hugo's ``.Plain``; the same text for the npm package, Jekyll and Medium):
  Hugo before and after its 2026 fix, Jekyll's ``number_of_words`` (cjk
  mode) at 200/min rounded down, npm ``reading-time``, Medium. For these
  kinds the "recall" column is the share of posts RT001 *wrongly* reports:
  it must be 0%.
- ``x2`` ... ``x8``, ``fifth``: the default estimate multiplied (or divided),
  the "two to eight times off" defects the issue names. Here the recall
  column is the share caught.

The generators' counts come from post-lint's own ports of their formulas
(``post_lint.rules.reading_time``), checked against their sources in the
unit tests; the text they count is an independent rendering.
"""

from __future__ import annotations

import math
import re

from harness import Plant, main
from markdown_it import MarkdownIt

from post_lint.rules.reading_time import (
    PRESETS,
    estimate,
    hugo_word_count,
    jekyll_word_count,
    medium_image_seconds,
    reading_time_word_count,
)
from post_lint.text import count_scripts, strip_template_tags

_MD = MarkdownIt("commonmark").enable("table")
_TAG = re.compile(r"<[^>]*>")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_IMG = re.compile(r"!\[")


def _plain(sample) -> str:
    return _TAG.sub(" ", _MD.render(strip_template_tags(sample.post.body)))


def _with_value(sample, minutes: int) -> str | None:
    fm = sample.post.front_matter
    if fm is None or fm.format != "yaml" or fm.end_line is None or fm.data is None:
        return None
    if any("read" in str(k).lower() for k in fm.data):
        return None
    lines = sample.post.text.split("\n")
    return "\n".join(
        [*lines[: fm.end_line - 1], f"reading_time: {minutes}", *lines[fm.end_line - 1 :]]
    )


def _generator_value(name: str, plain: str, images: int) -> int:
    cjk_page = bool(_CJK.search(plain))
    if name == "hugo":
        return math.ceil(hugo_word_count(plain, cjk_page) / (501 if cjk_page else 213))
    if name == "hugo-2026":
        return math.ceil(hugo_word_count(plain, cjk_page) / (500 if cjk_page else 212))
    if name == "jekyll":
        return max(1, jekyll_word_count(plain) // 200)
    if name == "reading-time":
        return max(1, math.ceil(round(reading_time_word_count(plain) / 200, 2)))
    counts = count_scripts(plain)
    seconds = (counts.latin_words / 265 + counts.cjk_chars / 500) * 60
    return max(1, math.ceil((seconds + medium_image_seconds(images)) / 60))


def _ok(name: str):
    def planter(sample, rng):
        plain = _plain(sample)
        if not plain.split():
            return None
        value = _generator_value(name, plain, len(_IMG.findall(sample.post.body)))
        text = _with_value(sample, value)
        if text is None:
            return None
        return Plant(text, {"RT001"}, None, f"{name} value {value}")

    return planter


def _times(factor: float):
    def planter(sample, rng):
        prose = "\n".join(b.prose for b in sample.post.blocks if b.kind in ("paragraph", "heading"))
        est = estimate(prose, 0, PRESETS["default"], {})
        value = round(est.minutes * factor)
        if est.minutes < 2 or value < 1 or value == round(est.minutes):
            return None
        text = _with_value(sample, value)
        if text is None:
            return None
        return Plant(text, {"RT001"}, None, f"{factor}x of {est.minutes:.1f} min: {value}")

    return planter


PLANTERS = {
    **{
        f"ok:{name}": _ok(name)
        for name in ("hugo", "hugo-2026", "jekyll", "reading-time", "medium")
    },
    "x2": _times(2),
    "x3": _times(3),
    "x5": _times(5),
    "x8": _times(8),
    "fifth": _times(0.2),
}

if __name__ == "__main__":
    raise SystemExit(main(PLANTERS, select=["RT001"], description=__doc__.split("\n", 1)[0]))
