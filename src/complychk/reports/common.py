"""Facts every reporter shows alike: outcome badges, grouping, counts and repository paths."""

from __future__ import annotations

import os
from itertools import groupby

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import (
    Evidence,
    Finding,
    InputProblem,
    Outcome,
    ProposalReport,
    Report,
)

BADGES: dict[Outcome, str] = {
    Outcome.PASS: "PASS",
    Outcome.FAIL: "FAIL",
    Outcome.NOT_APPLICABLE: "N/A",
    Outcome.INSUFFICIENT_EVIDENCE: "INSUFFICIENT",
    Outcome.PENDING: "PENDING",
    Outcome.WAIVED: "WAIVED",
}
"""Short upper-case outcome labels, the same in every human-facing format."""

SUMMARY_ORDER: tuple[Outcome, ...] = (
    Outcome.PASS,
    Outcome.FAIL,
    Outcome.PENDING,
    Outcome.INSUFFICIENT_EVIDENCE,
    Outcome.NOT_APPLICABLE,
    Outcome.WAIVED,
)
"""The order outcomes are counted in: what passed, what to fix, what cannot be decided yet."""

NEEDS_REMEDY: frozenset[Outcome] = frozenset(
    {Outcome.FAIL, Outcome.INSUFFICIENT_EVIDENCE, Outcome.PENDING}
)
"""Outcomes where "To pass: <remedy>" tells the user something; N/A and waived need no action."""

_SUMMARY_WORDS: dict[Outcome, str] = {
    Outcome.PASS: "pass",
    Outcome.FAIL: "fail",
    Outcome.PENDING: "pending",
    Outcome.INSUFFICIENT_EVIDENCE: "insufficient evidence",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.WAIVED: "waived",
}


def by_theme(findings: tuple[Finding, ...]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by theme, themes and condition IDs in sorted order."""
    ordered = sorted(findings, key=lambda finding: (finding.theme, finding.condition_id))
    return [(theme, list(group)) for theme, group in groupby(ordered, key=lambda f: f.theme)]


def most_severe_first(report: Report) -> list[tuple[ProposalReport, Finding]]:
    """Failures across all proposals, and in a decision check the must-level insufficient
    evidence that fails the run too: must before should before advisory, otherwise as reported."""
    fails = report.fails
    failures = [
        (proposal, finding)
        for proposal in report.proposals
        for finding in proposal.findings
        if finding.outcome is Outcome.FAIL or fails(finding)
    ]
    return sorted(failures, key=lambda pair: -pair[1].severity.rank)


def failures_at(proposal: ProposalReport, severity: Severity) -> int:
    """How many findings of one severity failed (waived ones excluded)."""
    return sum(1 for f in proposal.findings if f.is_problem and f.severity is severity)


def summary_counts(proposal: ProposalReport) -> str:
    """``12 pass, 5 fail (3 must), 2 pending, 4 insufficient evidence (1 must), ...``: every
    outcome, zeros included; the must-level share of those that can fail the run."""
    counts = proposal.counts()
    parts = []
    for outcome in SUMMARY_ORDER:
        part = f"{counts[outcome]} {_SUMMARY_WORDS[outcome]}"
        if outcome is Outcome.FAIL and counts[outcome]:
            part += f" ({failures_at(proposal, Severity.MUST)} must)"
        elif outcome is Outcome.INSUFFICIENT_EVIDENCE and counts[outcome]:
            must = sum(
                1
                for finding in proposal.findings
                if finding.outcome is outcome and finding.severity is Severity.MUST
            )
            part += f" ({must} must)"
        parts.append(part)
    return ", ".join(parts)


def names_its_file(problem: InputProblem) -> bool:
    """Whether the message already starts ``FILE:LINE:COL:``, so a report need not name the file
    again before it."""
    return problem.message.startswith(f"{problem.file}:")


def evidence_ref(evidence: Evidence) -> str:
    """``file:line``, the form editors and CI logs turn into a link."""
    return f"{evidence.file}:{evidence.line}"


def sentence(text: str) -> str:
    """Text ending in a full stop, so a following sentence reads as one."""
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def repo_relative(file: str, base_dir: str) -> str | None:
    """``file`` relative to ``base_dir`` with forward slashes, or None when it lies outside.

    Relative paths are taken as relative to the same working directory, so the result does not
    depend on where the tool ran.
    """
    path, base = os.path.normpath(file), os.path.normpath(base_dir)
    if os.path.isabs(path) != os.path.isabs(base):
        path, base = os.path.abspath(path), os.path.abspath(base)
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # different Windows drives
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")
