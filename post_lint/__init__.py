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
from .linter import lint_paths, lint_text
from .post import Post

__version__ = "0.1.0"
#: Where the project lives (the README's snippets name it too); SARIF logs
#: point here (``informationUri``) and at each rule's page (``helpUri``).
__url__ = "https://example.invalid/post-lint"


def rule_help_uri(code: str) -> str:
    """The documentation page of one rule (``docs/rules/CODE.md``)."""
    return f"{__url__}/blob/main/docs/rules/{code}.md"


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
