"""The per-item check: ``every {collection} must ...``, naming each item that fails."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from complychk.conditions.checks import Atom, Context, Measure, absent_list, satisfies
from complychk.conditions.glossary_kinds import FieldPath


class ItemCheck(Protocol):
    """A check that can be measured on one item of a collection."""

    @property
    def atoms(self) -> tuple[Atom, ...]: ...

    def measure_in(self, context: Context, data: Mapping[str, Any], base: FieldPath) -> Measure: ...

    def requirement(self) -> str: ...


_WORST: Final = {"<=": max, "<": max, ">=": min, ">": min}


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
        # What is not shown is due with the application: no check on an item has a deadline of
        # its own (``by ...`` wraps a whole step, the list included).
        resolved = context.read(self.collection)
        if resolved.value is None:
            partial = self._failing_in_partial_list(context)
            if partial is not None:
                return partial
            return Measure(None, resolved.paths, absent_list(context, self.collection))
        readings = [
            (item.label, self.inner.measure_in(context, item.data, item.path))
            for item in resolved.value
        ]
        broken = self._broken(readings)
        if broken is not None:
            return broken
        missing: list[tuple[str, str]] = []
        skipped: list[tuple[str, str]] = []
        stated: list[Any] = []
        paths: list[FieldPath] = list(resolved.paths)
        for label, reading in readings:
            if reading.value is not None:
                stated.append(reading.value)
            elif self.where_stated:
                skipped.append((label, reading.shown))
            else:
                missing.append((label, reading.shown))
                paths.extend(reading.paths)
        if missing:
            return Measure(None, tuple(paths), by_item(missing), items=tuple(missing))
        return Measure(
            self._worst(stated) if stated else self._vacuous(),
            tuple(paths),
            self._all_met(len(stated), skipped),
        )

    def _broken(self, readings: list[tuple[str, Measure]]) -> Measure | None:
        """The items whose stated value breaks the requirement, as a failing reading; None when
        no stated value does."""
        failing: list[tuple[str, str]] = []
        failing_paths: list[FieldPath] = []
        stated = [reading.value for _, reading in readings if reading.value is not None]
        for label, reading in readings:
            if reading.value is None:
                continue
            if not all(satisfies(atom.op, reading.value, atom.operand) for atom in self.atoms):
                failing.append((label, reading.shown))
                failing_paths.extend(reading.paths)
        if not failing:
            return None
        return Measure(
            self._worst(stated),
            tuple(failing_paths),
            by_item(failing),
            failing_paths=tuple(failing_paths),
            items=tuple(failing),
        )

    def _failing_in_partial_list(self, context: Context) -> Measure | None:
        """A list the proposal gives but does not confirm complete (``known_if``) cannot show
        that every item meets the requirement, but an item it does give can break it: a stated
        value that breaks the requirement fails, whatever else is incomplete."""
        term = context.glossary.get(self.collection)
        if term is None or term.known_if is None:
            return None
        given = term.resolve_ungated(context.glossary, context.data, ())
        return self._broken(
            [
                (item.label, self.inner.measure_in(context, item.data, item.path))
                for item in given.value or ()
            ]
        )

    def _all_met(self, met: int, skipped: list[tuple[str, str]]) -> str:
        """What a reader is told when no item fails: how many items were judged, and which
        were not and why, so a check that judged nothing never reads as a clean pass."""
        entries = f"{self.collection} entries"
        if not met and not skipped:
            return f"the proposal lists no {entries}, so none can fail"
        if not skipped and met == 1:
            return f"the one {self.collection} entry meets it"
        if not skipped:
            return f"each of the {met} {entries} meets it"
        total = met + len(skipped)
        if not met:
            return f"none of the {total} {entries} was checked: {by_item(skipped)}"
        return f"{met} of the {total} {entries} meet it; not checked: {by_item(skipped)}"

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
        inner = self.inner.requirement()
        return f"for every {self.collection}: {inner}" if inner else ""


def by_item(readings: list[tuple[str, str]]) -> str:
    """ "Surrey Downs CCG: turnout is 68%"; items that read alike are named together, once:
    "the proposal does not state turnout (NHS Ashford CCG; NHS Thanet CCG)"."""
    labels: dict[str, list[str]] = {}
    for label, shown in readings:
        labels.setdefault(shown, []).append(label)
    return "; ".join(
        f"{names[0]}: {shown}" if len(names) == 1 else f"{shown} ({'; '.join(names)})"
        for shown, names in labels.items()
    )


def make_every(
    text: str, line: int, collection: str, inner: ItemCheck, where_stated: bool
) -> Every:
    return Every(text, line, collection, inner, where_stated, inner.atoms)
