"""Can a sentence end here? The last words of a stretch of prose, read with
the grammar of its language rather than a list of suffixes.

:func:`sentence_end` answers for English (and other Latin-script text),
Japanese, Chinese and Korean with one of three verdicts:

- ``final``: the words end the way a sentence ends even without its period:
  a Japanese 終止形 (…します, …した, …だ, …ない) or sentence-final particle
  (…ね, …よ, …かな, 笑), a Chinese sentence-final particle (…了, …吗, …吧,
  …啦), a Korean final ending (…다, …요);
- ``open``: the words cannot end a sentence: a comma or an opening bracket;
  an English article, preposition, conjunction, auxiliary or possessive, or
  ``other`` without its noun; a Japanese case or conjunctive particle (…を,
  …が after です/ます, …ので), a topic は with no predicate (…なのは, …ては),
  a 連用形 (continuative form: …させ, …して, 書き after a kanji; …を使いな,
  the start of …ながら), a て-form or
  a 連体形 that wants its noun (…のような, …という), a bound prefix (…の全),
  a kanji stem after a particle or ながら (…を削, …ながら学), …と同 (the
  start of …と同じ), …にな (…になる), a one-letter katakana "word" (…済みド), one hiragana
  after a comma (…立ち上がっていて、そ), a demonstrative without its noun
  (…の原因はその) or a pronoun after a て-form (…を作ってこれ); a Chinese preposition, conjunction, coverb, adverb, negation,
  determiner, measure word or structural particle (…因为, …然后, …很, …不,
  …这, …单出个, …一种理想的); a Korean connective ending or case particle
  (…고, …를);
- ``unknown``: a noun, a name, a number, a content word: nothing in the
  words themselves says whether the sentence is over.

The reason string says which form was seen, in words a writer recognises
("ends with the particle 'を'", "ends with the continuative (連用形)
'向上させ'"). Everything is a few dictionary look-ups on the last characters:
no tokeniser, no model. The optional ``post-lint[ja]`` extra
(:mod:`post_lint.ja_morph`) can refine the Japanese verdict with a real
morphological analysis where this one says ``unknown``.
"""

from __future__ import annotations

from . import regex_engine as regex
from .lazyre import lazy_regex
from .records import dataclass
from .text import HAN_CHAR as _HAN
from .text import HANGUL_CHAR as _HANGUL
from .text import KANA_CHAR as _KANA

FINAL, OPEN, UNKNOWN = "final", "open", "unknown"


@dataclass(frozen=True, slots=True)
class End:
    """How a stretch of prose ends: ``final``, ``open`` or ``unknown``, why,
    and the language the decision was made in (``en``, ``ja``, ``zh``, ``ko``)."""

    verdict: str
    reason: str = ""
    lang: str = "en"
    #: A Japanese plain form (…する, …した, …の): final in a だ/である post,
    #: a sign of a cut in a です/ます one (see :func:`ja_register`).
    plain: bool = False
    #: A one-character Chinese function word (…在, …和): open unless it ends
    #: a word (现在, 平和), which this check knows only for common words.
    weak: bool = False

    @property
    def is_open(self) -> bool:
        return self.verdict == OPEN

    @property
    def is_final(self) -> bool:
        return self.verdict == FINAL


_LATIN_WORD = lazy_regex(r"([\p{L}']{1,30})\W*$")

COMMAS = frozenset(",、，､")
OPENERS = frozenset("「『（(“‘【〔［[《〈")

# -- English ---------------------------------------------------------------

#: English words that cannot end a sentence: articles, prepositions that take
#: an object, conjunctions, possessives, copulas. (No "in", "on", "up", "out":
#: "log in", "and so on" and phrasal verbs end sentences.)
EN_FUNCTION_WORDS = frozenset(
    """the a an of to and or nor than with from by that which because but our their
    your my its is are was were into as such very these those whether both either
    neither each every if for at we they he she will would should could must been being
    i i'm we're you're they're i've we've i'd i'll we'll during despite including via per
    among amongst towards toward unlike onto although unless whereas whose""".split()
)
#: ``other`` wants its noun (``run other programs``) except in the set
#: phrases that end with it (each other, the other, one another).
EN_OTHER = ("other", frozenset("each the one no any every some".split()))
#: A question word right after a preposition introduces a clause that never
#: came (``a talk on how``, ``a note about why``); alone it ends questions
#: and sentences (``that's how``).
EN_WH_WORDS = frozenset("how what why where when who".split())
EN_WH_PREPOSITIONS = frozenset("on of about into in to for with from by at over regarding".split())

# -- Japanese --------------------------------------------------------------

#: Sentence-final forms: polite and plain 終止形, auxiliaries, 終助詞 and the
#: casual endings of blog prose. Longest first within each group does not
#: matter: any match means "a sentence can end here".
JA_FINAL = (
    # polite 終止形
    "です",
    "ます",
    "ました",
    "でした",
    "ません",
    "ましょう",
    "でしょう",
    "ください",
    "下さい",
    "ございます",
    "ませ",
    # plain 終止形 of the copula and auxiliaries
    "だ",
    "である",
    "だった",
    "だろう",
    "ない",
    "なかった",
    "たい",
    "らしい",
    "みたい",
    "べき",
    "はず",
    # sentence-final particles (終助詞) and casual endings
    "ね",
    "よ",
    "ぞ",
    "ぜ",
    "わ",
    "さ",
    "かな",
    "かも",
    "っけ",
    "じゃん",
    "よな",
    "だな",
    "かなあ",
    "なあ",
    "なぁ",
    "ねぇ",
    "よぉ",
    "笑",
    "ｗ",
    "w",
    "草",
    "以上",
    "おわり",
    "終わり",
    "つづく",
    "続く",
)
#: Case and conjunctive particles (格助詞・接続助詞) and connectives that
#: cannot end a written sentence. (Not は, も, と, の, から, けど: casual
#: posts end sentences with them; see JA_FINAL for the casual forms.)
JA_PARTICLES = (
    ("を", "particle"),
    ("ですが", "conjunctive particle"),
    ("ますが", "conjunctive particle"),
    ("であるが", "conjunctive particle"),
    ("ので", "conjunctive particle"),
    ("のに", "conjunctive particle"),
    ("ため", "connective"),
    ("ために", "connective"),
    ("により", "compound particle"),
    ("によって", "compound particle"),
    ("について", "compound particle"),
    ("に対して", "compound particle"),
    ("に関して", "compound particle"),
    ("として", "compound particle"),
    ("における", "compound particle"),
    ("において", "compound particle"),
    ("および", "conjunction"),
    ("及び", "conjunction"),
    ("または", "conjunction"),
    ("もしくは", "conjunction"),
    ("ものの", "conjunctive particle"),
    ("ながら", "conjunctive particle"),
    ("つつ", "conjunctive particle"),
    ("へ", "particle"),
    ("や", "particle"),
    ("より", "particle"),
    ("まで", "particle"),
    ("ば", "conditional"),
    ("たら", "conditional"),
    ("なら", "conditional"),
    ("ても", "conjunctive particle"),
    ("でも", "particle"),
)
#: A topic or contrast は after a particle or a て-form (…のは, …には,
#: …ては, …からは): the predicate it announces never came. (Not …とは, the
#: "what is X" of headings, nor …では in farewells, see JA_SET_PHRASES; nor
#: こんにちは / こんばんは, where は follows no particle.)
JA_OPEN_TOPIC = (
    "のは",
    "には",
    "ては",
    "では",
    "からは",
    "までは",
    "ことは",
    "ものは",
    "ときは",
    "時は",
    "際は",
)
#: Bound prefixes (接頭辞) that cannot stand alone: after a non-kanji
#: (…より前の全, …2.6.4 以) the word they start was cut.
JA_PREFIXES = frozenset("全各諸約第以非未不無再超旧毎翌両")
#: Particles after which one kanji at the very end is the stem of a word
#: whose kana ending (送り仮名) was cut: …を削(除), …で警告が表(示),
#: …は安(定); and the て of a て-form, after which a clause starts
#: (…設定して特(定), …写経をして完(走)), or of the conjunctive ながら and
#: つつ (…動かしながら学(ぶ)). (Not after と or の: 「あなたと私」, 「…の本」
#: end titles.)
JA_STEM_PARTICLES = frozenset("をがにでへもはて")
#: ...except these one-kanji words, which end questions and titles.
JA_STEM_WORDS = frozenset("何誰私僕俺君彼")
#: A katakana word is never one letter: a lone katakana after kanji, kana
#: or Latin (…登録済みド, …Lambdaのコ) is the start of a word.
_LONE_KATAKANA = lazy_regex(r"(?<![\p{Katakana}ー])[\p{Katakana}--[ーヶヵノ・ヽヾ]]$", regex.V1)
#: One hiragana after a comma or an opening bracket (…立ち上がっていて、そ):
#: a clause starts there, and a one-kana word is a particle, which ends no
#: clause at its start, or a sentence-final one (…、ね), which is final.
_JA_LONE_KANA = lazy_regex(r"[、，,「『（(]\s*([\p{Hiragana}--[ねよさわぞぜなか]])$", regex.V1)
#: An adnominal demonstrative (連体詞 この/その/あの/どの) wants its noun;
#: a pronoun (これ/それ/あれ) after a て-form starts a clause whose predicate
#: never comes (…プロパティを作ってこれ).
_JA_DEMONSTRATIVE = lazy_regex(
    r"(?:(?<![\p{Hiragana}])|(?<=[てでにはがをもと]))(?:この|その|あの|どの)$"
    r"|(?<=[\p{Han}\p{Hiragana}\p{Katakana}][てで]、?)(?:これ|それ|あれ)$"
)
_JA_STEM = lazy_regex(
    rf"(?:(?<=[{''.join(sorted(JA_STEM_PARTICLES))}])|(?<=ながら|つつ))\p{{Han}}$"
)
#: 連体形 and adnominal phrases that want the noun they modify.
JA_ADNOMINAL = (
    "ような",
    "ように",
    "という",
    "といった",
    "ための",
    "による",
    "に関する",
    "的な",
    "的に",
)
#: Set phrases ending in a particle on purpose (良いお年を = Happy new year).
JA_SET_PHRASES = (
    "お年を",
    "お年をお迎えください",
    "またね",
    "ではまた",
    "それでは",
    "ではでは",
    "こんにちは",
    "こんばんは",
)
#: After a kanji (a verb or する-noun stem), an i-row kana is a godan verb's
#: 連用形 (書き, 読み, 取り, 創出し) and an e-row kana an ichidan verb's
#: (秘め, 見せ, 述べ): the sentence goes on.
_I_ROW = frozenset("きぎしじちぢにひびぴみり")
_E_ROW = frozenset("けげせぜてでへべぺめれえ")
#: て/で forms (連用形 + て) and the continuing auxiliaries after them.
JA_TE_FORMS = (
    "して",
    "いただき",
    "ができ",
    "になり",
    "となり",
    "があり",
    "させ",
    "され",
    "ており",
    "ていて",
    "であり",
    "しており",
    "てい",
    "でい",
    "ってい",
)
#: A noun and the 連用形 of …とする, …にする, …できる (…集合体とし, …有効にし,
#: …確認でき): the clause goes on (…として, …にして, …できる). After kana
#: these are words of their own (ことし, 今年).
_JA_NOUN_SURU_STEM = lazy_regex(r"[\p{Han}\p{Katakana}ー\p{Latin}](?:とし|にし|でき)$")
_JA_TE = lazy_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}](?:て|で)$")
#: After an object (…を), kanji + い is a verb's 連用形 (…を使い, …を払い),
#: never an adjective (adjectives take no object).
_JA_WO_STEM_I = lazy_regex(r"を\p{Han}{1,2}い$")
#: ...and that 連用形 and な is the start of …ながら (…補完などを使いな): the
#: casual imperative (…を使いな, "use it") is speech, not a list or a post.
_JA_WO_STEM_NA = lazy_regex(r"を\p{Han}{1,2}[いきぎしちにびみり]な$")
#: Anything but hiragana before の or な: a noun (kanji, katakana, a Latin
#: name, a code span, a closing bracket: …オプションの, …vital.vim の,
#: …`package名.`な, …便利な). The genitive の then wants the noun it
#: modifies, and な starts …など, …なら, …なので or is a な-adjective that
#: wants its noun; the sentence-final の and な follow a verb or an adjective
#: written in kana (…行くの, …なの, …いいな, …だな, …するな).
_JA_NOUN_BEFORE = lazy_regex(r"[^\p{Hiragana}]")
#: The particle わ follows a predicate (…するわ, …いいわ, …だわ, …ですわ,
#: …行くわ); after a kanji it is a godan verb's 未然形 (…本リリースは行わ:
#: …行わない, …行われる), after any other kana the middle of a word (…すなわ:
#: すなわち).
_JA_WA_AFTER = frozenset("るただいうくすつぬむぶぐ")
#: A sentence-final particle (終助詞) follows a word; after a space, a digit
#: or a Latin letter (…patchlevel 0 よ: …0 より前) the kana starts a word.
_JA_FINAL_PARTICLE_AFTER_SPACE = lazy_regex(r"[\s\d][ねよわさぞぜ]$")
#: The particle よ follows a predicate or an imperative (…するよ, …だよ,
#: …いいよ, …ですよ, …のよ, …かよ, …しろよ); after other kana it is the middle
#: of a word (…2.6.7 およ: および; …さよ: さようなら). After a kanji or
#: katakana it may follow a noun (…本当よ, …ダメよ).
_JA_YO_AFTER = frozenset("るただいすうくつぬむぶぐんのわてでなかえけせねべめれろげ")
#: す or で after a Latin word, code, a number or katakana (…`import`す,
#: …vim-gitgutterで): the start of …する, or a case particle whose
#: predicate never comes. (After a kanji, す ends godan verbs: 出す, 話す.)
_JA_NOUN_BEFORE_SURU = lazy_regex(r"[\p{Latin}\d`\p{Katakana}ー]")
#: The topic は after a noun (a kanji, katakana or Latin word, a number, code
#: or a closing bracket: …メンテナンスは, …`http.Client`は) announces a
#: predicate that never came. (Not after kana or a pronoun: …それは and
#: …私は are casual answers; nor 今日は, "hello".)
_JA_NOUN_TOPIC = lazy_regex(
    r"[\p{Han}\p{Katakana}ー\p{Latin}\d`」』）)\]](?<!今日|[私僕俺君彼])は$"
)

# -- Chinese ---------------------------------------------------------------

#: Sentence-final particles (语气词) and set endings.
ZH_FINAL = (
    "了",
    "吗",
    "嗎",
    "呢",
    "吧",
    "啊",
    "呀",
    "啦",
    "嘛",
    "哦",
    "喔",
    "哈",
    "呗",
    "咯",
    "哇",
    "罢了",
    "而已",
    "似的",
    "即可",
    "就行",
    "就好",
    "为止",
    "為止",
    "待续",
    "待續",
    "完",
)
#: Conjunctions, prepositions, coverbs, structural particles and
#: determiners: a sentence cannot stop on them.
ZH_OPEN = (
    ("以及", "conjunction"),
    ("或者", "conjunction"),
    ("因为", "conjunction"),
    ("因為", "conjunction"),
    ("所以", "conjunction"),
    ("但是", "conjunction"),
    ("而且", "conjunction"),
    ("并且", "conjunction"),
    ("並且", "conjunction"),
    ("如果", "conjunction"),
    ("虽然", "conjunction"),
    ("雖然", "conjunction"),
    ("不仅", "conjunction"),
    ("不僅", "conjunction"),
    ("为了", "preposition"),
    ("為了", "preposition"),
    ("对于", "preposition"),
    ("對於", "preposition"),
    ("通过", "preposition"),
    ("通過", "preposition"),
    ("关于", "preposition"),
    ("關於", "preposition"),
    ("由于", "preposition"),
    ("由於", "preposition"),
    ("根据", "preposition"),
    ("根據", "preposition"),
    ("按照", "preposition"),
    ("作为", "preposition"),
    ("作為", "preposition"),
    ("的话", "conditional"),
    ("的話", "conditional"),
    ("和", "conjunction"),
    ("与", "conjunction"),
    ("與", "conjunction"),
    ("及", "conjunction"),
    ("或", "conjunction"),
    ("而", "conjunction"),
    ("并", "conjunction"),
    ("但", "conjunction"),
    ("在", "preposition"),
    ("把", "preposition"),
    ("被", "preposition"),
    ("对", "preposition"),
    ("對", "preposition"),
    ("从", "preposition"),
    ("從", "preposition"),
    ("向", "preposition"),
    ("将", "preposition"),
    ("將", "preposition"),
    ("让", "coverb"),
    ("讓", "coverb"),
    ("使", "coverb"),
    ("给", "coverb"),
    ("給", "coverb"),
    ("地", "adverbial particle"),
    ("之", "structural particle"),
    ("这个", "determiner"),
    ("那个", "determiner"),
    ("這個", "determiner"),
    ("那個", "determiner"),
    ("一个", "determiner"),
    ("一個", "determiner"),
    ("一种", "determiner"),
    ("一種", "determiner"),
    ("这种", "determiner"),
    ("這種", "determiner"),
    ("这些", "determiner"),
    ("這些", "determiner"),
    ("那些", "determiner"),
    ("每个", "determiner"),
    ("是", "copula"),
    # added with issue 13's cut list items and prose (the end of a post)
    ("即使", "conjunction"),
    ("尽管", "conjunction"),
    ("儘管", "conjunction"),
    ("无论", "conjunction"),
    ("無論", "conjunction"),
    ("不管", "conjunction"),
    ("只要", "conjunction"),
    ("除非", "conjunction"),
    ("以便", "conjunction"),
    ("以免", "conjunction"),
    ("除了", "preposition"),
    ("随着", "preposition"),
    ("隨著", "preposition"),
    ("沿着", "preposition"),
    ("然后", "conjunction"),
    ("然後", "conjunction"),
    ("于是", "conjunction"),
    ("於是", "conjunction"),
    ("接着", "conjunction"),
    ("接著", "conjunction"),
    ("非常", "adverb"),
    ("已经", "adverb"),
    ("已經", "adverb"),
    ("于", "preposition"),
    ("於", "preposition"),
    ("为", "preposition"),
    ("為", "preposition"),
    ("以", "preposition"),
    ("如", "preposition"),
    ("得", "structural particle"),
    ("不", "negation"),
    ("没", "negation"),
    ("沒", "negation"),
    ("很", "adverb"),
    ("就", "adverb"),
    ("才", "adverb"),
    ("都", "adverb"),
    ("这", "determiner"),
    ("這", "determiner"),
    ("那", "determiner"),
    ("个", "measure word"),
    ("個", "measure word"),
    ("一", "numeral"),
    ("另", "adverb"),
    ("第", "ordinal prefix"),
    ("岂", "adverb"),
    ("豈", "adverb"),
    ("似", "verb"),
    ("徒", "adverb"),
    # verbs of thinking and listing that introduce what follows (我觉得…, 比如…)
    ("觉得", "verb"),
    ("覺得", "verb"),
    ("认为", "verb"),
    ("認為", "verb"),
    ("以为", "verb"),
    ("以為", "verb"),
    ("意味着", "verb"),
    ("意味著", "verb"),
    ("比如", "conjunction"),
    ("例如", "conjunction"),
    ("譬如", "conjunction"),
    ("诸如", "conjunction"),
    ("諸如", "conjunction"),
    ("包括", "verb"),
)
#: (Two-character words first: 于是 is a conjunction, not the copula 是.)
_ZH_OPEN_LONGEST_FIRST = tuple(sorted(ZH_OPEN, key=lambda e: -len(e[0])))
#: ``的`` ends a sentence after 是…的 / 我的, but after a measure phrase or an
#: adjective it wants its noun (一种理想的, 很重要的): open when one of these
#: stands in the last few characters before it.
_ZH_DE_OPENING = lazy_regex(
    r"(?:一[种種个個些份位件条條类類]|[这那這][种種个個些]|[很最更非常较]\p{Han}{1,4})\p{Han}{0,4}的$"
)

#: A clause of only a verb of seeing or knowing, after a comma (…吃饭，发现;
#: …，突然看到): what was found or seen never comes. (Alone, 发现 is also a
#: noun: 一个新发现.)
_ZH_BARE_CLAUSE_VERB = lazy_regex(
    r"[，,、；;]\s*((?:我|他|她|我们|我們|他们|他們|突然|才|就|又|却|卻|也|还|還|忽然|结果|結果)?"
    r"(?:发现|發現|看到|听说|聽說|想到|发觉|發覺|感觉|感覺|觉得|覺得|注意到))$"
)

# -- Korean ----------------------------------------------------------------

#: Final endings of the declarative, polite, interrogative and casual styles.
KO_FINAL = frozenset("다요까죠네지군래자라야어아음함")
#: Connective endings and case particles.
KO_OPEN = (
    ("지만", "connective ending"),
    ("는데", "connective ending"),
    ("면서", "connective ending"),
    ("고", "connective ending"),
    ("며", "connective ending"),
    ("서", "connective ending"),
    ("면", "connective ending"),
    ("를", "particle"),
    ("을", "particle"),
    ("에", "particle"),
    ("의", "particle"),
    ("와", "particle"),
    ("과", "particle"),
    ("로", "particle"),
    ("는", "particle"),
    ("은", "particle"),
    ("가", "particle"),
    ("이", "particle"),
    ("도", "particle"),
)


def _strip(text: str) -> str:
    """``text`` without trailing white space and emphasis/code markup
    (``str.rstrip``: linear, where a ``[...]+$`` search is quadratic on a long
    run of spaces that does not reach the end)."""
    while True:
        stripped = text.rstrip().rstrip("*_~`\\")
        if stripped == text:
            return text
        text = stripped


def language(text: str) -> str:
    """``ja``, ``zh``, ``ko`` or ``en`` for the last stretch of ``text``."""
    tail = text[-40:]
    if _KANA.search(tail):
        return "ja"
    last_cjk = regex.search(r"[\p{Han}\p{Hangul}][^\p{Han}\p{Hangul}]*$", tail)
    if last_cjk:
        return "ko" if _HANGUL.match(last_cjk.group(0)) else "zh"
    return "en"


def sentence_end(text: str, morphology: bool = False) -> End:
    """How ``text`` (prose, markup removed) ends: see the module docstring.
    ``morphology``: let the optional Japanese analyser (:mod:`post_lint.ja_morph`)
    answer where this grammar cannot."""
    end = _sentence_end(text)
    if morphology and end.lang == "ja" and (end.verdict == UNKNOWN or end.plain):
        from .ja_morph import refine

        better = refine(_strip(text))
        if better is not None and not (end.plain and better[0] == FINAL):
            return End(better[0], better[1], "ja")
    return end


def _sentence_end(text: str) -> End:
    text = _strip(text)
    if not text:
        return End(UNKNOWN)
    last = text[-1]
    lang = language(text)
    if last in COMMAS:
        return End(OPEN, f"ends with a comma ('{last}')", lang)
    if last in OPENERS:
        return End(OPEN, f"ends with an opening '{last}'", lang)
    if lang == "ja":
        return _ja_end(text)
    if lang == "zh":
        return _zh_end(text)
    if lang == "ko":
        return _ko_end(text)
    return _en_end(text)


def _en_end(text: str) -> End:
    tail = text[-40:]
    m = _LAST_WORD_AT_END.search(tail)
    if m:
        word = m.group(1)
        if word.lower() in EN_FUNCTION_WORDS and word != "A":
            return End(OPEN, f"ends with '{word}', which cannot end a sentence", "en")
        if word.lower() == EN_OTHER[0]:
            before = _LAST_WORD_AT_END.search(tail[: m.start(1)].rstrip())
            if before and before.group(1).lower() not in EN_OTHER[1]:
                return End(OPEN, f"ends with '{word}', which wants its noun", "en")
        if word.lower() in EN_WH_WORDS:
            before = _LAST_WORD_AT_END.search(tail[: m.start(1)].rstrip())
            if before and before.group(1).lower() in EN_WH_PREPOSITIONS:
                phrase = f"{before.group(1)} {word}"
                return End(OPEN, f"ends with '{phrase}', whose clause never comes", "en")
    m = _EN_RELATIVE_END.search(tail) or _EN_SUBORDINATE_END.search(tail)
    if m:
        return End(OPEN, f"ends with '{m.group(0)}', whose clause never comes", "en")
    m = _EN_BYLINE_END.search(tail)
    if m:
        return End(OPEN, f"ends with '{m.group(0)}', which wants when or where", "en")
    if _EN_THANK_END.search(tail):
        return End(OPEN, "ends with 'Thank', whose 'you' never comes", "en")
    m = _EN_POSSESSIVE_END.search(tail)
    if m:
        return End(OPEN, f"ends with the possessive '{m.group(0)}', which wants its noun", "en")
    return End(UNKNOWN, "", "en")


#: A relative pronoun after the people it describes (…Thanks to everyone
#: who): its clause never comes.
_EN_RELATIVE_END = lazy_regex(
    r"(?i:\b(?:everyone|anyone|someone|everybody|anybody|somebody|those|people|all)\s+(?:who|whom|whose))$"
)
#: A subordinating conjunction and the subject of its clause (…If you,
#: …because it): the verb never comes.
_EN_SUBORDINATE_END = lazy_regex(
    r"(?i:\b(?:if|when|whenever|because|although|though|unless|whereas|until|once)"
    r"\s+(?:I|you|we|they|he|she|it|there))$"
)
#: A byline's adverb and participle without its date or place (…Originally
#: published, …Last updated): "at 2024-08-22", "in the Go blog" never comes.
_EN_BYLINE_END = lazy_regex(
    r"(?i:\b(?:originally|first|last|previously)\s+"
    r"(?:published|posted|written|released|updated|announced|appeared|presented))$"
)
#: "Thank" without its "you" (a sign-off cut after one word).
_EN_THANK_END = lazy_regex(r"(?:^|(?<=\s))Thank$")
#: A determiner and a possessive noun (…benefit from the CA's, …in our
#: team's): the noun they own never comes. (Not a possessive alone, …at
#: John's, which names a place.)
_EN_POSSESSIVE_END = lazy_regex(
    r"(?i:\b(?:the|a|an|our|their|his|her|its|my|your|this|that|each|every))\s+[\p{L}\d.\-]{1,30}['’]s$"
)
_LAST_WORD_AT_END = lazy_regex(r"(?:^|(?<=[\s(\[\"“‘]))([\p{L}']{1,30})$")


def _ja_end(text: str) -> End:
    if text.endswith(JA_SET_PHRASES):
        return End(FINAL, "a set phrase", "ja")
    for ending, what in JA_PARTICLES:
        if text.endswith(ending):
            if ending == "でも" and len(text) > 2 and not _HAN.match(text[-3]):
                continue  # casual …だけでも / …それでも end sentences
            return End(OPEN, f"ends with the {what} '{ending}'", "ja")
    for ending in JA_OPEN_TOPIC:
        if text.endswith(ending):
            return End(OPEN, f"ends with '{ending}', whose predicate never comes", "ja")
    for ending in JA_ADNOMINAL:
        if text.endswith(ending):
            return End(OPEN, f"ends with '{ending}', which wants the noun it modifies", "ja")
    for ending in JA_TE_FORMS:
        if text.endswith(ending) and len(text) > len(ending):
            return End(
                OPEN, f"ends with the continuative (連用形) '{text[-len(ending) - 1 :]}'", "ja"
            )
    m = _JA_NOUN_SURU_STEM.search(text[-4:])
    if m:
        return End(OPEN, f"ends with the continuative (連用形) '{m.group(0)}'", "ja")
    if text.endswith("によ"):
        return End(OPEN, "ends with 'によ', the start of …による/…によって", "ja")
    if text.endswith("につ"):
        return End(OPEN, "ends with 'につ', the start of …について/…につき", "ja")
    if text.endswith("にな") and len(text) > 2:
        return End(OPEN, "ends with 'にな', the start of …になる/…になった", "ja")
    if text.endswith("と同"):
        return End(OPEN, "ends with 'と同', the start of …と同じ/…と同様", "ja")
    if text[-1] in "をにがへ":
        return End(OPEN, f"ends with the particle '{text[-1]}'", "ja")
    if len(text) > 1 and text[-1] in "さ" and regex.match(r"[\p{Han}\p{Katakana}ー]", text[-2]):
        return End(OPEN, f"ends with '{text[-2:]}', the stem of …される/…させる", "ja")
    last = text[-1]
    before = text[-2:-1]
    if last == "わ" and before and before not in _JA_WA_AFTER:
        if _HAN.match(before):
            return End(
                OPEN,
                f"ends with '{text[-2:]}', a verb's 未然形 (…{text[-2:]}ない, …{text[-2:]}れる)",
                "ja",
            )
        if _KANA.match(before):
            return End(
                OPEN, f"ends mid-word ('{text[-3:]}'): 'わ' after '{before}' is no particle", "ja"
            )
    if text.endswith("いただ"):
        return End(OPEN, "ends with 'いただ', the start of …いただく/…いただき", "ja")
    if _JA_FINAL_PARTICLE_AFTER_SPACE.search(text[-3:]):
        return End(
            OPEN,
            f"ends mid-word ('{text[-4:].lstrip()}'): '{last}' after '{before}' is no particle",
            "ja",
        )
    if last == "よ" and "ぁ" <= before <= "ゖ" and before not in _JA_YO_AFTER:
        return End(
            OPEN, f"ends mid-word ('{text[-3:]}'): 'よ' after '{before}' is no particle", "ja"
        )
    if last == "す" and _JA_NOUN_BEFORE_SURU.match(before):
        return End(OPEN, f"ends with '{text[-3:].lstrip()}', the start of …する/…すれば", "ja")
    if last == "で" and _JA_NOUN_BEFORE_SURU.match(before):
        return End(OPEN, f"ends with the particle 'で' ('{text[-4:].lstrip()}')", "ja")
    if text.endswith("よくわ"):
        return End(OPEN, "ends with 'よくわ', the start of …よくわかる/…よくわからない", "ja")
    if last == "な" and _JA_NOUN_BEFORE.match(before):
        return End(
            OPEN,
            f"ends with '{text[-3:].lstrip()}', whose 'な' starts …など/…なら or wants its noun",
            "ja",
        )
    if _JA_NOUN_TOPIC.search(text[-4:]):
        return End(OPEN, "ends with the topic 'は', whose predicate never comes", "ja")
    for ending in JA_FINAL:
        if text.endswith(ending):
            return End(FINAL, f"ends with '{ending}'", "ja")
    if last in JA_PREFIXES and before and not _HAN.match(before):
        return End(OPEN, f"ends with the prefix '{last}', which cannot stand alone", "ja")
    if _JA_STEM.search(text) and last not in JA_STEM_WORDS:
        shown = text[-2:]
        for conjunctive in ("ながら", "つつ"):
            if text[:-1].endswith(conjunctive):
                shown = text[-len(conjunctive) - 1 :]
        return End(
            OPEN, f"ends with '{shown}', a kanji stem whose kana ending (送り仮名) is cut", "ja"
        )
    m = _JA_LONE_KANA.search(text[-8:])
    if m:
        return End(
            OPEN,
            f"ends mid-word ('{text[-3:]}'): one kana after a comma is the start of a word",
            "ja",
        )
    m = _JA_DEMONSTRATIVE.search(text[-8:])
    if m:
        word = m.group(0)
        if word.endswith("の"):
            return End(OPEN, f"ends with the demonstrative '{word}', which wants its noun", "ja")
        return End(
            OPEN,
            f"ends with '{text[-4:].lstrip()}': after the て-form, '{word}' starts a clause"
            " that never comes",
            "ja",
        )
    if _LONE_KATAKANA.search(text):
        return End(
            OPEN, f"ends mid-word ('{text[-3:]}'): a katakana word is never one letter", "ja"
        )
    if before and _HAN.match(before):
        if last in _I_ROW or last in _E_ROW:
            return End(OPEN, f"ends with the continuative (連用形) '{text[-2:]}'", "ja")
        if last in "がに":
            return End(OPEN, f"ends with the particle '{last}'", "ja")
    if before and before in "させれ" and last in "させれ":
        return End(OPEN, f"ends with the continuative (連用形) '{text[-3:]}'", "ja")
    if _JA_TE.search(text) and not text.endswith(("なんで", "ので")):
        return End(OPEN, f"ends with the て-form '{text[-2:]}'", "ja")
    if last in "っッ":
        return End(OPEN, f"ends mid-word ('{text[-3:]}')", "ja")
    m = _JA_WO_STEM_NA.search(text[-8:])
    if m:
        return End(OPEN, f"ends with '{m.group(0)}', the start of …ながら", "ja")
    m = _JA_WO_STEM_I.search(text)
    if m:
        return End(OPEN, f"ends with the continuative (連用形) '{m.group(0)}'", "ja")
    if last == "の" and _JA_NOUN_BEFORE.match(before):
        return End(OPEN, f"ends with '{text[-3:]}', whose 'の' wants the noun it modifies", "ja")
    if last in "るうくすつぬむぶぐたい":
        return End(FINAL, f"ends with the plain form '{text[-2:]}'", "ja", plain=True)
    if last in "かなの":
        return End(FINAL, f"ends with '{last}'", "ja", plain=True)
    return End(UNKNOWN, "", "ja")


#: Common words that end in a one-character function word of ZH_OPEN.
ZH_WORDS_ENDING_LIKE_OPEN = frozenset(
    """方向 走向 转向 倾向 面向 指向 导向 志向 意向 动向 去向 风向 存在 现在 正在 实在 所在 自在
    好在 内在 外在 总和 平和 温和 缓和 暖和 调和 和和 绝对 相对 针对 面对 反对 应对 核对 配对 派对
    但是 就是 还是 总是 于是 只是 可是 或是 凡是 真是 也是 都是 而是 不是 正是 算是 倒是 要是 像是
    老是 便是 若是 即是 硬是 乃是 土地 各地 当地 本地 场地 基地 园地 天地 心地 墓地 外地 内地 余地
    大地 田地 工地 陆地 草地 高地 山地 产地 目的地 参与 给与 普及 涉及 以及 波及 危及 提及 顾及 然而
    从而 反而 进而 因而 继而 合并 兼并 吞并 不但 非但 总之 天使 大使 即使 假使 促使 迫使 致使 行使
    驱使 即将 大将 一把 棉被 供给 交给 配给 服从 自从 盲从 转让 出让 退让 忍让 礼让 谦让 或 而
    行为 行為 人为 人為 无为 無為 有为 有為 所为 所為 可以 加以 予以 自如 不如 记得 記得 值得 难得 難得
    舍得 捨得 晓得 曉得 见得 見得 认得 認得 懂得 了得 要得 不得 心得 所得 几个 幾個 个个 個個 哪个 哪個
    成都 首都 京都 古都 造就 成就 将就 將就 迁就 遷就 人才 天才 刚才 剛才 口才 方才 奇才 英才 就这 就這
    在这 在這 在那 到这 到這 到那 刹那 剎那 统一 統一 唯一 第一 之一 万一 萬一 同一 单一 單一 合一
    均一 划一 劃一 专一 專一 不一 逐一 一一 其一 初一 十一 周一 週一 星期一 归一 歸一 如一
    次第 宅第 府第 及第 门第 門第 落第 等第 相似 类似 類似 近似 好似 恰似 酷似 貌似 疑似 神似 形似
    看似 学徒 學徒 信徒 门徒 門徒 暴徒 歹徒 匪徒 教徒 囚徒 赌徒 賭徒 叛徒 师徒 師徒 使徒 僧徒 酒徒
    党徒 黨徒""".split()
)


def _zh_end(text: str) -> End:
    for ending in ZH_FINAL:
        if text.endswith(ending):
            if ending == "完" and _HAN.match(text[-2:-1]):
                break  # 完 alone is "The End"; after a word (已经是完, 做完) it is no particle
            # 了 is also the perfective aspect marker (做了, 改进了): final,
            # but not enough to excuse a missing period by itself.
            return End(FINAL, f"ends with the particle '{ending}'", "zh", plain=ending == "了")
    for ending, what in _ZH_OPEN_LONGEST_FIRST:
        if text.endswith(ending):
            if len(ending) == 1:
                if text[-2:] in ZH_WORDS_ENDING_LIKE_OPEN or text[-3:] in ZH_WORDS_ENDING_LIKE_OPEN:
                    return End(UNKNOWN, "", "zh")
                return End(
                    OPEN,
                    f"ends with the {what} '{ending}', which cannot end a sentence",
                    "zh",
                    weak=True,
                )
            return End(OPEN, f"ends with the {what} '{ending}', which cannot end a sentence", "zh")
    m = _ZH_BARE_CLAUSE_VERB.search(text[-16:])
    if m:
        return End(OPEN, f"ends with the clause '{m.group(1)}', whose object never comes", "zh")
    if text.endswith("的") and _ZH_DE_OPENING.search(text[-12:]):
        return End(OPEN, f"ends with '{text[-4:]}', which wants the noun it modifies", "zh")
    m = _ZH_MEASURE_END.search(text[-8:])
    if m:
        return End(
            OPEN,
            f"ends with '{m.group(0)}', a number and its measure word, whose noun never comes",
            "zh",
        )
    if text[-1] in _ZH_BINOME_HEADS:
        return End(
            OPEN,
            f"ends with '{text[-1]}', which is never a word alone, only the start of one ({_ZH_BINOME_HEADS[text[-1]]})",
            "zh",
        )
    return End(UNKNOWN, "", "zh")


#: A number (or 这/那/每/哪) and a measure word of things at the end (…只差半炷,
#: …遇上一位): the noun it counts never comes. Not after 第 (第一位 is a
#: rank), and not the measure words of actions or amounts that end a clause
#: (再来一次, 白茫茫一片, 喝一杯, 一块, 一道, 一下).
_ZH_MEASURE_END = lazy_regex(
    r"(?<!第)(?:[一二两兩三四五六七八九十百千万萬几幾半每这那這哪]|\d+)"
    r"[本张張只隻条條件位首篇根支枝朵颗顆粒棵座辆輛架艘双雙套份部封幅炷盏盞串]$"
)
#: The first characters of binomes whose characters are never words alone
#: (浏览, 葡萄, 蝴蝶, 叮嘱): a text that ends on one stops inside it.
_ZH_BINOME_HEADS = {
    w[0]: w
    for w in """浏览 瀏覽 葡萄 蝴蝶 玻璃 琵琶 徘徊 忐忑 尴尬 尷尬 蜘蛛 螃蟹 鹦鹉 鸚鵡 枇杷 玫瑰
        蝙蝠 窈窕 逍遥 逍遙 踌躇 躊躇 彷徨 匍匐 憧憬 惆怅 惆悵 朦胧 朦朧 蹒跚 蹣跚 婀娜
        吩咐 嘀咕 嘟囔 蜻蜓 蚯蚓 蟋蟀 蝌蚪 琉璃 翡翠 琥珀 橄榄 橄欖 芙蓉 茉莉
        囫囵 饕餮 龌龊 齷齪 邋遢 缥缈 縹緲 澎湃 涟漪 漣漪 憔悴 褴褛 襤褸 蹊跷 蹊蹺 狰狞 猙獰
        伶俐 踟蹰 徜徉 倜傥 倜儻 妯娌 荸荠 蟑螂 螳螂 蜈蚣 鹌鹑 鵪鶉 鸳鸯 鴛鴦 蟾蜍 蜥蜴
        麒麟 霹雳 霹靂 疙瘩 骷髅 骷髏 哆嗦 嘱咐 囑咐 吆喝 嘹亮 忸怩 觊觎 覬覦 魑魅 魍魉
        蚂蚁 螞蟻 馄饨 餛飩 饽饽 餑餑 枸杞 芍药 芍藥 苜蓿 蓖麻 鲫鱼 鯽魚""".split()
}


def _ko_end(text: str) -> End:
    for ending, what in KO_OPEN:
        if text.endswith(ending):
            return End(OPEN, f"ends with the {what} '{ending}'", "ko")
    if text[-1] in KO_FINAL:
        return End(FINAL, f"ends with '{text[-1]}'", "ko")
    return End(UNKNOWN, "", "ko")


# -- Japanese register -----------------------------------------------------

_POLITE = lazy_regex(
    r"(?:です|ます|ました|でした|ません|ましょう|でしょう|ください)[」』）)]*[。！？!?]"
)
_PLAIN = lazy_regex(
    r"(?:(?<![まで])す|(?<!まし)(?<!でし)た|(?<!ょ)う|[るいだくつぬむ]|ない|である)[」』）)]*[。！？!?]"
)


def ja_register(text: str) -> str:
    """``polite`` (です/ます) or ``plain`` (だ/である) when one style holds at
    least four in five of the finished sentences of ``text``; '' otherwise."""
    polite = len(_POLITE.findall(text))
    plain = len(_PLAIN.findall(text))
    total = polite + plain
    if total < 5:
        return ""
    if polite >= 0.8 * total:
        return "polite"
    if plain >= 0.8 * total:
        return "plain"
    return ""
