"""A cache of compiled packs in the user's cache folder, so a command starts without reparsing them.

Reading a pack means parsing its manifest and every feature file and compiling each step; that is
most of what a one-proposal ``complychk check`` spends after start-up. The compiled pack is
pickled under a key made of everything that could change it: the manifest and feature bytes,
the complychk version and source files (path, size and modification time), the Python version
and the working directory (the pack records paths relative to it). A pack compiled with step
plugins is never cached, since a plugin's code is not part of the key.

The cache is only an accelerator: anything wrong with it (unreadable, corrupt, written by another
user or writable by others) means the pack is compiled as if there were no cache. Authoring
errors are never cached, so they are reported on every run. ``COMPLYCHK_CACHE_DIR`` moves the
cache; ``COMPLYCHK_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path

from complychk import __version__
from complychk.packs import Pack, available_packs, builtin_root, load_pack, read_kinds
from complychk.vocabulary import PHRASES, Vocabulary

_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Where compiled packs are kept, or None when caching is off."""
    if os.environ.get("COMPLYCHK_NO_CACHE"):
        return None
    chosen = os.environ.get("COMPLYCHK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "complychk"


def load_pack_cached(
    name: str, vocabulary: Vocabulary | None = None, root: Path | None = None
) -> Pack:
    """:func:`complychk.packs.load_pack`, answered from the cache when nothing has changed."""
    folder = cache_dir()
    if folder is None or (vocabulary is not None and vocabulary.phrases is not PHRASES):
        return load_pack(name, vocabulary, root)
    base = root or builtin_root()
    key = _key("pack", name, base)
    if key is None:
        return load_pack(name, vocabulary, root)
    path = folder / f"pack-{key}.pickle"
    cached = _read(path)
    if isinstance(cached, Pack):
        return cached
    pack = load_pack(name, vocabulary, root)
    _write(folder, path, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    return pack


def pack_for_kind_cached(kind: str, root: Path | None = None) -> str:
    """:func:`complychk.packs.pack_for_kind`, reading each manifest's kinds from the cache."""
    from complychk.errors import ConfigError

    base = root or builtin_root()
    folder = cache_dir()
    for name in available_packs(base):
        if kind in _kinds(name, base, folder):
            return name
    raise ConfigError(f"no pack covers proposals of kind {kind!r}; choose one with --pack")


def _kinds(name: str, base: Path, folder: Path | None) -> list[str]:
    manifest = base / "rules" / f"{name}.yaml"
    key = _key("kinds", name, base, features=False) if folder is not None else None
    if folder is None or key is None:
        return read_kinds(manifest)
    path = folder / f"kinds-{key}.json"
    cached = _read(path, json_file=True)
    if isinstance(cached, list) and all(isinstance(kind, str) for kind in cached):
        return cached
    kinds = read_kinds(manifest)
    _write(folder, path, json.dumps(kinds).encode("utf-8"))
    return kinds


def _key(what: str, name: str, base: Path, features: bool = True) -> str | None:
    """A digest of everything the compiled result depends on; None if a file cannot be read."""
    digest = hashlib.sha256()
    parts = [what, __version__, sys.implementation.name, sys.version, os.getcwd(), str(base), name]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    try:
        digest.update(_source_fingerprint())
        inputs = [base / "rules" / f"{name}.yaml"]
        if features:
            inputs.extend(sorted((base / "features" / name).glob("*.feature")))
        for path in inputs:
            digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


@cache
def _source_fingerprint() -> bytes:
    """complychk's own source files as this process found them (a changed checkout recompiles)."""
    digest = hashlib.sha256()
    for source in sorted(_PACKAGE.rglob("*.py")):
        info = source.stat()
        digest.update(
            f"{source.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}\0".encode()
        )
    return digest.digest()


def _read(path: Path, json_file: bool = False) -> object:
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
        return json.loads(data) if json_file else pickle.loads(data)  # trusted: see above
    except Exception:  # a damaged cache entry can fail in any way; compile instead
        return None


def _trusted(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else (pickles run code when loaded)."""
    owner = getattr(os, "getuid", None)
    if owner is not None and info.st_uid != owner():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _write(folder: Path, path: Path, data: bytes) -> None:
    """Write an entry atomically (readers never see half of one); failing to is no error."""
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


KEEP = 64
"""Entries kept: every edit of a pack or of complychk makes new ones, so the oldest go."""


def _prune(folder: Path) -> None:
    entries = sorted(
        (entry.stat().st_mtime_ns, entry)
        for entry in folder.iterdir()
        if entry.name.startswith(("pack-", "kinds-"))
    )
    for _, entry in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            entry.unlink()
