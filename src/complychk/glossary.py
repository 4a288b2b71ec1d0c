"""A pack's glossary: the nouns its conditions use, each bound to proposal fields or derived from them.

Policy authors write ``the planned running costs`` in a step; the glossary (``terms:`` in
``rules/<pack>.yaml``) says that means ``finance.planned_running_costs_gbp``. Derived terms (counts,
ratios, sums, the latest of some dates) are computed here, in Python, before any fact reaches the
rules engine, which has no such operators.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

FieldPath = tuple[str | int, ...]

UNITS = ("gbp", "percent", "date", "people", "days", "count", "text", "flag", "list")


class Item(NamedTuple):
    """One member of a collection, with where it sits in the proposal."""

    path: FieldPath
    data: Mapping[str, Any]
    label: str


class Resolved(NamedTuple):
    """A term's value for one proposal (None: the proposal does not say) and the fields read."""

    value: Any
    paths: tuple[FieldPath, ...]


@dataclass(frozen=True)
class Term:
    """A glossary entry. Exactly one of the derivations is set, checked when the pack loads."""

    name: str
    kind: str
    spec: Any
    unit: str = ""
    where: Mapping[str, Any] | None = None
    item_label: str = "name"
    scope: str = "proposal"
    known_if: str | None = None
    """A flag term: unless it is true, this term counts as not stated (e.g. a partial list)."""

    def resolve(self, glossary: Glossary, data: Mapping[str, Any], base: FieldPath) -> Resolved:
        resolved = _RESOLVERS[self.kind](self, glossary, data, base)
        if self.known_if is None:
            return resolved
        gate = glossary.resolve(self.known_if, data, base)
        if gate.value is True:
            return resolved
        return Resolved(None, resolved.paths + gate.paths)


@dataclass(frozen=True)
class Glossary:
    """All terms of one pack, by name (case-insensitive)."""

    terms: Mapping[str, Term]

    def get(self, name: str) -> Term | None:
        return self.terms.get(_key(name))

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self.terms

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved:
        term = self.terms[_key(name)]
        return term.resolve(self, data, base)

    def names(self) -> list[str]:
        return sorted(term.name for term in self.terms.values())

    def for_one_proposal(self) -> Glossary:
        """A view that resolves each term once per place in one proposal (derived terms share
        their inputs, so the same paths would otherwise be walked many times)."""
        return _MemoGlossary(self.terms)


@dataclass(frozen=True)
class _MemoGlossary(Glossary):
    """Remembers resolutions by (term, place); a place (base path) fixes the data read there."""

    _memo: dict[tuple[str, FieldPath], Resolved] = field(default_factory=dict, compare=False)

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved:
        key = (name, base)
        found = self._memo.get(key)
        if found is None:
            found = self.terms[_key(name)].resolve(self, data, base)
            self._memo[key] = found
        return found


@functools.lru_cache(maxsize=4096)
def _key(name: str) -> str:
    return " ".join(name.lower().split())


TERM_KINDS = (
    "path",
    "count",
    "ratio",
    "sum",
    "max",
    "min",
    "values",
    "distinct",
    "duplicates",
    "any",
    "any_of",
    "largest_group",
    "quotient",
    "difference",
    "union",
)


_OPTIONS = ("unit", "where", "item_label", "scope", "description", "known_if")


class TermError(ValueError):
    """A malformed glossary entry, naming the term so the manifest line can be found."""

    def __init__(self, term: str, message: str) -> None:
        super().__init__(message)
        self.term = term


def build_glossary(entries: Mapping[str, Mapping[str, Any]]) -> Glossary:
    """Build a glossary from manifest entries; shape errors raise ValueError with the term name."""
    terms: dict[str, Term] = {}
    for name, entry in entries.items():
        kinds = [kind for kind in TERM_KINDS if kind in entry]
        if len(kinds) != 1:
            raise TermError(name, f"term {name!r} must have exactly one of {', '.join(TERM_KINDS)}")
        unknown = set(entry) - {*TERM_KINDS, *_OPTIONS}
        if unknown:
            raise TermError(name, f"term {name!r} has unknown keys: {', '.join(sorted(unknown))}")
        unit = str(entry.get("unit", ""))
        if unit and unit not in UNITS:
            raise TermError(name, f"term {name!r} has unit {unit!r}; use one of {', '.join(UNITS)}")
        scope = str(entry.get("scope", "proposal"))
        if scope not in ("proposal", "item"):
            raise TermError(name, f"term {name!r} has scope {scope!r}; use proposal or item")
        terms[_key(name)] = Term(
            name=name,
            kind=kinds[0],
            spec=entry[kinds[0]],
            unit=unit,
            where=entry.get("where"),
            item_label=str(entry.get("item_label", "name")),
            scope=scope,
            known_if=entry.get("known_if"),
        )
    glossary = Glossary(terms)
    for term in terms.values():
        for ref in referenced_terms(term):
            if ref not in glossary:
                raise TermError(term.name, f"term {term.name!r} refers to undefined term {ref!r}")
    return glossary


def referenced_terms(term: Term) -> list[str]:
    """Names of the other terms a derived term is built from."""
    spec = term.spec
    gate = [term.known_if] if term.known_if else []
    if term.kind == "path":
        return gate
    if term.kind == "count":
        return [spec, *gate]
    if term.kind in {"ratio", "sum", "any_of", "quotient", "difference"}:
        return [*spec, *gate]
    refs = [spec["each"], *gate]
    if "of" in spec:
        refs.append(spec["of"])
    if "by" in spec:
        refs.append(spec["by"])
    return refs


def split_path(dotted: str) -> FieldPath:
    return tuple(dotted.split("."))


_split = functools.lru_cache(maxsize=4096)(split_path)


def _walk(data: Any, path: Iterable[str | int]) -> Any:
    for part in path:
        if not isinstance(data, dict):  # proposals are plain dicts; an ABC check costs more
            return None
        data = data.get(part)
        if data is None:
            return None
    return data


def _resolve_path(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    relative = _split(term.spec)
    value = _walk(data, relative)
    full = base + relative
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        items = [
            Item((*full, index), item, _label(item, term.item_label, index))
            for index, item in enumerate(value)
        ]
        if term.where:
            items = [item for item in items if _matches(item.data, term.where)]
        return Resolved(items, (full,))
    if isinstance(value, list) and term.where:
        return Resolved([], (full,))
    return Resolved(value, (full,))


def _label(item: Mapping[str, Any], field: str, index: int) -> str:
    value = item.get(field)
    return str(value) if value is not None else f"item {index + 1}"


def _matches(item: Mapping[str, Any], where: Mapping[str, Any]) -> bool:
    for name, wanted in where.items():
        have = item.get(name)
        if isinstance(wanted, dict):
            pool = set(have or [])
            if "all" in wanted and not set(wanted["all"]) <= pool:
                return False
            if "any" in wanted and not set(wanted["any"]) & pool:
                return False
            if "none" in wanted and set(wanted["none"]) & pool:
                return False
            continue
        options = wanted if isinstance(wanted, list) else [wanted]
        if isinstance(have, list):
            if not set(options) & set(have):
                return False
        elif have not in options:
            return False
    return True


def _items(
    glossary: Glossary, name: str, data: Mapping[str, Any], base: FieldPath
) -> tuple[list[Item] | None, tuple[FieldPath, ...]]:
    resolved = glossary.resolve(name, data, base)
    value = resolved.value
    if value is None:
        return None, resolved.paths
    if isinstance(value, list) and all(isinstance(item, Item) for item in value):
        return value, resolved.paths
    if isinstance(value, list) and not value:
        return [], resolved.paths
    raise ValueError(f"term {name!r} is not a list of items")


def _resolve_count(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    resolved = glossary.resolve(term.spec, data, base)
    value = resolved.value
    return Resolved(None if value is None else len(value), resolved.paths)


def _numbers(
    glossary: Glossary, names: Iterable[str], data: Mapping[str, Any], base: FieldPath
) -> tuple[list[Any], tuple[FieldPath, ...]]:
    values: list[Any] = []
    paths: list[FieldPath] = []
    for name in names:
        resolved = glossary.resolve(name, data, base)
        values.append(resolved.value)
        paths.extend(resolved.paths)
    return values, tuple(paths)


def _resolve_ratio(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    (top, bottom), paths = _numbers(glossary, term.spec, data, base)
    if top is None or bottom is None or bottom == 0:
        return Resolved(None, paths)
    return Resolved(round(100.0 * top / bottom, 6), paths)


def _resolve_sum(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _numbers(glossary, term.spec, data, base)
    if any(value is None for value in values):
        return Resolved(None, paths)
    return Resolved(sum(values), paths)


def _resolve_quotient(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    """``[a, b]`` -> a / b: an amount per head, per site, ... (not stated when b is 0)."""
    (top, bottom), paths = _numbers(glossary, term.spec, data, base)
    if top is None or bottom is None or bottom == 0:
        return Resolved(None, paths)
    return Resolved(round(top / bottom, 6), paths)


def _resolve_difference(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    """``[a, b]`` -> a - b, e.g. a saving from a baseline and a target."""
    (first, second), paths = _numbers(glossary, term.spec, data, base)
    if first is None or second is None:
        return Resolved(None, paths)
    return Resolved(first - second, paths)


def _each(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> tuple[list[Any] | None, tuple[FieldPath, ...]]:
    """Values of ``of`` for each item of ``each``; None when the list itself is not stated."""
    items, paths = _items(glossary, term.spec["each"], data, base)
    if items is None:
        return None, paths
    values = [glossary.resolve(term.spec["of"], item.data, item.path).value for item in items]
    return values, paths


def _resolve_extreme(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _each(term, glossary, data, base)
    if not values or any(value is None for value in values):
        return Resolved(None, paths)
    return Resolved(max(values) if term.kind == "max" else min(values), paths)


def _flatten(values: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        if isinstance(value, list):
            flat.extend(value)
        elif value is not None:
            flat.append(value)
    return flat


def _resolve_values(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _each(term, glossary, data, base)
    if values is None:
        return Resolved(None, paths)
    return Resolved(sorted(set(_flatten(values)), key=str), paths)


def _resolve_union(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    """Every item's values combined; unlike ``values``, not stated when any item is silent,
    so a set comparison never judges half a picture."""
    values, paths = _each(term, glossary, data, base)
    if values is None or any(value is None for value in values):
        return Resolved(None, paths)
    return Resolved(sorted(set(_flatten(values)), key=str), paths)


def _resolve_distinct(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _each(term, glossary, data, base)
    if values is None or any(value is None for value in values):
        return Resolved(None, paths)
    return Resolved(len(set(_flatten(values))), paths)


def _resolve_duplicates(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _each(term, glossary, data, base)
    if values is None:
        return Resolved(None, paths)
    counts = Counter(_flatten(values))
    return Resolved(sorted((value for value, n in counts.items() if n > 1), key=str), paths)


def _resolve_any(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _each(term, glossary, data, base)
    return Resolved(_any(values), paths)


def _any(values: list[Any] | None) -> bool | None:
    if values is None:
        return None
    if any(value is True for value in values):
        return True
    if any(value is None for value in values):
        return None
    return False


def _resolve_any_of(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    values, paths = _numbers(glossary, term.spec, data, base)
    return Resolved(_any(values), paths)


def _resolve_largest_group(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    items, paths = _items(glossary, term.spec["each"], data, base)
    if items is None:
        return Resolved(None, paths)
    keys = [glossary.resolve(term.spec["by"], item.data, item.path).value for item in items]
    if any(key is None for key in keys):
        return Resolved(None, paths)
    return Resolved(max(Counter(keys).values(), default=0), paths)


_RESOLVERS = {
    "path": _resolve_path,
    "count": _resolve_count,
    "ratio": _resolve_ratio,
    "sum": _resolve_sum,
    "max": _resolve_extreme,
    "min": _resolve_extreme,
    "values": _resolve_values,
    "distinct": _resolve_distinct,
    "duplicates": _resolve_duplicates,
    "any": _resolve_any,
    "any_of": _resolve_any_of,
    "largest_group": _resolve_largest_group,
    "quotient": _resolve_quotient,
    "difference": _resolve_difference,
    "union": _resolve_union,
}


def format_value(value: Any, unit: str) -> str:
    """A value as a policy reader expects it: £1,200,000; 84%; 2020-04-01; 1,850,000."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return (
            ", ".join(str(item.label if isinstance(item, Item) else item) for item in value)
            or "none"
        )
    if unit == "gbp" and isinstance(value, (int, float)) and value < 0:
        return f"-{format_value(-value, unit)}"
    if unit == "gbp" and isinstance(value, float) and not value.is_integer():
        return f"£{value:,.2f}"
    if unit == "gbp" and isinstance(value, (int, float)):
        return f"£{value:,.0f}"
    if unit == "percent" and isinstance(value, (int, float)):
        return f"{value:.1f}%".replace(".0%", "%")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
