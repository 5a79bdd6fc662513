"""GEN: artifacts of a text generator left in a post.

GEN001 finds generation control text (``---END---``, ``<|endoftext|>``, ...)
that leaked into the body; GEN002 finds sentences an assistant wrote to the
person who asked ("Certainly! Here is ...", "I hope this helps") rather than
to the post's reader.

The marker vocabulary and scan are :mod:`post_lint.markers`, shared with the
TRN family (a marker right after a paragraph is evidence that it was cut) and
the DUP family (paragraphs are compared without markers).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from ..diagnostics import Diagnostic, Fix
from ..edits import delete_line_end, delete_lines
from ..markers import EXTRA_MARKERS
from ..markers import scan as scan_markers
from ..post import Block, Post
from ..text import SENTENCE_END_MARKS, normalize, shorten, split_sentences
from .base import Options, Rule, family, non_blank_strings, rule

# --------------------------------------------------------------------------
# Leaked end markers (the vocabulary and the scan live in post_lint.markers)
# --------------------------------------------------------------------------


#: The GEN family's shared option: the user's extra markers (TRN and DUP
#: rules inherit GEN001's value). ``[rules.GEN]`` sets it for the family.
FAMILY = family(
    "GEN",
    "generation",
    options={EXTRA_MARKERS: []},
    validate={EXTRA_MARKERS: non_blank_strings},
)


@rule(
    "GEN001",
    "leaked-end-marker",
    "generation control text left in the body",
    family=FAMILY,
    fixable=True,
)
def leaked_end_marker(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds generation control text that leaked into the body: ``---END---``,
    ``<|endoftext|>``, ``<|im_end|>``, ``<|eot_id|>``, ``</s>``, ``[END]``,
    ``[/INST]``, ``<end_of_turn>``, ``<<SYS>>``, and chat front-end labels such
    as "Continue generating" or 「続きを生成」 on a line of their own. A marker
    counts on its own line or at the end of a line of text (the control tokens
    only, not the labels). Front matter, code blocks, inline code, block
    quotes, tables and HTML blocks are never searched, ``</s>`` is ignored in
    a post that uses ``<s>`` strikethrough, and a bare ``---`` is a thematic
    break or a setext underline, never a marker.

    **Why:** a generator that hit its length limit, or a pipeline that glued
    several outputs together, leaves its control text behind; readers see it
    verbatim. Human-written posts essentially never contain it.

    **Example:**

    ```markdown
    …変革する可能性を秘

    ---END---
    ```

    reports ``post.md:50:1: GEN001 leaked generation marker '---END---'``.

    **Fix (safe):** the marker line is deleted (with one blank line next to it,
    so no double blank line remains); a marker at the end of a line of text is
    cut from that line.

    **Options:**

    - ``extra-markers`` (list of strings, default ``[]``): more lines to treat
      as markers, matched against the whole line with surrounding white space
      removed, e.g. ``["<<END OF ARTICLE>>"]``. Every reader of markers
      (TRN, DUP) takes this value unless its own table or family sets one;
      ``[rules.GEN]`` sets it for the GEN family.
    """
    markers = scan_markers(post, options[EXTRA_MARKERS])
    for m in markers:
        if m.whole_line:
            first = last = m.line
            while markers.at(first - 1) is not None and markers.by_line[first - 1].whole_line:
                first -= 1
            while markers.at(last + 1) is not None and markers.by_line[last + 1].whole_line:
                last += 1
            edits = delete_lines(post, m.line, run=(first, last))
        else:
            edits = (delete_line_end(post, m.line, m.column),)
        yield Diagnostic(
            "GEN001",
            m.line,
            m.column,
            f"leaked generation marker '{shorten(m.text, 40)}'",
            m.line,
            m.end_column,
            Fix("safe", edits, "remove the leaked marker"),
        )


# --------------------------------------------------------------------------
# Assistant boilerplate
# --------------------------------------------------------------------------

#: How far a "…" wildcard in a phrase reaches (within one sentence; the text
#: is NFKC-normalised, and a Latin full stop may be an abbreviation's).
_WILDCARD = rf"[^\n{SENTENCE_END_MARKS}]{{0,80}}?"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "＇": "'", "“": '"', "”": '"'})
#: How many top-level paragraphs at each end of the body count as the
#: opening and the closing.
_EDGE_PARAGRAPHS = 2
#: Paragraphs longer than this are not scanned for boilerplate (bounded work).
_MAX_PARAGRAPH_CHARS = 20_000


_NEEDS_TRANSLATION = regex.compile("[’‘＇“”]")


def _normalize_phrase_text(text: str) -> str:
    text = normalize(text, casefold=False)
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_APOSTROPHES)
    return text


def _phrase_regex(phrase: str) -> str:
    """A phrase as a pattern that tolerates any run of white space and any
    apostrophe (so it also matches text that is only NFKC-normalised)."""
    parts = []
    # Split before normalising: NFKC turns "…" into "...".
    for part in phrase.split("…"):
        escaped = regex.escape(_normalize_phrase_text(part), special_only=True)
        parts.append(escaped.replace("\\ ", r"\s+").replace(" ", r"\s+").replace("'", "['’‘＇]"))
    return _WILDCARD.join(parts)


@lru_cache(maxsize=64)
def _compile_group(phrases: tuple[str, ...]) -> Any:
    """One alternation for a group of phrases (one match call per sentence)."""
    parts = sorted({_phrase_regex(p) for p in phrases}, key=len, reverse=True)
    if not parts:
        return None
    return regex.compile("|".join(f"(?:{p})" for p in parts), regex.IGNORECASE)


@lru_cache(maxsize=1)
def builtin_phrases() -> dict[str, tuple[str, ...]]:
    """The shipped phrase lists (``post_lint/data/boilerplate.toml``), merged
    across languages: ``{"opening": (...), "closing": (...), "anywhere": (...)}``."""
    from ..compat import tomllib

    raw = resources.files("post_lint").joinpath("data/boilerplate.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    merged: dict[str, list[str]] = {"opening": [], "closing": [], "anywhere": []}
    for table in data.values():
        if not isinstance(table, dict):
            continue
        for where, phrases in table.items():
            if where in merged and isinstance(phrases, list):
                merged[where].extend(p for p in phrases if isinstance(p, str) and p.strip())
    return {k: tuple(dict.fromkeys(v)) for k, v in merged.items()}


def _group(where: str, extra: Iterable[Any]) -> Any:
    """The compiled alternation of the shipped phrases of ``where`` plus the
    user's ``extra`` ones (cached: the common case has no extras)."""
    return _compile_group(builtin_phrases()[where] + tuple(extra))


def _sentence_starts(text: str) -> list[int]:
    """Offsets in ``text`` where its sentences start."""
    starts: list[int] = []
    cursor = 0
    for piece in split_sentences(text):
        pos = text.find(piece, cursor)
        if pos < 0:
            continue
        starts.append(pos)
        cursor = pos + len(piece)
    return starts


def _locate(post: Post, block: Block, snippet: str) -> tuple[int, int]:
    """Best (line, column) in the block's source for a prose snippet."""
    probe = snippet[:8].strip()
    if probe:
        for lineno in range(block.start_line, block.end_line + 1):
            pos = _normalize_phrase_text(post.lines.line(lineno)).casefold().find(probe.casefold())
            if pos >= 0:
                return lineno, pos + 1
    line = post.lines.line(block.start_line)
    return block.start_line, len(line) - len(line.lstrip()) + 1


@rule(
    "GEN002",
    "assistant-boilerplate",
    "text written to the person who asked, not to the reader",
    family=FAMILY,
    shares=(),
    options={"extra_phrases": [], "extra_opening_phrases": [], "extra_closing_phrases": []},
    validate={
        "extra_phrases": non_blank_strings,
        "extra_opening_phrases": non_blank_strings,
        "extra_closing_phrases": non_blank_strings,
    },
)
def assistant_boilerplate(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Finds sentences an assistant wrote to the person who asked for the text,
    left in the post: "As an AI language model, I ...", "Certainly! Here is
    ...", "I hope this helps", "Let me know if you'd like ...", 「以下は…ブログ記事
    です。」, 「お役に立てれば幸いです。」, 「希望这对你有帮助」 and the like.

    The phrases are data, one list per language in
    ``post_lint/data/boilerplate.toml``, in three groups matched in three
    places, always at the *start of a sentence*:

    - *opening* phrases in the first sentence of the body's first two
      top-level paragraphs ("Certainly! Here is a blog post about ...");
    - *closing* phrases in the last two top-level paragraphs ("I hope this
      helps", 「ご不明な点があれば…」);
    - *anywhere* phrases in any top-level paragraph or list item ("As an AI
      language model, I ...").

    A phrase quoted inside a sentence, in a block quote, a footnote, a code
    block, inline code or a heading never matches, so a post *about* chatbots that quotes
    their replies stays clean. Matching ignores case, full-width/half-width
    differences and curly versus straight apostrophes.

    **Why:** these sentences talk to the person at the chat prompt, not to a
    reader; they are the most visible sign of pasted, unedited output.

    **Example:** a body that starts with ``Certainly! Here is a blog post about
    Rust:`` reports ``post.md:5:1: GEN002 assistant boilerplate (opening):
    'Certainly! Here is'``.

    **Options:** each a list of phrases, added to the shipped ones; ``…`` in a
    phrase stands for up to 80 characters of the same sentence.

    - ``extra-phrases`` (default ``[]``): matched at the start of any sentence.
    - ``extra-opening-phrases`` (default ``[]``): matched at the start of the body.
    - ``extra-closing-phrases`` (default ``[]``): matched at the end of the body.
    """
    groups = {
        where: _group(where, options[option])
        for where, option in (
            ("opening", "extra_opening_phrases"),
            ("closing", "extra_closing_phrases"),
            ("anywhere", "extra_phrases"),
        )
    }
    candidates = [
        b
        for b in post.blocks
        if b.kind == "paragraph"
        and (b.is_top_level or b.containers == ("list_item",))
        and b.prose.strip()
        and len(b.prose) <= _MAX_PARAGRAPH_CHARS
    ]
    top = [b for b in candidates if b.is_top_level]
    opening_ids = {id(b) for b in top[:_EDGE_PARAGRAPHS]}
    closing_ids = {id(b) for b in top[-_EDGE_PARAGRAPHS:]}
    anywhere = groups["anywhere"]
    for block in candidates:
        in_edges = id(block) in opening_ids or id(block) in closing_ids
        # Cheap pre-check before normalising and splitting sentences: most
        # paragraphs hold no phrase and are neither opening nor closing.
        hint = anywhere is not None and anywhere.search(unicodedata.normalize("NFKC", block.prose))
        if not in_edges and not hint:
            continue
        text = _normalize_phrase_text(block.prose)
        if not text:
            continue
        need_all = id(block) in closing_ids or bool(hint)
        if need_all:
            starts = _sentence_starts(text)
        elif id(block) in opening_ids:
            starts = [0]
        else:
            continue
        for i, start in enumerate(starts):
            hit = None
            for where in ("anywhere", "opening", "closing"):
                if where == "opening" and (i > 0 or id(block) not in opening_ids):
                    continue
                if where == "closing" and id(block) not in closing_ids:
                    continue
                pattern = groups[where]
                m = pattern.match(text, start) if pattern is not None else None
                if m:
                    hit = (where, m.group(0))
                    break
            if hit is None:
                continue
            where, matched = hit
            line, column = _locate(post, block, matched)
            if post.lines.line(line)[: column - 1].count("`") % 2:
                continue  # the words are inside inline code
            end_column = min(column + len(matched), len(post.lines.line(line)) + 1)
            yield Diagnostic(
                "GEN002",
                line,
                column,
                f"assistant boilerplate ({where}): '{shorten(matched, 60)}'",
                line,
                max(end_column, column),
            )


RULES: tuple[Rule, ...] = (leaked_end_marker, assistant_boilerplate)
