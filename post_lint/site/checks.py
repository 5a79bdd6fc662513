"""Compare the entries of a site and report SITE findings at both ends.

Work stays near-linear in the number of posts: near-duplicate candidates come
from banded LSH over the MinHash signatures (25 bands of 5 rows: a pair at
Jaccard 0.7 shares a band with probability 0.99, one at 0.8 with 0.9999, one
at 0.3 with 0.06),
and each candidate pair is verified on its full signature; paragraphs, titles
and URLs are grouped by hash. Only posts of this run are reported on; the
others (from the cache's index) are named as the other end.

**Parallel trees** are authored copies, kept quiet by default: two paths whose
first differing folders are versions (``v1.2``,
``1.12``, ``latest``, ``next``), the same name but for a version (``docs``
and ``v1.18-docs``), or language codes (``en``, ``ja``, ``zh-cn``). A versioned docs tree or an untranslated page in each
language repeats itself on purpose.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic
from ..discover import display_path
from .entry import NUM_PERM, SiteEntry, is_name, jaccard

BANDS = 25
ROWS = 5
assert BANDS * ROWS <= NUM_PERM

_VERSION = re.compile(
    r"^(?:v?\d+(?:\.\d+)*(?:\.x)?|[\w-]*v\d+(?:\.\d+)*[\w.-]*|latest|next|main|master|stable|"
    r"dev|devel|current|preview|unreleased|nightly|legacy|old|archive)$",
    re.I,
)
_WS = re.compile(r"\s+")
_VERSION_PART = re.compile(r"v?\d+(?:\.\d+)+(?:\.x)?|v\d+", re.I)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


@dataclass(frozen=True, slots=True)
class SiteOptions:
    """The options of the SITE rules that the comparison reads."""

    duplicate_threshold: float = 0.7
    duplicate_min_words: int = 100
    #: Quiet on template instances: pairs whose difference is mostly names and
    #: numbers (off by default: titled series cover release notes, and a copy
    #: that swaps a product name is still a copy).
    templates: bool = False
    template_share: float = 0.6
    paragraph_min_words: int = 30
    paragraph_min_posts: int = 3
    #: Posts sharing a paragraph count as one when the rest of their text is
    #: this similar (:func:`background_similarity`).
    series_similarity: float = 0.2
    quiet_boilerplate: bool = True
    quiet_panels: bool = True
    quiet_series: bool = True
    title_window_days: int = 30
    parallel_trees: bool = True
    #: Compare docs pages too (undated, ``type: docs``), not only posts.
    all_pages: bool = False


def _parts(path: str) -> list[str]:
    return os.path.normpath(path).replace("\\", "/").split("/")


def _version_or_language_pair(x: str, y: str) -> bool:
    if _VERSION.match(x) and _VERSION.match(y) or _LANGUAGE.match(x) and _LANGUAGE.match(y):
        return True
    # ``docs`` and ``v1.18-docs``, ``v1.0-docs`` and ``v1.1-docs``: one name
    # once the version is taken out.
    sx, sy = _VERSION_PART.sub("", x).strip("-_."), _VERSION_PART.sub("", y).strip("-_.")
    return sx == sy and sx != "" and (sx != x or sy != y)


def parallel(a: str, b: str) -> bool:
    """Whether two paths stand in parallel trees (see the module doc): the
    first folder where they part is a version or language of one tree; what
    lies below may differ (a page moved between two versions of the docs)."""
    pa, pb = _parts(a)[:-1], _parts(b)[:-1]
    for x, y in zip(pa, pb):
        if x != y:
            return _version_or_language_pair(x, y)
    return False


def _shown(path: str, cwd: str) -> str:
    """A path as the user reads it: relative to the working folder when below it."""
    if os.path.isabs(path):
        rel = os.path.relpath(path, cwd)
        path = path if rel.startswith("..") else rel
    return display_path(path)


def _list(paths: list[str], most: int = 3) -> str:
    shown = ", ".join(paths[:most])
    return shown + (f" and {len(paths) - most} more" if len(paths) > most else "")


def near_duplicate_pairs(
    entries: Mapping[str, SiteEntry], options: SiteOptions
) -> dict[tuple[str, str], float]:
    """Pairs of keys (sorted) whose signatures agree on at least the threshold.

    One band at a time: each band's buckets (band hash -> posts) are built,
    read for pairs and dropped, so memory holds one band's table, not all 25
    (the shape a sharded index takes, see the README)."""
    width = ROWS * 4  # bytes per band: ROWS uint32 values
    eligible = [
        (key, e.signature)
        for key, e in entries.items()
        if e.signature is not None and e.tokens >= options.duplicate_min_words
    ]
    candidates: set[tuple[str, str]] = set()
    for band in range(BANDS):
        lo, hi = band * width, (band + 1) * width
        bucket: dict[bytes, Any] = {}
        for key, sig in eligible:
            h = sig[lo:hi]
            got = bucket.get(h)
            if got is None:
                bucket[h] = key
            elif isinstance(got, str):
                bucket[h] = [got, key]
            else:
                got.append(key)
        for members in bucket.values():
            if isinstance(members, str):
                continue
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    candidates.add((a, b) if a < b else (b, a))
        del bucket
    pairs: dict[tuple[str, str], float] = {}
    for pair in candidates:
        sa, sb = entries[pair[0]].signature, entries[pair[1]].signature
        assert sa is not None and sb is not None
        sim = jaccard(sa, sb)
        if sim >= options.duplicate_threshold and not (
            options.templates and _template_pair(entries[pair[0]], entries[pair[1]], sim, options)
        ):
            pairs[pair] = sim
    return pairs


def _template_pair(a: SiteEntry, b: SiteEntry, sim: float, options: SiteOptions) -> bool:
    """Two instances of one template: they differ (almost) only in numbers,
    like the release notes of two versions published the same day."""
    if sim >= 0.995 or a.masked is None or b.masked is None:
        return False
    masked = jaccard(a.masked, b.masked)
    return (masked - sim) >= options.template_share * (1 - sim)


_SERIES_WORD = re.compile(r"(?:preview|rc|beta|alpha|p|part|vol|no|episode|day|week)\s*#", re.I)
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    re.I,
)
_TITLE_WORD = re.compile(r"[\w.]+")
#: "Released" in the languages a site's titles mix (``Ruby 2.6.0-preview1
#: リリース`` and ``Ruby 2.6.0-preview2 Released`` are one series).
_RELEASED = re.compile(r"\breleased?\b|リリース|发布|發佈|發布")


def _title_mask(title: str) -> str:
    """A title's template: names (``AWS``, ``DynamoDB``), numbers, month
    names and release words masked, then case-folded."""
    masked = _TITLE_WORD.sub(lambda m: "#" if is_name(m.group()) else m.group(), title)
    masked = _RELEASED.sub("released", _MONTH.sub("#", masked).casefold())
    masked = _SERIES_WORD.sub("#", re.sub(r"\d+", "#", masked))
    return re.sub(r"#(?:[.\-_ ]?#)+", "#", _WS.sub(" ", masked)).strip()


def series_titles(a: SiteEntry, b: SiteEntry) -> bool:
    """Two different titles of one series: ``Ruby 3.3.5 Released`` and ``Ruby
    3.3.6 Released``, ``Vim 2014 calendar`` and ``Vim 2015 calendar``, ``RBM
    basics (part 2)`` and ``RBM basics (part 3)``: equal once numbers and
    release words are masked, or sharing a long common beginning. Equal
    titles are not a series (they are the same title)."""
    ta, tb = a.title_key, b.title_key
    if not ta or not tb or ta == tb or a.title is None or b.title is None:
        return False
    ma, mb = _title_mask(a.title), _title_mask(b.title)
    if ma == mb:
        return True
    prefix = os.path.commonprefix([ma, mb])
    return len(prefix) >= max(8, 0.6 * min(len(ma), len(mb)))


def _clusters(keys: list[str], related, most: int = 200) -> dict[str, int]:
    """Group ``keys`` into clusters of related posts (union-find); a group
    larger than ``most`` is compared only against its first ``most`` keys."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i + 1, min(len(keys), most)):
            if find(i) != find(j) and related(keys[i], keys[j]):
                parent[find(j)] = find(i)
    return {k: find(i) for i, k in enumerate(keys)}


def background_similarity(a: SiteEntry, b: SiteEntry, digest: str) -> float:
    """The estimated Jaccard similarity (names and numbers masked) of two
    posts once the paragraph ``digest`` they share is taken out of both: what
    relates them besides it (a short post is mostly the paragraph pasted
    into it).

    From the signatures' estimate ``J`` and the posts' sizes ``na``, ``nb``
    (tokens, about their shingle counts) the shared part is
    ``I = J (na + nb) / (1 + J)``; ``s`` tokens of it are the paragraph, so
    what the rest of the two posts share is ``(I - s) / (na + nb - I - s)``."""
    assert a.masked is not None and b.masked is not None
    j = jaccard(a.masked, b.masked)
    s = next((p.tokens for p in a.paragraphs if p.digest == digest), 0)
    total = a.tokens + b.tokens
    inter = j * total / (1 + j)
    rest = total - inter - s
    return max(0.0, inter - s) / rest if rest > 0 else 0.0


def _days_apart(a: str | None, b: str | None) -> int | None:
    import datetime as dt

    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def site_diagnostics(
    entries: Mapping[str, SiteEntry],
    report: Iterable[str],
    options: SiteOptions,
    enabled: set[str],
    cwd: str | None = None,
) -> dict[str, list[Diagnostic]]:
    """SITE diagnostics for the entries keyed in ``report`` (keys are
    absolute paths; messages name the other end relative to ``cwd``)."""
    cwd = cwd or os.getcwd()
    every_page = entries  # a URL collision breaks any page
    if not options.all_pages:
        entries = {k: e for k, e in entries.items() if e.post_like}
    report = set(report)
    out: dict[str, list[Diagnostic]] = defaultdict(list)

    def quiet_pair(a: str, b: str) -> bool:
        return options.parallel_trees and parallel(a, b)

    def related(a: str, b: str) -> bool:
        """Authored relatives: parallel trees, or posts of one titled series."""
        return quiet_pair(a, b) or (options.quiet_series and series_titles(entries[a], entries[b]))

    if "SITE001" in enabled:
        others: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for (a, b), sim in near_duplicate_pairs(entries, options).items():
            if related(a, b):
                continue
            others[a].append((sim, b))
            others[b].append((sim, a))
        for key, found in others.items():
            if key not in report:
                continue
            for sim, other in sorted(found, key=lambda t: (-t[0], t[1]))[:5]:
                share = f"{sim:.0%}"
                verb = "repeats" if sim >= 0.995 else "nearly repeats"
                out[key].append(
                    Diagnostic(
                        "SITE001",
                        1,
                        1,
                        f"post {verb} {_shown(other, cwd)} ({share} the same)",
                        extra={"other": _shown(other, cwd), "similarity": round(sim, 3)},
                    )
                )

    def _shares_background(a: str, b: str, digest: str) -> bool:
        """Posts that share text on purpose: relatives, or posts similar
        beyond the paragraphs they share (the similarity the shared paragraphs
        alone explain is taken out: a short post is mostly the paragraph
        pasted into it)."""
        if related(a, b):
            return True
        ea, eb = entries[a], entries[b]
        if ea.masked is None or eb.masked is None:
            return False
        return background_similarity(ea, eb, digest) >= options.series_similarity

    if "SITE002" in enabled:

        def compared(e: SiteEntry) -> Iterable[Any]:
            """The paragraphs of ``e`` that SITE002 compares, once each."""
            seen: set[str] = set()
            for p in e.paragraphs:
                if p.tokens < options.paragraph_min_words or p.digest in seen:
                    continue
                if (options.quiet_panels and p.panel) or (
                    options.quiet_boilerplate and p.boilerplate
                ):
                    continue
                seen.add(p.digest)
                yield p

        # Two passes: count each digest, then group only the shared ones (on
        # a large site almost every paragraph stands once).
        counts: dict[str, int] = defaultdict(int)
        for e in entries.values():
            for p in compared(e):
                counts[p.digest] += 1
        by_digest: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        for key, e in entries.items():
            for p in compared(e):
                if counts[p.digest] > 1:
                    by_digest[p.digest].append((key, p))
        del counts
        for digest, group in by_digest.items():
            if len(group) < 2:
                continue
            sections = {q.section for _, q in group}
            if options.quiet_boilerplate and len(sections) == 1 and "" not in sections:
                continue  # a template: the same text under the same heading in each post
            if options.quiet_boilerplate and all(q.closing for _, q in group):
                continue  # a sign-off: the paragraph that closes every post it stands in
            clusters = _clusters(
                [k for k, _ in group], lambda a, b, d=digest: _shares_background(a, b, d)
            )
            if len(set(clusters.values())) < options.paragraph_min_posts:
                continue  # fewer independent posts than it takes to call it recycled
            for key, p in group:
                if key not in report:
                    continue
                others = [k for k, _ in group if clusters[k] != clusters[key]]
                where = [f"{_shown(k, cwd)}:{q.line}" for k, q in group if k in others]
                n = len(others)
                out[key].append(
                    Diagnostic(
                        "SITE002",
                        p.line,
                        1,
                        f"paragraph ('{p.preview}') also stands in {n} other post"
                        f"{'s' * (n != 1)}: {_list(where)}",
                        extra={"others": where},
                    )
                )

    if "SITE003" in enabled:
        by_title: dict[str, list[str]] = defaultdict(list)
        for key, e in entries.items():
            if e.title_key is not None and e.date is not None:
                by_title[e.title_key].append(key)
        for group in by_title.values():
            if len(group) < 2:
                continue
            for key in group:
                if key not in report:
                    continue
                e = entries[key]
                window = options.title_window_days
                others = [
                    k
                    for k in group
                    if k != key
                    and not quiet_pair(key, k)
                    and (window <= 0 or (_days_apart(e.date, entries[k].date) or 0) <= window)
                ]
                if not others:
                    continue
                out[key].append(
                    Diagnostic(
                        "SITE003",
                        e.title_line,
                        1,
                        f"title '{e.title}' is also the title of "
                        f"{_list([_shown(k, cwd) for k in sorted(others)])}",
                        extra={"others": [_shown(k, cwd) for k in sorted(others)]},
                    )
                )

    if "SITE004" in enabled:
        by_url: dict[tuple[str, str], list[tuple[str, Any]]] = defaultdict(list)
        for key, e in every_page.items():
            for claim in {c.url: c for c in e.claims}.values():
                by_url[(claim.site, claim.url)].append((key, claim))
        for (_, url), group in by_url.items():
            if len({k for k, _ in group}) < 2:
                continue
            for key, claim in group:
                if key not in report:
                    continue
                others = sorted({k for k, _ in group if k != key})
                out[key].append(
                    Diagnostic(
                        "SITE004",
                        claim.line,
                        1,
                        f"URL {url} (from {claim.how}) is also claimed by "
                        f"{_list([_shown(k, cwd) for k in others])}: one page replaces the other",
                        extra={"others": [_shown(k, cwd) for k in others], "url": url},
                    )
                )
    return out
