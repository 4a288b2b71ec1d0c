"""Decisions on a finding: the forms on its page and the same actions in the JSON API.

Each action is recorded with its audit row in one transaction by :mod:`..decisions`; this module
only reads what was sent and says what happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from complychk.workspace import audit, auth, decisions, queries
from complychk.workspace.decisions import Action, Decision, DecisionError
from complychk.workspace.models import Review, StoredFinding, Submission
from complychk.workspace.routes.common import get_or_404, not_found
from complychk.workspace.web import get_session

router = APIRouter()


class DecisionRequest(BaseModel):
    """One decision on a finding; each action reads only the fields it needs."""

    action: Action = Field(
        description="accept, request-waiver, approve-waiver, refuse-waiver, ask or answer"
    )
    justification: str = Field("", description="request-waiver: why the failure is accepted")
    reference: str = Field("", description="request-waiver: the ticket or decision record")
    expires: dt.date | None = Field(None, description="request-waiver: last day it applies")
    question: str = Field("", description="ask: what the programme team should answer")
    answer: str = Field("", description="answer: the programme team's answer")
    note: str = Field("", description="any action: a note for the audit log")


def stored_finding(
    session: Session, slug: str, number: int, condition_id: str
) -> tuple[Submission, StoredFinding]:
    found = queries.get_finding(session, slug, number, condition_id)
    if found is None:
        get_or_404(queries.get_submission(session, slug, number), slug, number)
        raise not_found(f"condition {condition_id} in submission {number}")
    return found


def review_doc(review: Review | None) -> dict[str, Any]:
    """Where the decision on a finding stands (state "open" when none was taken)."""
    if review is None:
        return {"state": decisions.State.OPEN.value, "re_review": False}
    return {
        "state": review.state,
        "re_review": review.re_review,
        "justification": review.justification,
        "reference": review.reference,
        "expires": review.expires.isoformat() if review.expires else None,
        "requested_by": review.requested_by,
        "approved_by": review.approved_by,
        "question": review.question,
        "answer": review.answer,
        "decided_by": review.decided_by,
        "decided_at": review.decided_at.isoformat(),
    }


def _decide(
    request: Request,
    session: Session,
    slug: str,
    number: int,
    condition_id: str,
    body: DecisionRequest,
) -> decisions.Decided:
    submission, finding = stored_finding(session, slug, number, condition_id)
    decision = Decision(**body.model_dump())
    try:
        return decisions.decide(session, submission, finding, auth.actor(request), decision)
    except DecisionError as error:
        raise HTTPException(error.status, str(error)) from None


@router.post(
    "/api/applications/{slug}/submissions/{number}/findings/{condition_id}/decisions",
    tags=["decisions"],
)
def record_decision(
    request: Request,
    slug: str,
    number: int,
    condition_id: str,
    body: DecisionRequest,
    session: Annotated[Session, Depends(get_session)],
) -> dict[str, Any]:
    """Record a decision on a finding: 403 when the requester's role may not take it (or they
    requested the waiver they try to approve), 409 when the finding's state does not allow it,
    422 when a field it needs is missing. Answers the finding's review and its history."""
    review, history = _decide(request, session, slug, number, condition_id, body)
    return {"review": review_doc(review), "history": [audit.row_doc(r) for r in history]}


@router.post(
    "/applications/{slug}/submissions/{number}/findings/{condition_id}/decisions",
    include_in_schema=False,
)
async def decision_form(
    request: Request,
    slug: str,
    number: int,
    condition_id: str,
    session: Annotated[Session, Depends(get_session)],
) -> Response:
    async with request.form(max_files=0, max_fields=20) as form:
        fields = {k: str(v) for k, v in form.items() if k != auth.CSRF_FIELD}
    try:
        if not fields.get("expires"):
            fields.pop("expires", None)
        body = DecisionRequest.model_validate(fields)
    except ValueError:
        raise HTTPException(
            422, "the form was not filled in as expected: choose an action, dates as YYYY-MM-DD"
        ) from None
    _decide(request, session, slug, number, condition_id, body)
    page = f"/applications/{slug}/submissions/{number}/findings/{condition_id}#review"
    return RedirectResponse(page, 303)
