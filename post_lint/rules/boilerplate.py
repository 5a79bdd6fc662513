"""GEN002 assistant-boilerplate: sentences written to the person who asked.

The rule models the situation rather than listing phrases. A reply from a
chat assistant has edges: at the opening it acknowledges the request and
presents the text ("Sure! Here's a blog post about …", 「以下は…記事です。」,
「好的，以下是…的文章。」); at the closing it wishes the text helps the asker
or offers to change it or write more ("Let me know if you want any changes",
「他に修正したい点があればお知らせください。」, 「如果还有其他问题，请随时告诉我。」);
and anywhere it may speak of itself as an AI or of its knowledge cutoff.
When such a reply is pasted as a post, those sentences stay at the opening or
closing of the post, often glued to the first or last real paragraph.

The cues are data (:mod:`post_lint.data.boilerplate`), combined here:

- **opening** (the first two sentences of the body's first top-level
  paragraph and the first sentence of the second): a ``reply`` or
  ``request`` cue alone; an ``ack`` followed by a ``deliver`` cue in the same
  or the next sentence; or a ``deliver`` cue with a ``text_type`` and one
  more piece of evidence (``polish``, a colon that introduces the text).
- **closing** (every sentence of the last two top-level paragraphs or list
  items): a ``hope`` cue alone; an ``offer`` (or, in Japanese and Chinese, a
  ``condition`` with an ``offer``) together with a ``revise`` cue. A weak
  cue (``hope_weak``, an offer without ``revise``) right before a strong one
  joins its run, which is reported once at its first sentence.
- **anywhere** (every sentence of a top-level paragraph or list item):
  ``self_ai`` or ``cutoff``.

Every cue must stand at the start of its sentence (after an optional
``lead_in`` such as "However, "), so a phrase quoted inside a sentence never
matches; sentences that open with a quotation mark are skipped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import islice
from typing import Any

from .. import regex_engine as regex
from ..data import boilerplate as data
from ..diagnostics import Diagnostic
from ..lazyre import lazy, start_finder, texts_matching
from ..post import Block, Post
from ..records import dataclass
from ..text import SENTENCE_END_MARKS, normalize, shorten, split_sentences
from .base import Options, non_blank_strings, rule
from .gen_family import FAMILY

#: How far a "…" wildcard in a phrase reaches (within one sentence; the text
#: is NFKC-normalised, and a Latin full stop may be an abbreviation's).
_WILDCARD = rf"[^\n{SENTENCE_END_MARKS}]{{0,80}}?"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "＇": "'", "“": '"', "”": '"'})
_NEEDS_TRANSLATION = lazy("[’‘＇“”]")
#: How many top-level paragraphs at each end of the body count as the
#: opening and the closing.
EDGE_PARAGRAPHS = 2
#: Paragraphs longer than this are not scanned for boilerplate (bounded work).
MAX_PARAGRAPH_CHARS = 20_000
#: Sentences of the first paragraph that count as its opening.
OPENING_SENTENCES = 2
_QUOTES = "\"'“”‘’「『《〈«‹"


@functools.cache
def _anywhere_hint() -> Any:
    return start_finder(data.ANYWHERE_HINT, re.IGNORECASE)


def normalize_phrase_text(text: str) -> str:
    """NFKC, curly quotes folded to straight ones, white space folded: the
    form every cue and phrase is matched against."""
    text = normalize(text, casefold=False)
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_APOSTROPHES)
    return text


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a pattern that tolerates any run of white space
    and any apostrophe; ``…`` stands for up to 80 characters of the sentence."""
    parts = []
    # Split before normalising: NFKC turns "…" into "...".
    for part in phrase.split("…"):
        escaped = regex.escape(normalize_phrase_text(part), special_only=True)
        parts.append(escaped.replace("\\ ", r"\s+").replace(" ", r"\s+").replace("'", "['’‘＇]"))
    return _WILDCARD.join(parts)


def _alternation(patterns: Iterable[str]) -> Any:
    # Longest first; equal lengths in text order, so that the pattern (and the
    # compiled-pattern cache's key) is the same in every process.
    parts = sorted(set(patterns), key=lambda p: (-len(p), p))
    if not parts:
        return None
    # Plain re, compiled when the rule first asks for this kind: the regex
    # module took three times as long to compile the model, most of a
    # one-file run's start-up.
    return lazy("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


def builtin_phrases() -> dict[str, tuple[str, ...]]:
    """The shipped fixed phrases merged across languages:
    ``{"opening": (...), "closing": (...), "anywhere": (...)}``."""
    merged: dict[str, list[str]] = {"opening": [], "closing": [], "anywhere": []}
    for table in data.PHRASES.values():
        for where, phrases in table.items():
            merged[where].extend(phrases)
    return {k: tuple(dict.fromkeys(v)) for k, v in merged.items()}


@dataclass(frozen=True)
class Model:
    """The compiled cues (one alternation per kind, all languages) and phrases."""

    cues: Mapping[str, Any]
    phrases: Mapping[str, Any]

    def at(self, kind: str, text: str, pos: int, end: int) -> Any:
        pattern = self.cues.get(kind)
        return pattern.match(text, pos, end) if pattern is not None else None

    def within(self, kind: str, text: str, pos: int, end: int) -> Any:
        pattern = self.cues.get(kind)
        return pattern.search(text, pos, end) if pattern is not None else None


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())


@lru_cache(maxsize=32)
def model(
    extra_cues: tuple[tuple[str, tuple[str, ...]], ...] = (),
    extra_phrases: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Model:
    """The model with the user's extra cues (literal words, ``…`` wildcards)
    and extra phrases added; cached, so the common case compiles once."""
    cues: dict[str, list[str]] = {k: [] for k in data.CUE_KINDS}
    for table in data.CUES.values():
        for kind, fragments in table.items():
            cues[kind].extend(fragments)
    for kind, words in extra_cues:
        if kind in cues:
            cues[kind].extend(phrase_regex(w) for w in words)
    phrases = {k: list(map(phrase_regex, v)) for k, v in builtin_phrases().items()}
    for where, words in extra_phrases:
        phrases[where].extend(phrase_regex(w) for w in words)
    return Model(
        cues={k: _alternation(v) for k, v in cues.items()},
        phrases={k: _alternation(v) for k, v in phrases.items()},
    )


def _valid_cues(value: Any) -> str | None:
    """``extra-cues``: a table of cue kind -> list of non-blank strings."""
    for key, words in value.items():
        kind = str(key).replace("-", "_")
        if kind not in data.CUE_KINDS:
            known = ", ".join(k.replace("_", "-") for k in data.CUE_KINDS)
            return f"has an unknown cue kind {key!r} (the kinds: {known})"
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            return f"must map {key!r} to a list of non-empty strings"
    return None


def _model_for(options: Options) -> Model:
    raw = options.get("extra_cues") or {}
    extra_cues: list[tuple[str, tuple[str, ...]]] = []
    if isinstance(raw, Mapping):
        for key, value in sorted(raw.items()):
            kind = str(key).replace("-", "_")
            if kind in data.CUE_KINDS:
                extra_cues.append((kind, _words(value)))
    extra_phrases = tuple(
        (where, _words(options.get(option, ())))
        for where, option in (
            ("opening", "extra_opening_phrases"),
            ("closing", "extra_closing_phrases"),
            ("anywhere", "extra_phrases"),
        )
        if _words(options.get(option, ()))
    )
    return model(tuple(extra_cues), extra_phrases)


#: id(options) -> (options, model, scan_all): worked out once per
#: configuration, not once per post (bounded).
_PREPARED: dict[int, tuple[Options, Model, bool]] = {}


def _prepared(options: Options) -> tuple[Model, bool]:
    """The model for ``options`` and whether every paragraph is read (user
    phrases or cues that may stand anywhere)."""
    hit = _PREPARED.get(id(options))
    if hit is not None and hit[0] is options:
        return hit[1], hit[2]
    extra = options.get("extra_cues") or {}
    scan_all = bool(_words(options.get("extra_phrases", ()))) or any(
        str(k).replace("-", "_") in ("self_ai", "cutoff", "lead_in") for k in extra
    )
    m = _model_for(options)
    if len(_PREPARED) > 64:
        _PREPARED.clear()
    _PREPARED[id(options)] = (options, m, scan_all)
    return m, scan_all


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    #: Where its first cue may start (after a lead-in).
    cue: int


def _sentences(m: Model, text: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    cursor = 0
    for piece in split_sentences(text):
        pos = text.find(piece, cursor)
        if pos < 0:
            continue
        end = pos + len(piece)
        cursor = end
        cue = pos
        for _ in range(2):
            lead = m.at("lead_in", text, cue, end)
            if not lead or lead.end() >= end:
                break
            cue = lead.end()
            while cue < end and text[cue] == " ":
                cue += 1
        out.append(_Sentence(pos, end, cue))
    return out


def _after(text: str, pos: int, end: int) -> int:
    """Skip the punctuation and space after an acknowledgement."""
    while pos < end and (text[pos] in " !,.:;、。—-" or text[pos].isspace()):
        pos += 1
    return pos


def _delivers(m: Model, text: str, s: _Sentence, pos: int, acked: bool) -> bool:
    """A deliver cue at ``pos`` that presents a text to the asker."""
    d = m.at("deliver", text, pos, s.end)
    if d is None:
        return False
    kind = m.within("text_type", text, d.end(), min(s.end, d.end() + 90))
    if kind is None:
        return False
    if acked or m.within("request", text, pos, s.end) or m.within("polish", text, pos, s.end):
        return True
    # "Here is a blog post about …", "Here is the article:" (a kind of post,
    # not any text: "Here's a text version of the comic:" is a person's).
    post_type = m.within("post_type", text, d.end(), min(s.end, d.end() + 90))
    if post_type is None:
        return False
    head = text[d.end() : post_type.start()].strip().lower()
    return bool(regex.match(r"an?\b", head)) or text[pos : s.end].rstrip().endswith(":")


def _opening(m: Model, text: str, sents: list[_Sentence], i: int) -> bool:
    s = sents[i]
    p = s.cue
    if m.at("reply", text, p, s.end) or m.at("request", text, p, s.end):
        return True
    ack = m.at("ack", text, p, s.end)
    if ack is not None:
        q = _after(text, ack.end(), s.end)
        if q < s.end and _delivers(m, text, s, q, True):
            return True
        # 「承知しました。…記事を作成しました。」: the delivery ends the sentence.
        if q < s.end and m.within("text_type", text, q, s.end) and m.within("made", text, q, s.end):
            return True
        if q >= s.end and i + 1 < len(sents):
            nxt = sents[i + 1]
            if _delivers(m, text, nxt, nxt.cue, True):
                return True
            if m.within("text_type", text, nxt.cue, nxt.end) and m.within(
                "made", text, nxt.cue, nxt.end
            ):
                return True
    prev_ack = i > 0 and m.at("ack", text, sents[i - 1].cue, sents[i - 1].end) is not None
    if _delivers(m, text, s, p, prev_ack):
        return True
    phrases = m.phrases.get("opening")
    return bool(phrases is not None and phrases.match(text, s.start, s.end))


def _offer(m: Model, text: str, s: _Sentence) -> bool:
    p = s.cue
    if m.at("offer", text, p, s.end) or m.at("condition", text, p, s.end):
        return True
    # Japanese: 「…があれば、お知らせください。」 (the request ends the sentence).
    return bool(m.within("condition", text, p, s.end) and m.within("offer", text, p, s.end))


def _closing_strength(m: Model, text: str, s: _Sentence) -> int:
    """2 for a sentence that is boilerplate on its own, 1 for one that joins
    a run of boilerplate, 0 otherwise."""
    p = s.cue
    if m.at("hope", text, p, s.end):
        return 2
    phrases = m.phrases.get("closing")
    if phrases is not None and phrases.match(text, s.start, s.end):
        return 2
    weak = bool(m.at("hope_weak", text, p, s.end))
    # "Hope you found this useful — feel free to ask …": each clause may open an offer.
    for start in _clause_starts(text, s):
        clause = _Sentence(start, s.end, start)
        if _offer(m, text, clause):
            if m.within("revise", text, start, s.end) and m.within("ask_me", text, start, s.end):
                return 2
            weak = True
    return 1 if weak else 0


@functools.cache
def _clause_break() -> Any:
    return regex.compile(r" [—–-] |; |: | \(")


def _clause_starts(text: str, s: _Sentence) -> list[int]:
    starts = [s.cue]
    for b in _clause_break().finditer(text, s.cue, s.end):
        if b.end() < s.end:
            starts.append(b.end())
    return starts


def _anywhere(m: Model, text: str, s: _Sentence) -> bool:
    p = s.cue
    if m.at("self_ai", text, p, s.end) or m.at("cutoff", text, p, s.end):
        return True
    phrases = m.phrases.get("anywhere")
    return bool(phrases is not None and phrases.match(text, s.start, s.end))


# --------------------------------------------------------------------------
# The rule
# --------------------------------------------------------------------------


def _locate(post: Post, block: Block, snippet: str) -> tuple[int, int]:
    """Best (line, column) in the block's source for a prose snippet."""
    probe = snippet[:8].strip()
    if probe:
        for lineno in range(block.start_line, block.end_line + 1):
            pos = normalize_phrase_text(post.lines.line(lineno)).casefold().find(probe.casefold())
            if pos >= 0:
                return lineno, pos + 1
    line = post.lines.line(block.start_line)
    return block.start_line, len(line) - len(line.lstrip()) + 1


def _candidates(post: Post) -> list[Block]:
    return [
        b
        for b in post.blocks
        if b.kind == "paragraph"
        and (b.is_top_level or b.containers == ("list_item",))
        and b.prose.strip()
        and len(b.prose) <= MAX_PARAGRAPH_CHARS
    ]


def find_boilerplate(
    post: Post, m: Model, scan_all: bool = False
) -> Iterator[tuple[Block, str, str]]:
    """(block, where, sentence) for each run of boilerplate, in order.
    Paragraphs in the middle of the post are only read when they hold a hint
    of an ``anywhere`` cue, or always with ``scan_all`` (user phrases)."""
    candidates = _candidates(post)
    last = len(candidates) - 1
    # the first top-level paragraphs, and the last ones (or the last paragraph)
    first_top = list(
        islice((k for k, b in enumerate(candidates) if b.is_top_level), EDGE_PARAGRAPHS)
    )
    last_top = list(
        islice(
            (k for k in range(last, -1, -1) if k == last or candidates[k].is_top_level),
            EDGE_PARAGRAPHS,
        )
    )
    opening = {id(candidates[k]): n for n, k in enumerate(first_top)}
    closing = {id(candidates[k]) for k in last_top}
    hinted = None if scan_all else texts_matching(_anywhere_hint(), [b.prose for b in candidates])
    read = range(len(candidates)) if hinted is None else sorted({*hinted, *first_top, *last_top})
    for k in read:
        block = candidates[k]
        text = normalize_phrase_text(block.prose)
        if not text:
            continue
        sents = [s for s in _sentences(m, text) if text[s.cue] not in _QUOTES]
        if not sents:
            continue
        reported: set[int] = set()
        n_open = id(block) in opening and (OPENING_SENTENCES if opening[id(block)] == 0 else 1)
        for i in range(min(n_open or 0, len(sents))):
            if _opening(m, text, sents, i):
                reported.add(i)
                yield block, "opening", text[sents[i].start : sents[i].end]
                break
        if id(block) in closing:
            strength = [_closing_strength(m, text, s) for s in sents]
            i = 0
            while i < len(sents):
                if strength[i] == 2:
                    first = i
                    while first > 0 and strength[first - 1] == 1:
                        first -= 1
                    last = i
                    while last + 1 < len(sents) and strength[last + 1] >= 1:
                        last += 1
                    if not reported.intersection(range(first, last + 1)):
                        reported.update(range(first, last + 1))
                        yield block, "closing", text[sents[first].start : sents[first].end]
                    i = last + 1
                    continue
                i += 1
        for i, s in enumerate(sents):
            if i not in reported and _anywhere(m, text, s):
                reported.add(i)
                yield block, "anywhere", text[s.start : s.end]


@rule(
    "GEN002",
    "assistant-boilerplate",
    "text written to the person who asked, not to the reader",
    family=FAMILY,
    shares=(),
    options={
        "extra_phrases": [],
        "extra_opening_phrases": [],
        "extra_closing_phrases": [],
        "extra_cues": {},
    },
    validate={
        "extra_phrases": non_blank_strings,
        "extra_opening_phrases": non_blank_strings,
        "extra_closing_phrases": non_blank_strings,
        "extra_cues": _valid_cues,
    },
)
def assistant_boilerplate(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds sentences an assistant wrote to the person who asked for the text,
    left in the post: "Sure! Here's a blog post about …", "As requested, here
    is …", "I hope this article helps! Let me know if you want any changes.",
    「以下は…ブログ記事です。」, 「他に修正したい点があればお知らせください。」,
    「希望这篇文章对你有所帮助！如果还有其他问题，请随时告诉我。」, "As an AI
    language model, I …", and knowledge-cutoff disclaimers ("As of my last
    knowledge update in 2023", 「私の知識は2023年までのものですが」, 「截至我的知识更新」).

    It is a model of the situation, not a phrase list: a sentence counts when
    it is addressed to the asker *and* stands where a chat reply puts such
    sentences.

    - **Opening** (the first two sentences of the body's first top-level
      paragraph, the first sentence of the second): an acknowledgement
      followed by the delivery of a kind of text ("Sure! Here's a blog post",
      「承知しました。以下は…記事です」, 「好的，以下是…文章」); a reference to the
      request ("As requested", 「ご依頼いただいた」, 「根据您的要求」); words that
      only open a reply ("Happy to help!", 「かしこまりました」); or "here is / 以下は /
      以下是" + a kind of text with more evidence ("a blog post about", "the
      revised version", 「…記事です。」, 「一篇」, a colon before the text).
    - **Closing** (every sentence of the last two top-level paragraphs, so a
      sentence glued to the end of a real paragraph counts): a wish that the
      text helps the asker ("I hope this helps", 「希望对你有帮助」), or an
      offer or request to the asker that is about changing the text or doing
      more ("Let me know if you want any changes", 「他にも書いてほしいテーマがあれば、
      遠慮なくどうぞ」, 「如果您需要修改，请告诉我」). A weaker sentence right before
      it ("I hope you find this useful.") joins it; the run is reported once.
    - **Anywhere** (any top-level paragraph or list item): an AI speaking of
      itself ("As an AI language model,", 「AIアシスタントとして」, 「作为一个AI语言模型，」)
      or of its knowledge cutoff.

    A cue must open its sentence (after an optional lead-in such as
    "However," / 「なお、」 / 「不过，」), so a phrase quoted inside a sentence,
    a sentence in quotation marks, a block quote, a footnote, a code block,
    inline code or a heading never matches: a post *about* chatbots that
    quotes their replies stays clean. Human closings ("Let me know if I got
    something wrong", 「間違いがあれば教えてください」, 「希望对大家有帮助」) do not
    offer to revise the text and stay clean. Matching ignores case,
    full-width/half-width differences and curly versus straight apostrophes.
    The cues are data, one table per language, in
    ``post_lint/data/boilerplate.py``.

    **Why:** these sentences talk to the person at the chat prompt, not to a
    reader; they are the most visible sign of pasted, unedited output.

    **Example:** a body that starts with ``Certainly! Here is a blog post about
    Rust:`` reports ``post.md:5:1: GEN002 assistant boilerplate (opening):
    'Certainly! Here is a blog post about Rust:'``.

    **Options:**

    - ``extra-cues`` (table, default ``{}``): more words for a cue kind, e.g.
      ``{ text-type = ["whitepaper", "ホワイトペーパー"], revise = ["punch up"] }``.
      The kinds are ``lead-in``, ``ack``, ``reply``, ``request``, ``deliver``,
      ``text-type``, ``polish``, ``offer``, ``condition``, ``revise``, ``hope``,
      ``hope-weak``, ``self-ai`` and ``cutoff`` (described in
      ``post_lint/data/boilerplate.py``); words are literal, ``…`` stands for
      up to 80 characters of the same sentence.
    - ``extra-phrases`` (default ``[]``): fixed phrases matched at the start
      of any sentence.
    - ``extra-opening-phrases`` (default ``[]``): matched at the start of the body.
    - ``extra-closing-phrases`` (default ``[]``): matched at the end of the body.
    """
    m, scan_all = _prepared(options)
    for block, where, sentence in find_boilerplate(post, m, scan_all):
        line, column = _locate(post, block, sentence)
        source = post.lines.line(line)
        if source[: column - 1].count("`") % 2:
            continue  # the words are inside inline code
        end_column = min(column + len(sentence), len(source) + 1)
        yield Diagnostic(
            "GEN002",
            line,
            column,
            f"assistant boilerplate ({where}): '{shorten(sentence, 60)}'",
            line,
            max(end_column, column),
        )
