"""Recall of the TRN family on real posts cut the way generators cut them.

Each planter takes a copy of a corpus post (see ``harness.py``) and cuts it
one way, dropping everything after the cut, as a generator that hit its output
limit does: in the middle of a prose sentence, in the middle of a word, inside
a code block, a list item, a table row, right after a heading, inside a
heading's lead-in, inside a link/bold/code span/quote, or (the one kind that
keeps the rest of the post) in the middle of a paragraph resumed by an
ellipsis continuation that starts with a capital or a name. Half of the cut
copies keep a final newline, half end exactly at the cut. Cut positions are
never right before the sentence's own terminal punctuation (a cut there leaves
a finished sentence, which nothing could tell from a style), and never leave
less than four words (eight CJK characters) of the post's body (a body of
"PaperFaces portrait" reads as a caption, not a cut). A mid-word cut never
leaves a whole Latin or katakana word (``Originally`` cut to ``Origin``,
``containers`` to ``contain``, ``メソッド`` to ``メソ``: a word of the
shipped word lists or of the post): that is a cut at a word's end, which no
reader could tell from the end of a label, and the word-boundary mode plants
those already; 23 of the 99 list-item misses on 300 posts per language were
such cuts before this rule (issue 13, third pass). The same holds in either
mode for a cut between two katakana (Japanese has no spaces, so the word mode
cuts between any two CJK characters: ``新しいメソ|ッド`` leaves the word メソ, as
``Origin|ally`` would) and, in Japanese, for a cut between two kanji that
leaves a kanji word the post writes on its own, between kana (``構造|体`` where
the post writes ``…の構造が…``). A word-boundary cut never leaves a list item
that is one word, or capitalised words, numbers and file names only
(``* Updated``, ``* Visual`` of ``* Visual Studio 2022``, ``* Portable Cloud``
of ``* Portable Cloud Programming with Go Cloud``): a label, a name or a
title, finished as it stands. Of the 42 list-item misses on 300 posts per
language at seed 13 before the fourth pass of issue 13, 2 were katakana
word ends and 6 such labels or titles. A prose cut never falls inside bold
or strikethrough (``**…**``, ``~~…~~``): that leaves the markup open, which
the unclosed-inline kind plants (TRN008); and an unclosed-inline cut of a
code span never starts at a backtick that closes one.

    python bench/recall_truncation.py --per-lang 100 [--kinds a,b] [--show-misses 5]
    python bench/recall_truncation.py --per-lang 100 --ja-morphology   # with post-lint[ja]
    python bench/recall_truncation.py --human-ends --per-lang 60 --seed 7  # precision probe
"""

from __future__ import annotations

import bisect
import random
import sys
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Plant, Sample, main

from post_lint import post_end
from post_lint.post import Block

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]")
_KATAKANA = regex.compile(r"[\p{Katakana}ー]")
_HAN = regex.compile(r"\p{Han}")
_TERMINAL = "。．.！!？?…"
#: Markup that a prose cut must not fall inside (links, code, emphasis, HTML).
_MARKUP = regex.compile(
    r"\[[^\]]*\]\([^)]*\)|\[[^\]]*\]|`[^`]*`|<[^>]*>|https?://\S+|\{\{.*?\}\}"
    # a prose cut inside bold or strikethrough leaves it open: the
    # unclosed-inline kind plants those (TRN008)
    r"|\*\*[^*\n]*\*\*|__[^_\n]*__|~~[^~\n]*~~|\*\*|__|~~"
)
_BRACKETS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "“": "”",
    "[": "]",
    "【": "】",
    "《": "》",
}


def _finish(sample: Sample, rng: random.Random, offset: int) -> str:
    """The post cut at ``offset``: with a final newline half of the time."""
    text = sample.text[:offset].rstrip(" \t")
    return text + "\n" if rng.random() < 0.5 else text


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _block_span(sample: Sample, b: Block) -> tuple[int, int]:
    idx = sample.post.lines
    return idx.line_start(b.start_line), idx.line_end(b.end_line)


def _balanced(prefix: str) -> bool:
    """No bracket or quote left open in ``prefix`` (so the cut is a prose cut)."""
    stack: list[str] = []
    for ch in prefix:
        if ch in _BRACKETS:
            stack.append(_BRACKETS[ch])
        elif stack and ch == stack[-1]:
            stack.pop()
    return not stack and prefix.count("`") % 2 == 0 and prefix.count("**") % 2 == 0


def _prose_blocks(sample: Sample, *, top: bool = True, in_list: bool = False) -> list[Block]:
    out = []
    for b in sample.post.blocks:
        if b.kind != "paragraph" or b.link_only or b.image_only or b.emphasis_only:
            continue
        if top and not b.is_top_level:
            continue
        if in_list and not (b.in_list and not b.in_quote and not b.in_footnote):
            continue
        if len(b.prose.strip()) < 30:
            continue
        out.append(b)
    return out


_LATIN_RUN_END = regex.compile(r"\p{Latin}+$")
_KATAKANA_RUN_END = regex.compile(r"[\p{Katakana}ー]+$")


def _leaves_a_word(sample: Sample, before: str) -> bool:
    """Does a mid-word cut after ``before`` leave a whole word: the Latin or
    katakana run it ends with is a word of post-lint's word lists (SCOWL
    English, UniDic katakana, the short forms writers use) or of the post
    itself (``Originally`` cut to ``Origin``, ``containers`` to ``contain``,
    ``メソッド`` to ``メソ``)? Such a cut is no broken word but a cut at a
    word's end, which no reader could tell from one: the ``word`` mode
    plants those."""
    latin = _LATIN_RUN_END.search(before[-40:])
    if latin:
        word = latin.group(0).lower()
        words = post_end.english_words()
        i = bisect.bisect_left(words, word)
        known = (i < len(words) and words[i] == word) or word in post_end.EN_SHORT_FORMS
    else:
        kata = _KATAKANA_RUN_END.search(before[-40:])
        if not kata:
            return False
        word = kata.group(0)
        words = post_end.katakana_words()
        i = bisect.bisect_left(words, word)
        known = i < len(words) and words[i] == word
    return known or _post_words(sample).get(word, 0) > 0


def _post_words(sample: Sample) -> dict[str, int]:
    """Case-folded Latin words and katakana runs of the untouched post."""
    cached = _POST_WORDS.get(sample.path)
    if cached is None:
        body = sample.post.body
        cached = {}
        for m in regex.finditer(r"\p{Latin}+|[\p{Katakana}ー]+", body):
            w = m.group(0).lower()
            cached[w] = cached.get(w, 0) + 1
        _POST_WORDS[sample.path] = cached
    return cached


_POST_WORDS: dict[Path, dict[str, int]] = {}

_HAN_RUN_END = regex.compile(r"\p{Han}+$")
_WHOLE_HAN_RUN = regex.compile(r"(?<!\p{Han})\p{Han}{2,12}(?!\p{Han})")


def _leaves_a_kanji_word(sample: Sample, before: str) -> bool:
    """Does a cut between two kanji after ``before`` leave a word: the kanji
    run it ends with ends in two kanji or more that the untouched post
    writes as a run of their own somewhere, between kana, Latin or
    punctuation (``構造`` of ``…JSONは構造|体``, where the post writes
    ``…の構造が…``)? Such a cut is a cut at a word's end, the kanji analogue
    of ``contain|ers``: no reader could tell it from the end of a noun.
    (Japanese only: there kana set words apart, so a kanji run of its own is
    a word; a Chinese run between commas is a phrase, 然后 or 其实.)"""
    run = _HAN_RUN_END.search(before[-12:])
    if not run or len(run.group(0)) < 2:
        return False
    runs = _KANJI_RUNS.get(sample.path)
    if runs is None:
        runs = _KANJI_RUNS[sample.path] = set(_WHOLE_HAN_RUN.findall(sample.post.body))
    word = run.group(0)
    return any(word[-k:] in runs for k in range(2, len(word) + 1))


_KANJI_RUNS: dict[Path, set[str]] = {}


def _cut_positions(sample: Sample, b: Block, mode: str) -> list[int]:
    """Offsets inside block ``b`` where a cut leaves an unfinished sentence:
    ``word`` (after a whole word, EN) or between two CJK characters;
    ``mid-word`` (inside a word, where what is left of it is no word of its
    own, see :func:`_leaves_a_word`)."""
    text = sample.text
    start, end = _block_span(sample, b)
    masked = _MARKUP.sub(lambda m: "\0" * len(m.group(0)), text[start:end])
    out = []
    for i in range(8, len(masked) - 3):
        before, after = masked[i - 1], masked[i]
        rest = masked[i:]
        nxt_terminal = regex.match(r"[^\s。．.！!？?…]{0,2}[。．.！!？?…\0]", rest)
        if "\0" in masked[i - 1 : i + 1] or before in "\n" or nxt_terminal:
            continue
        if _CJK.match(before):
            if mode == "mid-word":
                ok = (_KATAKANA.match(before) and _KATAKANA.match(after)) or (
                    _HAN.match(before) and _HAN.match(after)
                )
            else:
                ok = bool(_CJK.match(after))
        elif mode == "word":
            ok = before.isalpha() and after == " " and masked[i + 1 : i + 2].isalpha()
        else:
            ok = (
                before.isalpha()
                and after.isalpha()
                and before.islower()
                and regex.match(r"\p{Ll}{2}", masked[i - 2 : i]) is not None
                and regex.match(r"\p{Ll}{2}", masked[i : i + 2]) is not None
            )
        inside_katakana = bool(_KATAKANA.match(before) and _KATAKANA.match(after))
        if ok and (mode == "mid-word" or inside_katakana) and not _HAN.match(before):
            # (Either mode: a cut between two katakana is inside a word.)
            ok = not _leaves_a_word(sample, text[start : start + i])
        if ok and sample.lang == "ja" and _HAN.match(before) and _HAN.match(after):
            ok = not _leaves_a_kanji_word(sample, text[start : start + i])
        if ok and mode == "word" and not _CJK.match(before) and b.in_list:
            ok = not _item_is_label(text[start : start + i])
        if ok and _balanced(text[start : start + i]):
            out.append(start + i)
    return out


#: A word-boundary cut never leaves a list item that is one word or a run of
#: capitalised words (with numbers, versions, file names): ``* Updated``, ``* Portable``, ``*
#: Visual`` of ``* Visual Studio 2022``, ``* Portable Cloud`` of ``* Portable
#: Cloud Programming with Go Cloud``. Such an item is a label, a name or a
#: title, finished as it stands (lists of features, tags, names and titles
#: are written so; TRN005 reads them as such), as a body cut to two words
#: reads as a caption. (A mid-word cut still may: ``* pathna``, ``* Visual
#: Stu`` are no words.)
_ITEM_START = regex.compile(r"^(?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")


def _item_is_label(kept: str) -> bool:
    """Is a list item's kept source (its marker left out) one word, or
    capitalised words, numbers, versions and file names only (``Mongrel
    Temporary Fix For cgi.rb 99% CPU``)?"""
    if _CJK.search(kept):
        return False
    line = _MARKUP.sub(" ", _ITEM_START.sub("", kept))
    tokens = [t.strip("[]()*_`\"'.,:;!?") for t in line.split()]
    tokens = [t for t in tokens if _WORDS.search(t)]
    if not tokens:
        return False
    return len(tokens) == 1 or all(_TITLE_TOKEN.match(t) for t in tokens)


#: A word of a name or title: capitalised, or a number, version or file name.
_TITLE_TOKEN = regex.compile(r"\p{Lu}|.*\d|.*\w\.\w")


#: A cut must leave at least this much of the post's body (Latin words, CJK
#: characters): a body cut to its first few words ("PaperFaces", "PaperFaces
#: portrait", where the post said "PaperFaces portrait of @x.") reads as a
#: caption or a title, and no reader could call it truncated.
_MIN_BODY_WORDS, _MIN_BODY_CJK = 4, 8
_WORDS = regex.compile(r"[\p{Latin}\d][\p{Latin}\d'’\-]*")


def _body_kept(sample: Sample, offset: int) -> bool:
    """Does the body before ``offset`` hold enough prose to read as a cut post?"""
    start = sample.post.lines.line_start(sample.post.body_line)
    kept = _MARKUP.sub(" ", sample.text[start:offset])
    cjk = len(_CJK.findall(kept))
    return cjk >= _MIN_BODY_CJK or len(_WORDS.findall(kept)) >= _MIN_BODY_WORDS


def _prose_cut(sample: Sample, rng: random.Random, mode: str, blocks: list[Block]) -> Plant | None:
    """Cut at a position drawn uniformly from every suitable position of ``blocks``."""
    positions = [
        pos for b in blocks for pos in _cut_positions(sample, b, mode) if _body_kept(sample, pos)
    ]
    if not positions:
        return None
    offset = rng.choice(positions)
    text = _finish(sample, rng, offset)
    line = _line_of(text, offset)
    return Plant(text, {"TRN001", "TRN005"}, [line], sample.text[max(0, offset - 40) : offset])


def prose_mid_sentence(sample: Sample, rng: random.Random) -> Plant | None:
    plant = _prose_cut(sample, rng, "word", _prose_blocks(sample))
    if plant:
        plant.codes = {"TRN001"}
    return plant


def prose_mid_word(sample: Sample, rng: random.Random) -> Plant | None:
    plant = _prose_cut(sample, rng, "mid-word", _prose_blocks(sample))
    if plant:
        plant.codes = {"TRN001"}
    return plant


def cut_list_item(sample: Sample, rng: random.Random) -> Plant | None:
    blocks = [b for b in _prose_blocks(sample, top=False, in_list=True) if len(b.prose) >= 15]
    plant = _prose_cut(sample, rng, rng.choice(["word", "mid-word"]), blocks)
    if plant:
        plant.codes = {"TRN005"}
    return plant


_FENCE = regex.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")


def unclosed_fence(sample: Sample, rng: random.Random) -> Plant | None:
    post = sample.post
    fenced = [
        b
        for b in post.blocks
        if b.kind == "code"
        and b.end_line - b.start_line >= 3
        and _FENCE.match(post.lines.line(b.start_line))
    ]
    if not fenced:
        return None
    b = rng.choice(fenced)
    # Cut after one of the content lines, sometimes in the middle of it.
    n = rng.randrange(b.start_line + 1, b.end_line)
    line = post.lines.line(n)
    offset = post.lines.line_start(n) + (
        rng.randrange(1, len(line)) if len(line) > 4 and rng.random() < 0.5 else len(line)
    )
    text = _finish(sample, rng, offset)
    return Plant(text, {"TRN004"}, None, f"fence at {b.start_line}, cut in line {n}")


def cut_table_row(sample: Sample, rng: random.Random) -> Plant | None:
    post = sample.post
    tables = [b for b in post.blocks if b.kind == "table" and b.end_line - b.start_line >= 3]
    if not tables:
        return None
    b = rng.choice(tables)
    n = rng.randrange(b.start_line + 2, b.end_line + 1)
    line = post.lines.line(n)
    first = line.find("|", 1 if line.lstrip().startswith("|") else 0)
    stripped = line.rstrip()
    if first < 0 or len(stripped) - first < 3:
        return None
    cut = rng.randrange(first + 2, len(stripped) - 1 if stripped.endswith("|") else len(stripped))
    offset = post.lines.line_start(n) + cut
    text = _finish(sample, rng, offset)
    return Plant(text, {"TRN006"}, [n], line[:cut])


def _headings(sample: Sample) -> list[tuple[int, Block]]:
    blocks = sample.post.blocks
    return [
        (i, b)
        for i, b in enumerate(blocks)
        if b.kind == "heading" and b.is_top_level and i > 0 and i + 1 < len(blocks)
    ]


def trailing_heading(sample: Sample, rng: random.Random) -> Plant | None:
    heads = _headings(sample)
    if not heads:
        return None
    _, b = rng.choice(heads)
    offset = sample.post.lines.line_end(b.end_line)
    text = _finish(sample, rng, offset)
    return Plant(text, {"TRN007"}, [b.start_line], sample.post.lines.line(b.start_line))


def heading_lead_in(sample: Sample, rng: random.Random) -> Plant | None:
    blocks = sample.post.blocks
    heads = [
        (i, b)
        for i, b in _headings(sample)
        if blocks[i + 1].kind == "paragraph"
        and blocks[i + 1].is_top_level
        and len(blocks[i + 1].prose.strip()) >= 12
    ]
    rng.shuffle(heads)
    for i, h in heads:
        p = blocks[i + 1]
        if p.prose.rstrip().endswith((":", "：")):
            offset = sample.post.lines.line_end(p.end_line)
        else:
            positions = _cut_positions(sample, p, "word")
            if not positions:
                continue
            offset = rng.choice(positions)
        text = _finish(sample, rng, offset)
        return Plant(
            text,
            {"TRN001", "TRN007"},
            range(h.start_line, p.end_line + 1),
            sample.text[max(0, offset - 40) : offset],
        )
    return None


_CONSTRUCTS = regex.compile(
    r"\[[^\[\]\n]{3,80}\]\([^)\s]{8,300}\)|\*\*[^*\n]{4,80}\*\*|`[^`\n]{4,80}`|「[^「」\n]{6,200}」|“[^“”\n]{6,200}”"
    # shorter code spans (and stray backtick runs) are matched to be skipped,
    # so a match never starts at a span's closing backtick (`v2`ディ…`)
    r"|(?P<skip>`+[^`\n]{0,3}`+|``+)"
)


def unclosed_inline(sample: Sample, rng: random.Random) -> Plant | None:
    post = sample.post
    found = []
    for b in post.blocks:
        if b.kind != "paragraph" or b.in_quote:
            continue
        start, end = _block_span(sample, b)
        for m in _CONSTRUCTS.finditer(sample.text, start, end):
            if m.group("skip") is None:
                found.append(m)
    if not found:
        return None
    m = rng.choice(found)
    body = m.group(0)
    if body.startswith("["):
        # inside the link text or inside the target
        split = body.index("](")
        cut = rng.choice([rng.randrange(2, split), rng.randrange(split + 4, len(body) - 1)])
    elif body.startswith("**"):
        cut = rng.randrange(4, len(body) - 2)
    else:
        cut = rng.randrange(3, len(body) - 1)
    offset = m.start() + cut
    if sample.text[offset - 1] in _TERMINAL or sample.text[offset - 1].isspace():
        offset -= 1
    text = _finish(sample, rng, offset)
    line = _line_of(text, m.start())
    return Plant(text, {"TRN008", "TRN003"}, range(line, _line_of(text, offset) + 1), body[:cut])


_ELLIPSES = ("…", "...", "……")


def capitalised_continuation(sample: Sample, rng: random.Random) -> Plant | None:
    """A paragraph cut mid-sentence, then resumed by an ellipsis paragraph
    starting with a capital or a name (EN), a kanji or katakana (JA), a Han
    character (ZH); the rest of the post follows."""
    blocks = [b for b in _prose_blocks(sample) if b is not sample.post.blocks[-1]]
    rng.shuffle(blocks)
    for b in blocks[:8]:
        start, end = _block_span(sample, b)
        src = sample.text[start:end]
        masked = _MARKUP.sub(lambda m: "\0" * len(m.group(0)), src)
        positions = []
        for i in range(10, len(masked) - 10):
            before, after = masked[i - 1], masked[i]
            if sample.lang == "en":
                ok = before == " " and after.isupper() and masked[i - 2].isalnum()
                ok = ok or (before == " " and masked[i - 2] == "," and after.isupper())
            elif sample.lang == "ja":
                ok = bool(_CJK.match(before)) and bool(_HAN.match(after) or _KATAKANA.match(after))
            else:
                ok = bool(_HAN.match(before)) and bool(_HAN.match(after))
            if ok and "\n" not in masked[i - 2 : i + 1] and _balanced(src[:i]):
                positions.append(i)
        if not positions:
            continue
        i = rng.choice(positions)
        head = src[:i].rstrip()
        tail = src[i:]
        cut_text = sample.text[:start] + head + "\n\n" + rng.choice(_ELLIPSES) + tail
        cut_text += sample.text[end:]
        cut_line = _line_of(cut_text, start + len(head))
        return Plant(
            cut_text,
            {"TRN001", "TRN002"},
            [cut_line, cut_line + 2],
            head[-30:] + " / …" + tail[:30],
        )
    return None


PLANTERS = {
    "prose-mid-sentence": prose_mid_sentence,
    "prose-mid-word": prose_mid_word,
    "unclosed-fence": unclosed_fence,
    "cut-list-item": cut_list_item,
    "cut-table-row": cut_table_row,
    "trailing-heading": trailing_heading,
    "heading-lead-in": heading_lead_in,
    "unclosed-inline": unclosed_inline,
    "capitalised-continuation": capitalised_continuation,
}


def human_ends(argv: list[str]) -> int:
    """The precision probe: copies of sampled posts that end right after a
    finished top-level paragraph or a whole list (where a human ended a
    block); every TRN finding on the copy's last block is a false alarm."""
    import argparse

    from harness import DEFAULT_CORPUS, sample_posts

    from post_lint import lint_text

    ap = argparse.ArgumentParser(description=human_ends.__doc__)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--per-lang", type=int, default=60)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    samples = sample_posts(args.corpus, args.per_lang, args.seed)
    counts: dict[tuple[str, str], list[int]] = {}
    alarms = []
    for lang, posts in samples.items():
        for s in posts:
            blocks = s.post.blocks
            for b, n in zip(blocks, blocks[1:]):
                if b.kind != "paragraph":
                    continue
                if b.in_list and not n.in_list and not b.link_only:
                    kind = "after a whole list"
                elif (
                    b.is_top_level
                    and n.is_top_level
                    and n.kind in ("paragraph", "heading")
                    and len(b.prose) > 30
                ):
                    kind = "after a paragraph"
                else:
                    continue
                text = s.text[: s.post.lines.line_end(b.end_line)] + "\n"
                diags = [
                    d
                    for d in lint_text(text, s.name, {"select": ["TRN"]})
                    if d.line >= b.start_line
                ]
                row = counts.setdefault((kind, lang), [0, 0])
                row[0] += 1
                if diags:
                    row[1] += 1
                    alarms.append(f"  {s.path}:{diags[0].line} {diags[0].code} {diags[0].message}")
    print("| cut | lang | copies | TRN fires |\n|---|---|---|---|")
    for (kind, lang), (n, fired) in sorted(counts.items()):
        print(f"| {kind} | {lang} | {n} | {fired} ({fired / n:.1%}) |")
    print("\n".join(alarms))
    return 0


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--human-ends" in argv:
        argv.remove("--human-ends")
        sys.exit(human_ends(argv))
    rules = None
    if "--ja-morphology" in argv:
        argv.remove("--ja-morphology")
        rules = {"TRN001": {"ja-morphology": True}}
    sys.exit(
        main(
            PLANTERS, select=["TRN"], argv=argv, description=__doc__.split("\n", 1)[0], rules=rules
        )
    )
