"""The home page: every application with its latest submission; search and filter."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy.orm import Session

from complychk.workspace import auth, queries
from complychk.workspace.routes.common import submission_summary
from complychk.workspace.routes.schemas import ApplicationList
from complychk.workspace.web import get_session, render

router = APIRouter()

BLOCKING_CHOICES = {"": None, "yes": True, "no": False}


PAGE_SIZE = 100
"""Applications per home page, newest first; search and the verdict filter cover them all."""


@router.get("/", include_in_schema=False)
def home_page(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    q: str = "",
    blocks: str = "",
    page: Annotated[int, Query(ge=1)] = 1,
) -> Response:
    blocking = BLOCKING_CHOICES.get(blocks)
    only = auth.visible(request)
    total = queries.count_applications(session, q.strip(), blocking, only)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(page, pages)
    offset = (page - 1) * PAGE_SIZE
    rows = queries.list_applications(session, q.strip(), blocking, PAGE_SIZE, offset, only)
    return render(
        request,
        "home.html",
        rows=rows,
        q=q,
        blocks=blocks,
        page=page,
        pages=pages,
        total=total,
        first=offset + 1,
        last=offset + len(rows),
    )


@router.get("/api/applications", tags=["applications"], response_model=ApplicationList)
def list_applications(
    request: Request,
    session: Annotated[Session, Depends(get_session)],
    q: Annotated[str, Query(description="words in the title or slug")] = "",
    blocks: Annotated[
        str, Query(description="yes: only those blocking at must; no: the rest")
    ] = "",
    limit: Annotated[int | None, Query(ge=1, description="at most this many")] = None,
    offset: Annotated[int, Query(ge=0, description="skip this many first")] = 0,
) -> dict[str, Any]:
    """Applications with their latest submission's counts, newest first (all unless
    ``limit`` is given); ``total`` counts every one matching."""
    blocking = BLOCKING_CHOICES.get(blocks)
    only = auth.visible(request)
    rows = queries.list_applications(session, q.strip(), blocking, limit, offset, only)
    return {
        "total": queries.count_applications(session, q.strip(), blocking, only),
        "applications": [
            {
                "slug": row.slug,
                "title": row.title,
                "submissions": row.submissions,
                "latest": submission_summary(row.latest),
            }
            for row in rows
        ],
    }
