-- Headless check that Neovim's own LSP client attaches `post-lint server`
-- and shows its diagnostics (tests/test_server_editors.py runs it):
--   POST_LINT_CMD='["/path/post-lint","server"]' POST_LINT_OUT=out.json \
--     nvim --headless --clean -u check.lua FILE.md
local config = dofile(vim.fs.joinpath(vim.fs.dirname(debug.getinfo(1, "S").source:sub(2)), "post-lint.lua"))
config.cmd = vim.json.decode(os.getenv("POST_LINT_CMD"))
vim.lsp.config("post_lint", config)
vim.lsp.enable("post_lint")

local out = os.getenv("POST_LINT_OUT")
local function finish(result)
  local fh = assert(io.open(out, "w"))
  fh:write(vim.json.encode(result))
  fh:close()
  vim.cmd("qall!")
end

vim.api.nvim_create_autocmd("VimEnter", {
  callback = function()
    vim.cmd("filetype on")
    vim.bo.filetype = "markdown"
    local ok = vim.wait(30000, function()
      return #vim.diagnostic.get(0) > 0
    end, 50)
    local client = vim.lsp.get_clients({ bufnr = 0, name = "post_lint" })[1]
    local result = {
      attached = client ~= nil,
      encoding = client and client.offset_encoding or vim.NIL,
      diagnostics = {},
      hover = vim.NIL,
    }
    for _, d in ipairs(vim.diagnostic.get(0)) do
      table.insert(result.diagnostics, { d.code, d.lnum + 1, d.col, d.source })
    end
    if not ok then
      result.timeout = true
    end
    local hover_line = tonumber(os.getenv("POST_LINT_HOVER_LINE") or "")
    if client and hover_line then
      local line = vim.api.nvim_buf_get_lines(0, hover_line - 1, hover_line, false)[1]
      local col = line:find("DUP001", 1, true)
      local reply = client:request_sync("textDocument/hover", {
        textDocument = { uri = vim.uri_from_bufnr(0) },
        position = { line = hover_line - 1, character = col },
      }, 10000, 0)
      if reply and reply.result then
        result.hover = reply.result.contents.value
      end
    end
    if client and os.getenv("POST_LINT_FIX_ALL") then
      local before = vim.b.changedtick
      vim.lsp.buf.code_action({
        context = { only = { "source.fixAll.post-lint" }, diagnostics = {} },
        apply = true,
      })
      vim.wait(30000, function()
        return vim.b.changedtick ~= before
      end, 50)
      result.fixed = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n") .. "\n"
    end
    finish(result)
  end,
})
