"""The compiled condition: one scenario of a feature file, as every evaluator, report and review reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from complychk.conditions.checks import Check


class Severity(StrEnum):
    """How much a failure matters: must blocks, should needs an explanation, advisory informs."""

    MUST = "must"
    SHOULD = "should"
    ADVISORY = "advisory"

    @property
    def rank(self) -> int:
        """Higher is more severe; used for sorting and for ``--fail-on``."""
        return _RANK[self]


_RANK: dict[Severity, int] = {Severity.MUST: 3, Severity.SHOULD: 2, Severity.ADVISORY: 1}


@dataclass(frozen=True)
class Citation:
    """A policy source in full, from the pack manifest (``rules/<pack>.yaml``)."""

    key: str
    title: str
    date: str = ""
    section: str = ""
    url: str = ""

    def text(self) -> str:
        """One-line human citation: title, date, section, URL where known."""
        parts = [self.title, self.date, self.section, self.url]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True)
class Condition:
    """A condition compiled from its scenario: what applies it (``givens``), what it checks
    (``checks``, each a compiled ``Then`` step), and what a finding says about it.

    The only form a condition takes between the feature file and the evaluators: the plan
    keys its checks' facts, the evaluators decide their atoms, and findings, explanations and
    the generated docs read its fields.
    """

    id: str
    title: str
    theme: str
    severity: Severity
    source: str
    remedy: str
    notes: str
    tags: tuple[str, ...]
    file: str
    line: int
    givens: tuple[Any, ...]
    checks: tuple[Check, ...]
    citations: tuple[Citation, ...] = ()
    """The pack manifest's sources its ``Source:`` line names, set when the pack is loaded."""
    example_rows: Mapping[str, int] = field(default_factory=dict)
    """For a Scenario Outline: each step's text, as filled in, and the line of its Examples row."""
