"""What the workspace tests share: the sample files and an app over a fresh SQLite file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from complychk.workspace.app import create_app
from complychk.workspace.checking import CheckService
from complychk.workspace.demo import load_demo
from complychk.workspace.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "sample_proposals"
KENT_1 = SAMPLES / "kent-and-medway-2019-09.yaml"
KENT_2 = SAMPLES / "kent-and-medway-2020-04.yaml"
COMPLIANT = SAMPLES.parent / "tests" / "conditions" / "ltp-2019" / "base.yaml"
"""A made-up merger meeting every ltp-2019 condition: a submission that does not block."""
TODAY = dt.date(2026, 1, 15)


def client_for(
    db: Path, service: CheckService, demo: bool = False, **settings: object
) -> TestClient:
    """A client of the app; sign-in is off unless ``sign_in=True`` (as ``serve --no-auth``)."""
    settings.setdefault("sign_in", False)
    app = create_app(Settings(db_url=f"sqlite:///{db}", **settings), service)  # type: ignore[arg-type]
    if demo:
        with app.state.sessions() as session:
            load_demo(session, service, TODAY)
    return TestClient(app)


def old_database(path: Path, revision: str, service: CheckService, *samples: Path) -> None:
    """A database at an earlier schema ``revision`` holding ``samples`` as submissions.

    The rows are made by today's code in a scratch database, then copied column by column into
    the tables the old schema has (so today's models never touch the old schema)."""
    from sqlalchemy import MetaData, insert, select

    from complychk.workspace import store
    from complychk.workspace.db import make_engine, migrate, session_factory

    scratch = make_engine(f"sqlite:///{path.with_suffix('.scratch')}")
    migrate(scratch)
    with session_factory(scratch)() as session:
        for sample in samples:
            store.import_texts(session, service, [(sample.name, sample.read_bytes())], TODAY)
    old = make_engine(f"sqlite:///{path}")
    migrate(old, revision)
    tables = MetaData()
    tables.reflect(old)
    with scratch.connect() as source, old.begin() as target:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = [dict(row._mapping) for row in source.execute(select(table))]
            if rows:
                target.execute(insert(table), rows)
    scratch.dispose()
    old.dispose()


def dump_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a SQLite file (Alembic's own left out), to compare before
    and after an upgrade."""
    with sqlite3.connect(path) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        return {
            name: connection.execute(f"SELECT * FROM {name} ORDER BY 1").fetchall()
            for name in names
        }
