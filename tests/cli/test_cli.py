"""The ``complychk`` command line as a whole: how a mistake in the arguments is reported."""

from __future__ import annotations

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
