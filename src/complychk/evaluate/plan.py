"""The engine-neutral evaluation plan: every atom of every condition, keyed, plus the measuring step.

Measuring (derived values, in Python) happens once per proposal; deciding the atoms is what an
evaluator does: the durable-rules engine in production, the reference evaluator as a test oracle.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, Protocol

from complychk.conditions.checks import Atom, Context, Measure, satisfies
from complychk.conditions.condition import Condition
from complychk.conditions.packs import Pack


class Comparison(NamedTuple):
    """One atom as an evaluator decides it: the fact it compares, under the rule id it fires."""

    rule_id: str
    key: str
    atom: Atom


@dataclass(frozen=True)
class Plan:
    """A pack's conditions with a fact key for each check; built once per pack, shared by every
    evaluation. The conditions themselves are the pack's: the plan only adds the keys under
    which each check's measure is asserted and each of its atoms fires."""

    pack: Pack
    keys: Mapping[str, tuple[str, ...]]
    """Per condition id: the fact key of each of its checks, in order."""
    rules: Mapping[str, tuple[tuple[str, str], ...]]
    """Per fact key: (rule id, effect) for each atom of the check."""
    requirements: Mapping[str, str]
    """Per fact key: what the check requires, in words, worked out once."""
    outcome_only: dict[tuple[str, Any, Any], Any] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Findings without message or evidence, shared by every proposal with the same outcome."""

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.pack.conditions

    def comparisons(self) -> list[Comparison]:
        """Every atom of every check, for an evaluator to decide."""
        return [
            Comparison(rule_id, key, atom)
            for condition in self.pack.conditions
            for key, check in zip(self.keys[condition.id], condition.checks, strict=True)
            for (rule_id, _), atom in zip(self.rules[key], check.atoms, strict=True)
        ]


def build_plan(pack: Pack) -> Plan:
    keys: dict[str, tuple[str, ...]] = {}
    rules: dict[str, tuple[tuple[str, str], ...]] = {}
    requirements: dict[str, str] = {}
    count = 0
    for condition in pack.conditions:
        own = []
        for check in condition.checks:
            key = f"k{count}"
            count += 1
            own.append(key)
            rules[key] = tuple(
                (f"{key}/{number}", atom.effect) for number, atom in enumerate(check.atoms)
            )
            requirements[key] = check.requirement()
        keys[condition.id] = tuple(own)
    return Plan(pack, keys, rules, requirements)


@dataclass(frozen=True)
class Readings:
    """Everything measured for one proposal: applicability, measures, and the facts to assert."""

    applies: Mapping[str, tuple[bool | None, str]]
    """Per condition: whether it applies, and if not, why (the finding's message)."""
    measures: Mapping[str, Measure]
    """Per check, by its fact key (:attr:`Plan.keys`)."""
    facts: Mapping[str, Any]


def measure(plan: Plan, data: Mapping[str, Any], as_of: dt.date) -> Readings:
    """Compute every derived value the atoms compare, before any evaluator sees them."""
    context = Context(plan.pack.glossary.for_one_proposal(), data, as_of)
    applies: dict[str, tuple[bool | None, str]] = {}
    measures: dict[str, Measure] = {}
    facts: dict[str, Any] = {}
    for condition in plan.pack.conditions:
        verdict: tuple[bool | None, str] = (True, "")
        for given in condition.givens:
            result = given.applies(context)
            if result is not True:
                verdict = (result, _why_not(given, result))
                break
        applies[condition.id] = verdict
        if verdict[0] is not True:
            continue
        for key, check in zip(plan.keys[condition.id], condition.checks, strict=True):
            reading = check.measure(context)
            measures[key] = reading
            if reading.value is not None:
                facts[key] = _fact_value(reading.value)
    return Readings(applies, measures, facts)


def _why_not(given: Any, result: bool | None) -> str:
    """The message for a condition that does not apply (False) or may not (None)."""
    explain = getattr(given, "why_not", None)
    if explain is not None:
        return str(explain(result))
    if result is None:  # a plugin's Given step that does not explain itself
        return f"cannot tell whether this applies: the proposal does not say ({given.text})"
    return f"applies only when {given.text}"


def _fact_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return engine_safe_float(value)
    if isinstance(value, int) and abs(value) >= _INT64:
        return engine_safe_float(float(value))
    return value


_INT64: Final = 2**63


def engine_safe_float(value: float) -> float | int:
    """``value``, or the nearest number durable-rules can read, for both evaluators alike.

    The engine's JSON reader rejects an exponent after a mantissa with no decimal point, which
    is how Python writes 1e-05 or 1e+16 (error 204, then error 309 deleting the session), and
    it compares whole numbers beyond 64 bits wrongly. A whole number that fits becomes an int
    (the same value); any other such float moves to the next float whose text has a point, one
    unit in the last place away.
    """
    if value.is_integer() and abs(value) < _INT64:
        return int(value) if "e" in repr(value) else value
    while "e" in repr(value) and "." not in repr(value):
        value = math.nextafter(value, math.inf)
    return value


class Evaluator(Protocol):
    """Decides which atoms a proposal's facts violate."""

    name: str

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]: ...


class ReferenceEvaluator:
    """Plain-Python evaluation of the plan: the oracle the engine is tested against."""

    name = "reference"

    def __init__(self, plan: Plan) -> None:
        self._comparisons = plan.comparisons()

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]:
        return frozenset(
            rule_id
            for rule_id, key, atom in self._comparisons
            if key in facts and not satisfies(atom.op, facts[key], atom.operand)
        )

    def close(self) -> None:
        """Nothing to release; present so both evaluators share one life cycle."""
