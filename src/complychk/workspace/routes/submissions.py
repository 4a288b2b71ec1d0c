"""A submission: its findings failures first, each finding in detail, and its exports."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from sqlalchemy.orm import Session

from complychk.errors import ComplychkError
from complychk.evaluate.findings import Finding
from complychk.proposal.loader import load_text
from complychk.reports import REPORTERS, RenderOptions
from complychk.reports.json_report import finding_document
from complychk.workspace import audit, auth, decisions, queries, store, views
from complychk.workspace.checking import CheckService, as_report, failing
from complychk.workspace.models import Submission
from complychk.workspace.routes import decisions as decision_routes
from complychk.workspace.routes.common import get_or_404, not_found, submission_doc
from complychk.workspace.routes.schemas import SubmissionDetail
from complychk.workspace.web import get_session, render

router = APIRouter()

MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/json",
    "junit": "application/xml",
    "html": "text/html",
    "csv": "text/csv",
    "markdown": "text/markdown",
}
SUFFIXES = {
    "json": "json",
    "sarif": "sarif",
    "junit": "xml",
    "html": "html",
    "csv": "csv",
    "markdown": "md",
}


def _submission(session: Session, slug: str, number: int) -> Submission:
    return get_or_404(queries.get_submission(session, slug, number), slug, number)


@router.get("/applications/{slug}/submissions/{number}", include_in_schema=False)
def submission_page(
    request: Request,
    slug: str,
    number: int,
    session: Annotated[Session, Depends(get_session)],
    outcome: Annotated[list[str], Query()] = [],  # noqa: B006 (FastAPI copies defaults)
    severity: Annotated[list[str], Query()] = [],  # noqa: B006
    theme: str = "",
) -> Response:
    submission = _submission(session, slug, number)
    report = queries.proposal_report(submission)
    filters = views.Filters.parse(outcome, severity, theme)
    reviews = decisions.reviews_of(session, submission)
    return render(
        request,
        "submission.html",
        submission=submission,
        application=submission.application,
        sections=views.sections(report.findings, filters),
        themes=views.theme_counts(report.findings),
        order=views.PAGE_ORDER,
        filters=filters,
        failing=failing(report, submission.as_of),
        mode=as_report(report, submission.as_of).mode_text(),
        formats=list(REPORTERS),
        latest=submission.application.submissions[-1].number,
        reviews=reviews,
        decided=sorted(Counter(r.state for r in reviews.values()).items()),
        re_review=sum(r.re_review for r in reviews.values()),
    )


@router.get(
    "/api/applications/{slug}/submissions/{number}",
    tags=["submissions"],
    response_model=SubmissionDetail,
)
def get_submission(
    slug: str, number: int, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """A stored submission: its proposal text and its findings (``complychk check --format
    json``'s report, as checked when it was stored), and the decision on each finding that
    has one (``reviews``, by condition ID, with ``re_review`` when it was carried over from a
    submission whose finding changed)."""
    submission = _submission(session, slug, number)
    reviews = decisions.reviews_of(session, submission)
    return {
        **submission_doc(submission),
        "reviews": {
            condition_id: {"state": review.state, "re_review": review.re_review}
            for condition_id, review in sorted(reviews.items())
        },
    }


def _finding(submission: Submission, condition_id: str) -> Finding:
    for finding in queries.proposal_report(submission).findings:
        if finding.condition_id == condition_id:
            return finding
    raise not_found(f"condition {condition_id} in submission {submission.number}")


def _pack_version(request: Request, pack: str) -> str:
    service: CheckService = request.app.state.service
    try:
        return service.pack(pack).version
    except ComplychkError:  # a pack this complychk no longer has
        return "(not available)"


def _trace(request: Request, submission: Submission, condition_id: str) -> list[dict[str, Any]]:
    service: CheckService = request.app.state.service
    try:
        document = load_text(submission.proposal_text, submission.file_name)
        explanation = service.explain(condition_id, document, submission.as_of)
    except ComplychkError as error:  # a condition this complychk no longer has
        return [{"keyword": "", "text": str(error), "status": "", "why": "", "readings": []}]
    return [
        {
            "keyword": step.keyword,
            "text": step.text,
            "status": step.status,
            "why": step.why,
            "readings": [
                {"path": r.path, "file": r.file, "line": r.line, "value": r.value}
                for r in step.readings
            ],
        }
        for step in explanation.steps
    ]


@router.get(
    "/applications/{slug}/submissions/{number}/findings/{condition_id}", include_in_schema=False
)
def finding_page(
    request: Request,
    slug: str,
    number: int,
    condition_id: str,
    session: Annotated[Session, Depends(get_session)],
) -> Response:
    submission = _submission(session, slug, number)
    finding = _finding(submission, condition_id)
    proposal = views.proposal_lines(
        submission.proposal_text, views.evidence_lines(finding, submission.file_name)
    )
    _, stored = decision_routes.stored_finding(session, slug, number, condition_id)
    review = decisions.review_of(session, stored.id)
    return render(
        request,
        "finding.html",
        submission=submission,
        application=submission.application,
        finding=finding,
        lines=proposal,
        excerpts=views.excerpts(proposal),
        pack_version=_pack_version(request, submission.pack),
        trace=_trace(request, submission, condition_id),
        review=decision_routes.review_doc(review),
        actions=[a.value for a in decisions.available(auth.actor(request), review, stored.outcome)],
        history=audit.history(session, slug, condition_id),
    )


@router.get(
    "/api/applications/{slug}/submissions/{number}/findings/{condition_id}", tags=["submissions"]
)
def get_finding(
    request: Request,
    slug: str,
    number: int,
    condition_id: str,
    session: Annotated[Session, Depends(get_session)],
) -> dict[str, Any]:
    """One finding: the proposal lines its evidence points at, the explain trace, where the
    decision on it stands (``review``: its state, and ``re_review`` when it was carried over
    from a submission whose finding changed) and its ``history`` from the audit log."""
    submission = _submission(session, slug, number)
    finding = _finding(submission, condition_id)
    _, stored = decision_routes.stored_finding(session, slug, number, condition_id)
    lines = views.evidence_lines(finding, submission.file_name)
    text_lines = submission.proposal_text.splitlines()
    report = as_report(queries.proposal_report(submission), submission.as_of)
    return {
        **finding_document(finding, report),  # the fields of the JSON report's finding
        "highlighted_lines": [
            {"line": n, "text": text_lines[n - 1] if 0 < n <= len(text_lines) else ""}
            for n in lines
        ],
        "trace": _trace(request, submission, condition_id),
        "conditions_page": f"/packs/{submission.pack}/conditions#{finding.condition_id}",
        "review": decision_routes.review_doc(decisions.review_of(session, stored.id)),
        "history": [audit.row_doc(r) for r in audit.history(session, slug, condition_id)],
    }


def _export(submission: Submission, fmt: str) -> str:
    report = as_report(queries.proposal_report(submission), submission.as_of)
    # the run is the check made when the submission was stored
    return REPORTERS[fmt](report, RenderOptions(run_at=submission.submitted_at))


@router.get("/applications/{slug}/submissions/{number}/report.{fmt}", tags=["exports"])
def export_report(
    slug: str, number: int, fmt: str, session: Annotated[Session, Depends(get_session)]
) -> Response:
    """The submission's report in any ``complychk check --format``: text, json, junit, sarif,
    github, markdown, html, matrix, csv. Served as a download."""
    if fmt not in REPORTERS:
        raise HTTPException(404, f"no format {fmt!r}; choose from {', '.join(REPORTERS)}")
    submission = _submission(session, slug, number)
    name = f"{slug}-{number}.{SUFFIXES.get(fmt, 'txt')}"
    return Response(
        _export(submission, fmt),
        media_type=MEDIA_TYPES.get(fmt, "text/plain") + "; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/applications/{slug}/submissions/{number}/evidence-pack.zip", tags=["exports"])
def evidence_pack(
    slug: str, number: int, session: Annotated[Session, Depends(get_session)]
) -> Response:
    """A zip of the proposal as submitted, the HTML and JSON reports, and the findings CSV."""
    submission = _submission(session, slug, number)
    buffer = io.BytesIO()
    stamp = (
        submission.submitted_at.year,
        submission.submitted_at.month,
        submission.submitted_at.day,
        0,
        0,
        0,
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            (store.plain_file_name(submission.file_name), submission.proposal_text),
            ("report.html", _export(submission, "html")),
            ("report.json", _export(submission, "json")),
            ("findings.csv", _export(submission, "csv")),
        ):
            archive.writestr(zipfile.ZipInfo(name, stamp), text.encode("utf-8"))
    return Response(
        buffer.getvalue(),
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{slug}-{number}-evidence.zip"'},
    )
