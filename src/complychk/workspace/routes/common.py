"""What several resources' routes share: JSON shapes of stored things, and not-found answers."""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from complychk.reports.json_report import report_document
from complychk.workspace import queries
from complychk.workspace.checking import as_report
from complychk.workspace.models import Application, Submission


def not_found(what: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"{what} is not in this workspace")


def counts_doc(submission: Submission | queries.Summary) -> dict[str, int]:
    return {outcome.value: count for outcome, count in submission.counts().items()}


def submission_summary(submission: Submission | queries.Summary) -> dict[str, Any]:
    """A submission without its findings: what lists and charts show."""
    return {
        "number": submission.number,
        "file_name": submission.file_name,
        "proposal_id": submission.proposal_id,
        "title": submission.title,
        "kind": submission.kind,
        "pack": submission.pack,
        "pack_version": submission.pack_version,
        "tool_version": submission.tool_version,
        "as_of": submission.as_of.isoformat(),
        "submitted_at": submission.submitted_at.isoformat(),
        "counts": counts_doc(submission),
        "blocks": submission.blocks,
    }


def submission_doc(submission: Submission) -> dict[str, Any]:
    """A submission in full: its summary, proposal text and the JSON report of its findings."""
    report = as_report(queries.proposal_report(submission), submission.as_of)
    return {
        "application": submission.application.slug,
        **submission_summary(submission),
        "proposal_text": submission.proposal_text,
        "report": report_document(report),
    }


def application_ref(application: Application) -> dict[str, Any]:
    return {"slug": application.slug, "title": application.title}


def get_or_404(submission: Submission | None, slug: str, number: int) -> Submission:
    if submission is None:
        raise not_found(f"submission {number} of {slug}")
    return submission
