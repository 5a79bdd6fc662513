"""post_lint.lazyre: guards and start finders give the plain pattern's match starts."""

from __future__ import annotations

import re

import regex

from post_lint.lazyre import (
    first_char_guard,
    guarded,
    lazy,
    lazy_regex,
    start_finder,
    texts_matching,
)
from post_lint.markers import marker_hint_finder


def _starts(pattern, text: str) -> list[int]:
    """Every position where ``pattern`` matches (searching from each)."""
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m.start())
        pos = m.start() + 1
    return out


TEXTS = [
    "",
    "nothing here at all",
    "Sure, to be continued... Part 1 of 3, section two",
    "KELVIN \u212aEY, long \u017fection 1, dotless \u0131NST] and INST]",
    "生成されました。続きは次号。待续…",
    "END <|im_end|> </s> <s> SYS>> <eos>",
    "an AI, ＡＩ, ａｉ, Knowledge cutoff, 人工知能",
]


def test_guard_lists_first_characters():
    assert first_char_guard("abc|d?e") == "(?=[ade])"
    assert first_char_guard("(?i:ab)|C") == "(?=[C]|(?i:[a]))"
    # Unknown first characters: no guard.
    assert first_char_guard(r"\w+|x") is None
    assert first_char_guard("a?") is None  # may match the empty string
    assert first_char_guard("[^x]y") is None


def test_start_finder_and_guard_match_where_the_pattern_does():
    patterns = [
        ("END|<\\||</?s>|INST\\]|(?i:contin|section (?:[0-9]|one|two))|生成|続|待续", 0),
        (r"\bAI\b|ＡＩ|knowledge|人工知能", re.IGNORECASE),
        (r"(?:part|sec) \d", re.IGNORECASE),
    ]
    for pattern, flags in patterns:
        plain = re.compile(pattern, flags)
        finder = start_finder(pattern, flags)
        guard = re.compile(guarded(pattern, flags), flags)
        for text in TEXTS:
            assert _starts(finder, text) == _starts(plain, text), (pattern, text)
            assert [m.span() for m in guard.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]


def test_start_finder_falls_back_when_cases_are_not_known():
    # A Greek first letter under IGNORECASE: other characters fold to it.
    finder = start_finder("ωx", re.IGNORECASE)
    assert _starts(finder, "Ωx ωx \u2126x") == _starts(re.compile("ωx", re.I), "Ωx ωx \u2126x")
    assert finder.search("ΩX").group() == "ΩX"  # the plain (guarded) pattern


def test_texts_matching_names_the_texts_with_a_match():
    finder = marker_hint_finder()
    texts = ["plain words", "to be continued", "", "more words", "<|im_end|>", "END"]
    assert texts_matching(finder, texts) == {1, 4, 5}
    assert texts_matching(finder, []) == set()
    assert texts_matching(finder, ["nothing", "at all"]) == set()


def test_lazy_compiles_on_first_use():
    p = lazy(r"\p{Han}+", 0, regex)
    assert "_compiled" not in vars(p)
    assert p.pattern == r"\p{Han}+"
    assert p.findall("漢字 and かな 字") == ["漢字", "字"]
    assert isinstance(p.compiled(), regex.Pattern)
    # Once compiled, the methods are the compiled pattern's own.
    assert p.search == p.compiled().search
    assert lazy_regex(r"\p{Katakana}").search("カナ").group() == "カ"
    assert lazy("a+", re.I).sub("-", "xAay") == "x-y"
