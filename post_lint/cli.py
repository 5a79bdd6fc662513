"""The ``post-lint`` command: arguments, discovery, output, exit status.

Exit status: 0 nothing reported, 1 something reported (or, with
``--exit-non-zero-on-fix``, something fixed), 2 post-lint could not do its job
(bad arguments, bad config, an internal error).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import PostLintError


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v for value in values for v in value.replace(" ", ",").split(",") if v]


def build_parser() -> argparse.ArgumentParser:
    from .output import FORMATS

    p = argparse.ArgumentParser(
        prog="post-lint",
        description="Lint Markdown blog posts with front matter: reading time, repeated "
        "and merged paragraphs, cut sentences, leaked generator markers, front-matter errors.",
        epilog="Exit status: 0 nothing reported, 1 something reported, 2 error. "
        "`post-lint server` starts the language server (stdio); lint a path named server as ./server.",
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="files or folders; '-' reads stdin (default: .)"
    )
    sel = p.add_argument_group("rule selection")
    sel.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these codes, prefixes or names (comma-separated)",
    )
    sel.add_argument(
        "--extend-select", action="append", metavar="CODES", help="add these to the selection"
    )
    sel.add_argument(
        "--ignore", action="append", metavar="CODES", help="drop these from the selection"
    )
    sel.add_argument(
        "--exclude",
        action="append",
        metavar="GLOB",
        help="skip paths matching GLOB while walking folders",
    )
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE", help="use this pyproject.toml or .post-lint.toml")
    cfg.add_argument("--isolated", action="store_true", help="ignore configuration files")
    cfg.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to report (and match settings against) for stdin",
    )
    out = p.add_argument_group("output")
    out.add_argument(
        "--output-format",
        choices=sorted(FORMATS),
        help="default: text (github inside GitHub Actions)",
    )
    out.add_argument(
        "--show-source",
        action="store_true",
        help="show the offending line under each finding (text format)",
    )
    out.add_argument(
        "--statistics", action="store_true", help="print a count per code instead of each finding"
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    out.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when something is reported"
    )
    fx = p.add_argument_group("fixing")
    fx.add_argument(
        "--fix", action="store_true", help="apply safe fixes (stdin: print the fixed text)"
    )
    fx.add_argument(
        "--unsafe-fixes", action="store_true", help="with --fix/--diff, also apply unsafe fixes"
    )
    fx.add_argument(
        "--diff", action="store_true", help="print a diff of what --fix would change; write nothing"
    )
    fx.add_argument(
        "--exit-non-zero-on-fix", action="store_true", help="exit 1 when a file was fixed"
    )
    run = p.add_argument_group("running")
    run.add_argument(
        "--jobs",
        "-j",
        type=int,
        metavar="N",
        help="worker processes (default: the cores, for many files)",
    )
    info = p.add_argument_group("information")
    info.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    info.add_argument("--explain", metavar="RULE", help="print a rule's documentation and exit")
    info.add_argument("--version", action="version", version=f"post-lint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["server"]:  # `post-lint server`: the language server (lint ./server instead)
        from .server import main as server_main

        return server_main(args[1:])
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        sys.stderr.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        pass
    try:
        return _main(args)
    except PostLintError as exc:
        print(f"post-lint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 1
    except Exception as exc:  # never a traceback for the user
        print(
            f"post-lint: internal error: {type(exc).__name__}: {exc} "
            "(please report this, with the input if you can)",
            file=sys.stderr,
        )
        if os.environ.get("POST_LINT_DEBUG"):
            raise
        return 2


def _list_rules() -> int:
    from .rules import REGISTRY

    for r in REGISTRY:
        flags = ("" if r.default_enabled else " (off by default)") + (" [fix]" if r.fixable else "")
        print(f"{r.code}  {r.name:<30} {r.summary}{flags}")
    return 0


def _explain(ident: str) -> int:
    from .rules import BY_CODE, BY_NAME

    r = BY_NAME.get(ident) or BY_CODE.get(ident.upper())
    if r is None:
        raise PostLintError(f"--explain: unknown rule '{ident}' (see --list-rules)")
    from .docs import explain

    sys.stdout.write(explain(r))
    return 0


def _load_config(args: argparse.Namespace):
    from .config import Config

    if args.isolated:
        config = Config()
    elif args.config:
        path = Path(args.config)
        if not path.is_file():
            raise PostLintError(f"--config: no such file: {args.config}")
        config = Config.from_file(path)
    else:
        config = Config.discover()
    return config.override(
        select=_split(args.select),
        extend_select=_split(args.extend_select) or [],
        ignore=_split(args.ignore) or [],
        exclude=_split(args.exclude) or [],
    )


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_rules:
        return _list_rules()
    if args.explain:
        return _explain(args.explain)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.unsafe_fixes and not (args.fix or args.diff):
        args.fix = True
    fmt = args.output_format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" and _has_format("github") else "text"
    )
    config = _load_config(args)
    paths = args.paths or ["."]
    if "-" in paths:
        if len(paths) > 1:
            parser.error("'-' (stdin) cannot be combined with other paths")
        return _run_stdin(args, config, fmt)
    if args.stdin_filename:
        parser.error("--stdin-filename needs '-' as the path")
    return _run_paths(args, config, fmt, paths)


def _has_format(name: str) -> bool:
    from .output import FORMATS

    return name in FORMATS


def _emit(
    args, fmt: str, diagnostics, sources: dict[str, str] | None, stream=None, paths=None
) -> None:
    from . import output

    stream = stream or sys.stdout
    if args.statistics:
        counts = Counter((d.code, d.name) for d in diagnostics)
        fixable = {d.code for d in diagnostics if d.fix is not None}
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "[*] " if code in fixable else ""
            stream.write(f"{n:>5}\t{code}\t{mark}{name}\n")
        return
    color = _want_color(stream)
    output.write(
        fmt,
        diagnostics,
        stream,
        output.OutputOptions(
            show_source=args.show_source, color=color, sources=sources, paths=paths
        ),
    )


def _want_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _summary(args, fmt: str, n_diag: int, n_files: int, fixed: int) -> None:
    if args.quiet or fmt != "text" or args.statistics:
        return
    parts = []
    if fixed:
        parts.append(f"fixed {fixed} problem{'s' * (fixed != 1)}")
    if n_diag:
        parts.append(
            f"found {n_diag} problem{'s' * (n_diag != 1)} in {n_files} file{'s' * (n_files != 1)}"
        )
    if not parts:
        parts.append("all checks passed")
    msg = "; ".join(parts)
    print(msg[0].upper() + msg[1:] + ".", file=sys.stderr)


def _exit_status(args, n_diag: int, fixed: int, errors: int) -> int:
    if errors:
        return 2
    if args.exit_zero:
        return 0
    if n_diag:
        return 1
    if fixed and args.exit_non_zero_on_fix:
        return 1
    return 0


def _run_stdin(args, config, fmt: str) -> int:
    from .linter import check_post
    from .post import Post

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    post = Post.from_bytes(data, name)
    if args.fix or args.diff:
        from .fix import encode, fix_post, unified_diff

        outcome = fix_post(post, config, unsafe=args.unsafe_fixes)
        result = outcome.result
        if args.diff:
            sys.stdout.write(unified_diff(name, post.text, outcome.text))
            _report_errors(result.errors)
            return 2 if result.errors else (1 if outcome.fixed else 0)
        sys.stdout.flush()
        sys.stdout.buffer.write(encode(post, outcome.text) if outcome.fixed else data)
        sys.stdout.buffer.flush()
        _emit(args, fmt, result.diagnostics, {name: outcome.text}, stream=sys.stderr, paths=[name])
        _report_errors(result.errors)
        return _exit_status(args, len(result.diagnostics), outcome.fixed, len(result.errors))
    result = check_post(post, config)
    sources = {name: post.text} if args.show_source else None
    _emit(args, fmt, result.diagnostics, sources, paths=[name])
    _report_errors(result.errors)
    _summary(args, fmt, len(result.diagnostics), 1 if result.diagnostics else 0, 0)
    return _exit_status(args, len(result.diagnostics), 0, len(result.errors))


def _report_errors(errors: list[str]) -> None:
    for e in errors:
        print(f"post-lint: error: {e}", file=sys.stderr)


def _run_paths(args, config, fmt: str, paths: list[str]) -> int:
    from .discover import iter_files
    from .linter import run

    files = list(iter_files(paths, config))
    if args.fix or args.diff:
        from .fix import fix_file

        results = run(
            files,
            config,
            jobs=1,
            task=lambda f, c: fix_file(f, c, unsafe=args.unsafe_fixes, write=not args.diff),
        )
    else:
        results = run(files, config, jobs=args.jobs)
    diagnostics = [d for r in results for d in r.diagnostics]
    errors = [e for r in results for e in r.errors]
    fixed = sum(r.fixed_count for r in results)
    sources = None
    if args.show_source:
        sources = _sources(diagnostics)
    if args.diff:
        from .fix import unified_diff

        for r in results:
            if r.fixed_text is not None and r.fixed_count:
                sys.stdout.write(unified_diff(r.path, r.original_text or "", r.fixed_text))
        _report_errors(errors)
        return 2 if errors else (1 if fixed else 0)
    _emit(args, fmt, diagnostics, sources, paths=[r.path for r in results])
    _report_errors(errors)
    _summary(args, fmt, len(diagnostics), len({d.path for d in diagnostics}), fixed)
    return _exit_status(args, len(diagnostics), fixed, len(errors))


def _sources(diagnostics) -> dict[str, str]:
    from .post import decode

    sources: dict[str, str] = {}
    for path in {d.path for d in diagnostics}:
        if not os.path.isfile(path):  # a named pipe would block; PL001 needs no source
            continue
        try:
            with open(path, "rb") as fh:
                sources[path], _, _ = decode(fh.read())  # the formatter splits lines
        except OSError:
            continue
    return sources


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
