"""Compiled packs kept as JSON in the user cache folder, so a check starts without compiling one.

Compiling a pack means importing the step vocabulary (a few hundred regular expressions) and
matching every step of every feature file against it; that is most of what a one-proposal
``complychk check`` spends after start-up. A compiled pack is plain data in frozen dataclasses,
so it is written as each object's fields, tagged with its class's name; reading an entry back
makes only the classes named in :data:`CLASSES`, through their constructors, so nothing read
from the cache can run as code. The key holds everything the pack is compiled from: the
manifest and feature files' bytes, complychk's version and source files, the working folder
(the pack records paths relative to it). A pack compiled with step plugins is never kept, since
a plugin's code is not part of the key; nor is one holding a value JSON cannot carry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from complychk.conditions.applicability import KindIs, TermIs
from complychk.conditions.cache_store import cache_dir, entry_key, read_entry, write_entry
from complychk.conditions.checks import Atom, Operand
from complychk.conditions.checks_change import Change
from complychk.conditions.checks_dates import DateOrder, DueBy, FallsOn, YearBefore
from complychk.conditions.checks_every import Every
from complychk.conditions.checks_scalar import (
    Compare,
    Empty,
    Flag,
    Includes,
    OneOf,
    Pattern,
    Stated,
)
from complychk.conditions.condition import Citation, Condition, Severity
from complychk.conditions.glossary import Glossary, Term
from complychk.conditions.packs import Pack, builtin_root, feature_files, load_pack

if TYPE_CHECKING:
    from complychk.conditions.vocabulary import Vocabulary

CLASSES: dict[str, type[Any]] = {
    kind.__name__: kind
    for kind in (
        Pack,
        Glossary,
        Term,
        Condition,
        Citation,
        KindIs,
        TermIs,
        Atom,
        Operand,
        Change,
        DateOrder,
        DueBy,
        FallsOn,
        YearBefore,
        Every,
        Compare,
        Empty,
        Flag,
        Includes,
        OneOf,
        Pattern,
        Stated,
    )
}
"""Every class a compiled pack is made of: the only ones an entry can name."""


def load_pack_cached(
    name: str, vocabulary: Vocabulary | None = None, root: Path | None = None
) -> Pack:
    """:func:`complychk.conditions.packs.load_pack`, from the cache while nothing has changed."""
    folder = cache_dir()
    if folder is None or (vocabulary is not None and not _builtin(vocabulary)):
        return load_pack(name, vocabulary, root)
    base = root or builtin_root()
    manifest = base / "rules" / f"{name}.yaml"
    try:
        inputs = [manifest, *feature_files(base, name)]
    except Exception:  # a missing or broken pack: load_pack reports it
        return load_pack(name, vocabulary, root)
    key = entry_key(["compiled", os.getcwd(), str(base), name], inputs)
    if key is None:
        return load_pack(name, vocabulary, root)
    path = folder / f"pack-{key}.json"
    cached = read_entry(path)
    if cached is not None:
        try:
            pack = decode(cached)
        except (KeyError, TypeError, ValueError):  # not an entry this complychk wrote
            pack = None
        if isinstance(pack, Pack):
            return pack
    pack = load_pack(name, vocabulary, root)
    try:
        text = json.dumps(encode(pack), separators=(",", ":"))
    except TypeError:  # a value JSON cannot carry: compile it every time
        return pack
    write_entry(path, text.encode("utf-8"))
    return pack


def _builtin(vocabulary: Vocabulary) -> bool:
    """Whether ``vocabulary`` is the built-in one (a plugin's phrases are not in the key)."""
    from complychk.conditions.vocabulary import PHRASES

    return vocabulary.phrases is PHRASES


def encode(value: Any) -> Any:
    """``value`` as JSON data: objects of :data:`CLASSES` by their fields, with tuples, dates,
    severities and dictionaries (whatever their keys) tagged so they come back as they were.

    Raises:
        TypeError: a value of any other type.
    """
    if isinstance(value, Severity):  # a str too: before the plain values
        return {"$severity": value.value}
    if value is None or type(value) in (bool, str, int, float):
        return value
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(key), encode(item)] for key, item in value.items()]}
    kind = type(value)
    if CLASSES.get(kind.__name__) is kind:
        fields = {
            field.name: encode(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init and not field.name.startswith("_")  # private fields are caches
        }
        return {"$": kind.__name__, **fields}
    raise TypeError(f"a compiled pack cannot hold a {kind.__qualname__} as JSON")


def decode(data: Any) -> Any:
    """What :func:`encode` wrote, made again.

    Raises:
        KeyError, TypeError, ValueError: ``data`` is not what :func:`encode` writes.
    """
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$" in data:
        kind = CLASSES[data["$"]]
        return kind(**{key: decode(item) for key, item in data.items() if key != "$"})
    ((tag, inner),) = data.items()
    if tag == "$tuple":
        return tuple(decode(item) for item in inner)
    if tag == "$dict":
        return {_hashable(decode(key)): decode(item) for key, item in inner}
    if tag == "$date":
        return dt.date.fromisoformat(inner)
    if tag == "$severity":
        return Severity(inner)
    raise ValueError(f"unknown tag {tag!r}")


def _hashable(key: Any) -> Any:
    if isinstance(key, (list, dict)):
        raise TypeError("a dictionary key must be a plain value")
    return key
