"""What every route uses: one database session per request, and pages from templates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session


def get_session(request: Request) -> Iterator[Session]:
    """One database session per request."""
    with request.app.state.sessions() as session:
        yield session


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> Response:
    """A page from a template; every value is escaped by the template engine."""
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)
