"""Every ltp-2019 condition against its fixtures: each named case gives its outcome, on both evaluators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import casekit
import pytest
import yaml

from complychk.conditions.packs import load_pack
from complychk.errors import InputError
from complychk.evaluate.findings import Finding, Outcome

PACK = "ltp-2019"
BASE, CASES = casekit.condition_fixtures(PACK)
AS_OF = dt.date(2020, 4, 1)
"""base.yaml's go-live date: what is due by go-live and still missing is insufficient evidence."""


def finding(data: dict[str, Any], condition: str) -> Finding:
    return casekit.finding_for(data, condition, AS_OF)


def case_data(condition: str, case: str) -> dict[str, Any]:
    return casekit.merged(BASE, CASES[condition][case])


PARAMS = [(condition, case) for condition, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("condition", "case"), PARAMS, ids=[f"{c}-{k}" for c, k in PARAMS])
def test_case_gives_its_outcome_on_both_evaluators(condition: str, case: str) -> None:
    outcomes = casekit.agreed_outcomes(casekit.check_data(case_data(condition, case), AS_OF))
    assert outcomes[condition] == casekit.expected_outcome(case), f"{condition} case {case}"


def test_every_condition_has_pass_and_fail_cases() -> None:
    ids = {condition.id for condition in load_pack(PACK).conditions}
    assert len(ids) == 69
    assert set(CASES) == ids
    for condition, cases in CASES.items():
        kinds = {casekit.expected_outcome(case) for case in cases}
        # A condition that only asks for a fact to be shown, due with the application, cannot
        # fail: without it the outcome is insufficient evidence (docs/outcomes.md).
        assert Outcome.PASS in kinds, condition
        assert kinds & {Outcome.FAIL, Outcome.INSUFFICIENT_EVIDENCE}, condition


def test_the_base_proposal_passes_every_condition() -> None:
    outcomes = casekit.agreed_outcomes(casekit.check_data(BASE, AS_OF))
    assert {key for key, value in outcomes.items() if value != Outcome.PASS} == set()


def test_a_ccg_whose_members_voted_against_is_named() -> None:
    result = finding(case_data("MEM-VOTE-01", "fail"), "MEM-VOTE-01")
    assert result.outcome == Outcome.FAIL
    assert "NHS Port City CCG" in result.message
    assert "NHS North Vale CCG" not in result.message
    assert "NHS South Vale CCG" not in result.message
    paths = [item.path for item in result.evidence]
    assert "predecessors[1].vote.result" in paths
    assert all(path.startswith("predecessors[1].") for path in paths)


def test_an_aggregate_majority_does_not_hide_one_ccg_voting_against() -> None:
    data = case_data("MEM-VOTE-01", "fail_aggregate_majority_is_not_enough")
    assert (
        sum(p["vote"]["votes_for"] - p["vote"]["votes_against"] for p in data["predecessors"]) > 0
    )
    result = finding(data, "MEM-VOTE-01")
    assert result.outcome == Outcome.FAIL
    assert "NHS South Vale CCG" in result.message
    assert "NHS Port City CCG" not in result.message


def test_a_nurse_employed_by_a_local_provider_is_named_by_post() -> None:
    result = finding(case_data("GOV-GB-02", "fail"), "GOV-GB-02")
    assert result.outcome == Outcome.FAIL
    assert "Registered Nurse" in result.message
    assert "commissioned_provider" in result.message
    assert [item.path for item in result.evidence] == [
        "governance.governing_body[1].employer_category"
    ]


def test_a_non_quorate_vote_shows_turnout_against_quorum() -> None:
    result = finding(case_data("MEM-VOTE-02", "fail"), "MEM-VOTE-02")
    assert result.outcome == Outcome.FAIL
    assert "NHS South Vale CCG: turnout is 68% and quorum is 75%" in result.message


def test_running_costs_are_reported_as_a_cut_with_the_gap_in_pounds() -> None:
    result = finding(case_data("FIN-RC-01", "fail"), "FIN-RC-01")
    assert result.outcome == Outcome.FAIL
    assert result.message.startswith(
        "planned running costs fall by 18% against the 2017/18 running costs "
        "(£24,600,000 against £30,000,000); £600,000 over £24,000,000 (a 20% fall from £30,000,000)"
    )
    assert result.message.endswith("a fall of at least 20% required")
    assert finding(BASE, "FIN-RC-01").message == (
        "running cost baseline year is '2017/18' | planned running costs fall by 20% against the "
        "2017/18 running costs (£24,000,000 against £30,000,000)"
    )


def test_a_cut_of_19_99_percent_does_not_read_as_80_percent() -> None:
    result = finding(case_data("FIN-RC-01", "fail_by_three_thousand_pounds"), "FIN-RC-01")
    assert result.outcome == Outcome.FAIL
    assert "fall by 19.99%" in result.message
    assert "£3,000 over £24,000,000" in result.message
    assert "80%" not in result.message


def test_a_zero_baseline_is_an_input_error_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "zero.yaml"
    data = casekit.merged(BASE, {"finance": {"baseline_running_costs_gbp": 0}})
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        casekit.check_file(path, AS_OF)
    assert caught.value.line == _line_of(path, "  baseline_running_costs_gbp: 0")
    assert "a baseline of £0 leaves nothing to measure a cut against" in str(caught.value)


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_a_missing_priority_is_named_and_the_others_are_not() -> None:
    result = finding(case_data("POP-LTP-01", "fail"), "POP-LTP-01")
    assert result.outcome == Outcome.FAIL
    assert "missing from the Long Term Plan priorities covered: stroke" in result.message
    assert "cancer" not in result.message


def test_an_unappointed_governing_body_is_pending_until_go_live_then_fails() -> None:
    draft = finding(case_data("GOV-GB-01", "pending"), "GOV-GB-01")
    assert draft.outcome == Outcome.PENDING
    assert "due by 2020-10-01, the go-live date, after the assessment date" in draft.message
    late = casekit.merged(BASE, {"go_live": "2020-10-01", "governance": {"governing_body": None}})
    overdue = casekit.finding_for(late, "GOV-GB-01", dt.date(2020, 10, 2))
    assert overdue.outcome == Outcome.FAIL
    assert overdue.message == (
        "the proposal gives no governing body members list: not shown by 2020-10-01, "
        "the go-live date; assessed 2020-10-02"
    )


def test_a_deadline_the_proposal_leaves_out_is_said_once() -> None:
    """Without a go-live date nothing due by it can be judged: a requirement that is itself
    missing says it is due by that date; the missing date itself is not said twice."""
    undated = casekit.merged(BASE, {"go_live": None, "governance": {"governing_body": None}})
    members = casekit.finding_for(undated, "GOV-GB-01", AS_OF)
    assert members.outcome == Outcome.INSUFFICIENT_EVIDENCE
    assert members.message == (
        "the proposal gives no governing body members list "
        "(due by the go-live date, which the proposal does not state)"
    )
    team = casekit.finding_for(undated, "GOV-MGT-01", AS_OF)
    assert team.outcome == Outcome.INSUFFICIENT_EVIDENCE
    assert team.message == "the proposal does not state the go-live date"


def test_a_list_that_includes_another_says_which() -> None:
    briefed = finding(BASE, "ENG-HOSC-01")
    assert briefed.outcome == Outcome.PASS
    assert briefed.message == (
        "councils whose scrutiny committee was briefed include all of the upper-tier councils"
    )


def test_a_vote_that_missed_its_quorum_fails_once_not_twice() -> None:
    data = case_data("MEM-VOTE-01", "pass_not_quorate_is_counted_by_mem_vote_02_alone")
    outcomes = casekit.agreed_outcomes(casekit.check_data(data, AS_OF))
    assert (outcomes["MEM-VOTE-01"], outcomes["MEM-VOTE-02"]) == (Outcome.PASS, Outcome.FAIL)
    quorum = finding(data, "MEM-VOTE-02")
    assert "NHS South Vale CCG: vote result is 'not_quorate'" in quorum.message
    assert "turnout is 68% and quorum is 75%" in quorum.message


def test_a_check_on_every_item_that_judged_none_says_so() -> None:
    tallies_unpublished = {
        "predecessors": [
            {"name": name, "system": "Northshire ICS", "vote": {"result": "carried"}}
            for name in ("NHS North Vale CCG", "NHS Port City CCG", "NHS South Vale CCG")
        ]
    }
    result = finding(casekit.merged(BASE, tallies_unpublished), "MEM-VOTE-01")
    assert result.outcome == Outcome.PASS
    assert "entries checked, all meet it" not in result.message
    assert result.message == (
        "each of the 3 predecessor CCG entries meets it | none of the 3 predecessor CCG entries "
        "was checked: the proposal does not state votes for (NHS North Vale CCG; NHS Port City "
        "CCG; NHS South Vale CCG)"
    )


def test_running_costs_that_rise_are_said_to_rise() -> None:
    data = casekit.merged(BASE, {"finance": {"planned_running_costs_gbp": 36_000_000}})
    result = finding(data, "FIN-RC-01")
    assert result.outcome == Outcome.FAIL
    assert result.message.startswith(
        "planned running costs rise by 20% against the 2017/18 running costs "
        "(£36,000,000 against £30,000,000); £12,000,000 over £24,000,000"
    )
