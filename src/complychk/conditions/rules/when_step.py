"""A ``When`` step (conditions use ``Given`` and ``Then`` only).

A condition says when it applies (Given) and what must be true (Then); nothing happens in
between, so a When step stops a pack loading::

    When the board meets                      # FAIL
    Given the proposal is a CCG merger        # PASS: when the condition applies
"""

from __future__ import annotations

from collections.abc import Iterator

from complychk.conditions.feature_view import Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "when-step"


def check(scenario: Scenario) -> Iterator[Problem]:
    for step in scenario.steps:
        if step.type == "Action":
            message = f"'When' steps are not used in conditions: {step.text!r}"
            hint = "use Given for when a condition applies and Then for what must be true"
            yield scenario.file.problem(step.line, step.column, message, hint, ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=True, check=check)
