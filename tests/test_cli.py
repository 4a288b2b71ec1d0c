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
