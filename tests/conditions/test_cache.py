"""The cache of compiled packs, parsed feature files and manifests: a faster start that never
changes an answer or hides an error. Entries are plain JSON; nothing in the cache runs as code."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from minipack import FEATURE, write_pack

from complychk.conditions import cache_store, feature_view, pack_cache, packs
from complychk.conditions.pack_cache import load_pack_cached
from complychk.conditions.packs import PackError, load_pack, pack_for_kind
from complychk.conditions.vocabulary import PHRASES, Vocabulary
from complychk.errors import ConfigError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(folder))
    monkeypatch.delenv("COMPLYCHK_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_pack(tmp_path / "pack")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What was read from the files rather than the cache: 'feature' per Gherkin parse,
    'manifest' per manifest validated."""
    seen: list[str] = []
    parse, read_manifest = Parser.parse, packs._read_manifest

    def parsing(self: Parser, text: str) -> object:
        seen.append("feature")
        return parse(self, text)

    def reading(path: Path) -> object:
        seen.append("manifest")
        return read_manifest(path)

    monkeypatch.setattr(Parser, "parse", parsing)
    monkeypatch.setattr(packs, "_read_manifest", reading)
    return seen


def uncached(root: Path, vocabulary: Vocabulary | None = None) -> packs.Pack:
    os.environ["COMPLYCHK_NO_CACHE"] = "1"
    try:
        return load_pack("mini", vocabulary, root)
    finally:
        del os.environ["COMPLYCHK_NO_CACHE"]


def test_a_second_load_reads_nothing_again_and_is_the_same_pack(
    cache: Path, root: Path, reads: list[str]
) -> None:
    first = load_pack("mini", None, root)
    assert reads == ["manifest", "feature"]
    second = load_pack("mini", None, root)
    assert reads == ["manifest", "feature"]
    reads.clear()
    assert first == second == uncached(root)
    entries = sorted(cache.iterdir())
    assert [entry.name.split("-")[0] for entry in entries] == ["gherkin", "manifest"]
    for entry in entries:
        json.loads(entry.read_bytes())  # plain JSON
        assert entry.stat().st_mode & 0o077 == 0  # readable by this user alone


def test_editing_a_feature_file_parses_it_again(cache: Path, root: Path, reads: list[str]) -> None:
    load_pack("mini", None, root)
    feature = root / "features" / "mini" / "core.feature"
    feature.write_text(FEATURE.replace("Running costs cut by a fifth", "Costs down 20%"))
    titles = {condition.title for condition in load_pack("mini", None, root).conditions}
    assert "Costs down 20%" in titles
    assert reads == ["manifest", "feature", "feature"]


def test_editing_the_manifest_reads_it_again(cache: Path, root: Path, reads: list[str]) -> None:
    load_pack("mini", None, root)
    manifest = root / "rules" / "mini.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("version:", "version: '9'\n#"))
    assert load_pack("mini", None, root).version == "9"
    assert reads == ["manifest", "feature", "manifest"]


def test_authoring_errors_are_reported_on_every_run(cache: Path, root: Path) -> None:
    feature = root / "features" / "mini" / "core.feature"
    feature.write_text(FEATURE.replace("must be stated", "must be lovely"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError, match="unknown step"):
            load_pack("mini", None, root)
    feature.write_text(FEATURE.replace("Scenario:", "Scenari:"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError, match="Gherkin syntax error"):
            load_pack("mini", None, root)


@pytest.mark.parametrize("damage", [b"not json", b'["one item"]', b"{}"])
def test_a_damaged_entry_is_ignored(
    cache: Path, root: Path, reads: list[str], damage: bytes
) -> None:
    expected = load_pack("mini", None, root)
    for entry in cache.iterdir():
        entry.write_bytes(damage)
    assert load_pack("mini", None, root) == expected
    assert reads == ["manifest", "feature", "manifest", "feature"]


def test_an_entry_others_could_have_written_is_not_trusted(
    cache: Path, root: Path, reads: list[str]
) -> None:
    load_pack("mini", None, root)
    for entry in cache.iterdir():
        os.chmod(entry, 0o666)
    load_pack("mini", None, root)
    assert reads == ["manifest", "feature", "manifest", "feature"]


def test_plugin_phrases_compile_from_cached_parses(cache: Path, root: Path) -> None:
    extended = Vocabulary().extended([PHRASES[0]])  # a plugin repeating a built-in phrase
    load_pack("mini", extended, root)
    assert load_pack("mini", extended, root) == uncached(root, extended)


def test_a_new_gherkin_parser_parses_again(
    cache: Path, root: Path, reads: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parser = tmp_path / "parser.py"
    parser.write_text("# version 1", encoding="utf-8")
    monkeypatch.setattr(feature_view, "_gherkin_parser", lambda: parser)
    load_pack("mini", None, root)
    parser.write_text("# version 22", encoding="utf-8")
    load_pack("mini", None, root)
    assert reads.count("feature") == 2


def test_the_cache_can_be_turned_off(
    cache: Path, root: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLYCHK_NO_CACHE", "1")
    load_pack("mini", None, root)
    load_pack("mini", None, root)
    assert reads == ["manifest", "feature"] * 2
    assert not cache.exists()


def test_the_cache_folder_is_the_platforms_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("COMPLYCHK_CACHE_DIR", raising=False)
    monkeypatch.delenv("COMPLYCHK_NO_CACHE", raising=False)
    expected = Path(platformdirs.user_cache_dir("complychk", appauthor=False))
    assert cache_store.cache_dir() == expected


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(blocker / "cache"))
    assert load_pack("mini", None, root) == uncached(root)


def test_the_default_pack_for_a_kind_is_found_through_the_cache(
    cache: Path, root: Path, reads: list[str]
) -> None:
    assert pack_for_kind("ccg_merger", root) == "mini"
    assert pack_for_kind("ccg_merger", root) == "mini"
    assert reads == ["manifest"]
    with pytest.raises(ConfigError, match="no pack covers proposals of kind 'icb_cluster'"):
        pack_for_kind("icb_cluster", root)


def test_the_cache_keeps_only_the_newest_entries(
    cache: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_store, "KEEP", 3)
    feature = root / "features" / "mini" / "core.feature"
    for number in range(5):
        feature.write_text(FEATURE.replace("Core checks", f"Core checks {number}"))
        load_pack("mini", None, root)
    assert len(list(cache.iterdir())) == 3


# --- compiled packs -------------------------------------------------------------------------


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the packs compiled (compiled-pack cache misses)."""
    seen: list[str] = []

    def counting(name: str, vocabulary: Vocabulary | None = None, root: Path | None = None) -> Any:
        seen.append(name)
        return load_pack(name, vocabulary, root)

    monkeypatch.setattr(pack_cache, "load_pack", counting)
    return seen


def same_types(first: Any, second: Any) -> bool:
    """Equal, and made of the same types all the way down (a severity read back as a plain
    string compares equal to the severity)."""
    if type(first) is not type(second):
        return False
    if dataclasses.is_dataclass(first):
        return all(
            same_types(getattr(first, f.name), getattr(second, f.name))
            for f in dataclasses.fields(first)
            if not f.name.startswith("_")
        )
    if isinstance(first, (list, tuple)):
        return len(first) == len(second) and all(map(same_types, first, second))
    if isinstance(first, dict):
        return list(first) == list(second) and all(
            same_types(first[key], second[key]) for key in first
        )
    return bool(first == second)


@pytest.mark.parametrize("name", ["ltp-2019", "icb-2025"])
def test_a_shipped_pack_comes_back_from_the_cache_exactly_as_compiled(
    cache: Path, name: str, compiles: list[str]
) -> None:
    compiled = load_pack_cached(name)
    cached = load_pack_cached(name)
    assert compiles == [name]
    assert same_types(cached, compiled) and cached == compiled
    (entry,) = cache.glob("pack-*.json")
    assert json.loads(entry.read_bytes())["$"] == "Pack"


def test_an_edited_feature_compiles_the_pack_again(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    load_pack_cached("mini", None, root)
    feature = root / "features" / "mini" / "core.feature"
    feature.write_text(FEATURE.replace("Running costs cut by a fifth", "Costs down 20%"))
    titles = {condition.title for condition in load_pack_cached("mini", None, root).conditions}
    assert "Costs down 20%" in titles
    assert compiles == ["mini", "mini"]


def test_an_entry_naming_a_class_outside_the_table_is_not_read(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    expected = load_pack_cached("mini", None, root)
    (entry,) = cache.glob("pack-*.json")
    entry.write_text('{"$": "Popen", "args": ["true"]}', encoding="utf-8")
    assert load_pack_cached("mini", None, root) == expected
    assert compiles == ["mini", "mini"]


def test_a_pack_compiled_with_plugin_phrases_is_never_kept(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    extended = Vocabulary().extended([PHRASES[0]])  # a plugin repeating a built-in phrase
    load_pack_cached("mini", extended, root)
    load_pack_cached("mini", extended, root)
    assert compiles == ["mini", "mini"]
    assert not list(cache.glob("pack-*"))


def test_a_value_json_cannot_carry_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="cannot hold a set"):
        pack_cache.encode({"a": {1, 2}})
