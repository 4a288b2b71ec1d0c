"""``complychk diff``: what changed between two versions of a proposal, condition by condition.

Both versions are checked the way ``complychk check`` checks them. The diff lists conditions
whose outcome changed (with the proposal fields under each that changed), and findings that are
new or resolved. A version *regresses* when a condition newly fails or newly lacks evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from complychk.checker import Checker
from complychk.checks import Context
from complychk.document import LoadedDocument
from complychk.errors import ConfigError
from complychk.evaluate import dotted
from complychk.explain import given_paths, value_at
from complychk.findings import Finding, Outcome, ProposalReport, Severity
from complychk.glossary import FieldPath
from complychk.model import validate_proposal
from complychk.plan import Plan, measure

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
        fields = _field_changes(read.get(condition_id, set()), old, new)
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


def _paths_read(plan: Plan, document: LoadedDocument, as_of: dt.date) -> dict[str, set[FieldPath]]:
    """Every field each condition read in this version: its Givens' and its checks'."""
    data = validate_proposal(document).model_dump()
    readings = measure(plan, data, as_of)
    context = Context(plan.pack.glossary.for_one_proposal(), data, as_of)
    read: dict[str, set[FieldPath]] = {}
    for condition in plan.pack.conditions:
        paths = read.setdefault(condition.id, set())
        for given in condition.givens:
            paths.update(given_paths(given, context))
        for index in range(len(condition.checks)):
            reading = readings.measures.get((condition.id, index))
            if reading is not None:
                paths.update(reading.paths)
    return read


def _merge(*maps: dict[str, set[FieldPath]]) -> dict[str, set[FieldPath]]:
    merged: dict[str, set[FieldPath]] = {}
    for each in maps:
        for key, paths in each.items():
            merged.setdefault(key, set()).update(paths)
    return merged


def _field_changes(
    paths: set[FieldPath], old: LoadedDocument, new: LoadedDocument
) -> tuple[FieldChange, ...]:
    """Fields under the paths read whose values differ, in the new version's line order."""
    tops = [p for p in paths if not any(p[: len(q)] == q and p != q for q in paths)]
    differing: dict[FieldPath, tuple[Any, Any]] = {}
    for top in tops:
        _compare(value_at(old.data, top), value_at(new.data, top), top, differing)
    changes = []
    for path, (was, now) in differing.items():
        where = (new if now is not None else old).locate(path)
        changes.append(FieldChange(dotted(path), _show(was), _show(now), where.file, where.line))
    return tuple(sorted(changes, key=lambda c: (c.file != new.path, c.line, c.path)))


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
