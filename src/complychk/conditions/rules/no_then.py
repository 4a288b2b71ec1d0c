"""A scenario with no ``Then`` step.

Without a Then step a condition checks nothing and would always pass: it stops a pack loading::

    Scenario: Accountable Officer in post
      Given the go-live date is stated        # FAIL: nothing must be true

    Scenario: Accountable Officer in post
      Then the Accountable Officer's start date must be stated   # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "no-then"


def check(scenario: Scenario) -> Iterator[Problem]:
    if scenario.rows and not any(step.type == "Outcome" for step in scenario.steps):
        message = f"condition {scenario.label} has no Then step"
        yield scenario.problem(message, "add a Then step saying what must be true", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
