"""Errors that stop post-lint from doing its job (exit status 2)."""


class PostLintError(Exception):
    """A problem the user can fix: bad arguments, bad config, unreadable input.

    The CLI prints ``post-lint: error: <message>`` and exits with status 2.
    """


class ConfigError(PostLintError):
    """A configuration file or value is wrong; the message names file and key."""
