"""``complychk serve``: the review workspace in the browser, behind sign-in unless local."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import signal
import socket
import sys
import tempfile
from typing import TYPE_CHECKING

from complychk.cli.options import add_pack_dir_option, iso_date, pack_root
from complychk.errors import ConfigError

if TYPE_CHECKING:
    from sqlalchemy import Engine

LOOPBACK = ("127.0.0.1", "::1", "localhost")


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the review workspace: applications, submissions and verdicts in a browser",
        description="Serve the review workspace. Every page needs sign-in (add users with "
        "'complychk users add') unless --no-auth or --demo, which serve this machine only. Its "
        "data is kept in a SQLite file in your user data folder unless --db says otherwise. "
        "Needs the workspace extra: pip install 'complychk[workspace]'.",
    )
    add_db_option(parser)
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1); an address other than 127.0.0.1, "
        "::1 or localhost needs sign-in on",
    )
    parser.add_argument(
        "--no-auth",
        action="store_true",
        help="no sign-in: anyone who can reach the server may do anything, so only on "
        "127.0.0.1, ::1 or localhost",
    )
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="worker processes answering requests (default 1); on a server of its own, one "
        "per CPU core it may use (see docs/workspace.md, How many workers)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="load the shipped sample proposals as applications, without sign-in, on this "
        "machine only; without --db they go to a temporary database, removed when the server "
        "stops",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date for new submissions (default: the day each is checked)",
    )
    add_pack_dir_option(parser)
    parser.set_defaults(run=run)


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL, e.g. sqlite:///PATH (default: a SQLite file in the user data folder)",
    )


def require_extra() -> None:
    """One line naming the install command when the workspace's libraries are missing."""
    from complychk.workspace import INSTALL_HINT

    try:
        import alembic  # noqa: F401
        import argon2  # noqa: F401
        import fastapi  # noqa: F401
        import jinja2  # noqa: F401
        import platformdirs  # noqa: F401
        import python_multipart  # noqa: F401
        import sqlalchemy  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as error:
        raise ConfigError(
            f"the workspace needs {error.name or 'its libraries'}; install them with: "
            f"{INSTALL_HINT}"
        ) from None


def _check_listen(host: str, port: int, sign_in: bool, demo: bool) -> None:
    if host not in LOOPBACK and not sign_in:
        option = "--demo" if demo else "--no-auth"
        raise ConfigError(
            f"--host {host}: {option} serves without sign-in, so only on this machine; use "
            f"{', '.join(LOOPBACK[:-1])} or {LOOPBACK[-1]}, or drop {option} and add users "
            "with complychk users add"
        )
    if not 0 < port < 65536:
        raise ConfigError(f"--port {port}: choose a port from 1 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ConfigError(
                f"cannot listen on {host}:{port} ({error.strerror}); choose another --port"
            ) from None


APP_FACTORY = "complychk.workspace.app:from_environment"
"""What each worker process imports and calls to make its app (uvicorn starts the workers as
new Python processes, so it is given where to find the app rather than the app)."""


def run(args: argparse.Namespace) -> int:
    sign_in = not (args.no_auth or args.demo)
    _check_listen(args.host, args.port, sign_in, args.demo)
    require_extra()
    import uvicorn

    from complychk.workspace.checking import CheckService
    from complychk.workspace.db import opened, session_factory, shown
    from complychk.workspace.demo import load_demo
    from complychk.workspace.settings import ENVIRONMENT_VARIABLE, Settings, default_db_url

    with contextlib.ExitStack() as stack:
        db_url = args.db
        if db_url is None and args.demo:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="complychk-demo-"))
            db_url = f"sqlite:///{folder}/demo.sqlite3"
        settings = Settings(
            db_url=db_url or default_db_url(),
            as_of=args.as_of,
            pack_root=pack_root(args),
            sign_in=sign_in,
        )
        _check_workers(args.workers, settings.db_url)
        # The schema is made or upgraded here, once, before any worker opens the database.
        with opened(settings.db_url) as engine:
            database = shown(engine)  # without its password
            if args.demo:
                service = CheckService(settings.pack_root)
                with session_factory(engine)() as session:
                    loaded = load_demo(session, service, args.as_of or dt.date.today())
                print(
                    f"loaded the {loaded} sample proposals"
                    if loaded
                    else "the database already holds submissions; the samples were not loaded "
                    "again",
                    file=sys.stderr,
                )
            if sign_in:
                _say_who_may_sign_in(engine, database)
        os.environ[ENVIRONMENT_VARIABLE] = settings.model_dump_json()
        where = f"[{args.host}]" if ":" in args.host else args.host
        processes = f", {args.workers} worker processes" if args.workers > 1 else ""
        print(
            f"complychk workspace on http://{where}:{args.port}/ (database {database}"
            f"{processes}); Ctrl+C stops it",
            file=sys.stderr,
        )
        # uvicorn stops on SIGTERM, then raises it again: a handler that exits lets the
        # temporary demo database be removed on the way out. With workers, uvicorn's process
        # that watches them stops them all on SIGTERM and returns.
        signal.signal(signal.SIGTERM, _stop)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C is how a user stops it
            uvicorn.run(
                APP_FACTORY,
                factory=True,
                host=args.host,
                port=args.port,
                workers=args.workers,
                log_level="warning",
            )
        print("complychk workspace stopped", file=sys.stderr)
    return 0


def _check_workers(workers: int, db_url: str) -> None:
    """Refuse a number of workers that is not one, or workers that could not share the data."""
    from complychk.workspace.db import database_url

    if workers < 1:
        raise ConfigError(f"--workers {workers}: give 1 or more worker processes")
    url = database_url(db_url)
    if (
        workers > 1
        and url.get_backend_name() == "sqlite"
        and url.database in (None, "", ":memory:")
    ):
        raise ConfigError(
            f"--workers {workers}: an in-memory SQLite database cannot be shared by worker "
            "processes; give --db a file (sqlite:///PATH) or PostgreSQL, or run one worker"
        )


def _say_who_may_sign_in(engine: Engine, db_url: str) -> None:
    from complychk.workspace import users
    from complychk.workspace.db import session_factory

    with session_factory(engine)() as session:
        active = [u for u in users.list_users(session) if not u.disabled]
    if active:
        print(f"sign-in is on: {len(active)} active users", file=sys.stderr)
    else:
        print(
            "sign-in is on and no one can sign in yet: add a user with "
            f"complychk users add NAME --role admin --db {db_url}",
            file=sys.stderr,
        )


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)
