"""Run the rules over posts: the engine behind the CLI and the Python API."""

from __future__ import annotations

import errno
import gc
import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from .baseline import fingerprint
from .config import Config
from .diagnostics import Diagnostic
from .discover import display_path
from .errors import ConfigError
from .post import Post
from .records import dataclass, field
from .suppress import Suppressions


@dataclass
class FileResult:
    """What linting one file produced."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: Internal failures (a rule crashed); the CLI exits 2 when any occur.
    errors: list[str] = field(default_factory=list)
    #: Set by the fixer: the fixed text, and how many diagnostics it fixed.
    fixed_text: str | None = None
    original_text: str | None = None
    fixed_count: int = 0
    #: Set when the site pass asked for it: the post's site index entry.
    site_entry: Any = None


def _as_config(config: Config | dict | None):
    """A Config or ConfigTree (anything with ``config_for(path)``); None: the
    config that applies to each file (the nearest one above it)."""
    if config is None:
        from .config_tree import default_tree

        return default_tree()
    if isinstance(config, dict):
        return Config.from_mapping(config)
    return config


def check_post(post: Post, config) -> FileResult:
    """Run every enabled rule on a parsed post; apply inline suppressions.
    ``config`` is a Config, or a ConfigTree that picks the one for ``post.path``."""
    config = config.config_for(post.path)
    result = FileResult(post.path)
    found: list[Diagnostic] = []
    for settings in config.rules_for(post.path):
        r = settings.rule
        try:
            for d in r.check(post, settings.options):
                found.append(d.with_(path=post.path, name=r.name, severity=settings.severity))
        except ConfigError:
            raise  # a bad setting (e.g. a missing schema file): stop once, exit 2
        except RecursionError:
            result.errors.append(
                f"{post.path}: rule {r.code} ({r.name}) gave up: input nests too deeply"
            )
        except Exception as exc:  # a bug in a rule must not lose the other findings
            result.errors.append(
                f"{post.path}: internal error in rule {r.code} ({r.name}): "
                f"{type(exc).__name__}: {exc}"
            )
    if "post-lint-" in post.text:
        found = Suppressions.from_post(post).apply(found, post, config)
    if found:
        found = [d.with_(extra={**d.extra, "fingerprint": fingerprint(d, post)}) for d in found]
    found.sort(key=Diagnostic.sort_key)
    result.diagnostics = found
    return result


def lint_text(
    text: str | bytes, path: str | None = None, config: Config | dict | None = None
) -> list[Diagnostic]:
    """Lint one post given as text (or bytes) and return its diagnostics.

    ``path`` is used in the diagnostics and for per-file settings;
    ``config`` is a :class:`Config`, a ``[tool.post-lint]``-shaped dict, or
    None: the config that applies to ``path`` (:meth:`Config.for_path`, the
    nearest one above it; the built-in defaults when ``path`` is None).
    """
    if config is None:
        cfg = Config.for_path(path) if path else Config()
    else:
        cfg = _as_config(config)
    name = path or "-"
    post = Post.from_bytes(text, name) if isinstance(text, bytes) else Post.from_text(text, name)
    result = check_post(post, cfg)
    if result.errors:
        from .errors import PostLintError

        raise PostLintError("; ".join(result.errors))
    return result.diagnostics


def read_post(path: str, config) -> tuple[Post, bytes | None]:
    """Read and parse one file; a file that cannot be read becomes a Post
    carrying the reason (PL001) or its size (PL003)."""
    config = config.config_for(path)
    shown = display_path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        return Post.unreadable(shown, _describe_os_error(path, exc)), None
    if stat.S_ISDIR(st.st_mode):
        return Post.unreadable(shown, _describe_folder(path)), None
    if not stat.S_ISREG(st.st_mode) and path != os.devnull:
        # Reading a named pipe or a terminal would wait forever.
        return Post.unreadable(shown, f"not a regular file ({_file_kind(st.st_mode)})"), None
    if st.st_size > config.max_file_size:
        return Post.too_large(shown, st.st_size, config.max_file_size), None
    try:
        with open(path, "rb") as fh:
            data = fh.read(config.max_file_size + 1)
    except OSError as exc:
        return Post.unreadable(shown, _describe_os_error(path, exc)), None
    if len(data) > config.max_file_size:
        return Post.too_large(shown, len(data), config.max_file_size), None
    return Post.from_bytes(data, shown), data


def _describe_folder(path: str) -> str:
    """Why a folder stands where a file was expected (walked folders that
    could not be listed come here too)."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"cannot list folder: {exc.strerror or exc}"
    return "is a directory"


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _describe_os_error(path: str, exc: OSError) -> str:
    if exc.errno == errno.ENOENT and os.path.islink(path):
        return "broken symbolic link"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return exc.strerror or str(exc)


def lint_file(path: str, config, with_site: bool = False) -> FileResult:
    """Lint one file (``config``: a Config or a ConfigTree); with
    ``with_site``, also build its site index entry."""
    config = config.config_for(path)
    post, _ = read_post(path, config)
    result = check_post(post, config)
    if with_site:
        from .site import build_entry

        result.site_entry = build_entry(post, os.path.abspath(path))
    post.release()
    return result


# -- parallel runs ---------------------------------------------------------------

#: Below this many files one process is faster than starting workers.
PARALLEL_THRESHOLD = 64


def default_jobs(n_files: int) -> int:
    if n_files < PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


_worker_config = None
_worker_site = False


def _init_worker(config, with_site: bool = False) -> None:
    global _worker_config, _worker_site
    _worker_config = config
    _worker_site = with_site


def _work(path: str) -> FileResult:
    assert _worker_config is not None
    return lint_file(path, _worker_config, _worker_site)


#: Cyclic-GC thresholds while a run lints (CPython's default is (700, 10, 10)).
#: A post makes hundreds of thousands of short-lived acyclic objects (blocks,
#: strings, tuples); the default collects generation 0 every 700 allocations
#: and re-walks every surviving object on full collections (on a 16 MB post
#: that made full collections cost more than the rules). ``None`` leaves the
#: interpreter's settings alone. Measured in bench/bench_all.py --gc.
GC_THRESHOLDS: tuple[int, int, int] | None = (100_000, 50, 1_000)


@contextmanager
def gc_tuned() -> Iterator[None]:
    """Freeze what the imports made (the GC never walks it again) and raise the
    thresholds while linting; put both back afterwards."""
    if GC_THRESHOLDS is None:
        yield
        return
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def run(
    files: Iterable[str],
    config,
    *,
    jobs: int | None = None,
    task=None,
    on_result=None,
    with_site: bool = False,
) -> list[FileResult]:
    """Lint ``files`` with ``task`` (default: :func:`lint_file`), in order,
    using ``jobs`` processes (None: one per core when there are many files).
    ``config`` is a Config or a ConfigTree; ``on_result(result)`` is called
    as each file is done (progress); ``with_site`` also builds each file's
    site index entry."""
    with gc_tuned():
        return _run(
            list(files), config, jobs=jobs, task=task, on_result=on_result, with_site=with_site
        )


def _run(
    files: list[str], config, *, jobs: int | None, task, on_result, with_site: bool = False
) -> list[FileResult]:
    n = default_jobs(len(files)) if jobs is None or jobs < 1 else jobs
    if task is None:
        task = lint_file
        if with_site:

            def task(f, c):
                return lint_file(f, c, True)

    if n <= 1 or len(files) < 2 or (task is not lint_file and not with_site):
        out = []
        for f in files:
            out.append(task(f, config))
            if on_result is not None:
                on_result(out[-1])
        return out
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    # Small chunks keep the workers busy to the end (posts differ in size by
    # 100x; with 8 chunks per worker the last one alone took ~1 s of the corpus).
    chunk = max(1, len(files) // (n * 32))
    with ProcessPoolExecutor(
        n, mp_context=ctx, initializer=_init_worker, initargs=(config, with_site)
    ) as ex:
        out = []
        for result in ex.map(_work, files, chunksize=chunk):
            out.append(result)
            if on_result is not None:
                on_result(result)
        return out


__all__ = ["FileResult", "check_post", "lint_text", "lint_file", "read_post", "run"]
