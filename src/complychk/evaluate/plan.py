"""The engine-neutral evaluation plan: every atom of every condition, keyed, plus the measuring step.

Measuring (derived values, in Python) happens once per proposal; deciding the atoms is what an
evaluator does: the durable-rules engine in production, the reference evaluator as a test oracle.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from complychk.conditions.checks import Atom, Check, Context, Measure, satisfies
from complychk.conditions.condition import Citation, Severity
from complychk.conditions.packs import Pack


@dataclass(frozen=True)
class AtomRef:
    """An atom with the fact key its measure is asserted under."""

    rule_id: str
    key: str
    condition_id: str
    check_index: int
    atom: Atom


@dataclass(frozen=True)
class PlannedCheck:
    """One check with what every evaluation of it needs, worked out once per pack."""

    index: int
    check: Check
    requirement: str
    rules: tuple[tuple[str, str], ...]
    """(rule id, effect) for each of the check's atoms."""
    key: str
    """The fact key its measure is asserted under, which also keys its reading."""


@dataclass(frozen=True)
class PlannedCondition:
    """A condition as every evaluation reads it, worked out once per pack: measuring and building
    findings read these compiled fields, where a ``ConditionSpec`` (a plain Python class) would
    be read attribute by attribute and its checks and citations looked up by its id."""

    id: str
    title: str
    theme: str
    severity: Severity
    source: str
    remedy: str
    citations: tuple[Citation, ...]
    file: str
    line: int
    tags: tuple[str, ...]
    givens: tuple[Any, ...]
    checks: tuple[PlannedCheck, ...]


@dataclass(frozen=True)
class Plan:
    """A pack compiled to keyed atoms; built once per pack, shared by every evaluation."""

    pack: Pack
    atoms: tuple[AtomRef, ...]
    keys: Mapping[tuple[str, int], str]
    citations: Mapping[str, tuple[Citation, ...]]
    checks: Mapping[str, tuple[PlannedCheck, ...]]
    conditions: tuple[PlannedCondition, ...]
    """The pack's conditions in order, each with its checks and fixed finding fields."""
    outcome_only: dict[tuple[str, Any, Any], Any] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Findings without message or evidence, shared by every proposal with the same outcome."""


def build_plan(pack: Pack) -> Plan:
    atoms: list[AtomRef] = []
    keys: dict[tuple[str, int], str] = {}
    for condition in pack.conditions:
        for index, check in enumerate(condition.checks):
            key = f"k{len(keys)}"
            keys[(condition.id, index)] = key
            for number, atom in enumerate(check.atoms):
                atoms.append(
                    AtomRef(f"{condition.id}/{index}/{number}", key, condition.id, index, atom)
                )
    citations = {
        condition.id: pack.citations_for(condition.source) for condition in pack.conditions
    }
    planned = {
        condition.id: tuple(
            PlannedCheck(
                index,
                check,
                check.requirement(),
                tuple(
                    (f"{condition.id}/{index}/{number}", atom.effect)
                    for number, atom in enumerate(check.atoms)
                ),
                keys[(condition.id, index)],
            )
            for index, check in enumerate(condition.checks)
        )
        for condition in pack.conditions
    }
    conditions = tuple(
        PlannedCondition(
            condition.id,
            condition.title,
            condition.theme,
            condition.severity,
            condition.source,
            condition.remedy,
            citations[condition.id],
            condition.file,
            condition.line,
            condition.tags,
            tuple(condition.givens),
            planned[condition.id],
        )
        for condition in pack.conditions
    )
    return Plan(pack, tuple(atoms), keys, citations, planned, conditions)


@dataclass(frozen=True)
class Readings:
    """Everything measured for one proposal: applicability, measures, and the facts to assert."""

    applies: Mapping[str, tuple[bool | None, str]]
    """Per condition: whether it applies, and if not, why (the finding's message)."""
    measures: Mapping[str, Measure]
    """Per check, by its fact key (:attr:`PlannedCheck.key`)."""
    facts: Mapping[str, Any]


def measure(plan: Plan, data: Mapping[str, Any], as_of: dt.date) -> Readings:
    """Compute every derived value the atoms compare, before any evaluator sees them."""
    context = Context(plan.pack.glossary.for_one_proposal(), data, as_of)
    applies: dict[str, tuple[bool | None, str]] = {}
    measures: dict[str, Measure] = {}
    facts: dict[str, Any] = {}
    for condition in plan.conditions:
        verdict: tuple[bool | None, str] = (True, "")
        for given in condition.givens:
            result = given.applies(context)
            if result is not True:
                verdict = (result, _why_not(given, result))
                break
        applies[condition.id] = verdict
        if verdict[0] is not True:
            continue
        for planned in condition.checks:
            reading = planned.check.measure(context)
            measures[planned.key] = reading
            if reading.value is not None:
                facts[planned.key] = _fact_value(reading.value)
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
        self._atoms = plan.atoms

    def violations(self, facts: Mapping[str, Any]) -> frozenset[str]:
        return frozenset(
            ref.rule_id
            for ref in self._atoms
            if ref.key in facts and not satisfies(ref.atom.op, facts[ref.key], ref.atom.operand)
        )

    def close(self) -> None:
        """Nothing to release; present so both evaluators share one life cycle."""
