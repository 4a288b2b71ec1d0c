"""A feature file that cannot be read (not UTF-8, unreadable, a broken link).

Its conditions cannot be checked, so it stops a pack loading.
"""

from __future__ import annotations

from complychk.conditions.rule import Problem, Rule

ID = "read"


def problem(name: str, error: Exception) -> Problem:
    return Problem(name, 1, 1, f"cannot read feature file: {error}", "check the path", ID)


RULE = Rule(ID, __doc__ or "", stops_load=True)
