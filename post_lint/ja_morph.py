"""Optional Japanese morphology for the sentence-final question (the
``post-lint[ja]`` extra: fugashi + unidic-lite).

The default grammar in :mod:`post_lint.endings` reads the last kana of a
sentence. Where it has no answer (a sentence ending in a kanji or katakana
word, or a plain form that may be 終止形 or 連体形), a MeCab analysis of the
last few dozen characters can tell more: the last morpheme's part of speech
and conjugation form (活用形) from UniDic. Enabled per rule with the
``ja-morphology`` option; when the extra is not installed the option is
ignored and the default grammar answers alone.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Verdicts, as in :mod:`post_lint.endings` (which wraps them; no import
#: back, so the two modules stay a one-way dependency).
FINAL, OPEN = "final", "open"

#: Characters of the sentence's end that are analysed.
_TAIL = 80


@lru_cache(maxsize=1)
def _tagger() -> Any:
    try:
        import fugashi  # type: ignore[import-not-found]

        return fugashi.Tagger()
    except Exception:  # not installed, or no dictionary
        return None


def available() -> bool:
    """Is the extra installed (fugashi with a UniDic dictionary)?"""
    return _tagger() is not None


@lru_cache(maxsize=4096)
def refine(text: str) -> tuple[str, str] | None:
    """(verdict, reason) of a morphological analysis of ``text``'s end, or
    None (no analyser, or nothing more to say than the default grammar)."""
    tagger = _tagger()
    if tagger is None or not text:
        return None
    words = list(tagger(text[-_TAIL:]))
    if not words:
        return None
    w = words[-1]
    f = w.feature
    pos1 = getattr(f, "pos1", "") or ""
    pos2 = getattr(f, "pos2", "") or ""
    form = getattr(f, "cForm", "") or ""
    surface = w.surface
    if getattr(w, "is_unk", False) and len(surface) <= 6:
        return (OPEN, f"ends with '{surface}', which is no word the analyser knows")
    if pos1 == "助詞" and pos2 in ("格助詞", "接続助詞", "副助詞"):
        return (OPEN, f"ends with the {pos2} '{surface}'")
    if pos1 == "接頭辞":
        return (OPEN, f"ends with the prefix '{surface}'")
    if pos1 in ("動詞", "助動詞", "形容詞") and form.startswith(("連用形", "未然形", "仮定形")):
        return (OPEN, f"ends with the {form.split('-')[0]} '{surface}'")
    if pos1 == "助詞" and pos2 == "終助詞":
        return (FINAL, f"ends with the sentence-final particle '{surface}'")
    return None
