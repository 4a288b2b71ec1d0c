"""The result types every evaluator produces and every formatter reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from complychk.conditions.condition import Citation, Severity


class Outcome(StrEnum):
    """What a condition concluded about one proposal."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    PENDING = "pending"
    WAIVED = "waived"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Evidence(NamedTuple):
    """A proposal field a finding read, and where it stands in the proposal file.

    A named tuple rather than a dataclass: a proposal has a hundred or so, made afresh each time.
    """

    path: str
    file: str
    line: int
    column: int = 1
    value: str | None = None
    stated: bool = True
    """False when the proposal leaves the field out (or writes it as null): file and line are then
    those of the nearest enclosing part that is written, where the field would go."""


@dataclass(frozen=True)
class WaiverNote:
    """Why a failure is reported as waived, carried on the finding for every format."""

    justification: str
    requested_by: str
    approved_by: str
    reference: str
    expires: dt.date


class Finding(NamedTuple):
    """One condition's verdict on one proposal, complete when created.

    A named tuple rather than a frozen dataclass, like :class:`Evidence`: every check makes one
    per condition, and a frozen dataclass's ``__init__`` sets each of its fourteen fields through
    ``object.__setattr__`` (about 2 µs a finding, against under 0.5 µs for a named tuple).
    """

    condition_id: str
    title: str
    theme: str
    severity: Severity
    outcome: Outcome
    message: str
    evidence: tuple[Evidence, ...]
    source: str
    remedy: str
    citations: tuple[Citation, ...] = ()
    feature_file: str = ""
    feature_line: int = 0
    tags: tuple[str, ...] = ()
    waiver: WaiverNote | None = None

    @property
    def is_problem(self) -> bool:
        """A failure a user has to act on (waived ones excluded)."""
        return self.outcome is Outcome.FAIL


@dataclass(frozen=True)
class ProposalReport:
    """All findings for one proposal file, sorted by theme then condition ID."""

    file: str
    proposal_id: str
    title: str
    kind: str
    pack: str
    findings: tuple[Finding, ...]

    def counts(self) -> dict[Outcome, int]:
        result = {outcome: 0 for outcome in Outcome}
        for finding in self.findings:
            result[finding.outcome] += 1
        return result


@dataclass(frozen=True)
class InputProblem:
    """A proposal that could not be checked at all (unreadable, invalid)."""

    file: str
    message: str
    line: int = 1
    """Where the problem is, when it is in the file's text; 1 when it is the file as a whole."""
    column: int = 1


@dataclass(frozen=True)
class ReportNote:
    """Something a run found wrong beside the findings: a waiver expired, self-approved or
    matching no failure. Notes never change the exit status; the findings they concern do."""

    file: str
    line: int
    column: int
    message: str

    def text(self) -> str:
        """``FILE:LINE:COL: message``, the form editors and CI logs jump to."""
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True)
class Report:
    """Everything one ``complychk check`` run concluded; formatters are pure functions of it."""

    tool_version: str
    as_of: dt.date
    fail_on: Severity
    proposals: tuple[ProposalReport, ...]
    problems: tuple[InputProblem, ...] = field(default=())
    notes: tuple[ReportNote, ...] = field(default=())
    draft: bool = False
    """A draft's self-assessment (``--draft``): only failures fail the run. Otherwise the run is
    a decision check, and a must-level condition the proposal does not give enough to decide
    (insufficient evidence) fails the run too: an application that lacks must-level
    information cannot be approved (docs/outcomes.md)."""

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` makes the run exit 1: a failure at or above the fail threshold or,
        in a decision check, must-level insufficient evidence. The one definition every report
        and the exit status use."""
        if finding.outcome is Outcome.FAIL:
            return finding.severity.rank >= self.fail_on.rank
        return (
            finding.outcome is Outcome.INSUFFICIENT_EVIDENCE
            and finding.severity is Severity.MUST
            and not self.draft
        )

    @property
    def mode(self) -> str:
        """``decision`` or ``draft``: what fails the run, as every report names it."""
        return "draft" if self.draft else "decision"

    def mode_text(self) -> str:
        """The run's kind in words, for the reports that a person reads."""
        if self.draft:
            return "draft check: only failures fail the run"
        return (
            "decision check: must-level insufficient evidence fails the run too "
            "(--draft for a self-assessment)"
        )

    def failing(self) -> list[Finding]:
        """Findings at or above the fail threshold that make the run exit 1."""
        fails = self.fails
        return [
            finding
            for proposal in self.proposals
            for finding in proposal.findings
            if fails(finding)
        ]

    @property
    def exit_code(self) -> int:
        if self.problems:
            return 2
        fails = self.fails
        return int(
            any(fails(finding) for proposal in self.proposals for finding in proposal.findings)
        )
