"""Entries in the user's cache folder: where it is, and how entries are read and written safely.

Entries are JSON: compiled packs (:mod:`complychk.conditions.pack_cache`), parsed feature files,
validated manifests and the kinds each pack covers (:mod:`complychk.conditions.packs`), each under
a key made of everything it depends on. A cache is only an accelerator: an entry that is missing,
unreadable, damaged, written by another user or writable by others reads as no entry, and
failing to write one is no error. ``COMPLYCHK_CACHE_DIR`` moves the cache;
``COMPLYCHK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from complychk import __version__

_PACKAGE = Path(__file__).resolve().parents[1]

PREFIXES = ("gherkin-", "kinds-", "manifest-", "pack-", "schema-", "lean-")
"""How the names of complychk's entries start, those of earlier versions included (``pack-``
held pickled packs, ``schema-`` and ``lean-`` proposal model schemas), so old entries are pruned;
other files in the folder are left alone."""

KEEP = 64
"""Entries kept: every edit of a pack or of complychk makes new ones, so the oldest go."""


def cache_dir() -> Path | None:
    """Where cache entries are kept (the platform's user cache folder, through platformdirs),
    or None when caching is off."""
    if os.environ.get("COMPLYCHK_NO_CACHE"):
        return None
    chosen = os.environ.get("COMPLYCHK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("complychk", appauthor=False))


def entry_key(parts: Iterable[str], inputs: Iterable[Path] = ()) -> str | None:
    """The key of an entry made from ``parts`` and the ``inputs`` files' bytes, by this
    complychk (its version and source files) on this Python; None if a file cannot be read."""
    digest = hashlib.sha256()
    for part in (__version__, sys.implementation.name, sys.version, *parts):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    try:
        digest.update(source_fingerprint())
        for path in inputs:
            if not path.is_file():  # a pipe would never finish reading; the loader says why
                return None
            digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


@cache
def source_fingerprint() -> bytes:
    """complychk's own source files as this process found them (a changed checkout rebuilds)."""
    digest = hashlib.sha256()
    for source in sorted(_PACKAGE.rglob("*.py")):
        info = source.stat()
        digest.update(
            f"{source.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}\0".encode()
        )
    return digest.digest()


def read_entry(path: Path) -> object:
    """The cached object, or None for anything short of a trustworthy, readable entry."""
    try:
        info = path.stat()
        folder = path.parent.stat()
    except OSError:
        return None
    if not (_trusted(info) and _trusted(folder)):
        return None
    try:
        data = path.read_bytes()
        return json.loads(data)
    except Exception:  # a damaged cache entry can fail in any way; rebuild instead
        return None


def _trusted(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: whoever can write an entry decides
    what a condition says."""
    owner = getattr(os, "getuid", None)
    if owner is not None and info.st_uid != owner():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_entry(path: Path, data: bytes) -> None:
    """Write an entry atomically (readers never see half of one); failing to is no error."""
    folder = path.parent
    with contextlib.suppress(OSError):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _prune(folder)


def _prune(folder: Path) -> None:
    entries = sorted(
        (entry.stat().st_mtime_ns, entry)
        for entry in folder.iterdir()
        if entry.name.startswith(PREFIXES)
    )
    for _, entry in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            entry.unlink()
