"""Checks on dates: the order of two dates, a fixed day of the year, a deadline, and ``by {date}``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from complychk.conditions.checks import (
    UNSTATED,
    Atom,
    Check,
    Context,
    Measure,
    Operand,
    subject_is,
    unstated,
)
from complychk.conditions.glossary import iso_date
from complychk.conditions.glossary_kinds import FieldPath

_DATE_OPS: Final = {"<=": "on or before", "<": "before", ">=": "on or after", ">": "after"}


@dataclass(frozen=True)
class DateOrder:
    """``{date} must be on or before / at least N days before {date or term}``."""

    text: str
    line: int
    term: str
    op: str
    right: Operand
    days: int = 0

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom(self.op, -self.days if self.op in ("<=", "<") else self.days),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        left = context.read(self.term, data, base)
        right = self.right.read(context, data, base)
        paths = left.paths + right.paths
        if right.value is None:
            return Measure(None, paths, unstated(context, self.right.describe()))
        if left.value is None:  # due with the application, unless wrapped in ``by ...``
            return Measure(None, paths, unstated(context, self.term))
        shown = f"{subject_is(self.term)} {iso_date(left.value)}"
        if self.right.term is not None:
            shown += f" and {subject_is(self.right.term)} {iso_date(right.value)}"
        return Measure((left.value - right.value).days, paths, shown)

    def requirement(self) -> str:
        gap = f"at least {self.days} days " if self.days else ""
        word = _DATE_OPS[self.op]
        if gap:
            word = "before" if self.op in ("<=", "<") else "after"
        return f"{gap}{word} {self.right.describe()} required"


@dataclass(frozen=True)
class FallsOn:
    """``{date} must fall on 1 April``."""

    text: str
    line: int
    term: str
    month: int
    day: int

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom("==", self.month * 100 + self.day),)

    def measure(self, context: Context) -> Measure:
        resolved = context.read(self.term)
        if resolved.value is None:
            return Measure(None, resolved.paths, unstated(context, self.term))
        value: dt.date = resolved.value
        shown = f"{subject_is(self.term)} {iso_date(value)}"
        return Measure(value.month * 100 + value.day, resolved.paths, shown)

    def requirement(self) -> str:
        return f"{dt.date(2000, self.month, self.day):%-d %B} required"


@dataclass(frozen=True)
class YearBefore:
    """``{date} must be on or before 30 September of the year before {date term}``."""

    text: str
    line: int
    term: str
    month: int
    day: int
    anchor: str
    atoms: tuple[Atom, ...] = (Atom("<=", 0),)

    def measure(self, context: Context) -> Measure:
        left = context.read(self.term)
        anchor = context.read(self.anchor)
        paths = left.paths + anchor.paths
        if anchor.value is None:
            return Measure(None, paths, unstated(context, self.anchor))
        deadline = dt.date(anchor.value.year - 1, self.month, self.day)
        if left.value is None:
            when = f"{dt.date(2000, self.month, self.day):%-d %B} of the year before {self.anchor}"
            return Measure(None, paths, unstated(context, self.term), due=deadline, due_name=when)
        shown = f"{subject_is(self.term)} {iso_date(left.value)}; deadline {iso_date(deadline)}"
        return Measure((left.value - deadline).days, paths, shown)

    def requirement(self) -> str:
        when = f"{dt.date(2000, self.month, self.day):%-d %B}"
        return f"on or before {when} of the year before {self.anchor} required"


@dataclass(frozen=True)
class DueBy:
    """``by {date or term}, {check}``: a requirement due after the submission.

    A condition of approval (an officer in post by go-live, an approval before the effective
    date) need not be met when the application goes in: what the proposal does not show yet is
    *pending* until the deadline and *fail* once it has passed (docs/outcomes.md). Stated values
    are judged as usual, whatever the date.
    """

    text: str
    line: int
    deadline: Operand
    inner: Check

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return self.inner.atoms

    def measure(self, context: Context) -> Measure:
        reading = self.inner.measure(context)
        if reading.value is not None or reading.due is not None:
            return reading
        deadline = self.deadline.read(context, context.data, ())
        paths = reading.paths + deadline.paths
        if not isinstance(deadline.value, dt.date):  # cannot tell whether it is due yet
            unsaid = unstated(context, self.deadline.describe())
            shown = reading.shown
            if shown != unsaid:  # else what is not stated is the deadline itself: said once
                due = unsaid.removeprefix(UNSTATED)
                shown = f"{shown} (due by {due}, which the proposal does not state)"
            return reading._replace(paths=paths, shown=shown, items=(), listing=None)
        return reading._replace(paths=paths, due=deadline.value, due_name=self.deadline.describe())

    def requirement(self) -> str:
        inner = self.inner.requirement()
        return (
            f"{inner}, by {self.deadline.describe()}" if inner else f"by {self.deadline.describe()}"
        )


def due_date_of(checks: Sequence[Check]) -> str:
    """When a condition's requirements are due, in words (docs/outcomes.md): "with the
    application", "by the go-live date", or both where its steps differ."""
    dues = [
        f"by {check.deadline.describe()}" if isinstance(check, DueBy) else "with the application"
        for check in checks
    ]
    distinct = list(dict.fromkeys(dues))
    if distinct == ["with the application"]:
        return "with the application (not shown: insufficient evidence)"
    later = [due for due in distinct if due != "with the application"]
    said = ", ".join(later) + (
        " (a condition of approval: pending until then; not shown by then: fail)"
    )
    if len(distinct) > len(later):
        said = f"with the application, except the steps due {said}"
    return said
