"""Any other problem in a step (a bad date, a pattern that is not a regular expression...).

The step matches a phrase but cannot be checked as written, so it stops a pack loading::

    Then the go-live date must fall on 1 Apryl      # FAIL: unknown month 'Apryl'
    Then the go-live date must fall on 1 April      # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule, step_problems
from complychk.conditions.rule import Problem

ID = "step"


def check(scenario: Scenario) -> Iterator[Problem]:
    return step_problems(
        scenario, ID, lambda message: not message.startswith(("unknown step", "unknown term"))
    )


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
