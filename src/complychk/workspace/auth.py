"""Who is asking: every request passes :func:`guard`, which knows the signed-in user (or sends
an anonymous one to sign in), checks the CSRF token of every state-changing request, and hides
the applications a programme team member does not belong to. A CI pipeline's request carries an
API token instead (``Authorization: Bearer ...``), which opens :data:`TOKEN_ROUTES` of its one
application and nothing else."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from complychk.workspace import decisions, tokens, users
from complychk.workspace.settings import Settings
from complychk.workspace.web import get_session

SESSION_COOKIE = "complychk_session"
SIGN_IN_COOKIE = "complychk_sign_in"
"""The sign-in form's own CSRF token (double-submitted: cookie and form field)."""
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC = frozenset({("GET", "/signin"), ("POST", "/signin"), ("GET", "/healthz")})
"""The routes open to anyone: the sign-in form, and the health check monitors call."""
FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
TOKEN_ROUTES = frozenset(
    {
        ("POST", "/api/applications/{slug}/submissions"),
        ("GET", "/api/applications/{slug}"),
        ("GET", "/api/applications/{slug}/submissions/{number}"),
        ("GET", "/api/applications/{slug}/submissions/{number}/findings/{condition_id}"),
    }
)
"""What an API token may do, for its own application: store a submission, read the results."""
TOKEN_ROLE = "api-token"


@dataclass(frozen=True)
class CurrentUser:
    name: str
    role: str
    applications: frozenset[str] | None
    """The applications this user may see; None for all (admins and reviewers)."""

    def may_see(self, slug: str) -> bool:
        return self.applications is None or slug in self.applications


class SignInRequired(Exception):
    """Raised for an anonymous request to a route that needs a signed-in user."""


def current_user(request: Request) -> CurrentUser | None:
    return getattr(request.state, "user", None)


def actor(request: Request) -> decisions.Actor:
    """Who is acting: the signed-in user, or ``local`` (an admin) when sign-in is off."""
    user = current_user(request)
    if user is None:
        return decisions.LOCAL
    return decisions.Actor(user.name, user.role, user.applications)


def csrf_token(request: Request) -> str:
    """The token a page's forms and scripts send back; empty when sign-in is off."""
    return str(getattr(request.state, "csrf_token", ""))


def visible(request: Request) -> frozenset[str] | None:
    """The applications the requester may see; None for all."""
    user = current_user(request)
    return None if user is None else user.applications


def require_application(request: Request, slug: str | None) -> None:
    """Refuse a programme team member's write to an application not theirs (or unnamed).

    Raises:
        HTTPException: 403 naming what to do.
    """
    allowed = visible(request)
    if allowed is None:
        return
    if slug is None or slug not in allowed:
        raise HTTPException(
            403,
            "a programme team member adds submissions to their own applications only: "
            f"name one of {', '.join(sorted(allowed))}",
        )


def require_admin(request: Request, what: str) -> None:
    """Refuse anyone but an admin (with sign-in off, whoever is at this machine is one).

    Raises:
        HTTPException: 403 saying who may.
    """
    settings: Settings = request.app.state.settings
    user = current_user(request)
    if settings.sign_in and (user is None or user.role != users.Role.ADMIN.value):
        raise HTTPException(403, f"only an admin may {what}")


async def guard(request: Request, session: Annotated[Session, Depends(get_session)]) -> None:
    """Run before every route: the app's dependency, so a new route is guarded too.

    It reads with the request's own database session, the one its route is then given (FastAPI
    makes a dependency once per request): one connection per request, not one for the check
    and another for the route.
    """
    settings: Settings = request.app.state.settings
    request.state.user = None
    request.state.csrf_token = ""
    if not settings.sign_in:
        _check_origin(request)
        return
    route = (request.method, getattr(request.scope.get("route"), "path", ""))
    if route in PUBLIC:
        return
    # The database is read in the thread pool, as the routes' own reads are: read here, on
    # the event loop, it held up every other request while it waited.
    bearer = bearer_token(request)
    if bearer is not None:
        await run_in_threadpool(_token_guard, request, session, bearer, route)
        return
    csrf_token = await run_in_threadpool(_session_guard, request, session)
    if request.method not in SAFE_METHODS:
        await _check_csrf(request, settings, csrf_token)
    slug = request.path_params.get("slug")
    if slug is not None and not request.state.user.may_see(slug):
        raise HTTPException(404, f"application {slug} is not in this workspace")


def _session_guard(request: Request, session: Session) -> str:
    """Find who signs the request by its session cookie; their session's CSRF token."""
    live = users.session_for(session, request.cookies.get(SESSION_COOKIE, ""))
    if live is None:
        raise SignInRequired()
    member = live.role == users.Role.PROGRAMME_TEAM.value
    request.state.user = CurrentUser(
        live.name, live.role, frozenset(live.applications) if member else None
    )
    request.state.csrf_token = live.csrf_token
    return live.csrf_token


def bearer_token(request: Request) -> str | None:
    """The API token sent as ``Authorization: Bearer TOKEN``, if one was.

    Another scheme (a reverse proxy's ``Basic`` sign-in, passed on) is not ours to judge: the
    request is then treated as a browser's, by its session cookie.
    """
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else None


def _token_guard(request: Request, session: Session, secret: str, route: tuple[str, str]) -> None:
    """Let a token through to its own application's :data:`TOKEN_ROUTES` only.

    No CSRF token is asked for: a browser never adds an ``Authorization`` header by itself (as
    it adds a cookie), so another site's page cannot send a request that carries the token.
    """
    found = tokens.token_for(session, secret)
    if found is None:
        raise HTTPException(
            401,
            "the API token is unknown or revoked; ask an admin for a new one "
            "(complychk tokens add)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    slug = found.application_slug
    request.state.user = CurrentUser(f"token {found.id}", TOKEN_ROLE, frozenset({slug}))
    if route not in TOKEN_ROUTES:
        raise HTTPException(
            403,
            "an API token may only store submissions of its application and read their results "
            f"(POST /api/applications/{slug}/submissions, GET /api/applications/{slug}/...); "
            "sign in for the rest",
        )
    if request.path_params.get("slug") != slug:
        raise HTTPException(403, f"this API token is for application {slug} only")


def _check_origin(request: Request) -> None:
    """Without sign-in there is no session to hold a token; a browser still says where a
    state-changing request came from, and a page of another site may not change anything.

    ``Sec-Fetch-Site`` first: browsers send it whatever the referrer policy (the pages' own
    ``no-referrer`` makes a form's ``Origin`` "null"). Command-line clients send neither.
    """
    if request.method in SAFE_METHODS:
        return
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None:
        foreign = site not in ("same-origin", "none")
    else:
        foreign = origin not in (None, "null") and (
            urlsplit(origin).netloc != request.headers.get("host", "")
        )
    if foreign:
        raise HTTPException(
            403, f"a page of {origin or 'another site'} may not change this workspace"
        )


async def _check_csrf(request: Request, settings: Settings, expected: str) -> None:
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(FORMS):
        # Parsed with the routes' own limits; the route then reads the same parsed form.
        form = await request.form(max_files=1000, max_part_size=settings.max_upload_bytes + 1)
        sent = str(form.get(CSRF_FIELD) or "")
        if not secrets.compare_digest(sent.encode(), expected.encode()):
            await form.close()  # the route that would have closed its files will not run
    if not sent or not secrets.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(
            403,
            "this request lacks the page's CSRF token; reload the page and try again "
            "(API clients send the X-CSRF-Token header)",
        )


def refuse_anonymous(request: Request, _error: Exception) -> Response:
    """A person is sent to the sign-in page; an API client gets 401."""
    path = request.url.path
    if request.method == "GET" and not path.startswith("/api/") and path != "/openapi.json":
        target = path + (f"?{request.url.query}" if request.url.query else "")
        response: Response = RedirectResponse(f"/signin?next={_quote(target)}", 303)
    else:
        response = JSONResponse({"detail": "sign in first"}, status_code=401)
    return response


def _quote(text: str) -> str:
    return quote(text, safe="/")


def set_cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    """HttpOnly (no script reads it), SameSite=Lax, and Secure when served over HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )
