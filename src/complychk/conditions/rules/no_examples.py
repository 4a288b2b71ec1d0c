"""A Scenario Outline whose Examples have no rows, so it checks nothing.

Gherkin makes no condition of an outline without rows, so the pack loads without it; lint says
so, since the author surely meant it to check something::

    Scenario Outline: Each <thing> is stated
      Then the <thing> must be stated
      Examples:
        | thing |                             # FAIL: no rows
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "no-examples"


def check(scenario: Scenario) -> Iterator[Problem]:
    if not scenario.rows:
        message = f"scenario {scenario.title!r} has no Examples rows, so it checks nothing"
        yield scenario.problem(message, "", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=False, check=check)
