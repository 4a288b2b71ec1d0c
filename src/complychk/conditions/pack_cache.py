"""A cache of compiled packs in the user's cache folder, so a command starts without reparsing them.

Reading a pack means parsing its manifest and every feature file and compiling each step; that is
most of what a one-proposal ``complychk check`` spends after start-up. The compiled pack is
pickled under a key made of everything that could change it: the manifest and feature bytes,
the complychk version and source files (path, size and modification time), the Python version
and the working directory (the pack records paths relative to it). A pack compiled with step
plugins is never cached, since a plugin's code is not part of the key.

Anything wrong with an entry means the pack is compiled as if there were no cache (see
:mod:`complychk.conditions.cache_store`). Authoring errors are never cached, so they are reported on every
run.
"""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from complychk.conditions.cache_store import cache_dir, entry_key, read_entry, write_entry
from complychk.conditions.packs import Pack, available_packs, builtin_root, load_pack, read_kinds

if TYPE_CHECKING:
    from complychk.conditions.vocabulary import Vocabulary


def load_pack_cached(
    name: str, vocabulary: Vocabulary | None = None, root: Path | None = None
) -> Pack:
    """:func:`complychk.conditions.packs.load_pack`, answered from the cache when nothing has changed."""
    folder = cache_dir()
    if folder is None or (vocabulary is not None and not _builtin(vocabulary)):
        return load_pack(name, vocabulary, root)
    base = root or builtin_root()
    key = _key("pack", name, base)
    if key is None:
        return load_pack(name, vocabulary, root)
    path = folder / f"pack-{key}.pickle"
    cached = read_entry(path)
    if isinstance(cached, Pack):
        return cached
    pack = load_pack(name, vocabulary, root)
    write_entry(path, pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
    return pack


def _builtin(vocabulary: Vocabulary) -> bool:
    """Whether ``vocabulary`` is the built-in one (a plugin's phrases are not in the key)."""
    from complychk.conditions.vocabulary import PHRASES

    return vocabulary.phrases is PHRASES


def pack_for_kind_cached(kind: str, root: Path | None = None) -> str:
    """:func:`complychk.conditions.packs.pack_for_kind`, reading each manifest's kinds from the cache."""
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
    cached = read_entry(path, json_file=True)
    if isinstance(cached, list) and all(isinstance(kind, str) for kind in cached):
        return cached
    kinds = read_kinds(manifest)
    write_entry(path, json.dumps(kinds).encode("utf-8"))
    return kinds


def _key(what: str, name: str, base: Path, features: bool = True) -> str | None:
    """A digest of everything the compiled result depends on; None if a file cannot be read."""
    inputs = [base / "rules" / f"{name}.yaml"]
    if features:
        inputs.extend(sorted((base / "features" / name).glob("*.feature")))
    return entry_key([what, os.getcwd(), str(base), name], inputs)
