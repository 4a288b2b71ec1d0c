"""The change check: ``{term} must fall (or rise) by at least {p}% against {term}``, in pounds."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from complychk.conditions.checks import (
    OPS,
    Atom,
    Context,
    Measure,
    satisfies,
    subject,
    unstated,
)
from complychk.conditions.glossary import format_value
from complychk.conditions.glossary_kinds import FieldPath

_OPPOSITE = {"fall": "rise", "rise": "fall"}
"""How a change the other way is said: costs that "fall by -20%" rose by 20%."""


@dataclass(frozen=True)
class Change:
    """How far an amount moved from a baseline, as a percentage of the baseline.

    The message gives the percentage to two decimals and both amounts, and where the check
    fails, how many pounds separate the amount from what the required change allows, so a cut
    of 19.99% never reads as the 20% it misses.
    """

    text: str
    line: int
    term: str
    op: str
    percent: float
    baseline: str
    direction: str = "fall"
    """``fall`` (a cut from the baseline) or ``rise``."""

    @property
    def atoms(self) -> tuple[Atom, ...]:
        return (Atom(self.op, self.percent),)

    def measure(self, context: Context) -> Measure:
        return self.measure_in(context, context.data, ())

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure:
        amount = context.read(self.term, data, base)
        start = context.read(self.baseline, data, base)
        paths = amount.paths + start.paths
        if amount.value is None or start.value is None:
            missing = self.term if amount.value is None else self.baseline
            return Measure(None, paths, unstated(context, missing))
        unit = _unit(context, self.term)
        if not start.value:
            shown = f"{subject(self.baseline)} is {format_value(0, unit)}, so no change can be worked out"
            return Measure(None, paths, shown)
        sign = -1 if self.direction == "fall" else 1
        moved = round(sign * 100.0 * (amount.value - start.value) / start.value, 6)
        went = self.direction if moved >= 0 else _OPPOSITE[self.direction]
        shown = (
            f"{subject(self.term)} {went} by {format_value(abs(moved), 'percent')} against "
            f"{self.baseline} ({format_value(amount.value, unit)} against "
            f"{format_value(start.value, unit)})"
        )
        if not satisfies(self.op, moved, self.percent):
            shown += "; " + self._gap(amount.value, start.value, unit)
        return Measure(moved, paths, shown)

    def _gap(self, amount: float, start: float, unit: str) -> str:
        """The amount's distance, in its unit, from the amount the required change gives:
        "£3,000 over £24,000,000 (a 20% fall from £30,000,000)"."""
        sign = -1 if self.direction == "fall" else 1
        limit = round(start * (1 + sign * self.percent / 100.0), 2)  # pence at most
        if limit.is_integer():
            limit = int(limit)
        side = "over" if amount > limit else "under"
        return (
            f"{format_value(round(abs(amount - limit), 2), unit)} {side} {format_value(limit, unit)} "
            f"(a {format_value(self.percent, 'percent')} {self.direction} from "
            f"{format_value(start, unit)})"
        )

    def requirement(self) -> str:
        return (
            f"a {self.direction} of {OPS[self.op]} {format_value(self.percent, 'percent')} required"
        )


def _unit(context: Context, term: str) -> str:
    found = context.glossary.get(term)
    return found.unit if found else ""
