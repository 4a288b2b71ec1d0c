"""Editing a proposal: the editor page, the live re-check it calls as the user types, and save."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from complychk.errors import ComplychkError, InputError
from complychk.workspace import auth, queries, store, views
from complychk.workspace.checking import Checked, CheckService
from complychk.workspace.models import Submission
from complychk.workspace.routes.common import get_or_404, submission_summary
from complychk.workspace.routes.schemas import CheckResult, SavedSubmission, SaveRefused
from complychk.workspace.settings import Settings
from complychk.workspace.web import get_session, render

router = APIRouter()


class CheckRequest(BaseModel):
    text: str = Field(description="the proposal as YAML (or JSON, or Markdown with front matter)")
    file_name: str = Field(
        "proposal.yaml", description="its file name; the suffix picks the format"
    )
    as_of: dt.date | None = Field(None, description="assessment date (default the server's)")

    @field_validator("file_name")
    @classmethod
    def _plain_name(cls, name: str) -> str:
        return store.plain_file_name(name)


class SaveRequest(CheckRequest):
    latest_seen: int | None = Field(
        None,
        description="the application's latest submission number when editing began; "
        "the save is refused if another submission was saved since",
    )


def _limit(request: Request, text: str) -> None:
    settings: Settings = request.app.state.settings
    if len(text.encode("utf-8")) > settings.max_upload_bytes:
        raise HTTPException(
            413, f"the proposal is larger than {settings.max_upload_bytes} bytes; split it"
        )


def _check(request: Request, body: CheckRequest) -> Checked:
    _limit(request, body.text)
    service: CheckService = request.app.state.service
    settings: Settings = request.app.state.settings
    return service.check_text(body.text, body.file_name, body.as_of or settings.assessment_date())


def error_doc(error: ComplychkError) -> dict[str, Any]:
    """An input error at its line, for the editor's gutter."""
    if isinstance(error, InputError):
        return {"line": error.line, "column": error.column, "message": str(error)}
    return {"line": None, "column": None, "message": str(error)}


def checked_doc(checked: Checked) -> dict[str, Any]:
    report = checked.report
    counts = report.counts()
    ordered = [
        f for section in views.sections(report.findings) for g in section.groups for f in g.findings
    ]
    return {
        "error": None,
        "proposal_id": report.proposal_id,
        "pack": report.pack,
        "as_of": checked.as_of.isoformat(),
        "blocks": checked.blocks(),
        "counts": {outcome.value: counts[outcome] for outcome in views.PAGE_ORDER},
        "findings": [
            {
                "condition_id": f.condition_id,
                "title": f.title,
                "theme": f.theme,
                "severity": f.severity.value,
                "outcome": f.outcome.value,
                "message": f.message,
                "lines": views.evidence_lines(f, checked.document.path),
            }
            for f in ordered
        ],
    }


@router.post("/api/check", tags=["editing"], response_model=CheckResult)
def check(request: Request, body: CheckRequest) -> dict[str, Any]:
    """Check a proposal text without storing it (the editor calls this as the user types).

    A proposal that cannot be read answers 200 with ``error`` (its line and one-line message)."""
    try:
        return checked_doc(_check(request, body))
    except ComplychkError as error:
        return {"error": error_doc(error), "findings": [], "counts": None, "blocks": None}


@router.get("/applications/{slug}/submissions/{number}/edit", include_in_schema=False)
def edit_page(
    request: Request, slug: str, number: int, session: Annotated[Session, Depends(get_session)]
) -> Response:
    submission = get_or_404(queries.get_submission(session, slug, number), slug, number)
    return render(
        request,
        "edit.html",
        application=submission.application,
        submission=submission,
        text=submission.proposal_text,
        file_name=submission.file_name,
        as_of=submission.as_of.isoformat(),
        latest_seen=submission.application.submissions[-1].number,
        error=None,
    )


def _save(request: Request, session: Session, slug: str, body: SaveRequest) -> Submission:
    checked = _check(request, body)
    return store.add_submission(
        session,
        checked,
        body.text,
        slug=slug,
        based_on=body.latest_seen,
        actor=auth.actor(request).name,
    )


@router.post("/applications/{slug}/submissions", include_in_schema=False)
async def save_form(request: Request, slug: str) -> Response:
    settings: Settings = request.app.state.settings
    async with request.form(max_part_size=settings.max_upload_bytes + 1) as form:
        seen = str(form.get("latest_seen") or "")
        as_of = str(form.get("as_of") or "")
        text = str(form.get("text") or "")
        file_name = str(form.get("file_name") or "proposal.yaml")
    try:
        body = SaveRequest(
            text=text,
            file_name=file_name,
            as_of=dt.date.fromisoformat(as_of) if as_of else None,
            latest_seen=int(seen) if seen.isdigit() else None,
        )
    except ValueError:
        raise HTTPException(422, f"as_of {as_of!r} is not a date (YYYY-MM-DD)") from None
    with request.app.state.sessions() as session:
        application = queries.get_application(session, slug)
        if application is None:
            raise HTTPException(404, f"application {slug} is not in this workspace")
        try:
            saved = _save(request, session, slug, body)
        except ComplychkError as error:
            status = 409 if isinstance(error, store.StaleEdit) else 422
            return render(
                request,
                "edit.html",
                status_code=status,
                application=application,
                submission=application.submissions[-1],
                text=text,
                file_name=file_name,
                as_of=as_of,
                # warned once: saving again stores the text after what was saved meanwhile
                latest_seen=application.submissions[-1].number,
                error=error_doc(error),
            )
        return RedirectResponse(f"/applications/{slug}/submissions/{saved.number}", 303)


@router.post(
    "/api/applications/{slug}/submissions",
    tags=["editing"],
    status_code=201,
    response_model=SavedSubmission,
    responses={409: {"model": SaveRefused}, 422: {"model": SaveRefused}},
)
def save(
    request: Request,
    slug: str,
    body: SaveRequest,
    session: Annotated[Session, Depends(get_session)],
) -> Any:
    """Check and store a proposal as the application's next submission (the application is
    created if new). 422 with the error's line if it cannot be read, 409 if ``latest_seen`` is
    no longer the latest; nothing is stored then."""
    if not store.valid_slug(slug):
        raise HTTPException(
            422, f"{slug!r}: an application name is lower-case letters, digits and hyphens"
        )
    try:
        saved = _save(request, session, slug, body)
    except ComplychkError as error:
        status = 409 if isinstance(error, store.StaleEdit) else 422
        return JSONResponse({"error": error_doc(error)}, status_code=status)
    return {"application": slug, **submission_summary(saved)}
