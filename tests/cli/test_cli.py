"""The ``complychk`` command line as a whole: how a mistake in the arguments is reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from complychk.cli import main


@pytest.mark.parametrize(
    ("arguments", "command", "unknown"),
    [
        (["explain", "FIN-RC-01", "--format", "json"], "complychk explain", "--format json"),
        (["waivers", "lint", "waivers.yaml", "--bogus"], "complychk waivers lint", "--bogus"),
        (["schema", "--pack", "ltp-2019"], "complychk schema", "--pack ltp-2019"),
    ],
)
def test_an_unknown_option_shows_the_commands_own_usage(
    arguments: list[str], command: str, unknown: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"usage: {command} ")
    assert err.splitlines()[-1] == f"{command}: error: unrecognized arguments: {unknown}"


@pytest.mark.parametrize(
    "command",
    [
        ["check", "proposal.yaml"],
        ["explain", "FIN-RC-01", "proposal.yaml"],
        ["diff", "old.yaml", "new.yaml"],
        ["waivers", "lint", "waivers.yaml"],
    ],
    ids=["check", "explain", "diff", "waivers lint"],
)
@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("30/09/2019", "'30/09/2019' is not a date"),
        ("2019-13-01", "'2019-13-01' is not a real calendar date: month must be in 1..12"),
        ("2019-02-29", "'2019-02-29' is not a real calendar date: day is out of range for month"),
        ("20190930", "'20190930' is not a date"),
    ],
)
def test_a_wrong_as_of_date_is_one_line_without_the_usage(
    command: list[str], given: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--as-of", given]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"complychk: --as-of: {said} (write a date as YYYY-MM-DD)\n"


SAMPLE = Path(__file__).parents[2] / "sample_proposals" / "kent-and-medway-2019-09.yaml"

PLUGIN = """
from pathlib import Path


class _Plugin:
    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):
        Path(__file__).with_name("ran").write_text(path.name, encoding="utf-8")
        return None, None, None


plugin = _Plugin()
"""


@pytest.mark.parametrize(("setting", "runs"), [(None, False), ("", True)])
def test_pydantic_plugins_installed_beside_complychk_do_not_run_on_its_validation(
    tmp_path: Path, setting: str | None, runs: bool
) -> None:
    """A pydantic plugin (an observability tool, say) installed in the same environment would
    run on every proposal validated; the command line leaves plugins out unless the user has
    set ``PYDANTIC_DISABLE_PLUGINS`` themselves (here to an empty value: every plugin runs)."""
    (tmp_path / "fake_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = tmp_path / "fake_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nfake = fake_plugin:plugin\n")
    env = {key: value for key, value in os.environ.items() if key != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env.get("PYTHONPATH", "")])
    env["COMPLYCHK_NO_CACHE"] = "1"  # the manifests are validated too, cache or not
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    done = subprocess.run(
        [sys.executable, "-m", "complychk", "check", str(SAMPLE), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # Kent and Medway's sample has failures
    assert json.loads(done.stdout)["proposals"][0]["proposal_id"] == "kent-and-medway-2019-09"
    assert (tmp_path / "ran").exists() is runs
