"""Proposal validation: every mistake is one located line with a hint."""

from __future__ import annotations

import pytest

from complychk.errors import InputError
from complychk.proposal.loader import load_text
from complychk.proposal.model import CcgMergerProposal, validate_proposal

GOOD = """\
schema_version: 1
id: test-merger
kind: ccg_merger
title: Test
go_live: 2020-04-01
predecessors:
  - name: NHS Ashford CCG
finance:
  planned_running_costs_gbp: 8000000
"""


def error_for(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        validate_proposal(load_text(text, "p.yaml"))
    return caught.value


def test_a_valid_proposal_becomes_a_typed_model() -> None:
    proposal = validate_proposal(load_text(GOOD, "p.yaml"))
    assert isinstance(proposal, CcgMergerProposal)
    assert proposal.go_live is not None and proposal.go_live.isoformat() == "2020-04-01"


def test_misspelt_field_gets_did_you_mean_at_its_line() -> None:
    error = error_for(
        GOOD.replace(
            "finance:\n  planned_running_costs_gbp", "finance:\n  planed_running_costs_gbp"
        )
    )
    assert (error.line, error.problem) == (
        9,
        "finance.planed_running_costs_gbp: unknown field 'planed_running_costs_gbp'",
    )
    assert error.hint == "did you mean 'planned_running_costs_gbp'?"


def test_misspelt_section_gets_did_you_mean() -> None:
    error = error_for(GOOD.replace("finance:", "finanse:"))
    assert error.line == 8
    assert "did you mean 'finance'?" in error.hint


def test_a_pattern_is_explained_in_words_not_as_a_regular_expression() -> None:
    error = error_for(GOOD.replace("id: test-merger", "id: Test_Merger"))
    assert (error.line, error.problem) == (
        2,
        "id: expected lower-case letters, digits and hyphens, at most 80 "
        "(e.g. kent-and-medway-2019-09), got 'Test_Merger'",
    )


def test_string_for_a_number_is_refused() -> None:
    error = error_for(GOOD.replace("8000000", '"8000000"'))
    assert error.line == 9
    assert "expected a number, got text '8000000'" in error.problem
    assert error.hint == "write the number without quotes"


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        (
            "1.8m",
            "write it as 1800000: a plain number, without £, commas, % or words such as m or k",
        ),
        (
            "£1.8m",
            "write it as 1800000: a plain number, without £, commas, % or words such as m or k",
        ),
        (
            '"1,800,000"',
            "write it as 1800000: a plain number, without £, commas, % or words such as m or k",
        ),
        (
            "2.5 million",
            "write it as 2500000: a plain number, without £, commas, % or words such as m or k",
        ),
        ("about two million", "write a plain number: digits, with a decimal point if needed"),
    ],
)
def test_text_for_a_number_is_told_what_to_write_never_to_remove_quotes_it_has_not(
    written: str, hint: str
) -> None:
    error = error_for(GOOD.replace("8000000", written))
    assert error.line == 9
    assert error.problem.startswith(
        "finance.planned_running_costs_gbp: expected a number, got text"
    )
    assert error.hint == hint
    assert "quotes" not in error.hint


def test_negative_money_is_refused() -> None:
    error = error_for(GOOD.replace("8000000", "-5"))
    assert "greater than or equal to 0" in error.problem


def test_impossible_date_is_refused() -> None:
    error = error_for(GOOD.replace("2020-04-01", "2020-02-30"))
    assert error.line == 5
    assert "'2020-02-30' is not a real calendar date" in error.problem


def test_missing_or_unknown_kind() -> None:
    assert "no 'kind' field" in error_for(GOOD.replace("kind: ccg_merger\n", "")).problem
    error = error_for(GOOD.replace("ccg_merger", "ccg_merge"))
    assert error.line == 3
    assert "icb_merger" in error.hint


def test_missing_required_field_and_count_of_further_problems() -> None:
    error = error_for(GOOD.replace("title: Test\n", "").replace("8000000", "lots"))
    assert error.problem == "title: this required field is missing"
    assert "1 more problem after this one" in error.hint


def test_str_is_one_line() -> None:
    error = error_for(GOOD.replace("finance:", "finanse:"))
    assert "\n" not in str(error)
    assert str(error).startswith("p.yaml:8:1: ")
