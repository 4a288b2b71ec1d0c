"""How checks word what a proposal leaves out."""

from __future__ import annotations

import datetime as dt

from complychk.conditions.checks import Context, Operand, subject_is, unstated
from complychk.conditions.checks_scalar import Includes
from complychk.conditions.glossary import Glossary, Term, as_clause, build_glossary
from complychk.evaluate.decide import with_requirement


def test_a_yes_no_term_reads_as_a_question_and_any_other_as_a_missing_statement() -> None:
    glossary = Glossary(
        {
            "the go-live date": Term("the go-live date", "path", "go_live", unit="date"),
            "the constitution is agreed": Term(
                "the constitution is agreed", "path", "agreed", unit="flag"
            ),
            "in deficit": Term("in deficit", "path", "in_deficit", unit="flag"),
            "voting": Term("voting", "path", "voting", unit="flag", clause="the member has a vote"),
        }
    )
    context = Context(glossary, {}, dt.date(2020, 1, 1))
    assert unstated(context, "the go-live date") == "the proposal does not state the go-live date"
    assert unstated(context, "the constitution is agreed") == (
        "the proposal does not say whether the constitution is agreed"
    )
    assert (
        unstated(context, "in deficit") == "the proposal does not say whether 'in deficit' is true"
    )
    assert unstated(context, "voting") == "the proposal does not say whether the member has a vote"


def test_a_term_that_is_already_a_clause_is_left_as_it_is() -> None:
    assert as_clause("a mayoral strategic authority covers the area") == (
        "a mayoral strategic authority covers the area"
    )
    assert as_clause("the NHS England region supports the merger") == (
        "the NHS England region supports the merger"
    )
    assert as_clause("any predecessor under legal directions") == (
        "'any predecessor under legal directions' is true"
    )


def test_a_missing_single_item_is_not_said_twice() -> None:
    glossary = Glossary({"the priorities": Term("the priorities", "path", "priorities")})
    context = Context(glossary, {"priorities": ["cancer"]}, dt.date(2020, 1, 1))
    one = Includes("t", 1, "the priorities", Operand(literal=["stroke"]))
    table = Includes("t", 1, "the priorities", Operand(literal=["stroke", "cancer"]))
    assert with_requirement(one.measure(context).shown, one.requirement()) == (
        "missing from the priorities: stroke"
    )
    assert with_requirement(table.measure(context).shown, table.requirement()) == (
        "missing from the priorities: stroke; the priorities must include stroke, cancer"
    )


def test_a_plural_subject_takes_are_and_a_singular_one_is() -> None:
    assert subject_is("the planned running costs") == "planned running costs are"
    assert subject_is("the number of GP chairs") == "number of GP chairs is"
    assert subject_is("the ICS population") == "ICS population is"
    assert subject_is("the go-live date") == "go-live date is"
    assert subject_is("the Accountable Officer's status") == "Accountable Officer's status is"


def test_a_count_of_a_list_not_given_names_the_list_and_a_filtered_one_the_whole_list() -> None:
    glossary = build_glossary(
        {
            "the governing body members": {"path": "governing_body"},
            "nurse member": {"path": "governing_body", "where": {"roles": "nurse"}},
            "the number of nurses": {"count": "nurse member", "unit": "count"},
            "MP engagement": {"path": "engagement.mps"},
            "the number of MP engagements": {"count": "MP engagement", "unit": "count"},
            "board member": {"path": "board", "known_if": "the board list is complete"},
            "the number of board members": {"count": "board member", "unit": "count"},
            "chair": {
                "path": "board",
                "where": {"roles": "chair"},
                "known_if": "the board list is complete",
            },
            "the number of chairs": {"count": "chair", "unit": "count"},
            "the board list is complete": {"path": "board_complete", "unit": "flag"},
        }
    )
    context = Context(glossary, {}, dt.date(2020, 1, 1))
    assert unstated(context, "the number of nurses") == (
        "the proposal gives no governing body members list"
    )
    assert unstated(context, "the number of MP engagements") == (
        "the proposal gives no MP engagement list"
    )
    unconfirmed = (
        "board member entries are judged only when the board list is complete, which the "
        "proposal does not confirm"
    )
    assert unstated(context, "the number of board members") == unconfirmed
    assert unstated(context, "the number of chairs") == unconfirmed
    confirmed = Context(glossary, {"board_complete": True}, dt.date(2020, 1, 1))
    assert unstated(confirmed, "the number of chairs") == "the proposal gives no board member list"
