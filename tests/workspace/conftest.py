"""Fixtures for the workspace: a fresh database on each backend (SQLite and PostgreSQL), and an
app over one, with or without the demo data.

Every test that takes ``db_url`` (or a client built on it) runs twice, ``[sqlite]`` and
``[postgresql]``. The PostgreSQL server is started once per session from the machine's binaries
(see postgres_kit.py); without them the PostgreSQL runs are skipped, or fail when ``CI`` is set.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from postgres_kit import Cluster, running_cluster
from workspace_kit import TODAY, client_for

from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine, migrate, opened, session_factory
from complychk.workspace.demo import load_demo

BACKENDS = ("sqlite", "postgresql")
HEAD = "workspace_head"
"""A PostgreSQL database at the latest schema, copied for each test (faster than migrating)."""
DEMO = "workspace_demo"


@pytest.fixture(scope="session")
def service() -> CheckService:
    """One checker for every app in the session: packs compile once."""
    return CheckService()


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A PostgreSQL server for the whole session."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(running_cluster())
        except LookupError as missing:
            if "CI" in os.environ:
                pytest.fail(f"PostgreSQL is required in CI for the workspace tests: {missing}")
            pytest.skip(f"PostgreSQL is not installed (and CI is unset): {missing}")
        server.template(HEAD, _migrated)
        yield server


def _migrated(url: str) -> None:
    engine = make_engine(url)
    migrate(engine)
    engine.dispose()


def _with_demo(service: CheckService) -> Callable[[str], None]:
    def load(url: str) -> None:
        with opened(url) as engine, session_factory(engine)() as session:
            load_demo(session, service, TODAY)

    return load


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory, service: CheckService) -> Path:
    """A SQLite file holding the demo, copied for each test that wants it (checking the samples
    again for every test would cost more than the test)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    _with_demo(service)(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_demo(postgres: Cluster, service: CheckService) -> str:
    """The name of a PostgreSQL database holding the demo, to copy for each test."""
    postgres.template(DEMO, _with_demo(service))
    return DEMO


def _database(
    request: pytest.FixtureRequest, sqlite_file: Path, template: str, demo: bool = False
) -> Iterator[str]:
    if request.param == "sqlite":
        if demo:
            shutil.copyfile(request.getfixturevalue("demo_sqlite"), sqlite_file)
        yield f"sqlite:///{sqlite_file}"
        return
    server: Cluster = request.getfixturevalue("postgres")
    url = server.database(request.getfixturevalue("postgres_demo") if demo else template)
    yield url
    server.drop(url)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own: a new SQLite file (the workspace makes its schema on first
    use), or a PostgreSQL database already at the latest schema."""
    yield from _database(request, tmp_path / "ws.sqlite3", HEAD)


@pytest.fixture(params=BACKENDS)
def demo_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own holding the demo (the shipped samples, as serve --demo)."""
    yield from _database(request, tmp_path / "ws.sqlite3", HEAD, demo=True)


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, not even the workspace's schema."""
    yield from _database(request, tmp_path / "ws.sqlite3", "template0")


@pytest.fixture
def postgresql_url(postgres: Cluster) -> Iterator[str]:
    """A PostgreSQL database at the latest schema, for a test of PostgreSQL alone."""
    url = postgres.database(HEAD)
    yield url
    postgres.drop(url)


@pytest.fixture(scope="module", params=BACKENDS)
def module_demo_db_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A database holding the demo, shared by the tests of a module that only read it."""
    yield from _database(request, tmp_path_factory.mktemp("db") / "ws.sqlite3", HEAD, demo=True)


@pytest.fixture
def stored_bytes(request: pytest.FixtureRequest) -> Callable[[str], bytes]:
    """What a database keeps on disk, to search for what must never be stored in clear: the
    SQLite file and its journals; PostgreSQL's files of that database and its write-ahead log."""

    def stored(db_url: str) -> bytes:
        if db_url.startswith("sqlite:///"):
            path = Path(db_url.removeprefix("sqlite:///"))
            files = path.parent.glob(path.name + "*")
            return b"".join(file.read_bytes() for file in sorted(files))
        server: Cluster = request.getfixturevalue("postgres")
        return server.stored(db_url)

    return stored


@pytest.fixture
def client(db_url: str, service: CheckService) -> Iterator[TestClient]:
    """An empty workspace."""
    with client_for(db_url, service, as_of=TODAY) as test_client:
        yield test_client


@pytest.fixture
def demo(demo_db_url: str, service: CheckService) -> Iterator[TestClient]:
    """The demo workspace, fresh for a test that changes it."""
    with client_for(demo_db_url, service, as_of=TODAY) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def demo_read(module_demo_db_url: str, service: CheckService) -> Iterator[TestClient]:
    """The demo workspace, shared by the tests of a module that only read it."""
    with client_for(module_demo_db_url, service, as_of=TODAY) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory, service: CheckService) -> Path:
    """Kent and Medway's first submission and Surrey Heartlands, with a person per role."""
    from review_kit import SURREY, team_database
    from workspace_kit import KENT_1

    path = tmp_path_factory.mktemp("team") / "team.sqlite3"
    team_database(path, service, (KENT_1, SURREY))
    return path
