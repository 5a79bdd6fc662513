"""A small Language Server Protocol client for the server's end-to-end tests
(and ``bench/bench_server.py``): it starts ``post-lint server`` as a
subprocess and speaks JSON-RPC over its stdin/stdout.

A reader thread parses the server's messages into a queue; requests wait for
their response, notifications are collected and waited for by method and
predicate. Waits have a generous limit so that a broken server fails a test
instead of hanging it; nothing is timed.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

WAIT = 60.0  # seconds before a wait gives up (a failure, never a measurement)


def frame(message: dict[str, Any]) -> bytes:
    try:
        body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: only the escaped form can carry it
        body = json.dumps(message).encode("ascii")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, cwd: str | Path | None = None, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "post_lint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env={**os.environ, **(env or {})},
        )
        self._next_id = 0
        self._responses: dict[int, dict] = {}
        self._notes: list[dict] = []
        self._cond = threading.Condition()
        self._inbox: queue.SimpleQueue = queue.SimpleQueue()
        self.server_requests: list[dict] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._stderr: list[bytes] = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- wire --------------------------------------------------------------------

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    with self._cond:
                        self._cond.notify_all()
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(out.read(length))
            with self._cond:
                if "id" in message and "method" not in message:
                    self._responses[message["id"]] = message
                elif "id" in message:  # a request from the server: answer it
                    self.server_requests.append(message)
                    self._write({"jsonrpc": "2.0", "id": message["id"], "result": None})
                else:
                    self._notes.append(message)
                self._cond.notify_all()

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self._stderr.append(line)

    @property
    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def _write(self, message: dict[str, Any]) -> None:
        self.send_raw(frame(message))

    def send_raw(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    # -- messages ----------------------------------------------------------------

    def notify(self, method: str, params: Any = None) -> None:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def request_async(self, method: str, params: Any = None) -> int:
        with self._cond:
            self._next_id += 1
            msg_id = self._next_id
        self._write({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        return msg_id

    def response(self, msg_id: int) -> dict:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: msg_id in self._responses or self.proc.poll() is not None, WAIT
            )
            if not ok or msg_id not in self._responses:
                raise AssertionError(f"no response to request {msg_id}; stderr:\n{self.stderr}")
            return self._responses.pop(msg_id)

    def request(self, method: str, params: Any = None) -> Any:
        reply = self.response(self.request_async(method, params))
        if "error" in reply:
            raise AssertionError(f"{method} failed: {reply['error']}")
        return reply.get("result")

    def wait_note(self, method: str, where: Callable[[dict], bool] = lambda p: True) -> dict:
        """The first collected notification of ``method`` whose params pass
        ``where`` (removed from the collection), waiting for it if needed."""

        def find():
            for i, note in enumerate(self._notes):
                if note.get("method") == method and where(note.get("params")):
                    return i
            return None

        with self._cond:
            ok = self._cond.wait_for(
                lambda: find() is not None or self.proc.poll() is not None, WAIT
            )
            i = find()
            if not ok or i is None:
                raise AssertionError(f"no {method} notification; stderr:\n{self.stderr}")
            return self._notes.pop(i)["params"]

    def notes(self, method: str) -> list[dict]:
        with self._cond:
            return [n["params"] for n in self._notes if n.get("method") == method]

    def diagnostics(self, uri: str, version: int | None = None) -> list[dict]:
        """Wait for the diagnostics published for ``uri`` (at ``version``)."""
        params = self.wait_note(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == uri and (version is None or p.get("version") == version),
        )
        return params["diagnostics"]

    # -- the usual conversation ----------------------------------------------------

    def initialize(
        self,
        encodings: list[str] | None = None,
        root: Path | None = None,
        options: dict | None = None,
        process_id: int | None = None,
        **caps: Any,
    ) -> dict:
        capabilities: dict[str, Any] = {
            "textDocument": {
                "codeAction": {
                    "codeActionLiteralSupport": {
                        "codeActionKind": {"valueSet": ["quickfix", "source.fixAll"]}
                    }
                },
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
            },
            "workspace": {"workspaceEdit": {"documentChanges": True}},
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        for key, value in caps.items():
            capabilities[key] = {**capabilities.get(key, {}), **value}
        result = self.request(
            "initialize",
            {
                "processId": process_id or os.getpid(),
                "rootUri": root.as_uri() if root else None,
                "capabilities": capabilities,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language: str = "markdown") -> None:
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": language,
                    "version": version,
                    "text": text,
                }
            },
        )

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
        )

    def edit(
        self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str
    ) -> None:
        """One incremental change, as editors send them: ``text`` replaces
        the range from ``start`` to ``end`` (0-based line, character)."""
        change = {
            "range": {
                "start": {"line": start[0], "character": start[1]},
                "end": {"line": end[0], "character": end[1]},
            },
            "text": text,
        }
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )

    def close(self) -> int:
        """shutdown + exit; returns the exit status."""
        self.request("shutdown")
        self.notify("exit")
        return self.proc.wait(WAIT)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(WAIT)


def apply_edits(text: str, edits: list[dict], encoding: str = "utf-16") -> str:
    """Apply LSP TextEdits (ranges in the given encoding) to ``text``, the way
    an editor does: all ranges refer to the original text."""
    starts = [0]
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        if c in "\r\n":
            starts.append(i + 1)
        i += 1

    def offset(pos: dict) -> int:
        line = pos["line"]
        if line >= len(starts):
            return len(text)
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        content = text[start:end].rstrip("\r\n")
        units = 0
        for k, ch in enumerate(content):
            if units >= pos["character"]:
                return start + k
            units += _width(ch, encoding)
        return start + len(content)

    spans = sorted(
        ((offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits),
        reverse=True,
    )
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


def _width(ch: str, encoding: str) -> int:
    if encoding == "utf-32":
        return 1
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    return 2 if ord(ch) > 0xFFFF else 1


def edits_of(action: dict, uri: str) -> list[dict]:
    edit = action["edit"]
    if "documentChanges" in edit:
        return [e for dc in edit["documentChanges"] for e in dc["edits"]]
    return edit["changes"][uri]
