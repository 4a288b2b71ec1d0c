"""What a reviewer sees using waivers with ``complychk check`` and ``complychk waivers lint``."""

from __future__ import annotations

from pathlib import Path

import yaml
from casekit import merged
from cli_steps import *  # noqa: F403
from minipack import BASE
from pytest_bdd import given, parsers, scenarios

scenarios("waivers.feature")


@given(parsers.parse('the test proposal "{name}" with planned running costs of {amount:d}'))
def proposal_file(workdir: Path, name: str, amount: int) -> None:
    data = merged(BASE, {"finance": {"planned_running_costs_gbp": amount}})
    (workdir / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
