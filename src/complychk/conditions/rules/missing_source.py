"""No ``Source:`` line in the scenario's description.

Every finding cites the policy it comes from, so a condition without one stops a pack loading::

    @GOV-AO-01 @must
    Scenario: Accountable Officer in post
      Source: REGS reg 11(2)                  # PASS
      Remedy: Give a start date on or before go-live.
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "missing-source"


def check(scenario: Scenario) -> Iterator[Problem]:
    if not scenario.source:
        message = f"condition {scenario.label} has no 'Source:' line in its description"
        yield scenario.problem(message, "write 'Source: <citation>' under the title", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
