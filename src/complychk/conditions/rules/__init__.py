"""The authoring rules a pack must meet: one module per rule, each with an ID, in RULES.

Each module's docstring says what the rule finds and why (``docs/authoring.md`` lists them), and
its ``RULE`` says whether breaking it stops a pack loading. Loading a pack runs the rules that do
and stops at the first problem in the file; ``complychk lint`` runs every rule and lists every
problem, each named by its rule's ID. Rules over a file or a scenario run here; the rules over a
whole pack (a manifest, IDs across files, unused terms) are applied where the pack is read.
"""

from __future__ import annotations

from collections.abc import Iterable

from complychk.conditions.feature_view import FeatureFile, FileRule, Scenario, ScenarioRule
from complychk.conditions.rule import Problem, Rule
from complychk.conditions.rules import (
    duplicate_id,
    glossary,
    load,
    malformed_id,
    manifest,
    misplaced_id,
    missing_id,
    missing_remedy,
    missing_source,
    no_examples,
    no_feature,
    no_manifest,
    no_then,
    read,
    severity,
    step,
    stray_step,
    syntax,
    unknown_placeholder,
    unknown_source,
    unknown_step,
    unknown_term,
    unused_column,
    unused_term,
    when_step,
)

_ORDER: tuple[Rule, ...] = (
    read.RULE,
    syntax.RULE,
    no_feature.RULE,
    stray_step.RULE,
    misplaced_id.RULE,
    missing_id.RULE,
    malformed_id.RULE,
    duplicate_id.RULE,
    severity.RULE,
    missing_source.RULE,
    missing_remedy.RULE,
    unknown_source.RULE,
    when_step.RULE,
    unknown_step.RULE,
    unknown_term.RULE,
    step.RULE,
    no_then.RULE,
    no_examples.RULE,
    unused_column.RULE,
    unknown_placeholder.RULE,
    unused_term.RULE,
    manifest.RULE,
    glossary.RULE,
    no_manifest.RULE,
    load.RULE,
)
"""Every rule, in the order the documentation lists them; of two problems at one place,
loading a pack names the one whose rule comes first."""

RULES: dict[str, Rule] = {rule.id: rule for rule in _ORDER}

_RANK = {rule.id: rank for rank, rule in enumerate(_ORDER)}
_FILE_RULES = tuple(rule for rule in _ORDER if isinstance(rule, FileRule))
_SCENARIO_RULES = tuple(rule for rule in _ORDER if isinstance(rule, ScenarioRule))

__all__ = ["RULES", "every_problem", "first_problem", "get"]


def get(rule_id: str) -> Rule:
    """The rule with this ID.

    Raises:
        KeyError: no rule has it.
    """
    return RULES[rule_id]


def every_problem(file: FeatureFile, scenarios: Iterable[Scenario]) -> list[Problem]:
    """What every file and scenario rule finds, for lint (which sorts and reports them all)."""
    found = [problem for rule in _FILE_RULES for problem in rule.check(file)]
    for scenario in scenarios:
        found.extend(problem for rule in _SCENARIO_RULES for problem in rule.check(scenario))
    return found


def first_problem(file: FeatureFile, scenarios: Iterable[Scenario]) -> Problem | None:
    """The first problem in the file, by line and column, that stops a pack loading."""
    found = [problem for rule in _FILE_RULES if rule.stops_load for problem in rule.check(file)]
    for scenario in scenarios:
        found.extend(
            problem
            for rule in _SCENARIO_RULES
            if rule.stops_load
            for problem in rule.check(scenario)
        )
    return min(found, key=lambda p: (p.line, p.column, _RANK[p.rule]), default=None)
