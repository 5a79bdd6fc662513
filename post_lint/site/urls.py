"""Where a file is published: the URLs a post claims on the built site.

Two posts that claim one URL break the site silently: the generator writes
one page over the other (Hugo and Jekyll warn at best). The models below
reproduce each generator's defaults and the front-matter keys that override
them; what is not modelled is left unclaimed (never guessed), so a collision
is only reported between URLs that are certain under the model.

The generator is told by the layout (``_posts/``, ``content/``), then by the
config file found at the root; the models are documented for users on
SITE004 (``post-lint --explain SITE004``).

Drafts (``draft: true``, ``published: false``) claim nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..post import Post

#: Config files larger than this are not read (hostile input stays bounded).
MAX_CONFIG_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class Claim:
    """A URL a post claims, the line that decides it, and how it was derived."""

    url: str
    line: int
    how: str
    #: The site's root folder: URLs collide only within one site.
    site: str = ""


@dataclass(frozen=True, slots=True)
class SiteRoot:
    generator: str
    root: str
    #: Jekyll/Hexo site permalink (style or pattern); Hugo: section -> pattern.
    permalink: str | None = None
    permalinks: tuple[tuple[str, str], ...] = ()
    #: The generator's config file was found: URLs derived from file names are
    #: certain only then (a tree without it may be a partial copy).
    configured: bool = False


_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_DATE_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")


def _read_small(path: str) -> str | None:
    try:
        if os.path.getsize(path) > MAX_CONFIG_BYTES:
            return None
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return None


def _yaml_permalink(path: str) -> str | None:
    text = _read_small(path)
    if text is None:
        return None
    m = re.search(r"^permalink:\s*['\"]?([^'\"\n#]+)", text, re.M)
    return m.group(1).strip() if m else None


HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.json", "config.toml")


def _hugo_permalinks(root: str) -> tuple[tuple[str, str], ...]:
    from ..compat import tomllib

    for name in ("hugo.toml", "config.toml", os.path.join("config", "_default", "hugo.toml")):
        text = _read_small(os.path.join(root, name))
        if text is None:
            continue
        try:
            data = tomllib.loads(text)
        except Exception:
            return ()
        table = data.get("permalinks")
        if isinstance(table, dict):
            flat = {k: v for k, v in table.items() if isinstance(v, str)}
            page = table.get("page")
            if isinstance(page, dict):  # Hugo 0.120+: [permalinks.page]
                flat.update({k: v for k, v in page.items() if isinstance(v, str)})
            return tuple(sorted(flat.items()))
        return ()
    return ()


@lru_cache(maxsize=4096)
def site_root(folder: str) -> SiteRoot | None:
    """The generator and root of the site holding files in ``folder`` (absolute)."""
    parts = folder.split(os.sep)
    for i in range(len(parts) - 1, 0, -1):
        name = parts[i]
        above = os.sep.join(parts[:i]) or os.sep
        if name == "_posts":
            if os.path.basename(above) == "source":
                root = os.path.dirname(above)
                cfg = os.path.join(root, "_config.yml")
                return SiteRoot("hexo", root, _yaml_permalink(cfg), configured=os.path.isfile(cfg))
            jekyll_root = above
            # Categories folders may stand above _posts: the config is at the top.
            probe = jekyll_root
            while True:
                if os.path.isfile(os.path.join(probe, "_config.yml")):
                    cfg = os.path.join(probe, "_config.yml")
                    return SiteRoot("jekyll", probe, _yaml_permalink(cfg), configured=True)
                parent = os.path.dirname(probe)
                if parent == probe or os.path.isdir(os.path.join(probe, ".git")):
                    break
                probe = parent
            return SiteRoot("jekyll", jekyll_root)
        if name == "content":
            configured = any(
                os.path.isfile(os.path.join(above, n))
                for n in (*HUGO_CONFIGS, "config.yaml", "config.json", "zola.toml")
            ) or os.path.isdir(os.path.join(above, "config"))
            return SiteRoot(
                "hugo", above, permalinks=_hugo_permalinks(above), configured=configured
            )
    for i in range(len(parts), 0, -1):
        probe = os.sep.join(parts[:i]) or os.sep
        for cfg in (
            ".eleventy.js",
            "eleventy.config.js",
            "eleventy.config.mjs",
            "eleventy.config.cjs",
        ):
            if os.path.isfile(os.path.join(probe, cfg)):
                return SiteRoot("eleventy", probe, configured=True)
        if os.path.isdir(os.path.join(probe, ".git")):
            break
    return None


def _normalise(url: str) -> str:
    url = url.strip()
    if "://" in url:
        url = "/" + url.split("://", 1)[1].split("/", 1)[-1]
    url = "/" + url.lstrip("/")
    url = re.sub(r"/{2,}", "/", url)
    if url.endswith("/index.html"):
        url = url[: -len("index.html")]
    return url


def _date_parts(post: Post, name_date: tuple[str, str, str] | None) -> tuple[str, str, str] | None:
    value = post.meta.get("date")
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}", f"{value.month:02d}", f"{value.day:02d}"
    if isinstance(value, str):
        m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
        if m:
            return m.group(1), f"{int(m.group(2)):02d}", f"{int(m.group(3)):02d}"
    return name_date


def _categories(post: Post) -> list[str]:
    out: list[str] = []
    for key in ("category", "categories"):
        value = post.meta.get(key)
        if isinstance(value, str):
            out.extend(value.split())
        elif isinstance(value, list):
            out.extend(str(v) for v in value if isinstance(v, (str, int)))
    return out


def _expand(pattern: str, values: dict[str, str]) -> str | None:
    """Fill ``:name`` placeholders; None when one is not known (not guessed)."""
    missing = False

    def fill(m: re.Match[str]) -> str:
        nonlocal missing
        key = m.group(1)
        for name in sorted(values, key=len, reverse=True):
            if key.startswith(name):
                return values[name] + key[len(name) :]
        missing = True
        return m.group(0)

    out = _PLACEHOLDER.sub(fill, pattern)
    return None if missing else out


def _key_line(post: Post, key: str) -> int:
    fm = post.front_matter
    if fm is not None and key in fm.keys:
        return fm.keys[key].line
    return fm.start_line if fm is not None else 1


def _string_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _jekyll_like(post: Post, root: SiteRoot, rel: list[str]) -> list[Claim]:
    meta = post.meta
    stem, ext = os.path.splitext(rel[-1])
    m = _DATE_NAME.match(stem)
    name_date = (m.group(1), f"{int(m.group(2)):02d}", f"{int(m.group(3)):02d}") if m else None
    name_slug = m.group(4) if m else stem
    slug = meta.get("slug") if isinstance(meta.get("slug"), str) else name_slug
    date = _date_parts(post, name_date)
    folders = rel[: rel.index("_posts")] if "_posts" in rel else []
    if root.generator == "hexo":
        folders = []
    categories = [c.lower() for c in folders + _categories(post)]
    values = {"title": slug, "slug": slug, "name": stem, "output_ext": ".html"}
    values["categories"] = "/".join(categories)
    if date:
        y, mo, d = date
        values.update(
            year=y, month=mo, day=d, i_month=str(int(mo)), i_day=str(int(d)), short_year=y[2:]
        )
        values["y_day"] = (
            f"{dt.date(int(y), int(mo), int(d)).timetuple().tm_yday:03d}"
            if _valid(y, mo, d)
            else ""
        )
    claims: list[Claim] = []
    permalink = meta.get("permalink")
    if isinstance(permalink, str) and permalink.strip():
        url = _expand(permalink, values)
        if url is not None:
            claims.append(Claim(_normalise(url), _key_line(post, "permalink"), "permalink"))
    else:
        if root.generator == "hexo":
            pattern = root.permalink or ":year/:month/:day/:title/"
        else:
            site = root.permalink or "date"
            pattern = _JEKYLL_STYLES.get(site, site)
        url = _expand(pattern, values) if date or ":year" not in pattern else None
        if url is not None:
            claims.append(
                Claim(
                    _normalise(url), _key_line(post, "slug") if "slug" in meta else 1, "file name"
                )
            )
    for alias in _string_list(meta.get("redirect_from")):
        claims.append(Claim(_normalise(alias), _key_line(post, "redirect_from"), "redirect_from"))
    return claims


def _valid(y: str, mo: str, d: str) -> bool:
    try:
        dt.date(int(y), int(mo), int(d))
    except ValueError:
        return False
    return True


def _hugo_like(post: Post, root: SiteRoot, rel: list[str]) -> list[Claim]:
    meta = post.meta
    fm = post.front_matter
    zola = fm is not None and fm.format == "toml" and not root.permalinks
    claims: list[Claim] = []
    stem, _ = os.path.splitext(rel[-1])
    folders = rel[:-1]
    if stem == "_index":
        section_url = "/" + "/".join(folders) + "/" if folders else "/"
        explicit = meta.get("url")
        if isinstance(explicit, str) and explicit.strip():
            return [Claim(_normalise(explicit), _key_line(post, "url"), "url")]
        return [Claim(_normalise(section_url), 1, "section")]
    if stem == "index" and folders:
        stem, folders = folders[-1], folders[:-1]
    key = "path" if zola else "url"
    explicit = meta.get(key)
    if isinstance(explicit, str) and explicit.strip():
        claims.append(Claim(_normalise(explicit), _key_line(post, key), key))
    else:
        slug = (
            meta.get("slug") if isinstance(meta.get("slug"), str) and meta["slug"].strip() else None
        )
        section = folders[0] if folders else ""
        pattern = dict(root.permalinks).get(section)
        if pattern:
            date = _date_parts(post, None)
            values = {
                "slugorfilename": slug or stem,
                "slugorcontentbasename": slug or stem,
                "slug": slug or stem,
                "filename": stem,
                "contentbasename": stem,
                "section": section,
                "sections": "/".join(folders),
            }
            title = meta.get("title")
            if isinstance(title, str):
                values["title"] = re.sub(r"[^\w]+", "-", title.strip().lower()).strip("-")
            if date:
                values.update(year=date[0], month=date[1], day=date[2])
            url = _expand(pattern, values)
            if url is not None:
                line = _key_line(post, "slug") if slug else 1
                claims.append(Claim(_normalise(url), line, "permalinks"))
        else:
            path = "/".join([*folders, slug or stem]) + "/"
            line = _key_line(post, "slug") if slug else 1
            claims.append(Claim(_normalise(path), line, "slug" if slug else "file name"))
    for alias in _string_list(meta.get("aliases")):
        claims.append(Claim(_normalise(alias), _key_line(post, "aliases"), "aliases"))
    return claims


def _eleventy(post: Post, rel: list[str]) -> list[Claim]:
    permalink = post.meta.get("permalink")
    if permalink is False:
        return []
    if isinstance(permalink, str) and permalink.strip():
        if "{{" in permalink or "{%" in permalink:
            return []  # a template: rendered by Eleventy, not modelled
        return [Claim(_normalise(permalink), _key_line(post, "permalink"), "permalink")]
    stem, _ = os.path.splitext(rel[-1])
    parts = rel[:-1] if stem == "index" else [*rel[:-1], stem]
    return [Claim(_normalise("/".join(parts) + "/"), 1, "file name")]


def claims_for(post: Post, abs_path: str) -> list[Claim]:
    """The URLs ``post`` (read from ``abs_path``) claims; [] when unknown."""
    meta = post.meta
    if meta.get("draft") is True or meta.get("published") is False:
        return []
    root = site_root(os.path.dirname(abs_path))
    if root is None:
        return []
    rel = os.path.relpath(abs_path, root.root).split(os.sep)
    claims: list[Claim] = []
    if root.generator in ("jekyll", "hexo"):
        if "_posts" in rel:
            claims = _jekyll_like(post, root, rel)
    elif root.generator == "hugo":
        claims = _hugo_like(post, root, rel[1:] if rel and rel[0] == "content" else rel)
    elif root.generator == "eleventy":
        claims = _eleventy(post, rel)
    explicit = {"permalink", "url", "path", "aliases", "redirect_from"}
    return [
        Claim(c.url, c.line, c.how, root.root)
        for c in claims
        if root.configured or c.how in explicit
    ]
