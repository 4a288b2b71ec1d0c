"""The terminal report: what a user reads after ``complychk check``."""

from __future__ import annotations

import re
from dataclasses import replace

import report_factory
from report_factory import EVIL_TITLE

from complychk.evaluate.findings import Evidence, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.text import render

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _block(text: str, start: str, end: str) -> str:
    return text[text.index(start) : text.index(end, text.index(start))]


def test_header_names_file_id_title_kind_and_pack(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    lines = text.splitlines()
    assert lines[0] == "proposals/kent, medway: 100%.yaml"
    assert lines[1] == f"  kent-and-medway: {EVIL_TITLE}"
    assert lines[2] == "  kind: service-change, pack: nhs-england"


def test_findings_are_grouped_under_their_theme(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    clinical = _block(text, "\nClinical evidence\n", "\nPublic involvement\n")
    involvement = _block(text, "\nPublic involvement\n", "kent-and-medway: ")
    assert "SC-001" in clinical and "SC-002" in clinical
    assert "SC-003" not in clinical
    for condition in ("SC-003", "SC-004", "SC-005", "SC-006", "SC-007", "SC-008"):
        assert condition in involvement


def test_each_finding_line_has_badge_severity_id_and_title(sample_report: Report) -> None:
    lines = render(sample_report, RenderOptions()).splitlines()
    assert "  PASS          must      SC-001  Condition SC-001 holds" in lines
    assert "  FAIL          should    SC-003  Condition SC-003 holds" in lines
    assert "  N/A           must      SC-005  Condition SC-005 holds" in lines
    assert "  INSUFFICIENT  should    SC-006  Condition SC-006 holds" in lines
    assert "  PENDING       must      SC-007  Condition SC-007 holds" in lines
    assert "  WAIVED        must      SC-008  Condition SC-008 holds" in lines


def test_failures_show_message_evidence_source_and_remedy(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    failure = _block(text, "SC-009", "north-cumbria: ")
    assert "      SC-009 is fail." in failure
    assert "      evidence: proposals/north-cumbria.yaml:30  finance.capital" in failure
    assert "      source: Service change guidance 2018, ch. 4" in failure
    assert "      To pass: Record the consultation length" in failure


def test_multi_line_messages_stay_indented_under_their_finding(sample_report: Report) -> None:
    lines = render(sample_report, RenderOptions()).splitlines()
    start = lines.index("      Consultation closed early,")
    assert lines[start + 1].startswith("      see: section 3 | 50% <img")


def test_passes_are_one_line_unless_verbose(sample_report: Report) -> None:
    quiet = render(sample_report, RenderOptions())
    verbose = render(sample_report, RenderOptions(verbose=True))
    quiet_pass = _block(quiet, "PASS", "FAIL")
    verbose_pass = _block(verbose, "PASS", "FAIL")
    assert "evidence:" not in quiet_pass
    assert "evidence: proposals/a.yaml:12" in verbose_pass
    assert "cites: Planning, assuring and delivering service change" in verbose_pass


def test_waivers_say_who_approved_them_and_when_they_expire(sample_report: Report) -> None:
    waived = _block(render(sample_report, RenderOptions()), "WAIVED", "kent-and-medway: ")
    assert "approved by Regional Director of Strategy" in waived
    assert "expires 2025-12-31" in waived
    assert "To pass" not in waived


def test_summary_line_counts_every_outcome(sample_report: Report) -> None:
    lines = render(sample_report, RenderOptions()).splitlines()
    assert (
        "kent-and-medway: 1 pass, 3 fail (1 must), 1 pending, 1 insufficient evidence (0 must), "
        "1 not applicable, 1 waived"
    ) in lines
    assert (
        "north-cumbria: 1 pass, 1 fail (1 must), 0 pending, 0 insufficient evidence, "
        "0 not applicable, 0 waived"
    ) in lines


def test_unreadable_files_and_overall_result_come_last(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert "Could not check\n  proposals/broken.yaml: line 3: mapping values" in text
    assert text.endswith(
        "2 proposals checked as of 2025-06-30: 3 failing at or above should, "
        "1 file could not be checked. Decision check: must-level insufficient evidence fails the "
        "run too (--draft for a self-assessment).\n"
    )


def test_no_colour_unless_asked(sample_report: Report) -> None:
    plain = render(sample_report, RenderOptions())
    coloured = render(sample_report, RenderOptions(color=True))
    assert "\x1b" not in plain
    assert "\x1b[1;31mFAIL" in coloured
    assert ANSI.sub("", coloured) == plain


def test_terminal_control_sequences_in_proposal_text_are_shown_not_obeyed() -> None:
    text = render(report_factory.control_character_report(), RenderOptions())
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    assert "clear\\x1b[2J screen\\x00 nul \\u202eevil" in text


def test_a_field_the_proposal_leaves_out_is_marked_not_stated() -> None:
    unstated = Evidence("finance.reinvestment", "p.yaml", 76, value=None, stated=False)
    written = Evidence("finance.planned_running_costs_gbp", "p.yaml", 78, 3, "40000000")
    failure = report_factory.finding("FIN-RC-03", Outcome.FAIL, evidence=(unstated, written))
    proposal = replace(report_factory.plain_proposal(), findings=(failure,))
    text = render(replace(report_factory.sample_report(), proposals=(proposal,)), RenderOptions())
    assert "evidence: p.yaml:76  finance.reinvestment (not stated)" in text
    assert "evidence: p.yaml:78  finance.planned_running_costs_gbp = 40000000" in text


def test_the_report_ends_with_the_findings_that_fail_the_run(sample_report: Report) -> None:
    # fail-on should: SC-002 (must) and SC-003 (should) and SC-009 (must) fail the run;
    # SC-004 (advisory) fails below the threshold and the waived SC-008 does not fail it.
    text = render(sample_report, RenderOptions())
    tail = text[text.index("3 findings failing the run (at or above should):") :]
    lines = tail.splitlines()
    assert lines[1] == (
        "proposals/kent, medway: 100%.yaml:0: FAIL must SC-002 "
        "Clinical senate | review <script>alert(1)</script>"
    )
    assert "proposals/kent, medway: 100%.yaml:1: FAIL should SC-003 Condition SC-003 holds" in lines
    assert "proposals/north-cumbria.yaml:30: FAIL must SC-009 Condition SC-009 holds" in lines
    assert (
        "      To pass: Record the consultation length in engagement.consultation.weeks." in lines
    )
    assert "SC-004" not in tail and "SC-008" not in tail
    assert lines[-1].startswith("2 proposals checked as of 2025-06-30: 3 failing")


def test_quiet_shows_only_what_fails_the_run_and_the_summary(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions(quiet=True))
    assert text.startswith("Could not check\n")  # an unreadable file is never hidden
    assert "3 findings failing the run" in text
    for hidden in ("SC-001", "SC-004", "SC-005", "SC-006", "SC-007", "SC-008", "evidence:"):
        assert hidden not in text
    assert "      To pass: Attach the senate letter" in text


def test_quiet_with_nothing_failing_is_the_summary_line_alone() -> None:
    report = report_factory.empty_report()
    (line,) = render(report, RenderOptions(quiet=True)).splitlines()
    assert line.startswith("0 proposals checked as of 2025-06-30: 0 failing at or above must.")


def test_compact_gives_each_finding_one_line_at_its_file_and_line(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions(compact=True))
    lines = text.splitlines()
    assert "proposals/a.yaml:12: N/A must SC-005 Condition SC-005 holds" in lines
    assert "proposals/a.yaml:12: INSUFFICIENT should SC-006 Condition SC-006 holds" in lines
    assert "proposals/north-cumbria.yaml:7: PASS must SC-001 Condition SC-001 holds" in lines
    assert "evidence:" not in text and "To pass:" not in text
    # in its proposal, and again among the run's failures
    assert sum("must SC-009 " in line for line in lines) == 2


def test_compact_lines_are_coloured_only_when_asked(sample_report: Report) -> None:
    plain = render(sample_report, RenderOptions(compact=True))
    coloured = render(sample_report, RenderOptions(compact=True, color=True))
    assert not ANSI.search(plain)
    assert "\x1b[1;31mFAIL\x1b[0m must SC-009" in coloured
    assert ANSI.sub("", coloured) == plain
