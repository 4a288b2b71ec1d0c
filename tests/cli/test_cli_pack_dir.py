"""``--pack-dir`` as a user gets it wrong: a pack that would check nothing is an error, never clean.

A pack whose conditions are not where they belong (``features/<pack>/*.feature``) would load
with no conditions and pass every proposal: each command that takes ``--pack-dir`` must
instead stop with exit status 2 and one line naming the folder it expected.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from minipack import BASE, write_pack

from complychk.cli import main

COMMANDS = {
    "check": ["check", "proposal.yaml", "--as-of", "2019-09-30"],
    "check with --pack": ["check", "proposal.yaml", "--pack", "mini", "--as-of", "2019-09-30"],
    "conditions": ["conditions"],
    "conditions --pack": ["conditions", "--pack", "mini"],
    "packs": ["packs"],
    "lint": ["lint"],
    "explain": ["explain", "T-RC-01"],
    "diff": ["diff", "proposal.yaml", "proposal.yaml"],
    "init": ["init", "--pack", "mini"],
    "waivers lint": ["waivers", "lint", "waivers.yaml"],
}


def _rename_features(root: Path) -> str:
    (root / "features").rename(root / "feature")
    return (
        "pack mini: no folder pack/features/mini/ (a pack's conditions go in "
        "pack/features/mini/*.feature, beside pack/rules/mini.yaml; found pack/feature/: "
        "rename it to features)"
    )


def _rename_pack_folder(root: Path) -> str:
    (root / "features" / "mini").rename(root / "features" / "mini2")
    return (
        "pack mini: no folder pack/features/mini/ (a pack's conditions go in "
        "pack/features/mini/*.feature, beside pack/rules/mini.yaml; found "
        "pack/features/mini2/: rename it to mini)"
    )


def _remove_features(root: Path) -> str:
    shutil.rmtree(root / "features")
    return (
        "pack mini: no folder pack/features/mini/ (a pack's conditions go in "
        "pack/features/mini/*.feature, beside pack/rules/mini.yaml)"
    )


def _empty_pack_folder(root: Path) -> str:
    for feature in (root / "features" / "mini").iterdir():
        feature.rename(root / f"{feature.name}.txt")
    return (
        "pack mini: no .feature files in pack/features/mini/ (a pack's conditions go in "
        "pack/features/mini/*.feature, beside pack/rules/mini.yaml)"
    )


def _a_file_for_the_folder(root: Path) -> str:
    shutil.rmtree(root / "features" / "mini")
    (root / "features" / "mini").write_text("", encoding="utf-8")
    return (
        "pack mini: pack/features/mini is not a folder (a pack's conditions go in "
        "pack/features/mini/*.feature, beside pack/rules/mini.yaml)"
    )


def _no_manifests(root: Path) -> str:
    (root / "rules" / "mini.yaml").rename(root / "rules" / "mini.yml")
    return (
        "--pack-dir pack: no pack manifests in pack/rules/; a pack directory holds "
        "rules/<pack>.yaml and features/<pack>/*.feature"
    )


BREAKAGES: dict[str, Callable[[Path], str]] = {
    "features/ misnamed": _rename_features,
    "features/<pack>/ misnamed": _rename_pack_folder,
    "features/ missing": _remove_features,
    "features/<pack>/ empty": _empty_pack_folder,
    "features/<pack> a file": _a_file_for_the_folder,
    "no manifest in rules/": _no_manifests,
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_pack(tmp_path / "pack")
    (tmp_path / "proposal.yaml").write_text(yaml.safe_dump(BASE), encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_pack_that_would_check_nothing_stops_every_command(
    workdir: Path, command: str, breakage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    message = BREAKAGES[breakage](workdir / "pack")
    before = sorted(path.name for path in workdir.iterdir())
    status = main([*COMMANDS[command], "--pack-dir", "pack"])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err == f"complychk: {message}\n"
    assert sorted(path.name for path in workdir.iterdir()) == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_works_on_the_same_pack_when_it_is_whole(
    workdir: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The failures above come from the breakage, not from the commands' arguments."""
    assert main([*COMMANDS[command], "--pack-dir", "pack"]) in (0, 1)
    assert "complychk: pack" not in capsys.readouterr().err


def test_a_pipe_among_the_feature_files_is_refused_without_waiting(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(workdir / "pack" / "features" / "mini" / "waiting.feature")
    status = main([*COMMANDS["check"], "--pack-dir", "pack"])
    assert status == 2
    assert capsys.readouterr().err == (
        "pack/features/mini/waiting.feature:1:1: this is a pipe, device or socket, not a "
        "feature file (remove or replace it)\n"
    )


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        (
            "pack/features/mini",
            "complychk: pack mini: cannot read the folder pack/features/mini/: Permission denied "
            "(check its permissions)",
        ),
        (
            "pack/rules",
            "complychk: --pack-dir pack: cannot read pack/rules/: Permission denied (check its "
            "permissions)",
        ),
    ],
    ids=["features/<pack>/", "rules/"],
)
@pytest.mark.parametrize("command", ["check", "lint", "packs"])
def test_a_pack_folder_that_cannot_be_read_stops_with_one_line(
    workdir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: str,
    folder: str,
    message: str,
) -> None:
    listdir = os.listdir

    def refuse(path: str) -> list[str]:  # chmod 000 stops no one when the tests run as root
        if Path(path).resolve() == Path(folder).resolve():
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    status = main([*COMMANDS[command], "--pack-dir", "pack"])
    assert (status, capsys.readouterr()) == (2, ("", f"{message}\n"))
