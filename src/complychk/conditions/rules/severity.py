"""Not exactly one of ``@must``, ``@should``, ``@advisory`` (on the scenario or inherited).

The severity decides whether a failure fails the run, so a condition with none, or two, stops a
pack loading::

    @GOV-AO-01                                # FAIL: no severity
    @GOV-AO-01 @must @should                  # FAIL: two
    @GOV-AO-01 @must                          # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import SEVERITY_TAGS, Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "severity"


def check(scenario: Scenario) -> Iterator[Problem]:
    found = [tag for tag in scenario.tags if tag in SEVERITY_TAGS]
    if len(found) != 1:
        said = "no severity tag" if not found else f"{len(found)} severity tags"
        message = f"condition {scenario.label} has {said}"
        yield scenario.problem(
            message, "tag it with exactly one of @must, @should or @advisory", ID
        )


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
