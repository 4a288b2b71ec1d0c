"""Signing in and out: the form, the session cookie, and the way back to the page asked for."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import RedirectResponse

from complychk.workspace import auth, users
from complychk.workspace.settings import Settings
from complychk.workspace.web import render

router = APIRouter()


def _safe_next(target: str) -> str:
    """Only a path on this site: never another host (``//host`` or ``http://``)."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _form_page(request: Request, next_path: str, error: str, status_code: int) -> Response:
    token = request.cookies.get(auth.SIGN_IN_COOKIE) or secrets.token_urlsafe(32)
    response = render(
        request,
        "signin.html",
        status_code=status_code,
        next_path=next_path,
        sign_in_token=token,
        error=error,
    )
    auth.set_cookie(request, response, auth.SIGN_IN_COOKIE, token, max_age=3600)
    return response


@router.get("/signin", include_in_schema=False)
def sign_in_page(request: Request, next: str = "/") -> Response:
    settings: Settings = request.app.state.settings
    if not settings.sign_in:
        return RedirectResponse("/", 303)
    return _form_page(request, _safe_next(next), "", 200)


@router.post("/signin", include_in_schema=False)
async def sign_in(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not settings.sign_in:
        return RedirectResponse("/", 303)
    async with request.form(max_files=0, max_fields=10) as form:
        fields: dict[str, Any] = {k: str(v) for k, v in form.items()}
    expected = request.cookies.get(auth.SIGN_IN_COOKIE, "")
    sent = fields.get(auth.CSRF_FIELD, "")
    if not expected or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "the sign-in form has expired; reload it and sign in again")
    next_path = _safe_next(fields.get("next", "/"))
    with request.app.state.sessions() as session:
        outcome = users.sign_in(session, fields.get("name", ""), fields.get("password", ""))
    if outcome.refused:
        return _form_page(request, next_path, outcome.refused, 401)
    response = RedirectResponse(next_path, 303)
    lifetime = int(users.SESSION_LIFETIME.total_seconds())
    auth.set_cookie(request, response, auth.SESSION_COOKIE, outcome.token, max_age=lifetime)
    response.delete_cookie(auth.SIGN_IN_COOKIE, path="/")
    return response


@router.post("/signout", include_in_schema=False)
def sign_out(request: Request) -> Response:
    with request.app.state.sessions() as session:
        users.sign_out(session, request.cookies.get(auth.SESSION_COOKIE, ""))
    response = RedirectResponse("/signin", 303)
    response.delete_cookie(auth.SESSION_COOKIE, path="/")
    return response
