"""``/healthz``: answers monitors once the database can be read."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.orm import Session

from complychk import __version__
from complychk.workspace.web import get_session

router = APIRouter()


@router.get("/healthz", tags=["health"])
def healthz(session: Annotated[Session, Depends(get_session)]) -> dict[str, Any]:
    session.execute(text("SELECT 1"))
    return {"status": "ok", "version": __version__}
