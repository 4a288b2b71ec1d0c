"""Which findings fail a run: the fail threshold against each outcome and severity."""

from __future__ import annotations

import datetime as dt

import pytest
from report_factory import finding

from complychk.findings import Finding, Outcome, ProposalReport, Report, Severity


def _report(fail_on: Severity, *findings: Finding) -> Report:
    proposal = ProposalReport("p.yaml", "P-1", "A proposal", "ccg_merger", "ltp-2019", findings)
    return Report("0", dt.date(2019, 9, 30), fail_on, (proposal,))


@pytest.mark.parametrize(
    ("fail_on", "failing_severities"),
    [
        (Severity.MUST, {Severity.MUST}),
        (Severity.SHOULD, {Severity.MUST, Severity.SHOULD}),
        (Severity.ADVISORY, {Severity.MUST, Severity.SHOULD, Severity.ADVISORY}),
    ],
)
def test_only_failures_at_or_above_the_threshold_fail_the_run(
    fail_on: Severity, failing_severities: set[Severity]
) -> None:
    findings = [
        finding(f"{outcome.name}-{severity.name}", outcome, severity)
        for outcome in Outcome
        for severity in Severity
    ]
    report = _report(fail_on, *findings)
    expected = [f"FAIL-{severity.name}" for severity in Severity if severity in failing_severities]
    assert [item.condition_id for item in report.failing()] == expected
    assert [item.condition_id for item in findings if report.fails(item)] == expected
    assert report.exit_code == 1


def test_a_waived_or_lesser_failure_leaves_the_exit_status_clean() -> None:
    report = _report(
        Severity.MUST,
        finding("A-01", Outcome.WAIVED, Severity.MUST),
        finding("A-02", Outcome.FAIL, Severity.SHOULD),
        finding("A-03", Outcome.INSUFFICIENT_EVIDENCE, Severity.MUST),
    )
    assert report.failing() == []
    assert report.exit_code == 0


def test_severities_rank_must_above_should_above_advisory() -> None:
    assert [s.rank for s in (Severity.MUST, Severity.SHOULD, Severity.ADVISORY)] == [3, 2, 1]
