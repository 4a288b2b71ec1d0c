"""Checks on one term's value: stated, compared, true or false, one of some texts, a pattern, a list."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from complychk.conditions.checks import (
    OPS,
    Atom,
    Context,
    Measure,
    Operand,
    subject,
    subject_is,
    unstated,
)
from complychk.conditions.glossary import format_value
from complychk.conditions.glossary_kinds import FieldPath, Item


@dataclass(frozen=True)
class Stated:
    """``{term} must be stated``: a value that is present passes; one left out (or empty) is
    not shown, judged by its due date like any other missing fact (docs/outcomes.md)."""

    text: str
    line: int
    term: str
    atoms: tuple[Atom, ...] = (Atom("==", 1),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        resolved = context.read(self.term, data, base)
        if resolved.value in (None, "", []):
            return Measure(None, resolved.paths, unstated(context, self.term))
        return Measure(1, resolved.paths, f"the proposal states {self.term}")

    def requirement(self) -> str:
        return "it must be stated"


def _unit(context: Context, term: str) -> str:
    found = context.glossary.get(term)
    return found.unit if found else ""


@dataclass(frozen=True)
class Compare:
    """``{term} must be at least/at most/... {number or term}``, also in percent-of form."""

    text: str
    line: int
    term: str
    op: str
    right: Operand
    percent_of: str | None = None
    warn_below: float | None = None

    @property
    def atoms(self) -> tuple[Atom, ...]:
        operand = 0 if self.right.term is not None else self.right.literal
        atoms = [Atom(self.op, operand)]
        if self.warn_below is not None:
            atoms = [Atom(self.op, self.warn_below), Atom(self.op, operand, "warn")]
        return tuple(atoms)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        left = context.read(self.term, data, base)
        paths = left.paths
        value = left.value
        if self.percent_of is not None:
            whole = context.read(self.percent_of)
            paths += whole.paths
            if value is None or not whole.value:
                missing = self.term if value is None else self.percent_of
                return Measure(None, paths, unstated(context, missing))
            value = round(100.0 * value / whole.value, 6)
            shown = f"{subject_is(self.term)} {format_value(value, 'percent')} of {self.percent_of}"
            return Measure(value, paths, shown)
        right = self.right.read(context, data, base)
        paths += right.paths
        if value is None or right.value is None:
            missing = self.term if value is None else self.right.describe()
            return Measure(None, paths, unstated(context, missing))
        unit = _unit(context, self.term)
        shown = f"{subject_is(self.term)} {format_value(value, unit)}"
        if self.right.term is not None:
            shown += f" and {subject_is(self.right.term)} {format_value(right.value, unit)}"
            value = value - right.value
        return Measure(value, paths, shown)

    def requirement(self) -> str:
        target = self.right.describe()
        if self.percent_of is not None:
            target = f"{target.rstrip('%')}% of {self.percent_of}"
        if self.op == "between":
            low, high = self.right.literal
            return f"between {format_value(low, self.right.unit)} and {format_value(high, self.right.unit)} required"
        warn = ""
        if self.warn_below is not None:
            warn = f" ({OPS[self.op]} {format_value(self.warn_below, self.right.unit)} to avoid a failure)"
        return f"{OPS[self.op]} {target} required{warn}"


@dataclass(frozen=True)
class Flag:
    """``{term} must be true`` / ``must be false``."""

    text: str
    line: int
    term: str
    expected: bool

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom("==", int(self.expected)),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        resolved = context.read(self.term, data, base)
        if resolved.value is None:
            return Measure(None, resolved.paths, unstated(context, self.term))
        value = bool(resolved.value)
        return Measure(
            int(value), resolved.paths, f"{subject(self.term)}: {format_value(value, 'flag')}"
        )

    def requirement(self) -> str:
        return f"{'yes' if self.expected else 'no'} required"


@dataclass(frozen=True)
class OneOf:
    """``{term} must be "A"`` / ``must be one of "A", "B"`` / ``must not be one of ...``."""

    text: str
    line: int
    term: str
    choices: tuple[str, ...]
    negate: bool = False

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom("not in" if self.negate else "in", self.choices),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        resolved = context.read(self.term, data, base)
        if resolved.value is None:
            return Measure(None, resolved.paths, unstated(context, self.term))
        value = str(resolved.value)
        return Measure(value, resolved.paths, f"{subject_is(self.term)} {value!r}")

    def requirement(self) -> str:
        listed = " or ".join(repr(choice) for choice in self.choices)
        return f"{'anything but ' if self.negate else ''}{listed} required"


@dataclass(frozen=True)
class Pattern:
    """``{term} must match the pattern "REGEX"`` (Python regex, full match, decided in Python)."""

    text: str
    line: int
    term: str
    pattern: str
    atoms: tuple[Atom, ...] = (Atom("==", 1),)

    def measure(self, context: Context) -> Measure:
        resolved = context.read(self.term)
        if resolved.value is None:
            return Measure(None, resolved.paths, unstated(context, self.term))
        matched = re.fullmatch(self.pattern, str(resolved.value)) is not None
        return Measure(int(matched), resolved.paths, f"{subject_is(self.term)} {resolved.value!r}")

    def requirement(self) -> str:
        return f"a value matching {self.pattern!r} required"


@dataclass(frozen=True)
class Empty:
    """``{list} must be empty`` (optionally ``unless {term} is stated``)."""

    text: str
    line: int
    term: str
    unless: str | None = None
    atoms: tuple[Atom, ...] = (Atom("==", 0),)

    def measure(self, context: Context) -> Measure:
        resolved = context.read(self.term)
        paths = resolved.paths
        if self.unless is not None:
            excuse = context.read(self.unless)
            paths += excuse.paths
            if excuse.value not in (None, "", []):
                return Measure(0, paths, f"the proposal states {self.unless}")
        if resolved.value is None:
            return Measure(None, paths, unstated(context, self.term))
        entries = list(resolved.value)
        shown = f"{subject(self.term)}: {format_value(entries, 'list')}"
        return Measure(len(entries), paths, shown)

    def requirement(self) -> str:
        unless = f" (or {self.unless} stated)" if self.unless else ""
        return f"none allowed{unless}"


@dataclass(frozen=True)
class Includes:
    """``{list} must include "X"`` / ``must include every item of {list}`` / a data table."""

    text: str
    line: int
    term: str
    required: Operand
    atoms: tuple[Atom, ...] = (Atom("==", 0),)
    exact: bool = False
    """Set equality: also nothing beyond what is required (``must have exactly the items of``)."""

    def measure(self, context: Context) -> Measure:
        have = context.read(self.term)
        need = self.required.read(context, context.data, ())
        paths = have.paths + need.paths
        if have.value is None or need.value is None:
            missing = self.term if have.value is None else self.required.describe()
            return Measure(None, paths, unstated(context, missing))
        present = _compared(context, self.term, have.value)
        absent = [value for value in _labels(need.value) if _norm(str(value)) not in present]
        if absent and have.left_out and not self.exact:  # may be in a list not given
            shown = (
                f"not shown for {', '.join(map(str, absent))}: the proposal does not give "
                f"{' or '.join(have.left_out)}, where it may be recorded"
            )
            return Measure(None, paths, shown)
        opening = f"missing from {self.term}: "
        problems = [opening + ", ".join(map(str, absent))] if absent else []
        if self.exact:
            wanted = {_norm(str(value)) for value in _labels(need.value)}
            extra = [value for value in _labels(have.value) if _norm(str(value)) not in wanted]
            if extra:
                where = self.required.describe()
                problems.append(f"in {self.term} but not in {where}: {', '.join(map(str, extra))}")
                absent += extra
        if len(problems) == 1 and not self.exact:
            listing = (opening, tuple(map(str, absent)))
            return Measure(len(absent), paths, problems[0], listing=listing)
        if problems:
            return Measure(len(absent), paths, "; ".join(problems))
        if self.exact:
            return Measure(0, paths, f"{subject(self.term)} match {self.required.describe()}")
        if self.required.term is not None:
            return Measure(0, paths, f"{subject(self.term)} include all of {self.required.term}")
        return Measure(0, paths, f"{subject(self.term)} include all required")

    def requirement(self) -> str:
        if self.exact:
            return f"{self.term} must have exactly the items of {self.required.describe()}"
        if self.required.term is None and len(_labels(self.required.literal)) == 1:
            return ""  # one required item: "missing from {term}: {item}" already says it
        return f"{self.term} must include {self.required.describe()}"


def _compared(context: Context, term: str, values: Any) -> frozenset[str]:
    """The items of list ``term`` (``values``, its value) as an inclusion compares them, in lower
    case with spaces collapsed; worked out once per proposal, as several checks may ask what
    one list includes ("must include 'stroke'", "must include 'cancer'", ...)."""
    found = context.included.get(term)
    if found is None:
        found = context.included[term] = frozenset(_norm(str(value)) for value in _labels(values))
    return found


def _labels(values: Sequence[Any] | Any) -> list[Any]:
    if not isinstance(values, list):
        values = [values]
    return [value.label if isinstance(value, Item) else value for value in values]


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return " ".join(text.lower().split())
