"""The database: an engine for a URL (SQLite or PostgreSQL), its schema brought up to date by
Alembic, sessions."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from complychk.errors import ConfigError
from complychk.workspace import INSTALL_HINT, audit

URL_FORMS = "sqlite:///PATH for a SQLite file or postgresql://USER@HOST:PORT/NAME for PostgreSQL"
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")
"""The password of a URL, to hide in a message about a URL that could not be read."""
_POSTGRESQL_NAMES = {"postgresql", "postgres", "postgresql+psycopg"}
"""How a PostgreSQL URL may start; every one is served by psycopg 3 (SQLAlchemy's plain
``postgresql://`` would otherwise mean psycopg2, which complychk does not install)."""


def database_url(url: str) -> URL:
    """``url`` parsed, with PostgreSQL's driver made psycopg 3.

    Raises:
        ConfigError: it is not a URL, or names a database other than SQLite or PostgreSQL.
    """
    try:
        parsed = make_url(url)
    except Exception:
        hidden = _PASSWORD.sub(r"\1***@", url)
        raise ConfigError(f"--db {hidden!r} is not a database URL; write {URL_FORMS}") from None
    if parsed.drivername in _POSTGRESQL_NAMES:
        return parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername != "sqlite":
        raise ConfigError(
            f"--db {shown(parsed)!r}: complychk stores its workspace in SQLite or PostgreSQL "
            f"(through psycopg); write {URL_FORMS}"
        )
    return parsed


def shown(url: URL | Engine) -> str:
    """The URL as messages show it: as the user would write it, any password as ``***``."""
    plain = url.url if isinstance(url, Engine) else url
    if plain.drivername == "postgresql+psycopg":
        plain = plain.set(drivername="postgresql")
    return readable(plain.render_as_string(hide_password=True))


def readable(url: str) -> str:
    """A rendered URL with its query undone from percent-encoding (``host=/var/run/postgresql``
    rather than ``host=%2Fvar%2Frun%2Fpostgresql``: libpq and SQLAlchemy read either)."""
    base, mark, query = url.partition("?")
    return base + mark + unquote(query)


POOL_SIZE = 40
"""Connections kept open: one for each of the threads the server runs routes on (anyio's 40).

A request never waits for a free connection (no limit past these): a connection is given back
by a finished request's clean-up, which needs the server's event loop, so a wait for one could
stall the whole server until the pool gave up 30 s later (20 reviewers at once did that with
SQLAlchemy's default of 5 plus 10).
"""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, its folder is made and foreign keys are enforced.
    Every engine refuses to change or delete an audit row (:mod:`complychk.workspace.audit`).

    Raises:
        ConfigError: the URL cannot be read, or names a database we cannot open.
    """
    parsed = database_url(url)
    options: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"check_same_thread": False}
        if parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ConfigError(
                    f"cannot make the database folder {folder}: {error.strerror}"
                ) from None
    else:
        options["pool_pre_ping"] = True  # a server restarted overnight costs no failed request
    if parsed.get_backend_name() != "sqlite" or parsed.database not in (None, "", ":memory:"):
        options.update(pool_size=POOL_SIZE, max_overflow=-1)
    try:
        engine = create_engine(parsed, **options)
    except ImportError:
        raise ConfigError(
            f"--db {shown(parsed)!r} needs the PostgreSQL driver psycopg; install it with: "
            f"{INSTALL_HINT}"
        ) from None
    except Exception as error:
        raise ConfigError(f"cannot use database {shown(parsed)!r}: {error}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        _one_writer_at_a_time(engine)
    audit.guard_engine(engine)
    return engine


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
WRITER_WAIT = 5.0
"""Seconds a write waits for this process's other writer before going on regardless (then
SQLite's own busy timeout decides), so a mistake can slow writes but never stop them."""


def _one_writer_at_a_time(engine: Engine) -> None:
    """Let this process's SQLite writers take turns in a queue rather than in SQLite's.

    SQLite has one writer at a time. A writer that finds the database locked sleeps in SQLite's
    busy handler, for longer at each try (up to 100 ms), and may sleep on well after the lock
    is free: with 20 reviewers deciding at once, one decision in a hundred waited more than
    half a second. Here a write transaction first waits on a lock of this process, which wakes
    the next writer the moment the last one commits or rolls back. (Other processes, such as
    a second ``serve`` worker, still meet SQLite's own lock.)
    """
    import threading

    turn = threading.Lock()

    def before_write(connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        info = connection.info
        if info.get("writing") or not statement.lstrip().upper().startswith(_WRITES):
            return
        if connection.connection.dbapi_connection.in_transaction:
            return  # a write transaction begun without the turn (the waiting timed out)
        info["writing"] = turn.acquire(timeout=WRITER_WAIT)

    def done(connection: Any) -> None:
        if connection.info.pop("writing", False):
            turn.release()

    def given_back(_dbapi_connection: Any, record: Any) -> None:
        if record is not None and record.info.pop("writing", False):  # ended some other way
            turn.release()

    event.listen(engine, "before_cursor_execute", before_write)
    event.listen(engine, "commit", done)
    event.listen(engine, "rollback", done)
    event.listen(engine, "checkin", given_back)


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
    # With WAL, NORMAL still commits each transaction whole (a killed process loses nothing
    # committed); it skips a sync per commit, so a power cut may lose the last few commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Upgrade(NamedTuple):
    """The schema revision a database had before :func:`migrate` and the one it has after
    (``before`` is None for a database that had no workspace schema)."""

    before: str | None
    after: str


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("complychk.workspace").joinpath("migrations"))
    )
    return config


def revisions() -> list[str]:
    """Every schema revision this complychk knows, oldest first."""
    scripts = ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    return [script.revision for script in reversed(list(scripts))]


def head_revision() -> str:
    """The newest schema revision this complychk knows."""
    return revisions()[-1]


def migrate(engine: Engine, revision: str = "head") -> Upgrade:
    """Bring the schema to ``revision``, the newest by default (creating it in an empty database).

    Raises:
        ConfigError: the database cannot be reached, opened or written.
    """
    config = _alembic_config()
    before: str | None = None
    try:
        connection = engine.connect()
    except Exception as error:
        reason = _reason(error)
        for wrapping in ("connection failed: ", "connection is bad: "):  # psycopg's, before libpq's
            reason = reason.removeprefix(wrapping)
        raise ConfigError(
            f"cannot connect to the workspace database {shown(engine)}: {reason} (check the "
            "URL's host, port, user and database name)"
        ) from None
    try:
        with connection, connection.begin():
            before = MigrationContext.configure(connection).get_current_revision()
            _known(before, engine)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            after = MigrationContext.configure(connection).get_current_revision()
    except Exception as error:
        if isinstance(error, ConfigError):
            raise
        if engine.dialect.name == "sqlite":
            advice = "give --db a new file or a workspace database"
        else:  # e.g. a role that may use the tables but not change the schema
            advice = (
                f"making or upgrading the schema (now {before or 'none'}, wanted "
                f"{head_revision()}) needs a role that may change it: run complychk db upgrade "
                "as the database's owner"
            )
        raise ConfigError(
            f"cannot open the workspace database {shown(engine)}: {_reason(error)}; {advice}"
        ) from None
    assert after is not None
    return Upgrade(before, after)


def _known(revision: str | None, engine: Engine) -> None:
    """Refuse a database whose schema a newer complychk made: this one cannot read it safely."""
    if revision is None:
        return
    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
    except Exception:
        raise ConfigError(
            f"the workspace database {shown(engine)} has schema revision {revision}, newer than "
            f"this complychk knows ({head_revision()}); upgrade complychk to use it"
        ) from None


def _reason(error: Exception) -> str:
    """The driver's words, without SQLAlchemy's wrapping and background link."""
    return str(getattr(error, "orig", None) or error).strip()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextlib.contextmanager
def opened(url: str) -> Iterator[Engine]:
    """An engine for ``url`` with the schema up to date; its connections closed afterwards.

    Raises:
        ConfigError: as :func:`make_engine` and :func:`migrate`.
    """
    engine = make_engine(url)
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()
