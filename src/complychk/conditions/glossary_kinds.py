"""How each kind of glossary term (path, count, sum, ...) reads or derives its value from a proposal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, Final, NamedTuple, Protocol

FieldPath = tuple[str | int, ...]
"""Where a value stands in a proposal: keys and list indexes from the top."""


class Term(Protocol):
    """What a resolver reads of a glossary term (:class:`complychk.conditions.glossary.Term`)."""

    @property
    def kind(self) -> str: ...
    @property
    def spec(self) -> Any: ...
    @property
    def where(self) -> Mapping[str, Any] | None: ...
    @property
    def item_label(self) -> str: ...


class Glossary(Protocol):
    """What a resolver asks of the glossary: another term's value at a place."""

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved: ...


class Item(NamedTuple):
    """One member of a collection, with where it sits in the proposal."""

    path: FieldPath
    data: Mapping[str, Any]
    label: str


class Resolved(NamedTuple):
    """A term's value for one proposal (None: the proposal does not say) and the fields read."""

    value: Any
    paths: tuple[FieldPath, ...]
    left_out: tuple[str, ...] = ()
    """For values gathered from several lists (``each: [a, b]``), the lists the proposal does
    not give: what the value lacks may be recorded there."""


def split_path(dotted: str) -> FieldPath:
    return tuple(dotted.split("."))


_SPLITS: Final[dict[str, tuple[str, ...]]] = {}
"""Each path term's spec split once: a pack has a few hundred, read many times a check."""


def resolve_path(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    relative = _SPLITS.get(term.spec)
    if relative is None:
        relative = _SPLITS[term.spec] = tuple(term.spec.split("."))
    value: Any = data
    for part in relative:
        if not isinstance(value, dict):  # proposals are plain dicts; an ABC check costs more
            value = None
            break
        value = value.get(part)
        if value is None:
            break
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


def _label(item: dict[str, Any], field: str, index: int) -> str:
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
    glossary: Glossary, name: str | list[str], data: Mapping[str, Any], base: FieldPath
) -> tuple[list[Item] | None, tuple[FieldPath, ...]]:
    if isinstance(name, list):
        return _items_of_lists(glossary, name, data, base)
    resolved = glossary.resolve(name, data, base)
    value = resolved.value
    if value is None:
        return None, resolved.paths
    if isinstance(value, list) and all(isinstance(item, Item) for item in value):
        return value, resolved.paths
    if isinstance(value, list) and not value:
        return [], resolved.paths
    raise ValueError(f"term {name!r} is not a list of items")


def _items_of_lists(
    glossary: Glossary, names: list[str], data: Mapping[str, Any], base: FieldPath
) -> tuple[list[Item] | None, tuple[FieldPath, ...]]:
    """The items of several lists together (``each: [a, b]``): the same fact recorded in more
    than one place, such as a council's view given at its scrutiny committee or its board. Not
    stated only when none of the lists is given."""
    items: list[Item] | None = None
    paths: tuple[FieldPath, ...] = ()
    for name in names:
        found, where = _items(glossary, name, data, base)
        paths += where
        if found is not None:
            items = (items or []) + found
    return items, paths


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
    lists = term.spec["each"]
    left_out = (
        tuple(name for name in lists if glossary.resolve(name, data, base).value is None)
        if isinstance(lists, list)
        else ()
    )
    return Resolved(sorted(set(_flatten(values)), key=str), paths, left_out)


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


def _resolve_lookup(
    term: Term, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
) -> Resolved:
    """``{by: a term, values: {its value: this term's value}}``: a figure that depends on what
    the proposal records, such as a per-head limit set for one population basis and not another.
    Not stated when the term it depends on is not, or has a value the table does not list."""
    key = glossary.resolve(term.spec["by"], data, base)
    if key.value is None:
        return Resolved(None, key.paths)
    return Resolved(term.spec["values"].get(str(key.value)), key.paths)


RESOLVERS: Final = {
    "path": resolve_path,
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
    "lookup": _resolve_lookup,
}
