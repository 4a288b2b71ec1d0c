"""Waivers: an approved, time-limited decision to accept one condition's failure on one proposal.

A waiver file is YAML (read by :mod:`complychk.proposal.loader`, so every problem has a line)::

    waivers:
      - condition: GOV-CFO-01
        proposal: kent-and-medway-2019-09
        justification: Interim finance lead in post until the substantive appointment.
        requested_by: Director of Strategy
        approved_by: Director of Finance
        reference: CHG-1042
        expires: 2020-06-30

:func:`apply_waivers` is a pure function of reports, waivers and the assessment date. A waiver
that is expired, unapproved or approved by its own requester waives nothing and is reported;
so is one that matches no failure. Problems become :class:`~complychk.evaluate.findings.ReportNote`
entries that every report format shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from complychk.errors import InputError
from complychk.evaluate.findings import (
    Finding,
    Outcome,
    ProposalReport,
    Report,
    ReportNote,
    WaiverNote,
)
from complychk.proposal.document import FileKind, LoadedDocument
from complychk.proposal.loader import load_document
from complychk.proposal.model.common import PATTERN_WORDS, IsoDate, Name, ProposalId, Text, in_words

HINT = "see docs/review.md for the waiver file"

CONDITION_ID_PATTERN = r"^[A-Z]{1,5}(?:-[A-Z0-9]+)*-\d{2,3}$"

_PATTERN_WORDS = {
    **PATTERN_WORDS,
    CONDITION_ID_PATTERN: "expected a condition ID in capitals, as the reports show it "
    "(e.g. GOV-CFO-01)",
}


class WaiverEntry(BaseModel):
    """One waiver as written in the file."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)

    condition: str = Field(
        pattern=CONDITION_ID_PATTERN,
        description="The condition ID waived, e.g. GOV-CFO-01.",
    )
    proposal: ProposalId = Field(description="The id of the proposal it applies to.")
    justification: Text = Field(description="Why the failure is accepted.")
    requested_by: Name = Field(description="Who asked for the waiver (a role title).")
    approved_by: Name | None = Field(
        default=None, description="Who approved it; must differ from requested_by."
    )
    reference: Name = Field(description="The ticket or decision record.")
    expires: IsoDate = Field(description="Last day the waiver applies.")


class WaiverFile(BaseModel):
    """The whole file: a list under ``waivers:``, each entry then read as a :class:`WaiverEntry`
    on its own, so one bad entry does not hide the problems of the others."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    waivers: list[dict[str, Any]]


@dataclass(frozen=True)
class Waiver:
    """A waiver and where it is written."""

    entry: WaiverEntry
    file: str
    line: int
    column: int

    def note(self, message: str) -> ReportNote:
        return ReportNote(self.file, self.line, self.column, message)

    @property
    def name(self) -> str:
        return f"waiver for {self.entry.condition} on {self.entry.proposal}"


def read_waivers(path: str | Path) -> tuple[tuple[Waiver, ...], tuple[ReportNote, ...]]:
    """Every valid waiver in the file, and a located note for each invalid one.

    Raises:
        InputError: the file cannot be read or is not YAML at all.
    """
    return waivers_in(load_document(path, WAIVER_FILE))


def waivers_in(document: LoadedDocument) -> tuple[tuple[Waiver, ...], tuple[ReportNote, ...]]:
    """Every valid waiver in a loaded waiver file, and a located note for each invalid one."""
    try:
        items = WaiverFile.model_validate(document.data).waivers
    except ValidationError as error:
        return (), tuple(_invalid(document, error, ()))
    waivers: list[Waiver] = []
    notes: list[ReportNote] = []
    for index, item in enumerate(items):
        try:
            entry = WaiverEntry.model_validate(item)
        except ValidationError as error:
            notes.extend(_invalid(document, error, ("waivers", index)))
        else:
            where = document.locate(("waivers", index))
            waivers.append(Waiver(entry, where.file, where.line, where.column))
    return tuple(waivers), tuple(notes)


WAIVER_FILE = FileKind(
    "waiver file",
    "waiver file",
    "write 'waivers:' and under it a list of waivers; docs/review.md shows one",
)


def load_waivers(path: str | Path) -> tuple[Waiver, ...]:
    """The waivers in a file; any invalid entry stops here (exit status 2 at the CLI).

    Raises:
        InputError: at the first problem, with its line.
    """
    waivers, invalid = read_waivers(path)
    if invalid:
        first = invalid[0]
        more = f"; {len(invalid) - 1} more after this one" if len(invalid) > 1 else ""
        raise InputError(first.file, first.line, first.column, first.message, HINT + more)
    return waivers


def _invalid(
    document: LoadedDocument, error: ValidationError, base: tuple[str | int, ...]
) -> list[ReportNote]:
    fields = list((WaiverEntry if base else WaiverFile).model_fields)
    notes = []
    for problem in error.errors(include_url=False):
        loc = base + tuple(problem["loc"])
        where = document.locate(loc)
        field = ".".join(str(part) for part in loc) or "(top level)"
        message = _wording(problem, fields)
        notes.append(ReportNote(where.file, where.line, where.column, f"{field}: {message}"))
    return sorted(notes, key=lambda note: (note.line, note.column))


def _wording(problem: Any, fields: list[str]) -> str:
    """A validation problem in the words the proposal messages use, not pydantic's."""
    if problem["type"] == "list_type":
        return "expected a list of waivers, each item starting '- condition:'"
    if problem["type"] == "dict_type":
        entry_fields = ", ".join(WaiverEntry.model_fields)
        return f"expected a waiver with the fields {entry_fields}, got {problem['input']!r}"
    return in_words(problem, fields, _PATTERN_WORDS)


def standing_problems(waivers: Sequence[Waiver], as_of: dt.date) -> dict[Waiver, str]:
    """Waivers that cannot waive anything, whatever was checked, with the reason.

    A waiver is a repeat only of an earlier one that could apply, so a renewal written after an
    expired (or unapproved) waiver for the same failure is the one that applies."""
    problems: dict[Waiver, str] = {}
    first: dict[tuple[str, str], Waiver] = {}
    for waiver in waivers:
        problem = _own_problem(waiver, as_of)
        key = (waiver.entry.condition, waiver.entry.proposal)
        if problem is not None:
            problems[waiver] = problem
        elif key in first:
            problems[waiver] = f"{waiver.name} repeats the one on line {first[key].line}; keep one"
        else:
            first[key] = waiver
    return problems


def _own_problem(waiver: Waiver, as_of: dt.date) -> str | None:
    """Why this waiver cannot apply on its own terms (approval, expiry), or None."""
    entry = waiver.entry
    if not entry.approved_by:
        return f"{waiver.name} has no approved_by, so it waives nothing"
    if _same_person(entry.approved_by, entry.requested_by):
        return (
            f"{waiver.name} is approved by its own requester ({entry.approved_by}); "
            "someone else must approve it, so it waives nothing"
        )
    if entry.expires < as_of:
        return (
            f"{waiver.name} expired on {entry.expires.isoformat()}, before the assessment "
            f"date {as_of.isoformat()}, so it waives nothing"
        )
    return None


def _same_person(one: str, other: str) -> bool:
    return " ".join(one.lower().split()) == " ".join(other.lower().split())


def apply_waivers(
    reports: Sequence[ProposalReport], waivers: Sequence[Waiver], as_of: dt.date
) -> tuple[tuple[ProposalReport, ...], tuple[ReportNote, ...]]:
    """Turn each failure a valid waiver covers into WAIVED; report every waiver that did not
    apply. Returns the new reports (same order) and the notes (in file order)."""
    problems = standing_problems(waivers, as_of)
    valid = {(w.entry.proposal, w.entry.condition): w for w in waivers if w not in problems}
    used: set[Waiver] = set()
    new_reports = []
    for report in reports:
        findings = []
        for finding in report.findings:
            waiver = valid.get((report.proposal_id, finding.condition_id))
            if waiver is not None and finding.outcome is Outcome.FAIL:
                findings.append(_waived(finding, waiver))
                used.add(waiver)
            else:
                findings.append(finding)
        new_reports.append(dataclasses.replace(report, findings=tuple(findings)))
    notes = [waiver.note(message) for waiver, message in problems.items()]
    notes += [
        waiver.note(_unmatched(waiver, reports)) for waiver in valid.values() if waiver not in used
    ]
    return tuple(new_reports), tuple(sorted(notes, key=lambda n: (n.file, n.line, n.column)))


def _waived(finding: Finding, waiver: Waiver) -> Finding:
    entry = waiver.entry
    note = WaiverNote(
        justification=entry.justification,
        requested_by=entry.requested_by,
        approved_by=entry.approved_by or "",
        reference=entry.reference,
        expires=entry.expires,
    )
    return finding._replace(outcome=Outcome.WAIVED, waiver=note)


def _unmatched(waiver: Waiver, reports: Sequence[ProposalReport]) -> str:
    entry = waiver.entry
    report = next((r for r in reports if r.proposal_id == entry.proposal), None)
    if report is None:
        checked = ", ".join(sorted({r.proposal_id for r in reports})) or "none"
        return (
            f"{waiver.name} matches no failure: proposal {entry.proposal} was not checked in "
            f"this run (checked: {checked})"
        )
    finding = next((f for f in report.findings if f.condition_id == entry.condition), None)
    if finding is None:
        return (
            f"{waiver.name} matches no failure: pack {report.pack} has no condition "
            f"{entry.condition} in this run"
        )
    return (
        f"{waiver.name} matches no failure: the condition's outcome is {finding.outcome.label}; "
        "remove the waiver if it is no longer needed"
    )


def waive(report: Report, waivers: Sequence[Waiver]) -> Report:
    """The report with waivers applied and their problems added to its notes."""
    proposals, notes = apply_waivers(report.proposals, waivers, report.as_of)
    return dataclasses.replace(report, proposals=proposals, notes=report.notes + notes)


def lint_waivers(
    path: str | Path, as_of: dt.date, known_ids: frozenset[str] | None = None
) -> list[ReportNote]:
    """Every problem in a waiver file on its own: shape, approval, expiry, repeats, unknown IDs.

    Raises:
        InputError: the file cannot be read or is not YAML at all.
    """
    waivers, invalid = read_waivers(path)
    notes = list(invalid)
    notes += [waiver.note(message) for waiver, message in standing_problems(waivers, as_of).items()]
    if known_ids is not None:
        notes += [
            waiver.note(f"{waiver.name}: no pack has a condition {waiver.entry.condition}")
            for waiver in waivers
            if waiver.entry.condition not in known_ids
        ]
    return sorted(notes, key=lambda n: (n.file, n.line, n.column, n.message))
