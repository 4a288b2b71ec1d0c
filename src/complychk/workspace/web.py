"""What every route uses: one database session per request, and pages from templates."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import anyio
import anyio.to_thread
from fastapi import Request, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One database session per request.

    Made on the event loop: making one does no I/O (a connection is taken when it is first
    used, in the thread pool where routes and the sign-in check read), and a plain function's
    enter and exit would each cost a trip to the thread pool. Closed in the thread pool when
    it holds a connection, as giving one back may roll back over the network; without a limit
    on threads, since waiting for a free one while holding a connection could stall the
    server (FastAPI closes a plain function's the same way), and shielded, so a request
    cancelled by its client still gives its connection back.
    """
    session: Session = request.app.state.sessions()
    try:
        yield session
    finally:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(session.close, limiter=anyio.CapacityLimiter(1))
        else:
            session.close()  # nothing to give back


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A page from a template; every value is escaped by the template engine."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)
