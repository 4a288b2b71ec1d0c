"""Step plugins (entry point group ``complychk.steps``) and custom packs with ``--pack-dir``."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from casekit import merged
from minipack import BASE, MANIFEST, write_pack

from complychk.cli import main
from complychk.conditions.plugins import GROUP, PluginError, load_vocabulary
from complychk.conditions.vocabulary import PHRASES

PLUGIN_DIR = Path(__file__).parents[1] / "plugins" / "complychk_testplugin"

FEATURE = """\
Feature: Names
  Background:
    Given the proposal is a CCG merger

  @T-LEN-01 @should
  Scenario: The new CCG's name fits the register
    Source: REGS
    Remedy: Shorten the name.
    Then the new CCG name must be at most 30 characters long
"""


Install = Callable[..., None]


@pytest.fixture
def install(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Install:
    """Install the test plugin as pip would: its package and a ``.dist-info`` folder declaring
    these entry points, in a folder on sys.path (no entry points: a distribution without any)."""

    def install(**plugins: str) -> None:
        site = tmp_path_factory.mktemp("site")
        info = site / "complychk_testplugin-0.1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: complychk-testplugin\nVersion: 0.1.0\n", encoding="utf-8"
        )
        if plugins:
            lines = [f"{name.replace('_', '-')} = {value}" for name, value in plugins.items()]
            (info / "entry_points.txt").write_text(
                f"[{GROUP}]\n" + "\n".join(lines) + "\n", encoding="utf-8"
            )
        monkeypatch.syspath_prepend(str(PLUGIN_DIR))
        monkeypatch.syspath_prepend(str(site))

    return install


@pytest.fixture
def pack_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    manifest = MANIFEST.split("terms:")[0] + "terms:\n  the new CCG name: {path: new_ccg.name}\n"
    write_pack(tmp_path, manifest, {"names.feature": FEATURE})
    for name, ccg in (("short", "NHS Kent CCG"), ("long", "NHS Kent and Medway Clinical CCG")):
        data = merged(BASE, {"id": name, "new_ccg": {"name": ccg}})
        (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    return tmp_path


def test_no_plugins_means_the_built_in_vocabulary(install: Install) -> None:
    install()
    assert load_vocabulary().phrases == PHRASES


def test_a_plugin_phrase_works_from_lint_to_check(
    pack_dir: Path, install: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install(text_length="complychk_testplugin:PHRASES")
    assert main(["lint", "--pack-dir", "."]) == 0
    for engine in ("durable", "reference"):
        args = ["check", "--pack-dir", ".", "--engine", engine, "--as-of", "2019-10-01"]
        assert main([*args, "short.yaml"]) == 0
        assert main([*args, "long.yaml", "--fail-on", "should"]) == 1
    out = capsys.readouterr().out
    assert "  PASS          should    T-LEN-01  The new CCG's name fits the register" in out
    assert "      the new CCG name is 32 characters long; at most 30 characters required" in out
    assert main(["steps"]) == 0
    assert "Then {term} must be at most {n} characters long\n" in capsys.readouterr().out
    assert (
        main(["explain", "T-LEN-01", "long.yaml", "--pack-dir", ".", "--as-of", "2019-10-01"]) == 0
    )
    assert "  FAIL           Then the new CCG name must be at most 30 characters long" in (
        capsys.readouterr().out
    )


def test_without_the_plugin_its_phrase_does_not_compile(
    pack_dir: Path, install: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install()
    assert main(["lint", "--pack-dir", "."]) == 1
    # the built-in "must be at most {number or term}" reads the rest as an (unknown) term
    assert "names.feature:9:10: unknown term '30 characters long'" in capsys.readouterr().out
    assert main(["check", "short.yaml", "--pack-dir", "."]) == 2


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "complychk_testplugin:MISSING",
            "step plugin 'broken' (complychk_testplugin:MISSING) failed to load: AttributeError",
        ),
        (
            "complychk_no_such_module:PHRASES",
            "step plugin 'broken' (complychk_no_such_module:PHRASES) failed to load: "
            "ModuleNotFoundError",
        ),
        (
            "complychk_testplugin:__doc__",
            "step plugin 'broken' (complychk_testplugin:__doc__) must be a sequence of "
            "StepPhrase, got str",
        ),
        (
            "complychk_testplugin:TextLength.atoms",
            "step plugin 'broken' (complychk_testplugin:TextLength.atoms) must be a sequence of "
            "StepPhrase, got property",
        ),
    ],
    ids=["missing-name", "missing-module", "not-a-sequence", "not-phrases"],
)
def test_a_plugin_that_fails_to_load_is_named_and_exits_2(
    pack_dir: Path,
    install: Install,
    capsys: pytest.CaptureFixture[str],
    value: str,
    message: str,
) -> None:
    install(broken=value)
    with pytest.raises(PluginError, match="step plugin 'broken'"):
        load_vocabulary()
    assert main(["check", "short.yaml", "--pack-dir", "."]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"complychk: {message}"), err
    assert "Traceback" not in err


def test_a_pack_dir_without_rules_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["conditions", "--pack-dir", str(tmp_path)]) == 2
    assert "no rules/ folder" in capsys.readouterr().err
    assert main(["lint", "--pack-dir", str(tmp_path / "missing")]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_packs_lists_the_packs_in_a_pack_dir(
    pack_dir: Path, install: Install, capsys: pytest.CaptureFixture[str]
) -> None:
    install(text_length="complychk_testplugin:PHRASES")
    assert main(["packs", "--pack-dir", "."]) == 0
    assert capsys.readouterr().out == (
        "mini\t0.1\t2019-01-01 to now\tccg_merger\t1 conditions\tTest pack\n"
    )


@pytest.mark.parametrize("layout", ["egg-info folder", "zip file"])
def test_a_plugin_is_found_wherever_importlib_metadata_finds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    """Start-up looks for the group's name before asking importlib.metadata; that look must not
    miss a plugin importlib.metadata would find."""
    entry_points = f"[{GROUP}]\ntext-length = complychk_testplugin:PHRASES\n"
    if layout == "zip file":
        where = tmp_path / "plugin.zip"
        with zipfile.ZipFile(where, "w") as archive:
            archive.writestr("complychk_testplugin-0.1.0.dist-info/entry_points.txt", entry_points)
            archive.writestr(
                "complychk_testplugin-0.1.0.dist-info/METADATA", "Name: complychk-testplugin\n"
            )
    else:
        where = tmp_path
        info = tmp_path / "complychk_testplugin.egg-info"
        info.mkdir()
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
        (info / "PKG-INFO").write_text("Name: complychk-testplugin\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    monkeypatch.syspath_prepend(str(where))
    added = len(load_vocabulary().phrases) - len(PHRASES)
    assert added > 0
