"""Which findings fail a run: the fail threshold against each outcome and severity, in a
decision check (the default) and a draft check (docs/outcomes.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, Outcome, ProposalReport, Report


def _report(fail_on: Severity, *findings: Finding, draft: bool = False) -> Report:
    proposal = ProposalReport("p.yaml", "P-1", "A proposal", "ccg_merger", "ltp-2019", findings)
    return Report("0", dt.date(2019, 9, 30), fail_on, (proposal,), draft=draft)


@pytest.mark.parametrize(
    ("fail_on", "failing_severities"),
    [
        (Severity.MUST, {Severity.MUST}),
        (Severity.SHOULD, {Severity.MUST, Severity.SHOULD}),
        (Severity.ADVISORY, {Severity.MUST, Severity.SHOULD, Severity.ADVISORY}),
    ],
)
@pytest.mark.parametrize("draft", [False, True])
def test_failures_at_or_above_the_threshold_and_in_a_decision_check_must_gaps_fail_the_run(
    fail_on: Severity, failing_severities: set[Severity], draft: bool
) -> None:
    findings = [
        finding(f"{outcome.name}-{severity.name}", outcome, severity)
        for outcome in Outcome
        for severity in Severity
    ]
    report = _report(fail_on, *findings, draft=draft)
    expected = [f"FAIL-{severity.name}" for severity in Severity if severity in failing_severities]
    if not draft:  # an application lacking must-level information cannot be approved
        expected.append("INSUFFICIENT_EVIDENCE-MUST")
    assert [item.condition_id for item in report.failing()] == expected
    assert [item.condition_id for item in findings if report.fails(item)] == expected
    assert report.exit_code == 1
    assert report.mode == ("draft" if draft else "decision")


def test_a_waived_or_lesser_failure_leaves_the_exit_status_clean() -> None:
    findings = (
        finding("A-01", Outcome.WAIVED, Severity.MUST),
        finding("A-02", Outcome.FAIL, Severity.SHOULD),
        finding("A-03", Outcome.INSUFFICIENT_EVIDENCE, Severity.SHOULD),
        finding("A-04", Outcome.PENDING, Severity.MUST),
    )
    report = _report(Severity.MUST, *findings)
    assert report.failing() == []
    assert report.exit_code == 0


def test_must_level_insufficient_evidence_fails_only_a_decision_check() -> None:
    gap = finding("A-03", Outcome.INSUFFICIENT_EVIDENCE, Severity.MUST)
    assert _report(Severity.MUST, gap).exit_code == 1
    assert _report(Severity.MUST, gap, draft=True).exit_code == 0


def test_severities_rank_must_above_should_above_advisory() -> None:
    assert [s.rank for s in (Severity.MUST, Severity.SHOULD, Severity.ADVISORY)] == [3, 2, 1]
