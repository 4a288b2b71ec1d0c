"""Lint one feature file: every problem the authoring rules find, not only the first.

The rules are those a pack is loaded with (:mod:`complychk.conditions.rules`), run all and kept
all; also the glossaries steps are read with here: one that records which terms the steps name
(for the unused-term rule), and one that takes any words as a term (for a file outside a pack).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from complychk.conditions import rules
from complychk.conditions.feature_view import parse_feature
from complychk.conditions.glossary import Glossary, Term
from complychk.conditions.rule import Problem
from complychk.conditions.rules import duplicate_id
from complychk.conditions.scenarios import read_scenarios
from complychk.conditions.vocabulary import Vocabulary

__all__ = [
    "AnyTerm",
    "FeatureLint",
    "LintProblem",
    "RecordingGlossary",
    "lint_feature",
    "lint_feature_text",
]


@dataclass(frozen=True, order=True)
class LintProblem:
    """One authoring problem as lint shows it; sorts by file, line and column."""

    file: str
    line: int
    column: int
    message: str
    """What is wrong and, in brackets, what to do: the words a failed load says it in."""
    rule: str

    @classmethod
    def of(cls, problem: Problem) -> LintProblem:
        return cls(problem.file, problem.line, problem.column, problem.text, problem.rule)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class RecordingGlossary(Glossary):
    """A glossary that notes every term a step names, for the unused-term rule."""

    used: set[str] = field(default_factory=set)

    def get(self, name: str) -> Term | None:
        found = super().get(name)
        if found is not None:
            self.used.add(found.name)
        return found


@dataclass(frozen=True)
class AnyTerm(Glossary):
    """A glossary that takes any words as a term, for a feature file linted outside a pack.

    With no manifest there is no glossary to check terms against, but a step must still read
    as one of the vocabulary's phrases. Every term is taken to be a date, the one unit a phrase
    insists on (``by {date or term}, ...``); the others accept a term of any unit.
    """

    def get(self, name: str) -> Term | None:
        return Term(name=name.strip(), kind="path", spec=(), unit="date")

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str)


@dataclass
class FeatureLint:
    """What linting one file found: problems, the condition IDs it defines (ID, file, line,
    column), and whether every step could be read (if not, unused-term problems would be noise)."""

    problems: list[LintProblem] = field(default_factory=list)
    ids: list[tuple[str, str, int, int]] = field(default_factory=list)
    complete: bool = True


def lint_feature(
    path: Path,
    name: str,
    glossary: Glossary | None,
    source_keys: Mapping[str, str] | None,
    vocabulary: Vocabulary,
) -> FeatureLint:
    """Every problem in one feature file. ``glossary`` None skips the step rules (the manifest
    is broken and already reported); ``source_keys`` None skips the Source rule."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return FeatureLint([LintProblem.of(rules.read.problem(name, error))], complete=False)
    return lint_feature_text(text, name, glossary, source_keys, vocabulary)


def lint_feature_text(
    text: str,
    name: str,
    glossary: Glossary | None,
    source_keys: Mapping[str, str] | None,
    vocabulary: Vocabulary,
) -> FeatureLint:
    """:func:`lint_feature` for a file already read."""
    file = parse_feature(text, name, source_keys)
    scenarios = read_scenarios(file, glossary, vocabulary if glossary is not None else None)
    out = FeatureLint([LintProblem.of(problem) for problem in rules.every_problem(file, scenarios)])
    out.complete = file.document is not None and all(
        step.error is None for scenario in scenarios for step in scenario.steps
    )
    out.ids.extend(duplicate_id.places(scenarios, name))
    return out
