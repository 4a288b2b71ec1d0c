"""Fixtures for the workspace: an app over a fresh SQLite file, with or without the demo data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from complychk.workspace.app import create_app
from complychk.workspace.checking import CheckService
from complychk.workspace.demo import load_demo
from complychk.workspace.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "sample_proposals"
KENT_1 = SAMPLES / "kent-and-medway-2019-09.yaml"
KENT_2 = SAMPLES / "kent-and-medway-2020-04.yaml"
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="session")
def service() -> CheckService:
    """One checker for every app in the session: packs compile once."""
    return CheckService()


def client_for(
    db: Path, service: CheckService, demo: bool = False, **settings: object
) -> TestClient:
    app = create_app(Settings(db_url=f"sqlite:///{db}", **settings), service)  # type: ignore[arg-type]
    if demo:
        with app.state.sessions() as session:
            load_demo(session, service, TODAY)
    return TestClient(app)


@pytest.fixture
def client(tmp_path: Path, service: CheckService) -> Iterator[TestClient]:
    """An empty workspace."""
    with client_for(tmp_path / "ws.sqlite3", service, as_of=TODAY) as test_client:
        yield test_client


@pytest.fixture
def demo(tmp_path: Path, service: CheckService) -> Iterator[TestClient]:
    """The demo workspace, fresh for a test that changes it."""
    with client_for(tmp_path / "ws.sqlite3", service, demo=True, as_of=TODAY) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def demo_read(
    tmp_path_factory: pytest.TempPathFactory, service: CheckService
) -> Iterator[TestClient]:
    """The demo workspace, shared by the tests of a module that only read it."""
    db = tmp_path_factory.mktemp("demo") / "ws.sqlite3"
    with client_for(db, service, demo=True, as_of=TODAY) as test_client:
        yield test_client
