"""The ltp-2019 sample proposals: every condition's verdict pinned, on both evaluators.

Expected verdicts live in ``tests/golden/<sample>.yaml`` with the assessment date, each one
reasoned from the sample's facts rather than copied from the tool's output.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from pathlib import Path
from typing import Any

import casekit
import pytest
from pydantic import BaseModel

from complychk.conditions.condition import Severity
from complychk.conditions.packs import load_pack
from complychk.evaluate.findings import Finding, Outcome
from complychk.proposal.model.ccg import CcgEngagement, CcgMergerProposal

GOLDEN = casekit.REPO / "tests" / "golden"
MODELINE = "# yaml-language-server: $schema=../docs/proposal.schema.json"


def ccg_samples() -> list[Path]:
    """Every sample proposal of kind ccg_merger: the ones the ltp-2019 pack checks."""
    return sorted(
        path
        for path in casekit.SAMPLES.glob("*.yaml")
        if casekit.load_yaml(path).get("kind") == "ccg_merger"
    )


SAMPLES = ccg_samples()


def golden(sample: Path) -> dict[str, Any]:
    data: dict[str, Any] = casekit.load_yaml(GOLDEN / sample.name)
    return data


def findings(sample: Path) -> dict[str, Finding]:
    reports = casekit.check_file(sample, golden(sample)["as_of"])
    casekit.agreed_outcomes(reports)
    return {finding.condition_id: finding for finding in reports["durable"].findings}


def test_the_five_ltp_samples_are_all_here() -> None:
    assert [path.name for path in SAMPLES] == [
        "coventry-and-warwickshire-2021.yaml",
        "kent-and-medway-2019-09.yaml",
        "kent-and-medway-2020-04.yaml",
        "surrey-heartlands-2019.yaml",
        "template-ccg-merger.yaml",
    ]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_every_condition_gives_the_reviewed_verdict(sample: Path) -> None:
    expected = golden(sample)
    assert isinstance(expected["as_of"], dt.date)
    pinned = {key: Outcome(value) for key, value in expected["outcomes"].items()}
    assert set(pinned) == {condition.id for condition in load_pack("ltp-2019").conditions}
    actual = casekit.agreed_outcomes(casekit.check_file(sample, expected["as_of"]))
    differences = {
        key: f"expected {pinned[key].value}, got {actual[key].value}"
        for key in pinned
        if actual[key] != pinned[key]
    }
    assert not differences, differences


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_sample_opens_with_the_schema_modeline(sample: Path) -> None:
    assert sample.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_sample_names_posts_not_people(sample: Path) -> None:
    """Seats are named by post title; a title such as Dr or Mr would mean a person's name."""
    text = sample.read_text(encoding="utf-8")
    assert not re.search(r"\b(Dr|Mr|Mrs|Ms|Miss|Professor|Cllr)\b\.? [A-Z]", text)


def test_kent_and_medway_as_submitted_has_nothing_failing_that_was_due_later() -> None:
    result = findings(casekit.SAMPLES / "kent-and-medway-2019-09.yaml")
    must_failures = [
        key
        for key, finding in result.items()
        if finding.outcome == Outcome.FAIL and finding.severity == Severity.MUST
    ]
    assert must_failures == []
    officer = result["GOV-AO-01"]
    assert officer.outcome == Outcome.PENDING
    assert "due by 2020-04-01" in officer.message


def test_kent_and_medway_conditions_pending_at_submission_are_met_by_go_live() -> None:
    before = findings(casekit.SAMPLES / "kent-and-medway-2019-09.yaml")
    after = findings(casekit.SAMPLES / "kent-and-medway-2020-04.yaml")
    for condition in ("GOV-AO-01", "GOV-CFO-01", "TIM-COND-01", "CLN-CHAIR-01"):
        assert before[condition].outcome == Outcome.PENDING, condition
        assert after[condition].outcome == Outcome.PASS, condition


def test_the_surrey_downs_vote_is_the_one_named() -> None:
    result = findings(casekit.SAMPLES / "surrey-heartlands-2019.yaml")
    quorum = result["MEM-VOTE-02"]
    assert quorum.outcome == Outcome.FAIL
    assert quorum.severity == Severity.MUST
    assert "NHS Surrey Downs CCG: turnout is 68% and quorum is 75%" in quorum.message
    assert "East Surrey" not in quorum.message
    assert "NHS Surrey Downs CCG: vote result is 'not_quorate'" in quorum.message
    assert "Surrey Downs" not in result["MEM-VOTE-01"].message.split(";")[0]  # not counted twice


def test_kent_and_medway_missing_priorities_are_listed() -> None:
    result = findings(casekit.SAMPLES / "kent-and-medway-2020-04.yaml")["POP-LTP-01"]
    assert result.message.startswith(
        "missing from the Long Term Plan priorities covered: learning disability and autism, "
        "cardiovascular disease, stroke"
    )
    assert "cancer" not in result.message


def model_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every field of the proposal model as a dotted path (list items without an index)."""
    paths = []
    for name, field in model.model_fields.items():
        paths.append(prefix + name)
        inner = _inner_model(field.annotation)
        if inner is not None:
            paths.extend(model_fields(inner, f"{prefix}{name}."))
    return paths


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def test_the_template_lists_every_field_and_still_validates() -> None:
    template = casekit.SAMPLES / "template-ccg-merger.yaml"
    text = template.read_text(encoding="utf-8")
    keys = set(re.findall(r"^[#\s-]*([a-z_0-9]+):", text, re.MULTILINE))
    fields = {path.rsplit(".", 1)[-1] for path in model_fields(CcgMergerProposal)}
    assert fields - keys == set()
    ics = findings(template)["TIM-ICS-01"]  # due with the application: further information
    assert (ics.outcome, ics.message) == (
        Outcome.INSUFFICIENT_EVIDENCE,
        "the proposal does not state the ICS target date",
    )


def test_the_format_document_describes_every_field() -> None:
    text = (casekit.REPO / "docs" / "proposal-format.md").read_text(encoding="utf-8")
    ccg_part = text.split("## CCG merger (ltp-2019)", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_0-9.<>]+)`", ccg_part))
    audiences = "|".join(CcgEngagement.model_fields)
    record = re.compile(rf"^engagement\.({audiences})\.(?P<field>[a-z_]+)$")
    missing = [
        path
        for path in model_fields(CcgMergerProposal)
        if path not in documented
        and record.sub(r"engagement.<audience>.\g<field>", path) not in documented
    ]
    assert missing == []
