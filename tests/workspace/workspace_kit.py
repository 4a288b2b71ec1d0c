"""What the workspace tests share: the sample files, an app over a database, and row counts."""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, func, insert, select, table, text

from complychk.workspace import store
from complychk.workspace.app import create_app
from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine, migrate, session_factory
from complychk.workspace.demo import load_demo
from complychk.workspace.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "sample_proposals"
KENT_1 = Path(__file__).resolve().parent / "data" / "kent-and-medway-2019-09.yaml"
"""Kent and Medway's first submission with two should-level failures to decide on (the sample
without Medway's scrutiny committee)."""
KENT_2 = SAMPLES / "kent-and-medway-2020-04.yaml"
COMPLIANT = SAMPLES.parent / "tests" / "conditions" / "ltp-2019" / "base.yaml"
"""A made-up merger meeting every ltp-2019 condition: a submission that does not block."""
TODAY = dt.date(2026, 1, 15)


def url_of(where: Path | str) -> str:
    """A database URL: as given, or a SQLite file's."""
    return f"sqlite:///{where}" if isinstance(where, Path) else where


def client_for(
    db: Path | str, service: CheckService, demo: bool = False, **settings: object
) -> TestClient:
    """A client of the app over the database ``db`` (a URL, or a SQLite file); sign-in is off
    unless ``sign_in=True`` (as ``serve --no-auth``)."""
    settings.setdefault("sign_in", False)
    app = create_app(Settings(db_url=url_of(db), **settings), service)  # type: ignore[arg-type]
    if demo:
        with app.state.sessions() as session:
            load_demo(session, service, TODAY)
    return TestClient(app)


def old_database(db: Path | str, revision: str, service: CheckService, *samples: Path) -> None:
    """The database ``db_url`` at an earlier schema ``revision``, holding ``samples`` as
    submissions.

    The rows are made by today's code in a scratch SQLite database, then copied column by column
    into the tables the old schema has (so today's models never touch the old schema). On
    PostgreSQL each table's id sequence is then moved past the copied ids, as if the rows had
    been added one by one."""
    scratch_folder = tempfile.TemporaryDirectory(prefix="complychk-scratch-")
    scratch = make_engine(f"sqlite:///{scratch_folder.name}/scratch.sqlite3")
    migrate(scratch)
    with session_factory(scratch)() as session:
        for sample in samples:
            store.import_texts(session, service, [(sample.name, sample.read_bytes())], TODAY)
    old = make_engine(url_of(db))
    migrate(old, revision)
    tables = MetaData()
    tables.reflect(old)
    with scratch.connect() as source, old.begin() as target:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            copied = [dict(row._mapping) for row in source.execute(select(table))]
            if copied:
                target.execute(insert(table), copied)
        if old.dialect.name == "postgresql":
            for table in tables.sorted_tables:
                if "id" in table.columns and table.columns["id"].autoincrement:
                    target.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"coalesce(max(id), 0) + 1, false) FROM {table.name}"
                        )
                    )
    scratch.dispose()
    old.dispose()
    scratch_folder.cleanup()


def rows(db_url: str, name: str) -> int:
    """How many rows table ``name`` holds, read through a connection of its own."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(table(name))) or 0)
    finally:
        engine.dispose()


def dump(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows but Alembic's, each table's sorted by all its columns."""
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(select(t).order_by(*t.columns))]
            for name, t in sorted(tables.tables.items())
            if name != "alembic_version"
        }


def dump_tables(where: Path | str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a database (a SQLite file, or a URL), Alembic's own left out,
    to compare before and after an upgrade."""
    engine = make_engine(url_of(where))
    try:
        return dump(engine)
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """A ``complychk serve`` process: its port, and what it printed once it has stopped."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.pid = 0
        self.returncode: int | None = None
        self.stderr = ""


@contextlib.contextmanager
def served(*arguments: str, env: dict[str, str] | None = None) -> Iterator[Served]:
    """Run ``complychk serve ARGUMENTS --port P`` until it answers ``/healthz``; stop it after."""
    result = Served(free_port())
    server = subprocess.Popen(
        [sys.executable, "-m", "complychk", "serve", *arguments, "--port", str(result.port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    result.pid = server.pid
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{result.port}/healthz"):
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        yield result
    finally:
        server.terminate()
        _, result.stderr = server.communicate(timeout=30)
        result.returncode = server.returncode
