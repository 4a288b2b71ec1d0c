"""The workspace's database: URLs for SQLite and PostgreSQL, ``complychk db upgrade`` from every
earlier schema without loss, ``complychk db backup`` of a SQLite database in use."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from postgres_kit import Cluster
from sqlalchemy import Engine, MetaData, insert, select, text
from sqlalchemy.exc import ProgrammingError
from workspace_kit import KENT_1, KENT_2, free_port, rows, served

from complychk.cli import main
from complychk.workspace import audit
from complychk.workspace.db import (
    database_url,
    head_revision,
    make_engine,
    migrate,
    revisions,
    session_factory,
)

HEAD = head_revision()
EARLIER = revisions()[:-1]
"""Every schema an earlier complychk made, oldest first."""
SECRET = "hunter2-not-shown"


def _with_password(url: str) -> str:
    """The URL with a password in it (the test server trusts its local users, so it is not
    checked): what a deployment's URL may hold, and no message may show."""
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{SECRET}@")


def test_db_upgrade_says_from_which_revision_to_which(
    empty_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(empty_db_url)
    migrate(engine, EARLIER[0])
    engine.dispose()
    url = _with_password(empty_db_url)
    assert main(["db", "upgrade", "--db", url]) == 0
    assert main(["db", "upgrade", "--db", url]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{_shown(url)}: upgraded from revision {EARLIER[0]} to {HEAD}",
        f"{_shown(url)}: already at the latest revision, {HEAD}",
    ]
    assert err == "" and SECRET not in out


def _shown(url: str) -> str:
    """The URL as messages must show it: as written, but with the password hidden."""
    return url.replace(f":{SECRET}@", ":***@")


def test_db_upgrade_makes_the_schema_in_an_empty_database(
    empty_db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["db", "upgrade", "--db", empty_db_url]) == 0
    assert capsys.readouterr().out == (
        f"{_shown(empty_db_url)}: made the workspace schema, revision {HEAD}, in a database "
        "without one\n"
    )
    assert rows(empty_db_url, "submission") == 0


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_of_each_earlier_schema_upgrades_and_keeps_every_row(
    empty_db_url: str,
    revision: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    engine = make_engine(empty_db_url)
    migrate(engine, revision)
    old = MetaData()
    old.reflect(engine)
    _fill(engine, old)
    before = _read(engine, old)
    assert before and all(len(table) == 2 for table in before.values())
    engine.dispose()

    assert main(["db", "upgrade", "--db", empty_db_url]) == 0
    assert f"upgraded from revision {revision} to {HEAD}" in capsys.readouterr().out

    engine = make_engine(empty_db_url)
    assert _read(engine, old) == before  # every row of every table, every column it had
    engine.dispose()
    # and the upgraded database takes new rows: a user, a submission
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
    assert main(["users", "add", "ada", "--role", "admin", "--db", empty_db_url]) == 0
    assert main(["workspace", "import", str(KENT_1), "--db", empty_db_url]) == 0
    assert "kent-and-medway #1" in capsys.readouterr().out


def _fill(engine: Engine, tables: MetaData) -> None:
    """Two rows in every table, a value of its type in every column (the second row leaves
    the columns that may be empty empty), Unicode in the text."""
    with engine.begin() as connection:
        for table in tables.sorted_tables:
            if table.name == "alembic_version":
                continue
            generated = [c for c in table.primary_key.columns if len(table.primary_key) == 1]
            for n in (1, 2):
                values = {
                    column.name: _value(column, n)
                    for column in table.columns
                    if column not in generated and not (n == 2 and column.nullable)
                }
                connection.execute(insert(table).values(values))


def _value(column: object, n: int) -> object:
    kind = column.type.python_type  # type: ignore[attr-defined]
    name = f"{column.table.name}.{column.name}"  # type: ignore[attr-defined]
    if kind is bool:
        return n % 2 == 0
    if kind is int:
        return n
    if kind is dt.datetime:
        return dt.datetime(2020, 1, n, 12, 30, 15)
    if kind is dt.date:
        return dt.date(2020, 1, n)
    length = getattr(column.type, "length", None)  # type: ignore[attr-defined]
    return f'{n} {name} é ✓ "quoted"\n'[:length]


def _read(engine: Engine, tables: MetaData) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(select(t).order_by(*t.columns))]
            for name, t in tables.tables.items()
            if name != "alembic_version"
        }


@pytest.mark.parametrize(
    "command",
    [
        ["db", "upgrade"],
        ["users", "list"],
        ["workspace", "import", str(KENT_1)],
        ["serve", "--no-auth", "--port", "PORT"],
    ],
)
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL; write sqlite:///PATH"),
        ("mysql://me@db.example/reviews", "complychk stores its workspace in SQLite or PostgreSQL"),
        ("postgresql+psycopg2://me@db.example/reviews", "in SQLite or PostgreSQL"),
        (
            f"postgresql://me:{SECRET}@/reviews?host=/nonexistent&port=5999",
            "cannot connect to the workspace database postgresql://me:***@/reviews",
        ),
    ],
)
def test_a_wrong_url_or_an_unreachable_server_is_one_line(
    command: list[str], url: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command = [str(free_port()) if part == "PORT" else part for part in command]
    assert main([*command, "--db", url]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and message in err, err
    assert SECRET not in out + err and "Traceback" not in err


def test_without_psycopg_a_postgresql_url_names_the_install_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    assert main(["db", "upgrade", "--db", "postgresql://me@db.example/reviews"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "needs the PostgreSQL driver psycopg; install it with: pip install" in err


def test_serve_serves_a_postgresql_database_and_never_shows_its_password(
    postgresql_url: str,
) -> None:
    url = _with_password(postgresql_url)
    assert main(["workspace", "import", str(KENT_1), str(KENT_2), "--db", url]) == 0
    with served("--no-auth", "--db", url) as server:
        address = f"http://127.0.0.1:{server.port}/api/applications"
        with urllib.request.urlopen(address) as answer:
            applications = json.load(answer)["applications"]
    assert [(a["slug"], a["submissions"]) for a in applications] == [("kent-and-medway", 2)]
    assert server.returncode == 0, server.stderr
    assert "(database postgresql://postgres:***@/" in server.stderr
    assert SECRET not in server.stderr


def test_a_url_may_start_postgres_or_postgresql() -> None:
    for start in ("postgres", "postgresql", "postgresql+psycopg"):
        assert database_url(f"{start}://me@db.example/reviews").drivername == "postgresql+psycopg"


def test_a_url_that_cannot_be_read_never_shows_its_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["db", "upgrade", "--db", f"postgresql://me:{SECRET}@db.example:port/x"]) == 2
    err = capsys.readouterr().err
    assert "is not a database URL" in err and SECRET not in err and "me:***@" in err


def test_a_file_named_as_a_postgresql_database_is_not_that_database(
    postgresql_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = postgresql_url.split("/")[3].split("?")[0]
    assert main(["workspace", "audit", "--db", postgresql_url, "--csv", name]) == 0
    assert (tmp_path / name).read_text().startswith("at,actor,action")


# --- complychk db backup ---------------------------------------------------------------------


@pytest.fixture
def in_use(tmp_path: Path) -> str:
    """A SQLite workspace holding one submission."""
    url = f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    assert main(["workspace", "import", str(KENT_1), "--db", url]) == 0
    return url


def test_a_backup_copies_what_is_committed_while_the_database_is_in_use(
    in_use: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    engine = make_engine(in_use)  # the workspace at work: its connections stay open
    with engine.begin() as connection:  # committed, still in the write-ahead log
        connection.execute(text("UPDATE application SET title = 'committed change'"))
    with engine.connect() as writer:
        writer.execute(text("UPDATE application SET title = 'half-made change'"))  # not committed
        assert main(["db", "backup", "--db", in_use, str(tmp_path / "copy.sqlite3")]) == 0
        writer.rollback()
    assert (tmp_path / "ws.sqlite3-wal").stat().st_size > 0
    engine.dispose()
    copy = tmp_path / "copy.sqlite3"
    assert capsys.readouterr().out == (
        f"backed up {tmp_path / 'ws.sqlite3'} to {copy} (revision {HEAD}, 1 submissions)\n"
    )
    assert rows(f"sqlite:///{copy}", "finding") == rows(in_use, "finding") > 0
    with sqlite3.connect(copy) as connection:
        (title,) = connection.execute("SELECT title FROM application").fetchone()
    assert title == "committed change"
    assert copy.stat().st_mode & 0o777 == 0o600  # it holds password hashes
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_backup_is_never_written_over_the_database_or_an_existing_file(
    in_use: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "ws.sqlite3"
    original = database.read_bytes()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "link.sqlite3").symlink_to(database)
    earlier = tmp_path / "earlier.sqlite3"
    earlier.write_text("an earlier backup")
    capsys.readouterr()
    for target, message in [
        ("ws.sqlite3", "is the database itself"),
        ("./sub/../ws.sqlite3", "is the database itself"),
        ("link.sqlite3", "is the database itself"),
        ("ws.sqlite3-wal", "is the database itself"),
        (str(earlier), "already exists; name a new file, or give --force to replace it"),
        (str(tmp_path), "is a folder"),
        (str(tmp_path / "no" / "copy.sqlite3"), "there is no folder"),
    ]:
        assert main(["db", "backup", "--db", in_use, target]) == 2, target
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and message in err, (target, err)
    assert database.read_bytes() == original
    assert earlier.read_text() == "an earlier backup"
    assert main(["db", "backup", "--db", in_use, str(earlier), "--force"]) == 0
    assert rows(f"sqlite:///{earlier}", "submission") == 1


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "there is no database"),
        ("notes", "file is not a database"),
        ("other", "is not a complychk workspace database"),
    ],
)
def test_a_backup_of_something_that_is_not_a_workspace_writes_nothing(
    tmp_path: Path, setup: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source.sqlite3"
    if setup == "notes":
        source.write_text("meeting notes\n")
    elif setup == "other":
        with sqlite3.connect(source) as connection:
            connection.execute("CREATE TABLE recipes (name TEXT)")
    assert main(["db", "backup", "--db", f"sqlite:///{source}", str(tmp_path / "copy")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ([] if setup == "missing" else ["source.sqlite3"])


def test_a_postgresql_backup_is_pg_dumps_job(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"postgresql://me:{SECRET}@db.example:5433/reviews"
    assert main(["db", "backup", "--db", url, "reviews.dump"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "complychk: complychk db backup copies SQLite databases; back up PostgreSQL with "
        "pg_dump: pg_dump --format=custom --file=reviews.dump "
        "'postgresql://me@db.example:5433/reviews'\n"
    )
    assert not os.path.exists("reviews.dump")


def _grants(role: str, all_tables: bool = False) -> str:
    """The SQL docs/workspace.md gives for keeping the audit log append-only, for ``role`` (with
    ``all_tables``, only its grants on every table: a schema before the audit log had them)."""
    guide = (Path(__file__).resolve().parents[2] / "docs" / "workspace.md").read_text()
    blocks = re.findall(r"```sql\n(.*?)```", guide, flags=re.S)
    (grants,) = [block for block in blocks if "REVOKE UPDATE, DELETE ON audit_log" in block]
    lines = [line for line in grants.splitlines() if not all_tables or "ALL" in line]
    return "\n".join(lines).replace(" complychk;", f" {role};")


def test_with_the_documented_grants_postgresql_refuses_to_rewrite_the_audit_log(
    postgres: Cluster, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with postgres.admin() as admin:  # the roles and database docs/workspace.md makes
        admin.execute("CREATE ROLE audit_owner LOGIN")
        admin.execute("CREATE ROLE audit_app LOGIN")
        admin.execute("CREATE DATABASE audited OWNER audit_owner")
    owner = postgres.url("audited").replace("postgres@", "audit_owner@")
    app = postgres.url("audited").replace("postgres@", "audit_app@")
    try:
        engine = make_engine(owner)
        migrate(engine, EARLIER[-1])  # as the previous release left it, with its grants
        with engine.begin() as connection:
            connection.execute(text(_grants("audit_app", all_tables=True)))
        engine.dispose()

        assert main(["users", "list", "--db", app]) == 2  # this role may not upgrade it
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert f"(now {EARLIER[-1]}, wanted {HEAD}) needs a role that may change it" in err
        assert main(["db", "upgrade", "--db", owner]) == 0
        engine = make_engine(owner)
        with engine.begin() as connection:  # new tables need their grants
            connection.execute(text(_grants("audit_app")))
        engine.dispose()

        monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse battery\n"))
        assert main(["users", "add", "ada", "--role", "admin", "--db", app]) == 0
        assert main(["workspace", "import", str(KENT_1), "--db", app]) == 0
        engine = make_engine(app)
        with session_factory(engine)() as session:  # as a decision records itself
            audit.record(session, "ada", "accept", "kent-and-medway", submission=1)
            session.commit()
        for statement in ("UPDATE audit_log SET actor = 'mallory'", "DELETE FROM audit_log"):
            with (
                pytest.raises(ProgrammingError, match="permission denied for table audit_log"),
                engine.begin() as connection,  # SQL text, past complychk's own guard
            ):
                connection.execute(text(statement))
        engine.dispose()
        assert rows(app, "audit_log") == 1
    finally:
        with postgres.admin() as admin:
            admin.execute("DROP DATABASE IF EXISTS audited WITH (FORCE)")
            admin.execute("DROP ROLE audit_app")
            admin.execute("DROP ROLE audit_owner")


@pytest.mark.parametrize("ending", ["commit", "rollback", "failure", "dropped unfinished"])
def test_a_sqlite_writer_always_hands_on_its_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    """Writers in one process take turns on a lock of its own (so the next is woken when the
    last finishes, not when SQLite's busy handler next looks); a transaction that commits,
    rolls back, fails or is dropped unfinished must give the turn back, or every later
    write would wait. The first connection is kept out of the pool meanwhile, so the next
    writer cannot be handed the very connection that took the turn."""
    from complychk.workspace import db

    monkeypatch.setattr(db, "WRITER_WAIT", 120.0)  # a kept turn would hold the next writer
    engine = make_engine(f"sqlite:///{tmp_path / 'turns.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (n INTEGER PRIMARY KEY)"))
        connection.execute(text("INSERT INTO t VALUES (1)"))
    first = engine.connect()
    if ending == "failure":
        with pytest.raises(Exception, match="UNIQUE"):
            first.execute(text("INSERT INTO t VALUES (1)"))
        first.rollback()
    else:
        first.execute(text("INSERT INTO t VALUES (2)"))
        if ending == "commit":
            first.commit()
        elif ending == "rollback":
            first.rollback()
        else:
            first.close()  # back to the pool, never committed
            first = engine.connect()  # and out again, unused

    def write(number: int) -> None:
        with engine.begin() as connection:
            connection.execute(text(f"INSERT INTO t VALUES ({number})"))

    writers = [threading.Thread(target=write, args=(n,), daemon=True) for n in range(10, 20)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 30  # ten writes take milliseconds; a kept turn, 120 s
    for writer in writers:
        writer.join(timeout=max(0.0, deadline - time.monotonic()))
    first.close()
    assert not any(writer.is_alive() for writer in writers), "a writer waited on a kept turn"
    with engine.connect() as connection:
        numbers = connection.execute(text("SELECT n FROM t ORDER BY n")).scalars().all()
    assert numbers == [1, *([2] if ending == "commit" else []), *range(10, 20)]
