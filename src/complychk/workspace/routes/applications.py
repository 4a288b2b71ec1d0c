"""An application: its submissions in order with a chart of their outcomes, and comparisons."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from sqlalchemy.orm import Session

from complychk.errors import ComplychkError
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_text
from complychk.review.diff_render import diff_document
from complychk.workspace import auth, queries, views
from complychk.workspace.checking import CheckService
from complychk.workspace.models import Application
from complychk.workspace.routes import reviewing
from complychk.workspace.routes.common import (
    application_ref,
    get_or_404,
    not_found,
    submission_summary,
)
from complychk.workspace.routes.schemas import ApplicationDetail
from complychk.workspace.web import get_session, render

router = APIRouter()


def _application(session: Session, slug: str) -> Application:
    application = queries.get_application(session, slug)
    if application is None:
        raise not_found(f"application {slug}")
    return application


@router.get("/applications/{slug}", include_in_schema=False)
def application_page(
    request: Request, slug: str, session: Annotated[Session, Depends(get_session)]
) -> Response:
    application = _application(session, slug)
    submissions = application.submissions
    bars = views.chart([(s.number, s.counts()) for s in submissions])
    widest = max((bar.total for bar in bars), default=1) or 1
    latest = queries.get_submission(session, slug, submissions[-1].number)
    assert latest is not None
    return render(
        request,
        "application.html",
        application=application,
        submissions=submissions,
        bars=bars,
        widest=widest,
        order=views.PAGE_ORDER,
        review=reviewing.review_summary(request, session, application),
        reviews=auth.actor(request).reviews,
        pending=[f for f in latest.findings if f.outcome == Outcome.PENDING.value],
    )


@router.get("/api/applications/{slug}", tags=["applications"], response_model=ApplicationDetail)
def get_application(slug: str, session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    """An application and its submissions in order, each with its outcome counts."""
    application = _application(session, slug)
    return {
        **application_ref(application),
        "status": application.status,
        "created_at": application.created_at.isoformat(),
        "submissions": [submission_summary(s) for s in application.submissions],
    }


def _compare(
    request: Request, session: Session, slug: str, old: int | None, new: int | None
) -> tuple[Application, dict[str, Any]]:
    application = _application(session, slug)
    numbers = [s.number for s in application.submissions]
    if len(numbers) < 2 and (old is None or new is None):
        raise HTTPException(400, f"{slug} has one submission; there is nothing to compare yet")
    old = numbers[-2] if old is None else old
    new = numbers[-1] if new is None else new
    before = get_or_404(queries.get_submission(session, slug, old), slug, old)
    after = get_or_404(queries.get_submission(session, slug, new), slug, new)
    service: CheckService = request.app.state.service
    try:
        diff = service.diff(
            load_text(before.proposal_text, before.file_name),
            load_text(after.proposal_text, after.file_name),
            after.as_of,
        )
    except ComplychkError as error:
        raise HTTPException(422, str(error)) from None
    document = diff_document(diff)
    document["old"]["number"] = before.number
    document["new"]["number"] = after.number
    return application, document


@router.get("/applications/{slug}/compare", include_in_schema=False)
def compare_page(
    request: Request,
    slug: str,
    session: Annotated[Session, Depends(get_session)],
    old: int | None = None,
    new: int | None = None,
) -> Response:
    application, diff = _compare(request, session, slug, old, new)
    return render(
        request,
        "compare.html",
        application=application,
        diff=diff,
        numbers=[s.number for s in application.submissions],
    )


@router.get("/api/applications/{slug}/compare", tags=["applications"])
def compare(
    request: Request,
    slug: str,
    session: Annotated[Session, Depends(get_session)],
    old: int | None = None,
    new: int | None = None,
) -> dict[str, Any]:
    """What changed between two submissions (default the last two), as ``complychk diff
    --format json`` shows it: outcomes that changed, with the fields and lines that changed."""
    return _compare(request, session, slug, old, new)[1]
