"""The compiled-pack cache: a faster start that never changes an answer or hides an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from minipack import FEATURE, write_pack

from complychk.conditions import cache_store, pack_cache
from complychk.conditions.pack_cache import load_pack_cached, pack_for_kind_cached
from complychk.conditions.packs import Pack, PackError, load_pack
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
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the packs actually compiled (cache misses)."""
    seen: list[str] = []

    def counting(name: str, vocabulary: Vocabulary | None = None, root: Path | None = None) -> Pack:
        seen.append(name)
        return load_pack(name, vocabulary, root)

    monkeypatch.setattr(pack_cache, "load_pack", counting)
    return seen


def test_a_second_load_comes_from_the_cache_and_is_the_same_pack(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    first = load_pack_cached("mini", None, root)
    second = load_pack_cached("mini", None, root)
    assert first == second == load_pack("mini", None, root)
    assert compiles == ["mini"]
    (entry,) = cache.glob("pack-*.pickle")
    assert entry.stat().st_mode & 0o077 == 0  # readable by this user alone


def test_editing_a_feature_file_compiles_the_pack_again(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    load_pack_cached("mini", None, root)
    feature = root / "features" / "mini" / "core.feature"
    feature.write_text(FEATURE.replace("Running costs cut by a fifth", "Costs down 20%"))
    titles = {condition.title for condition in load_pack_cached("mini", None, root).conditions}
    assert "Costs down 20%" in titles
    assert compiles == ["mini", "mini"]


def test_authoring_errors_are_reported_on_every_run(cache: Path, root: Path) -> None:
    feature = root / "features" / "mini" / "core.feature"
    feature.write_text(FEATURE.replace("must be stated", "must be lovely"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PackError, match="unknown step"):
            load_pack_cached("mini", None, root)
    assert not list(cache.glob("pack-*"))


def test_a_damaged_entry_is_ignored(cache: Path, root: Path, compiles: list[str]) -> None:
    expected = load_pack_cached("mini", None, root)
    (entry,) = cache.glob("pack-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_pack_cached("mini", None, root) == expected
    assert compiles == ["mini", "mini"]


def test_an_entry_others_could_have_written_is_not_trusted(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    load_pack_cached("mini", None, root)
    (entry,) = cache.glob("pack-*.pickle")
    os.chmod(entry, 0o666)
    load_pack_cached("mini", None, root)
    assert compiles == ["mini", "mini"]


def test_a_pack_compiled_with_plugin_phrases_is_never_cached(
    cache: Path, root: Path, compiles: list[str]
) -> None:
    extended = Vocabulary().extended([PHRASES[0]])  # a plugin repeating a built-in phrase
    load_pack_cached("mini", extended, root)
    load_pack_cached("mini", extended, root)
    assert compiles == ["mini", "mini"]


def test_the_cache_can_be_turned_off(
    cache: Path, root: Path, compiles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPLYCHK_NO_CACHE", "1")
    load_pack_cached("mini", None, root)
    load_pack_cached("mini", None, root)
    assert compiles == ["mini", "mini"]
    assert not cache.exists()


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COMPLYCHK_CACHE_DIR", str(blocker / "cache"))
    assert load_pack_cached("mini", None, root) == load_pack("mini", None, root)


def test_the_default_pack_for_a_kind_is_found_through_the_cache(cache: Path, root: Path) -> None:
    assert pack_for_kind_cached("ccg_merger", root) == "mini"
    assert pack_for_kind_cached("ccg_merger", root) == "mini"
    with pytest.raises(ConfigError, match="no pack covers proposals of kind 'icb_cluster'"):
        pack_for_kind_cached("icb_cluster", root)


def test_the_cache_keeps_only_the_newest_entries(
    cache: Path, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_store, "KEEP", 3)
    feature = root / "features" / "mini" / "core.feature"
    for number in range(5):
        feature.write_text(FEATURE.replace("Core checks", f"Core checks {number}"))
        load_pack_cached("mini", None, root)
    assert len(list(cache.iterdir())) == 3


def test_moving_code_to_another_module_compiles_the_pack_again(
    cache: Path,
    root: Path,
    compiles: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A pickle names each class by its module, so an entry written before a class moved must
    never be read after the move, even when every file's size and time are unchanged."""
    package = tmp_path / "package"
    package.mkdir()
    module = package / "checks.py"
    module.write_text("", encoding="utf-8")
    monkeypatch.setattr(cache_store, "_PACKAGE", package)
    fingerprint = cache_store.source_fingerprint
    fingerprint.cache_clear()
    try:
        load_pack_cached("mini", None, root)
        stamp = module.stat().st_mtime_ns
        os.utime(module.rename(package / "checks_scalar.py"), ns=(stamp, stamp))
        fingerprint.cache_clear()
        load_pack_cached("mini", None, root)
    finally:
        fingerprint.cache_clear()
    assert compiles == ["mini", "mini"]
