"""The proposals-by-conditions grid behind the ``matrix``, ``csv`` and HTML batch summaries.

Rows are proposals in the order they were given; columns are condition IDs in the order they
first appear (so one pack's conditions stay together, in the pack's order); a cell is a short
outcome code, or empty where a proposal's pack does not have that condition.
"""

from __future__ import annotations

from dataclasses import dataclass

from complychk.evaluate.findings import Outcome, ProposalReport, Report

CODES: dict[Outcome, str] = {
    Outcome.PASS: "P",
    Outcome.FAIL: "F",
    Outcome.NOT_APPLICABLE: "NA",
    Outcome.INSUFFICIENT_EVIDENCE: "IE",
    Outcome.PENDING: "PE",
    Outcome.WAIVED: "W",
}
"""Cell codes, the same in every format; :data:`LEGEND` spells them out."""

LEGEND = (
    "P pass, F fail, NA not applicable, IE insufficient evidence, PE pending, W waived; "
    "* marks a finding that fails the run (docs/outcomes.md)"
)


@dataclass(frozen=True)
class Column:
    """One condition: its ID, and the title shown where there is room (HTML tooltips)."""

    condition_id: str
    title: str


@dataclass(frozen=True)
class Row:
    """One proposal's cells, aligned with :attr:`Grid.columns` ("" where it has no such condition)."""

    proposal: ProposalReport
    cells: tuple[str, ...]
    failing: int

    @property
    def status(self) -> str:
        return "fail" if self.failing else "pass"


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


def grid_of(report: Report) -> Grid:
    """The grid of a report; a failure at or above the fail threshold gets a ``*``."""
    columns: dict[str, Column] = {}
    for proposal in report.proposals:
        for finding in proposal.findings:
            if finding.condition_id not in columns:
                columns[finding.condition_id] = Column(finding.condition_id, finding.title)
    index = {condition_id: number for number, condition_id in enumerate(columns)}
    fails = report.fails
    # A batch checked for a grid shares one finding object per condition and outcome among all
    # its proposals, so each object's cell is worked out once, looked up by identity (the
    # report keeps every finding alive meanwhile). Findings made for one proposal each are not
    # remembered beyond the first few thousand.
    cell_of: dict[int, tuple[int, str, int]] = {}
    rows = []
    for proposal in report.proposals:
        cells = [""] * len(columns)
        failing = 0
        for finding in proposal.findings:
            cell = cell_of.get(id(finding))
            if cell is None:
                fail = int(fails(finding))
                cell = (index[finding.condition_id], CODES[finding.outcome] + "*" * fail, fail)
                if len(cell_of) < _REMEMBERED:
                    cell_of[id(finding)] = cell
            column, code, fail = cell
            cells[column] = code
            failing += fail
        rows.append(Row(proposal, tuple(cells), failing))
    return Grid(tuple(columns.values()), tuple(rows))


_REMEMBERED = 4096
