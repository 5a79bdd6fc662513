// A minimal VS Code client for `post-lint server`: it starts the server over
// stdio for Markdown (and MDX) files and leaves the rest to the protocol.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("post-lint");
  const [command, ...args] = settings.get("command", ["post-lint", "server"]);
  const serverOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "file", language: "mdx" },
    ],
    initializationOptions: { debounce: settings.get("debounce", 0) },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{.post-lint.toml,pyproject.toml}"),
    },
  };
  client = new LanguageClient("post-lint", "post-lint", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
