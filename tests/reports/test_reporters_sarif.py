"""SARIF 2.1.0 that the official schema accepts and GitHub code scanning can track over time."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import report_factory
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Evidence, InputProblem, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.sarif import FINGERPRINT_KEY, render


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads((report_factory.schemas_dir() / "sarif-schema-2.1.0.json").read_text())
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    return jsonschema.Draft4Validator(schema)


def _run(report: Report, options: RenderOptions | None = None) -> Any:
    return json.loads(render(report, options or RenderOptions()))["runs"][0]


def _results(report: Report, options: RenderOptions | None = None) -> dict[str, Any]:
    return {result["ruleId"]: result for result in _run(report, options)["results"]}


@pytest.mark.parametrize(
    "report",
    [
        report_factory.sample_report(),
        report_factory.empty_report(),
        report_factory.control_character_report(),
    ],
    ids=["sample", "empty", "control-characters"],
)
def test_output_validates_against_the_official_schema(report: Report, validator: Any) -> None:
    document = json.loads(render(report, RenderOptions()))
    errors = sorted(validator.iter_errors(document), key=str)
    assert errors == []
    assert document["version"] == "2.1.0"


def test_driver_names_the_tool_and_lists_one_rule_per_condition(sample_report: Report) -> None:
    driver = _run(sample_report)["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("complychk", "0.1.0")
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == sorted(ids) == [f"SC-00{n}" for n in range(1, 10)]
    rule = driver["rules"][ids.index("SC-002")]
    assert rule["name"] == "ClinicalSenateReviewScriptAlert1Script"
    assert rule["shortDescription"]["text"] == "Clinical senate | review <script>alert(1)</script>"
    assert "Severity: must" in rule["fullDescription"]["text"]
    assert "To pass: Attach the senate letter" in rule["help"]["text"]
    assert "Planning, assuring and delivering service change" in rule["help"]["text"]
    assert "&lt;script&gt;" in rule["help"]["markdown"]
    assert "<script>" not in rule["help"]["markdown"]
    assert rule["properties"]["severity"] == "must"
    assert "involvement" in rule["properties"]["tags"]
    assert rule["defaultConfiguration"]["level"] == "error"


def test_by_default_results_are_what_fails_or_warns(sample_report: Report) -> None:
    # must and should failures, and the waived must failure as a suppressed result; advisory
    # failures, pending and insufficient evidence stay out unless asked for.
    assert sorted(_results(sample_report)) == ["SC-002", "SC-003", "SC-008", "SC-009"]


def test_sarif_level_note_adds_advisory_failures_and_undecided_outcomes(
    sample_report: Report,
) -> None:
    results = _results(sample_report, RenderOptions(sarif_level="note"))
    assert sorted(results) == ["SC-002", "SC-003", "SC-004", "SC-006", "SC-007", "SC-008", "SC-009"]


def test_sarif_level_error_keeps_what_fails_the_run(sample_report: Report) -> None:
    # fail-on should: the should-level SC-003 fails the run, so it stays though it is a warning
    assert sorted(_results(sample_report, RenderOptions(sarif_level="error"))) == [
        "SC-002",
        "SC-003",
        "SC-008",
        "SC-009",
    ]
    must_only = replace(sample_report, fail_on=Severity.MUST)
    assert sorted(_results(must_only, RenderOptions(sarif_level="error"))) == [
        "SC-002",
        "SC-008",
        "SC-009",
    ]


def test_an_advisory_failure_that_fails_the_run_is_always_a_result(sample_report: Report) -> None:
    strict = replace(sample_report, fail_on=Severity.ADVISORY)
    assert "SC-004" in _results(strict, RenderOptions(sarif_level="error"))


def test_driver_says_what_the_tool_is_and_where_to_read_about_it(sample_report: Report) -> None:
    driver = _run(sample_report)["tool"]["driver"]
    assert driver["fullName"] == "complychk 0.1.0 (pack nhs-england)"
    assert driver["informationUri"].startswith("https://")


def test_automation_id_keeps_one_category_and_names_the_run(sample_report: Report) -> None:
    assert _run(sample_report)["automationDetails"]["id"] == "complychk/2025-06-30"


def test_levels_follow_severity_and_undecided_outcomes_are_notes(sample_report: Report) -> None:
    results = _results(sample_report, RenderOptions(sarif_level="note"))
    levels = {rule: result["level"] for rule, result in results.items()}
    assert levels["SC-002"] == "error"  # must
    assert levels["SC-003"] == "warning"  # should
    assert levels["SC-004"] == "note"  # advisory
    assert levels["SC-006"] == "note"  # insufficient evidence
    assert levels["SC-007"] == "note"  # pending


def test_rule_index_points_at_the_rule(sample_report: Report) -> None:
    run = _run(sample_report)
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_message_starts_with_the_finding_and_ends_with_the_remedy(sample_report: Report) -> None:
    results = _results(sample_report)
    assert results["SC-009"]["message"]["text"] == (
        "SC-009 is fail. To pass: Record the consultation length in engagement.consultation.weeks."
    )
    notes = _results(sample_report, RenderOptions(sarif_level="note"))
    assert notes["SC-006"]["message"]["text"].startswith("Insufficient evidence: ")


def test_locations_are_relative_forward_slash_uris_with_1_based_regions(
    sample_report: Report,
) -> None:
    results = _results(sample_report)
    location = results["SC-002"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "proposals/kent%2C%20medway%3A%20100%25.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 1, "startColumn": 1}  # evidence said 0, 0
    assert results["SC-002"]["locations"][0]["message"]["text"] == "clinical.senate.review_date"
    related = results["SC-002"]["relatedLocations"][0]["physicalLocation"]
    assert related["region"]["startLine"] == 40
    no_evidence = results["SC-003"]["locations"][0]["physicalLocation"]
    assert no_evidence["artifactLocation"]["uri"].startswith("proposals/kent")
    assert no_evidence["region"]["startLine"] == 1


def test_uris_are_made_relative_to_base_dir(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    file = repo / "nested dir" / "p.yaml"
    proposal = replace(
        report_factory.plain_proposal(),
        file=str(file),
        findings=(finding("SC-009", Outcome.FAIL, evidence=(Evidence("a.b", str(file), 3, 7),)),),
    )
    report = replace(report_factory.sample_report(), proposals=(proposal,), problems=())
    location = _results(report, RenderOptions(base_dir=str(repo)))["SC-009"]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "nested%20dir/p.yaml"
    assert location["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 7}
    outside = _results(report, RenderOptions(base_dir=str(tmp_path / "elsewhere")))["SC-009"]
    artifact = outside["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact["uri"].startswith("file://") and "uriBaseId" not in artifact


def test_relative_paths_use_forward_slashes(sample_report: Report) -> None:
    nested = os.path.join("proposals", "north", "p.yaml")
    proposal = replace(
        report_factory.plain_proposal(),
        findings=(finding("SC-009", Outcome.FAIL, evidence=(Evidence("x", nested, 2),)),),
    )
    report = replace(sample_report, proposals=(proposal,))
    uri = _results(report)["SC-009"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "proposals/north/p.yaml"


def test_fingerprints_are_stable_when_lines_move_and_differ_by_field(
    sample_report: Report,
) -> None:
    def fingerprint_of(evidence: Evidence, message: str = "m") -> str:
        proposal = replace(
            report_factory.plain_proposal(),
            findings=(finding("SC-009", Outcome.FAIL, evidence=(evidence,), message=message),),
        )
        result = _results(replace(sample_report, proposals=(proposal,)))["SC-009"]
        return str(result["partialFingerprints"][FINGERPRINT_KEY])

    base = fingerprint_of(Evidence("finance.capital", "p.yaml", 30, 3))
    assert base == fingerprint_of(Evidence("finance.capital", "p.yaml", 95, 9), message="other")
    assert base != fingerprint_of(Evidence("finance.revenue", "p.yaml", 30, 3))
    assert base != fingerprint_of(Evidence("finance.capital", "q.yaml", 30, 3))
    every = _run(sample_report, RenderOptions(sarif_level="note"))["results"]
    assert len({r["partialFingerprints"][FINGERPRINT_KEY] for r in every}) == 7


def test_waived_findings_are_suppressed_with_the_justification(sample_report: Report) -> None:
    waived = _results(sample_report)["SC-008"]
    (suppression,) = waived["suppressions"]
    assert suppression["kind"] == "external"
    assert suppression["justification"].startswith("Agreed with the regional team")
    assert suppression["properties"]["approvedBy"] == "Regional Director of Strategy"
    assert "suppressions" not in _results(sample_report)["SC-002"]


def test_unreadable_files_mark_the_run_unsuccessful(sample_report: Report) -> None:
    (invocation,) = _run(sample_report)["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert "proposals/broken.yaml" in notification["message"]["text"]
    clean = replace(sample_report, problems=())
    assert _run(clean)["invocations"] == [{"executionSuccessful": True}]


def test_an_unreadable_file_whose_message_names_it_is_named_once(sample_report: Report) -> None:
    located = InputProblem("p/broken.yaml", "p/broken.yaml:2:5: invalid YAML", 2, 5)
    (invocation,) = _run(replace(sample_report, problems=(located,)))["invocations"]
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"] == "Could not check p/broken.yaml:2:5: invalid YAML"
    (location,) = notification["locations"]
    assert location["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 5}


def test_rule_names_are_camel_case_identifiers() -> None:
    proposal = replace(
        report_factory.plain_proposal(),
        findings=(
            finding("SC-012", Outcome.FAIL, Severity.SHOULD, title="3 NHS bodies agree, café"),
            finding("SC-013", Outcome.FAIL, title="¿¿??"),
        ),
    )
    report = replace(report_factory.sample_report(), proposals=(proposal,))
    names = [rule["name"] for rule in _run(report)["tool"]["driver"]["rules"]]
    assert names == ["Condition3NHSBodiesAgreeCafe", "SC013"]
