"""Tab completion in bash, zsh and fish, and ``--version`` naming the packs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from complychk.cli import main
from complychk.conditions.packs import available_packs, pack_versions

COMPLYCHK = Path(sys.executable).with_name("complychk")


def complete(line: str, shell: str, tmp_path: Path) -> list[str]:
    """What complychk offers when ``shell``'s completion script asks about ``line``, using the
    environment those scripts set (argcomplete's protocol)."""
    out = tmp_path / "candidates"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": shell,
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run([str(COMPLYCHK)], env=env, check=True, timeout=60, capture_output=True)
    return [
        item.split("\t")[0].split(":")[0].strip() for item in out.read_text().split("\n") if item
    ]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_commands_and_options_complete_in_each_shell(shell: str, tmp_path: Path) -> None:
    assert set(complete("complychk co", shell, tmp_path)) == {"conditions", "config", "completion"}
    assert complete("complychk check --fail-o", shell, tmp_path) == ["--fail-on"]
    assert set(complete("complychk check --fail-on ", shell, tmp_path)) == {
        "must",
        "should",
        "advisory",
    }
    assert "sarif" in complete("complychk check --format ", shell, tmp_path)


def test_the_bash_script_completes_in_bash(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = subprocess.run(
        [str(COMPLYCHK), "completion", "bash"], capture_output=True, text=True, check=True
    ).stdout
    (tmp_path / "complychk.bash").write_text(script)
    session = (
        f"PATH={COMPLYCHK.parent}:$PATH; source {tmp_path / 'complychk.bash'}; "
        'COMP_LINE="complychk check --sarif-l"; COMP_POINT=${#COMP_LINE}; '
        "COMP_WORDS=(complychk check --sarif-l); COMP_CWORD=2; COMP_TYPE=9; "
        '_python_argcomplete complychk; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    result = subprocess.run([bash, "-c", session], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["--sarif-level"], result.stderr


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nospace -o default -o bashdefault -F _python_argcomplete complychk"),
        ("zsh", "#compdef complychk"),
        ("fish", "complete --command complychk"),
    ],
)
def test_completion_prints_each_shells_script(
    shell: str, marker: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    assert marker in capsys.readouterr().out


def test_an_unknown_shell_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["completion", "powershell"])
    assert stop.value.code == 2
    assert "invalid choice: 'powershell'" in capsys.readouterr().err


def test_version_names_complychk_and_each_shipped_pack() -> None:
    result = subprocess.run(
        [str(COMPLYCHK), "--version"], capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("complychk ")
    packs = dict(pack_versions())
    assert sorted(packs) == available_packs() and len(packs) >= 2
    assert lines[1] == "packs: " + ", ".join(f"{name} {packs[name]}" for name in sorted(packs))
    assert "ltp-2019 " in lines[1] and "icb-2025 " in lines[1]
