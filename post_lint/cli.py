"""The ``post-lint`` command: arguments, discovery, output, exit status.

Exit status: 0 nothing reported, 1 something reported (or, with
``--exit-non-zero-on-fix``, something fixed), 2 post-lint could not do its job
(bad arguments, bad config, an internal error).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import os
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from .errors import PostLintError
from .version import __version__

#: Severities from lowest to highest (``--fail-level``).
SEVERITY_ORDER = ("info", "warning", "error")


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v for value in values for v in value.replace(" ", ",").split(",") if v]


class _Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for a misspelt option or choice."""

    #: Set once every argument is added (see :meth:`_get_formatter`).
    built = False

    def _get_formatter(self):  # type: ignore[override]
        # add_argument asks for a formatter only to check a metavar: one of a
        # fixed width spares every run importing shutil (and with it bz2 and
        # lzma) for the terminal's width; help and usage text get that width.
        if not self.built:
            return self.formatter_class(prog=self.prog, width=80)
        return super()._get_formatter()

    def error(self, message: str):  # type: ignore[override]
        from .config import did_you_mean

        options = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        if message.startswith("unrecognized arguments:"):
            words = message.split(":", 1)[1].split()
            shown = [
                w + (did_you_mean(w.split("=", 1)[0], options) if w.startswith("-") else "")
                for w in words
            ]
            message = f"unrecognized arguments: {' '.join(shown)}"
        elif "invalid choice:" in message:
            import re

            m = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
            if m:
                choices = [c.strip(" '") for c in m.group(2).split(",")]
                message += did_you_mean(m.group(1), choices)
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    from .output import FORMATS

    p = _Parser(
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
        help="skip paths matching GLOB while walking folders (relative to the working folder)",
    )
    sel.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply exclude to files named on the command line too (for pre-commit)",
    )
    cfg = p.add_argument_group("configuration")
    cfg.add_argument(
        "--config",
        action="append",
        metavar="FILE|KEY=VALUE",
        help="use this pyproject.toml or .post-lint.toml for every file, or override one "
        "setting with a TOML 'key = value' (repeatable), e.g. --config 'ignore = [\"DUP002\"]'",
    )
    cfg.add_argument("--isolated", action="store_true", help="ignore configuration files")
    cfg.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings that apply to the first PATH (or stdin) and exit",
    )
    cfg.add_argument(
        "--baseline",
        metavar="FILE",
        help="report only findings not recorded in FILE (see --write-baseline)",
    )
    cfg.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="record the current findings in FILE and exit 0",
    )
    cfg.add_argument(
        "--add-suppressions",
        action="store_true",
        help="insert post-lint-disable comments above every current finding, and exit 0",
    )
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
        "--show-severity",
        action="store_true",
        help="text format: 'path:line:col: CODE [severity] message'",
    )
    out.add_argument(
        "--statistics",
        action="store_true",
        help="print a count per code instead of each finding (text or json)",
    )
    out.add_argument(
        "--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout"
    )
    out.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="auto (default): on a terminal, unless NO_COLOR, TERM=dumb or Emacs; "
        "FORCE_COLOR forces it",
    )
    out.add_argument("-q", "--quiet", action="store_true", help="no summary line, no progress")
    out.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when something is reported"
    )
    out.add_argument(
        "--fail-level",
        choices=SEVERITY_ORDER,
        default="info",
        help="exit 1 only for findings of this severity or higher (default: info, every finding)",
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
    run.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write the results cache and site index",
    )
    run.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where the cache lives (default: .post-lint-cache in the project root)",
    )
    info = p.add_argument_group("information")
    info.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    info.add_argument("--explain", metavar="RULE", help="print a rule's documentation and exit")
    info.add_argument("--version", action="version", version=f"post-lint {__version__}")
    p.built = True
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command on ``argv`` (default: the process's own arguments).

    As the process's entry (``argv`` not given), the heap is frozen at exit:
    the interpreter's shutdown then skips its cyclic-GC passes over everything
    the run built (compiled patterns, records, the parsed post), about a fifth
    of a one-file run's CPU (bench/bench_coldstart.py). The exit hooks
    registered later (the caches' saves) run first, as ``atexit`` runs them
    last-in first-out."""
    if argv is None:
        atexit.register(gc.freeze)
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


def _config_args(values: list[str] | None) -> tuple[str | None, dict]:
    """Split ``--config`` values into the one FILE and the KEY=VALUE overrides
    (TOML, like ruff: a value that is not a file must parse as TOML)."""
    from .config import merge_tables

    file: str | None = None
    overrides: dict = {}
    for value in values or []:
        if os.path.isfile(value):
            if file is not None:
                raise PostLintError(f"--config: only one file may be given ({file}, {value})")
            file = value
            continue
        if "=" not in value:
            raise PostLintError(f"--config: no such file: {value}")
        from .compat import tomllib  # only for KEY=VALUE overrides (start-up)

        try:
            table = tomllib.loads(value)
        except tomllib.TOMLDecodeError as exc:
            raise PostLintError(
                f"--config {value!r}: not a file, and not a TOML 'key = value' ({exc}); "
                "strings need quotes: --config 'select = [\"DUP\"]'"
            ) from None
        if isinstance(table.get("tool"), dict) and "post-lint" in table["tool"]:
            table = table["tool"]["post-lint"]
        overrides = merge_tables(overrides, table)
    return file, overrides


def _load_config(args: argparse.Namespace):
    """The ConfigTree for this run: per-file discovery, ``--config``, ``--isolated``."""
    from .config_tree import load_tree

    file, overrides = _config_args(args.config)
    cli = dict(
        select=_split(args.select),
        extend_select=_split(args.extend_select) or [],
        ignore=_split(args.ignore) or [],
        exclude=_split(args.exclude) or [],
    )
    from .config import Config

    Config().override(**cli)  # a bad --select is reported before any file is read
    return load_tree(config=file, isolated=args.isolated, overrides=overrides, cli=cli)


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
    if args.write_baseline and args.baseline:
        parser.error("--write-baseline and --baseline cannot be combined")
    if (args.write_baseline or args.add_suppressions) and (args.fix or args.diff):
        parser.error("--write-baseline and --add-suppressions cannot be combined with --fix/--diff")
    if args.statistics and args.output_format not in (None, "text", "json", "json-lines"):
        parser.error("--statistics prints text, json or json-lines")
    fmt = args.output_format or (
        "github" if os.environ.get("GITHUB_ACTIONS") == "true" and _has_format("github") else "text"
    )
    tree = _load_config(args)
    paths = args.paths or ["."]
    if args.show_settings:
        return _show_settings(args, tree, paths)
    if "-" in paths:
        if len(paths) > 1:
            parser.error("'-' (stdin) cannot be combined with other paths")
        if args.add_suppressions:
            parser.error("--add-suppressions needs files, not stdin")
        return _run_stdin(args, tree, fmt)
    if args.stdin_filename:
        parser.error("--stdin-filename needs '-' as the path")
    return _run_paths(args, tree, fmt, paths)


def _has_format(name: str) -> bool:
    from .output import FORMATS

    return name in FORMATS


class _Report:
    """Where the report goes: stdout, or ``--output-file`` (written atomically
    when the run ends, so a failed run leaves the old report alone)."""

    def __init__(self, args, default=None) -> None:
        import io

        self.path = args.output_file
        self.stream = io.StringIO() if self.path else (default or sys.stdout)

    def close(self) -> None:
        if self.path:
            from .baseline import write_text_atomic

            write_text_atomic(Path(self.path).resolve(), self.stream.getvalue())


def _emit(args, fmt: str, diagnostics, sources: dict[str, str] | None, stream, paths=None) -> None:
    from . import output

    if args.statistics:
        _statistics(args, diagnostics, stream)
        return
    output.write(
        fmt,
        diagnostics,
        stream,
        output.OutputOptions(
            show_source=args.show_source,
            # A report file gets colour only when asked for (not from FORCE_COLOR).
            color=want_color(
                "never"
                if getattr(args, "output_file", None) and args.color == "auto"
                else args.color,
                stream,
            ),
            sources=sources,
            paths=paths,
            show_severity=args.show_severity,
        ),
    )


def _statistics(args, diagnostics, stream) -> None:
    """A count per code; ``[*]`` marks codes that ``--fix`` repairs (safe
    fixes only; ``--unsafe-fixes`` ones are counted apart)."""
    import json

    counts = Counter((d.code, d.name) for d in diagnostics)
    safe = Counter(d.code for d in diagnostics if _fix_kind(d) == "safe")
    unsafe = Counter(d.code for d in diagnostics if _fix_kind(d) == "unsafe")
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    fmt = getattr(args, "output_format", None)
    if fmt in ("json", "json-lines"):
        objects = [
            {
                "code": code,
                "name": name,
                "count": n,
                "fixable": safe[code] > 0,
                "fixable_count": safe[code],
                "unsafe_fixable_count": unsafe[code],
            }
            for (code, name), n in rows
        ]
        if fmt == "json":
            json.dump(objects, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            for obj in objects:
                stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        return
    for (code, name), n in rows:
        mark = "[*] " if safe[code] else ""
        stream.write(f"{n:>5}\t{code}\t{mark}{name}\n")


def _fix_kind(d) -> str | None:
    return d.fix.applicability if d.fix is not None else None


def want_color(mode: str, stream) -> bool:
    """``--color``: always, never, or auto: a terminal, unless ``NO_COLOR``
    is set, ``TERM=dumb`` or Emacs runs us (``INSIDE_EMACS``, except its
    colour terminals vterm, term and eat); ``FORCE_COLOR`` forces colour on
    (``NO_COLOR`` wins over it)."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    emacs = env.get("INSIDE_EMACS")
    if emacs is not None and not any(t in emacs for t in ("vterm", "term:", "eat")):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _summary(args, fmt: str, diagnostics, fixed: int, silenced: int = 0, stream=None) -> None:
    if args.quiet or fmt != "text" or args.statistics:
        return
    n_diag = len(diagnostics)
    n_files = len({d.path for d in diagnostics})
    parts = []
    if fixed:
        parts.append(f"fixed {fixed} problem{'s' * (fixed != 1)}")
    if n_diag:
        found = (
            f"found {n_diag} problem{'s' * (n_diag != 1)} in {n_files} file{'s' * (n_files != 1)}"
        )
        safe = sum(1 for d in diagnostics if _fix_kind(d) == "safe")
        unsafe = sum(1 for d in diagnostics if _fix_kind(d) == "unsafe")
        if safe and unsafe and not args.unsafe_fixes:
            found += f" ({safe} fixable with --fix, {unsafe} more with --unsafe-fixes)"
        elif safe:
            found += f" ({safe} fixable with --fix)"
        elif unsafe and not args.unsafe_fixes:
            found += f" ({unsafe} fixable with --unsafe-fixes)"
        parts.append(found)
    if not parts:
        parts.append("all checks passed")
    if silenced:
        parts.append(f"{silenced} more in the baseline")
    msg = "; ".join(parts)
    print(msg[0].upper() + msg[1:] + ".", file=stream or sys.stderr)


def _exit_status(args, diagnostics, fixed: int, errors: int) -> int:
    if errors:
        return 2
    if args.exit_zero:
        return 0
    level = SEVERITY_ORDER.index(args.fail_level)
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    if any(rank.get(d.severity, 1) >= level for d in diagnostics):
        return 1
    if fixed and args.exit_non_zero_on_fix:
        return 1
    return 0


def _apply_baseline(args, tree, diagnostics):
    """Drop the findings recorded in the baseline (``--baseline``, else the
    ``baseline`` key of each file's config); returns (shown, how many not)."""
    from .baseline import Baseline

    if args.write_baseline or args.add_suppressions:
        return diagnostics, 0
    if args.baseline:
        return Baseline.load(args.baseline).filter(diagnostics)
    groups: dict = {}
    for d in diagnostics:
        groups.setdefault(tree.config_for(d.path).baseline, []).append(d)
    if set(groups) <= {None}:
        return diagnostics, 0
    shown, silenced = list(groups.pop(None, [])), 0
    for path, ds in groups.items():
        kept, n = Baseline.load(path).filter(ds)
        shown += kept
        silenced += n
    from .diagnostics import Diagnostic

    shown.sort(key=Diagnostic.sort_key)
    return shown, silenced


def _warn(message: str) -> None:
    print(f"post-lint: warning: {message}", file=sys.stderr)


def _warn_empty_selection(tree, path: str) -> None:
    if not tree.config_for(path).enabled_codes():
        _warn("no rules are selected (select/ignore leave nothing to check)")


def _run_stdin(args, tree, fmt: str) -> int:
    from .discover import force_excluded
    from .linter import check_post
    from .post import Post

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    if args.force_exclude and name != "-" and force_excluded(name, tree):
        if args.fix:  # an editor replaces the buffer with what we print
            sys.stdout.buffer.write(data)
        return 0
    config = tree.config_for(name)
    _warn_empty_selection(tree, name)
    post = Post.from_bytes(data, name)
    if args.write_baseline:
        result = check_post(post, config)
        return _write_baseline(args, result.diagnostics, [name], result.errors)
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
        shown, silenced = _apply_baseline(args, tree, result.diagnostics)
        report = _Report(args, sys.stderr)
        _emit(args, fmt, shown, {name: outcome.text}, report.stream, paths=[name])
        report.close()
        _report_errors(result.errors)
        return _exit_status(args, shown, outcome.fixed, len(result.errors))
    result = check_post(post, config)
    shown, silenced = _apply_baseline(args, tree, result.diagnostics)
    sources = {name: post.text} if args.show_source else None
    report = _Report(args)
    _emit(args, fmt, shown, sources, report.stream, paths=[name])
    report.close()
    _report_errors(result.errors)
    _summary(args, fmt, shown, 0, silenced)
    return _exit_status(args, shown, 0, len(result.errors))


def _report_errors(errors: list[str]) -> None:
    for e in errors:
        print(f"post-lint: error: {e}", file=sys.stderr)


def _write_baseline(args, diagnostics, linted, errors) -> int:
    from .baseline import write_baseline

    _report_errors(errors)
    if errors:
        return 2
    n = write_baseline(args.write_baseline, diagnostics, linted, __version__)
    files = len({d.path for d in diagnostics})
    if not args.quiet:
        print(
            f"post-lint: wrote {len(diagnostics)} finding{'s' * (len(diagnostics) != 1)} in "
            f"{files} file{'s' * (files != 1)} to {args.write_baseline}"
            + (f" ({n} in all)" if n != len(diagnostics) else ""),
            file=sys.stderr,
        )
    return 0


def _run_paths(args, tree, fmt: str, paths: list[str]) -> int:
    from .discover import iter_files
    from .linter import run
    from .progress import Progress

    files = list(iter_files(paths, tree, force_exclude=args.force_exclude))
    if not files:
        if not (args.force_exclude and all(os.path.isfile(p) for p in paths)):
            _warn(f"no Markdown files found in {' '.join(paths)}")
    else:
        _warn_empty_selection(tree, files[0])
    progress = Progress.start(sys.stderr, len(files), enabled=not args.quiet)
    try:
        if args.fix or args.diff:
            from .fix import fix_file

            results = run(
                files,
                tree,
                jobs=1,
                task=lambda f, c: fix_file(f, c, unsafe=args.unsafe_fixes, write=not args.diff),
                on_result=progress.update,
            )
            if not args.diff:  # what remains includes the SITE findings (they have no fixes)
                _site_after_fix(args, tree, paths, files, results)
        else:
            results = _lint_as_site(args, tree, paths, files, progress.update)
    finally:
        progress.close()
    diagnostics = [d for r in results for d in r.diagnostics]
    errors = [e for r in results for e in r.errors]
    if args.write_baseline:
        return _write_baseline(args, diagnostics, [r.path for r in results], errors)
    if args.add_suppressions:
        return _add_suppressions(args, tree, results, errors)
    fixed = sum(r.fixed_count for r in results)
    if args.diff:
        from .fix import unified_diff

        report = _Report(args)
        for r in results:
            if r.fixed_text is not None and r.fixed_count:
                report.stream.write(unified_diff(r.path, r.original_text or "", r.fixed_text))
        report.close()
        _report_errors(errors)
        return 2 if errors else (1 if fixed else 0)
    diagnostics, silenced = _apply_baseline(args, tree, diagnostics)
    sources = _sources(diagnostics) if args.show_source else None
    report = _Report(args)
    _emit(args, fmt, diagnostics, sources, report.stream, paths=[r.path for r in results])
    report.close()
    _report_errors(errors)
    _summary(args, fmt, diagnostics, fixed, silenced)
    return _exit_status(args, diagnostics, fixed, len(errors))


def _add_suppressions(args, tree, results, errors) -> int:
    from .inline_records import add_suppressions

    _report_errors(errors)
    if errors:
        return 2
    added = files = skipped = 0
    for r in results:
        if not r.diagnostics:
            continue
        n, left = add_suppressions(r.path, r.diagnostics, tree)
        added += n
        skipped += left
        files += 1 if n else 0
    if not args.quiet:
        msg = f"post-lint: added {added} suppression comment{'s' * (added != 1)} to {files} file{'s' * (files != 1)}"
        if skipped:
            msg += f"; {skipped} finding{'s' * (skipped != 1)} could not be suppressed inline (unreadable files, code blocks): use --write-baseline for those"
        print(msg, file=sys.stderr)
    return 0


def _show_settings(args, tree, paths: list[str]) -> int:
    """``--show-settings``: where each setting comes from, for one path."""
    from .docs import toml_value

    target = args.stdin_filename or paths[0]
    if os.path.isdir(target):
        config = tree.config_for(os.path.join(target, "_"))
        shown_for = target.rstrip("/") + "/"
    else:
        config = tree.config_for(target)
        shown_for = target
    rules = config.rules_for(target if not os.path.isdir(target) else None)
    out = [
        f"# Settings for {shown_for}",
        f"# config file: {config.source or 'none (built-in defaults)'}",
        f"# globs relative to: {config.root}",
        f"select = {toml_value(config.select)}"
        if config.select is not None
        else "# select: the rules on by default",
        f"extend-select = {toml_value(config.extend_select)}",
        f"ignore = {toml_value(config.ignore)}",
        f"exclude = {toml_value(config.exclude)}",
    ]
    if config.cli_exclude:
        out.append(
            f"# --exclude (relative to {config.cli_root}) = {toml_value(config.cli_exclude)}"
        )
    out.append(f"max-file-size = {config.max_file_size}")
    if args.baseline or config.baseline:
        out.append(f"baseline = {toml_value(str(args.baseline or config.baseline))}")
    out.append("")
    out.append("[per-file-ignores]")
    for pattern, selectors in config.per_file_ignores:
        out.append(f"{toml_value(pattern)} = {toml_value(selectors)}")
    out.append("")
    out.append(f"# {len(rules)} enabled rule{'s' * (len(rules) != 1)} for this path")
    for settings in rules:
        r = settings.rule
        out.append(f"[rules.{r.code}]  # {r.name}")
        out.append(f"severity = {toml_value(settings.severity)}")
        for key, value in settings.options.items():
            out.append(f"{key.replace('_', '-')} = {toml_value(value)}")
    report = _Report(args)
    report.stream.write("\n".join(out) + "\n")
    report.close()
    return 0


def _site_cache(args, tree, paths: list[str], files: list[str]):
    """(cache or None, whether the site pass runs, project root). The site
    pass runs when a folder was given, or when the project's cache (with its
    site index) exists; files named alone in a project without a cache are
    linted without one (nothing to reuse or compare: a one-off run stays as
    cheap as before)."""
    walked = any(os.path.isdir(p) for p in paths)
    if args.no_cache and not walked:
        return None, False, None  # nothing to read, write or compare with
    from .cache import CACHE_DIR_NAME, DB_NAME, Cache, project_root

    first = tree.config_for(files[0] if files else (paths[0] if paths else "."))
    root = project_root(config_file=getattr(first, "source", None))
    folder = Path(args.cache_dir) if args.cache_dir else root / CACHE_DIR_NAME
    cache = None
    if not args.no_cache and (walked or (folder / DB_NAME).is_file()):
        cache = Cache(folder)
    site = walked or (cache is not None and bool(cache.paths_below(str(root), limit=1)))
    return cache, site, root


def _lint_as_site(args, tree, paths: list[str], files: list[str], on_result=None):
    """Lint with the results cache and the site pass (see :func:`_site_cache`)."""
    cache, site, root = _site_cache(args, tree, paths, files)
    if cache is None and not site:
        # Files named alone, no cache: what lint_as_site would do, without
        # importing the site pass (its modules cost a one-file run ~20 ms).
        from .linter import run

        return run(files, tree, jobs=args.jobs, on_result=on_result)
    from .site.runner import lint_as_site

    try:
        return lint_as_site(
            files, tree, jobs=args.jobs, cache=cache, site=site, root=root, on_result=on_result
        )
    finally:
        if cache is not None:
            cache.close()


def _site_after_fix(args, tree, paths: list[str], files: list[str], results) -> None:
    """``--fix``: add the SITE findings of the fixed posts to what remains."""
    from .site.runner import site_pass_after_fix

    cache, site, root = _site_cache(args, tree, paths, files)
    try:
        if site:
            site_pass_after_fix(files, results, tree, cache, root)
    finally:
        if cache is not None:
            cache.close()


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
