"""Replacing a file atomically: the one way post-lint writes a file in place
(``--fix``, a baseline or ``--output-file``, the compiled-pattern cache).

The data goes to a new temporary file beside the target (created with
``O_EXCL`` under a random name, so it is never someone else's file), which
is then renamed over the target: a reader sees the old file or the new one,
never half of one, and a failure leaves the target as it was and removes
the temporary file. No ``tempfile`` import (it pulls in ``random`` and
``shutil``, which a one-file run otherwise never needs).
"""

from __future__ import annotations

import os


def replace_atomically(path: str, data: bytes, *, mode: int = 0o644, durable: bool = False) -> None:
    """Make ``path`` hold ``data``: permission bits ``mode`` (less the umask
    when the file is created), flushed to the disk first when ``durable``.
    Raises OSError (the target untouched) when it cannot."""
    folder = os.path.dirname(path) or "."
    name = os.path.basename(path)
    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - 100 random names all taken
        raise FileExistsError(f"no free temporary name beside {path}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
