"""Writing rendered reports to disk so a reader never sees a half-written file."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, replacing any existing file in one step.

    The text goes to a temporary file in the same directory (so the final rename never crosses
    file systems), is flushed to disk, then renamed over ``path``. If anything fails, the
    temporary file is removed, ``path`` is left as it was, and the error propagates.

    A new file gets the usual permissions for the user's umask; a replaced file keeps its own,
    so a report published from a shared directory stays readable.

    Raises:
        OSError: the directory is missing or not writable, the disk is full, or ``path`` is a
            directory.
    """
    data = text.encode("utf-8")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # os.open applies the umask to 0o666, unlike mkstemp's fixed 0o600.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
