"""GitHub Actions annotations: escaped exactly as the runner expects, most severe first."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
import report_factory
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import InputProblem, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.github import escape_data, escape_property, render

COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


def _unescape(text: str) -> str:
    for escaped, raw in [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")]:
        text = text.replace(escaped, raw)
    return text


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    properties = dict(part.split("=", 1) for part in match["props"].split(","))
    return match[1], {k: _unescape(v) for k, v in properties.items()}, _unescape(match["message"])


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("%0A", "%250A", "%250A"),  # escaping % first keeps a literal %0A literal
        ("café ✓", "café ✓", "café ✓"),
    ],
)
def test_escaping_matches_the_workflow_command_rules(raw: str, data: str, prop: str) -> None:
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_one_command_per_line_most_severe_first(sample_report: Report) -> None:
    lines = render(sample_report, RenderOptions()).splitlines()
    kinds = [_parse(line)[0] for line in lines]
    assert kinds == ["error", "error", "error", "warning", "notice"]
    titles = [_parse(line)[1].get("title", "") for line in lines]
    assert titles[0] == "complychk could not check this file"
    assert titles[1].startswith("SC-002") and titles[2].startswith("SC-009")


def test_properties_and_message_round_trip_through_escaping(sample_report: Report) -> None:
    line = render(sample_report, RenderOptions()).splitlines()[1]
    assert line.startswith("::error file=proposals/kent%2C medway%3A 100%25.yaml,line=1,col=1,")
    _, properties, message = _parse(line)
    assert properties == {
        "file": "proposals/kent, medway: 100%.yaml",
        "line": "1",
        "col": "1",
        "title": "SC-002 Clinical senate | review <script>alert(1)</script> (must)",
    }
    assert message == (
        report_factory.EVIL_MESSAGE + ".\nTo pass: Attach the senate letter, then re-run: "
        "complychk check."
    )


def test_a_file_that_could_not_be_checked_is_annotated_at_its_line(sample_report: Report) -> None:
    broken = InputProblem("p/broken.yaml", "p/broken.yaml:4:7: invalid YAML", 4, 7)
    (line,) = render(replace(sample_report, problems=(broken,), proposals=()), RenderOptions())[
        :-1
    ].splitlines()
    assert line.startswith("::error file=p/broken.yaml,line=4,col=7,title=complychk could not")


def test_evidence_gives_file_line_and_column(sample_report: Report) -> None:
    line = next(x for x in render(sample_report, RenderOptions()).splitlines() if "SC-009" in x)
    assert line.startswith(
        "::error file=proposals/north-cumbria.yaml,line=30,col=3,title=SC-009 Condition"
    )


def test_only_failures_are_annotated(sample_report: Report) -> None:
    text = render(replace(sample_report, problems=()), RenderOptions())
    for quiet in ("SC-001", "SC-005", "SC-006", "SC-007", "SC-008"):
        assert quiet not in text


def test_nothing_to_say_when_everything_passes() -> None:
    proposal = replace(report_factory.plain_proposal(), findings=(finding("SC-001", Outcome.PASS),))
    report = replace(report_factory.sample_report(), proposals=(proposal,), problems=())
    assert render(report, RenderOptions()) == ""


def test_must_failures_come_before_many_advisories() -> None:
    advisories = [finding(f"AD-{n:03}", Outcome.FAIL, Severity.ADVISORY) for n in range(60)]
    findings = (*advisories, finding("ZZ-999", Outcome.FAIL, Severity.MUST))
    proposal = replace(report_factory.plain_proposal(), findings=findings)
    report = replace(report_factory.sample_report(), proposals=(proposal,), problems=())
    first = render(report, RenderOptions()).splitlines()[0]
    assert first.startswith("::error ") and "ZZ-999" in first


def test_paths_are_relative_to_base_dir(sample_report: Report) -> None:
    text = render(replace(sample_report, problems=()), RenderOptions(base_dir="proposals"))
    assert "file=north-cumbria.yaml,line=30" in text


def test_control_characters_cannot_forge_a_second_command() -> None:
    report = report_factory.control_character_report()
    proposal = replace(
        report.proposals[0],
        findings=(finding("SC-010", Outcome.FAIL, message="ok\r\n::error::forged", remedy=""),),
    )
    text = render(replace(report, proposals=(proposal,)), RenderOptions())
    assert text.count("\n") == 1
    assert text.endswith("::ok%0A::error::forged.\n")
