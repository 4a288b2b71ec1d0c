"""A signed-in team over stored applications: each person's own client and CSRF token."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from signin_kit import PASSWORD, sign_in
from workspace_kit import SAMPLES, client_for

from complychk.workspace import store, users
from complychk.workspace.checking import CheckService

ASSESSED = dt.date(2019, 9, 30)
"""Kent and Medway's first submission as reviewed then: its go-live conditions pending."""
SURREY = SAMPLES / "surrey-heartlands-2019.yaml"
TEAM = {
    "ada": (users.Role.ADMIN, ()),
    "rita": (users.Role.REVIEWER, ()),
    "pat": (users.Role.PROGRAMME_TEAM, ("kent-and-medway",)),
    "sam": (users.Role.PROGRAMME_TEAM, ("surrey-heartlands",)),
}
FINDING = "/applications/kent-and-medway/submissions/1/findings/{}"
API_FINDING = "/api" + FINDING


class Person:
    """One signed-in user: their own client (cookies) and the CSRF token of their session."""

    def __init__(self, client: TestClient, name: str) -> None:
        self.client = client
        self.name = name
        self.token = sign_in(client, name)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(path, json=body, headers={"X-CSRF-Token": self.token})

    def decide(self, condition_id: str, **body: Any) -> Any:
        return self.post(API_FINDING.format(condition_id) + "/decisions", body)

    def form(self, path: str, fields: dict[str, str]) -> Any:
        return self.client.post(
            path, data={**fields, "csrf_token": self.token}, follow_redirects=False
        )


class People(dict[str, Person]):
    """Each person signs in when a test first names them (an Argon2 check is slow on purpose)."""

    def __init__(self, first: TestClient) -> None:
        super().__init__()
        self.first = first

    def __missing__(self, name: str) -> Person:
        client = self.first if not self else TestClient(self.first.app)
        person = self[name] = Person(client, name)
        return person


def team_database(db_url: str, service: CheckService, files: tuple[Path, ...]) -> None:
    """A workspace database holding ``files`` (assessed as of 30 September 2019) and the team."""
    with (
        client_for(db_url, service, as_of=ASSESSED, sign_in=True) as client,
        client.app.state.sessions() as session,  # type: ignore[attr-defined]
    ):
        for file in files:
            store.import_texts(session, service, [(file.name, file.read_bytes())], ASSESSED)
        for name, (role, applications) in TEAM.items():
            users.add_user(session, name, role, PASSWORD, applications)


@contextmanager
def team(db_url: str, service: CheckService) -> Iterator[People]:
    """The team's database (the ``team_db_url`` fixture), served with sign-in on; its people."""
    with client_for(db_url, service, as_of=ASSESSED, sign_in=True) as client:
        yield People(client)
