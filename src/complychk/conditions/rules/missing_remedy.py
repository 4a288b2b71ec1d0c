"""No ``Remedy:`` line in the scenario's description.

A finding tells the proposal's author what would make it pass, so a condition without a remedy
stops a pack loading::

    Scenario: Accountable Officer in post
      Source: REGS reg 11(2)                  # FAIL: no Remedy: line

    Scenario: Accountable Officer in post
      Source: REGS reg 11(2)
      Remedy: Give a start date on or before go-live.   # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "missing-remedy"


def check(scenario: Scenario) -> Iterator[Problem]:
    if not scenario.remedy:
        message = f"condition {scenario.label} has no 'Remedy:' line in its description"
        hint = "write 'Remedy: <what would make it pass>' under the title"
        yield scenario.problem(message, hint, ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
