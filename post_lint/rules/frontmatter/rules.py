"""FM: the front matter, which decides whether, where and under what title a
post is published.

Every rule reads the front matter that :mod:`post_lint.post` parsed once (with
a safe loader, bounded alias expansion and depth); none re-parses it. Each
diagnostic points at the offending key or value, not at line 1.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ...diagnostics import Diagnostic
from ...errors import ConfigError
from ...globs import path_segments
from ...lazyre import lazy
from ...pages import PageKind, page_kind
from ...post import Post
from ...text import shorten
from ..base import Options, Rule, at_least, family, non_blank_strings, rule
from .dates import ELEVENTY_DATES, WrittenDate, date_problem, filename_date, parse_written_date
from .keys import continues_text, looks_like_prose, suggest_key
from .quick import quick_valid
from .schema import json_ready, schema_message, schemas_for
from .values import Locator, find_key, key_range, value_range

#: Most FM003 diagnostics reported for one post (a hostile list of 100,000
#: bad items must not flood the output); the rest are summed up in one line.
MAX_SCHEMA_DIAGNOSTICS = 100
#: Most schema errors read from the validator for one post and schema.
MAX_SCHEMA_ERRORS_READ = 1000


# --------------------------------------------------------------------------
# FM001 missing-front-matter
# --------------------------------------------------------------------------

#: Names that are documentation, not posts, wherever they stand.
_NOT_POSTS = lazy(
    r"(?i)(?:readme|changelog|changes|history|license|licence|contributing|"
    r"code_of_conduct|security|authors|todo|_index)(?:\.[a-z0-9]+)*"
)
#: A name in capitals (``SUMMARY.md``, ``DEPRECATED.md``, ``NOTICE.md``):
#: repository documentation by convention, not a post.
_CAPITALS_NAME = lazy(r"[A-Z][A-Z0-9_-]*[A-Z0-9](?:\.[A-Za-z0-9]+)+")
#: An MDX file that keeps its metadata in ESM (``export const meta = {...}``,
#: Next.js and Nextra) instead of front matter.
_MDX_ESM = lazy(r"\A\s*(?:import|export)\s")

#: What-is-a-post options: FM001 declares them, FM003 and FM007 inherit them.
#: Which files are posts and which are not (FM001 documents them; FM003 and
#: FM007 read the same, from FM001's table unless their own sets them):
#: declared once for the family, ``[rules.FM]`` sets them for all three.
FAMILY = family(
    "FM",
    "front matter",
    options={"posts": [], "not_posts": []},
    validate={"posts": non_blank_strings, "not_posts": non_blank_strings},
)
_INHERIT_PAGES = {"posts": "FM001", "not_posts": "FM001"}


def _page(post: Post, options: Options) -> PageKind:
    posts = tuple(options.get("posts") or ())
    not_posts = tuple(options.get("not_posts") or ())
    return post.memo(
        ("page_kind", posts, not_posts), lambda: page_kind(post.path, post.meta, posts, not_posts)
    )


def _in_posts_folder(path: str, posts_dirs: Iterable[str]) -> bool:
    parts = path_segments(path)
    if len(parts) < 2:
        return False
    folders = parts[:-1]
    for entry in posts_dirs:
        direct = entry.rstrip("/").endswith("/*")
        want = path_segments(entry.rstrip("/").removesuffix("/*"))
        if not want:
            continue
        n = len(want)
        last_start = len(folders) - n
        starts = [last_start] if direct else range(last_start + 1)
        if any(folders[i : i + n] == want for i in starts if i >= 0):
            return True
    return False


@rule(
    "FM001",
    "missing-front-matter",
    "a post in a posts folder has no front matter",
    options={
        "posts_dirs": ["_posts", "_drafts", "content", "src/content", "posts", "articles/*"],
    },
    family=FAMILY,
    validate={"posts_dirs": non_blank_strings},
    severity="error",
)
def missing_front_matter(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a Markdown file in a posts folder that has no front matter:
    no ``---`` (YAML), ``+++`` (TOML) or JSON object on line 1.

    A file counts as a post when one of its folders is named in
    ``posts-dirs`` (matched on whole path segments, at any depth, so
    ``site/_posts/2024/x.md`` is in ``_posts``). Other Markdown files (a
    README, docs) are not posts and stay silent, as do ``README``,
    ``CHANGELOG``, ``LICENSE`` and the like inside posts folders, names in
    capitals (``SUMMARY.md``, ``DEPRECATED.md``), MDX files that export
    their metadata (``export const meta = {...}``), and every file that is
    not a post (:mod:`post_lint.pages`): include partials and layouts
    (Jekyll and Eleventy ``_includes``, Hugo ``layouts``/``_common``/
    ``partials``, Astro ``src/components``...), files named ``_*.md``,
    Hugo headless bundles and pages a ``cascade`` keeps from rendering, Hugo
    ``_index.md`` section pages (for which Hugo does not need front matter)
    and home pages.

    **Why:** Jekyll copies a file in ``_posts`` that lacks front matter
    verbatim instead of publishing it as a post; Hugo and Zenn publish a
    page with no title or date. A front matter that starts on line 3 (after a
    blank line, say) is not front matter at all.

    **Example:** ``_posts/2024-01-31-hello.md`` starting with ``# Hello``
    reports ``_posts/2024-01-31-hello.md:1:1: FM001 post has no front
    matter: ...``.

    **Options:**

    - ``posts-dirs`` (list of folder paths; default ``["_posts", "_drafts",
      "content", "src/content", "posts", "articles/*"]``): a file is a post
      when the folders above it contain an entry's segments in a row, at any
      depth (``src/content`` matches ``site/src/content/blog/a.md``; it is
      listed for Astro, though ``content`` already covers it). An entry
      ending in ``/*`` counts only files directly inside that folder: Zenn's
      ``articles/<slug>/``.
    - ``posts`` (list of globs, default empty): files that are posts whatever
      their folder or front matter says (``"src/components/blog/**"``).
    - ``not-posts`` (list of globs, default empty): more files that are not
      posts (``"content/snippets/**"``), on top of the built-in rules of
      :mod:`post_lint.pages` (``post-lint --explain FM001`` lists them above).
      FM003 and FM007 take ``posts`` and ``not-posts`` from this table unless
      their own set them, so one list decides for all three.
    """
    fm = post.front_matter
    if fm is not None or post.read_error is not None or post.refused_size is not None:
        return
    if not post.path or post.path == "-":
        return
    parts = path_segments(post.path)
    if not parts or _NOT_POSTS.fullmatch(parts[-1]) or _CAPITALS_NAME.fullmatch(parts[-1]):
        return
    if not _in_posts_folder(post.path, options["posts_dirs"]):
        return
    if parts[-1].lower().endswith(".mdx") and _MDX_ESM.match(post.text):
        return
    if not _page(post, options).is_post:
        return
    index = post.lines
    late = None
    for n in range(1, min(index.line_count, 12) + 1):
        line = index.line(n)
        if line.strip() in ("---", "+++"):
            late = (n, line.strip())
            break
        if line.strip():
            break
    if late is not None and late[0] > 1:
        n, mark = late
        yield Diagnostic(
            "FM001",
            n,
            1,
            f"front matter must start on line 1, but its '{mark}' is on line {n}; "
            "remove what comes before it",
            n,
            len(mark) + 1,
        )
        return
    if not post.text.strip():
        message = "post is empty: it has no front matter (and no text)"
    else:
        message = (
            "post has no front matter: Jekyll and Hugo expect '---' (YAML) or '+++' (TOML) "
            "on line 1, with at least a title"
        )
    yield Diagnostic("FM001", 1, 1, message)


# --------------------------------------------------------------------------
# FM002 front-matter-syntax
# --------------------------------------------------------------------------


@rule(
    "FM002",
    "front-matter-syntax",
    "the front matter does not parse",
    severity="error",
)
def front_matter_syntax(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports front matter that does not parse as YAML, TOML or JSON, or
    that is not a mapping of keys to values, at the broken line, with the
    parser's message in plain words. The broken line is where the cause
    is, not where the parser gave up: a quote, ``[`` or ``{`` that is never
    closed is reported where it opens (the parser only notices at the
    closing ``---`` or the next key), and a line that is not ``key: value``
    (an unindented continuation of a value, in any language) at that line,
    not the one after it. Also reported: an
    opening ``---``/``+++`` that is never closed, a YAML tag that would run
    code (``!!python/object``: it is refused, never executed), aliases that
    expand past 100,000 values (a "billion laughs" bomb), nesting deeper than
    100 levels, and front matter over 256 KiB.

    When the front matter is closed but does not parse, the body rules
    still run on the body after it; an opening delimiter that is never
    closed makes the whole file front matter, as far as they are concerned.

    **Why:** Jekyll and Hugo either fail the build or, worse, publish the
    post with no metadata at all: no title, no date, no draft flag. The most
    common cause is an unquoted value containing ``: ``.

    **Example:** ``title: Vim: a love story`` reports
    ``post.md:2:11: FM002 invalid YAML: mapping values are not allowed in
    this context (a value contains ': '; quote the whole value)``.

    **Options:** none.
    """
    fm = post.front_matter
    if fm is None or fm.error is None:
        return
    err = fm.error
    message = err.message
    if "could not determine a constructor for the tag" in message:
        message += " (only plain YAML is read: a tag like !!python/object would run code)"
    elif fm.format == "yaml" and "tab" not in message:
        blamed = post.lines.line(err.line)
        if "\t" in blamed[: len(blamed) - len(blamed.lstrip(" \t"))]:
            message += " (line starts with a tab: YAML forbids tabs for indentation)"
    elif fm.format == "toml" and "Illegal character '\\n'" in message:
        message += " (a quoted string is not closed on its line?)"
    yield Diagnostic("FM002", max(err.line, 1), max(err.column, 1), message)


def _requires_title(error: Any) -> bool:
    return error.validator == "required" and "'title'" in error.message


#: A lone plain scalar (optionally a block list item) that YAML 1.1 reads as a boolean.
_YAML11_BOOL = lazy(r"[ \t]*(?:-[ \t]+)?(y|yes|n|no|on|off|true|false)[ \t]*(?:#.*)?", re.I)


@rule(
    "FM003",
    "schema-violation",
    "the front matter does not match the schema",
    options={"schema": "", "schemas": {}, "extend_builtin": False},
    family=FAMILY,
    severity="error",
    path_options=("schema", "schemas"),
    inherits=_INHERIT_PAGES,
)
def schema_violation(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Validates the front matter against a JSON Schema and reports every
    violation (not only the first) at the offending key or value.

    The built-in schema (``post_lint/schemas/post.schema.json``) is strict
    where a mistake changes what gets published and lenient where real
    generators differ:

    - ``title`` is required and must be a non-empty string. A number
      (``title: 2024``) is accepted: Jekyll and Hugo print it as text.
    - ``tags``, ``categories``, ``keywords``, ``topics``, ``aliases``... are a
      string or a list of strings (numbers such as ``2024`` or ``3.0`` are
      accepted as terms); empty (``tags:``) is accepted.
    - ``draft``, ``published``, ``hidden``, ``headless`` are booleans:
      ``published: "false"`` is a string, and Jekyll publishes the post.
      (``toc`` and ``comments`` may also be a mapping, as some Hugo themes
      want.) A title or tag that YAML reads as a boolean (``title: No``,
      ``tags: [yes]``) is reported with a hint to quote it.
    - ``reading_time`` and its aliases (``readingTime``, ``read_time``,
      ``readtime``...) are a positive number or a string such as ``"8 min"``.
    - Zenn articles (front matter with ``emoji`` and ``topics``): ``type`` is
      ``tech`` or ``idea``, at most five ``topics``, ``published`` a boolean.

    Dates are converted to ISO strings before validation and are left to
    FM004. Keys the schema does not know are left to FM005 (a top-level
    ``additionalProperties`` failure is not repeated here).

    **Why:** front-matter mistakes fail silently: Jekyll and Hugo publish a
    post with a wrong flag or a missing title without a word.

    **Example:** ``draft: "no"`` on line 4 reports ``post.md:4:8: FM003
    'draft' is the string 'no'; expected true or false``.

    **Options:**

    - ``schema`` (path, default ``""``: the built-in schema): a JSON (or
      YAML) Schema file, resolved relative to the config file. It replaces
      the built-in schema.
    - ``schemas`` (table of glob = path, default empty): a schema per path,
      first matching glob wins, e.g. ``"_posts/**" = "schemas/post.json"``
      and ``"content/docs/**" = "schemas/doc.json"``. Globs are matched
      against the path and each of its trailing parts, so ``_posts/**`` also
      matches ``site/_posts/2024-01-31-a.md``. Files no glob matches use
      ``schema`` (or the built-in one).
    - ``extend-builtin`` (default false): apply the built-in schema as well as
      yours, so your schema only adds rules (for example ``required:
      ["tags"]``).

    FM005 (unknown-key) uses these three options too, unless its own table
    sets them: one schema checks values and unknown keys alike.

    - ``posts``, ``not-posts``: as for FM001, and taken from FM001's table
      unless set here.

    **Files that are not posts** (:mod:`post_lint.pages`, listed under
    FM001) are not checked: an include partial, a Hugo headless bundle or a
    page a ``cascade`` keeps from rendering has no title to give. Section
    ``_index.md`` pages and home pages are checked, except that they need no
    title (Hugo titles a section after its folder; a home page's theme
    shows the site's name).

    A schema file that is missing, unreadable or not a valid JSON Schema
    stops the run with a configuration error (exit status 2). ``$ref`` may
    point inside the schema file (``#/$defs/...``) but not to other files.
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or fm.data is None:
        return
    kind = _page(post, options)
    if not kind.published:
        return
    schemas, _user_chosen = schemas_for(post, options)
    data = json_ready(fm.data)
    found: dict[tuple[Any, ...], Diagnostic] = {}
    locate = Locator(post, fm)
    capped = False
    for schema in schemas:
        if schema.quick is not None and quick_valid(schema.quick, data) is True:
            continue
        try:
            errors = list(islice(schema.validator.iter_errors(data), MAX_SCHEMA_ERRORS_READ))
        except Exception as exc:  # an unresolvable $ref, a broken format checker
            if type(exc).__module__.startswith(("referencing", "jsonschema")):
                raise ConfigError(f"{schema.label}: {exc}") from None
            raise
        capped = capped or len(errors) >= MAX_SCHEMA_ERRORS_READ
        for error in errors:
            path = list(error.absolute_path)
            if error.validator == "additionalProperties" and not path:
                continue  # FM005 reports unknown top-level keys
            if kind.kind == "list" and not path and _requires_title(error):
                continue  # a section or home page needs no title
            message = schema_message(error, fm.data)
            line, col, end_line, end_col = locate(path)
            if error.validator == "type" and isinstance(error.instance, bool):
                written = post.lines.line(line)[col - 1 : end_col - 1 if end_line == line else None]
                word = _YAML11_BOOL.fullmatch(written)
                if word and word.group(1).lower() not in ("true", "false"):
                    message += f" (YAML reads {word.group(1)!r} as a boolean: quote it)"
            key = (line, col, message)
            if key not in found:
                found[key] = Diagnostic("FM003", line, col, message, end_line, end_col)
    ordered = sorted(found.values(), key=lambda d: (d.line, d.column, d.message))
    yield from ordered[:MAX_SCHEMA_DIAGNOSTICS]
    if len(ordered) > MAX_SCHEMA_DIAGNOSTICS:
        last = ordered[MAX_SCHEMA_DIAGNOSTICS]
        more = len(ordered) - MAX_SCHEMA_DIAGNOSTICS
        yield Diagnostic(
            "FM003",
            last.line,
            last.column,
            f"... and {more}{'+' if capped else ''} more schema violations (not listed)",
        )


def _normalized_key(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


_JEKYLL_FOLDERS = {"_posts", "_drafts"}


@rule(
    "FM004",
    "invalid-date",
    "a date in the front matter is not a real date",
    options={
        "date_keys": [
            "date",
            "lastmod",
            "last_modified_at",
            "last_modified",
            "modified",
            "updated",
            "updated_at",
            "updatedDate",
            "publishDate",
            "published_at",
            "pubDate",
            "expiryDate",
            "created",
            "created_at",
        ],
        "extend_date_keys": [],
    },
    severity="error",
    validate={"date_keys": non_blank_strings, "extend_date_keys": non_blank_strings},
)
def invalid_date(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a date key (``date``, ``lastmod``, ``updated``,
    ``expiryDate``...) whose value is not a real date, at the value.

    Accepted, as Jekyll and Hugo accept them: ``2025-09-24``,
    ``2025-09-24 08:50:55 +0000`` (which YAML leaves as a string),
    ``2025-09-24T08:50:55+09:00``, ``...Z``, fractional seconds, one-digit
    hours (``5:00:00``), hours and minutes only (Zenn's ``2050-06-12
    09:03``), ``2024/01/31``, ``January 31, 2024``, RFC 1123 (``Wed, 31 Jan
    2024 15:04:05 -0700``), Go's ``-0700 MST`` form, and Eleventy's ``Last
    Modified``/``Created``/``git Last Modified``/``git Created``. Reported:
    impossible dates (``2023-13-45``, ``2023-02-30``, hour 25), words
    (``yesterday``), numbers (``date: 2024``), booleans, lists and mappings.
    An empty value (``lastmod:``) means "not set" and is accepted, except an
    empty ``date`` in ``_posts``/``_drafts``: Jekyll stops the build on it.

    Keys are matched without regard to case, ``_`` or ``-`` (Hugo reads
    ``expiryDate`` and ``expirydate`` alike).

    **Why:** Jekyll stops the build on a date it cannot parse; Hugo stops or
    silently dates the post 0001-01-01, which sorts it last and may hide it.

    **Example:** ``date: 2023-13-45`` on line 3 reports ``post.md:3:7: FM004
    'date' is '2023-13-45', which is not a real date: there is no month 13``.

    **Options:**

    - ``date-keys`` (list of key names): the keys holding dates; the default
      covers Jekyll, Hugo, Astro, Eleventy and Zenn (``date``, ``lastmod``,
      ``last_modified_at``, ``last_modified``, ``modified``, ``updated``,
      ``updated_at``, ``updatedDate``, ``publishDate``, ``published_at``,
      ``pubDate``, ``expiryDate``, ``created``, ``created_at``).
    - ``extend-date-keys`` (list, default empty): more keys, on top of
      ``date-keys``.
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    wanted = {_normalized_key(k) for k in [*options["date_keys"], *options["extend_date_keys"]]}
    jekyll = bool(_JEKYLL_FOLDERS.intersection(path_segments(post.path)[:-1]))
    for key, value in fm.data.items():
        if not isinstance(key, str) or _normalized_key(key) not in wanted:
            continue
        info = fm.keys.get(key)
        if info is None:
            continue
        problem = date_problem(key, value, jekyll)
        if problem is None:
            continue
        line, col, end_line, end_col = value_range(info)
        if value is None:
            line, col, end_line, end_col = key_range(post, key, info)
        yield Diagnostic("FM004", line, col, problem, end_line, end_col)


def _year_off(day: dt.date, file_day: dt.date) -> bool:
    """Whether ``day`` is ``file_day`` (within a day, for time zones) in
    another year."""
    if day.year == file_day.year:
        return False
    try:
        moved = file_day.replace(year=day.year)
    except ValueError:  # 29 February
        moved = file_day.replace(year=day.year, day=28)
    return abs((day - moved).days) <= 1


@rule(
    "FM007",
    "filename-date-mismatch",
    "the date in the file name and the front-matter date differ",
    options={"tolerance_days": 92},
    family=FAMILY,
    validate={"tolerance_days": at_least(0)},
    inherits=_INHERIT_PAGES,
)
def filename_date_mismatch(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a ``YYYY-MM-DD-slug.md`` post (or a Hugo bundle
    ``YYYY-MM-DD-slug/index.md``) whose front-matter ``date`` is plainly not
    the day the file name was meant to carry: a year off (the same day in
    another year, the classic January typo), or more than ``tolerance-days``
    (92 by default, about three months) away, such as a date copied with a
    template or an older post and never updated.

    **Default, and why:** a post is often named when it is drafted and
    dated when it is published, days or weeks later (or a little earlier
    than planned). That drift breaks nothing: Jekyll builds the post's URL,
    its place in the feed and its "published on" line from the front-matter
    date whenever one is given (the file name's date is only the fallback,
    and ``{% post_url %}`` finds the post by file name either way), and Hugo
    reads the file name's date only when told to (``[frontmatter] date =
    [":filename", ...]``), in which case the front matter still wins. So
    differences within ``tolerance-days`` are not reported; set it to 0 to
    report every mismatch (the day the URL shows then differs from the
    file's name).

    The day is compared as written, in the date's own offset:
    ``2024-01-31T23:30:00-05:00`` is 31 January even though it is already
    1 February in UTC. A date without an offset is taken as written too. A
    date that is not a date is FM004's business and is skipped here, as are
    files that are not posts (FM001 lists them).

    **Why:** a date a year off or months away from the file name is a
    mistake the reader sees: the post sorts into the wrong year of the
    archive and its URL and "published on" line carry the wrong date.

    **Example:** ``_posts/2024-01-05-hello.md`` with ``date: 2023-01-05``
    reports ``_posts/2024-01-05-hello.md:3:7: FM007 'date' is 2023-01-05
    but the file name says 2024-01-05 (the same day a year apart: a typo in
    the year?)``.

    **Options:**

    - ``tolerance-days`` (default 92): accept a difference of up to this many
      days. 0 reports every mismatch; 1 allows only for a file named by local
      date and a date written in UTC. A year typo is reported whatever the
      tolerance.
    - ``posts``, ``not-posts``: as for FM001, and taken from FM001's table
      unless set here.
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    named = filename_date(post.path)
    if named is None or not _page(post, options).is_post:
        return
    key = find_key(fm, "date")
    if key is None:
        return
    value = fm.data[key]
    has_offset = False
    if isinstance(value, dt.datetime):
        day = value.date()
        has_offset = value.tzinfo is not None
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        parsed = parse_written_date(value)
        if not isinstance(parsed, WrittenDate) or value.strip() in ELEVENTY_DATES:
            return
        day = parsed.day
        has_offset = parsed.has_offset
    else:
        return
    file_day, file_text = named
    year_off = _year_off(day, file_day)
    if abs((day - file_day).days) <= options["tolerance_days"] and not year_off:
        return
    info = fm.keys.get(key)
    if info is None:
        return
    line, col, end_line, end_col = value_range(info)
    written = post.lines.line(line)[col - 1 : end_col - 1] if end_line == line else ""
    shown = written.strip().strip("'\"") or (
        value.strip() if isinstance(value, str) else value.isoformat()
    )
    note = " (compared in the date's own offset)" if has_offset else ""
    if year_off:
        years = abs(day.year - file_day.year)
        apart = "a year" if years == 1 else f"{years} years"
        note = f" (the same day {apart} apart: a typo in the year?)"
    yield Diagnostic(
        "FM007",
        line,
        col,
        f"'{key}' is {shorten(shown)} but the file name says {file_text}{note}",
        end_line,
        end_col,
    )


@rule(
    "FM005",
    "unknown-key",
    "a front-matter key the schema does not know",
    options={
        "schema": "",
        "schemas": {},
        "extend_builtin": False,
        "strict": False,
        "allowed_keys": [],
        "ignore_case": False,
    },
    path_options=("schema", "schemas"),
    validate={"allowed_keys": non_blank_strings},
    inherits={"schema": "FM003", "schemas": "FM003", "extend_builtin": "FM003"},
)
def unknown_key(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports top-level front-matter keys the schema does not know, with a
    "did you mean" for near misses (``tittle``, ``tgas``, ``catagories``).

    What counts as unknown depends on what the rule knows about the site:

    - **Default (no schema of your own):** the built-in schema cannot know a
      site's custom keys (``juliasections``, ``twitterImage``...), so only two
      kinds of key are reported, both nearly always mistakes: a misspelling
      of a key whose value the built-in schema checks (``title``, ``date``,
      ``tags``, ``draft``...: one letter inserted, dropped or swapped, or one
      wrong letter inside a long word; ``height`` is not taken for
      ``weight``, nor ``publisher`` for ``published``), and a key that is
      really a line of text: HTML (``<p>``), sentence punctuation, four or
      more words or over 60 characters. The second catches the unindented
      second paragraph of a multi-line ``excerpt:`` that YAML turned into a
      top-level key named ``<p>In the movies, ...``; the excerpt silently
      lost that paragraph. A short key is text too when it follows a text
      value on the next line, has an unquoted text value and reads as
      text going on: ``Note: and what we learned...`` (a value going on in
      lower case, or a key that opens an aside: ``Note``, ``Update``,
      ``PS``, ``追記``, ``補足``, ``补充``, ``注意``...), or, in Chinese and
      Japanese, a CJK key after a sentence left unfinished.
    - **With a schema** (``schema``/``schemas`` set here) **or**
      ``strict = true``: every key not declared by the schema's
      ``properties`` or ``patternProperties`` (followed through ``allOf``,
      ``anyOf``, ``oneOf``, ``then``, ``else`` and local ``$ref``) and not in
      ``allowed-keys``.

    In the default mode keys with colons (``cSpell:ignore``) and other
    custom keys stay quiet. Keys of nested mappings (``image.feature``) are
    never reported here; a schema's nested ``additionalProperties`` is FM003's.

    **Why:** a misspelt key is ignored without a word (``tittle:`` leaves the
    post untitled), and a paragraph that became a key is text lost from the
    page.

    **Example:** ``tittle: Hello`` reports ``post.md:2:1: FM005 unknown key
    'tittle' (did you mean 'title'?)``.

    **Options:**

    - ``schema``, ``schemas``, ``extend-builtin``: as for FM003, and taken
      from FM003's table (``[rules.schema-violation]``) unless set here, so
      one schema drives both rules.
    - ``strict`` (default false): report every key the schema does not
      declare, even with the built-in schema.
    - ``allowed-keys`` (list, default empty): keys to accept in any mode.
    - ``ignore-case`` (default false): accept a key that differs from a known
      one only in case (Hugo reads keys case-insensitively).
    """
    fm = post.front_matter
    if fm is None or fm.error is not None or not fm.data:
        return
    schemas, user_chosen = schemas_for(post, options)
    strict = bool(options["strict"]) or user_chosen
    allowed = set(options["allowed_keys"])
    ignore_case = bool(options["ignore_case"])
    known = frozenset(allowed).union(*(schema.known for schema in schemas))
    targets = known if strict else frozenset().union(*(s.constrained for s in schemas))
    ordered = sorted(fm.keys.items(), key=lambda item: (item[1].line, item[1].column))
    for index, (key, info) in enumerate(ordered):
        if key in allowed:
            continue
        if any(s.knows(key, ignore_case) for s in schemas):
            continue
        if not strict and any(s.knows(key, True) for s in schemas):
            continue  # Title, Tags: a matter of case, left to strict mode
        line, col, end_line, end_col = key_range(post, key, info)
        previous = next(
            (
                item
                for item in reversed(ordered[max(0, index - 50) : index])
                if item[1].line < info.line
            ),
            None,
        )
        after_text = (
            previous is not None
            and info.value_style == ""
            and previous[1].value_end_line + 1 >= info.line
            and continues_text(key, fm.data.get(key), fm.data.get(previous[0]))
        )
        if looks_like_prose(key) or after_text:
            hint = ""
            if previous is not None:
                prev_key, prev_info = previous
                hint = (
                    f"; is it a continuation of '{shorten(prev_key, 30)}' (line {prev_info.line})"
                    " that lost its indentation? Indent it or quote the value"
                )
            yield Diagnostic(
                "FM005",
                line,
                col,
                f"key {shorten(key)!r} looks like text, not a key{hint}",
                end_line,
                end_col,
            )
            continue
        suggestion = suggest_key(key, targets)
        if not strict and suggestion is None:
            continue
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        where = schemas[-1].label
        yield Diagnostic(
            "FM005",
            line,
            col,
            f"unknown key {shorten(key)!r}{hint}"
            + ("" if suggestion else f": {where} does not declare it"),
            end_line,
            end_col,
        )


# --------------------------------------------------------------------------
# FM006 duplicate-key
# --------------------------------------------------------------------------


@rule("FM006", "duplicate-key", "a front-matter key appears twice", severity="error")
def duplicate_key(post: Post, options: Options) -> Iterator[Diagnostic]:
    """Reports a top-level front-matter key given more than once, at the
    later occurrence, naming the line of the first.

    **Why:** common YAML loaders (Jekyll's Psych, PyYAML) keep the last
    value without a word, so the first is lost (stricter ones, like Go's
    yaml.v3, refuse the whole file instead): a real post lost its
    ``categories`` this way when a second, empty ``categories:`` was added
    further down. (A repeated key in TOML does not parse at all: FM002.)

    **Example:** ``categories: [go]`` on line 4 and ``categories:`` on line 9
    report ``post.md:9:1: FM006 key 'categories' is repeated (first on line
    4); only this later value is used``.

    **Options:** none.
    """
    fm = post.front_matter
    if fm is None:
        return
    for key, first, later in fm.duplicate_keys:
        line, col, end_line, end_col = key_range(post, key, later)
        yield Diagnostic(
            "FM006",
            line,
            col,
            f"key {shorten(key)!r} is repeated (first on line {first.line}); "
            "only this later value is used",
            end_line,
            end_col,
        )


RULES: tuple[Rule, ...] = (
    missing_front_matter,
    front_matter_syntax,
    schema_violation,
    invalid_date,
    unknown_key,
    duplicate_key,
    filename_date_mismatch,
)
