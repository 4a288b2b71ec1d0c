"""The ``csv`` format: the proposals-by-conditions grid for spreadsheets and scripts.

Columns: ``file``, ``proposal_id``, ``title``, ``pack``, ``status`` (``pass``, ``fail`` or
``error``), ``failing`` (failures at or above ``--fail-on``), one column per condition ID with
the outcome code (``P``, ``F``, ``NA``, ``IE``, ``PE``, ``W``; empty where the proposal's pack
lacks the condition), and ``problem`` (why a file could not be checked). A row per proposal in
input order, then a row per file that could not be checked, then a ``note`` row per report note
(a waiver that did not apply).

Text a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``, tab or carriage
return) is prefixed with ``'``, so a proposal title cannot become a live formula.
"""

from __future__ import annotations

import csv
import io

from complychk.evaluate.findings import Report
from complychk.reports.escape import one_line
from complychk.reports.grid import grid_of
from complychk.reports.options import RenderOptions

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report, options: RenderOptions) -> str:
    grid = grid_of(report)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    condition_ids = [column.condition_id for column in grid.columns]
    writer.writerow(
        safe_cell(cell)
        for cell in [
            "file",
            "proposal_id",
            "title",
            "pack",
            "status",
            "failing",
            *condition_ids,
            "problem",
        ]
    )
    for row in grid.rows:
        proposal = row.proposal
        cells = [code.rstrip("*") for code in row.cells]
        writer.writerow(
            [
                safe_cell(proposal.file),
                safe_cell(proposal.proposal_id),
                safe_cell(proposal.title),
                safe_cell(proposal.pack),
                row.status,
                str(row.failing),
                *cells,
                "",
            ]
        )
    blank = [""] * len(condition_ids)
    for problem in report.problems:
        writer.writerow(
            [safe_cell(problem.file), "", "", "", "error", "", *blank, safe_cell(problem.message)]
        )
    for note in report.notes:
        writer.writerow(
            [safe_cell(note.file), "", "", "", "note", "", *blank, safe_cell(note.text())]
        )
    return buffer.getvalue()


def safe_cell(text: str) -> str:
    """``text`` on one line, prefixed with ``'`` when a spreadsheet would run it as a formula."""
    text = one_line(text)
    return "'" + text if text.startswith(_FORMULA_START) else text
