"""The process-wide memo of per-paragraph work (post_lint.textmemo)."""

from __future__ import annotations

import pytest

from post_lint import textmemo
from post_lint.textmemo import TextMemo


@pytest.fixture(autouse=True)
def _memo_on():
    textmemo.enable()
    yield
    textmemo.enable(False)


def _recorder():
    calls: list[tuple] = []

    def fn(text, *rest):
        calls.append((text, *rest))
        return (text.upper(), *rest)

    return fn, calls


def test_a_text_is_worked_out_once_per_key():
    fn, calls = _recorder()
    memo = TextMemo(fn)
    assert memo("abc", 1) == ("ABC", 1)
    assert memo("abc", 1) == ("ABC", 1)
    assert memo("abc", 2) == ("ABC", 2)  # another key: worked out again
    assert calls == [("abc", 1), ("abc", 2)]
    assert len(memo) == 2


def test_a_text_longer_than_max_chars_is_never_stored():
    fn, calls = _recorder()
    memo = TextMemo(fn, max_chars=5)
    assert memo("abcdef") == ("ABCDEF",)
    assert memo("abcdef") == ("ABCDEF",)
    assert calls == [("abcdef",), ("abcdef",)]
    assert len(memo) == 0


def test_the_memo_starts_again_empty_when_full():
    fn, calls = _recorder()
    memo = TextMemo(fn, max_entries=3)
    for text in ("a", "b", "c", "d"):
        memo(text)
    assert len(memo) == 1  # "d" alone: the three before were dropped
    memo("a")
    assert calls[-1] == ("a",)
    memo.clear()
    assert len(memo) == 0


def test_the_memo_starts_again_empty_past_its_total_characters():
    fn, calls = _recorder()
    memo = TextMemo(fn, max_total_chars=10)
    memo("abcd")
    memo("efgh")
    assert len(memo) == 2
    memo("ijkl")  # 12 characters in all: only the newest is kept
    assert len(memo) == 1
    memo("ijkl")
    assert calls[-1] == ("ijkl",) and len(calls) == 3


def test_the_memo_is_off_unless_enabled():
    fn, calls = _recorder()
    memo = TextMemo(fn)
    memo("abc")
    textmemo.enable(False)  # a one-off run: every call works it out
    memo("abc")
    memo("abc")
    assert len(calls) == 3 and len(memo) == 0
