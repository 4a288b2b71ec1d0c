"""The home page: every application with its latest submission; search and filter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from complychk.workspace import store
from complychk.workspace.app import get_session, render
from complychk.workspace.routes.common import submission_summary

router = APIRouter()

BLOCKING_CHOICES = {"": None, "yes": True, "no": False}


def _rows(session: Session, q: str, blocks: str) -> list[store.ApplicationRow]:
    return store.list_applications(session, q.strip(), BLOCKING_CHOICES.get(blocks))


@router.get("/", include_in_schema=False)
def home_page(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    q: str = "",
    blocks: str = "",
) -> Response:
    rows = _rows(session, q, blocks)
    return render(request, "home.html", rows=rows, q=q, blocks=blocks)


@router.get("/api/applications", tags=["applications"])
def list_applications(
    session: Annotated[Session, Depends(get_session)],
    q: Annotated[str, Query(description="words in the title or slug")] = "",
    blocks: Annotated[
        str, Query(description="yes: only those blocking at must; no: the rest")
    ] = "",
) -> dict[str, Any]:
    """Every application with its latest submission's counts, newest first."""
    return {
        "applications": [
            {
                "slug": row.slug,
                "title": row.title,
                "submissions": row.submissions,
                "latest": submission_summary(row.latest),
            }
            for row in _rows(session, q, blocks)
        ]
    }
