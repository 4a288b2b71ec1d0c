"""A scenario without exactly one condition ID tag.

The ID is how findings, waivers and reports name a condition, so a scenario with none, or with
two, stops a pack loading::

    @must
    Scenario: Accountable Officer in post      # FAIL: no ID

    @GOV-AO-01 @must
    Scenario: Accountable Officer in post      # PASS
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "missing-id"


def check(scenario: Scenario) -> Iterator[Problem]:
    ids = scenario.ids
    if not ids:
        message = f"scenario {scenario.title!r} has no condition ID tag"
        yield scenario.problem(
            message, "tag it like @GOV-AO-01, an ID from the pack's catalogue", ID
        )
    elif len(ids) > 1:
        names = ", ".join(f"@{condition_id}" for condition_id in ids)
        message = f"scenario {scenario.title!r} has {len(ids)} condition ID tags: {names}"
        yield scenario.problem(message, "keep exactly one", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
