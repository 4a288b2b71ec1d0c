"""The Markdown summary posted as a pull-request comment or job summary."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import report_factory
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import InputProblem, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.escape import markdown as escape_markdown
from complychk.reports.markdown import render
from complychk.reports.markdown_fit import LIMIT

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_every_table_row_has_as_many_cells_as_its_header(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    tables = [block for block in text.split("\n\n") if block.startswith("|")]
    assert len(tables) == 5
    for table in tables:
        widths = {len(UNESCAPED_PIPE.findall(row)) for row in table.splitlines()}
        assert len(widths) == 1, table


def test_overview_counts_each_proposal(sample_report: Report) -> None:
    rows = _table_rows(render(sample_report, RenderOptions()))
    assert rows[0] == (
        "| Proposal | File | Pass | Fail | Must fail | Pending | Insufficient evidence | N/A "
        "| Waived |"
    )
    assert rows[3] == (
        "| Community hospital beds (north\\-cumbria) | proposals/north\\-cumbria\\.yaml "
        "| 1 | 1 | 1 | 0 | 0 | 0 | 0 |"
    )


def test_failures_come_first_most_severe_first_with_evidence_and_remedy(
    sample_report: Report,
) -> None:
    text = render(sample_report, RenderOptions())
    section = text[text.index("### Stroke") : text.index("<details>")]
    rows = _table_rows(section)[2:]
    # fail-on should: the advisory failure SC-004 does not fail the run, so it is folded away
    assert [row.split(" | ")[0] for row in rows] == ["| **MUST**", "| **SHOULD**"]
    assert "proposals/kent, medway\\: 100%\\.yaml\\:0 clinical\\.senate\\.review\\_date" in rows[0]
    assert "Attach the senate letter, then re\\-run\\: complychk check\\." in rows[0]


def test_the_rest_is_folded_into_details(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert text.count("<details>") == text.count("</details>") == 2
    assert (
        "<summary>Other conditions: 1 pass, 1 fail, 1 pending, 1 insufficient evidence, 1 n/a, "
        "1 waived</summary>\n\n|"
    ) in text
    assert "| WAIVED | must | SC\\-008 |" in text
    assert "| FAIL | advisory | SC\\-004 | Condition SC\\-004 holds | SC\\-004 is fail\\. |" in text


def test_proposal_text_cannot_inject_html_or_mentions() -> None:
    proposal = replace(
        report_factory.evil_proposal(),
        title="@nhs/board see #12 <details><img src=x onerror=alert(1)> `code` **bold**",
    )
    report = replace(report_factory.sample_report(), proposals=(proposal,))
    text = render(report, RenderOptions())
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "\\@nhs/board see \\#12 &lt;details&gt;&lt;img" in text
    assert "\\`code\\` \\*\\*bold\\*\\*" in text
    assert text.count("<details>") == 1


def test_escaping_keeps_table_cells_on_one_line() -> None:
    assert escape_markdown("a | b\nc") == "a \\| b<br>c"
    assert escape_markdown('<a href="x">&</a>') == "&lt;a href\\=&quot;x&quot;&gt;&amp;&lt;/a&gt;"


def test_heading_states_the_verdict(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert text.startswith("## complychk report\n\nAs of 2025-06-30, counting failures at *should*")
    assert "**3 failing**, **1 not checked** (exit 2)." in text
    clean = replace(
        sample_report,
        proposals=(
            replace(report_factory.plain_proposal(), findings=(finding("A-1", Outcome.PASS),)),
        ),
        problems=(),
    )
    assert "nothing failing (exit 0)." in render(clean, RenderOptions())
    assert "No failing conditions." in render(clean, RenderOptions())


def test_a_problem_whose_message_names_its_file_names_it_once(sample_report: Report) -> None:
    located = InputProblem("broken.yaml", "broken.yaml:2:1: invalid YAML")
    text = render(replace(sample_report, problems=(located,)), RenderOptions())
    assert "\n- broken\\.yaml\\:2\\:1\\: invalid YAML" in text
    assert "- proposals/broken\\.yaml: line 3" in render(sample_report, RenderOptions())


def _big_report(proposals: int, findings: int, failing: int = 1) -> Report:
    """Many proposals with long messages: far more Markdown than a comment can hold. Each has
    ``failing`` must-level failures (they fail the run) and ``findings`` should-level gaps (they
    do not, at the sample's should threshold)."""
    long = "The engagement record does not show who was consulted, when or how. " * 3
    sections = tuple(
        replace(
            report_factory.plain_proposal(),
            proposal_id=f"proposal-{number:03}",
            file=f"proposals/proposal-{number:03}.yaml",
            findings=(
                *(
                    finding(f"X-{number:03}-FAIL-{n:02}", Outcome.FAIL, message=long)
                    for n in range(failing)
                ),
                *(
                    finding(
                        f"X-{number:03}-{n:03}",
                        Outcome.INSUFFICIENT_EVIDENCE,
                        Severity.SHOULD,  # does not fail the run, so it is folded away
                        message=long,
                    )
                    for n in range(findings)
                ),
            ),
        )
        for number in range(proposals)
    )
    return replace(report_factory.sample_report(), proposals=sections, problems=())


def test_a_summary_that_fits_is_not_cut(sample_report: Report) -> None:
    assert "was cut" not in render(sample_report, RenderOptions())


def test_a_long_summary_folds_details_away_first_and_says_where_the_rest_is() -> None:
    bigger = _big_report(proposals=40, findings=40)
    text = render(bigger, RenderOptions(full_report="reports/complychk.html"))
    assert len(text) <= LIMIT
    # every proposal's failing finding is still there; some proposals lost their folded rest
    for number in range(40):
        assert f"X\\-{number:03}\\-FAIL\\-00" in text
    assert text.count("<details>") == text.count("</details>") < 40
    assert "<details>" in text  # the first proposals keep theirs
    assert text.rstrip().endswith("The full report is in `reports/complychk.html`.")
    assert (
        "> **This summary was cut to fit in 60,000 characters:** the other conditions of " in text
    )


def test_a_summary_too_long_even_without_details_drops_the_last_sections() -> None:
    report = _big_report(proposals=300, findings=2)
    text = render(report, RenderOptions())
    assert len(text) <= LIMIT
    assert "<details>" not in text
    assert "### Community hospital beds (proposal\\-000)" in text
    assert "### Community hospital beds (proposal\\-299)" not in text
    assert "(their counts are in the table above)" in text
    assert "### Community hospital beds (proposal\\-100)" in text  # headings outlast findings
    assert text.rstrip().endswith(
        "Write the full report with `--format html=FILE` (or `json`, `text`)."
    )


def test_the_seven_samples_in_one_summary_fit_in_a_comment() -> None:
    from ci_cases import samples

    from complychk.api import Checker, run_check

    report = run_check([str(path) for path in samples()], Checker(), dt.date(2025, 6, 30))
    text = render(report, RenderOptions(full_report="complychk.html"))
    assert len(text) <= LIMIT
    assert text.count("### ") == len(samples())  # every proposal keeps its failing findings


def test_the_full_reports_name_cannot_break_out_of_its_code_span() -> None:
    report = _big_report(proposals=40, findings=40)
    text = render(report, RenderOptions(full_report="out/`rm -rf`\n<b>.html"))
    assert text.rstrip().endswith("The full report is in `out/'rm -rf' <b>.html`.")


def test_when_failing_findings_alone_are_too_long_every_proposal_keeps_its_first_ones() -> None:
    report = _big_report(proposals=30, findings=0, failing=20)
    text = render(report, RenderOptions(full_report="complychk.html"))
    assert len(text) <= LIMIT
    for number in range(30):
        assert f"### Community hospital beds (proposal\\-{number:03})" in text
        assert f"X\\-{number:03}\\-FAIL\\-00" in text  # each keeps its first finding
    assert "X\\-000\\-FAIL\\-19" not in text
    assert re.search(r"\*\d+ more findings that fail the run are in the full report\.\*", text)
    assert re.search(
        r"\*\*This summary was cut to fit in 60,000 characters:\*\* \d+ findings that fail "
        r"the run \(of 30 proposals\) are left out\. The full report is in `complychk\.html`\.",
        text,
    )
