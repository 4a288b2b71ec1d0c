"""A pack's glossary: the nouns its conditions use, each bound to proposal fields or derived from them.

Policy authors write ``the planned running costs`` in a step; the glossary (``terms:`` in
``rules/<pack>.yaml``) says that means ``finance.planned_running_costs_gbp``. Derived terms (counts,
ratios, sums, the latest of some dates) are computed in Python (one resolver per kind of term, in
:mod:`complychk.conditions.glossary_kinds`) before any fact reaches the rules engine, which has no such
operators.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from complychk.conditions.glossary_kinds import (
    RESOLVERS,
    FieldPath,
    Item,
    Resolved,
)

UNITS = ("gbp", "percent", "date", "people", "days", "count", "text", "flag", "list")


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
    clause: str | None = None
    """A flag term as a clause for messages ("the CCG is in deficit"), where its name is not one."""

    def resolve(self, glossary: Glossary, data: Mapping[str, Any], base: FieldPath) -> Resolved:
        resolved = self.resolve_ungated(glossary, data, base)
        if self.known_if is None:
            return resolved
        gate = glossary.resolve(self.known_if, data, base)
        if gate.value is True:
            return resolved
        return Resolved(None, resolved.paths + gate.paths)

    def resolve_ungated(
        self, glossary: Glossary, data: Mapping[str, Any], base: FieldPath
    ) -> Resolved:
        """The term's value as the proposal gives it, even where ``known_if`` is not confirmed
        (a partial list): what is given can still break a requirement."""
        return RESOLVERS[self.kind](self, glossary, data, base)


@dataclass(frozen=True)
class Glossary:
    """All terms of one pack, by name (case-insensitive)."""

    terms: Mapping[str, Term]
    _named: dict[str, Term] = field(default_factory=dict, compare=False, repr=False)
    """Terms by the exact words a step uses, so a reading need not normalise them again."""
    _wholes: dict[str, Term | None] = field(default_factory=dict, compare=False, repr=False)
    """:meth:`whole_list` answers, worked out once per term."""

    def get(self, name: str) -> Term | None:
        found = self._named.get(name)
        if found is None:
            found = self.terms.get(_key(name))
            if found is not None:
                self._named[name] = found
        return found

    def term(self, name: str) -> Term:
        """The term ``name`` says; KeyError if the glossary has none."""
        found = self.get(name)
        if found is None:
            raise KeyError(name)
        return found

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self.terms

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved:
        return self.term(name).resolve(self, data, base)

    def clause(self, name: str) -> str:
        """A yes/no term as a clause: its ``clause`` if the glossary gives one, else the name
        itself when it reads as one ("the constitution is agreed"), else "'in deficit' is true"."""
        term = self.get(name)
        if term is not None and term.clause:
            return term.clause
        return as_clause(name)

    def whole_list(self, name: str) -> Term | None:
        """For a term keeping only some items of a list (``where``), a term for the whole list
        judged under the same condition (``known_if``), if the glossary has one (``registered
        nurse member`` -> ``the governing body members``)."""
        if name in self._wholes:
            return self._wholes[name]
        term = self.get(name)
        if term is None or term.kind != "path" or not term.where:
            return self._wholes.setdefault(name, None)
        whole = sorted(
            (
                other
                for other in self.terms.values()
                if other.kind == "path"
                and other.spec == term.spec
                and other.scope == term.scope
                and not other.where
                and other.known_if == term.known_if
            ),
            key=lambda other: other.name,
        )
        return self._wholes.setdefault(name, whole[0] if whole else None)

    def list_name(self, name: str) -> str:
        """A list term's name for messages about the list itself: the whole list's name where
        the term keeps only some of its items and the glossary names the whole list."""
        whole = self.whole_list(name)
        return whole.name if whole is not None else name

    def names(self) -> list[str]:
        return sorted(term.name for term in self.terms.values())

    def for_one_proposal(self) -> Glossary:
        """A view that resolves each term once per place in one proposal (derived terms share
        their inputs, so the same paths would otherwise be walked many times)."""
        return _MemoGlossary(self.terms, self._named, self._wholes)


@dataclass(frozen=True)
class _MemoGlossary(Glossary):
    """Remembers resolutions by (term, place); a place (base path) fixes the data read there."""

    _memo: dict[tuple[str, FieldPath], Resolved] = field(default_factory=dict, compare=False)
    _top: dict[str, Resolved] = field(default_factory=dict, compare=False)
    """Resolutions at the top of the proposal, by name alone: most reads, and a name is
    quicker to look up than a (name, place) pair, whose hash is worked out afresh each time."""

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved:
        if not base:
            found = self._top.get(name)
            if found is None:
                found = self._top[name] = self.term(name).resolve(self, data, base)
            return found
        key = (name, base)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self.term(name).resolve(self, data, base)
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
    "lookup",
)


_OPTIONS = ("unit", "where", "item_label", "scope", "description", "known_if", "clause")

_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|covers|meets|states|supports|address|addresses)\b"
)


@functools.lru_cache(maxsize=1024)  # a pack has a few hundred terms; messages say them often
def as_clause(term: str) -> str:
    """A yes/no term's name as a clause: "the constitution is agreed" as it is, a name with no
    verb such as "in deficit" as "'in deficit' is true"."""
    return term if _VERB.search(term) else f"'{term}' is true"


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
        clause = entry.get("clause")
        if clause is not None and (not isinstance(clause, str) or not clause.strip()):
            raise TermError(name, f"term {name!r} has clause {clause!r}; write it as a sentence")
        if kinds[0] == "lookup" and not _is_lookup(entry["lookup"]):
            raise TermError(
                name, f"term {name!r}: lookup needs 'by' (a term) and 'values' (value: result)"
            )
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
            clause=clause,
        )
    glossary = Glossary(terms)
    for term in terms.values():
        for ref in referenced_terms(term):
            if ref not in glossary:
                raise TermError(term.name, f"term {term.name!r} refers to undefined term {ref!r}")
    return glossary


def _is_lookup(spec: Any) -> bool:
    return (
        isinstance(spec, dict)
        and set(spec) == {"by", "values"}
        and isinstance(spec["by"], str)
        and isinstance(spec["values"], dict)
    )


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
    if term.kind == "lookup":
        return [spec["by"], *gate]
    each = spec["each"]
    refs = [*(each if isinstance(each, list) else [each]), *gate]
    if "of" in spec:
        refs.append(spec["of"])
    if "by" in spec:
        refs.append(spec["by"])
    return refs


_ISO_DATES: Final[dict[dt.date, str]] = {}


def iso_date(value: dt.date) -> str:
    """``value.isoformat()``, remembered: date.isoformat formats through PyUnicode_FromFormat
    (a few thousand instructions), and one check writes some forty dates, mostly the same few."""
    text = _ISO_DATES.get(value)
    if text is None:
        if len(_ISO_DATES) >= 4096:  # a long batch of varied proposals: start again
            _ISO_DATES.clear()
        text = _ISO_DATES[value] = value.isoformat()
    return text


def format_value(value: Any, unit: str) -> str:
    """A value as a policy reader expects it: £1,200,000; 84%; 79.99%; 2020-04-01; 1,850,000."""
    if value is None:
        return "not stated"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return iso_date(value)
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
        return f"{value:.2f}".rstrip("0").rstrip(".") + "%"  # 79.99% never reads as 80%
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)
