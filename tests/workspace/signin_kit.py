"""Signing in from a test client: users of each role over the demo data, and their CSRF tokens."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from complychk.workspace import users

PASSWORD = "correct horse battery staple"
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
