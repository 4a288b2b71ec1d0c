"""Signing in from a test client: users of each role over the demo data, their CSRF tokens, and
every route the app defines, to try each with each kind of caller."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount

from complychk.workspace import users

PASSWORD = "correct horse battery staple"
SAMPLE_PARAMS = {
    "slug": "kent-and-medway",
    "number": "1",
    "fmt": "json",
    "name": "ltp-2019",
    "condition_id": "FIN-RC-01",
    "token_id": "1",
}
"""Values for the routes' parameters, found in the demo data."""
PEOPLE = {
    "ada": (users.Role.ADMIN, ()),
    "rita": (users.Role.REVIEWER, ()),
    "pat": (users.Role.PROGRAMME_TEAM, ("kent-and-medway",)),
}


def add_people(client: TestClient) -> None:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        for name, (role, applications) in PEOPLE.items():
            users.add_user(session, name, role, PASSWORD, applications)


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in as ``name``; the CSRF token its pages then carry."""
    page = client.get("/signin")
    answer = client.post(
        "/signin",
        data={"name": name, "password": password, "csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    home = client.get("/")
    found = re.search(r'<meta name="csrf-token" content="([^"]+)">', home.text)
    assert found, home.text
    return found.group(1)


def _flat(routes: list[BaseRoute]) -> list[BaseRoute]:
    """The routes of the app and of every router it includes (FastAPI 0.16x keeps an included
    router whole in ``app.routes``; ``iter_route_contexts`` lists what it holds)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # an older FastAPI copies included routes into app.routes
        return routes
    return [context.original_route for context in iter_route_contexts(routes)]


def app_routes(client: TestClient) -> list[tuple[str, str]]:
    """Every (method, path) the app defines; fill a path's parameters from SAMPLE_PARAMS."""
    found = []
    for route in _flat(client.app.routes):  # type: ignore[attr-defined]
        if isinstance(route, Mount):
            assert route.path == "/static", f"a new mount {route.path}: guard it and add it here"
            continue
        assert isinstance(route, APIRoute), f"{route!r} is not an API route: is it guarded?"
        for method in sorted(route.methods):
            found.append((method, route.path))
    return found
