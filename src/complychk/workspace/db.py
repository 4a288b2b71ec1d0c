"""The database: an engine for a URL, its schema brought up to date by Alembic, sessions."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from complychk.errors import ConfigError
from complychk.workspace import audit

POOL_SIZE = 40
"""Connections kept open: one for each of the threads the server runs routes on (anyio's 40).

A request never waits for a free connection (no limit past these): the sign-in check runs on
the server's event loop, and a connection is given back by a finished request's clean-up,
which needs that loop, so waiting there for one stalled the whole server until the pool gave
up 30 s later (20 reviewers at once did that with SQLAlchemy's default of 5 plus 10).
"""


def make_engine(url: str) -> Engine:
    """An engine for ``url``; for SQLite, its folder is made and foreign keys are enforced.
    Every engine refuses to change or delete an audit row (:mod:`complychk.workspace.audit`).

    Raises:
        ConfigError: the URL cannot be read, or names a database we cannot open.
    """
    try:
        parsed = make_url(url)
    except Exception:
        raise ConfigError(
            f"--db {url!r} is not a database URL; write sqlite:///PATH for a SQLite file"
        ) from None
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
    if parsed.get_backend_name() != "sqlite" or parsed.database not in (None, "", ":memory:"):
        options.update(pool_size=POOL_SIZE, max_overflow=-1)
    try:
        engine = create_engine(parsed, **options)
    except Exception as error:  # an unknown dialect or a missing driver
        raise ConfigError(f"cannot use database {url!r}: {error}") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    audit.guard_engine(engine)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for a writer
    # With WAL, NORMAL still commits each transaction whole (a killed process loses nothing
    # committed); it skips a sync per commit, so a power cut may lose the last few commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, the newest by default (creating it in an empty database).

    Raises:
        ConfigError: the database cannot be opened or written.
    """
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("complychk.workspace").joinpath("migrations"))
    )
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except Exception as error:
        if isinstance(error, ConfigError):
            raise
        reason = getattr(error, "orig", None) or error  # the driver's words, without SQLAlchemy's
        raise ConfigError(
            f"cannot open the workspace database {engine.url}: {reason}; give --db a new file "
            "or a workspace database"
        ) from None


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
