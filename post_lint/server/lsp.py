"""The protocol side of ``post-lint server``: pygls handlers and scheduling.

Lints run one at a time in a daemon thread (:class:`_Worker`), so the event
loop keeps reading messages while a post is linted and a lint that never
ends cannot keep the process alive after the client has gone. Per document:

- a change schedules a lint; changes that arrive while one runs coalesce
  into one more run of the newest text (``debounce`` milliseconds of quiet
  first, 0 by default), and a result for a superseded version is dropped,
  never published; a queued run whose version is already stale never starts;
- open and save lint at once; close clears the document's diagnostics;
- code actions and hover read the snapshot of the current version, linting
  first only if it is not there yet.

A change to a configuration file (``workspace/didChangeWatchedFiles``, a
save of one in the editor, ``workspace/didChangeConfiguration``) drops the
cached settings and re-lints every open post. Errors are logged to the
client (``window/logMessage``), once per distinct message, and never end
the server. When the client process named in ``initialize`` disappears
without closing the pipe, the server exits.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import queue
import stat
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from .. import __version__, textmemo
from ..linter import gc_tuned
from ..pages import forget_folders
from .positions import UTF16, apply_change
from .session import (
    FIX_ALL,
    SOURCE,
    Configs,
    Snapshot,
    is_config_file,
    is_post,
    lint,
)

log = logging.getLogger("post_lint.server")

#: How often the server checks that the client process still exists (seconds).
PARENT_CHECK_SECONDS = 5.0
#: A lint slower than this is reported to the client.
SLOW_LINT_SECONDS = 2.0


class _Worker(concurrent.futures.Executor):
    """One daemon thread running submitted calls in order."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="post-lint-lint", daemon=True)
        self._thread.start()

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((future, fn, args, kwargs))
        return future

    def _run(self) -> None:
        while True:
            future, fn, args, kwargs = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)


@dataclass(eq=False)
class _Doc:
    uri: str
    path: str | None
    text: str
    version: int | None
    language_id: str | None
    snapshot: Snapshot | None = None
    task: asyncio.Task | None = None
    dirty: bool = False
    closed: bool = False


class _Protocol(LanguageServerProtocol):
    """pygls' protocol without its own copy of the documents: the server keeps
    the texts itself (:class:`_Doc`), with the protocol's line ends (pygls
    splits lines with ``str.splitlines``, which also breaks at U+2028, form
    feeds and the like, so its incremental edits can land on the wrong line),
    and a change that pygls could not apply would skip our handler."""

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params):
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class PostLintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "post-lint",
            __version__,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
            protocol_cls=_Protocol,
        )
        self.docs: dict[str, _Doc] = {}
        self.configs = Configs()
        self.worker = _Worker()
        self.debounce = 0.0
        self._logged: set[str] = set()
        self._tasks: set[asyncio.Task] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    # -- helpers ------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        try:
            kind = self.workspace.position_encoding
        except RuntimeError:  # before initialize
            return UTF16
        return str(getattr(kind, "value", kind) or UTF16)

    def log_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        if message in self._logged:
            return
        if len(self._logged) > 1000:
            self._logged.clear()
        self._logged.add(message)
        self.log(message, kind)

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Info) -> None:
        loop = self._loop
        if loop is not None and threading.get_ident() != self._loop_thread:
            # from the lint thread: only the event loop writes to the client
            loop.call_soon_threadsafe(self.log, message, kind)
            return
        log.log(logging.ERROR if kind == lsp.MessageType.Error else logging.INFO, "%s", message)
        try:
            self.window_log_message(lsp.LogMessageParams(type=kind, message=message))
        except Exception:  # the client is gone: nothing to tell
            pass

    def spawn(self, coro) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def run_lint(self, doc: _Doc) -> Snapshot:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self.worker, self._lint_now, doc, doc.text, doc.version, self.encoding
        )

    def _lint_now(self, doc: _Doc, text: str, version: int | None, encoding: str):
        if doc.closed or doc.version != version:
            return None  # superseded before it started: never run
        return lint(doc.uri, doc.path, text, version, self.configs, encoding)

    def schedule(self, doc: _Doc, *, wait: bool = True) -> None:
        if doc.task is not None and not doc.task.done():
            doc.dirty = True
            return
        doc.task = self.spawn(self._lint_loop(doc, wait))

    async def _lint_loop(self, doc: _Doc, wait: bool) -> None:
        while not doc.closed:
            doc.dirty = False
            if wait and self.debounce > 0:
                await asyncio.sleep(self.debounce)
                if doc.dirty:
                    continue
            version = doc.version
            try:
                snap = await self.run_lint(doc)
            except Exception as exc:  # lint() never raises; this is a bug in the glue
                self.log_once(f"post-lint: {type(exc).__name__}: {exc}", lsp.MessageType.Error)
                return
            if doc.closed:
                return
            if snap is None or doc.dirty or doc.version != version:
                continue  # stale: run again on the newest text
            self.publish(doc, snap)
            return

    def publish(self, doc: _Doc, snap: Snapshot) -> None:
        doc.snapshot = snap
        for problem in snap.problems:
            self.log_once(problem, lsp.MessageType.Error)
        if snap.seconds > SLOW_LINT_SECONDS:
            self.log_once(f"{snap.path or snap.uri}: linting took {snap.seconds:.1f} s")
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(
                uri=doc.uri, diagnostics=snap.published, version=doc.version
            )
        )

    async def current(self, uri: str) -> Snapshot | None:
        """The snapshot of the document's current version (linting if needed)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        snap = doc.snapshot
        if snap is not None and snap.version == doc.version and snap.text is doc.text:
            return snap
        for _ in range(3):
            snap = await self.run_lint(doc)
            if snap is not None:
                return snap
        return None

    def relint_all(self) -> None:
        self.configs.clear()
        forget_folders()
        for doc in self.docs.values():
            if is_post(doc.path, doc.language_id):
                self.schedule(doc, wait=False)


server = PostLintServer()


def _path_of(uri: str) -> str | None:
    try:
        return to_fs_path(uri) if uri.startswith("file:") else None
    except Exception:
        return None


# -- lifecycle -------------------------------------------------------------------------


@server.feature(lsp.INITIALIZE)
def initialize(ls: PostLintServer, params: lsp.InitializeParams) -> None:
    ls._loop = asyncio.get_running_loop()
    ls._loop_thread = threading.get_ident()
    options = params.initialization_options
    if isinstance(options, dict):
        debounce = options.get("debounce", 0)
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool):
            ls.debounce = min(max(float(debounce), 0.0), 5000.0) / 1000.0
    root = None
    if params.workspace_folders:
        root = _path_of(params.workspace_folders[0].uri)
    elif params.root_uri:
        root = _path_of(params.root_uri)
    if root:
        ls.configs.fallback_root = Path(root)
    if params.process_id:
        ls.spawn(_watch_parent(ls, params.process_id))


@server.feature(lsp.INITIALIZED)
async def initialized(ls: PostLintServer, params: lsp.InitializedParams) -> None:
    caps = ls.client_capabilities
    watched = caps.workspace and caps.workspace.did_change_watched_files
    if watched and watched.dynamic_registration:
        watchers = [
            lsp.FileSystemWatcher(glob_pattern=f"**/{name}")
            for name in (".post-lint.toml", "pyproject.toml")
        ]
        try:
            await ls.client_register_capability_async(
                lsp.RegistrationParams(
                    registrations=[
                        lsp.Registration(
                            id="post-lint-config-watch",
                            method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                watchers=watchers
                            ),
                        )
                    ]
                )
            )
        except Exception as exc:
            ls.log(f"post-lint: cannot watch configuration files: {exc}")


async def _watch_parent(ls: PostLintServer, pid: int) -> None:
    while True:
        await asyncio.sleep(PARENT_CHECK_SECONDS)
        if not _alive(pid):
            log.info("the client (pid %s) is gone; exiting", pid)
            os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@server.feature(lsp.EXIT)
def exit_(ls: PostLintServer, params=None) -> None:
    # pygls closes stdout and raises SystemExit after this; the thread that
    # reads stdin would then keep the process waiting until the client closes
    # its end, so leave at once.
    code = 0 if getattr(ls.protocol, "_shutdown", False) else 1
    try:
        sys.stdout.flush()
    except Exception:
        pass
    os._exit(code)


# -- documents -------------------------------------------------------------------------


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PostLintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    doc = _Doc(item.uri, _path_of(item.uri), item.text, item.version, item.language_id)
    old = ls.docs.get(item.uri)
    if old is not None:
        old.closed = True
    ls.docs[item.uri] = doc
    if is_post(doc.path, doc.language_id):
        ls.schedule(doc, wait=False)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PostLintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None or not params.content_changes:
        return
    text = doc.text
    for change in params.content_changes:
        if isinstance(change, lsp.TextDocumentContentChangePartial):
            r = change.range
            text = apply_change(
                text,
                (r.start.line, r.start.character),
                (r.end.line, r.end.character),
                change.text,
                ls.encoding,
            )
        else:
            text = change.text
    doc.text = text
    doc.version = params.text_document.version
    if is_post(doc.path, doc.language_id):
        ls.schedule(doc)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE, lsp.SaveOptions(include_text=False))
def did_save(ls: PostLintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if is_config_file(_path_of(uri)):
        ls.log("post-lint: configuration saved; re-linting open posts")
        ls.relint_all()
        return
    path = _path_of(uri)
    if path and os.path.basename(path).split(".", 1)[0] in ("index", "_index"):
        # a bundle or section page: its cascade can change what the posts below are
        ls.relint_all()
        return
    doc = ls.docs.get(uri)
    if doc is not None and is_post(doc.path, doc.language_id):
        ls.schedule(doc, wait=False)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PostLintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    doc = ls.docs.pop(params.text_document.uri, None)
    if doc is None:
        return
    doc.closed = True
    if doc.task is not None and not doc.task.done():
        doc.task.cancel()
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: PostLintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    if any(is_config_file(_path_of(c.uri)) for c in params.changes):
        ls.log("post-lint: configuration changed; re-linting open posts")
        ls.relint_all()


@server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
def did_change_configuration(ls: PostLintServer, params: lsp.DidChangeConfigurationParams):
    ls.relint_all()


# -- code actions and hover ----------------------------------------------------------


def _wanted(kind: str, only: list[str] | None) -> bool:
    return not only or any(kind == o or kind.startswith(o + ".") for o in only)


def _workspace_edit(ls: PostLintServer, snap: Snapshot, edits: list[lsp.TextEdit]):
    caps = ls.client_capabilities
    ws = caps.workspace and caps.workspace.workspace_edit
    if ws and ws.document_changes and snap.version is not None:
        return lsp.WorkspaceEdit(
            document_changes=[
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                        uri=snap.uri, version=snap.version
                    ),
                    edits=edits,
                )
            ]
        )
    return lsp.WorkspaceEdit(changes={snap.uri: edits})


def _resolves_edits(ls: PostLintServer) -> bool:
    caps = ls.client_capabilities
    ca = caps.text_document and caps.text_document.code_action
    support = ca and ca.resolve_support
    return bool(support and "edit" in (support.properties or []))


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True
    ),
)
async def code_action(ls: PostLintServer, params: lsp.CodeActionParams):
    snap = await ls.current(params.text_document.uri)
    if snap is None:
        return None
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(ls.worker, _code_actions, ls, snap, params)


def _code_actions(ls: PostLintServer, snap: Snapshot, params: lsp.CodeActionParams):
    only = params.context.only
    actions: list[lsp.CodeAction] = []
    if _wanted(lsp.CodeActionKind.QuickFix, only):
        first = snap.positions.from_client(params.range.start.line, 0)[0]
        last = snap.positions.from_client(params.range.end.line, 0)[0]
        ours = [d for d in params.context.diagnostics if d.source == SOURCE]
        candidates = snap.diagnostics_on_lines(first, last)
        if ours:
            wanted = {(str(d.code), d.range.start.line) for d in ours}
            candidates = [d for d in candidates if (d.code, d.line - 1) in wanted]
        lsp_of = {id(d): p for d, p in zip(snap.diagnostics, snap.published)}
        seen_file: set[str] = set()
        for d in candidates:
            related = [lsp_of[id(d)]] if id(d) in lsp_of else None
            try:
                actions.extend(_actions_for(ls, snap, d, related, seen_file))
            except Exception as exc:
                ls.log_once(f"post-lint: code action for {d.code}: {type(exc).__name__}: {exc}")
    if _wanted(FIX_ALL, only) and any(
        d.fix is not None and d.fix.applicability == "safe" for d in snap.diagnostics
    ):
        action = lsp.CodeAction(title="post-lint: fix all safely fixable problems", kind=FIX_ALL)
        if _resolves_edits(ls):
            action.data = {"uri": snap.uri, "version": snap.version}
        else:
            edits = snap.fix_all_edits()
            if not edits:
                return actions
            action.edit = _workspace_edit(ls, snap, edits)
        actions.append(action)
    return actions


def _actions_for(ls, snap: Snapshot, d, related, seen_file: set[str]) -> list[lsp.CodeAction]:
    out: list[lsp.CodeAction] = []
    if d.fix is not None:
        edits = snap.fix_edits(d)
        if edits:
            safe = d.fix.applicability == "safe"
            what = d.fix.message or "apply the suggested fix"
            label = "safe fix" if safe else "unsafe fix: review the result"
            out.append(
                lsp.CodeAction(
                    title=f"Fix {d.code}: {what} ({label})",
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=related,
                    is_preferred=safe,
                    edit=_workspace_edit(ls, snap, edits),
                )
            )
    edit = snap.disable_line_edit(d)
    if edit is not None:
        out.append(
            lsp.CodeAction(
                title=f"Disable {d.code} for this line",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=related,
                edit=_workspace_edit(ls, snap, [edit]),
            )
        )
    if d.code not in seen_file:
        seen_file.add(d.code)
        out.append(
            lsp.CodeAction(
                title=f"Disable {d.code} for this file",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=related,
                edit=_workspace_edit(ls, snap, [snap.disable_file_edit(d.code)]),
            )
        )
    return out


@server.feature(lsp.CODE_ACTION_RESOLVE)
async def code_action_resolve(ls: PostLintServer, action: lsp.CodeAction) -> lsp.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    uri = data.get("uri")
    if action.kind != FIX_ALL or not isinstance(uri, str):
        return action
    snap = await ls.current(uri)
    if snap is None or snap.version != data.get("version"):
        return action  # the document moved on: no edit rather than a wrong one
    loop = asyncio.get_running_loop()
    edits = await loop.run_in_executor(ls.worker, snap.fix_all_edits)
    action.edit = _workspace_edit(ls, snap, edits)
    return action


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
async def hover(ls: PostLintServer, params: lsp.HoverParams):
    snap = await ls.current(params.text_document.uri)
    if snap is None:
        return None
    caps = ls.client_capabilities
    formats = (
        caps.text_document and caps.text_document.hover and caps.text_document.hover.content_format
    )
    markdown = not formats or lsp.MarkupKind.Markdown in formats
    line, column = snap.positions.from_client(params.position.line, params.position.character)
    return snap.hover(line, column, markdown)


class _PipeReader:
    """stdin read by the event loop itself (pygls reads it in a thread pool,
    two thread hand-offs per header line and per body). Never raises: the end
    of input reads as b"" (the loop then stops), an over-long header line is
    dropped."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self.reader = reader

    async def readline(self) -> bytes:
        try:
            return await self.reader.readline()
        except ValueError:  # a line over the limit: skip it, keep the connection
            return b"X-Dropped: over-long header\r\n"

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.reader.readexactly(n)
        except asyncio.IncompleteReadError as exc:
            return exc.partial


async def _serve_pipe() -> None:
    from pygls.io_ import StdoutWriter, run_async

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 16)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin.buffer)
    server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(sys.stdout.buffer))
    await run_async(
        stop_event=server._stop_event,
        reader=_PipeReader(reader),
        protocol=server.protocol,
        logger=log,
        error_handler=server.report_server_error,
    )


def _own_pipe() -> bool:
    """Whether stdin is a pipe or socket of its own (not also stdout), so the
    event loop may make it non-blocking without touching stdout."""
    try:
        inp, out = os.fstat(sys.stdin.fileno()), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    if not (stat.S_ISFIFO(inp.st_mode) or stat.S_ISSOCK(inp.st_mode)):
        return False
    return (inp.st_dev, inp.st_ino) != (out.st_dev, out.st_ino)


def run() -> int:
    level = os.environ.get("POST_LINT_LOG", "").upper()
    logging.basicConfig(
        level=level if level in ("DEBUG", "INFO", "WARNING", "ERROR") else "WARNING",
        stream=sys.stderr,
        format="post-lint server: %(levelname)s %(name)s: %(message)s",
    )
    # an editor re-lints a post on every change: remember per-paragraph work
    textmemo.enable()
    with gc_tuned():  # as for a CLI run: the imports frozen, fewer collections
        if not _own_pipe():
            server.start_io()  # a file, a terminal, a shared socket: pygls' threaded reader
            return 0
        try:
            asyncio.run(_serve_pipe())
        except (BrokenPipeError, KeyboardInterrupt, SystemExit):
            pass
    return 0
