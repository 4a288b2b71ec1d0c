"""A Scenario Outline whose Examples have no rows, so it checks nothing.

Gherkin makes no condition of an outline without rows: the condition would be left out of every
check without a word, so the pack does not load until the outline has rows (or is removed)::

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
        hint = "add an Examples row for each case it checks"
        yield scenario.problem(message, hint, ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
