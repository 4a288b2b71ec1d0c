"""A condition ID tag on a Feature, Rule or Examples block instead of its Scenario.

Tags are inherited, so an ID there would give every scenario below it the same ID (or a second
one): it stops a pack loading::

    @GOV-AO-01                                # FAIL: every scenario below would carry it
    Feature: Governance

    Feature: Governance
      @GOV-AO-01 @must
      Scenario: Accountable Officer in post   # PASS
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from complychk.conditions.feature_view import ID_TAG, FeatureFile, FileRule
from complychk.conditions.rule import Problem

ID = "misplaced-id"


def check(file: FeatureFile) -> Iterator[Problem]:
    feature = file.feature
    if not feature:
        return
    for node in _containers(feature):
        for tag in node.get("tags", []):
            if ID_TAG.match(tag["name"]):
                message = (
                    f"condition ID tag {tag['name']} on a {str(node['keyword']).strip()}: put "
                    "each ID on its own Scenario"
                )
                yield file.problem(
                    tag["location"]["line"], tag["location"]["column"], message, "", ID
                )


def _containers(feature: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The Feature, its Rules and every Examples block."""
    yield feature
    for child in feature.get("children", []):
        children = [child]
        if "rule" in child:
            yield child["rule"]
            children = child["rule"].get("children", [])
        for inner in children:
            if "scenario" in inner:
                yield from inner["scenario"].get("examples", [])


RULE = FileRule(ID, __doc__ or "", stops_load=True, check=check)
