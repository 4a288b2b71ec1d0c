"""Policy packs: a manifest (``rules/<pack>.yaml``) plus its features (``features/<pack>/``)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import functools
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from complychk.conditions.cache_store import cache_dir, entry_key, read_entry, write_entry
from complychk.conditions.condition import Citation, Condition
from complychk.conditions.glossary import Glossary, TermError, build_glossary
from complychk.errors import ConfigError, InputError
from complychk.proposal.document import FileKind, LoadedDocument
from complychk.proposal.loader import load_document

if TYPE_CHECKING:
    from complychk.conditions.manifest import Manifest
    from complychk.conditions.vocabulary import Vocabulary


class PackError(InputError):
    """An authoring error in a pack: stops the whole run, since no proposal can be checked."""


@dataclass(frozen=True)
class Pack:
    """A loaded, compiled pack."""

    name: str
    version: str
    title: str
    period_from: dt.date
    period_to: dt.date | None
    kinds: tuple[str, ...]
    description: str
    sources: tuple[Citation, ...]
    glossary: Glossary
    conditions: tuple[Condition, ...]
    manifest_file: str
    aliases: tuple[tuple[str, str], ...] = ()
    """(word, source key) pairs: a Source line naming the word cites that source."""

    def citations_for(self, source: str) -> tuple[Citation, ...]:
        """The manifest sources a ``Source:`` line names by key or alias, each once, in the
        manifest's order."""
        return cited(source, self.sources, self.aliases)


def cited(
    source: str, sources: tuple[Citation, ...], aliases: tuple[tuple[str, str], ...]
) -> tuple[Citation, ...]:
    words = set(re.findall(r"[A-Za-z0-9]+", source))
    keys = words | {key for word, key in aliases if word in words}
    return tuple(citation for citation in sources if citation.key in keys)


def builtin_root() -> Path:
    """Where the shipped packs live: the installed package data, or a source checkout."""
    override = os.environ.get("COMPLYCHK_PACKS")
    if override:
        return Path(override)
    installed = Path(__file__).resolve().parents[1] / "data"
    if (installed / "rules").is_dir():
        return installed
    return Path(__file__).resolve().parents[3]


def available_packs(root: Path | None = None) -> list[str]:
    base = root or builtin_root()
    return sorted(path.stem for path in (base / "rules").glob("*.yaml"))


def pack_for_kind(kind: str, root: Path | None = None) -> str:
    """The default pack for a kind of proposal: the one whose manifest lists the kind."""
    base = root or builtin_root()
    for name in available_packs(base):
        if kind in _kinds(base / "rules" / f"{name}.yaml"):
            return name
    raise ConfigError(f"no pack covers proposals of kind {kind!r}; choose one with --pack")


def _kinds(manifest: Path) -> list[str]:
    """The kinds a manifest covers, from the cache while the manifest is unchanged: choosing
    a pack would otherwise read every manifest."""
    folder = cache_dir()
    key = entry_key(["kinds", str(manifest)], [manifest]) if folder is not None else None
    if folder is None or key is None:
        return read_kinds(manifest)
    path = folder / f"kinds-{key}.json"
    cached = read_entry(path)
    if isinstance(cached, list) and all(isinstance(kind, str) for kind in cached):
        return cached
    kinds = read_kinds(manifest)
    write_entry(path, json.dumps(kinds).encode("utf-8"))
    return kinds


def pack_versions(root: Path | None = None) -> list[tuple[str, str]]:
    """Each pack's name and version, from its manifest, sorted by name."""
    base = root or builtin_root()
    return [
        (name, _read_manifest(base / "rules" / f"{name}.yaml")[0].version)
        for name in available_packs(root)
    ]


def read_kinds(manifest_path: Path) -> list[str]:
    """The proposal kinds one manifest covers (what choosing a default pack needs)."""
    return list(_read_manifest(manifest_path)[0].kinds)


def load_pack(name: str, vocabulary: Vocabulary | None = None, root: Path | None = None) -> Pack:
    """Load and compile one pack; authoring errors raise InputError with the file and line."""
    base = root or builtin_root()
    manifest_path = base / "rules" / f"{name}.yaml"
    if not manifest_path.is_file():
        known = ", ".join(available_packs(base)) or "none"
        raise ConfigError(f"unknown pack {name!r} (known packs: {known})")
    manifest = _manifest(manifest_path)
    try:
        glossary = build_glossary(manifest["terms"])
    except TermError as error:
        location = _read_manifest(manifest_path)[1].locate(("terms", error.term))
        raise PackError(
            location.file,
            location.line,
            location.column,
            str(error),
            "see docs/authoring.md for glossary terms",
        ) from None
    # A pack read from the cache needs neither the Gherkin reader nor the step vocabulary.
    from complychk.conditions.features import load_feature
    from complychk.conditions.vocabulary import Vocabulary

    vocabulary = vocabulary or Vocabulary()
    conditions: list[Condition] = []
    ids: dict[str, tuple[str, int, int]] = {}
    for path in feature_files(base, name):
        try:
            conditions += load_feature(path, glossary, vocabulary, _display(path), ids)
        except InputError as error:
            raise PackError(
                error.file, error.line, error.column, error.problem, error.hint
            ) from None
    sources = tuple(Citation(*source) for source in manifest["sources"])
    aliases = tuple((alias, key) for alias, key in manifest["aliases"])
    period_to = manifest["period_to"]
    return Pack(
        name=manifest["name"],
        version=manifest["version"],
        title=manifest["title"],
        period_from=dt.date.fromisoformat(manifest["period_from"]),
        period_to=dt.date.fromisoformat(period_to) if period_to else None,
        kinds=tuple(manifest["kinds"]),
        description=manifest["description"],
        sources=sources,
        glossary=glossary,
        conditions=tuple(
            dataclasses.replace(c, citations=cited(c.source, sources, aliases))
            for c in sorted(conditions, key=lambda c: (c.theme, c.id))
        ),
        manifest_file=_display(manifest_path),
        aliases=aliases,
    )


def _manifest(path: Path) -> dict[str, Any]:
    """A manifest as validated plain data, from the cache while the file is unchanged:
    validating it means building its pydantic model, which costs a one-proposal check more
    than anything else the pack needs. A manifest whose terms are not plain JSON is not kept.
    """
    folder = cache_dir()
    key = entry_key(["manifest", str(path)], [path]) if folder is not None else None
    entry = folder / f"manifest-{key}.json" if folder is not None and key is not None else None
    if entry is not None:
        cached = read_entry(entry)
        if isinstance(cached, dict) and set(cached) == _MANIFEST_KEYS:
            return cached
    manifest = _read_manifest(path)[0]
    data = {
        "name": manifest.name,
        "version": manifest.version,
        "title": manifest.title,
        "period_from": manifest.period_from.isoformat(),
        "period_to": manifest.period_to.isoformat() if manifest.period_to else None,
        "kinds": list(manifest.kinds),
        "description": manifest.description,
        "sources": [
            [source.key, source.title, source.date, source.section, source.url]
            for source in manifest.sources
        ],
        "aliases": [[alias, source.key] for source in manifest.sources for alias in source.aliases],
        "terms": manifest.terms,
    }
    if entry is not None:
        with contextlib.suppress(TypeError, ValueError):  # terms JSON cannot hold: not kept
            write_entry(entry, json.dumps(data).encode("utf-8"))
    return data


_MANIFEST_KEYS = frozenset(
    {"name", "version", "title", "period_from", "period_to", "kinds", "description"}
    | {"sources", "aliases", "terms"}
)


def feature_files(base: Path, name: str) -> list[Path]:
    """The feature files of pack ``name`` under ``base``, sorted; never an empty list.

    A pack with no conditions would check nothing and report every proposal clean, so a
    feature folder that is missing, misnamed, unreadable or empty is an error naming the folder
    expected. So is an entry that is not a regular file (reading a named pipe would wait for
    ever).

    Raises:
        ConfigError: the folder is missing, not a folder, unreadable or holds no feature file.
        PackError: a ``.feature`` entry is not a regular file.
    """
    folder = base / "features" / name
    shown = f"{_display(folder)}{os.sep}"
    manifest = _display(base / "rules" / f"{name}.yaml")
    where = f"a pack's conditions go in {shown}*.feature, beside {manifest}"
    try:
        names = sorted(entry for entry in os.listdir(folder) if entry.endswith(".feature"))
    except FileNotFoundError:
        raise ConfigError(f"pack {name}: no folder {shown} ({where}{_near(base, name)})") from None
    except NotADirectoryError:
        raise ConfigError(f"pack {name}: {_display(folder)} is not a folder ({where})") from None
    except OSError as error:
        raise ConfigError(
            f"pack {name}: cannot read the folder {shown}: {error.strerror or error} "
            "(check its permissions)"
        ) from None
    if not names:
        raise ConfigError(f"pack {name}: no .feature files in {shown} ({where})")
    paths = [folder / entry for entry in names]
    for path in paths:
        what = _not_regular(path)
        if what is not None:
            raise PackError(
                _display(path), 1, 1, f"this is {what}, not a feature file", "remove or replace it"
            )
    return paths


def _not_regular(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (which is all a pack reads)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return "a broken symbolic link" if path.is_symlink() else "unreadable"
    if stat.S_ISREG(mode):
        return None
    return "a folder" if stat.S_ISDIR(mode) else "a pipe, device or socket"


def _near(base: Path, name: str) -> str:
    """``; found features/ltp2019/: is that it?`` for a folder spelled almost as expected."""
    features = base / "features"
    if features.is_dir():
        parent, wanted = features, name
    else:
        parent, wanted = base, "features"
    try:
        folders = [entry.name for entry in parent.iterdir() if entry.is_dir()]
    except OSError:
        return ""
    close = difflib.get_close_matches(wanted, folders, n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; found {_display(parent / close[0])}{os.sep}: rename it to {wanted}"


def _display(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


MANIFEST = FileKind(
    "pack manifest",
    "pack manifest",
    "write the pack's name, version, title, kinds and sources as 'name: value' lines",
)


def _read_manifest(path: Path) -> tuple[Manifest, LoadedDocument]:
    """A manifest read and validated, once per process while its bytes are the same: choosing
    a pack reads the manifests, and loading the chosen pack reads its own again."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
    except OSError:
        digest = None
    # A manifest that cannot be read fails there again, with what is wrong: a failure is never
    # kept in the cache.
    return _validated_manifest(path, digest)


@functools.lru_cache(maxsize=32)
def _validated_manifest(path: Path, _digest: str | None) -> tuple[Manifest, LoadedDocument]:
    from pydantic import ValidationError

    from complychk.conditions.manifest import Manifest, manifest_problem

    try:
        document = load_document(path, MANIFEST)
    except InputError as error:
        raise PackError(error.file, error.line, error.column, error.problem, error.hint) from None
    try:
        return Manifest.model_validate(document.data), document
    except ValidationError as error:
        problem = error.errors(include_url=False)[0]
        location = document.locate(tuple(problem["loc"]))
        where = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        raise PackError(
            location.file,
            location.line,
            location.column,
            f"{where}: {manifest_problem(problem)}",
            "see docs/authoring.md for the manifest",
        ) from None
