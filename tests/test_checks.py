"""How checks word what a proposal leaves out."""

from __future__ import annotations

import datetime as dt

from complychk.checks import Context, as_clause, unstated
from complychk.glossary import Glossary, Term


def test_a_yes_no_term_reads_as_a_question_and_any_other_as_a_missing_statement() -> None:
    glossary = Glossary(
        {
            "the go-live date": Term("the go-live date", "path", "go_live", unit="date"),
            "the constitution is agreed": Term(
                "the constitution is agreed", "path", "agreed", unit="flag"
            ),
            "in deficit": Term("in deficit", "path", "in_deficit", unit="flag"),
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


def test_a_term_that_is_already_a_clause_is_left_as_it_is() -> None:
    assert as_clause("a mayoral strategic authority covers the area") == (
        "a mayoral strategic authority covers the area"
    )
    assert as_clause("any predecessor under legal directions") == (
        "'any predecessor under legal directions' is true"
    )
