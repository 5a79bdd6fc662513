"""One post's record in the site index: what the site-wide checks compare.

An entry holds no text, only what the comparisons need, so the index of a
large site stays small and can be cached per file content:

- the title and its comparison key (NFKC, case-folded, spaces folded);
- the URLs the post claims on the built site (:mod:`post_lint.site.urls`);
- a MinHash signature (128 values) of the prose's 5-shingles: word shingles
  for space-separated scripts, character shingles for Chinese and Japanese
  (each Han, Hiragana or Katakana character is a token), computed by
  ``rensa`` (a Rust MinHash; deterministic for a seed, so signatures written
  by one run compare with those of the next);
- digests of the long paragraphs, with where each stands (first or last
  paragraph of the post, inside a shortcode or admonition container, in a
  block quote) and whether it reads like a licence or series note.

Prose is what a reader reads: paragraphs, headings and list items with
markup removed (``Block.prose``); code, tables and HTML are left out, since
shared code and tables are not a copy of the article.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from itertools import compress
from typing import Any

from .. import regex_engine as regex
from ..lazyre import start_finder, texts_matching
from ..post import Post
from .urls import Claim, claims_for

#: MinHash permutations; banded LSH (checks.BANDS x checks.ROWS) reads them.
NUM_PERM = 128
#: Fixed seed: signatures from different runs and machines must compare.
SEED = 0x5107
#: Tokens per shingle (the dedup literature's 5-shingles).
SHINGLE = 5
#: Paragraphs shorter than this many tokens are not recorded at all.
MIN_PARAGRAPH_TOKENS = 12
#: Version of the entry's layout and of what goes into it; part of the cache key.
ENTRY_VERSION = 2

_CJK = r"\p{Han}\p{Hiragana}\p{Katakana}ー"
#: A CJK character, or a run of other letters and digits: a Latin word never
#: takes in the CJK text it touches (``WSLのUbuntu側`` is ``wsl``, ``の``,
#: ``ubuntu``, ``側``), so one changed character changes one token.
_TOKEN = regex.compile(
    rf"(?V1)[{_CJK}]|[[\p{{L}}\p{{N}}]--[{_CJK}]]+(?:['’][[\p{{L}}]--[{_CJK}]]+)*"
)
#: :data:`_TOKEN` on ASCII text (no CJK, no ’; ASCII's letters and digits),
#: in :mod:`re`: three times faster there, and more than half the corpus's
#: prose is ASCII.
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")
#: What a reference link or footnote leaves in the prose when its definition
#: is not in the post (a paragraph pasted from another post): the label of
#: ``[text][1]`` and a footnote mark ``[^2]`` are dropped, so the paragraph
#: reads as it does where they are defined.
_REFERENCE = re.compile(r"\[\^[^\]\s]+\]|(?<=\])\[[^\]\n]*\]")
_WS = re.compile(r"\s+")
_EDGE_PUNCT = " \t.,;:!?。、！？：；…-–—\"'“”‘’「」『』()（）[]【】"

#: Shortcode / component / admonition containers whose paragraphs are panels:
#: Hugo ``{{< tab >}}...{{< /tab >}}`` and ``{{% %}}``, Liquid block tags
#: (``{% tab %}...{% endtab %}``), MDX components (``<Tabs>``, ``<TabItem>``),
#: ``:::note`` admonitions. A shortcode that never closes (``{{< figure >}}``)
#: encloses nothing.
_OPEN_TAG = re.compile(
    r"\{\{[<%]\s*([\w.-]+)[^}]*[>%]\}\}|\{%-?\s*(\w+)[^%]*%\}|^\s*<([A-Z]\w*|details)\b[^>]*(?<!/)>"
)
_CLOSE_TAG = re.compile(
    r"\{\{[<%]\s*/\s*([\w.-]+)\s*[>%]\}\}|\{%-?\s*end(\w+)\s*-?%\}|</([A-Z]\w*|details)>"
)
_ADMONITION_OPEN = re.compile(r"^\s*(?::{3,}|!{3}|\?{3})\s*\w")
_ADMONITION_CLOSE = re.compile(r"^\s*:{3,}\s*$")

#: A licence, copyright, series, subscription or donation note (the authored
#: site boilerplate that closes or opens posts). Series words count only as a
#: note about the posts ("this series", "本系列", "系列文章"): "a series of DNS
#: queries", "the Ruby 2.2 series", "一系列" and "Ruby 2.2 系列" are prose; so
#: are "转载" (reposting), "署名" (a signature) and "许可" (permission) outside
#: a reprint or licence notice ("转载请注明", "未经许可", "署名-非商业性使用"),
#: and "newsletter" outside an appeal ("subscribe to my newsletter").
#: Only whether it occurs is asked, so it is a :func:`~post_lint.lazyre.start_finder`
#: (plain :mod:`re`, three times faster than the alternation in :mod:`regex`;
#: the pattern uses nothing :mod:`re` lacks).
_BOILERPLATE_WORDS = (
    r"licen[cs]e|creative\s+commons|\bcc[\s-]by\b|copyright|©|all rights reserved|"
    r"\b(?:this|the|our|my|a|blog|post|article)\s+series\b(?!\s+of\b)|series of (?:posts|articles)|"
    r"\bpart \d+ of\b|this post is part|donat|sponsor|advent calendar|"
    r"(?:subscribe|sign up) (?:to|for) (?:my|our|the) (?:\w+ )?(?:newsletter|mailing list|feed|blog)|"
    r"subscribe (?:here|now|below|via)|\bnewsletter\s*:|"
    r"版权|许可协议|授权协议|未经(?:作者)?(?:许可|授权|同意)|转载请|(?:禁止|谢绝|欢迎|严禁)转载|"
    r"知识共享|署名-|(?:本|该|此|这个|整个)系列|系列(?:文章|教程|博文|博客|连载|之)|赞助|捐助|"
    r"連載|シリーズ|ライセンス|著作権|無断転載|転載(?:を|は)?禁|購読|寄付|アドベントカレンダー|日目の記事"
)


@functools.cache
def _boilerplate_finder() -> Any:
    """:data:`_BOILERPLATE_WORDS`, compiled when a paragraph is first read."""
    return start_finder(_BOILERPLATE_WORDS, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A long paragraph's digest and where it stands."""

    digest: str
    line: int
    tokens: int
    #: The first or the last paragraph of the post.
    edge: bool = False
    #: The first paragraph or one of the last three.
    near_edge: bool = False
    #: The last paragraph of the post (where sign-offs and "about us" notes stand).
    closing: bool = False
    #: Inside a shortcode, component or admonition container, or a block quote.
    panel: bool = False
    #: Reads like a licence, copyright, series or subscription note.
    boilerplate: bool = False
    #: The first words, for messages.
    preview: str = ""
    #: The heading it stands under (compared with numbers masked), or "".
    section: str = ""


@dataclass(slots=True)
class SiteEntry:
    """What the site-wide checks know of one post."""

    path: str
    title: str | None = None
    title_key: str | None = None
    title_line: int = 1
    date: str | None = None
    draft: bool = False
    claims: tuple[Claim, ...] = ()
    #: 128 uint32 values in native byte order (512 bytes, not 128 int objects:
    #: a 100k-post index stays small).
    signature: bytes | None = None
    #: The same with names and numbers masked (:func:`is_name`): two
    #: instances of one template (release notes of two versions, the
    #: reference pages of two components) agree here.
    masked: bytes | None = None
    tokens: int = 0
    paragraphs: tuple[Paragraph, ...] = ()
    #: The post holds ``post-lint-`` comments (site findings must honour them).
    directives: bool = False
    #: A post (dated, or in a posts folder) rather than a docs page
    #: (``type: docs``, undated reference pages).
    post_like: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["claims"] = [asdict(c) for c in self.claims]
        data["paragraphs"] = [asdict(p) for p in self.paragraphs]
        data["signature"] = _signature_to_json(self.signature)
        data["masked"] = _signature_to_json(self.masked)
        return data

    @classmethod
    def from_json(cls, data: Any) -> SiteEntry:
        """Rebuild an entry from :meth:`to_json` output; raises ValueError on
        anything else (a cache file is hostile input)."""
        if not isinstance(data, dict) or not isinstance(data.get("path"), str):
            raise ValueError("not a site entry")
        sig = _signature_json(data.get("signature"))
        masked = _signature_json(data.get("masked"))
        claims = tuple(
            Claim(str(c["url"]), int(c["line"]), str(c["how"]), str(c.get("site", "")))
            for c in data["claims"]
        )
        paragraphs = tuple(
            Paragraph(
                digest=str(p["digest"]),
                line=int(p["line"]),
                tokens=int(p["tokens"]),
                edge=bool(p["edge"]),
                near_edge=bool(p.get("near_edge", False)),
                closing=bool(p.get("closing", False)),
                panel=bool(p["panel"]),
                boilerplate=bool(p["boilerplate"]),
                preview=str(p["preview"]),
                section=str(p.get("section", "")),
            )
            for p in data["paragraphs"]
        )
        title = data.get("title")
        key = data.get("title_key")
        date = data.get("date")
        return cls(
            path=data["path"],
            title=str(title) if title is not None else None,
            title_key=str(key) if key is not None else None,
            title_line=int(data.get("title_line", 1)),
            date=str(date) if date is not None else None,
            draft=bool(data.get("draft", False)),
            claims=claims,
            signature=sig,
            masked=masked,
            tokens=int(data.get("tokens", 0)),
            paragraphs=paragraphs,
            directives=bool(data.get("directives", False)),
            post_like=bool(data.get("post_like", True)),
        )


def _signature_to_json(sig: bytes | None) -> str | None:
    return base64.b64encode(sig).decode("ascii") if sig is not None else None


def _signature_json(value: Any) -> bytes | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("bad signature")
    sig = base64.b64decode(value, validate=True)
    if len(sig) != NUM_PERM * 4:
        raise ValueError("bad signature")
    return sig


_NUMBER = regex.compile(r"^\p{N}+$")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)


def is_name(token: str) -> bool:
    """A number, or a name written with capitals inside it (``AWS``,
    ``DynamoDB``, ``v1.2``): what differs between instances of one template."""
    return (
        bool(_NUMBER.match(token))
        or any(c.isupper() for c in token[1:])
        or any(c.isdigit() for c in token)
    )


def _find_tokens(text: str) -> list[str]:
    """The :data:`_TOKEN` matches of NFKC text."""
    return (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)


def tokens_of(text: str) -> list[str]:
    """Comparison tokens: NFKC, case-folded words, and single CJK characters."""
    return _find_tokens(unicodedata.normalize("NFKC", text).casefold())


def _raw_tokens(text: str) -> list[str]:
    """The tokens of ``text`` as written (NFKC, not case-folded): what
    :func:`token_forms` folds and masks."""
    return _find_tokens(text if text.isascii() else unicodedata.normalize("NFKC", text))


def _template_form(token: str) -> str:
    return "#" if is_name(token) else token.casefold()


class _Forms(dict[str, str]):
    """Each token seen (up to :data:`_KNOWN_TOKEN_CHARS` long) with one of
    its forms, across posts: a site repeats most of its words, so most
    tokens are folded and classified once per run. A token not yet seen is
    computed by ``__missing__``, so ``map(forms.__getitem__, tokens)`` costs
    one lookup in C per known token (no set of the new ones to build first)."""

    __slots__ = ("_form",)

    def __init__(self, form: Callable[[str], str]) -> None:
        super().__init__()
        self._form = form

    def __missing__(self, token: str) -> str:
        value = self._form(token)
        if len(token) <= _KNOWN_TOKEN_CHARS:  # a very long token: not kept
            self[token] = value
        return value


_KNOWN_TOKENS_MAX = 200_000
_KNOWN_TOKEN_CHARS = 64
#: Cleared past :data:`_KNOWN_TOKENS_MAX` entries.
_FOLDED = _Forms(str.casefold)
_MASKED = _Forms(_template_form)


def token_forms(tokens: list[str]) -> tuple[list[str], list[str]]:
    """The comparison tokens (:func:`tokens_of`) of raw tokens
    (:func:`_raw_tokens`), and the same tokens in template form: names and
    numbers (:func:`is_name`) masked with ``#``."""
    if len(_FOLDED) > _KNOWN_TOKENS_MAX:
        _FOLDED.clear()
        _MASKED.clear()
    return list(map(_FOLDED.__getitem__, tokens)), list(map(_MASKED.__getitem__, tokens))


def title_key(title: str) -> str:
    """A title as compared: NFKC, case-folded, spaces folded, edge punctuation off."""
    folded = _WS.sub(" ", unicodedata.normalize("NFKC", title).casefold()).strip()
    return folded.strip(_EDGE_PUNCT)


def _shingles(tokens: list[str]) -> list[str]:
    """The token 5-shingles, each its tokens joined by ``\x1f``."""
    return list(map("\x1f".join, zip(*(tokens[i:] for i in range(SHINGLE)))))


def _counted(shingles: list[str]) -> list[str]:
    """``shingles`` with each repeat made another element (in place).

    A shingle that repeats is counted as often as it stands (its second
    instance is another element): the multiset Jaccard similarity. As a set,
    a text that repeats itself ("吱吱吱…", a refrain) has few distinct
    shingles, and one changed character in it broke a large share of them."""
    if len(set(shingles)) < len(shingles):
        counts = Counter(shingles)
        repeated = set(compress(counts, map((1).__lt__, counts.values())))
        seen: dict[str, int] = {}
        for i in compress(range(len(shingles)), map(repeated.__contains__, shingles)):
            sh = shingles[i]
            n = seen.get(sh, 0)
            seen[sh] = n + 1
            if n:
                shingles[i] = f"{sh}\x1e{n}"
    return shingles


def _minhash(shingles: list[str]) -> bytes:
    import rensa

    m = rensa.RMinHash(num_perm=NUM_PERM, seed=SEED)
    m.update(_counted(shingles))
    return array("I", m.digest()).tobytes()


def signature_of(tokens: list[str]) -> bytes | None:
    """MinHash of the token 5-shingles, repeats counted (None below one shingle)."""
    return _minhash(_shingles(tokens)) if len(tokens) >= SHINGLE else None


def signatures_of(tokens: list[str], masked: list[str]) -> tuple[bytes | None, bytes | None]:
    """:func:`signature_of` the tokens and of their template form (``masked``,
    from :func:`token_forms`).

    The two differ only where a name stands (a ``#``, which no token is):
    the template's shingles are the tokens' shingles with those that hold a
    name joined again (about one in eight on the corpus), and a post
    without names has one signature for both."""
    if len(tokens) < SHINGLE:
        return None, None
    shingles = _shingles(tokens)
    names = list(compress(range(len(masked)), map("#".__eq__, masked)))
    if not names:
        sig = _minhash(shingles)
        return sig, sig
    template = shingles.copy()
    last = len(shingles) - 1
    for j in sorted({j for p in names for j in range(max(0, p - SHINGLE + 1), min(p, last) + 1)}):
        template[j] = "\x1f".join(masked[j : j + SHINGLE])
    return _minhash(shingles), _minhash(template)


def _name(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g is not None)


def _panel_lines(post: Post) -> set[int]:
    """Lines inside shortcode, component or admonition containers."""
    body = post.body
    inside: set[int] = set()
    closing = {_name(m) for m in _CLOSE_TAG.finditer(body)}
    if not closing and ":::" not in body:
        return inside
    depth = 0
    code = post.code_lines
    for n in range(post.body_line, post.lines.line_count + 1):
        if n in code:
            continue
        line = post.lines.line(n)
        if depth > 0:
            inside.add(n)
        if _ADMONITION_CLOSE.match(line):
            depth = max(0, depth - 1)
            continue
        if _ADMONITION_OPEN.match(line):
            depth += 1
            continue
        depth += sum(1 for m in _OPEN_TAG.finditer(line) if _name(m) in closing)
        depth = max(0, depth - sum(1 for _ in _CLOSE_TAG.finditer(line)))
    return inside


#: How much of a paragraph :func:`_preview` reads first.
_PREVIEW_READ = 200


def _preview(prose: str) -> str:
    """The first 60 characters of a paragraph, spaces folded, and "…" when
    more follow. Only the start is read when it makes 60 characters and
    more (a paragraph can be thousands of characters long): folding the
    rest changes nothing before its first space."""
    head = _WS.sub(" ", prose[:_PREVIEW_READ]).lstrip()
    if len(head.rstrip()) <= 60:
        head = _WS.sub(" ", prose).strip()
    return head[:60] + ("…" if len(head) > 60 else "")


def _paragraphs(post: Post) -> tuple[tuple[Paragraph, ...], list[str], list[str]]:
    prose_blocks = [
        b for b in post.blocks if b.kind in ("paragraph", "heading") and b.prose.strip()
    ]
    panels = _panel_lines(post)
    all_raw: list[str] = []  # the post's tokens as written, folded and masked at the end
    paragraphs: list[Paragraph] = []
    proses: list[str] = []  # each paragraph's prose, as read
    body_paragraphs = [b for b in prose_blocks if b.kind == "paragraph"]
    # The opening paragraph and the last one: where series notes, sign-offs
    # and appeals stand.
    edges = {id(b) for b in body_paragraphs[:1] + body_paragraphs[-1:]}
    near_edges = {id(b) for b in body_paragraphs[:1] + body_paragraphs[-3:]}
    closing = id(body_paragraphs[-1]) if body_paragraphs else None
    section = ""
    for b in prose_blocks:
        prose = b.prose
        if "[" in prose:
            prose = _REFERENCE.sub(" ", prose)
        raw = _raw_tokens(prose)
        all_raw.extend(raw)
        if b.kind == "heading":
            section = re.sub(r"\d+", "#", title_key(prose))
            continue
        if b.kind != "paragraph" or b.link_only or len(raw) < MIN_PARAGRAPH_TOKENS:
            continue
        if "$" in prose:  # formulas are shared definitions, not prose
            toks = tokens_of(_MATH.sub(" ", prose))
            if len(toks) < MIN_PARAGRAPH_TOKENS:
                continue
            count, joined = len(toks), "\x1f".join(toks)
        else:
            # the comparison tokens, joined: casefold maps each character on
            # its own, so folding the joined tokens folds each token
            count, joined = len(raw), "\x1f".join(raw).casefold()
        digest = hashlib.blake2b(joined.encode("utf-8"), digest_size=10).hexdigest()
        paragraphs.append(
            Paragraph(
                digest,
                b.start_line,
                count,
                edge=id(b) in edges,
                near_edge=id(b) in near_edges,
                closing=id(b) == closing,
                panel=b.in_quote or any(n in panels for n in range(b.start_line, b.end_line + 1)),
                preview=_preview(prose),
                section=section,
            )
        )
        proses.append(prose)
    # Which read like boilerplate: one search over them all (the pattern
    # matches no NUL: a match stays inside one paragraph's prose).
    if proses:
        if "\x00" in "".join(proses):
            notes = {k for k, text in enumerate(proses) if _boilerplate_finder().search(text)}
        else:
            notes = texts_matching(_boilerplate_finder(), proses, "\x00")
        for k in notes:
            paragraphs[k] = replace(paragraphs[k], boilerplate=True)
    return (tuple(paragraphs), *token_forms(all_raw))


def _date(post: Post) -> str | None:
    value = post.meta.get("date")
    if value is None:
        m = re.match(r"(\d{4}-\d{2}-\d{2})-", post.path.replace("\\", "/").rsplit("/", 1)[-1])
        return m.group(1) if m else None
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}", text) else None


#: Folders whose Markdown files are posts (dated or not: Zenn's articles).
POST_FOLDERS = frozenset({"_posts", "_drafts", "posts", "post", "blog", "articles", "news"})


def _post_like(post: Post, date: str | None) -> bool:
    """A post rather than a docs page: dated, or in a posts folder, and not
    declared a docs page (Docsy's ``type: docs``)."""
    if post.meta.get("type") == "docs":
        return False
    if date is not None:
        return True
    parts = post.path.replace("\\", "/").split("/")
    return any(p in POST_FOLDERS for p in parts[:-1])


def _is_draft(meta: dict[str, Any]) -> bool:
    return meta.get("draft") is True or meta.get("published") is False


def build_entry(post: Post, abs_path: str | None = None) -> SiteEntry | None:
    """The site entry of a parsed post; None for a file with nothing to
    compare (unreadable, too large, or no text at all)."""
    if post.read_error is not None or post.refused_size is not None:
        return None
    paragraphs, toks, masked = _paragraphs(post)
    signature, masked_signature = signatures_of(toks, masked)
    title = post.title
    title_line = 1
    fm = post.front_matter
    if title is not None and fm is not None and "title" in fm.keys:
        title_line = fm.keys["title"].line
    meta = post.meta
    entry = SiteEntry(
        path=post.path,
        title=title,
        title_key=title_key(title) if title and title.strip() else None,
        title_line=title_line,
        date=_date(post),
        draft=_is_draft(meta),
        claims=tuple(claims_for(post, abs_path)) if abs_path else (),
        signature=signature,
        masked=masked_signature,
        tokens=len(toks),
        paragraphs=paragraphs,
        directives="post-lint-" in post.text,
    )
    entry.post_like = _post_like(post, entry.date)
    return entry


def jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (share of equal slots)."""
    if not a:
        return 0.0
    va, vb = memoryview(a).cast("I"), memoryview(b).cast("I")
    return sum(x == y for x, y in zip(va, vb)) / len(va)
