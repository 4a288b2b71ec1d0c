"""``complychk schema`` prints the draft-07 proposal schema and nothing else."""

from __future__ import annotations

import json

import pytest

from complychk.cli import main
from complychk.proposal.schema import DRAFT_07, dumps, proposal_schema


def test_prints_the_schema_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out, err = capsys.readouterr()
    assert out == dumps(proposal_schema())
    assert json.loads(out)["$schema"] == DRAFT_07
    assert err == ""


def test_is_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "schema" in capsys.readouterr().out
