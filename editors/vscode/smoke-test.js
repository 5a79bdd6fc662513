// Talks to `post-lint server` with the protocol library vscode-languageclient
// is built on (vscode-languageserver-protocol), the way VS Code does: it
// initializes, opens the post named on the command line, and prints the
// diagnostics and code action titles it gets as JSON. Used by
// tests/test_server_editors.py; run by hand with
//   node smoke-test.js POST.md post-lint server
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const rpc = require("vscode-languageserver-protocol/node");

async function main() {
  const [file, command, ...args] = process.argv.slice(2);
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const uri = pathToFileURL(path.resolve(file)).href;
  const published = new Promise((resolve) => {
    connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri) resolve(params.diagnostics);
    });
  });
  connection.onRequest(rpc.RegistrationRequest.type, () => null);
  connection.listen();
  const init = await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      general: { positionEncodings: ["utf-16"] },
      textDocument: {
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "source"] } },
        },
        publishDiagnostics: { relatedInformation: true },
      },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
    },
  });
  connection.sendNotification(rpc.InitializedNotification.type, {});
  connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "markdown", version: 1, text: fs.readFileSync(file, "utf8") },
  });
  const diagnostics = await published;
  const first = diagnostics[0];
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, {
    textDocument: { uri },
    range: first.range,
    context: { diagnostics: [first] },
  });
  await connection.sendRequest(rpc.ShutdownRequest.type);
  connection.sendNotification(rpc.ExitNotification.type);
  const status = await new Promise((resolve) => child.on("exit", resolve));
  process.stdout.write(
    JSON.stringify({
      encoding: init.capabilities.positionEncoding,
      diagnostics: diagnostics.map((d) => [d.code, d.range.start.line + 1, d.range.start.character]),
      actions: actions.map((a) => a.title),
      status,
    }) + "\n",
  );
  connection.dispose();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
