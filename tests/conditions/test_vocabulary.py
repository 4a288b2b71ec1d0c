"""The step vocabulary: phrases compile to the right checks; unknown ones are helpful errors."""

from __future__ import annotations

import datetime as dt

import pytest

from complychk.conditions import checks
from complychk.conditions.applicability import KindIs, TermIs
from complychk.conditions.checks_change import Change
from complychk.conditions.checks_dates import DateOrder, DueBy, FallsOn
from complychk.conditions.checks_every import Every
from complychk.conditions.checks_scalar import Compare, Empty, Includes, OneOf, Pattern, Stated
from complychk.conditions.glossary import build_glossary
from complychk.conditions.vocabulary import PHRASES, StepError, StepInput, Vocabulary, parse_literal

GLOSSARY = build_glossary(
    {
        "the go-live date": {"path": "go_live", "unit": "date"},
        "the start date": {"path": "start", "unit": "date"},
        "the costs": {"path": "costs", "unit": "gbp"},
        "the baseline": {"path": "baseline", "unit": "gbp"},
        "the population": {"path": "population", "unit": "people"},
        "the name": {"path": "name"},
        "the councils": {"path": "councils"},
        "predecessor": {"path": "predecessors"},
        "votes for": {"path": "for", "scope": "item"},
        "votes against": {"path": "against", "scope": "item"},
        "the reduction": {"path": "reduction", "unit": "percent"},
        "on the GP register": {"path": "gp", "scope": "item", "unit": "flag"},
        "a vote": {"path": "voting", "scope": "item", "unit": "flag"},
    }
)


def compile_step(
    text: str, keyword: str = "Then", table: tuple[tuple[str, ...], ...] = ()
) -> object:
    return Vocabulary().compile(StepInput(keyword, text, 7, GLOSSARY, table))


@pytest.mark.parametrize(
    ("text", "kind", "fields"),
    [
        ("the start date must be on or before the go-live date", DateOrder, {"op": "<="}),
        (
            "the start date must be at least 28 days before the go-live date",
            DateOrder,
            {"op": "<=", "days": 28},
        ),
        ("the start date must be before 2021-04-01", DateOrder, {"op": "<"}),
        (
            "the costs must be at most 80% of the baseline",
            Compare,
            {"op": "<=", "percent_of": "the baseline"},
        ),
        ("the population must be at least 1,000,000", Compare, {"op": ">="}),
        ("the population must be between 500,000 and 3,000,000", Compare, {"op": "between"}),
        (
            "the reduction must be at least 50%, or at least 45% with a warning",
            Compare,
            {"warn_below": 45},
        ),
        ('the name must be "NHS England"', OneOf, {"choices": ("NHS England",)}),
        ('the name must not be one of "A" or "B"', OneOf, {"negate": True}),
        ('the name must match the pattern "NHS .+"', Pattern, {"pattern": "NHS .+"}),
        ("the councils must be empty", Empty, {"unless": None}),
        (
            "the councils must be empty unless the name is stated",
            Empty,
            {"unless": "the name"},
        ),
        ("the go-live date must fall on 1 April", FallsOn, {"month": 4, "day": 1}),
        ("the name must be stated", Stated, {}),
        (
            "every predecessor must have more votes for than votes against",
            Every,
            {"collection": "predecessor"},
        ),
        (
            "every predecessor must have votes for at least 3, where stated",
            Every,
            {"where_stated": True},
        ),
    ],
)
def test_phrases_compile(text: str, kind: type, fields: dict[str, object]) -> None:
    check = compile_step(text)
    assert isinstance(check, kind)
    for name, expected in fields.items():
        assert getattr(check, name) == expected
    assert check.line == 7  # type: ignore[attr-defined]


def test_table_phrase_needs_its_table() -> None:
    check = compile_step("the councils must include all of:", table=(("Kent",), ("Medway",)))
    assert isinstance(check, Includes)
    assert check.required.literal == ["Kent", "Medway"]
    with pytest.raises(StepError, match="needs a data table"):
        compile_step("the councils must include all of:")


def test_given_phrases() -> None:
    kind = compile_step("the proposal is an ICB merger or ICB cluster", "Given")
    assert isinstance(kind, KindIs) and kind.kinds == ("icb_merger", "icb_cluster")
    with pytest.raises(StepError, match="unknown kind of proposal 'CSU merger'"):
        compile_step("the proposal is a CSU merger", "Given")


def test_unknown_step_suggests_nearest_phrases() -> None:
    with pytest.raises(StepError) as caught:
        compile_step("the start date should come before the go-live date")
    assert "unknown step" in caught.value.message
    assert caught.value.hint.startswith("nearest known phrases:")


def test_item_terms_cannot_be_used_for_the_whole_proposal() -> None:
    with pytest.raises(StepError, match="describes each item"):
        compile_step("votes for must be at least 3")


def test_literals() -> None:
    assert parse_literal("£18.76") == (18.76, "gbp")
    assert parse_literal("80%") == (80, "percent")
    assert parse_literal("1,000,000") == (1_000_000, "")
    assert parse_literal("1 April 2021") == (dt.date(2021, 4, 1), "date")
    assert parse_literal("the go-live date") is None


def test_every_phrase_is_documented_with_an_example_that_compiles_in_its_own_shape() -> None:
    for phrase in PHRASES:
        assert phrase.meaning and phrase.template and phrase.example.startswith(phrase.keyword)
        words = phrase.example.split(" ", 1)[1]
        assert phrase.pattern.match(words), phrase.example


def test_set_equality_names_what_is_missing_and_what_is_extra() -> None:
    check = compile_step("the councils must have exactly the items of the name")
    assert isinstance(check, Includes) and check.exact
    context = checks.Context(
        GLOSSARY, {"councils": ["Kent", "Surrey"], "name": ["Kent", "Medway"]}, dt.date(2026, 1, 1)
    )
    reading = check.measure(context)
    assert reading.value == 2
    assert "missing from the councils: Medway" in reading.shown
    assert "in the councils but not in the name: Surrey" in reading.shown
    same = checks.Context(GLOSSARY, {"councils": ["Kent"], "name": ["kent"]}, dt.date(2026, 1, 1))
    assert check.measure(same).value == 0


@pytest.mark.parametrize(("flag", "applies"), [(None, True), (False, True), (True, False)])
def test_given_false_or_not_stated_applies_unless_the_proposal_says_true(
    flag: bool | None, applies: bool
) -> None:
    given = compile_step("the name is false or not stated", "Given")
    assert isinstance(given, TermIs)
    context = checks.Context(GLOSSARY, {"name": flag}, dt.date(2026, 1, 1))
    assert given.applies(context) is applies


def _due_context(data: dict[str, object], as_of: dt.date) -> checks.Context:
    return checks.Context(GLOSSARY, {"go_live": dt.date(2020, 4, 1), **data}, as_of)


def test_a_check_due_by_a_date_is_pending_until_then_and_missing_after() -> None:
    check = compile_step("by the go-live date, the costs must be at most £10")
    assert isinstance(check, DueBy) and isinstance(check.inner, Compare)
    before = check.measure(_due_context({}, dt.date(2020, 3, 31)))
    assert (before.value, before.due) == (None, dt.date(2020, 4, 1))
    stated = check.measure(_due_context({"costs": 12}, dt.date(2020, 3, 31)))
    assert stated.value == 12 and stated.due is None
    assert check.requirement() == "at most £10 required, by the go-live date"


def test_must_be_stated_by_a_date_reads_not_shown_with_its_deadline() -> None:
    # The check only reads; whether that is pending or overdue is the evaluator's one rule.
    check = compile_step("by 2020-04-01, the name must be stated")
    assert isinstance(check, DueBy) and isinstance(check.inner, Stated)
    before = check.measure(_due_context({}, dt.date(2020, 3, 31)))
    assert (before.value, before.due) == (None, dt.date(2020, 4, 1))
    after = check.measure(_due_context({}, dt.date(2020, 4, 1)))
    assert (after.value, after.due) == (None, dt.date(2020, 4, 1))
    stated = check.measure(_due_context({"name": "NHS Kent and Medway CCG"}, dt.date(2020, 3, 1)))
    assert (stated.value, stated.due) == (1, None)


def test_by_needs_a_date() -> None:
    with pytest.raises(StepError, match="expected a date or a date term after 'by'"):
        compile_step("by the costs, the name must be stated")
    with pytest.raises(StepError, match="unknown step Then 'the name must sparkle'"):
        compile_step("by the go-live date, the name must sparkle")


@pytest.mark.parametrize(
    ("text", "failing"),
    [
        ("every predecessor must not be on the GP register", "A"),
        ("every predecessor must be on the GP register", "B"),
        ("every predecessor must not have a vote", "A"),
        ("every predecessor must not have its vote, where stated", "A"),
    ],
)
def test_a_yes_no_fact_of_each_item_reads_as_a_sentence(text: str, failing: str) -> None:
    check = compile_step(text.replace("its vote", "a vote"))
    assert isinstance(check, Every)
    context = checks.Context(
        GLOSSARY,
        {"predecessors": [{"name": "A", "gp": True, "voting": True}, {"name": "B", "gp": False}]},
        dt.date(2026, 1, 1),
    )
    assert [label for label, _ in check.measure(context).items] == [failing]


def test_must_have_a_yes_no_term_asks_for_yes() -> None:
    check = compile_step("every predecessor must have a vote")
    assert isinstance(check, Every) and check.inner.expected is True  # type: ignore[attr-defined]


def test_every_must_be_needs_a_yes_no_term() -> None:
    with pytest.raises(StepError, match="'votes for' is not a yes/no term of each item"):
        compile_step("every predecessor must be votes for")


def test_old_true_false_item_checks_still_compile() -> None:
    check = compile_step("every predecessor must have on the GP register false")
    assert isinstance(check, Every) and check.inner.expected is False  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("the costs must be no more than £10", "<="),
        ("the costs must be not more than £10", "<="),
        ("the costs must be no less than £10", ">="),
        ("the population must be fewer than 1,000", "<"),
    ],
)
def test_natural_comparisons(text: str, op: str) -> None:
    check = compile_step(text)
    assert isinstance(check, Compare) and check.op == op


def _change(text: str, costs: int, baseline: int) -> checks.Measure:
    check = compile_step(text)
    assert isinstance(check, Change)
    context = checks.Context(GLOSSARY, {"costs": costs, "baseline": baseline}, dt.date(2026, 1, 1))
    return check.measure(context)


def test_a_fall_of_19_99_percent_is_not_shown_as_20_and_gives_the_gap_in_pounds() -> None:
    text = "the costs must fall by at least 20% against the baseline"
    reading = _change(text, 24_003_000, 30_000_000)
    assert reading.value == pytest.approx(19.99)
    assert not checks.satisfies(">=", reading.value, 20)
    assert reading.shown == (
        "costs fall by 19.99% against the baseline (£24,003,000 against £30,000,000); "
        "£3,000 over £24,000,000 (a 20% fall from £30,000,000)"
    )
    met = _change(text, 24_000_000, 30_000_000)
    assert met.shown == "costs fall by 20% against the baseline (£24,000,000 against £30,000,000)"
    assert compile_step(text).requirement() == "a fall of at least 20% required"  # type: ignore[attr-defined]


def test_a_change_from_nothing_cannot_be_worked_out() -> None:
    reading = _change("the costs must fall by at least 20% from the baseline", 10, 0)
    assert reading.value is None
    assert "no change can be worked out" in reading.shown


def test_a_rise_reads_as_one() -> None:
    reading = _change("the costs must rise by at least 10% on the baseline", 105, 100)
    assert reading.value == pytest.approx(5)
    assert reading.shown.endswith("£5 under £110 (a 10% rise from £100)")
