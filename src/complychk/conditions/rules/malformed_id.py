"""A tag that looks like a condition ID but is not one (``@gov-ao-1``).

The pack still loads, reading it as an ordinary tag, but the author meant an ID: if the scenario
has no other, ``missing-id`` stops it loading without saying why this tag did not count::

    @gov-ao-1 @must                           # FAIL: lower case, one digit
    @GOV-AO-01 @must                          # PASS
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from complychk.conditions.feature_view import ID_TAG, Scenario, ScenarioRule
from complychk.conditions.rule import Problem

ID = "malformed-id"

_LOOKS_LIKE_ID = re.compile(r"^@[A-Za-z]+(?:-[A-Za-z0-9]+)*-\d+$")


def check(scenario: Scenario) -> Iterator[Problem]:
    for tag in scenario.own_tags:
        if _LOOKS_LIKE_ID.match(tag.name) and not ID_TAG.match(tag.name):
            message = (
                f"tag {tag.name} looks like a condition ID but is not one: IDs are upper case, "
                "like @GOV-AO-01, ending in two or three digits"
            )
            yield scenario.file.problem(tag.line, tag.column, message, "", ID)


RULE = ScenarioRule(ID, __doc__ or "", stops_load=False, check=check)
