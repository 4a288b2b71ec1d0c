"""A glossary term the manifest does not define, with the nearest defined ones.

The glossary says where in a proposal each term is read from; a term it lacks cannot be read,
so it stops a pack loading::

    Then the planned running cost must be stated    # FAIL: the glossary says 'costs'
    Then the planned running costs must be stated   # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule, step_problems
from complychk.conditions.rule import Problem

ID = "unknown-term"


def check(scenario: Scenario) -> Iterator[Problem]:
    return step_problems(scenario, ID, lambda message: message.startswith("unknown term"))


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
