"""``post-lint server`` end to end: the server runs as a subprocess and the
tests speak JSON-RPC to it over stdio (tests/lsp_client.py). One server
serves most tests (each test opens its own document); encodings, exit and a
vanishing client get a server of their own."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="pygls is not installed: pip install -e '.[dev]' again")

from post_lint.fix import apply_fixes
from post_lint.post import Post

from .conftest import EXAMPLES, ROOT
from .lsp_client import WAIT, Client, apply_edits, edits_of

WORKED = (EXAMPLES / "seed-alibaba-ja.md").resolve()
REPEATED = "A first paragraph that says something about the weather and the sea, at length."
EMOJI_POST = "# Notes\n\nWe loved the 🍣 and 寿司 😀. Then we went to the\n\n---END---\n"


@pytest.fixture(scope="module")
def client():
    c = Client(cwd=ROOT)
    c.initialize()
    yield c
    try:
        assert c.close() == 0
    finally:
        c.kill()


def _cli_json(path: Path, *args: str, stdin: str | None = None) -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "post_lint", "--output-format", "json", *args, str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        input=stdin,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def _utf16(line: str, column: int) -> int:
    return len(line[: column - 1].encode("utf-16-le")) // 2


def _actions(client, uri, line, only=None, diagnostics=()):
    context = {"diagnostics": list(diagnostics)}
    if only:
        context["only"] = only
    return client.request(
        "textDocument/codeAction",
        {
            "textDocument": {"uri": uri},
            "range": {
                "start": {"line": line, "character": 0},
                "end": {"line": line, "character": 0},
            },
            "context": context,
        },
    )


def _relint(client, uri, text, version):
    client.change(uri, text, version)
    return client.diagnostics(uri, version)


# -- diagnostics ------------------------------------------------------------------------


def test_utf16_is_the_default_encoding():
    c = Client(cwd=ROOT)
    try:
        caps = c.initialize()["capabilities"]
        assert caps["positionEncoding"] == "utf-16"
        assert caps["textDocumentSync"]["change"] == 2  # incremental
        assert set(caps["codeActionProvider"]["codeActionKinds"]) == {
            "quickfix",
            "source.fixAll.post-lint",
        }
        assert caps["hoverProvider"]
        assert c.close() == 0
    finally:
        c.kill()


def test_worked_example_equals_the_cli(client):
    uri = WORKED.as_uri()
    text = WORKED.read_text(encoding="utf-8")
    client.open(uri, text)
    got = client.diagnostics(uri, 1)
    cli = _cli_json(WORKED)
    assert len(cli) == 53
    assert Counter((d["code"], d["range"]["start"]["line"] + 1) for d in got) == Counter(
        (d["code"], d["line"]) for d in cli
    )
    lines = text.split("\n")
    by_key = {(d["code"], d["line"], d["column"]): d for d in cli}
    for d in got:
        start, end = d["range"]["start"], d["range"]["end"]
        line = start["line"] + 1
        match = [c for (code, n, _), c in by_key.items() if code == d["code"] and n == line]
        assert any(
            start["character"] == _utf16(lines[line - 1], c["column"])
            and end["character"] == _utf16(lines[c["end_line"] - 1], c["end_column"])
            for c in match
        ), d
        assert d["source"] == "post-lint"
        assert d["severity"] == 2  # every default severity is warning
        assert d["codeDescription"]["href"].endswith(f"/docs/rules/{d['code']}.md")
    trn = [d for d in got if d["code"] == "TRN001" and d["range"]["start"]["line"] == 47]
    assert trn[0]["range"]["start"]["character"] == 124  # 48:125, all BMP: same in UTF-16
    repeat = next(d for d in got if d["code"] == "DUP001" and d["range"]["start"]["line"] == 71)
    assert repeat["message"] == "paragraph repeats the one at line 54"
    (related,) = repeat["relatedInformation"]
    assert related["location"]["uri"] == uri
    assert related["location"]["range"]["start"] == {"line": 53, "character": 0}
    assert related["message"].startswith("line 54: ")


def test_emoji_columns_are_utf16(client, tmp_path):
    path = tmp_path / "emoji.md"
    path.write_text(EMOJI_POST, encoding="utf-8")
    client.open(path.as_uri(), EMOJI_POST)
    got = {d["code"]: d["range"] for d in client.diagnostics(path.as_uri(), 1)}
    cli = {d["code"]: d for d in _cli_json(path)}
    assert (cli["TRN001"]["column"], cli["TRN001"]["end_column"]) == (26, 45)
    # 25 code points before the cut sentence, two of them astral: 27 UTF-16 units
    assert got["TRN001"] == {
        "start": {"line": 2, "character": 27},
        "end": {"line": 2, "character": 46},
    }
    assert got["GEN001"]["start"] == {"line": 4, "character": 0}


def test_change_republishes_for_the_new_version(client, tmp_path):
    uri = (tmp_path / "2024-01-01-change.md").as_uri()
    client.open(uri, "# Title\n\nA calm paragraph.\n")
    assert client.diagnostics(uri, 1) == []
    got = _relint(client, uri, "# Title\n\nA calm paragraph.\n\n<|im_end|>\n", 2)
    assert [(d["code"], d["range"]["start"]["line"]) for d in got] == [("GEN001", 4)]
    # a burst of changes: the last version is what ends up published
    for v in range(3, 8):
        client.change(uri, "# Title\n\nA calm paragraph.\n" + "\n<|im_end|>\n" * (v - 2), v)
    last = client.diagnostics(uri, 7)
    assert [d["range"]["start"]["line"] for d in last] == [4, 6, 8, 10, 12]
    stale = [
        p
        for p in client.notes("textDocument/publishDiagnostics")
        if p["uri"] == uri and p.get("version", 0) < 7
    ]
    for p in stale:  # whatever was published for an older version matches its text
        assert len(p["diagnostics"]) == p["version"] - 2


def test_incremental_changes_in_utf16(client, tmp_path):
    uri = (tmp_path / "incremental.md").as_uri()
    text = "# T\r\n\r\nA line\u2028with 😀 emoji.\r\n"
    client.open(uri, text)
    assert client.diagnostics(uri, 1) == []
    # after the emoji (UTF-16 column 13 of line 2, which U+2028 does not end),
    # then a marker paragraph appended past the last line
    edits = [
        {
            "range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 13}},
            "text": " and 寿司",
        },
        {
            "range": {"start": {"line": 3, "character": 0}, "end": {"line": 3, "character": 0}},
            "text": "\r\n<|im_end|>\r\n",
        },
    ]
    client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": 2}, "contentChanges": edits},
    )
    got = client.diagnostics(uri, 2)
    assert [(d["code"], d["range"]["start"]["line"]) for d in got] == [("GEN001", 4)]
    (action,) = _actions(client, uri, 0, only=["source.fixAll.post-lint"])
    after = "# T\r\n\r\nA line\u2028with 😀 and 寿司 emoji.\r\n\r\n<|im_end|>\r\n"
    assert apply_edits(after, edits_of(action, uri)) == (
        "# T\r\n\r\nA line\u2028with 😀 and 寿司 emoji.\r\n"
    )


def test_close_clears_the_diagnostics(client, tmp_path):
    uri = (tmp_path / "close.md").as_uri()
    client.open(uri, "# T\n\nText.\n\n---END---\n")
    assert len(client.diagnostics(uri, 1)) == 1
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    params = client.wait_note("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert params["diagnostics"] == []


def test_save_lints_again(client, tmp_path):
    uri = (tmp_path / "save.md").as_uri()
    client.open(uri, "# T\n\nText.\n\n---END---\n")
    first = client.diagnostics(uri, 1)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri, 1) == first


# -- code actions -------------------------------------------------------------------------


def test_fix_all_equals_cli_fix_on_the_worked_example(client, tmp_path):
    uri = (tmp_path / WORKED.name).as_uri()
    text = WORKED.read_text(encoding="utf-8")
    client.open(uri, text, version=11)
    client.diagnostics(uri, 11)
    actions = _actions(client, uri, 0, only=["source.fixAll"])
    assert [a["kind"] for a in actions] == ["source.fixAll.post-lint"]
    fixed = apply_edits(text, edits_of(actions[0], uri))
    cli = subprocess.run(
        [sys.executable, "-m", "post_lint", "--fix", "-", "--stdin-filename", str(WORKED)],
        input=text,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert cli.stdout != text
    assert fixed == cli.stdout
    assert actions[0]["edit"]["documentChanges"][0]["textDocument"]["version"] == 11
    # and the server agrees that what is left is what --fix leaves
    left = _relint(client, uri, fixed, 12)
    assert Counter(d["code"] for d in left) == Counter(
        d["code"] for d in _cli_json(Path("-"), "--stdin-filename", str(WORKED), stdin=fixed)
    )


def test_quick_fix_applies_one_diagnostics_fix(client, tmp_path):
    path = tmp_path / "quick.md"
    text = WORKED.read_text(encoding="utf-8")
    uri = path.as_uri()
    client.open(uri, text)
    got = client.diagnostics(uri, 1)
    gen = next(d for d in got if d["code"] == "GEN001" and d["range"]["start"]["line"] == 49)
    actions = _actions(client, uri, 49, diagnostics=[gen])
    titles = [a["title"] for a in actions]
    assert titles == [
        "Fix GEN001: remove the leaked marker (safe fix)",
        "Disable GEN001 for this line",
        "Disable GEN001 for this file",
        "post-lint: fix all safely fixable problems",
    ]
    assert [a["kind"] for a in actions] == ["quickfix"] * 3 + ["source.fixAll.post-lint"]
    assert actions[0]["isPreferred"] is True
    assert actions[0]["diagnostics"][0]["code"] == "GEN001"
    after = apply_edits(text, edits_of(actions[0], uri))
    post = Post.from_text(text, str(path))
    from post_lint.linter import lint_text

    one = [d for d in lint_text(text, str(path)) if d.code == "GEN001" and d.line == 50]
    assert after == apply_fixes(post.text, one, unsafe=False)[0]
    left = _relint(client, uri, after, 2)
    assert len(left) == len(got) - 1


def test_unsafe_fix_is_labelled(client, tmp_path):
    uri = (tmp_path / WORKED.name).as_uri()
    client.open(uri, WORKED.read_text(encoding="utf-8"))
    client.diagnostics(uri, 1)
    actions = _actions(client, uri, 87)  # 88:1 DUP001 (safe) and TRN002 (unsafe)
    fixes = [a["title"] for a in actions if a["title"].startswith("Fix ")]
    assert fixes == [
        "Fix DUP001: apply the suggested fix (safe fix)",
        "Fix TRN002: remove the continuation; its text is already in the post"
        " (unsafe fix: review the result)",
    ]
    unsafe = next(a for a in actions if a["title"].startswith("Fix TRN002"))
    assert not unsafe.get("isPreferred")


def test_disable_for_this_line_and_file(client, tmp_path):
    uri = (tmp_path / "disable.md").as_uri()
    text = (
        f"# Title\n\n{REPEATED}\n\n{REPEATED}\n\n"
        "Two lines of text that start well\nand then are cut at the\n\n---END---\n"
    )
    client.open(uri, text)
    got = client.diagnostics(uri, 1)
    codes = sorted((d["code"], d["range"]["start"]["line"]) for d in got)
    assert codes == [("DUP001", 4), ("GEN001", 9), ("TRN001", 7)]
    actions = {a["title"]: a for a in _actions(client, uri, 4)}
    line_fix = edits_of(actions["Disable DUP001 for this line"], uri)
    assert line_fix[0]["newText"] == "<!-- post-lint-disable-next-line DUP001 -->\n"
    after = apply_edits(text, line_fix)
    assert sorted(d["code"] for d in _relint(client, uri, after, 2)) == ["GEN001", "TRN001"]
    # a diagnostic on a paragraph's second line: a comment at the line's end,
    # which does not split the paragraph
    actions = {a["title"]: a for a in _actions(client, uri, 8)}
    trn = edits_of(actions["Disable TRN001 for this line"], uri)
    assert trn[0]["newText"] == " <!-- post-lint-disable-line TRN001 -->"
    after2 = apply_edits(after, trn)
    assert sorted(d["code"] for d in _relint(client, uri, after2, 3)) == ["GEN001"]
    # the whole file: a comment after the title's line? no: at the top of the body
    actions = {a["title"]: a for a in _actions(client, uri, 10)}
    whole = edits_of(actions["Disable GEN001 for this file"], uri)
    assert whole[0]["range"]["start"] == {"line": 0, "character": 0}
    final = apply_edits(after2, whole)
    assert _relint(client, uri, final, 4) == []
    assert final.startswith("<!-- post-lint-disable-file GEN001 -->\n# Title\n")


# -- hover ----------------------------------------------------------------------------------


def test_hover_shows_the_rules_documentation(client, tmp_path):
    from post_lint.docs import explain
    from post_lint.rules import BY_CODE

    uri = (tmp_path / "hover.md").as_uri()
    text = "# T\n\n<!-- post-lint-disable-next-line DUP001, GEN -->\nText 😀.\n"
    client.open(uri, text)
    client.diagnostics(uri, 1)

    def hover(character):
        return client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 2, "character": character}},
        )

    on_code = hover(text.split("\n")[2].index("DUP001") + 3)
    assert on_code["contents"]["kind"] == "markdown"
    assert on_code["contents"]["value"] == explain(BY_CODE["DUP001"])
    assert on_code["contents"]["value"].startswith("# DUP001 repeated-paragraph\n")
    assert on_code["range"] == {
        "start": {"line": 2, "character": 33},
        "end": {"line": 2, "character": 39},
    }
    on_prefix = hover(text.split("\n")[2].index("GEN") + 1)
    assert "GEN001 `leaked-end-marker`" in on_prefix["contents"]["value"]
    assert hover(8) is None  # the keyword, not a code
    assert (
        client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 3, "character": 2}},
        )
        is None
    )


# -- configuration ------------------------------------------------------------------------


def test_config_is_found_from_the_document_and_reloaded(client, tmp_path):
    (tmp_path / "blog").mkdir()
    config = tmp_path / ".post-lint.toml"
    config.write_text('ignore = ["GEN001"]\n', encoding="utf-8")
    uri = (tmp_path / "blog" / "post.md").as_uri()
    text = "# T\n\nText.\n\n---END---\n\nMore text here.\n"
    client.open(uri, text)
    assert client.diagnostics(uri, 1) == []
    config.write_text('ignore = ["DUP"]\n', encoding="utf-8")
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]}
    )
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["GEN001"]
    config.write_text("ignore = [", encoding="utf-8")  # broken: defaults, and a message
    client.notify(
        "workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]}
    )
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["GEN001"]
    logged = client.wait_note(
        "window/logMessage",
        lambda p: str(config) in p["message"] and "invalid TOML" in p["message"],
    )
    assert logged["type"] == 1


def test_a_saved_section_page_relints_the_posts_below_it(client, tmp_path):
    section = tmp_path / "content" / "docs" / "_index.md"
    section.parent.mkdir(parents=True)
    section.write_text("---\ncascade:\n  build:\n    render: never\n---\n", encoding="utf-8")
    uri = (section.parent / "intro.md").as_uri()
    client.open(uri, "---\ndate: 2024-01-01\n---\n\nText.\n")
    assert client.diagnostics(uri, 1) == []  # headless: no title needed
    section.write_text("---\ntitle: Docs\n---\n", encoding="utf-8")
    client.notify("textDocument/didSave", {"textDocument": {"uri": section.as_uri()}})
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["FM003"]


# -- robustness ---------------------------------------------------------------------------


def test_malformed_messages_do_not_stop_the_server(client, tmp_path):
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    client.send_raw(b"Content-Length: 2\r\n\r\n[]")
    client.send_raw(b"X-Junk: " + b"x" * 100_000 + b"\r\n")  # a header line over any limit
    client.notify("textDocument/didOpen", {"textDocument": {"uri": 5}})
    client.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": "file:///nowhere.md", "version": 2},
            "contentChanges": [{"text": "x"}],
        },
    )
    reply = client.response(client.request_async("no/such/method", {}))
    assert reply["error"]["code"] == -32601
    uri = (tmp_path / "after.md").as_uri()
    client.open(uri, "# T\n\nText.\n\n---END---\n")
    assert [d["code"] for d in client.diagnostics(uri, 1)] == ["GEN001"]


def test_hostile_documents(client, tmp_path):
    hostile = {
        "nested.md": "# T\n\n" + "> " * 5000 + "[" * 20000 + "text\n",
        "separators.md": "# T\n\nline\u2028with\x0cseparators\x85and\x00nul\n\n---END---\n",
        "surrogate.md": "# T\n\nbroken \ud800 half\n\n---END---\n",
        "crlf.md": "\ufeff# T\r\n\r\n寿司 😀 text.\r\n\r\n---END---\r\n",
        "empty.md": "",
        "frontmatter.md": "---\na: &a [*a, *a]\nb: !!python/object:os.system x\n---\n\nText.\n",
    }
    for name, text in hostile.items():
        client.open((tmp_path / name).as_uri(), text)
    for name, text in hostile.items():
        uri = (tmp_path / name).as_uri()
        got = client.diagnostics(uri, 1)
        if "---END---" in text:
            gen = [d for d in got if d["code"] == "GEN001"]
            assert gen and gen[0]["range"]["start"]["line"] == 4, (name, got)
    # CRLF and a BOM: the fix keeps both
    uri = (tmp_path / "crlf.md").as_uri()
    (action,) = _actions(client, uri, 0, only=["source.fixAll.post-lint"])
    fixed = apply_edits(hostile["crlf.md"], edits_of(action, uri))
    assert fixed == "\ufeff# T\r\n\r\n寿司 😀 text.\r\n"


def test_a_huge_document_is_bounded(client, tmp_path):
    uri = (tmp_path / "huge.md").as_uri()
    client.open(uri, "# T\n\n" + "x" * (17 * 1024 * 1024) + "\n")
    got = client.diagnostics(uri, 1)
    assert [(d["code"], d["range"]["start"]["line"]) for d in got] == [("PL003", 0)]


# -- encodings, exit and a client that vanishes ------------------------------------------------


def test_utf8_when_offered_and_fix_all_resolved():
    c = Client(cwd=ROOT)
    try:
        caps = c.initialize(
            ["utf-8", "utf-16"],
            options={"debounce": 30},
            textDocument={
                "codeAction": {
                    "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}},
                    "resolveSupport": {"properties": ["edit"]},
                },
            },
        )["capabilities"]
        assert caps["positionEncoding"] == "utf-8"
        uri = "untitled:emoji"
        c.open(uri, EMOJI_POST)
        got = {d["code"]: d["range"] for d in c.diagnostics(uri, 1)}
        prefix = "We loved the 🍣 and 寿司 😀. "
        assert got["TRN001"]["start"] == {"line": 2, "character": len(prefix.encode())}
        (action,) = _actions(c, uri, 0, only=["source.fixAll"])
        assert "edit" not in action
        resolved = c.request("codeAction/resolve", action)
        fixed = apply_edits(EMOJI_POST, edits_of(resolved, uri), "utf-8")
        assert "---END---" not in fixed and fixed.startswith("# Notes\n\nWe loved")
        # with a debounce too, a burst of changes ends with the last text's findings
        # (how many runs it took depends on timing, so it is not asserted)
        for v in range(2, 6):
            c.change(uri, EMOJI_POST + "\n<|im_end|>\n" * (v - 1), v)
        assert len(c.diagnostics(uri, 5)) == 2 + 4
        assert c.close() == 0
    finally:
        c.kill()


def test_stdin_from_a_file(tmp_path):
    from .lsp_client import frame

    messages = tmp_path / "session.bin"
    messages.write_bytes(
        frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
        + frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        + frame({"jsonrpc": "2.0", "method": "exit"})
    )
    with messages.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "post_lint", "server"],
            stdin=stdin,
            capture_output=True,
            cwd=ROOT,
            timeout=WAIT,
        )
    assert done.returncode == 0, done.stderr
    assert b'"positionEncoding": "utf-16"' in done.stdout
    assert b'{"id": 2, "jsonrpc": "2.0", "result": null}' in done.stdout


def test_exit_without_shutdown_is_status_1():
    c = Client(cwd=ROOT)
    try:
        assert c.initialize(["utf-32"])["capabilities"]["positionEncoding"] == "utf-32"
        c.notify("exit")
        assert c.proc.wait(WAIT) == 1
    finally:
        c.kill()


def test_a_client_that_vanishes():
    c = Client(cwd=ROOT)
    try:
        c.initialize()
        text = WORKED.read_text(encoding="utf-8")
        for i in range(5):  # leave work and unread replies behind
            c.open(f"untitled:gone{i}", text)
        c.proc.stdin.close()
        c.proc.stdout.close()
        assert c.proc.wait(WAIT) is not None
        assert "Traceback" not in c.stderr
    finally:
        c.kill()


def test_the_server_exits_when_its_client_process_dies():
    # The client names its process in `initialize`; when that process is
    # gone (an editor killed without closing the pipe), the server leaves by
    # itself within a check interval, though its stdin is still open.
    from post_lint.server.lsp import PARENT_CHECK_SECONDS

    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    c = Client(cwd=ROOT)
    try:
        c.initialize(process_id=editor.pid)
        c.open("untitled:watched", "# Title\n\nSome text.\n")
        assert c.proc.poll() is None
        editor.kill()
        editor.wait(WAIT)
        assert c.proc.wait(PARENT_CHECK_SECONDS * 2 + WAIT) == 1
        assert "Traceback" not in c.stderr
    finally:
        editor.kill()
        c.kill()
