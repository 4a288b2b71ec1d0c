"""A step no phrase of the vocabulary matches, with the nearest known phrases.

A step complychk cannot read cannot be checked, so it stops a pack loading
(``complychk steps`` lists every phrase)::

    Then the running costs must be lower than the baseline     # FAIL: no such phrase
    Then the running costs must be at most 80% of the baseline # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule, step_problems
from complychk.conditions.rule import Problem

ID = "unknown-step"


def check(scenario: Scenario) -> Iterator[Problem]:
    return step_problems(scenario, ID, lambda message: message.startswith("unknown step"))


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
