"""A condition ID used twice (across every pack in the directory).

Condition IDs are public and stable: findings, waivers and reports name conditions by them. Lint
names every use of a duplicated ID; loading a pack stops at the second use within the pack, with
the same words at the same place (the ID's tag).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from complychk.conditions.rule import Problem, Rule

if TYPE_CHECKING:
    from complychk.conditions.feature_view import Scenario

ID = "duplicate-id"


def check(condition_id: str, places: Sequence[tuple[str, int, int]]) -> list[Problem]:
    """One problem at each of the places (file, line, column) an ID is used, naming the others;
    none when it is used once."""
    if len(places) < 2:
        return []
    return [
        Problem(
            file,
            line,
            column,
            f"duplicate condition ID {condition_id} (also at "
            + ", ".join(f"{f}:{n}" for f, n, _ in places if (f, n) != (file, line))
            + ")",
            "give each scenario its own catalogue ID",
            ID,
        )
        for file, line, column in places
    ]


def places(scenarios: Iterable[Scenario], file: str) -> list[tuple[str, str, int, int]]:
    """Each condition ID the scenarios are tagged with: (ID, file, line, column of its tag)."""
    return [
        (tag.name[1:], file, tag.line, tag.column)
        for scenario in scenarios
        for tag in scenario.own_tags
        if tag.name[1:] in scenario.ids
    ]


RULE = Rule(ID, __doc__ or "", stops_load=True)
