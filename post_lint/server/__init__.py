"""``post-lint server``: a language server on stdin/stdout.

Editors start it as ``post-lint server`` (or ``python -m post_lint.server``)
and speak the Language Server Protocol to it: it publishes post-lint's
findings as diagnostics while you type, offers each finding's fix, a
"disable for this line / file" comment and ``source.fixAll.post-lint`` (the
safe fixes, the same text as ``post-lint --fix``) as code actions, and shows
a rule's documentation when you hover over its code in a
``<!-- post-lint-disable... -->`` comment. Settings come from the nearest
configuration file above each post, as for the command line.

pygls and lsprotocol are imported only here (in :mod:`.lsp` and
:mod:`.session`), so the command line does not pay for them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="post-lint server",
        description="Run the post-lint language server on stdin/stdout (LSP).",
        epilog="Set POST_LINT_LOG=INFO or DEBUG to log to stderr.",
    )
    parser.add_argument(
        "--stdio",
        action="store_true",
        help="talk over stdin/stdout (the default and only transport)",
    )
    parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        from .lsp import run
    except ImportError as exc:  # pragma: no cover - a broken install
        print(
            f"post-lint: error: the language server needs pygls and lsprotocol ({exc})",
            file=sys.stderr,
        )
        return 2
    return run()
