"""post-lint: a linter for Markdown blog posts with front matter.

Python API::

    import post_lint
    for d in post_lint.lint_text(open("post.md").read(), path="post.md"):
        print(d.line, d.code, d.message)

    post_lint.lint_paths(["_posts/"], config={"ignore": ["DUP002"]})
"""

from __future__ import annotations

from .config import Config
from .diagnostics import Diagnostic, Edit, Fix
from .errors import ConfigError, PostLintError
from .linter import lint_text
from .post import Post
from .version import __version__

#: Where the project lives (the README's snippets name it too); SARIF logs
#: point here (``informationUri``) and at each rule's page (``helpUri``).
__url__ = "https://example.invalid/post-lint"


def rule_help_uri(code: str) -> str:
    """The documentation page of one rule (``docs/rules/CODE.md``)."""
    return f"{__url__}/blob/main/docs/rules/{code}.md"


def lint_paths(paths, config=None, *, jobs=1):
    """Lint files and folders (walked for Markdown) and return all diagnostics;
    folders are also compared as sites (see :func:`post_lint.site.runner.lint_paths`).
    Imported on first use, so ``import post_lint`` stays cheap."""
    from .site.runner import lint_paths as run

    return run(paths, config, jobs=jobs)


__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "Edit",
    "Fix",
    "Post",
    "PostLintError",
    "lint_paths",
    "lint_text",
    "__version__",
    "__url__",
    "rule_help_uri",
]
