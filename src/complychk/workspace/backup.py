"""Copying a SQLite workspace database while the workspace may be using it.

SQLite's online backup API copies a consistent snapshot (every committed transaction, none half
done) while other connections keep reading and writing. The copy is written to a temporary file
beside the target and renamed into place, so an interrupted backup leaves no half-written file.
PostgreSQL has its own tool for this, pg_dump.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import URL

from complychk.errors import ConfigError
from complychk.workspace.db import database_url, readable


class Backup(NamedTuple):
    """What was copied where: the schema revision and the submissions the copy holds."""

    source: Path
    target: Path
    revision: str
    submissions: int


def backup(url: str, target: Path, *, force: bool = False) -> Backup:
    """Copy the SQLite database ``url`` to the new file ``target`` (replaced only if ``force``).

    Raises:
        ConfigError: a PostgreSQL URL (use pg_dump), no such database, not a workspace database,
            or a target that is the database itself, a folder, or an existing file.
    """
    parsed = database_url(url)
    if parsed.get_backend_name() != "sqlite":
        dump_url = readable(
            URL.create(  # without its password: pg_dump asks, or reads ~/.pgpass
                "postgresql",
                parsed.username,
                None,
                parsed.host,
                parsed.port,
                parsed.database,
                parsed.query,
            ).render_as_string()
        )
        raise ConfigError(
            "complychk db backup copies SQLite databases; back up PostgreSQL with pg_dump: "
            f"pg_dump --format=custom --file={target} '{dump_url}'"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise ConfigError(f"--db {url!r} names no database file to back up")
    source = Path(parsed.database).expanduser()
    if not source.is_file():
        raise ConfigError(f"there is no database {source} to back up; nothing was written")
    _check_target(source, target, force)
    partial = _copy(source, target.parent)
    try:
        revision, submissions = _describe(partial, source)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    return Backup(source, target, revision, submissions)


def _check_target(source: Path, target: Path, force: bool) -> None:
    real = target.resolve()
    database = source.resolve()
    if real in {database, *(database.with_name(database.name + end) for end in _COMPANIONS)}:
        raise ConfigError(f"{target} is the database itself; name a new file for the backup")
    if target.is_dir():
        raise ConfigError(f"{target} is a folder; name a new file in it for the backup")
    if not target.parent.is_dir():
        raise ConfigError(f"there is no folder {target.parent} to write {target.name} in")
    if target.exists() and not force:
        raise ConfigError(
            f"{target} already exists; name a new file, or give --force to replace it"
        )


_COMPANIONS = ("-wal", "-shm", "-journal")
"""SQLite's files beside a database, which a backup must never write over either."""


def _copy(source: Path, folder: Path) -> Path:
    """The database copied into a new temporary file in ``folder`` (readable by its owner
    only: it holds password hashes)."""
    handle, name = tempfile.mkstemp(prefix=".complychk-backup-", suffix=".partial", dir=folder)
    os.close(handle)
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            writer = sqlite3.connect(name)
            try:
                reader.backup(writer)
            finally:
                writer.close()
        finally:
            reader.close()
    except sqlite3.Error as error:
        os.unlink(name)
        raise ConfigError(f"cannot back up {source}: {error}; nothing was written") from None
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _describe(copy: Path, source: Path) -> tuple[str, int]:
    """The copy's schema revision and number of submissions, read back from it.

    Raises:
        ConfigError: the copy has no workspace schema (the source is another SQLite database).
    """
    with contextlib.closing(sqlite3.connect(copy)) as connection:
        try:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            (submissions,) = connection.execute("SELECT count(*) FROM submission").fetchone()
        except (sqlite3.Error, TypeError):
            raise ConfigError(
                f"{source} is not a complychk workspace database; nothing was written"
            ) from None
    return str(revision), int(submissions)
