//! Zed dev extension: runs `post-lint server` (found on the worktree's PATH)
//! for Markdown files.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct PostLint;

impl zed::Extension for PostLint {
    fn new() -> Self {
        PostLint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree
            .which("post-lint")
            .ok_or_else(|| "post-lint is not on PATH (pip install post-lint)".to_string())?;
        Ok(zed::Command {
            command,
            args: vec!["server".to_string()],
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(PostLint);
