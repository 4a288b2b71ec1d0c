"""Compiled steps: the Check protocol and what every check shares (atoms, measures, operands).

A check turns the proposal into one number, text or flag (its *measure*) and states the
comparisons (*atoms*) that measure must satisfy. Measures are computed in Python; the atoms
are what the rules engine (or the reference evaluator) decides. The checks themselves are in
:mod:`complychk.conditions.checks_scalar`, :mod:`complychk.conditions.checks_dates` and :mod:`complychk.conditions.checks_every`,
the ``Given`` steps in :mod:`complychk.conditions.applicability`. All of them are engine-neutral: nothing
here knows about durable-rules.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, Protocol

from complychk.conditions.glossary import Glossary, format_value
from complychk.conditions.glossary_kinds import FieldPath, Resolved

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
    included: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """Each list term's items as inclusion checks compare them, worked out once per proposal
    (see :class:`complychk.conditions.checks_scalar.Includes`)."""

    def read(
        self, term: str, data: Mapping[str, Any] | None = None, base: FieldPath = ()
    ) -> Resolved:
        """Resolve ``term`` on an item (``data`` at ``base``), or on the proposal for
        proposal-scoped terms and when no item is given (no data, or the top as ``base``)."""
        if data is None or not base:  # most reads: no need to look the term up first
            return self.glossary.resolve(term, self.data)
        found = self.glossary.get(term)
        if found is None or found.scope == "proposal":
            return self.glossary.resolve(term, self.data)
        return self.glossary.resolve(term, data, base)


class Measure(NamedTuple):
    """A check's reading of one proposal.

    ``value`` is None when the proposal does not say; ``due`` is then the date by which it has
    to, when that is later than the submission (a future deadline means *pending*, a past one
    *fail*), and ``due_name`` names that date for messages ("the go-live date"). See
    docs/outcomes.md for the one rule every condition follows.
    """

    value: Any
    paths: tuple[FieldPath, ...]
    shown: str
    due: dt.date | None = None
    failing_paths: tuple[FieldPath, ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    """For a check on every item of a list: (item, reading) for each item named in ``shown``,
    so a condition's message can name items that several checks found alike just once."""
    listing: tuple[str, tuple[str, ...]] | None = None
    """``shown`` as an opening and the values it lists ("missing from the priorities: ",
    ("stroke",)), so readings with the same opening can list their values together."""
    due_name: str = ""


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


def subject(text: str) -> str:
    """A term as the subject of a reading: ``the population`` -> ``population``."""
    return text[4:] if text.lower().startswith("the ") else text


_PLURAL = re.compile(r"[a-z]s$")
_SINGULAR_S = re.compile(r"(?:ss|us|is)$")


@functools.lru_cache(maxsize=1024)  # a pack has a few hundred terms; each reading says one
def subject_is(term: str) -> str:
    """A term as the subject of "is" or "are": "population is", "planned running costs are".

    The noun that decides is the one before any "of" ("the number of GP chairs is"); a lower
    case word ending in s (but not -ss, -us or -is) counts as plural.
    """
    text = subject(term)
    head = text.split(" of ", 1)[0].split()
    noun = head[-1] if head else ""
    plural = bool(_PLURAL.search(noun)) and not _SINGULAR_S.search(noun)
    return f"{text} {'are' if plural else 'is'}"


UNSTATED: Final = "the proposal does not state "
UNSAID: Final = "the proposal does not say whether "
"""How :func:`unstated` opens, so a message can join several such readings into one clause."""


def unstated(context: Context, term: str) -> str:
    """What a reader is told when the proposal leaves ``term`` out, as a whole clause: "the
    proposal does not state the go-live date", or for a yes/no term "the proposal does not say
    whether the constitution is agreed". A count of a list that is not given says so, in the
    words used for the list itself, so a message names the missing list once."""
    glossary = context.glossary
    found = glossary.get(term)
    if found is not None and found.unit == "flag":
        return UNSAID + glossary.clause(term)
    if found is not None and found.kind == "count" and found.known_if is None:
        counted = glossary.get(found.spec)
        if counted is not None and counted.kind == "path":
            return absent_list(context, found.spec)
    return UNSTATED + term


def absent_list(context: Context, collection: str) -> str:
    """Why a list term has no value: the glossary judges it only once a flag confirms the list
    is complete, and the proposal does not confirm it; or the list is not given ("the proposal
    gives no governing body members list"). Either way the list is named after the whole list
    where the term keeps only some of its items, so several such terms read alike."""
    glossary = context.glossary
    term = glossary.get(collection)
    name = subject(glossary.list_name(collection))
    if term is not None and term.known_if and context.read(term.known_if).value is not True:
        return (
            f"{name} entries are judged only when {glossary.clause(term.known_if)}, "
            "which the proposal does not confirm"
        )
    return f"the proposal gives no {name} list"
