-- Neovim 0.11+: ~/.config/nvim/lsp/post_lint.lua (or paste into init.lua as
-- vim.lsp.config("post_lint", {...})), then vim.lsp.enable("post_lint").
return {
  cmd = { "post-lint", "server" },
  filetypes = { "markdown" },
  root_markers = { ".post-lint.toml", "pyproject.toml", ".git" },
}
