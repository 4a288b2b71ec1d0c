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
from workspace_kit import KENT_1, TODAY, client_for

from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine, migrate, opened, session_factory
from complychk.workspace.demo import load_demo

BACKENDS = ("sqlite", "postgresql")
HEAD = "workspace_head"
"""A PostgreSQL database at the latest schema, copied for each test (faster than migrating)."""


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


def _with_team(service: CheckService) -> Callable[[str], None]:
    from review_kit import SURREY, team_database

    def load(url: str) -> None:
        team_database(url, service, (KENT_1, SURREY))

    return load


PREPARED = {"demo": _with_demo, "team": _with_team}
"""Databases made once per session and copied for each test that starts from them: the demo
(the shipped samples, as serve --demo); a team (Kent and Medway's first submission and Surrey
Heartlands, assessed on 30 September 2019, with a person per role, see review_kit.py)."""


@pytest.fixture(scope="session")
def prepared_sqlite(
    tmp_path_factory: pytest.TempPathFactory, service: CheckService
) -> Callable[[str], Path]:
    """The SQLite file of a prepared database, made when first asked for."""
    made: dict[str, Path] = {}

    def file(name: str) -> Path:
        if name not in made:
            path = tmp_path_factory.mktemp(name) / f"{name}.sqlite3"
            PREPARED[name](service)(f"sqlite:///{path}")
            made[name] = path
        return made[name]

    return file


@pytest.fixture(scope="session")
def prepared_postgres(postgres: Cluster, service: CheckService) -> Callable[[str], str]:
    """The template database of a prepared database, made when first asked for."""
    made: set[str] = set()

    def template(name: str) -> str:
        if name not in made:
            postgres.template(f"workspace_{name}", PREPARED[name](service))
            made.add(name)
        return f"workspace_{name}"

    return template


def _database(
    request: pytest.FixtureRequest, sqlite_file: Path, template: str, copy_of: str = ""
) -> Iterator[str]:
    if request.param == "sqlite":
        if copy_of:
            shutil.copyfile(request.getfixturevalue("prepared_sqlite")(copy_of), sqlite_file)
        yield f"sqlite:///{sqlite_file}"
        return
    server: Cluster = request.getfixturevalue("postgres")
    if copy_of:
        template = request.getfixturevalue("prepared_postgres")(copy_of)
    url = server.database(template)
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
    yield from _database(request, tmp_path / "ws.sqlite3", HEAD, copy_of="demo")


@pytest.fixture(params=BACKENDS)
def team_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of the test's own holding a team's applications and people (review_kit.py)."""
    yield from _database(request, tmp_path / "ws.sqlite3", HEAD, copy_of="team")


@pytest.fixture
def another_database(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """A new empty database on the same backend as the URL given (for a test that moves data
    from one workspace to another), removed after the test."""
    made: list[str] = []

    def new(like: str) -> str:
        if like.startswith("sqlite"):
            made.append(like)
            return f"sqlite:///{tmp_path / f'another-{len(made)}.sqlite3'}"
        server: Cluster = request.getfixturevalue("postgres")
        url = server.database("template0")
        made.append(url)
        request.addfinalizer(lambda: server.drop(url))
        return url

    return new


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
    yield from _database(
        request, tmp_path_factory.mktemp("db") / "ws.sqlite3", HEAD, copy_of="demo"
    )


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
