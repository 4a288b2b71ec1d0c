"""Reads ``.feature`` files into compiled conditions: one scenario (or outline) = one condition."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from complychk.conditions import rules
from complychk.conditions.condition import Condition
from complychk.conditions.feature_view import SEVERITY_TAGS, Scenario, parse_feature
from complychk.conditions.glossary import Glossary
from complychk.conditions.rule import Problem
from complychk.conditions.scenarios import read_scenarios

if TYPE_CHECKING:
    from complychk.conditions.vocabulary import Vocabulary


def load_feature(
    path: Path,
    glossary: Glossary,
    vocabulary: Vocabulary,
    display: str | None = None,
    ids: dict[str, tuple[str, int, int]] | None = None,
) -> list[Condition]:
    """Compile every scenario in one feature file; the first authoring problem stops it.

    The problems are those of :mod:`complychk.conditions.rules` that stop a pack loading;
    ``complychk lint`` reports every one of them (and more) with the same words. ``ids`` holds
    the place of each condition ID the pack's files read so far use, and gains this file's: an
    ID used again is a problem at its second use.

    Raises:
        InputError: the first problem in the file, by line and column.
    """
    uri = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise rules.read.problem(uri, error).error() from None
    file = parse_feature(text, uri, cached=True)
    scenarios = read_scenarios(file, glossary, vocabulary)
    problems = [
        rules.first_problem(file, scenarios),
        *_used_again(scenarios, uri, {} if ids is None else ids),
    ]
    found = [problem for problem in problems if problem is not None]
    if found:
        raise min(found, key=lambda problem: (problem.line, problem.column)).error()
    theme = str(file.feature["name"]).strip() if file.feature else ""  # no-feature saw to it
    return [_condition(scenario, theme) for scenario in scenarios]


def _used_again(
    scenarios: list[Scenario], uri: str, ids: dict[str, tuple[str, int, int]]
) -> list[Problem]:
    """A problem at each use of a condition ID already used, in this file or an earlier one."""
    found = []
    for condition_id, file, line, column in rules.duplicate_id.places(scenarios, uri):
        first = ids.setdefault(condition_id, (file, line, column))
        if first != (file, line, column):
            found.append(rules.duplicate_id.check(condition_id, [first, (file, line, column)])[1])
    return found


def _condition(scenario: Scenario, theme: str) -> Condition:
    """The compiled condition of a scenario every rule that stops loading has passed."""
    (severity,) = [SEVERITY_TAGS[tag] for tag in scenario.tags if tag in SEVERITY_TAGS]
    return Condition(
        id=scenario.ids[0],
        title=scenario.title,
        theme=theme,
        severity=severity,
        source=scenario.source,
        remedy=scenario.remedy,
        notes=scenario.notes,
        tags=tuple(sorted(scenario.tags)),
        file=scenario.file.name,
        line=scenario.line,
        givens=tuple(step.compiled for step in scenario.steps if step.type == "Context"),
        checks=tuple(step.compiled for step in scenario.steps if step.type == "Outcome"),
        example_rows=scenario.example_rows,
    )
