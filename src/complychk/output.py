"""Writing rendered reports to disk so a reader never sees a half-written file."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path


def file_identity(path: str | Path) -> tuple[int, int] | str:
    """What makes two paths the same file: however spelt, through links, or hard-linked.

    An existing file is its device and inode; one not yet written is its resolved path (so
    ``out.json``, ``./out.json`` and a link to it agree).
    """
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``, replacing any existing file in one step.

    The text goes to a temporary file in the same directory (so the final rename never crosses
    file systems), is flushed to disk, then renamed over ``path``. If anything fails, the
    temporary file is removed, ``path`` is left as it was, and the error propagates.

    A new file gets the usual permissions for the user's umask; a replaced file keeps its own,
    so a report published from a shared directory stays readable.

    Raises:
        OSError: the directory is missing or not writable, the disk is full, or ``path`` is a
            directory. ``filename`` is ``path``, never the temporary file.
    """
    write_all_atomic([(path, text)])


def write_all_atomic(files: Sequence[tuple[Path, str]]) -> None:
    """Write several files so that a failure leaves every one of them as it was.

    CI jobs publish the JUnit, SARIF and Markdown reports of one run together; a run that could
    write only some of them would publish a mix of this run and the last. So every text is
    staged beside its target first, and only when all are safely on disk are they renamed into
    place. Staging also refuses a target that is a directory, so the renames cannot fail for any
    reason staging has not already ruled out, and one that is a device or a named pipe, which a
    rename would replace (and which, as root, could be /dev/null).

    Raises:
        OSError: as ``write_atomic``, for the first file that could not be staged; nothing has
            been replaced and no temporary file is left.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            staged.append((_stage(path, text.encode("utf-8")), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        raise


def _stage(path: Path, data: bytes) -> Path:
    """Write ``data`` to a fresh temporary file beside ``path``, flushed to disk."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = stat.S_IFREG  # a new file
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(mode):
        # Renaming over a device (/dev/null, as root) or a named pipe would replace it.
        problem = "it is a device, pipe or socket, not a file; give a file name"
        raise OSError(errno.EINVAL, problem, str(path))
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # os.open applies the umask to 0o666, unlike mkstemp's fixed 0o600.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(temporary, flags, 0o666)
    except OSError as error:
        error.filename = str(path)  # the user named the report, not our temporary
        raise
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, stat.S_IMODE(os.stat(path).st_mode))
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return temporary
