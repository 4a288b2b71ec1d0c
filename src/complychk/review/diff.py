"""``complychk diff``: what changed between two versions of a proposal, condition by condition.

Both versions are checked the way ``complychk check`` checks them. The diff lists conditions
whose outcome changed (with the proposal fields under each that changed), and findings that are
new or resolved. A version *regresses* when a condition newly fails or newly lacks evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from complychk.conditions.checks import Context
from complychk.conditions.condition import Severity
from complychk.conditions.glossary import Glossary
from complychk.conditions.glossary_kinds import FieldPath, Item, Resolved
from complychk.errors import ConfigError
from complychk.evaluate.checker import Checker
from complychk.evaluate.decide import dotted
from complychk.evaluate.findings import Finding, Outcome, ProposalReport
from complychk.evaluate.plan import Plan
from complychk.proposal.document import LoadedDocument
from complychk.proposal.model import proposal_data
from complychk.review.explain import value_at

RANK: dict[Outcome, int] = {
    Outcome.PASS: 0,
    Outcome.NOT_APPLICABLE: 0,
    Outcome.WAIVED: 0,
    Outcome.PENDING: 1,
    Outcome.INSUFFICIENT_EVIDENCE: 2,
    Outcome.FAIL: 3,
}
"""How bad an outcome is for the proposal: a rise to fail or insufficient evidence regresses."""

ACTIONABLE = frozenset({Outcome.FAIL, Outcome.INSUFFICIENT_EVIDENCE})
"""Outcomes that are findings someone must act on."""


@dataclass(frozen=True)
class FieldChange:
    """A proposal field read by a condition whose value differs between the versions."""

    path: str
    old: str
    new: str
    file: str
    line: int


@dataclass(frozen=True)
class ConditionChange:
    """A condition whose outcome differs; an outcome is None where the version lacks it."""

    condition_id: str
    title: str
    severity: Severity
    old: Outcome | None
    new: Outcome | None
    fields: tuple[FieldChange, ...]

    @property
    def regressed(self) -> bool:
        if self.new not in ACTIONABLE:
            return False
        return self.old is None or RANK[self.new] > RANK[self.old]

    @property
    def improved(self) -> bool:
        if self.old is None or self.new is None:
            return False
        return RANK[self.new] < RANK[self.old]


@dataclass(frozen=True)
class ProposalDiff:
    """Everything that changed between two versions, for a formatter to show."""

    old: ProposalReport
    new: ProposalReport
    as_of: dt.date
    changes: tuple[ConditionChange, ...]
    new_findings: tuple[Finding, ...]
    resolved_findings: tuple[Finding, ...]
    unchanged: int

    @property
    def regressed(self) -> bool:
        return any(change.regressed for change in self.changes)

    @property
    def exit_code(self) -> int:
        return 1 if self.regressed else 0


def diff_documents(
    checker: Checker, old: LoadedDocument, new: LoadedDocument, as_of: dt.date
) -> ProposalDiff:
    """Check both versions and compare them.

    Raises:
        ConfigError: the versions would be checked against different packs.
        InputError: either version is not a valid proposal.
    """
    old_report = checker.check_document(old, as_of)
    new_report = checker.check_document(new, as_of)
    if old_report.pack != new_report.pack:
        raise ConfigError(
            f"{old.path} (kind {old_report.kind}) is checked against pack {old_report.pack} "
            f"and {new.path} (kind {new_report.kind}) against {new_report.pack}; give two "
            "versions of the same proposal (or choose a pack that covers both kinds with --pack)"
        )
    plan = checker.compiled(new_report.pack)[0]
    read = _merge(_paths_read(plan, old, as_of), _paths_read(plan, new, as_of))
    before = {f.condition_id: f for f in old_report.findings}
    after = {f.condition_id: f for f in new_report.findings}
    changes = []
    for condition_id in sorted(before.keys() | after.keys()):
        was, now = before.get(condition_id), after.get(condition_id)
        if was is not None and now is not None and was.outcome is now.outcome:
            continue
        shown = now or was
        assert shown is not None
        fields = _field_changes(read.get(condition_id, _Reads()), old, new)
        changes.append(
            ConditionChange(
                condition_id,
                shown.title,
                shown.severity,
                was.outcome if was else None,
                now.outcome if now else None,
                fields,
            )
        )
    return ProposalDiff(
        old_report,
        new_report,
        as_of,
        tuple(changes),
        _only_in(new_report, old_report),
        _only_in(old_report, new_report),
        len(before.keys() & after.keys()) - sum(1 for c in changes if c.old and c.new),
    )


def _only_in(report: ProposalReport, other: ProposalReport) -> tuple[Finding, ...]:
    """Actionable findings of ``report`` that ``other`` does not have (same outcome, same words)."""
    theirs = {(f.condition_id, f.outcome, f.message) for f in other.findings}
    return tuple(
        f
        for f in report.findings
        if f.outcome in ACTIONABLE and (f.condition_id, f.outcome, f.message) not in theirs
    )


@dataclass
class _Reads:
    """The proposal fields one condition read.

    ``fields`` were read for their value, so any change under them can matter. ``lists`` are
    lists of items the condition counted, filtered or named without reading every field of every
    item (the item fields it did read are in ``fields``); each maps to the field naming an item.
    """

    fields: set[FieldPath] = dataclass_field(default_factory=set)
    lists: dict[FieldPath, str] = dataclass_field(default_factory=dict)

    def update(self, other: _Reads) -> None:
        self.fields |= other.fields
        self.lists.update(other.lists)


@dataclass(frozen=True)
class _RecordingGlossary(Glossary):
    """Resolves terms as the pack's glossary does and notes the proposal fields each one reads."""

    reads: _Reads = dataclass_field(default_factory=_Reads, compare=False)

    def resolve(self, name: str, data: Mapping[str, Any], base: FieldPath = ()) -> Resolved:
        resolved = super().resolve(name, data, base)  # derived terms resolve through self
        term = self.get(name)
        if term is None or term.kind != "path":
            return resolved
        (full,) = resolved.paths
        if isinstance(resolved.value, list) and (term.where or _is_item_list(resolved.value)):
            self.reads.lists[full] = term.item_label
            raw = value_at(data, full[len(base) :])
            for index in range(len(raw) if isinstance(raw, list) else 0):
                self.reads.fields.update((*full, index, key) for key in term.where or ())
        else:
            self.reads.fields.add(full)
        return resolved


def _is_item_list(value: list[Any]) -> bool:
    return bool(value) and all(isinstance(item, Item) for item in value)


def _paths_read(plan: Plan, document: LoadedDocument, as_of: dt.date) -> dict[str, _Reads]:
    """Every field each condition read in this version: its Givens' and, where it applies,
    its checks'. Each condition is measured on its own, so no reading is shared."""
    data = proposal_data(document)
    read: dict[str, _Reads] = {}
    for condition in plan.pack.conditions:
        glossary = _RecordingGlossary(plan.pack.glossary.terms)
        context = Context(glossary, data, as_of)
        applies = True
        for given in condition.givens:
            if not isinstance(getattr(given, "term", None), str):
                glossary.reads.fields.add(("kind",))
            if given.applies(context) is not True:
                applies = False
                break
        if applies:
            for check in condition.checks:
                check.measure(context)
        read[condition.id] = glossary.reads
    return read


def _merge(*maps: dict[str, _Reads]) -> dict[str, _Reads]:
    merged: dict[str, _Reads] = {}
    for each in maps:
        for key, reads in each.items():
            merged.setdefault(key, _Reads()).update(reads)
    return merged


def _field_changes(
    reads: _Reads, old: LoadedDocument, new: LoadedDocument
) -> tuple[FieldChange, ...]:
    """Fields read whose values differ, in the new version's line order: anything under a field
    read for its value, and for a list read only as a list, items added, removed or renamed."""
    paths = reads.fields
    tops = [p for p in paths if not any(p[: len(q)] == q and p != q for q in paths)]
    differing: dict[FieldPath, tuple[Any, Any]] = {}
    for top in tops:
        _compare(value_at(old.data, top), value_at(new.data, top), top, differing)
    for path, label in reads.lists.items():
        if not any(path[: len(top)] == top for top in tops):
            _compare_items(
                value_at(old.data, path), value_at(new.data, path), path, label, differing
            )
    changes = []
    for path, (was, now) in differing.items():
        where = (new if now is not None else old).locate(path)
        changes.append(FieldChange(dotted(path), _show(was), _show(now), where.file, where.line))
    return tuple(sorted(changes, key=lambda c: (c.file != new.path, c.line, c.path)))


def _compare_items(
    was: Any, now: Any, path: FieldPath, label: str, out: dict[FieldPath, tuple[Any, Any]]
) -> None:
    """A list read as a list: a change in how many items it has, or in an item's name."""
    if not (isinstance(was, list) and isinstance(now, list)) or len(was) != len(now):
        if was != now:
            out[path] = (was, now)
        return
    for index, (before, after) in enumerate(zip(was, now, strict=True)):
        named = isinstance(before, Mapping) and isinstance(after, Mapping)
        if named and before.get(label) != after.get(label):
            out[(*path, index, label)] = (before.get(label), after.get(label))


def _compare(was: Any, now: Any, path: FieldPath, out: dict[FieldPath, tuple[Any, Any]]) -> None:
    """Walk both values together; a section or item present on one side only is one change."""
    if was == now:
        return
    if isinstance(was, Mapping) and isinstance(now, Mapping):
        for key in sorted(was.keys() | now.keys()):
            _compare(was.get(key), now.get(key), (*path, str(key)), out)
    elif _is_items(was) and _is_items(now):
        for index in range(max(len(was), len(now))):
            before = was[index] if index < len(was) else None
            after = now[index] if index < len(now) else None
            _compare(before, after, (*path, index), out)
    else:
        out[path] = (was, now)


def _is_items(value: Any) -> bool:
    return isinstance(value, list) and any(isinstance(item, (Mapping, list)) for item in value)


def _show(value: Any) -> str:
    """A value in a line of text; a whole list of items or section is counted, not spelled out."""
    if value is None:
        return "(not stated)"
    if isinstance(value, Mapping):
        return f"({len(value)} field{'s' if len(value) != 1 else ''})"
    if isinstance(value, list) and any(isinstance(item, (Mapping, list)) for item in value):
        return f"({len(value)} item{'s' if len(value) != 1 else ''})"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_show(item) for item in value) + "]"
    return str(value)
