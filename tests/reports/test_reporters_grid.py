"""The proposals-by-conditions grid is the same whether findings are shared or each its own."""

from __future__ import annotations

import datetime as dt
from random import Random

from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, Outcome, ProposalReport, Report
from complychk.reports.grid import CODES, grid_of

CONDITIONS = [f"C-{number:02d}" for number in range(59)]


def _report(proposals: list[tuple[Finding, ...]], fail_on: Severity = Severity.SHOULD) -> Report:
    reports = tuple(
        ProposalReport(f"p{number}.yaml", f"p-{number}", "t", "ccg_merger", "ltp-2019", findings)
        for number, findings in enumerate(proposals)
    )
    return Report("0", dt.date(2019, 9, 30), fail_on, reports)


def _expected(report: Report) -> list[tuple[list[str], int]]:
    """Each row's cells and failing count, worked out finding by finding."""
    rows = []
    for proposal in report.proposals:
        cells = [
            CODES[item.outcome] + ("*" if report.fails(item) else "") for item in proposal.findings
        ]
        rows.append((cells, sum(cell.endswith("*") for cell in cells)))
    return rows


def _random_rows(rng: Random, count: int, make: object) -> list[tuple[Finding, ...]]:
    outcomes, severities = list(Outcome), list(Severity)
    return [
        tuple(make(cid, rng.choice(outcomes), rng.choice(severities)) for cid in CONDITIONS)  # type: ignore[operator]
        for _ in range(count)
    ]


def test_shared_findings_give_each_proposal_its_own_cells() -> None:
    rng = Random(7)
    shared: dict[tuple[str, Outcome, Severity], Finding] = {}

    def make(cid: str, outcome: Outcome, severity: Severity) -> Finding:
        return shared.setdefault((cid, outcome, severity), finding(cid, outcome, severity))

    report = _report(_random_rows(rng, 300, make))
    grid = grid_of(report)
    assert [column.condition_id for column in grid.columns] == CONDITIONS
    assert [(list(row.cells), row.failing) for row in grid.rows] == _expected(report)


def test_more_distinct_findings_than_are_remembered_are_still_placed_right() -> None:
    rng = Random(8)
    report = _report(_random_rows(rng, 120, finding))  # 7,080 findings, each its own object
    grid = grid_of(report)
    assert [(list(row.cells), row.failing) for row in grid.rows] == _expected(report)
    assert sum(row.failing for row in grid.rows) > 0
