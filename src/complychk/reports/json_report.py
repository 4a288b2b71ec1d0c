"""The machine-readable report ``complychk-report/1``: every field of the Report, keys sorted.

The document shape is documented in docs/report-format.md and checked by
``complychk/data/report.schema.json``; the TypedDicts below are the same shape for type checking.
"""

from __future__ import annotations

import json
from typing import TypedDict

from complychk.conditions.condition import Citation
from complychk.evaluate.findings import (
    Evidence,
    Finding,
    InputProblem,
    Outcome,
    ProposalReport,
    Report,
    ReportNote,
    WaiverNote,
)
from complychk.reports.escape import json_text
from complychk.reports.options import RenderOptions

SCHEMA = "complychk-report/1"
"""Bumped only when a field is removed or changes meaning; new fields keep the version."""


class EvidenceDoc(TypedDict):
    path: str
    file: str
    line: int
    column: int
    value: str | None
    stated: bool


class CitationDoc(TypedDict):
    key: str
    title: str
    date: str
    section: str
    url: str
    text: str


class WaiverDoc(TypedDict):
    justification: str
    requested_by: str
    approved_by: str
    reference: str
    expires: str


class FindingDoc(TypedDict):
    condition_id: str
    title: str
    theme: str
    severity: str
    outcome: str
    failing: bool
    message: str
    evidence: list[EvidenceDoc]
    source: str
    remedy: str
    citations: list[CitationDoc]
    feature_file: str
    feature_line: int
    tags: list[str]
    waiver: WaiverDoc | None


class ProposalDoc(TypedDict):
    file: str
    proposal_id: str
    title: str
    kind: str
    pack: str
    counts: dict[str, int]
    findings: list[FindingDoc]


class ProblemDoc(TypedDict):
    file: str
    line: int
    column: int
    message: str


class NoteDoc(TypedDict):
    file: str
    line: int
    column: int
    message: str


class SummaryDoc(TypedDict):
    proposals: int
    problems: int
    failing: int
    counts: dict[str, int]


class ToolDoc(TypedDict):
    name: str
    version: str


class ReportDoc(TypedDict):
    schema: str
    tool: ToolDoc
    as_of: str
    fail_on: str
    mode: str
    exit_code: int
    summary: SummaryDoc
    proposals: list[ProposalDoc]
    problems: list[ProblemDoc]
    notes: list[NoteDoc]


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON with sorted keys, ending in a newline."""
    text = json.dumps(report_document(report), sort_keys=True, indent=2, ensure_ascii=False)
    return json_text(text) + "\n"


def report_document(report: Report) -> ReportDoc:
    """The report as plain JSON-ready data, for callers that embed it rather than print it."""
    totals = {outcome.value: 0 for outcome in Outcome}
    for proposal in report.proposals:
        for outcome, count in proposal.counts().items():
            totals[outcome.value] += count
    return {
        "schema": SCHEMA,
        "tool": {"name": "complychk", "version": report.tool_version},
        "as_of": report.as_of.isoformat(),
        "fail_on": report.fail_on.value,
        "mode": report.mode,
        "exit_code": report.exit_code,
        "summary": {
            "proposals": len(report.proposals),
            "problems": len(report.problems),
            "failing": len(report.failing()),
            "counts": totals,
        },
        "proposals": [_proposal(proposal, report) for proposal in report.proposals],
        "problems": [_problem(problem) for problem in report.problems],
        "notes": [_note(note) for note in report.notes],
    }


def _proposal(proposal: ProposalReport, report: Report) -> ProposalDoc:
    return {
        "file": proposal.file,
        "proposal_id": proposal.proposal_id,
        "title": proposal.title,
        "kind": proposal.kind,
        "pack": proposal.pack,
        "counts": {outcome.value: count for outcome, count in proposal.counts().items()},
        "findings": [finding_document(finding, report) for finding in proposal.findings],
    }


def finding_document(finding: Finding, report: Report) -> FindingDoc:
    """One finding as the JSON report (and the workspace's API) gives it."""
    return {
        "condition_id": finding.condition_id,
        "title": finding.title,
        "theme": finding.theme,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "failing": report.fails(finding),
        "message": finding.message,
        "evidence": [_evidence(evidence) for evidence in finding.evidence],
        "source": finding.source,
        "remedy": finding.remedy,
        "citations": [_citation(citation) for citation in finding.citations],
        "feature_file": finding.feature_file,
        "feature_line": finding.feature_line,
        "tags": list(finding.tags),
        "waiver": None if finding.waiver is None else _waiver(finding.waiver),
    }


def _evidence(evidence: Evidence) -> EvidenceDoc:
    return {
        "path": evidence.path,
        "file": evidence.file,
        "line": evidence.line,
        "column": evidence.column,
        "value": evidence.value,
        "stated": evidence.stated,
    }


def _citation(citation: Citation) -> CitationDoc:
    return {
        "key": citation.key,
        "title": citation.title,
        "date": citation.date,
        "section": citation.section,
        "url": citation.url,
        "text": citation.text(),
    }


def _waiver(waiver: WaiverNote) -> WaiverDoc:
    return {
        "justification": waiver.justification,
        "requested_by": waiver.requested_by,
        "approved_by": waiver.approved_by,
        "reference": waiver.reference,
        "expires": waiver.expires.isoformat(),
    }


def _problem(problem: InputProblem) -> ProblemDoc:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
    }


def _note(note: ReportNote) -> NoteDoc:
    return {"file": note.file, "line": note.line, "column": note.column, "message": note.message}
