"""The ``matrix`` format: one line per proposal, one column per condition, short outcome codes.

For batch reviews: which proposals fail which conditions, at a glance. The full findings are in
the other formats; this one only adds up.
"""

from __future__ import annotations

from complychk.evaluate.findings import Report
from complychk.reports.common import names_its_file
from complychk.reports.escape import one_line
from complychk.reports.grid import LEGEND, grid_of
from complychk.reports.options import RenderOptions

_FILE_HEADING = "proposal file"
_FAILING_HEADING = "failing"


def render(report: Report, options: RenderOptions) -> str:
    """Heading, legend, the grid as aligned columns, problems, then a one-line total."""
    grid = grid_of(report)
    lines = [
        f"complychk matrix as of {report.as_of.isoformat()}, failing at "
        f"{report.fail_on.value} or above; {report.mode_text()}",
        f"Codes: {LEGEND}.",
        "",
    ]
    if grid.rows:
        files = [one_line(row.proposal.file) for row in grid.rows]
        widths = [max(len(_FILE_HEADING), *(len(file) for file in files)), len(_FAILING_HEADING)]
        widths.extend(max(len(column.condition_id), 3) for column in grid.columns)
        heading = [_FILE_HEADING, _FAILING_HEADING, *(c.condition_id for c in grid.columns)]
        lines.append(_line(heading, widths))
        for file, row in zip(files, grid.rows, strict=True):
            lines.append(_line([file, str(row.failing), *row.cells], widths))
    else:
        lines.append("No proposals were checked.")
    if report.problems:
        lines.extend(["", "Could not check:"])
        lines.extend(
            f"  {one_line(problem.message)}"
            if names_its_file(problem)
            else f"  {one_line(problem.file)}: {one_line(problem.message)}"
            for problem in report.problems
        )
    if report.notes:
        lines.extend(["", "Notes:"])
        lines.extend(f"  {one_line(note.text())}" for note in report.notes)
    lines.extend(["", _total(report)])
    return "\n".join(lines) + "\n"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _total(report: Report) -> str:
    checked = len(report.proposals)
    failing_proposals = sum(
        1
        for proposal in report.proposals
        if any(report.fails(finding) for finding in proposal.findings)
    )
    text = (
        f"{checked} proposal{'s' if checked != 1 else ''} checked: {failing_proposals} with "
        f"failures at or above {report.fail_on.value}"
    )
    if report.problems:
        count = len(report.problems)
        text += f"; {count} file{'s' if count != 1 else ''} could not be checked"
    return text + "."
