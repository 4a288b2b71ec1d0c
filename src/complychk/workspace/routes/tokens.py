"""API tokens for CI, managed by an admin in the browser: list, make (shown once), revoke."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from complychk.errors import ConfigError
from complychk.workspace import auth, tokens
from complychk.workspace.models import ApiToken
from complychk.workspace.routes.common import not_found
from complychk.workspace.routes.schemas import NewToken, TokenItem, TokenList
from complychk.workspace.web import get_session, render

router = APIRouter()

WHAT = "manage API tokens"


class TokenRequest(BaseModel):
    application: str = Field(description="the application the token may store and read")
    label: str = Field("", description="what the token is for, e.g. 'GitHub Actions'")


def token_doc(token: ApiToken) -> dict[str, Any]:
    """A token as listed: never its secret, which is not stored."""
    return {
        "id": token.id,
        "application": token.application_slug,
        "label": token.label,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at and token.last_used_at.isoformat(),
        "revoked_at": token.revoked_at and token.revoked_at.isoformat(),
    }


def _page(
    request: Request, session: Session, new: tokens.NewToken | None = None, error: str = ""
) -> Response:
    response = render(
        request,
        "tokens.html",
        status_code=422 if error else 200,
        tokens=tokens.list_tokens(session),
        new=new,
        error=error,
    )
    response.headers["Cache-Control"] = "no-store"  # a new token is on it: keep no copy
    return response


@router.get("/tokens", include_in_schema=False)
def tokens_page(request: Request, session: Annotated[Session, Depends(get_session)]) -> Response:
    auth.require_admin(request, WHAT)
    return _page(request, session)


@router.post("/tokens", include_in_schema=False)
async def add_token_form(request: Request) -> Response:
    auth.require_admin(request, WHAT)
    async with request.form(max_files=0, max_fields=10) as form:
        application = str(form.get("application") or "").strip()
        label = str(form.get("label") or "").strip()
    with request.app.state.sessions() as session:
        try:
            made = tokens.add_token(session, application, label)
        except ConfigError as error:
            return _page(request, session, error=str(error))
        return _page(request, session, new=made)


@router.post("/tokens/{token_id}/revoke", include_in_schema=False)
def revoke_token_form(
    request: Request, token_id: int, session: Annotated[Session, Depends(get_session)]
) -> Response:
    auth.require_admin(request, WHAT)
    _revoke(session, token_id)
    return RedirectResponse("/tokens", 303)


def _revoke(session: Session, token_id: int) -> ApiToken:
    try:
        return tokens.revoke_token(session, token_id)
    except ConfigError:
        raise not_found(f"token {token_id}") from None


@router.get("/api/tokens", tags=["tokens"], response_model=TokenList)
def list_tokens(
    request: Request, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """Every API token (admins only), oldest first; never a token's secret."""
    auth.require_admin(request, WHAT)
    return {"tokens": [token_doc(t) for t in tokens.list_tokens(session)]}


@router.post("/api/tokens", tags=["tokens"], status_code=201, response_model=NewToken)
def add_token(
    request: Request, body: TokenRequest, session: Annotated[Session, Depends(get_session)]
) -> Any:
    """Make a token for one application (admins only); the answer holds it, this once."""
    auth.require_admin(request, WHAT)
    try:
        made = tokens.add_token(session, body.application, body.label)
    except ConfigError as error:
        raise HTTPException(422, str(error)) from None
    return {**token_doc(made.record), "token": made.secret}


@router.post("/api/tokens/{token_id}/revoke", tags=["tokens"], response_model=TokenItem)
def revoke_token(
    request: Request, token_id: int, session: Annotated[Session, Depends(get_session)]
) -> dict[str, Any]:
    """Refuse a token from now on (admins only); revoking it again changes nothing."""
    auth.require_admin(request, WHAT)
    return token_doc(_revoke(session, token_id))
