"""What a policy author sees running ``complychk lint``."""

from __future__ import annotations

from cli_steps import *  # noqa: F403
from cli_steps import Run
from pytest_bdd import scenarios, then

scenarios("lint.feature")


@then("the output is empty")
def output_empty(run: Run) -> None:
    assert run.out == "", run.out
