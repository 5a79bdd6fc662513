"""How a post ends: the evidence the TRN rules use to tell a post that was
cut off (a generator hit its output limit) from one that simply ends.

Being the last block of the file is itself evidence when that block is
unfinished: no human post ends inside an open code fence, and a final prose
paragraph without terminal punctuation in a post whose other paragraphs have
it is far more often a cut than a style. What people do end posts with is
kept quiet here (:func:`habit`): a signature, an emoji or emoticon, a link,
a URL or an address, a template tag, an image, "TBD", a casual ending.

Everything works on one :class:`~post_lint.post.Post` and its blocks; each
function returns the reason in words ('' when there is none).
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from functools import cached_property

from . import regex_engine as regex
from .endings import COMMAS, End, ja_register, sentence_end
from .lazyre import lazy_regex
from .post import Block, Post
from .records import dataclass
from .text import HAN_CHAR as _HAN
from .text import KANA_CHAR, split_sentences, strip_html_comments

# --------------------------------------------------------------------------
# Habits: what people end posts with
# --------------------------------------------------------------------------

#: A signature or sign-off line: dashes before a name, "Written by ...",
#: "Posted by", a greeting.
_SIGNATURE = lazy_regex(
    r"^\s*(?:[-—–―~〜～]{1,3}\s*\S|(?:written|posted|translated|edited|photo|image)s?\s+by\b"
    r"|by\s+(?-i:\p{Lu})|(?:best\s+)?regards\b|cheers\b|thanks?\b|thank\s+you\b|love,|yours\b"
    r"|文[:：]|著者|作者|译者|譯者|翻译|来源|來源|转载|轉載|出处|出處|原文|via\b|source\b)",
    regex.IGNORECASE,
)
#: Endings that say "more to come" or "unfinished" on purpose.
_ON_PURPOSE = lazy_regex(
    r"(?:\bTBD|\bTBA|\bTODO|\bWIP|\bto be continued|\bcoming soon|\bmore soon|\bstay tuned"
    r"|\bfin|\bthe end|\band (?:much |many )?more|\betc|\band so (?:on|forth)|などなど|等等|"
    r"\bEOF|（?続く）?|（?つづく）?|未完|待续|待續|未完待续|以上|おわり"
    r"|(?:全文|(?<![\p{Han}\p{Hiragana}\p{Katakana}]))完)"
    r"[\s.!。)）]*$",
    regex.IGNORECASE,
)
#: Emoticons and kaomoji that end a line without a period: ``:)``, ``=D``,
#: ``<3``, ``^^``, ``orz``, ``(笑)``, ``+____+///``.
_EMOTICON = lazy_regex(
    r"(?:[:;=8xX：][-'^o]?[)(\]\[DPpOo3/\\|*]+|<3+|\^_?\^|orz|OTZ|m\(_ _\)m|[（(][^（()）]{0,8}[)）]"
    r"|[+*^~_/\\]{3,}|[wｗ]{2,}|\bXD|\blol|\bLOL|\bhaha\w*|\bhehe\w*)[\s.!]*$"
)
#: Something a reader copies rather than reads: a URL, an address, a path,
#: a file name, a version or a size.
_NOT_PROSE_END = lazy_regex(
    r"(?:[\x21-\x7e]+@[\x21-\x7e]+\.\w+|[\x21-\x7e]*/[\x21-\x7e]*"
    r"|[\x21-\x7e]+\.(?:md|html?|zip|tar\.gz|pdf|png|jpe?g|txt|rb|py|js)"
    r"|\d[\d.,]*\s*(?:[KMG]i?B|MB|KB|GB|%)?|\b[A-Za-z_]+\(\)|(?<![\x21-\x7e])[A-Za-z_]*\d[A-Za-z0-9_]*)"
    r"[\x21-\x2f\x3a-\x40\s]*$",
    regex.IGNORECASE,
)
#: kramdown attribute lists ``{: .class}``, abbreviation definitions
#: ``*[HTML]: ...`` and reference definitions ``[1]: /url`` on the last line.
_DEFINITION_LINE = lazy_regex(r"^\s*(?:\{:.*\}|\*\[[^\]]+\]:|\[[^\]]+\]:\s)")
#: A line ending in a hard break (``<br>``, two spaces, a backslash).
_HARD_BREAK = lazy_regex(r"(?:<br\s*/?>|  |\\)$", regex.IGNORECASE)
_CJK = lazy_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LATIN_WORDS = lazy_regex(r"[\p{Latin}\d][\p{Latin}\d'’\-]*")
_DOMAIN = lazy_regex(r"\b[\w-]+\.(?:org|com|net|io|jp|cn|dev|info)\b|@")
_EMAIL = lazy_regex(r"\S@\S+\.\w")
#: Separators that end lists of names or links written inline.
_SEPARATOR_END = lazy_regex(r"[·・|/\\\-–—=+#]\s*$")
#: ``:heart:``-style emoji shortcodes.
_SHORTCODE_END = lazy_regex(r":[a-z0-9_+\-]{1,40}:\s*$")


#: Characters of the last line and sentence that the habit checks read.
_HABIT_WINDOW = 300


def habit(last_line: str, sentence: str, line_before: str = "") -> str:
    """Why the post's last line is something people end posts with on
    purpose ('' when it is not): ``last_line`` is the raw source line,
    ``sentence`` the unfinished last sentence as prose."""
    # Only the ends matter (and bounded work on hostile input).
    line = last_line.strip()[-_HABIT_WINDOW:]
    sentence = sentence[-_HABIT_WINDOW:]
    # A link's target is where the reader goes, not an address on the page.
    line_before = _LINK_TARGET.sub("]", line_before[-_HABIT_WINDOW:])
    if _DEFINITION_LINE.match(line):
        return "a definition line"
    if _ON_PURPOSE.search(sentence) or _ON_PURPOSE.search(line):
        return "an on-purpose ending"
    if _EMOTICON.search(line):
        return "an emoticon"
    if _NOT_PROSE_END.search(sentence.rstrip()):
        return "an address, path or number"
    short = len(_LATIN_WORDS.findall(line)) <= 6 and len(_CJK.findall(line)) <= 10
    if short and _grammar_open(sentence):
        short = False  # a name or an address never ends in a particle (…)を)
    if short and (_SIGNATURE.match(sentence) or _SIGNATURE.match(line)):
        return "a signature"
    if short and (
        _EMAIL.search(line_before)
        or _DOMAIN.search(line_before)
        or (_HARD_BREAK.search(line_before) and not _CJK.search(line))
    ):
        return "a signature block"
    if short and _DOMAIN.search(line):
        return "a signature (a site or address)"
    if _SEPARATOR_END.search(line) or _SHORTCODE_END.search(line):
        return "a separator or shortcode"
    return ""


_LINK_TARGET = lazy_regex(r"\]\([^)\s]{0,2000}\)")


def _grammar_open(sentence: str) -> bool:
    """Does ``sentence`` end in a CJK particle or conjunction (not a comma),
    which no signature, name or address does?"""
    end = sentence_end(sentence)
    return end.is_open and not end.weak and end.lang != "en" and sentence[-1:] not in COMMAS


#: A sign-off paragraph: what follows it is a signature.
SIGN_OFF = lazy_regex(
    r"^\s*(?:sincerely|(?:best |kind |warm )?regards|best|cheers|thanks|thank you|love|yours"
    r"(?: truly| sincerely)?|以上|敬具|此致|谢谢)[\s\w]{0,20}[,，、。!！]?\s*$",
    regex.IGNORECASE,
)


def label(sentence: str, alone: bool = True) -> str:
    """Why ``sentence`` reads as a name, a title or a label rather than a
    sentence ('' when it does not): a few capitalised words, one or two
    words, a label and its value."""
    if len(sentence) > 400:
        return ""
    if not _CJK.search(sentence):
        words = _LATIN_WORDS.findall(sentence)
        if alone and len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words):
            return "a name or title"
        if alone and len(words) <= 1:
            return "a short label"
        if len(words) <= 4 and any(any(ch.isdigit() for ch in w) for w in words):
            return "a name, size or version"
    elif alone and len(_CJK.findall(sentence)) <= 2:
        return "a short label"
    if "|" in sentence:
        return "a title"
    if alone and regex.search(r"[:：]\s|：", sentence):
        if not _CJK.search(sentence) or _LABEL_VALUE.match(sentence):
            return "a label and its value"
    return ""


def label_prefix(sentence: str) -> str:
    """The label of a ``label: value`` sentence (``7.4.652: ``, ``開催日: ``),
    or ''."""
    m = _LABEL_VALUE.match(sentence)
    return m.group(0) if m else ""


#: In CJK text, a label and its value is a short label, then a colon
#: (``更新 2019-12-25: …``, a definition list's ``Term\n: value``), not a
#: sentence that holds a colon late (``…的文章中，作者提到一个有趣的现象：…``).
_LABEL_VALUE = lazy_regex(r"^[^:：]{1,30}(?:[:：]\s|：)", regex.S)

_TERMINAL_END = lazy_regex(r"[。．.！!？?…」』）)”’]\s*$")


def is_verse(source: str) -> bool:
    """Is a paragraph's source verse: three lines or more, most of them
    short and without terminal punctuation (a poem's stanza)?"""
    lines = [line.strip() for line in strip_html_comments(source).split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    short = [line for line in lines if len(line) <= 30 and not _TERMINAL_END.search(line)]
    return len(short) >= 0.75 * len(lines)


# --------------------------------------------------------------------------
# Words cut in half
# --------------------------------------------------------------------------

_WORD = lazy_regex(r"[\p{Latin}]{2,40}")
_KATAKANA_RUN = lazy_regex(r"[\p{Katakana}ー]{2,40}")
_LAST_LATIN = lazy_regex(r"(?<![\p{Latin}'’\-])(\p{Ll}[\p{Latin}]{1,39})$")
#: Three Latin words or more at the end, the last in lower case: English
#: prose, even inside CJK text.
_ENGLISH_PHRASE_END = lazy_regex(
    r"(?<![\p{Latin}\d'’\-])(?:\p{Latin}[\p{Latin}'’\-]* ){2,}\p{Ll}\p{Latin}+$"
)
#: Two to five small Latin letters right after kana at the end (…いくつかcl).
_SHORT_AFTER_KANA = lazy_regex(r"[\p{Hiragana}\p{Katakana}ー]\p{Ll}{2,5}$")
_LAST_CAPITALISED = lazy_regex(r"(?<![\p{Latin}'’\-])(\p{Lu}\p{Ll}{2,39})$")
#: A camel-case name at the end (``CodeReviewComm``), read only with the
#: post's own longer word (``CodeReviewComments``).
_LAST_CAMEL = lazy_regex(r"(?<![\p{Latin}'’\-])(\p{Lu}\p{Ll}+\p{Lu}[\p{Latin}]{1,37})$")
_KANJI_RUN = lazy_regex(r"(?<!\p{Han})\p{Han}{1,12}(?!\p{Han})")
#: The last kanji run of Japanese text, after kana, Latin or punctuation.
_LAST_KANJI_RUN = lazy_regex(r"(?<=[^\p{Han}])(\p{Han}{1,6})$")
_LAST_KATAKANA = lazy_regex(r"(?<![\p{Katakana}ー])([\p{Katakana}ー]{2,40})$")
#: Vocabulary entries compared per post (bounded work).
_MAX_VOCABULARY = 50_000
#: Characters of prose a post-wide scan reads at most (bounded work).
_PROSE_BUDGET = 2_000_000


@dataclass(eq=False)
class Vocabulary:
    """The words of a post's prose (Latin words case-folded, katakana runs)."""

    post: Post

    @cached_property
    def proses(self) -> tuple[str, ...]:
        """The prose of the post's paragraphs and headings, in order: the
        text every count below reads."""
        return tuple(
            b.prose for b in self.post.blocks if b.kind in ("paragraph", "heading") and b.prose
        )

    @cached_property
    def meta_texts(self) -> list[str]:
        """The front matter's short string values (the title among them)."""
        return [
            v for v in list(self.post.meta.values())[:50] if isinstance(v, str) and len(v) < 5000
        ]

    @cached_property
    def counts(self) -> Counter[str]:
        c: Counter[str] = Counter()
        for value in self.meta_texts:
            c.update(w.casefold() for w in _WORD.findall(value))
            c.update(_KATAKANA_RUN.findall(value))
        for prose in self.proses:
            c.update(w.casefold() for w in _WORD.findall(prose))
            c.update(_KATAKANA_RUN.findall(prose))
            if len(c) > _MAX_VOCABULARY:
                break
        return c

    @cached_property
    def hyphenated(self) -> Counter[str]:
        """Hyphenated words of the post's prose, case-folded (``net-imap``)."""
        c: Counter[str] = Counter()
        budget = _PROSE_BUDGET
        for prose in self.proses:
            if "-" in prose:
                budget -= len(prose)
                if budget < 0:
                    break
                c.update(w.casefold() for w in _HYPHENATED.findall(prose))
        return c

    @cached_property
    def kanji_runs(self) -> Counter[str]:
        """Runs of kanji between kana, Latin or punctuation in the post's
        title and prose: the words and compounds of Japanese text (配列,
        講演), which kana set apart."""
        c: Counter[str] = Counter()
        budget = _PROSE_BUDGET
        for text in (*self.meta_texts, *self.proses):
            budget -= len(text)
            if budget < 0:
                break
            c.update(_KANJI_RUN.findall(text))
        return c

    def kanji_completion(self, run: str) -> str:
        """A longer kanji run of the post that starts with ``run`` and is
        used twice or more, or in the title, when ``run`` itself occurs only
        once (here, at the cut: ``配`` where the post writes 配列); ''
        otherwise."""
        counts = self.kanji_runs
        if counts.get(run, 0) > 1:
            return ""
        best = _most_used_longer(counts, run, 1)
        if not best:
            return ""
        title = self.post.meta.get("title")
        return best if counts[best] >= 2 or (isinstance(title, str) and best in title) else ""

    @cached_property
    def japanese(self) -> bool:
        """Is the post's prose Japanese: kana make at least a fifth of its
        kana and kanji (so a kanji after a code span, …`interface`定, is read
        as Japanese though the item holds no kana)? Chinese posts quote kana
        rarely."""
        kana = han = 0
        budget = 200_000
        for prose in self.proses:
            budget -= len(prose)
            if budget < 0:
                break
            kana += len(KANA_CHAR.findall(prose))
            han += len(_HAN.findall(prose))
        return kana + han > 0 and kana * 5 >= kana + han

    def in_lower_case(self, word: str) -> bool:
        """Does the post's prose write ``word`` (lower case) in lower case,
        as a common word rather than only as a capitalised name?"""
        return bool(self._first_use(word, ignore_case=False))

    def spelling(self, word: str) -> str:
        """How the post's prose first writes ``word`` (case-folded), in its
        own case (``CodeReviewComments`` for ``codereviewcomments``)."""
        return self._first_use(word, ignore_case=True) or word

    def _first_use(self, word: str, *, ignore_case: bool) -> str:
        """The first whole-word use of ``word`` in the post's prose, as
        written ('' for none). A scan, not a pattern per word: those would
        fill the compiled-pattern cache kept between runs."""
        budget = _PROSE_BUDGET
        for prose in self.proses:
            budget -= len(prose)
            if budget < 0:
                break
            hay = prose.lower() if ignore_case else prose
            if len(hay) != len(prose):
                hay = prose  # (a letter whose lower case is longer: İ)
            start = 0
            while (k := hay.find(word, start)) >= 0:
                end = k + len(word)
                if not (k and prose[k - 1].isalpha()) and not prose[end : end + 1].isalpha():
                    return prose[k:end]
                start = k + 1
        return ""

    def completion(self, fragment: str) -> str:
        """A longer word of the post that starts with ``fragment`` when
        ``fragment`` itself occurs only once (here, at the cut); '' otherwise."""
        key = fragment.casefold()
        if self.counts.get(key, 0) > 1:
            return ""
        return _most_used_longer(self.counts, key, 1 if not key.isascii() else 2)


def _most_used_longer(
    counts: Counter[str], key: str, longer: int, letter_next: bool = False
) -> str:
    """The word of ``counts`` used most (the first of equals) that starts
    with ``key`` and is at least ``longer`` characters longer ('' for none);
    with ``letter_next``, only one whose next character is a letter."""
    best, best_n = "", 0
    for word, n in counts.items():
        if len(word) >= len(key) + longer and word.startswith(key) and n > best_n:
            if not letter_next or word[len(key)].isalpha():
                best, best_n = word, n
    return best


#: A word of Latin letters and digits joined by hyphens (``net-imap``).
_HYPHENATED = lazy_regex(r"(?<![\p{Latin}\d\-])[\p{Latin}\d]+(?:-[\p{Latin}\d]+)+")
_LAST_HYPHENATED = lazy_regex(
    r"(?<![\p{Latin}\d'’\-])([\p{Latin}\d]+(?:-[\p{Latin}\d]+)*-(\p{Ll}{2,39}))$"
)

_CLAUSE_UNIT = lazy_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}ー]|[\p{Latin}'’]+")
_CLAUSE_END = lazy_regex(r"\s*(?:[。．.！!？?、，,；;:：)）」』”…\n]|$)")


@dataclass(eq=False)
class ClauseEnds:
    """How often each CJK character or (case-folded) Latin word of a post's
    prose occurs, and how often it ends a clause (punctuation, or the end of
    a paragraph, heading or list item, follows it)."""

    post: Post

    @cached_property
    def counts(self) -> tuple[Counter[str], Counter[str]]:
        seen: Counter[str] = Counter()
        ends: Counter[str] = Counter()
        budget = _PROSE_BUDGET
        for b in self.post.blocks:
            if b.kind not in ("paragraph", "heading") or not b.prose:
                continue
            text = b.prose
            budget -= len(text)
            if budget < 0:
                break
            for m in _CLAUSE_UNIT.finditer(text):
                unit = m.group(0).casefold()
                seen[unit] += 1
                if _CLAUSE_END.match(text, m.end()):
                    ends[unit] += 1
        return seen, ends

    def never_ends(self, text: str, minimum: int = 3) -> str:
        """Evidence that the last character (CJK) or word (Latin) of ``text``
        does not end clauses in this post: it occurs at least ``minimum``
        times elsewhere and never before punctuation or a block's end."""
        m = regex.search(r"([\p{Han}\p{Hiragana}\p{Katakana}ー]|[\p{Latin}'’]+)\W*$", text[-40:])
        if not m:
            return ""
        unit = m.group(1).casefold()
        if not unit.isascii() and KANA_CHAR.search(text[-40:]):
            # Japanese: the grammar in endings.py reads kana endings, and a
            # kanji before nothing is as often a noun (…例, …もの) as a stem.
            return ""
        seen, ends = self.counts
        if not unit.isascii():
            minimum += 1
        if seen[unit] - 1 >= minimum and ends[unit] <= 1:  # the cut itself is one
            return f"the post never ends a clause with '{m.group(1)}' (used {seen[unit] - 1} times elsewhere)"
        return ""


#: Short forms that writers use as words, though the dictionary knows them
#: only as the start of a longer one (repo / report, config / configure).
EN_SHORT_FORMS = frozenset(
    """repo repos config configs env envs auth dev devs api apis async impl init eval exec param
    params arg args util utils cmd ctx admin admins app apps prod temp tmp spec specs doc docs lib
    libs pkg pkgs src dir dirs num str int bool func var vars obj img imgs msg msgs req res resp ref
    refs info intro demo demos sync ops infra perf stats nav btn org orgs repl stdin stdout stderr
    blog blogs vlog vlogs wiki wikis vim emacs gui cli sql css html http https url urls npm pip
    mac macs ios linux unix gnu kde gnome config'd dept approx misc etc ie eg vs""".split()
)
_EN_WORDS_FILE = "en_words.txt.gz"


_JA_KATAKANA_FILE = "ja_katakana.txt.gz"


@functools.cache
def _word_list(name: str) -> tuple[str, ...]:
    """A sorted word list of ``post_lint/data`` (``#`` lines are its notice),
    read once when a check needs it."""
    import gzip  # with importlib.resources, ~6 ms of a run that needs no list
    from importlib import resources

    raw = resources.files("post_lint.data").joinpath(name).read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    return tuple(sorted(w for w in lines if w and not w.startswith("#")))


def english_words() -> tuple[str, ...]:
    """English words, lower case: SCOWL size 50 (64,000 words)."""
    return _word_list(_EN_WORDS_FILE)


def katakana_words() -> tuple[str, ...]:
    """Katakana loanwords (外来語 common nouns) of UniDic (32,000 words)."""
    return _word_list(_JA_KATAKANA_FILE)


def _prefix_only(words: tuple[str, ...], key: str) -> bool:
    """Is ``key`` no word of the sorted ``words`` but the start of one?"""
    i = bisect.bisect_left(words, key)
    if i < len(words) and words[i] == key:
        return False
    return i < len(words) and words[i].startswith(key)


def english_prefix(fragment: str) -> bool:
    """Is ``fragment`` no English word but the start of one (``connectio``,
    ``tempora``, ``peo``), and no short form writers use as a word?"""
    key = fragment.lower()
    if len(key) < 2 or key in EN_SHORT_FORMS:
        return False
    return _prefix_only(english_words(), key)


def katakana_prefix(fragment: str) -> bool:
    """Is the katakana run ``fragment`` no loanword but the start of one
    (``パッケー``, ``セッショ``, ``ダウンロ``), or a loanword followed by
    the start of another (``メイン`` + ``セッショ``, ``プロセス`` + ``グ``)?"""
    words = katakana_words()
    if len(fragment) < 2:
        return False
    if _prefix_only(words, fragment):
        # サーバ for サーバー, エントリ for エントリー: a spelling, not a cut
        # (words of three kana or more drop their last ー, as JIS Z 8301
        # writes them; a word of two keeps it: エラ is no spelling of エラー)
        return not _drops_long_vowel(words, fragment)
    if _is_word(words, fragment):
        return False
    for k in range(2, len(fragment) - 1):
        tail = fragment[k:]
        if (
            _is_word(words, fragment[:k])
            and _prefix_only(words, tail)
            and not _drops_long_vowel(words, tail)
        ):
            return True
    # A loanword and one letter of the next (プロセス + グ, プレビュー + リ):
    # one letter is no word, and these letters end no loanword as a suffix
    # (not the plural ズ/ス, not ン or a small kana).
    head, last = fragment[:-1], fragment[-1]
    return len(head) >= 3 and last not in _SUFFIX_LETTERS and _is_word(words, head)


def _drops_long_vowel(words: tuple[str, ...], fragment: str) -> bool:
    """Is the katakana ``fragment`` a word of ``words`` written without its
    last ー, as words of three kana or more may be (サーバ, エントリ)?"""
    return len(fragment) >= 3 and _is_word(words, fragment + "ー")


#: Katakana letters that end loanwords as suffixes or sounds (ジョブズ,
#: ボス + ン): a loanword followed by one of them is no cut.
_SUFFIX_LETTERS = frozenset("ズスンーッァィゥェォャュョヮヶヵ・ヽヾ")


def english_word(word: str) -> bool:
    """Is ``word`` (any case) a word of the English word list?"""
    return _is_word(english_words(), word.lower())


def _is_word(words: tuple[str, ...], key: str) -> bool:
    i = bisect.bisect_left(words, key)
    return i < len(words) and words[i] == key


def _english_fragment(vocabulary: Vocabulary, fragment: str) -> str:
    """Evidence that ``fragment``, the last word of an English post, is a
    word cut in half: it is used nowhere else in the post, is no English
    word, and starts some."""
    if vocabulary.counts.get(fragment.casefold(), 0) > 1:
        return ""
    if english_prefix(fragment):
        return f"'{fragment}' is no English word, only the start of one"
    split = _compound_cut(fragment)
    if split:
        head, tail = split
        return f"'{fragment}' is no English word, but '{head}' and the start of another ('{tail}')"
    return ""


#: The shortest parts of a compound that :func:`_compound_cut` reads
#: (shorter heads and tails make words by chance: ``go`` + ``lang``).
_MIN_COMPOUND_HEAD, _MIN_COMPOUND_TAIL = 4, 3


def _compound_cut(fragment: str) -> tuple[str, str] | None:
    """``fragment`` (no English word, nor the start of one) as an English
    word followed by the start of another that is no word itself
    (``patchlev``: ``patch`` + ``lev``), the way katakana compounds are read
    (``メイン`` + ``セッショ``): a compound cut in its second word."""
    key = fragment.lower()
    if not key.isalpha() or len(key) > 30 or _is_word(english_words(), key):
        return None
    for k in range(len(key) - _MIN_COMPOUND_TAIL, _MIN_COMPOUND_HEAD - 1, -1):
        head, tail = key[:k], key[k:]
        if (
            english_word(head)
            and tail not in EN_SHORT_FORMS
            and tail not in _EN_SUFFIXES
            and english_prefix(tail)
        ):
            return head, tail
    return None


#: English suffixes that make a word of a name (``rubyist``, ``gopherish``):
#: a name and a suffix, not a compound cut in its second word.
_EN_SUFFIXES = frozenset(
    """ist ists ism isms ish ize izes ise ises ify able ible less ness ful ment ments ity
    ian ians ite ites ese ette ettes ling lings ship hood ware wise ward wards like let lets
    ery ers ing ings""".split()
)


#: A capitalised fragment must be this long to be read with the English
#: word list (shorter ones are names: Scala, Mongo, Redis, Terra).
_MIN_CAPITALISED_FRAGMENT = 6


#: Endings that make another form of a word, not its missing letters.
_INFLECTIONS = frozenset("s es ed er ly 's d r y".split())


def cut_word(vocabulary: Vocabulary, text: str) -> str:
    """Evidence that ``text`` stops in the middle of a word: its last word
    (a lower-case Latin word, or a katakana run) occurs nowhere else in the
    post, but a longer word starting with it does (``configura`` /
    ``configuration``, ``ダウンロ`` / ``ダウンロード``)."""
    text = text.rstrip("*_~` ")
    hyphenated = _hyphenated_cut(vocabulary, text)
    if hyphenated:
        return hyphenated
    latin = _LAST_LATIN.search(text)
    katakana = None if latin else _LAST_KATAKANA.search(text)
    m = latin or katakana
    capital = None if m else _LAST_CAPITALISED.search(text)
    camel = None if m or capital else _LAST_CAMEL.search(text)
    if camel is not None:
        return _camel_cut(vocabulary, camel.group(1))
    if not (m or capital):
        return _kanji_cut(vocabulary, text)
    fragment = (m or capital).group(1)
    whole = vocabulary.completion(fragment)
    if not whole and katakana is not None:
        if vocabulary.counts.get(fragment, 0) <= 1 and katakana_prefix(fragment):
            return f"'{fragment}' is no katakana word, only the start of one"
        return ""
    if not whole:
        last_line = text[-200:].rsplit("\n", 1)[-1]
        if (
            latin is not None
            # (In CJK text a Latin word is a name, unless it ends an English
            # phrase of three words, …わからずlogs in conte, or is a short
            # lower-case fragment right after kana, …をいくつかcl: a name of
            # two to five small letters that starts an English word is rare.)
            and (
                not _CJK.search(text[-40:])
                or _ENGLISH_PHRASE_END.search(text[-120:])
                or _SHORT_AFTER_KANA.search(text[-8:])
            )
            # a short lone word is a name ("mopp"), a long one need not be
            # ("* revisi", "* pathna")
            and (
                len(_LATIN_WORDS.findall(last_line)) >= 2
                or len(fragment) >= _MIN_CAPITALISED_FRAGMENT
            )
        ):
            return _english_fragment(vocabulary, fragment)
        if (
            capital is not None
            and len(fragment) >= _MIN_CAPITALISED_FRAGMENT
            and not _CJK.search(text[-40:])
        ):
            # A capitalised word cut in half (``The Go Playgrou``, ``Origina``):
            # long enough that it is no short name that starts a word
            # (Scala, Mongo, Redis).
            return _english_fragment(vocabulary, fragment)
        return ""
    if capital is not None:
        # A name cut in half (``Playgro`` / ``Playground``, ``Leb`` /
        # ``Lebesgue``): the whole name is used in the post, three letters
        # longer at least, and is not the fragment plus a word of its own
        # (``Java`` / ``JavaScript``); a long fragment may miss fewer letters
        # (``Playgrou`` / ``Playground``), but not an inflection (``Containers``).
        rest = whole[len(fragment) :]
        # A five-letter fragment that is no English word but starts one
        # (``Windo`` / ``Windows``) is cut too; a shorter one two letters
        # short is a name (``Mari`` / ``Maria``).
        short = len(rest) < 3 and (
            rest in _INFLECTIONS
            or len(fragment) < _MIN_CAPITALISED_FRAGMENT - 1
            or (len(fragment) < _MIN_CAPITALISED_FRAGMENT and not english_prefix(fragment))
        )
        if short and english_word(whole) and vocabulary.in_lower_case(whole):
            # (``Upda`` where the post writes "to update": a word, not a
            # name, and no name of four letters starts it.)
            short = not english_prefix(fragment)
        if vocabulary.counts.get(rest, 0) or short:
            return ""
        whole = vocabulary.spelling(whole)
    return f"'{fragment}' is the start of '{whole}', used elsewhere in the post, and no word of its own"


def _camel_cut(vocabulary: Vocabulary, fragment: str) -> str:
    """Evidence that a camel-case name at the end was cut: the post uses a
    longer one that starts with it (``CodeReviewComm`` /
    ``CodeReviewComments``), longer by more than an inflection or a word of
    its own (``GitHub`` / ``GitHubActions`` is another name)."""
    whole = vocabulary.completion(fragment)
    if not whole:
        return ""
    rest = whole[len(fragment) :]
    if len(rest) < 3 or english_word(rest) or vocabulary.counts.get(rest, 0):
        return ""
    whole = vocabulary.spelling(whole)
    return f"'{fragment}' is the start of '{whole}', used elsewhere in the post, and no word of its own"


def _kanji_cut(vocabulary: Vocabulary, text: str) -> str:
    """Evidence that Japanese ``text`` stops inside a kanji compound: its last
    kanji run (after kana, Latin or punctuation) occurs nowhere else in the
    post, while a longer run that starts with it is used twice or more
    (``…サイズの配`` where the post writes 配列, ``…その他の講`` under a title
    that says 講演). Chinese text, a run of kanji throughout, has no such
    boundaries to read."""
    m = _LAST_KANJI_RUN.search(text[-8:])
    if not m or not (KANA_CHAR.search(text[-40:]) or vocabulary.japanese):
        return ""
    run = m.group(1)
    whole = vocabulary.kanji_completion(run)
    if whole:
        return (
            f"'{run}' is the start of '{whole}', used elsewhere in the post, and no word of its own"
        )
    return _bound_kanji(text[-8:], m.start(1))


#: What may stand before a kanji that starts a word: a particle, な, the
#: honorific ご/お, katakana, a Latin letter, a bracket, a space.
_WORD_START_BEFORE = lazy_regex(
    r"[なのをがにでとはもへやごお\p{Katakana}ー\p{Latin}\s)）」』\]】:：、,]"
)


def _bound_kanji(tail: str, at: int) -> str:
    """Evidence that Japanese text ending in one kanji (``tail[at]``) stops
    inside a compound: the kanji follows a particle, な, ご/お, katakana or
    Latin (``…非公開な機``, ``…スマホ活``, ``…interface定``, ``…へのご招``),
    where a word starts, and is no word by itself (機能, 活用, 定義, 招待:
    see :mod:`post_lint.data.ja_kanji_words`). After a digit it is a counter
    (3機), after other kana it may be part of a word (思い出)."""
    if at != len(tail) - 1 or at == 0 or not _WORD_START_BEFORE.match(tail[at - 1]):
        return ""
    from .data.ja_kanji_words import STANDALONE_KANJI

    kanji = tail[at]
    if kanji in STANDALONE_KANJI:
        return ""
    return f"'{kanji}' is no word of its own, only the start of a kanji compound"


def _hyphenated_cut(vocabulary: Vocabulary, text: str) -> str:
    """Evidence that ``text`` stops inside a hyphenated word: it ends with one
    (``net-im``) that occurs nowhere else in the post, while a longer one that
    starts with it does (``net-imap``), by more than an inflection
    (``co-author`` / ``co-authored`` is another form, not the missing letters)."""
    m = _LAST_HYPHENATED.search(text[-80:])
    if not m:
        return ""
    key = m.group(1).casefold()
    counts = vocabulary.hyphenated
    if counts.get(key, 0) > 1:
        return ""
    best = _most_used_longer(counts, key, 2, letter_next=True)
    if not best:
        return ""
    rest = regex.match(r"\p{L}+", best[len(key) :])
    if rest is None or rest.group(0) in _INFLECTIONS or vocabulary.counts.get(rest.group(0), 0):
        return ""
    return f"'{m.group(1)}' is the start of '{best}', used elsewhere in the post, and no word of its own"


def fixed_follower(post: Post, last: Block, x: str, pair: str = "") -> tuple[int, str, int]:
    """How the post's prose uses the character ``x`` elsewhere (the last
    character of ``last``, where the post ends, left out): how often it
    occurs, the one character that follows it every time ('' when more
    than one does, or the end of a block), and how often ``pair`` occurs.
    ``(0, '', 0)`` when the post is too long to read (bounded work)."""
    followers: set[str] = set()
    uses = pairs = 0
    budget = _PROSE_BUDGET
    for b in post.blocks:
        if b.kind not in ("paragraph", "heading") or not b.prose:
            continue
        prose = b.prose if b is not last else b.prose.rstrip()[:-1]
        budget -= len(prose)
        if budget < 0:
            return 0, "", 0
        if pair:
            pairs += prose.count(pair)
        start = 0
        while True:
            k = prose.find(x, start)
            if k < 0:
                break
            start = k + 1
            uses += 1
            followers.add(prose[k + 1 : k + 2])
    follower = next(iter(followers)) if len(followers) == 1 else ""
    return uses, follower, pairs


#: Elsewhere uses of the last character that :func:`chinese_compound` needs.
_ZH_COMPOUND_USES = 2


def chinese_compound(post: Post, last: Block, text: str) -> str:
    """Evidence that Chinese ``text`` stops inside a word, from the post's
    own words: its last character is used twice or more elsewhere, every
    time followed by the same character (``…网页中的英文还是衬`` where the post
    writes 衬线 each time; ``…纸烟盒　流`` in a poem whose every line says
    流走), and the last two characters never stand together elsewhere (so
    they do not end a word of their own, as …很方便 may where the post
    writes 便利). (Japanese text is read by :func:`cut_word`.)"""
    stripped = text.rstrip()
    x, before = stripped[-1:], stripped[-2:-1]
    if not _HAN.match(x) or not _HAN.search(stripped[-8:-1]) or KANA_CHAR.search(stripped[-40:]):
        return ""
    uses, y, pairs = fixed_follower(post, last, x, before + x if _HAN.match(before) else "")
    if uses < _ZH_COMPOUND_USES or pairs or not _HAN.match(y):
        return ""
    return f"'{x}' is the start of '{x}{y}' everywhere else in the post ({uses} times), and no word of its own"


# --------------------------------------------------------------------------
# The last prose of the post
# --------------------------------------------------------------------------


def last_sentence(prose: str) -> tuple[str, bool]:
    """The last sentence of ``prose`` and whether a finished one comes before it."""
    sentences = split_sentences(prose)
    if not sentences:
        return "", False
    return sentences[-1], len(sentences) > 1


def register_mismatch(post_text: str, end: End) -> bool:
    """A Japanese plain ending in a post written in です/ます: the sentence
    was cut before its polite ending."""
    return end.lang == "ja" and end.plain and ja_register(post_text) == "polite"


def long_enough(sentence: str, latin_words: int, cjk_chars: int, *, mixed: bool = False) -> bool:
    """Is the unfinished sentence at least this long (CJK characters or Latin
    words)? ``mixed``: in CJK text, a Latin word counts as two characters
    (``WSL2のUbuntuではデフ`` is as long as nine)."""
    cjk = len(_CJK.findall(sentence))
    if cjk >= cjk_chars:
        return True
    words = len(_LATIN_WORDS.findall(sentence))
    if mixed and cjk:
        return cjk + 2 * words >= cjk_chars
    return cjk == 0 and words >= latin_words


# --------------------------------------------------------------------------
# Code fences, table rows, inline constructs
# --------------------------------------------------------------------------

_CONTAINER_PREFIX = lazy_regex(r"^(?:[ \t]{0,4}(?:>|[-*+]|\d{1,9}[.)])?[ \t]?)*")
_FENCE_OPEN = lazy_regex(r"^[ \t]*(`{3,}|~{3,})")


def strip_container(line: str) -> str:
    """A source line without its list markers and quote prefixes."""
    return _CONTAINER_PREFIX.sub("", line, count=1)


def unclosed_fence(post: Post, block: Block) -> str:
    """The fence (```` ``` ````, ``~~~``) of a code block that never closes, or ''."""
    first = strip_container(post.lines.line(block.start_line))
    m = _FENCE_OPEN.match(first)
    if not m:
        return ""
    fence = m.group(1)
    if fence[0] in first[m.end() :]:
        return ""  # a decorative line (~~~ ·~~~·~~~), not a fence
    close = regex.compile(rf"^[ \t]*{regex.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
    for n in range(block.start_line + 1, block.end_line + 1):
        if close.match(strip_container(post.lines.line(n))):
            return ""
    content = [post.lines.line(n).strip() for n in range(block.start_line + 1, block.end_line + 1)]
    if not any(line and not _HTML_TAG_LINE.fullmatch(line) for line in content):
        return ""  # a stray fence before a closing tag, not cut code
    return fence


_HTML_TAG_LINE = lazy_regex(r"(?:</?[A-Za-z][^<>]{0,200}>\s*)+")


_CODE_SPAN = lazy_regex(r"(`+)(?:(?!\1).){0,2000}?\1", regex.S)


def table_cells(line: str) -> tuple[int, bool]:
    """(cells, closing pipe) of one source row of a pipe table."""
    row = strip_container(line).strip() if line.lstrip().startswith(">") else line.strip()
    row = _CODE_SPAN.sub(lambda m: "x" * len(m.group(0)), row)
    row = row.replace("\\|", "xx")
    closed = row.endswith("|") and len(row) > 1
    body = row[1:] if row.startswith("|") else row
    body = body[:-1] if closed else body
    return body.count("|") + 1, closed


def cut_table_row(post: Post, block: Block) -> str:
    """Why the last row of a table looks cut ('' when it does not): fewer
    cells than the header, or no closing pipe where the other rows have one."""
    if block.end_line - block.start_line < 2:
        return ""
    header, _ = table_cells(post.lines.line(block.start_line))
    last_line = post.lines.line(block.end_line)
    cells, closed = table_cells(last_line)
    others = [
        table_cells(post.lines.line(n))
        for n in range(block.start_line + 2, block.end_line)
        if post.lines.line(n).strip()
    ]
    header_closed = post.lines.line(block.start_line).rstrip().endswith("|")
    piped = sum(1 for _, c in others) if others else 0
    rows_closed = header_closed and (not others or sum(c for _, c in others) >= 0.8 * piped)
    if cells < header and (not closed or rows_closed):
        pipe = " and no closing pipe" if not closed and rows_closed else ""
        return f"line {block.end_line} has {cells} of the header's {header} cells{pipe}"
    if cells < header and closed and not header_closed and others and not any(c for _, c in others):
        # Rows written without outer pipes: a pipe at the end of this one is
        # the separator after which the row was cut (``[vmprof](…) | Sampling |``).
        return (
            f"line {block.end_line} has {cells} of the header's {header} cells and stops"
            " after a cell separator"
        )
    if rows_closed and not closed:
        return f"line {block.end_line} has no closing pipe where the other rows have one"
    if not closed:
        # Rows without a closing pipe are a style here; the last cell can
        # still stop where its words cannot (``| 17:45 (15min) | (``).
        cell = _CODE_SPAN.sub(" ", strip_container(last_line)).rsplit("|", 1)[-1].strip()
        end = sentence_end(cell) if cell else None
        if end is not None and end.is_open and not end.weak and not cell.endswith(","):
            return (
                f"line {block.end_line} stops inside its last cell ('{_clip(cell)}'): {end.reason}"
            )
    return ""


#: An inline construct left open at the end of the text: a link whose
#: target never closes, link text never closed, bold/strike never closed,
#: a code span never closed, an HTML tag never closed.
_OPEN_LINK_TARGET = lazy_regex(r"\[[^\[\]\n]{0,300}\]\([^)\s]{0,2000}$")
_OPEN_LINK_TEXT = lazy_regex(r"(?<!\\)!?\[(?!\^)[^\[\]\n]{1,300}$")
_OPEN_TAG = lazy_regex(r"<[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,500})?$")
_URL = lazy_regex(
    r"https?://[^\s\])>}\p{Han}\p{Hiragana}\p{Katakana}、。，；！？]{0,2000}|<[^>\n]{0,500}>"
)
#: ``**``, ``__`` or ``~~`` on their own (not part of ``-____-`` or ``~~~``).
_DELIMS = lazy_regex(r"(?<![*_~\\])(?:\*\*|__|~~)(?![*_~])")
#: A sentence ends and another starts: the construct did not run to the cut.
_SENTENCE_BREAK = lazy_regex(r"[。！？](?=\S)|[.!?]\s+\S")


@dataclass(frozen=True, slots=True)
class OpenConstruct:
    """An inline construct opened in the last paragraph and never closed:
    its offset in the paragraph source and what it is in words."""

    offset: int
    what: str


def open_inline(source: str) -> OpenConstruct | None:
    """The inline construct that the end of ``source`` (a paragraph's raw
    text) stands inside, or None."""
    text = source.rstrip()
    if not text:
        return None
    base = max(0, len(text) - _INLINE_WINDOW)
    found = _open_inline(text[base:])
    if found is None:
        return None
    return OpenConstruct(base + found.offset, found.what)


#: Characters of a paragraph's end searched for an open construct.
_INLINE_WINDOW = 4000


def _open_inline(text: str) -> OpenConstruct | None:
    m = _OPEN_LINK_TARGET.search(text)
    if m:
        return OpenConstruct(m.start(), f"the target of the link '{_clip(text[m.start() :])}'")
    ticks = list(regex.finditer(r"(?<!\\)`+", _CODE_SPAN.sub(_blank, text.replace("\\`", "  "))))
    if ticks and not _SENTENCE_BREAK.search(text, ticks[-1].end()) and "''" not in text:
        t = ticks[-1]
        return OpenConstruct(t.start(), f"an unclosed {t.group(0)} code span")
    blanked = _URL.sub(_blank, _CODE_SPAN.sub(_blank, text))
    m = _OPEN_TAG.search(blanked)
    if m:
        return OpenConstruct(m.start(), f"the HTML tag '{_clip(text[m.start() :], 20)}'")
    m = _OPEN_LINK_TEXT.search(blanked)
    if m and "](" not in text[m.start() :]:
        return OpenConstruct(m.start(), f"the link text '{_clip(text[m.start() :])}'")
    opened: dict[str, int] = {}
    for d in _DELIMS.finditer(blanked):
        mark = d.group(0)
        if mark in opened:
            del opened[mark]
        else:
            after = blanked[d.end() : d.end() + 1]
            before = blanked[d.start() - 1 : d.start()] if d.start() else " "
            if after and not after.isspace() and not (before.isascii() and before.isalnum()):
                opened[mark] = d.start()
    opened = {k: v for k, v in opened.items() if not _SENTENCE_BREAK.search(blanked, v)}
    if opened:
        mark, pos = min(opened.items(), key=lambda kv: kv[1])
        name = {"**": "bold", "__": "bold", "~~": "strikethrough"}[mark]
        return OpenConstruct(pos, f"unclosed {name} '{mark}'")
    return None


def _blank(m: regex.Match[str]) -> str:
    return " " * len(m.group(0))


def _clip(text: str, size: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"
