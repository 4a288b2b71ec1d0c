"""A pack's features (``features/<pack>/``) have no manifest (``rules/<pack>.yaml``).

A pack is named by its manifest, so there is no pack to load.
"""

from __future__ import annotations

from complychk.conditions.rule import Problem, Rule

ID = "no-manifest"


def problem(first_feature: str, pack: str) -> Problem:
    message = f"pack {pack!r} has no manifest rules/{pack}.yaml"
    return Problem(first_feature, 1, 1, message, "", ID)


RULE = Rule(ID, __doc__ or "", stops_load=True)
