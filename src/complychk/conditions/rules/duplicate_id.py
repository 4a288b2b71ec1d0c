"""A condition ID used twice (across every pack in the directory).

Condition IDs are public and stable: findings, waivers and reports name conditions by them. Lint
names every use of a duplicated ID; loading a pack stops at the second use within the pack.
"""

from __future__ import annotations

from collections.abc import Sequence

from complychk.conditions.rule import Problem, Rule

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
            "",
            ID,
        )
        for file, line, column in places
    ]


RULE = Rule(ID, __doc__ or "", stops_load=True)
