"""An application's review: its status, conditions of approval, waivers as a file; the overdue
conditions of every application; and the whole audit log as CSV."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from complychk.errors import ComplychkError
from complychk.workspace import approval, audit, auth, queries, waiver_files
from complychk.workspace.approval import Status, TrackedCondition
from complychk.workspace.decisions import DecisionError, NotAllowed
from complychk.workspace.models import Application
from complychk.workspace.routes.common import not_found
from complychk.workspace.settings import Settings
from complychk.workspace.web import get_session, render

router = APIRouter()


class StatusRequest(BaseModel):
    status: Status = Field(description="the status to move to")
    note: str = Field("", description="a note for the audit log")


class ConditionRequest(BaseModel):
    condition_id: str = Field(description="the pending condition it depends on, e.g. GOV-AO-01")
    text: str = Field(description="the condition of approval as the decision letter words it")
    due: dt.date = Field(description="when it must be met, YYYY-MM-DD")


def _application(session: Session, slug: str) -> Application:
    application = queries.get_application(session, slug)
    if application is None:
        raise not_found(f"application {slug}")
    return application


def today(request: Request) -> dt.date:
    settings: Settings = request.app.state.settings
    return settings.assessment_date()


def condition_doc(tracked: TrackedCondition, on: dt.date) -> dict[str, Any]:
    return {
        "application": tracked.application,
        "title": tracked.title,
        "condition_id": tracked.condition_id,
        "text": tracked.text,
        "due": tracked.due.isoformat(),
        "outcome": tracked.outcome,
        "state": tracked.state.value,
        "days_overdue": tracked.days_overdue(on),
    }


def review_summary(request: Request, session: Session, application: Application) -> dict[str, Any]:
    """An application's status, the statuses it may move to, and its conditions of approval."""
    on = today(request)
    return {
        "status": application.status,
        "next": [s.value for s in approval.TRANSITIONS[Status(application.status)]],
        "conditions": [condition_doc(c, on) for c in approval.conditions(session, application, on)],
    }


def _refused(error: DecisionError) -> HTTPException:
    return HTTPException(error.status, str(error))


@router.get("/api/applications/{slug}/review", tags=["review"])
def get_review(
    request: Request, slug: str, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """The application's status, where it may go next, and its conditions of approval."""
    return review_summary(request, session, _application(session, slug))


@router.post("/api/applications/{slug}/status", tags=["review"])
def set_status(
    request: Request,
    slug: str,
    body: StatusRequest,
    session: Annotated[Session, Depends(get_session)],
) -> dict[str, Any]:
    """Move the application to another status (reviewers and admins; audited). 409 when the
    move is not allowed from its status."""
    application = _application(session, slug)
    try:
        approval.set_status(session, application, auth.actor(request), body.status, body.note)
    except DecisionError as error:
        raise _refused(error) from None
    return review_summary(request, session, application)


@router.post("/api/applications/{slug}/conditions", tags=["review"])
def add_condition(
    request: Request,
    slug: str,
    body: ConditionRequest,
    session: Annotated[Session, Depends(get_session)],
) -> dict[str, Any]:
    """Record a condition of approval against a condition pending in the latest submission."""
    application = _application(session, slug)
    try:
        approval.add_condition(
            session, application, auth.actor(request), body.condition_id, body.text, body.due
        )
    except DecisionError as error:
        raise _refused(error) from None
    return review_summary(request, session, application)


async def _form(request: Request) -> dict[str, str]:
    async with request.form(max_files=0, max_fields=20) as form:
        return {k: str(v) for k, v in form.items() if k != auth.CSRF_FIELD}


@router.post("/applications/{slug}/status", include_in_schema=False)
async def status_form(
    request: Request, slug: str, session: Annotated[Session, Depends(get_session)]
) -> Response:
    fields = await _form(request)
    try:
        body = StatusRequest.model_validate(fields)
    except ValueError:
        raise HTTPException(422, "choose one of the statuses offered") from None
    set_status(request, slug, body, session)
    return RedirectResponse(f"/applications/{slug}#review", 303)


@router.post("/applications/{slug}/conditions", include_in_schema=False)
async def condition_form(
    request: Request, slug: str, session: Annotated[Session, Depends(get_session)]
) -> Response:
    fields = await _form(request)
    try:
        body = ConditionRequest.model_validate(fields)
    except ValueError:
        raise HTTPException(
            422, "a condition of approval needs the condition, its text and a due date"
        ) from None
    add_condition(request, slug, body, session)
    return RedirectResponse(f"/applications/{slug}#review", 303)


@router.get("/overdue", include_in_schema=False)
def overdue_page(request: Request, session: Annotated[Session, Depends(get_session)]) -> Response:
    on = today(request)
    found = approval.overdue(session, on, auth.visible(request))
    return render(request, "overdue.html", conditions=found, today=on)


@router.get("/api/overdue", tags=["review"])
def overdue(request: Request, session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    """Conditions of approval past their due date and not met, oldest due date first."""
    on = today(request)
    found = approval.overdue(session, on, auth.visible(request))
    return {"as_of": on.isoformat(), "conditions": [condition_doc(c, on) for c in found]}


@router.get("/audit.csv", tags=["review"])
def audit_csv(request: Request, session: Annotated[Session, Depends(get_session)]) -> Response:
    """The whole audit log as CSV, in the order it was written (reviewers and admins)."""
    if not auth.actor(request).reviews:
        raise HTTPException(403, "the audit log is for reviewers and admins")
    return Response(
        audit.to_csv(audit.entries(session)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
    )


@router.get("/applications/{slug}/waivers.yaml", tags=["review"])
def export_waivers(slug: str, session: Annotated[Session, Depends(get_session)]) -> Response:
    """The approved waivers on the latest submission, as the file ``complychk check
    --waivers`` reads."""
    application = _application(session, slug)
    return Response(
        waiver_files.export_waivers(session, application),
        media_type="application/yaml; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{slug}-waivers.yaml"'},
    )


@router.post("/api/applications/{slug}/waivers", tags=["review"])
async def import_waivers(
    request: Request, slug: str, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """Store a waiver file (the request body, YAML) on the latest submission, all or nothing:
    422 with the line of the first problem."""
    application = _application(session, slug)
    text = await request.body()
    try:
        stored = waiver_files.import_waivers(
            session, application, text, "waivers.yaml", auth.actor(request)
        )
    except NotAllowed as error:
        raise _refused(error) from None
    except ComplychkError as error:
        raise HTTPException(422, str(error)) from None
    return {"stored": stored}
