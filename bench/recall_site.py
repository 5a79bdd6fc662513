"""Recall and precision of the SITE checks on a site built from real posts.

Copies a seeded sample of ../shared/corpus posts (English, Japanese, Chinese,
keeping each blog's folder layout) into a temporary site, plants each SITE
defect a number of times per language, lints the site once with the SITE
rules, and prints per kind and language how many planted cases were found at
BOTH ends, then every reported pair that was not planted (to be read: real
near-copies of the corpus or false alarms).

Planted kinds:

- ``duplicate-post``: a post of 150 or more prose tokens (shorter ones are
  not compared by SITE001's default) copied under a new slug with a few words
  changed (one word in ``--every`` replaced, 100 by default; one CJK
  character in 100 for Chinese and Japanese) -> SITE001 in both posts;
- ``reused-paragraph``: a long paragraph of one post pasted into the middle of
  four unrelated posts (no two of the five in one titled series or in
  parallel language/version trees: SITE002 counts relatives as one post, as
  they repeat paragraphs on purpose) -> SITE002 in all five;
- ``duplicate-title``: a new post (another post's body) carrying a post's
  title, dated three days later -> SITE003 in both;
- ``url-collision``: two posts of one site given the same explicit URL
  (``permalink`` in Jekyll, ``url`` in Hugo; Zenn has no URL setting) ->
  SITE004 in both.

    .venv/bin/python bench/recall_site.py --per-lang 150 --plants 10
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import DEFAULT_CORPUS, LANGS, sample_posts

from post_lint import Post, lint_paths
from post_lint.site.checks import parallel, series_titles
from post_lint.site.entry import SiteEntry, build_entry

_FM = re.compile(r"\A(---\n.*?\n---\n)(.*)\Z", re.S)


def split(text: str) -> tuple[str, str] | None:
    m = _FM.match(text)
    return (m.group(1), m.group(2)) if m else None


def set_key(front: str, key: str, value: str) -> str:
    lines = [ln for ln in front.split("\n") if not ln.startswith(f"{key}:")]
    return "\n".join([lines[0], f"{key}: {value}", *lines[1:]])


def change_words(body: str, rng: random.Random, every: int = 40) -> str:
    """Replace about one word in ``every`` (one CJK character in ``every``
    for Chinese and Japanese prose): 'a few words changed'."""
    out = []
    for para in body.split("\n\n"):
        if para.startswith(("```", "    ", "|", "<", "{{", "!", "#")):
            out.append(para)
            continue
        if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", para):
            chars = list(para)
            for i in range(len(chars)):
                if "\u4e00" <= chars[i] <= "\u9fff" and rng.random() < 1 / every:
                    chars[i] = rng.choice("新旧大小高低多少")
            out.append("".join(chars))
        else:
            words = para.split(" ")
            for i in range(len(words)):
                if words[i].isalpha() and rng.random() < 1 / every:
                    words[i] = rng.choice(["really", "quite", "simply", "truly"])
            out.append(" ".join(words))
    return "\n\n".join(out)


def prose_key(prose: str) -> str:
    """A paragraph as a reader reads it (markup gone, spacing folded)."""
    return " ".join(prose.split())


def long_paragraph(text: str, everything: str, readings: Counter[str]) -> str | None:
    """A long top-level prose paragraph of the post ``text`` (as post-lint
    parses it, outside Liquid and shortcode containers) that stands nowhere
    else in the site (``readings``: how often each paragraph's prose does)."""
    post = Post.from_text(text, "x.md")
    inside = container_lines(text)
    for b in post.blocks:
        if b.kind != "paragraph" or not b.is_top_level or b.link_only:
            continue
        if inside & set(range(b.start_line, b.end_line + 1)):
            continue
        p = post.block_source(b).strip()
        if "{{" in p or "{%" in p or "<" in p or p.startswith(("!", "[")):
            continue
        if len(p.split()) >= 40 or len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff]", p)) >= 80:
            # Nowhere else, also not with other links or line breaks (what a
            # reader would see as the same paragraph is not planted).
            if everything.count(p) == 1 and readings[prose_key(b.prose)] == 1:
                return p
    return None


_BLOCK_TAG = re.compile(r"\{%-?\s*(end)?(\w+)|\{\{[<%]\s*(/)?\s*([\w.-]+)")


def container_lines(text: str) -> set[int]:
    """Lines (1-based) inside a Liquid block tag (``{% highlight %}`` ...
    ``{% endhighlight %}``, ``{% notice %}``) or a Hugo shortcode pair: code
    and panels, not the post's running text."""
    closed = {m.group(2) for m in _BLOCK_TAG.finditer(text) if m.group(1)}
    closed |= {m.group(4) for m in _BLOCK_TAG.finditer(text) if m.group(3)}
    inside: set[int] = set()
    depth = 0
    for n, line in enumerate(text.split("\n"), 1):
        before = depth
        for m in _BLOCK_TAG.finditer(line):
            name = m.group(2) or m.group(4)
            if m.group(1) or m.group(3):
                depth = max(0, depth - 1)
            elif name in closed:
                depth += 1
        if before or depth:
            inside.add(n)
    return inside


def paste_middle(text: str, paragraph: str) -> str:
    """``text`` with ``paragraph`` after its middle top-level paragraph (never
    inside a code block, a list, or a Liquid / shortcode container)."""
    post = Post.from_text(text, "x.md")
    inside = container_lines(text)
    tops = [
        b
        for b in post.blocks
        if b.kind == "paragraph"
        and b.is_top_level
        and not inside & set(range(b.start_line, b.end_line + 2))
    ]
    if not tops:
        return text.rstrip("\n") + "\n\n" + paragraph + "\n"
    after = tops[len(tops) // 2].end_line
    lines = text.split("\n")
    return "\n".join([*lines[:after], "", paragraph, "", *lines[after:]])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--per-lang", type=int, default=150)
    ap.add_argument("--plants", type=int, default=10, help="cases per kind and language")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--every", type=int, default=100, help="duplicate-post: change one word in N")
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--keep", type=Path, help="write the planted site here (to read it)")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    samples = sample_posts(args.corpus, args.per_lang, args.seed, min_body_chars=800)
    expected: dict[tuple[str, str], list[set[str]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.keep or Path(tmp)
        texts: dict[str, str] = {}
        langs: dict[str, str] = {}
        for lang, posts in samples.items():
            for s in posts:
                rel = str(s.path.relative_to(args.corpus))
                texts[rel] = s.text
                langs[rel] = lang
        # Prose tokens as SITE001 counts them: shorter posts are out of its scope.
        entries = {r: build_entry(Post.from_text(t, r)) or SiteEntry(r) for r, t in texts.items()}
        tokens = {r: e.tokens for r, e in entries.items()}
        readings = Counter(
            prose_key(b.prose)
            for t in texts.values()
            for b in Post.from_text(t, "x.md").blocks
            if b.kind == "paragraph"
        )
        used: set[str] = set()
        notes: dict[frozenset[str], str] = {}

        def pick(lang: str, n: int = 1, min_tokens: int = 0) -> list[str] | None:
            pool = [
                r
                for r, lg in langs.items()
                if lg == lang and r not in used and split(texts[r]) and tokens[r] >= min_tokens
            ]
            if len(pool) < n:
                return None
            chosen = rng.sample(sorted(pool), n)
            used.update(chosen)
            return chosen

        def pick_unrelated(lang: str, n: int) -> list[str] | None:
            """``n`` posts no two of which are relatives as SITE documents
            them (one titled series, or parallel language/version trees):
            relatives share paragraphs on purpose and count as one post."""
            pool = [
                r for r, lg in langs.items() if lg == lang and r not in used and split(texts[r])
            ]
            rng.shuffle(pool)
            chosen: list[str] = []
            for r in pool:
                if not any(parallel(r, c) or series_titles(entries[r], entries[c]) for c in chosen):
                    chosen.append(r)
                    if len(chosen) == n:
                        used.update(chosen)
                        return chosen
            return None

        def in_series(r: str) -> bool:
            return any(series_titles(entries[r], entries[x]) for x in entries if x != r)

        def pick_same_site(lang: str, retitle: bool = False) -> list[str] | None:
            """Two posts of one site; with ``retitle`` the second one is to
            take the first one's title, so it is one outside any titled
            series: retitling a release note would unmask its series' own
            near-copies as unrelated posts, findings of the harness and not of
            the site."""
            by_site: dict[str, list[str]] = defaultdict(list)
            for r, lg in langs.items():
                # Zenn has no URL settings: only Jekyll and Hugo trees can collide.
                if (
                    lg == lang
                    and r not in used
                    and split(texts[r])
                    and re.search(r"/(_posts|content)/", f"/{r}")
                ):
                    by_site[os.path.dirname(r)].append(r)
            sites = sorted(k for k, v in by_site.items() if len(v) >= 2)
            while sites:
                site_posts = sorted(by_site[rng.choice(sites)])
                chosen = rng.sample(site_posts, 2)
                if retitle:
                    plain = [r for r in site_posts if r != chosen[0] and not in_series(r)]
                    if not plain:
                        sites.remove(os.path.dirname(chosen[0]))
                        continue
                    chosen[1] = rng.choice(plain)
                used.update(chosen)
                return chosen
            return None

        for lang in LANGS:
            for i in range(args.plants):
                # duplicate-post (posts long enough to compare: 150 tokens)
                got = pick(lang, 1, 150)
                if got:
                    (a,) = got
                    front, body = split(texts[a])  # type: ignore[misc]
                    folder, name = os.path.split(a)
                    copy = os.path.join(folder, f"zz-copy-{i}-{name}")
                    texts[copy] = front + change_words(body, rng, args.every)
                    expected[("duplicate-post", lang)].append({a, copy})
                # reused-paragraph
                got = pick_unrelated(lang, 5)
                if got:
                    everything = "\n".join(texts.values())
                    for k, r in enumerate(got):  # the first with a long paragraph is the source
                        para = long_paragraph(texts[r], everything, readings)
                        if para:
                            got = [r, *got[:k], *got[k + 1 :]]
                            break
                    if para:
                        for r in got[1:]:
                            texts[r] = paste_middle(texts[r], para)
                        expected[("reused-paragraph", lang)].append(set(got))
                        notes[frozenset(got)] = para[:70]
                # duplicate-title (two posts of one folder: a translation in
                # another language's tree keeps its title on purpose)
                got = pick_same_site(lang, retitle=True)
                if got:
                    a, b = got
                    front_a, _ = split(texts[a])  # type: ignore[misc]
                    m = re.search(r"^title:\s*(.+)$", front_a, re.M)
                    if m:
                        front_b, body_b = split(texts[b])  # type: ignore[misc]
                        day = dt.date(2030, 1, 1) + dt.timedelta(days=30 * i)
                        front_a = set_key(front_a, "date", day.isoformat())
                        front_b = set_key(front_b, "title", m.group(1))
                        front_b = set_key(front_b, "date", (day + dt.timedelta(days=3)).isoformat())
                        texts[a] = front_a + split(texts[a])[1]  # type: ignore[index]
                        texts[b] = front_b + body_b
                        expected[("duplicate-title", lang)].append({a, b})
                # url-collision: two posts of one site
                got = pick_same_site(lang)
                if got:
                    url = f"/planted/{lang}/{i}/"
                    for r in got:
                        front, body = split(texts[r])  # type: ignore[misc]
                        key = "url" if "/content/" in f"/{r}" else "permalink"
                        texts[r] = set_key(front, key, url) + body
                    expected[("url-collision", lang)].append(set(got))
        for rel, text in texts.items():
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        here = os.getcwd()
        os.chdir(site)
        try:
            found = lint_paths(["."], {"select": ["SITE"]}, jobs=None)
        finally:
            os.chdir(here)
    code_of = {
        "duplicate-post": "SITE001",
        "reused-paragraph": "SITE002",
        "duplicate-title": "SITE003",
        "url-collision": "SITE004",
    }
    by_code: dict[str, set[str]] = defaultdict(set)
    for d in found:
        by_code[d.code].add(d.path)
    print(f"seed {args.seed}; site of {len(texts)} posts; {len(found)} SITE findings\n")
    misses: list[str] = []
    print("| kind | lang | planted | found at every end | recall |")
    print("|---|---|---|---|---|")
    for (kind, lang), cases in sorted(
        expected.items(), key=lambda kv: (kv[0][0], LANGS.index(kv[0][1]))
    ):
        code = code_of[kind]
        hit = sum(1 for c in cases if c <= by_code[code])
        if args.show_misses:
            for c in cases:
                if not c <= by_code[code]:
                    misses.append(
                        f"  {kind}/{lang}: {sorted(c)} (found at {sorted(c & by_code[code])})"
                        f" {notes.get(frozenset(c), '')!r}"
                    )
        print(f"| {kind} | {lang} | {len(cases)} | {hit} | {hit / len(cases):.0%} |")
    groups = [c for cases in expected.values() for c in cases]

    def other_ends(d) -> set[str]:
        if "other" in d.extra:
            return {d.extra["other"]}
        return {
            o.rsplit(":", 1)[0] if d.code == "SITE002" else o for o in d.extra.get("others", [])
        }

    def planted(d) -> bool:
        """Both ends in one planted group (a copied post also copies its title
        and URL: those findings are the plant's, too)."""
        ends = {d.path, *other_ends(d)}
        return any(ends <= g for g in groups)

    extra = [d for d in found if not planted(d)]
    if misses:
        print("\nmisses:")
        print("\n".join(misses))
    print(f"\nfindings not planted: {len(extra)}")
    for d in extra:
        print(f"  {d.path}:{d.line}: {d.code} {d.message[:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
