"""The ``matrix`` and ``csv`` formats: proposals by conditions, short outcome codes, safe text."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import report_factory
from report_factory import finding

from complychk.evaluate.findings import Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.csv_report import render as render_csv
from complychk.reports.html import render as render_html
from complychk.reports.matrix import render as render_matrix


def test_matrix_text_lines_up_proposals_against_conditions(sample_report: Report) -> None:
    assert render_matrix(sample_report, RenderOptions()) == (
        "complychk matrix as of 2025-06-30, failing at should or above; decision check: "
        "must-level insufficient evidence fails the run too (--draft for a self-assessment)\n"
        "Codes: P pass, F fail, NA not applicable, IE insufficient evidence, PE pending, W waived; "
        "* marks a finding that fails the run (docs/outcomes.md).\n"
        "\n"
        "proposal file                      failing  SC-001  SC-002  SC-003  SC-004  SC-005  "
        "SC-006  SC-007  SC-008  SC-009\n"
        "proposals/kent, medway: 100%.yaml  2        P       F*      F*      F       NA      "
        "IE      PE      W\n"
        "proposals/north-cumbria.yaml       1        P                                       "
        "                        F*\n"
        "\n"
        "Could not check:\n"
        "  proposals/broken.yaml: line 3: mapping values are not allowed here <b>x</b>\n"
        "\n"
        "2 proposals checked: 2 with failures at or above should; 1 file could not be checked.\n"
    )


def test_matrix_shows_control_characters_instead_of_obeying_them() -> None:
    text = render_matrix(report_factory.control_character_report(), RenderOptions())
    assert "\x1b" not in text and "\u202e" not in text


def test_csv_has_a_row_per_proposal_then_a_row_per_unreadable_file(sample_report: Report) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(sample_report, RenderOptions()))))
    assert rows[0] == [
        "file", "proposal_id", "title", "pack", "status", "failing",
        "SC-001", "SC-002", "SC-003", "SC-004", "SC-005", "SC-006", "SC-007", "SC-008", "SC-009",
        "problem",
    ]  # fmt: skip
    assert rows[1][4:15] == ["fail", "2", "P", "F", "F", "F", "NA", "IE", "PE", "W", ""]
    assert rows[2][0] == "proposals/north-cumbria.yaml" and rows[2][14] == "F"
    assert rows[3][0] == "proposals/broken.yaml" and rows[3][4] == "error"
    assert rows[3][-1] == "line 3: mapping values are not allowed here <b>x</b>"


def test_csv_cells_cannot_become_spreadsheet_formulas(sample_report: Report) -> None:
    proposal = replace(
        report_factory.plain_proposal(),
        title='=HYPERLINK("http://evil.example","click")',
        proposal_id="+1",
        file="@SUM(A1).yaml",
    )
    report = replace(sample_report, proposals=(proposal,), problems=())
    (row,) = list(csv.DictReader(io.StringIO(render_csv(report, RenderOptions()))))
    assert row["title"].startswith("'=HYPERLINK(")
    assert row["proposal_id"] == "'+1"
    assert row["file"] == "'@SUM(A1).yaml"


def test_html_has_a_matrix_only_when_several_proposals_were_checked(
    sample_report: Report,
) -> None:
    assert '<section class="matrix">' in render_html(sample_report, RenderOptions())
    single = replace(sample_report, proposals=sample_report.proposals[:1])
    assert '<section class="matrix">' not in render_html(single, RenderOptions())


def test_html_matrix_escapes_condition_ids_and_titles(sample_report: Report) -> None:
    hostile = finding(
        '"><script>alert(3)</script>', Outcome.FAIL, title="'><img src=x onerror=alert(4)>"
    )
    proposal = replace(report_factory.plain_proposal(), findings=(hostile,))
    report = replace(sample_report, proposals=(*sample_report.proposals, proposal))
    page = render_html(report, RenderOptions())
    matrix = page[
        page.index('<section class="matrix">') : page.index(
            "</section>", page.index('<section class="matrix">')
        )
    ]
    assert "<script>" not in matrix and "<img" not in matrix
    assert "&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in matrix
    assert 'title="&#x27;&gt;&lt;img src=x onerror=alert(4)&gt;"' in matrix
