"""Compiled steps: what each condition measures in a proposal and the comparison it requires.

A check turns the proposal into one number, text or flag (its *measure*) and states the
comparisons (*atoms*) that measure must satisfy. Measures are computed here in Python; the atoms
are what the rules engine (or the reference evaluator) decides. The list of checks is
engine-neutral: nothing here knows about durable-rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from complychk.glossary import FieldPath, Glossary, Item, Resolved, format_value

OPS = {
    "<=": "at most",
    "<": "less than",
    ">=": "at least",
    ">": "more than",
    "==": "exactly",
    "!=": "not",
    "in": "one of",
    "not in": "not one of",
    "between": "between",
}


def satisfies(op: str, value: Any, operand: Any) -> bool:
    """The one definition of every comparison; the reference evaluator and tests use it."""
    if op == "<=":
        return bool(value <= operand)
    if op == "<":
        return bool(value < operand)
    if op == ">=":
        return bool(value >= operand)
    if op == ">":
        return bool(value > operand)
    if op == "==":
        return bool(value == operand)
    if op == "!=":
        return bool(value != operand)
    if op == "in":
        return value in operand
    if op == "not in":
        return value not in operand
    if op == "between":
        low, high = operand
        return bool(low <= value <= high)
    raise ValueError(f"unknown comparison {op!r}")


@dataclass(frozen=True)
class Atom:
    """One comparison the measure must satisfy; ``warn`` atoms downgrade a failure to a warning."""

    op: str
    operand: Any
    effect: str = "fail"


@dataclass(frozen=True)
class Context:
    """What a check can read: the proposal as plain data, the glossary and the assessment date."""

    glossary: Glossary
    data: Mapping[str, Any]
    as_of: dt.date

    def read(
        self, term: str, data: Mapping[str, Any] | None = None, base: FieldPath = ()
    ) -> Resolved:
        """Resolve ``term`` on an item (``data`` at ``base``), or on the proposal for
        proposal-scoped terms and when no item is given."""
        found = self.glossary.get(term)
        if data is None or found is None or found.scope == "proposal":
            return self.glossary.resolve(term, self.data)
        return self.glossary.resolve(term, data, base)


class Measure(NamedTuple):
    """A check's reading of one proposal.

    ``value`` is None when the proposal does not say; ``due`` is then the date by which it has
    to, if that is what the condition is about (so a future deadline means *pending*).
    """

    value: Any
    paths: tuple[FieldPath, ...]
    shown: str
    due: dt.date | None = None
    failing_paths: tuple[FieldPath, ...] = ()


class Check(Protocol):
    """A compiled ``Then`` step."""

    text: str
    line: int

    @property
    def atoms(self) -> tuple[Atom, ...]: ...

    def measure(self, context: Context) -> Measure: ...

    def requirement(self) -> str: ...


@dataclass(frozen=True)
class Operand:
    """The right-hand side of a comparison: a literal, or a glossary term."""

    literal: Any = None
    term: str | None = None
    unit: str = ""

    def read(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Resolved:
        if self.term is None:
            return Resolved(self.literal, ())
        return context.read(self.term, data, base)

    def describe(self) -> str:
        if self.term is not None:
            return self.term
        return format_value(self.literal, self.unit)


def _unit(context: Context, term: str) -> str:
    found = context.glossary.get(term)
    return found.unit if found else ""


def _subject(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


# --- scalar checks ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Stated:
    """``{term} must be stated``: absent or empty is a failure, not missing evidence."""

    text: str
    line: int
    term: str
    atoms: tuple[Atom, ...] = (Atom("==", 1),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        resolved = context.read(self.term, data, base)
        present = resolved.value not in (None, "", [])
        shown = f"{_subject(self.term)} is stated" if present else f"{self.term} is not stated"
        return Measure(int(present), resolved.paths, shown)

    def requirement(self) -> str:
        return "it must be stated"


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
        unit = _unit(context, self.term)
        if self.percent_of is not None:
            whole = context.read(self.percent_of)
            paths += whole.paths
            if value is None or not whole.value:
                return Measure(None, paths, f"{self.term} or {self.percent_of} is not stated")
            value = round(100.0 * value / whole.value, 6)
            shown = (
                f"{_subject(self.term)} is {format_value(value, 'percent')} of {self.percent_of}"
            )
            return Measure(value, paths, shown)
        right = self.right.read(context, data, base)
        paths += right.paths
        if value is None or right.value is None:
            missing = self.term if value is None else self.right.describe()
            return Measure(None, paths, f"{missing} is not stated")
        shown = f"{_subject(self.term)} is {format_value(value, unit)}"
        if self.right.term is not None:
            shown += f" and {_subject(self.right.term)} is {format_value(right.value, unit)}"
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


_DATE_OPS = {"<=": "on or before", "<": "before", ">=": "on or after", ">": "after"}


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
            return Measure(None, paths, f"{self.right.describe()} is not stated")
        if left.value is None:
            due = right.value if self.op in ("<=", "<") else None
            return Measure(None, paths, f"{self.term} is not stated", due=due)
        shown = f"{_subject(self.term)} is {left.value.isoformat()}"
        if self.right.term is not None:
            shown += f" and {_subject(self.right.term)} is {right.value.isoformat()}"
        return Measure((left.value - right.value).days, paths, shown)

    def requirement(self) -> str:
        gap = f"at least {self.days} days " if self.days else ""
        word = _DATE_OPS[self.op]
        if gap:
            word = "before" if self.op in ("<=", "<") else "after"
        return f"{gap}{word} {self.right.describe()} required"


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
            return Measure(None, resolved.paths, f"{self.term} is not stated")
        value = bool(resolved.value)
        return Measure(
            int(value), resolved.paths, f"{_subject(self.term)}: {format_value(value, 'flag')}"
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
            return Measure(None, resolved.paths, f"{self.term} is not stated")
        value = str(resolved.value)
        return Measure(value, resolved.paths, f"{_subject(self.term)} is {value!r}")

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
            return Measure(None, resolved.paths, f"{self.term} is not stated")
        matched = re.fullmatch(self.pattern, str(resolved.value)) is not None
        return Measure(int(matched), resolved.paths, f"{_subject(self.term)} is {resolved.value!r}")

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
                return Measure(0, paths, f"{self.unless} is stated")
        if resolved.value is None:
            return Measure(None, paths, f"{self.term} is not stated")
        entries = list(resolved.value)
        shown = f"{_subject(self.term)}: {format_value(entries, 'list')}"
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
            return Measure(None, paths, f"{missing} is not stated")
        present = {_norm(str(value)) for value in _labels(have.value)}
        absent = [value for value in _labels(need.value) if _norm(str(value)) not in present]
        problems = [f"missing from {self.term}: {', '.join(map(str, absent))}"] if absent else []
        if self.exact:
            wanted = {_norm(str(value)) for value in _labels(need.value)}
            extra = [value for value in _labels(have.value) if _norm(str(value)) not in wanted]
            if extra:
                where = self.required.describe()
                problems.append(f"in {self.term} but not in {where}: {', '.join(map(str, extra))}")
                absent += extra
        if problems:
            return Measure(len(absent), paths, "; ".join(problems))
        if self.exact:
            return Measure(0, paths, f"{_subject(self.term)} match {self.required.describe()}")
        return Measure(0, paths, f"{_subject(self.term)} include all required")

    def requirement(self) -> str:
        if self.exact:
            return f"{self.term} must have exactly the items of {self.required.describe()}"
        return f"{self.term} must include {self.required.describe()}"


def _labels(values: Sequence[Any] | Any) -> list[Any]:
    if not isinstance(values, list):
        values = [values]
    return [value.label if isinstance(value, Item) else value for value in values]


@functools.lru_cache(maxsize=8192)
def _norm(text: str) -> str:
    return " ".join(text.lower().split())


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
            return Measure(None, resolved.paths, f"{self.term} is not stated")
        value: dt.date = resolved.value
        shown = f"{_subject(self.term)} is {value.isoformat()}"
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
            return Measure(None, paths, f"{self.anchor} is not stated")
        deadline = dt.date(anchor.value.year - 1, self.month, self.day)
        if left.value is None:
            return Measure(None, paths, f"{self.term} is not stated", due=deadline)
        shown = (
            f"{_subject(self.term)} is {left.value.isoformat()}; deadline {deadline.isoformat()}"
        )
        return Measure((left.value - deadline).days, paths, shown)

    def requirement(self) -> str:
        when = f"{dt.date(2000, self.month, self.day):%-d %B}"
        return f"on or before {when} of the year before {self.anchor} required"


@dataclass(frozen=True)
class DueBy:
    """``by {date or term}, {check}``: what a proposal does not say yet is pending until then.

    A draft written months before go-live cannot yet name its governing body; the wrapped check
    then reads *pending* until the deadline and *insufficient evidence* after it. A ``must be
    stated`` check still fails once the deadline has passed. Stated values are judged as usual.
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
        deadline = self.deadline.read(context, context.data, ())
        if not isinstance(deadline.value, dt.date) or reading.due is not None:
            return reading
        paths = reading.paths + deadline.paths
        if reading.value is None:
            return Measure(None, paths, reading.shown, due=deadline.value)
        absent = isinstance(self.inner, Stated) and reading.value == 0
        if absent and deadline.value > context.as_of:
            return Measure(None, paths, reading.shown, due=deadline.value)
        return reading

    def requirement(self) -> str:
        return f"{self.inner.requirement()}, by {self.deadline.describe()}"


# --- per-item checks -------------------------------------------------------------------------


class ItemCheck(Protocol):
    """A check that can be measured on one item of a collection."""

    @property
    def atoms(self) -> tuple[Atom, ...]: ...

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure: ...

    def requirement(self) -> str: ...


_WORST = {"<=": max, "<": max, ">=": min, ">": min}


@dataclass(frozen=True)
class Every:
    """``every {collection} must have ...``: one failing item fails the check and is named."""

    text: str
    line: int
    collection: str
    inner: ItemCheck
    where_stated: bool = False
    atoms: tuple[Atom, ...] = field(default=())

    def measure(self, context: Context) -> Measure:
        resolved = context.read(self.collection)
        if resolved.value is None:
            due_if_absent = (
                self.inner.measure_in(context, {}, resolved.paths[0]).due
                if resolved.paths
                else None
            )
            return Measure(None, resolved.paths, self._absent(context), due=due_if_absent)
        failing: list[str] = []
        failing_paths: list[FieldPath] = []
        missing: list[str] = []
        stated: list[Any] = []
        due: dt.date | None = None
        paths: list[FieldPath] = list(resolved.paths)
        for item in resolved.value:
            reading = self.inner.measure_in(context, item.data, item.path)
            if reading.value is None:
                if not self.where_stated:
                    missing.append(f"{item.label}: {reading.shown}")
                    paths.extend(reading.paths)
                    due = reading.due or due
                continue
            stated.append(reading.value)
            if not all(satisfies(atom.op, reading.value, atom.operand) for atom in self.atoms):
                failing.append(f"{item.label}: {reading.shown}")
                failing_paths.extend(reading.paths)
        if failing:
            return Measure(
                self._worst(stated),
                tuple(failing_paths),
                "; ".join(failing),
                failing_paths=tuple(failing_paths),
            )
        if missing:
            return Measure(None, tuple(paths), "; ".join(missing), due=due)
        return Measure(
            self._worst(stated) if stated else self._vacuous(),
            tuple(paths),
            f"{len(stated)} of {len(resolved.value)} {self.collection} entries checked, all meet it",
        )

    def _absent(self, context: Context) -> str:
        """Why there is no list to check: none given, or one the glossary will not judge yet."""
        term = context.glossary.get(self.collection)
        if term is not None and term.known_if:
            return f"{self.collection} entries are judged only when '{term.known_if}' is true"
        return f"the proposal gives no {self.collection} list"

    def _worst(self, values: list[Any]) -> Any:
        atom = self.atoms[0]
        for value in values:
            if not satisfies(atom.op, value, atom.operand):
                return value
        pick = _WORST.get(atom.op)
        return pick(values) if pick else values[0]

    def _vacuous(self) -> Any:
        """A value that satisfies the atoms, for an empty collection (nothing can fail)."""
        atom = self.atoms[0]
        if atom.op in ("in",):
            return atom.operand[0]
        if atom.op == "between":
            return atom.operand[0]
        if atom.op == "not in":
            return "\x00"
        bump = {"<": -1, ">": 1}.get(atom.op, 0)
        return atom.operand + bump

    def requirement(self) -> str:
        return f"every one of {self.collection}: {self.inner.requirement()}"


def make_every(
    text: str, line: int, collection: str, inner: ItemCheck, where_stated: bool
) -> Every:
    return Every(text, line, collection, inner, where_stated, inner.atoms)


# --- applicability ---------------------------------------------------------------------------


@dataclass(frozen=True)
class KindIs:
    """``Given the proposal is a CCG merger`` (or several kinds joined by "or")."""

    text: str
    line: int
    kinds: tuple[str, ...]

    def applies(self, context: Context) -> bool | None:
        return context.data.get("kind") in self.kinds


@dataclass(frozen=True)
class Condition:
    """``Given {term} is true/false/stated/false or not stated``: the condition applies only then."""

    text: str
    line: int
    term: str
    expect: str

    def applies(self, context: Context) -> bool | None:
        value = context.read(self.term).value
        if self.expect == "stated":
            return value not in (None, "", [])
        if self.expect == "false_or_unstated":
            return value is None or not bool(value)
        if value is None:
            return None
        return bool(value) is (self.expect == "true")
