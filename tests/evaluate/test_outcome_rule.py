"""The one outcome rule (docs/outcomes.md), walked through every condition of both packs.

For each check of each condition, on both evaluators: the fact not shown before its due date,
not shown after it, stated and compliant, and stated and non-compliant. The other checks of the
condition are given compliant values, so the outcome is the one check's, as a reviewer would
read it. Readings are made here rather than measured from a proposal, so that every check can
be put in each state; measuring real proposals is covered by the condition cases and samples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from complychk.conditions.checks import Atom, Check, Measure, satisfies
from complychk.conditions.checks_dates import DueBy
from complychk.conditions.condition import Condition
from complychk.evaluate.checker import Checker
from complychk.evaluate.decide import decide
from complychk.evaluate.findings import Finding, Outcome
from complychk.evaluate.plan import Plan, Readings
from complychk.proposal.document import LoadedDocument

AS_OF = dt.date(2020, 4, 1)
LATER = dt.date(2020, 10, 1)
EARLIER = dt.date(2020, 1, 1)
DOCUMENT = LoadedDocument("walk.yaml", {}, {})
ENGINES = ("durable", "reference")
PACKS = ("ltp-2019", "icb-2025")


def candidates(atom: Atom) -> Iterator[Any]:
    """Values near the atom's operand: some meet it, some do not."""
    operand = atom.operand
    if atom.op in ("in", "not in"):
        yield from operand
        yield "\x00 none of these"
    elif atom.op == "between":
        low, high = operand
        yield from (low, high, low - 1, high + 1)
    else:
        yield from (operand, operand - 1, operand + 1)


def compliant(atoms: tuple[Atom, ...]) -> Any:
    for atom in atoms:
        for value in candidates(atom):
            if all(satisfies(other.op, value, other.operand) for other in atoms):
                return value
    raise AssertionError(f"no value meets {atoms}")


def breaking(atoms: tuple[Atom, ...]) -> Any:
    for atom in atoms:
        if atom.effect != "fail":
            continue
        for value in candidates(atom):
            if not satisfies(atom.op, value, atom.operand):
                return value
    raise AssertionError(f"no value breaks {atoms}")


class Planned(NamedTuple):
    """A check of a condition with the fact key the plan gives it."""

    index: int
    check: Check
    key: str


def planned_checks(plan: Plan, condition: Condition) -> list[Planned]:
    return [
        Planned(index, check, key)
        for index, (check, key) in enumerate(
            zip(condition.checks, plan.keys[condition.id], strict=True)
        )
    ]


def due_of(planned: Planned) -> dt.date | None:
    """The later deadline a check is due by in this walk; None when due with the application."""
    return dt.date(2020, 4, 1) if isinstance(planned.check, DueBy) else None


def stated(planned: Planned, value: Any) -> Measure:
    return Measure(value, (), f"{planned.check.text}: stated")


def not_shown(planned: Planned) -> Measure:
    due = due_of(planned)
    return Measure(
        None, (), f"the proposal does not show {planned.check.text}", due, due_name="the deadline"
    )


def finding(
    checker: Checker,
    pack: str,
    condition: Condition,
    tested: Planned,
    reading: Measure,
    as_of: dt.date,
) -> Finding:
    plan, evaluator = checker.compiled(pack)
    measures = {
        planned.key: stated(planned, compliant(planned.check.atoms))
        for planned in planned_checks(plan, condition)
    }
    measures[tested.key] = reading
    facts = {key: measure.value for key, measure in measures.items() if measure.value is not None}
    applies = {
        other.id: (other.id == condition.id, "walked one at a time") for other in plan.conditions
    }
    readings = Readings(applies, measures, facts)
    (found,) = [
        item
        for item in decide(plan, evaluator, readings, DOCUMENT, as_of)
        if item.condition_id == condition.id
    ]
    return found


def walk(pack: str) -> list[tuple[str, Condition, Planned]]:
    plan: Plan = Checker().compiled(pack)[0]
    return [
        (f"{condition.id}/{planned.index}", condition, planned)
        for condition in plan.conditions
        for planned in planned_checks(plan, condition)
    ]


CASES = [(pack, *case) for pack in PACKS for case in walk(pack)]


@pytest.fixture(scope="module")
def checkers() -> dict[str, Checker]:
    return {engine: Checker(engine_name=engine) for engine in ENGINES}


def test_the_walk_covers_every_condition_of_both_packs() -> None:
    for pack in PACKS:
        plan = Checker().compiled(pack)[0]
        walked = {condition.id for _, condition, _ in walk(pack)}
        assert walked == {condition.id for condition in plan.conditions}
        assert len(walked) >= 39  # every condition has at least one check


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("pack", "name", "condition", "planned"),
    CASES,
    ids=[f"{pack}:{name}" for pack, name, *_ in CASES],
)
def test_each_check_follows_the_outcome_rule(
    checkers: dict[str, Checker],
    engine: str,
    pack: str,
    name: str,
    condition: Condition,
    planned: Planned,
) -> None:
    checker = checkers[engine]
    later = isinstance(planned.check, DueBy)

    before = finding(checker, pack, condition, planned, not_shown(planned), EARLIER)
    after = finding(checker, pack, condition, planned, not_shown(planned), LATER)
    if later:  # a condition of approval: pending until its deadline, then a failure
        assert before.outcome is Outcome.PENDING, before.message
        assert after.outcome is Outcome.FAIL, after.message
        assert "not shown by 2020-04-01, the deadline; assessed 2020-10-01" in after.message
    else:  # due with the application: further information required, whatever the date
        assert before.outcome is Outcome.INSUFFICIENT_EVIDENCE, before.message
        assert after.outcome is Outcome.INSUFFICIENT_EVIDENCE, after.message
    assert before.severity is condition.severity and after.severity is condition.severity

    for as_of in (EARLIER, LATER):
        met = finding(
            checker,
            pack,
            condition,
            planned,
            stated(planned, compliant(planned.check.atoms)),
            as_of,
        )
        assert met.outcome is Outcome.PASS, met.message
        broken = finding(
            checker, pack, condition, planned, stated(planned, breaking(planned.check.atoms)), as_of
        )
        assert broken.outcome is Outcome.FAIL, broken.message  # whatever the date
        assert f"{planned.check.text}: stated" in broken.message


def test_a_stated_breach_fails_even_when_another_check_is_not_shown(
    checkers: dict[str, Checker],
) -> None:
    """Fail over insufficient evidence: what is stated and wrong is never hidden by a gap."""
    for pack in PACKS:
        plan = checkers["durable"].compiled(pack)[0]
        several = [condition for condition in plan.conditions if len(condition.checks) > 1]
        assert several
        for condition in several:
            first, second, *_ = planned_checks(plan, condition)
            for engine, checker in checkers.items():
                plan_e, evaluator = checker.compiled(pack)
                measures = {
                    planned.key: stated(planned, compliant(planned.check.atoms))
                    for planned in planned_checks(plan_e, condition)
                }
                measures[first.key] = stated(first, breaking(first.check.atoms))
                measures[second.key] = not_shown(second)
                facts = {k: m.value for k, m in measures.items() if m.value is not None}
                applies = {c.id: (c.id == condition.id, "") for c in plan_e.conditions}
                found = [
                    item
                    for item in decide(
                        plan_e, evaluator, Readings(applies, measures, facts), DOCUMENT, EARLIER
                    )
                    if item.condition_id == condition.id
                ]
                assert found[0].outcome is Outcome.FAIL, (engine, condition.id)
