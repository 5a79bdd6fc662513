"""Site-wide checks: what no single-file rule can see.

A site is the set of posts linted together (a folder), plus the posts of the
same project that an earlier run recorded in the cache's site index (so a
pre-commit run given one changed file still compares it with the rest).

- :mod:`post_lint.site.entry` turns one parsed :class:`~post_lint.post.Post`
  into a :class:`SiteEntry`: its title, the URLs it claims, a MinHash
  signature of its prose and the digests of its long paragraphs. Entries are
  small, JSON-serialisable and cached per file content.
- :mod:`post_lint.site.urls` models where Jekyll, Hugo, Zola, Hexo and
  Eleventy publish a file.
- :mod:`post_lint.site.checks` compares the entries of a site (banded LSH for
  near-duplicate posts, hash maps for paragraphs, titles and URLs) and yields
  the SITE diagnostics, at both ends of each pair.
"""

from __future__ import annotations

from .checks import site_diagnostics
from .entry import SiteEntry, build_entry

__all__ = ["SiteEntry", "build_entry", "site_diagnostics"]
