"""The JSON report: versioned, valid against its published schema, stable byte for byte."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import report_factory

from complychk.cli import main
from complychk.evaluate.findings import Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.json_report import SCHEMA, render


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    text = resources.files("complychk").joinpath("data/report.schema.json").read_text("utf-8")
    schema = json.loads(text)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _load(report: Report) -> Any:
    return json.loads(render(report, RenderOptions()))


@pytest.mark.parametrize(
    "report",
    [
        report_factory.sample_report(),
        report_factory.empty_report(),
        report_factory.control_character_report(),
    ],
    ids=["sample", "empty", "control-characters"],
)
def test_output_validates_against_the_published_schema(
    report: Report, validator: jsonschema.protocols.Validator
) -> None:
    validator.validate(_load(report))


def test_schema_rejects_a_document_with_an_unknown_field(
    sample_report: Report, validator: jsonschema.protocols.Validator
) -> None:
    document = _load(sample_report)
    document["proposals"][0]["findings"][0]["surprise"] = 1
    assert not validator.is_valid(document)


def test_document_carries_version_tool_and_iso_dates(sample_report: Report) -> None:
    document = _load(sample_report)
    assert document["schema"] == SCHEMA == "complychk-report/1"
    assert document["tool"] == {"name": "complychk", "version": "0.1.0"}
    assert document["as_of"] == "2025-06-30"
    waived = document["proposals"][0]["findings"][-1]
    assert waived["waiver"]["expires"] == "2025-12-31"


def test_keys_are_sorted_and_output_ends_with_newline(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert text.endswith("}\n")
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_counts_exit_code_and_failing_agree_with_the_report(sample_report: Report) -> None:
    document = _load(sample_report)
    assert document["exit_code"] == sample_report.exit_code == 2
    assert document["summary"]["failing"] == len(sample_report.failing()) == 3
    assert document["summary"]["counts"]["fail"] == 4
    assert document["proposals"][1]["counts"] == {
        "pass": 1,
        "fail": 1,
        "not_applicable": 0,
        "insufficient_evidence": 0,
        "pending": 0,
        "waived": 0,
    }
    advisory = next(
        f for f in document["proposals"][0]["findings"] if f["condition_id"] == "SC-004"
    )
    assert advisory["outcome"] == "fail" and advisory["failing"] is False


def test_proposal_text_is_kept_exactly(sample_report: Report) -> None:
    document = _load(sample_report)
    finding = document["proposals"][0]["findings"][1]
    assert document["proposals"][0]["title"] == report_factory.EVIL_TITLE
    assert finding["message"] == report_factory.EVIL_MESSAGE
    assert finding["evidence"][0] == {
        "path": "clinical.senate.review_date",
        "file": "proposals/kent, medway: 100%.yaml",
        "line": 0,
        "column": 0,
        "value": f"{report_factory.EVIL_IMG}\r\nline two",
        "stated": True,
    }
    assert finding["citations"][0]["text"].startswith("Planning, assuring")


def test_lone_surrogates_survive_as_json_escapes() -> None:
    report = report_factory.control_character_report()
    text = render(report, RenderOptions())
    text.encode("utf-8")
    assert "\\ud800" in text
    assert json.loads(text)["proposals"][0]["title"] == report.proposals[0].title


def test_a_finding_without_waiver_has_null_waiver(sample_report: Report) -> None:
    report = replace(sample_report, problems=())
    document = _load(report)
    assert document["exit_code"] == 1
    outcomes = {f["outcome"]: f["waiver"] for f in document["proposals"][0]["findings"]}
    assert outcomes[Outcome.FAIL.value] is None


def test_the_example_in_docs_report_format_md_is_real_output(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "report-format.md").read_text("utf-8")
    section = doc[doc.index("### Example (abridged)") :]
    command = section.split("`")[1]
    example = json.loads(section.split("```json\n")[1].split("```")[0])
    assert command.startswith("complychk ")
    monkeypatch.chdir(root)
    main(command.split()[1:])
    real = json.loads(capsys.readouterr().out)
    shown = {finding["condition_id"] for finding in example["proposals"][0]["findings"]}
    real["proposals"][0]["findings"] = [
        finding for finding in real["proposals"][0]["findings"] if finding["condition_id"] in shown
    ]
    assert example == real, "update the example in docs/report-format.md"
