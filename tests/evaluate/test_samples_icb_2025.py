"""The NHS Thames Valley sample, pinned: what a reviewer concludes from its facts, condition by condition."""

from __future__ import annotations

import datetime as dt
import re
import typing

import casekit
from pydantic import BaseModel

from complychk.evaluate.findings import Outcome
from complychk.proposal.model.icb import IcbProposal

SAMPLE = casekit.SAMPLES / "nhs-thames-valley-2026.yaml"
AS_OF = dt.date(2026, 6, 1)
"""Two months after the merger took effect, and after the Health Bill was introduced."""

PASS = Outcome.PASS
NOT_APPLICABLE = Outcome.NOT_APPLICABLE
UNKNOWN = Outcome.INSUFFICIENT_EVIDENCE
OVERDUE = Outcome.FAIL
"""Due by the effective date (1 April 2026) and still not shown two months later: a failure
under the outcome rule (docs/outcomes.md), whatever the sources leave out."""

EXPECTED = {
    # An establishment order by NHS England; the Health Bill came after the merger.
    "ICB-LG-01": PASS,
    # Frimley's whole area, and what Surrey and Sussex and Hampshire took from it, are not given.
    "ICB-LG-02": UNKNOWN,
    "ICB-LG-03": OVERDUE,
    # Both ICBs were abolished; no transfer scheme is described.
    "ICB-LG-04": OVERDUE,
    # Approved in HCWS915 on 9 September 2025, before 1 April 2026.
    "ICB-LG-05": PASS,
    "ICB-LG-06": PASS,
    # A merger, not a cluster.
    "ICB-LG-07": NOT_APPLICABLE,
    # The ODS code S0E4D is known, the submission date is not.
    "ICB-LG-08": OVERDUE,
    # The Health Bill was not in force before the merger took effect.
    "ICB-LG-09": NOT_APPLICABLE,
    # Nothing about the constitution is in the sources: all of it was due by the effective date.
    "ICB-CN-01": OVERDUE,
    # Only the Chief Executive is known, so the board the ICB needed from its first day is not
    # shown, and no count or per-member check can pass on it.
    "ICB-CN-02": OVERDUE,
    "ICB-CN-03": OVERDUE,
    "ICB-CN-04": OVERDUE,
    "ICB-CN-05": OVERDUE,
    "ICB-CN-06": OVERDUE,
    "ICB-CN-07": OVERDUE,
    "ICB-CN-08": OVERDUE,
    "ICB-CN-09": OVERDUE,
    "ICB-CN-10": OVERDUE,
    "ICB-CN-11": OVERDUE,
    "ICB-CN-12": OVERDUE,
    "ICB-CN-13": OVERDUE,
    # Whether a mayoral strategic authority covers the area is not stated.
    "ICB-CN-14": UNKNOWN,
    # £19 per weighted head is a rounded figure; the totals behind it are not published.
    "ICB-RC-01": UNKNOWN,
    "ICB-RC-02": UNKNOWN,
    "ICB-RC-03": UNKNOWN,
    "ICB-RC-04": UNKNOWN,
    "ICB-RC-05": UNKNOWN,
    "ICB-RC-06": UNKNOWN,
    # About 2.5 million people, all of Buckinghamshire, Oxfordshire and Berkshire, in the South East.
    "ICB-FP-01": PASS,
    "ICB-FP-02": PASS,
    "ICB-FP-03": UNKNOWN,
    "ICB-FP-04": PASS,
    # No engagement, route or equality impact assessment is described.
    "ICB-EN-01": OVERDUE,
    "ICB-EN-02": UNKNOWN,
    "ICB-EN-03": UNKNOWN,
    "ICB-ST-01": UNKNOWN,
    "ICB-ST-02": UNKNOWN,
    "ICB-ST-03": OVERDUE,
    # A merger, not a cluster: leaders shared across a cluster are not in question.
    "ICB-CN-15": NOT_APPLICABLE,
    "ICB-CN-16": NOT_APPLICABLE,
    # Involvement of the public, Healthwatch and staff and the new area's partnership were due by
    # the effective date and are not shown; the board endorsements and the plan's submission date
    # (due with the plan) are not in the sources.
    "ICB-EN-04": OVERDUE,
    "ICB-EN-05": OVERDUE,
    "ICB-EN-06": OVERDUE,
    "ICB-EN-07": UNKNOWN,
    # No transition cost estimate, so no question of which ICBs it covers.
    "ICB-RC-07": NOT_APPLICABLE,
}


def test_thames_valley_outcomes_are_pinned_for_every_condition() -> None:
    reports = casekit.check_file(SAMPLE, AS_OF)
    assert reports["durable"].pack == "icb-2025"
    assert casekit.agreed_outcomes(reports) == EXPECTED


def test_thames_valley_fails_only_where_a_deadline_passed_without_the_fact() -> None:
    findings = casekit.check_file(SAMPLE, AS_OF)["reference"].findings
    failed = [finding for finding in findings if finding.outcome == Outcome.FAIL]
    assert failed, "two months after the effective date, what was due by it and is not shown fails"
    for finding in failed:  # never on a value the sample states
        assert "not shown by 2026-04-01, the effective date; assessed 2026-06-01" in (
            finding.message
        ), finding.condition_id
    messages = {finding.condition_id: finding.message for finding in findings}
    assert messages["ICB-CN-03"] == (
        "board member entries are judged only when the board list is complete, which the "
        "proposal does not confirm: not shown by 2026-04-01, the effective date; "
        "assessed 2026-06-01"
    )


def test_thames_valley_before_go_live_shows_what_was_still_due() -> None:
    reports = casekit.check_file(SAMPLE, dt.date(2026, 1, 15))
    outcomes = casekit.agreed_outcomes(reports)
    assert outcomes["ICB-LG-08"] == Outcome.PENDING
    assert outcomes["ICB-CN-12"] == Outcome.PENDING
    assert outcomes["ICB-LG-05"] == Outcome.PASS


def _inner_model(annotation: object) -> type[BaseModel] | None:
    """The section model inside ``Section | None`` or ``list[Section] | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    paths: set[str] = set()
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.add(path)
        inner = _inner_model(field.annotation)
        if inner is not None:
            paths |= _field_paths(inner, f"{path}.")
    return paths


def _data_paths(data: object, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    if isinstance(data, list):
        for item in data:
            paths |= _data_paths(item, prefix)
    elif isinstance(data, dict):
        for key, value in data.items():
            paths.add(f"{prefix}{key}")
            paths |= _data_paths(value, f"{prefix}{key}.")
    return paths


def test_the_icb_template_shows_every_field_and_is_a_valid_proposal() -> None:
    template = casekit.SAMPLES / "template-icb-merger.yaml"
    assert template.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../docs/proposal.schema.json\n"
    )
    missing = _field_paths(IcbProposal) - _data_paths(casekit.load_yaml(template))
    assert missing == set(), f"add these fields to {template.name}: {sorted(missing)}"
    outcomes = casekit.agreed_outcomes(casekit.check_file(template, AS_OF))
    assert len(outcomes) == 46


def _documented_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field as the format document writes it (``board.members[].post``)."""
    paths: set[str] = set()
    for name, field in model.model_fields.items():
        inner = _inner_model(field.annotation)
        if inner is None:
            paths.add(f"{prefix}{name}")
        elif inner.__name__ != "EngagementEvent":  # shared by every kind, listed in one line
            many = typing.get_origin(field.annotation) is list or "list[" in str(field.annotation)
            paths |= _documented_paths(inner, f"{prefix}{name}{'[]' if many else ''}.")
    return paths


def test_the_format_document_describes_every_icb_field() -> None:
    text = (casekit.REPO / "docs" / "proposal-format.md").read_text(encoding="utf-8")
    section = text.split("## ICB merger, boundary change or cluster (icb-2025)", 1)[1]
    documented = set(re.findall(r"`([a-z_0-9.\[\]]+)`", section.split("\n## ", 1)[0]))
    assert sorted(_documented_paths(IcbProposal) - documented) == []
