"""Outcomes, messages and evidence a user sees, on a small custom pack, from both evaluators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from casekit import merged
from minipack import BASE, FEATURE, write_pack

from complychk.conditions.condition import Severity
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Finding, Outcome
from complychk.proposal.loader import load_text

AS_OF = dt.date(2019, 10, 1)


@pytest.fixture(scope="module")
def checkers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Checker]:
    root = write_pack(tmp_path_factory.mktemp("pack"))
    return {
        engine: Checker(pack_name="mini", engine_name=engine, pack_root=root)
        for engine in ("durable", "reference")
    }


def run(
    checkers: dict[str, Checker], patch: dict[str, Any], as_of: dt.date = AS_OF
) -> dict[str, Finding]:
    text = yaml.safe_dump(merged(BASE, patch), sort_keys=False)
    document = load_text(text, "proposal.yaml")
    reports = {name: checker.check_document(document, as_of) for name, checker in checkers.items()}
    assert reports["durable"].findings == reports["reference"].findings
    return {finding.condition_id: finding for finding in reports["durable"].findings}


def test_compliant_proposal_passes_everything_that_applies(checkers: dict[str, Checker]) -> None:
    outcomes = {cid: f.outcome for cid, f in run(checkers, {}).items()}
    assert outcomes == {
        "T-AO-01": Outcome.PASS,
        "T-RC-01": Outcome.PASS,
        "T-RE-01": Outcome.PASS,
        "T-VOTE-01": Outcome.PASS,
        "T-NAME-01": Outcome.PASS,
        "T-GO-01": Outcome.PASS,
        "T-LA-01": Outcome.PASS,
        "T-PC-01": Outcome.NOT_APPLICABLE,
    }


def test_ratio_failure_reports_actual_percentage_and_requirement(
    checkers: dict[str, Checker],
) -> None:
    finding = run(checkers, {"finance": {"planned_running_costs_gbp": 8_400_000}})["T-RC-01"]
    assert finding.outcome is Outcome.FAIL
    assert "84% of the baseline running costs" in finding.message
    assert "at most 80%" in finding.message
    assert finding.evidence[0].path == "finance.baseline_running_costs_gbp"
    assert finding.evidence[0].file == "proposal.yaml"
    assert finding.evidence[0].line > 1


def test_late_start_date_fails_and_missing_one_is_pending_before_the_deadline_then_fails(
    checkers: dict[str, Checker],
) -> None:
    late = run(checkers, {"governance": {"accountable_officer": {"start_date": "2020-05-01"}}})
    assert late["T-AO-01"].outcome is Outcome.FAIL
    assert "2020-05-01" in late["T-AO-01"].message
    unstated = {"governance": {"accountable_officer": None}}
    assert run(checkers, unstated, dt.date(2019, 10, 1))["T-AO-01"].outcome is Outcome.PENDING
    after = run(checkers, unstated, dt.date(2020, 6, 1))["T-AO-01"]
    assert after.outcome is Outcome.FAIL
    assert "governance.accountable_officer.start_date" in [e.path for e in after.evidence]
    missing = next(e for e in after.evidence if e.path.endswith("start_date"))
    assert missing.stated is False and missing.value is None
    assert all(e.stated for e in late["T-AO-01"].evidence)
    assert after.message == (
        "the proposal does not state the Accountable Officer's start date: not shown by "
        "2020-04-01, the go-live date; assessed 2020-06-01"
    )


def test_must_be_stated_is_insufficient_evidence_when_absent(
    checkers: dict[str, Checker],
) -> None:
    # Due with the application: not shown means further information is required, not a failure.
    finding = run(checkers, {"finance": {"reinvestment": None}})["T-RE-01"]
    assert finding.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert finding.severity is Severity.ADVISORY
    assert finding.message == "the proposal does not state the reinvestment plan"
    (written_as_null,) = finding.evidence
    assert (written_as_null.path, written_as_null.stated) == ("finance.reinvestment", False)


def test_per_item_failure_names_the_item(checkers: dict[str, Checker]) -> None:
    predecessors = [
        dict(
            BASE["predecessors"][0],
            vote={
                "votes_for": 30,
                "votes_against": 10,
                "cast": 34,
                "eligible": 50,
                "quorum_percent": 75,
            },
        ),
        BASE["predecessors"][1],
    ]
    finding = run(checkers, {"predecessors": predecessors})["T-VOTE-01"]
    assert finding.outcome is Outcome.FAIL
    assert "NHS Ashford CCG" in finding.message and "68%" in finding.message
    assert "NHS Swale CCG" not in finding.message
    assert [e.path for e in finding.evidence] == [
        "predecessors[0].vote.cast",
        "predecessors[0].vote.eligible",
        "predecessors[0].vote.quorum_percent",
    ]


def test_vote_against_majority_fails(checkers: dict[str, Checker]) -> None:
    predecessors = [
        BASE["predecessors"][0],
        {"name": "NHS Swale CCG", "vote": {"votes_for": 5, "votes_against": 20}},
    ]
    finding = run(checkers, {"predecessors": predecessors})["T-VOTE-01"]
    assert finding.outcome is Outcome.FAIL
    assert "NHS Swale CCG" in finding.message


def test_missing_tally_is_insufficient_evidence(checkers: dict[str, Checker]) -> None:
    predecessors = [BASE["predecessors"][0], {"name": "NHS Swale CCG"}]
    finding = run(checkers, {"predecessors": predecessors})["T-VOTE-01"]
    assert finding.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert finding.message == "NHS Swale CCG: the proposal does not state votes for"


def test_items_missing_the_same_field_are_named_together_once(
    checkers: dict[str, Checker],
) -> None:
    predecessors = [{"name": "NHS Ashford CCG"}, {"name": "NHS Swale CCG"}]
    finding = run(checkers, {"predecessors": predecessors})["T-VOTE-01"]
    assert finding.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert finding.message == (
        "the proposal does not state votes for (NHS Ashford CCG; NHS Swale CCG)"
    )


def test_pattern_day_and_deadline_checks(checkers: dict[str, Checker]) -> None:
    assert run(checkers, {"new_ccg": {"name": "Kent CCG"}})["T-NAME-01"].outcome is Outcome.FAIL
    assert run(checkers, {"go_live": "2020-05-01"})["T-GO-01"].outcome is Outcome.FAIL
    late = run(checkers, {"submitted_on": "2019-10-01"})["T-GO-01"]
    assert late.outcome is Outcome.FAIL
    assert "2019-09-30" in late.message


def test_set_and_unless_checks(checkers: dict[str, Checker]) -> None:
    crossing = {"new_ccg": {"council_boundaries_crossed": ["Surrey"]}}
    assert run(checkers, crossing)["T-LA-01"].outcome is Outcome.FAIL
    justified = {
        "new_ccg": {
            "council_boundaries_crossed": ["Surrey"],
            "boundary_justification": "Patient flows.",
        }
    }
    assert run(checkers, justified)["T-LA-01"].outcome is Outcome.PASS
    missing = run(checkers, {"new_ccg": {"upper_tier_councils": ["Medway Council"]}})["T-LA-01"]
    assert missing.outcome is Outcome.FAIL
    assert "Kent County Council" in missing.message


def test_given_decides_applicability(checkers: dict[str, Checker]) -> None:
    delegated = {"governance": {"primary_care_commissioning_delegated": True}}
    assert run(checkers, delegated)["T-PC-01"].outcome is Outcome.PASS
    unknown = {"governance": {"primary_care_commissioning_delegated": None}}
    cannot_tell = run(checkers, unknown)["T-PC-01"]
    assert cannot_tell.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert cannot_tell.message == (
        "cannot tell whether this applies: the proposal does not say whether primary care "
        "commissioning is delegated"
    )
    not_delegated = run(checkers, {})["T-PC-01"]
    assert not_delegated.message == "applies only when primary care commissioning is delegated"


def test_findings_carry_full_citations_and_feature_lines(checkers: dict[str, Checker]) -> None:
    finding = run(checkers, {})["T-AO-01"]
    assert [citation.key for citation in finding.citations] == ["REGS"]
    assert finding.citations[0].text() == "The CCG Regulations 2012, reg 11"
    assert Path(finding.feature_file).name == "core.feature"
    assert finding.feature_line == 8
    assert finding.theme == "Core checks"
    assert "@core" in finding.tags and "@must" in finding.tags


TALLIES = """
  @T-TALLY-01 @should
  Scenario: Tallies are given
    Source: REGS
    Remedy: Give each vote's tallies.
    Then every predecessor CCG must have votes cast stated
    And every predecessor CCG must have eligible votes stated
    And every predecessor CCG must have votes for at least 1
"""


def test_items_several_checks_find_alike_are_named_once_for_all_of_them(tmp_path: Path) -> None:
    root = write_pack(tmp_path, features={"core.feature": FEATURE + TALLIES})
    checkers = {
        engine: Checker(pack_name="mini", engine_name=engine, pack_root=root)
        for engine in ("durable", "reference")
    }
    predecessors = [{"name": "NHS Ashford CCG"}, {"name": "NHS Swale CCG", "vote": {"cast": 9}}]
    both = run(checkers, {"predecessors": predecessors[:1]})["T-TALLY-01"]
    assert both.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert both.message == (
        "NHS Ashford CCG: the proposal does not state votes cast, eligible votes or votes for"
    )
    finding = run(checkers, {"predecessors": predecessors})["T-TALLY-01"]
    assert finding.outcome is Outcome.INSUFFICIENT_EVIDENCE
    assert finding.message == (
        "NHS Ashford CCG: the proposal does not state votes cast; "
        "the proposal does not state eligible votes or votes for (NHS Ashford CCG; NHS Swale CCG)"
    )
    missing = run(
        checkers,
        {
            "predecessors": [
                {"name": "NHS Ashford CCG", "vote": {"cast": 9, "eligible": 9}},
                {"name": "NHS Swale CCG", "vote": {"cast": 9, "eligible": 9}},
            ]
        },
    )
    assert missing["T-TALLY-01"].message == (
        "the proposal does not state votes for (NHS Ashford CCG; NHS Swale CCG)"
    )


COUNCILS = """
  @T-COUNCILS-01 @should
  Scenario Outline: Named councils are in the area
    Source: REGS
    Remedy: Cover the councils.
    Then the upper-tier councils must include "<council>"

    Examples:
      | council               |
      | Surrey County Council |
      | Kent County Council   |
      | Essex County Council  |
"""


def test_required_items_missing_from_one_list_are_named_in_one_part(tmp_path: Path) -> None:
    root = write_pack(tmp_path, features={"core.feature": FEATURE + COUNCILS})
    checkers = {
        engine: Checker(pack_name="mini", engine_name=engine, pack_root=root)
        for engine in ("durable", "reference")
    }
    finding = run(checkers, {})["T-COUNCILS-01"]
    assert finding.outcome is Outcome.FAIL
    assert finding.message == (
        "missing from the upper-tier councils: Surrey County Council, Essex County Council"
    )
