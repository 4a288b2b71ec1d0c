"""Every icb-2025 condition against its fixtures: each named case gives its outcome, on both evaluators."""

from __future__ import annotations

import datetime as dt
from typing import Any

import casekit
import pytest

from complychk.conditions.condition import Severity
from complychk.conditions.packs import load_pack
from complychk.evaluate.findings import Finding, Outcome

PACK = "icb-2025"
BASE, CASES = casekit.condition_fixtures(PACK)
AS_OF = dt.date(2026, 10, 1)
"""Six months before base.yaml takes effect, so a date due by then that is missing is pending."""


def finding(data: dict[str, Any], condition: str) -> Finding:
    return casekit.finding_for(data, condition, AS_OF)


PARAMS = [(condition, case) for condition, cases in CASES.items() for case in cases]


@pytest.mark.parametrize(("condition", "case"), PARAMS, ids=[f"{c}-{k}" for c, k in PARAMS])
def test_case_gives_its_outcome_on_both_evaluators(condition: str, case: str) -> None:
    data = casekit.merged(BASE, CASES[condition][case])
    outcomes = casekit.agreed_outcomes(casekit.check_data(data, AS_OF))
    assert outcomes[condition] == casekit.expected_outcome(case), f"{condition} case {case}"


def test_every_condition_has_pass_and_fail_cases() -> None:
    ids = {condition.id for condition in load_pack(PACK).conditions}
    assert len(ids) == 46
    assert set(CASES) == ids
    for condition, cases in CASES.items():
        kinds = {casekit.expected_outcome(case) for case in cases}
        # A condition that only asks for a fact to be shown, due with the application, cannot
        # fail: without it the outcome is insufficient evidence (docs/outcomes.md).
        assert Outcome.PASS in kinds, condition
        assert kinds & {Outcome.FAIL, Outcome.INSUFFICIENT_EVIDENCE}, condition


def test_the_base_proposal_passes_every_condition_that_applies() -> None:
    outcomes = casekit.agreed_outcomes(casekit.check_data(BASE, AS_OF))
    not_passing = {key: value for key, value in outcomes.items() if value != Outcome.PASS}
    assert not_passing == {
        "ICB-CN-15": Outcome.NOT_APPLICABLE,
        "ICB-CN-16": Outcome.NOT_APPLICABLE,
        "ICB-LG-07": Outcome.NOT_APPLICABLE,
        "ICB-LG-09": Outcome.NOT_APPLICABLE,
        "ICB-RC-05": Outcome.NOT_APPLICABLE,
    }


@pytest.mark.parametrize(
    ("target_gbp", "severity", "warning"),
    [
        (30_000_000, None, False),  # a 50% cut
        (32_400_000, Severity.SHOULD, True),  # 46%: inside the warning band
        (33_000_000, Severity.SHOULD, True),  # 45%: the edge of the band still warns
        (33_600_000, Severity.MUST, False),  # 44%: a failure at must
    ],
)
def test_running_cost_cut_between_45_and_50_percent_is_a_should_level_warning(
    target_gbp: int, severity: Severity | None, warning: bool
) -> None:
    data = casekit.merged(BASE, {"finance": {"target_running_costs_gbp": target_gbp}})
    result = finding(data, "ICB-RC-02")
    if severity is None:
        assert result.outcome == Outcome.PASS
        return
    assert result.outcome == Outcome.FAIL
    assert result.severity == severity
    assert result.message.startswith("warning: ") is warning
    assert "at least 45% to avoid a failure" in result.message


def test_a_failing_board_member_is_named_with_its_field() -> None:
    case = CASES["ICB-CN-11"]["fail"]
    result = finding(casekit.merged(BASE, case), "ICB-CN-11")
    assert result.outcome == Outcome.FAIL
    assert "Medical Director" in result.message
    assert "Chief Executive" not in result.message
    assert [item.path for item in result.evidence] == [
        "board.members[3].fit_and_proper_person_test_passed"
    ]


def test_an_abolished_icb_without_a_full_transfer_is_named() -> None:
    result = finding(casekit.merged(BASE, CASES["ICB-LG-04"]["fail"]), "ICB-LG-04")
    assert result.outcome == Outcome.FAIL
    assert "NHS Southshire ICB" in result.message
    assert "NHS Northshire ICB" not in result.message


def test_area_mismatch_names_what_is_missing_and_what_is_doubled() -> None:
    gap = finding(casekit.merged(BASE, CASES["ICB-LG-02"]["fail_gap"]), "ICB-LG-02")
    assert "missing from the successor ICB areas: Fairholme" in gap.message
    overlap = finding(casekit.merged(BASE, CASES["ICB-LG-02"]["fail_overlap"]), "ICB-LG-02")
    assert "Fairholme" in overlap.message
    assert "more than one successor ICB" in overlap.message


def test_running_costs_per_head_are_shown_in_pounds_and_pence() -> None:
    result = finding(casekit.merged(BASE, CASES["ICB-RC-01"]["fail"]), "ICB-RC-01")
    assert result.message.startswith(
        "running costs per head is £18.89 and per-head running cost limit for that basis is £18.76"
    )


@pytest.mark.parametrize(("basis", "limit"), [("registered", "£18.76"), ("weighted", "£19")])
def test_the_per_head_limit_follows_the_recorded_population_basis(basis: str, limit: str) -> None:
    patch = {
        "finance": {"target_running_costs_gbp": 36_000_000, "running_cost_population_basis": basis}
    }
    result = finding(casekit.merged(BASE, patch), "ICB-RC-01")
    assert result.outcome == Outcome.FAIL
    assert f"per-head running cost limit for that basis is {limit};" in result.message


def test_a_partial_board_list_is_never_counted() -> None:
    data = casekit.merged(BASE, {"effective_on": dt.date(2026, 4, 1), "board": {"complete": False}})
    result = finding(data, "ICB-CN-02")
    # The board was due by the effective date, which has passed: a list not confirmed complete
    # does not show it, so the condition fails rather than passing on the members listed.
    assert result.outcome == Outcome.FAIL
    assert "judged only when the board list is complete" in result.message
    assert "not shown by 2026-04-01, the effective date; assessed 2026-10-01" in result.message
    assert any(item.path == "board.complete" for item in result.evidence)


SECONDARY = {
    "ICB-CN-09", "ICB-CN-13", "ICB-RC-01", "ICB-RC-03", "ICB-RC-04", "ICB-RC-05",
    "ICB-FP-01", "ICB-FP-02", "ICB-FP-04", "ICB-ST-01",
}  # fmt: skip
"""Conditions the catalogue rates C2: known from secondary reports only."""
INFERRED = {"ICB-LG-09", "ICB-RC-06", "ICB-RC-07"}
"""Conditions the catalogue rates I: inferred rather than read in a source."""


def test_secondary_and_inferred_conditions_say_so_and_every_source_resolves() -> None:
    pack = load_pack(PACK)
    for condition in pack.conditions:
        citations = condition.citations
        assert citations, f"{condition.id}: {condition.source!r} names no manifest source"
        if condition.id in SECONDARY:
            assert condition.notes.startswith("Secondary source:"), condition.id
        elif condition.id in INFERRED:
            assert condition.notes.startswith("Inferred:"), condition.id
        else:
            assert not condition.notes.startswith(("Secondary source:", "Inferred:")), condition.id


CATALOGUE_SEVERITY = {  # EN-03 is must, not the catalogue's should: the s149 duty, as POP-EQIA-01
    "must": "LG-01 LG-02 LG-04 LG-05 LG-07 CN-01 CN-02 CN-03 CN-04 CN-05 CN-06 CN-07 CN-09 CN-10 "
    "CN-11 CN-12 CN-13 RC-01 RC-02 RC-03 RC-04 EN-01 EN-02 EN-03",
    "should": "LG-03 LG-06 LG-08 CN-08 RC-05 RC-06 FP-01 FP-02 FP-03 ST-01 ST-02",
    "advisory": "LG-09 CN-14 FP-04 ST-03",
}


ADDED_SEVERITY = {
    "must": "CN-15 EN-05",
    "should": "CN-16 EN-04 EN-06 EN-07",
    "advisory": "RC-07",
}
"""Conditions added after the catalogue (issue 18), each scenario saying why its severity."""


def test_every_condition_keeps_the_catalogue_severity() -> None:
    expected = {
        f"ICB-{short}": Severity(severity)
        for table in (CATALOGUE_SEVERITY, ADDED_SEVERITY)
        for severity, ids in table.items()
        for short in ids.split()
    }
    assert {c.id: c.severity for c in load_pack(PACK).conditions} == expected


def test_a_stated_breach_fails_although_the_board_list_is_not_marked_complete() -> None:
    """A chief executive stated as not approved by NHS England breaks ICB-CN-04 whatever else the
    board list leaves out; before the effective date the rest would only be pending."""
    members = [dict(member) for member in BASE["board"]["members"]]
    chief = next(member for member in members if "chief_executive" in member["roles"])
    chief["nhs_england_approved"] = False
    data = casekit.merged(BASE, {"board": {"complete": False, "members": members}})
    result = finding(data, "ICB-CN-04")
    assert result.outcome == Outcome.FAIL
    assert "Chief Executive" in result.message
    assert any(item.path.endswith("nhs_england_approved") for item in result.evidence)
    unbroken = casekit.merged(BASE, {"board": {"complete": False}})
    assert finding(unbroken, "ICB-CN-04").outcome == Outcome.PENDING
