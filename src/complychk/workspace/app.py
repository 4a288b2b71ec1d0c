"""The app factory: settings in, a FastAPI app out, with its database, templates and routes."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from importlib import resources

import jinja2
from fastapi import Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from complychk import __version__
from complychk.conditions.packs import available_packs
from complychk.evaluate.findings import Outcome
from complychk.reports.common import BADGES
from complychk.workspace import auth
from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine, migrate, session_factory
from complychk.workspace.settings import Settings
from complychk.workspace.views import count_items
from complychk.workspace.web import render

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""Only the package's own files run or style a page: a proposal's text can never be script."""


@contextlib.asynccontextmanager
async def _closing_the_database(app: FastAPI) -> AsyncIterator[None]:
    """When the server stops, its database connections are closed, not left to the server."""
    yield
    app.state.engine.dispose()


def create_app(settings: Settings, service: CheckService | None = None) -> FastAPI:
    """The workspace over the database ``settings.db_url`` (its schema migrated first).

    Raises:
        ConfigError: the database cannot be opened or migrated.
    """
    from complychk.workspace.routes import (
        applications,
        conditions,
        decisions,
        editing,
        health,
        home,
        openapi,
        reviewing,
        signin,
        submissions,
        tokens,
        uploads,
    )

    engine = make_engine(settings.db_url)
    migrate(engine)
    app = FastAPI(
        title="complychk workspace",
        version=__version__,
        description="Applications, submissions and verdicts of complychk, stored.",
        docs_url=None,  # the interactive docs load their scripts from a CDN
        redoc_url=None,
        openapi_url=None,  # served by a route of its own, behind sign-in like the rest
        dependencies=[Depends(auth.guard)],  # every route, including any added later
        lifespan=_closing_the_database,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.service = service or CheckService(settings.pack_root)
    app.state.templates = _templates()
    app.state.templates.env.globals["packs"] = available_packs(settings.pack_root)
    app.add_middleware(Guard, limit=settings.max_upload_bytes * 4 + 65536)
    package = resources.files("complychk.workspace")
    app.mount("/static", StaticFiles(directory=str(package.joinpath("static"))), name="static")
    for module in (
        health,
        openapi,
        signin,
        home,
        applications,
        submissions,
        editing,
        uploads,
        conditions,
        decisions,
        reviewing,
        tokens,
    ):
        app.include_router(module.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(auth.SignInRequired, auth.refuse_anonymous)
    return app


def from_environment() -> FastAPI:
    """The app of one worker process of ``complychk serve --workers N``: uvicorn calls this in
    each process it starts, with the settings ``serve`` left in the environment
    (:data:`~complychk.workspace.settings.ENVIRONMENT_VARIABLE`). Everything the workers must
    agree on (users, sessions, failed sign-ins, decisions) is in the database, so any of them
    may answer any request.

    Raises:
        ConfigError: as :func:`create_app`, or the settings are missing.
    """
    return create_app(Settings.from_environment())


async def _http_error(request: Request, error: Exception) -> Response:
    """JSON for the API, a page for a person: the same one-line detail."""
    assert isinstance(error, StarletteHTTPException)
    if (
        request.url.path.startswith("/api/")
        or request.url.path == "/healthz"
        or auth.bearer_token(request) is not None
    ):
        return JSONResponse(
            {"detail": error.detail}, status_code=error.status_code, headers=error.headers
        )
    heading = {
        404: "Not found",
        400: "Cannot do that",
        403: "Not allowed",
        413: "Too large",
    }.get(error.status_code, "Something is wrong")
    return render(
        request,
        "error.html",
        status_code=error.status_code,
        status=error.status_code,
        heading=heading,
        detail=error.detail,
    )


def _templates() -> Jinja2Templates:
    folder = str(resources.files("complychk.workspace").joinpath("templates"))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        version=__version__,
        badges={o.value: b for o, b in BADGES.items()},
        Outcome=Outcome,
        count_items=count_items,
        csrf_token=auth.csrf_token,
        current_user=auth.current_user,
    )
    return Jinja2Templates(env=environment)


SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class Guard:
    """Plain ASGI middleware: refuses bodies over the limit by their length, and adds the
    security headers to every response (without re-streaming the body as Starlette's
    ``BaseHTTPMiddleware`` does, which costs a large page tens of milliseconds).

    A server error too: Starlette answers it from its outermost middleware, beyond this one, so
    the answer is sent from here (the error is raised on, for the server to log).
    """

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            detail = f"the request is larger than {self.limit} bytes; upload fewer or smaller files"
            response = JSONResponse({"detail": detail}, status_code=413)
            await response(scope, receive, sending)
            return
        try:
            await self.app(scope, receive, sending)
        except Exception:
            if not started:
                message = "Internal Server Error: the workspace's log says what went wrong"
                await PlainTextResponse(message, 500)(scope, receive, sending)
            raise
