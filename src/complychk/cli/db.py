"""``complychk db``: bring the workspace's database up to date, and back a SQLite one up."""

from __future__ import annotations

import argparse
from pathlib import Path

from complychk.cli.serve import add_db_option, require_extra


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "db",
        help="upgrade or back up the review workspace's database (see also: complychk serve)",
        description="Look after the database the review workspace keeps its data in: a SQLite "
        "file or a PostgreSQL database.",
    )
    commands = parser.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = commands.add_parser(
        "upgrade",
        help="migrate the database to the schema this complychk uses",
        description="Migrate the database to the latest schema revision, keeping every row, and "
        "say from which revision to which. 'complychk serve' and the other commands do this too "
        "when they open a database; run it yourself to upgrade at a time you choose, e.g. "
        "after a backup. Exit status: 0 upgraded or already up to date, 2 it could not be.",
    )
    add_db_option(upgrade)
    upgrade.set_defaults(run=run_upgrade)
    backup = commands.add_parser(
        "backup",
        help="copy a SQLite database to a new file, safely while the workspace is using it",
        description="Copy a SQLite workspace database to FILE with SQLite's online backup: "
        "every committed change and none half made, while the workspace keeps running. FILE "
        "is written whole or not at all, readable by you only. For PostgreSQL use pg_dump "
        "(the command says how).",
    )
    backup.add_argument("file", type=Path, metavar="FILE", help="the new backup file")
    add_db_option(backup)
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(run=run_backup)


def run_upgrade(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace.db import make_engine, migrate, shown
    from complychk.workspace.settings import default_db_url

    engine = make_engine(args.db or default_db_url())
    try:
        before, after = migrate(engine)
    finally:
        engine.dispose()
    where = shown(engine)
    if before is None:
        print(f"{where}: made the workspace schema, revision {after}, in a database without one")
    elif before == after:
        print(f"{where}: already at the latest revision, {after}")
    else:
        print(f"{where}: upgraded from revision {before} to {after}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace.backup import backup
    from complychk.workspace.settings import default_db_url

    done = backup(args.db or default_db_url(), args.file, force=args.force)
    print(
        f"backed up {done.source} to {done.target} "
        f"(revision {done.revision}, {done.submissions} submissions)"
    )
    return 0
