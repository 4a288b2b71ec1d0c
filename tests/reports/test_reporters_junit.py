"""JUnit XML that Jenkins, Azure Pipelines and GitLab all accept."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
import report_factory
import xmlschema
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import InputProblem, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.junit import render

SCHEMAS = ("junit-10.xsd", "JUnit.xsd", "jenkins-junit.xsd")


@pytest.fixture(scope="module", params=SCHEMAS)
def schema(request: pytest.FixtureRequest) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(report_factory.schemas_dir() / request.param))


def _duplicate_names_report() -> Report:
    """Two proposals with the same ID and a repeated condition, as a careless pack might give."""
    twice = replace(
        report_factory.plain_proposal(),
        findings=(finding("SC-001", Outcome.PASS), finding("SC-001", Outcome.FAIL)),
    )
    return replace(report_factory.sample_report(), proposals=(twice, twice), problems=())


REPORTS = {
    "sample": report_factory.sample_report(),
    "empty": report_factory.empty_report(),
    "control-characters": report_factory.control_character_report(),
    "duplicate-names": _duplicate_names_report(),
}


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_output_validates_against_every_junit_schema(
    name: str, schema: xmlschema.XMLSchema
) -> None:
    schema.validate(render(REPORTS[name], RenderOptions()))


def _root(report: Report) -> ET.Element:
    return ET.fromstring(render(report, RenderOptions()))


def test_one_suite_per_proposal_and_one_for_unreadable_files(sample_report: Report) -> None:
    suites = _root(sample_report).findall("testsuite")
    assert [s.get("name") for s in suites] == ["kent-and-medway", "north-cumbria", "input problems"]
    assert [s.get("id") for s in suites] == ["0", "1", "2"]
    first = suites[0]
    assert (
        first.get("tests"),
        first.get("failures"),
        first.get("errors"),
        first.get("skipped"),
    ) == (
        "8",
        "2",  # SC-002 (must) and SC-003 (should) fail at should; SC-004 (advisory) does not
        "0",
        "5",
    )
    assert first.get("timestamp") == "2025-06-30T00:00:00"
    properties = {p.get("name"): p.get("value") for p in first.iter("property")}
    assert properties["proposal.title"] == report_factory.EVIL_TITLE


def test_failures_carry_severity_message_evidence_and_remedy(sample_report: Report) -> None:
    case = next(
        c for c in _root(sample_report).iter("testcase") if c.get("name", "").startswith("SC-002")
    )
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "must"
    assert failure.get("message", "").startswith("Consultation closed early, see: section 3")
    text = failure.text or ""
    assert "Evidence: proposals/kent, medway: 100%.yaml:0 clinical.senate.review_date" in text
    assert "To pass: Attach the senate letter" in text


def test_undecided_outcomes_are_skipped_without_attributes(sample_report: Report) -> None:
    cases = {c.get("name", "")[:6]: c for c in _root(sample_report).iter("testcase")}
    for condition, reason in [
        ("SC-005", "Not applicable: No beds change."),
        ("SC-006", "Insufficient evidence: "),
        ("SC-007", "Pending: Consultation closes 2026-01-31."),
        ("SC-008", "Waived: Only 8 weeks of consultation."),
    ]:
        skipped = cases[condition].find("skipped")
        assert skipped is not None and skipped.attrib == {}
        assert (skipped.text or "").startswith(reason)
    assert "Reference: WVR-2025-007" in (cases["SC-008"].findtext("skipped") or "")
    assert list(cases["SC-001"]) == []


def test_unreadable_files_are_errors(sample_report: Report) -> None:
    suite = _root(sample_report).findall("testsuite")[-1]
    (case,) = suite.findall("testcase")
    error = case.find("error")
    assert error is not None
    assert case.get("name") == "proposals/broken.yaml"
    assert error.get("type") == "InputProblem"
    assert error.get("message") == "line 3: mapping values are not allowed here <b>x</b>"


def test_an_unreadable_file_whose_message_names_it_is_named_once(sample_report: Report) -> None:
    located = InputProblem("p/broken.yaml", "p/broken.yaml:2:1: invalid YAML")
    suite = _root(replace(sample_report, problems=(located,))).findall("testsuite")[-1]
    assert suite.findtext("testcase/error") == "p/broken.yaml:2:1: invalid YAML"
    assert _root(sample_report).findall("testsuite")[-1].findtext("testcase/error") == (
        "proposals/broken.yaml: line 3: mapping values are not allowed here\n<b>x</b>"
    )


def test_classname_and_name_pairs_are_unique() -> None:
    cases = list(_root(_duplicate_names_report()).iter("testcase"))
    pairs = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(pairs) == len(set(pairs)) == 4


def test_names_are_single_line_tokens(sample_report: Report) -> None:
    report = replace(
        sample_report,
        problems=(),
        proposals=(
            replace(
                report_factory.plain_proposal(),
                findings=(finding("SC-011", Outcome.PASS, title="  Two\n lines\t here "),),
            ),
        ),
    )
    (case,) = _root(report).iter("testcase")
    assert case.get("name") == "SC-011 Two lines here"
    assert case.get("classname") == "nhs-england.north-cumbria"


def test_only_findings_that_fail_the_run_are_failures(sample_report: Report) -> None:
    cases = {c.get("name", "")[:6]: c for c in _root(sample_report).iter("testcase")}
    assert {name for name, case in cases.items() if case.find("failure") is not None} == {
        "SC-002",
        "SC-003",
        "SC-009",
    }
    advisory = cases["SC-004"].findtext("skipped") or ""
    assert advisory.startswith("Fails at advisory, below the should threshold: SC-004 is fail.")
    strict = _root(replace(sample_report, fail_on=Severity.ADVISORY))
    (case,) = [c for c in strict.iter("testcase") if c.get("name", "").startswith("SC-004")]
    assert case.find("failure") is not None


def test_failures_agree_with_the_exit_status(sample_report: Report) -> None:
    for fail_on in Severity:
        report = replace(sample_report, fail_on=fail_on, problems=())
        failures = sum(int(s.get("failures", "0")) for s in _root(report).iter("testsuite"))
        assert failures == len(report.failing())
        assert (failures > 0) == (report.exit_code == 1)


def test_each_outcome_is_a_suite_property(sample_report: Report) -> None:
    first = _root(sample_report).findall("testsuite")[0]
    properties = {p.get("name"): p.get("value") for p in first.iter("property")}
    assert properties["outcome.SC-004"] == "fail"
    assert properties["outcome.SC-006"] == "insufficient_evidence"
    assert properties["outcome.SC-008"] == "waived"
    assert properties["as_of"] == "2025-06-30"


def test_timestamp_and_hostname_are_the_runs(sample_report: Report) -> None:
    options = RenderOptions(run_at=dt.datetime(2026, 12, 6, 7, 5, 9, 123), hostname="ci-runner-7")
    text = render(sample_report, options)
    for schema in SCHEMAS:
        xmlschema.XMLSchema(str(report_factory.schemas_dir() / schema)).validate(text)
    suites = ET.fromstring(text).findall("testsuite")
    assert {s.get("timestamp") for s in suites} == {"2026-12-06T07:05:09"}
    assert {s.get("hostname") for s in suites} == {"ci-runner-7"}
    first = {p.get("name"): p.get("value") for p in suites[0].iter("property")}
    assert first["as_of"] == "2025-06-30"  # the assessment date stays a property


def test_output_does_not_depend_on_the_clock(sample_report: Report) -> None:
    assert render(sample_report, RenderOptions()) == render(
        report_factory.sample_report(), RenderOptions()
    )
    assert 'timestamp="2025-06-30T00:00:00"' in render(sample_report, RenderOptions())
