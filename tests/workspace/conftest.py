"""Fixtures for the workspace: an app over a fresh SQLite file, with or without the demo data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from workspace_kit import TODAY, client_for

from complychk.workspace.checking import CheckService


@pytest.fixture(scope="session")
def service() -> CheckService:
    """One checker for every app in the session: packs compile once."""
    return CheckService()


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


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory, service: CheckService) -> Path:
    """Kent and Medway's first submission and Surrey Heartlands, with a person per role."""
    from review_kit import SURREY, team_database
    from workspace_kit import KENT_1

    path = tmp_path_factory.mktemp("team") / "team.sqlite3"
    team_database(path, service, (KENT_1, SURREY))
    return path
