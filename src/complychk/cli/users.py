"""``complychk users``: add, list and disable the people who may sign in to the workspace."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from complychk.cli.serve import add_db_option, require_extra
from complychk.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ROLES = ("admin", "reviewer", "programme-team")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "users",
        help="add, list and disable the workspace's users (see also: complychk serve)",
        description="Manage who may sign in to the review workspace that 'complychk serve' "
        "shows. An admin and a reviewer see every application; a programme team member only "
        "the applications named with --application.",
    )
    commands = parser.add_subparsers(dest="users_command", metavar="COMMAND", required=True)
    add = commands.add_parser(
        "add",
        help="add a user; the password is read from standard input or asked for",
        description="Add a user. The password (at least 12 characters) is the first line of "
        "standard input when it is not a terminal, else it is asked for twice; it is never an "
        "argument, so it stays out of shell history and process lists.",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument(
        "--application",
        action="append",
        default=[],
        metavar="ID",
        help="an application a programme team member belongs to (repeat for several)",
    )
    add_db_option(add)
    add.set_defaults(run=run_add)
    listing = commands.add_parser("list", help="list the users, their roles and applications")
    add_db_option(listing)
    listing.set_defaults(run=run_list)
    disable = commands.add_parser(
        "disable", help="stop a user signing in, and end their open sessions"
    )
    disable.add_argument("name", metavar="NAME")
    add_db_option(disable)
    disable.set_defaults(run=run_disable)


@contextlib.contextmanager
def open_session(args: argparse.Namespace) -> Iterator[Session]:
    """A session on the workspace database of ``--db``, its schema brought up to date; the
    database's connections are closed afterwards."""
    require_extra()
    from complychk.workspace.db import opened, session_factory
    from complychk.workspace.settings import default_db_url

    with opened(args.db or default_db_url()) as engine, session_factory(engine)() as session:
        yield session


def _password() -> str:
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line.strip():
            raise ConfigError("no password on standard input; write it as its first line")
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise ConfigError("the two passwords differ; nothing was stored")
    return first


def run_add(args: argparse.Namespace) -> int:
    from complychk.workspace import store, users

    for slug in args.application:
        if not store.valid_slug(slug):
            raise ConfigError(
                f"--application {slug!r}: write lower-case letters, digits and hyphens"
            )
    users.check_new_user(args.name, users.Role(args.role), args.application)
    password = _password()
    with open_session(args) as session:
        user = users.add_user(session, args.name, users.Role(args.role), password, args.application)
        print(f"added {user.name} ({user.role}{_apps(user.applications())})")
    return 0


def _apps(applications: list[str]) -> str:
    return f": {', '.join(applications)}" if applications else ""


def run_list(args: argparse.Namespace) -> int:
    from complychk.workspace import users

    with open_session(args) as session:
        found = users.list_users(session)
        for user in found:
            state = "disabled" if user.disabled else "active"
            print(f"{user.name}\t{user.role}\t{state}\t{','.join(user.applications()) or '-'}")
    if not found:
        print("no users yet; add one with complychk users add NAME --role admin", file=sys.stderr)
    return 0


def run_disable(args: argparse.Namespace) -> int:
    from complychk.workspace import users

    with open_session(args) as session:
        user = users.disable_user(session, args.name)
        print(f"disabled {user.name}; their open sessions are ended")
    return 0
