"""``complychk workspace import``: load proposal files into the review workspace's database."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from complychk.api import expand_paths
from complychk.cli.options import add_pack_dir_option, iso_date, pack_root
from complychk.cli.serve import add_db_option, require_extra
from complychk.errors import ConfigError
from complychk.evaluate.findings import InputProblem
from complychk.output import file_identity, write_atomic
from complychk.proposal.loader import MAX_BYTES
from complychk.reports.escape import one_line

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from complychk.workspace.models import Application


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "workspace",
        help="manage the review workspace's data (see also: complychk serve)",
        description="Manage the data of the review workspace that 'complychk serve' shows.",
    )
    commands = parser.add_subparsers(dest="workspace_command", metavar="COMMAND", required=True)
    load = commands.add_parser(
        "import",
        help="check proposal files and store each as its application's next submission",
        description="Check proposal files (or folders of them) and store each as the next "
        "submission of its application: the proposal's ID without a trailing date, unless "
        "--application names one. A file that cannot be read is reported and nothing is stored "
        "for it. Exit status: 0 all stored, 2 any refused.",
    )
    load.add_argument("paths", nargs="+", metavar="PATH", help="proposal file or folder")
    add_db_option(load)
    load.add_argument(
        "--application", metavar="NAME", help="store every file under this application"
    )
    load.add_argument(
        "--as-of", type=iso_date, metavar="DATE", help="assessment date (default today)"
    )
    add_pack_dir_option(load)
    load.set_defaults(run=run_import)
    log = commands.add_parser(
        "audit",
        help="write the audit log of reviewers' decisions as CSV",
        description="Write the whole audit log (every decision, status change and carry-over, "
        "in the order recorded) as CSV, to standard output or --csv FILE.",
    )
    add_db_option(log)
    log.add_argument("--csv", type=Path, metavar="FILE", help="write the CSV to FILE")
    log.set_defaults(run=run_audit)
    waivers = commands.add_parser(
        "waivers",
        help="export or import an application's waivers as a waiver file",
        description="Export the approved waivers on an application's latest submission as the "
        "waiver file 'complychk check --waivers' reads, or import one into it.",
    )
    actions = waivers.add_subparsers(dest="waivers_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write the approved waivers as a waiver file")
    export.add_argument("application", metavar="APPLICATION")
    export.add_argument("--output", type=Path, metavar="FILE", help="write to FILE")
    add_db_option(export)
    export.set_defaults(run=run_export_waivers)
    load_waivers = actions.add_parser(
        "import", help="store a waiver file's waivers on the latest submission, all or none"
    )
    load_waivers.add_argument("application", metavar="APPLICATION")
    load_waivers.add_argument("file", type=Path, metavar="FILE")
    add_db_option(load_waivers)
    load_waivers.set_defaults(run=run_import_waivers)


def _read(path: str) -> bytes | str:
    """The file's bytes, or a one-line error text (as the loader words it) when it has none."""
    file = Path(path)
    if not file.is_file():
        what = "a directory" if file.is_dir() else "not a regular file" if file.exists() else None
        return f"{path}:1:1: " + (f"this is {what}" if what else "no such file")
    if file.stat().st_size > MAX_BYTES:
        return f"{path}:1:1: the file is larger than {MAX_BYTES} bytes"
    try:
        return file.read_bytes()
    except OSError as error:
        return f"{path}:1:1: cannot read it ({error.strerror})"


def run_import(args: argparse.Namespace) -> int:
    require_extra()
    from complychk.workspace import store
    from complychk.workspace.checking import CheckService
    from complychk.workspace.db import opened, session_factory, shown
    from complychk.workspace.settings import default_db_url

    if args.application and not store.valid_slug(args.application):
        raise ConfigError(
            f"--application {args.application!r}: write lower-case letters, digits and hyphens"
        )
    paths = expand_paths(args.paths)
    as_of = args.as_of or dt.date.today()
    actor = getpass.getuser()  # carried-over decisions are audited as whoever ran the import
    stored = refused = 0
    with opened(args.db or default_db_url()) as engine, session_factory(engine)() as session:
        service = CheckService(pack_root(args))
        for path in paths:
            if isinstance(path, InputProblem):  # a folder that cannot be listed
                refused += 1
                print(one_line(path.message), file=sys.stderr)
                continue
            data = _read(path)
            if isinstance(data, str):
                results = [store.Imported(path, error=data)]
            else:
                named = os.path.basename(path)
                results = store.import_texts(
                    session, service, [(named, data)], as_of, args.application, actor
                )
            for result in results:
                if result.submission is None:
                    refused += 1
                    message = result.error
                    if message.startswith(result.file_name + ":"):  # the path as given
                        message = path + message[len(result.file_name) :]
                    print(one_line(message), file=sys.stderr)
                else:
                    stored += 1
                    sub = result.submission
                    print(f"{path}: stored as {sub.application.slug} #{sub.number}")
    print(f"{stored} stored, {refused} refused (database {shown(engine)})", file=sys.stderr)
    return 2 if refused else 0


@contextlib.contextmanager
def _session(args: argparse.Namespace) -> Iterator[Session]:
    require_extra()
    from complychk.workspace.db import opened, session_factory
    from complychk.workspace.settings import default_db_url

    with opened(args.db or default_db_url()) as engine, session_factory(engine)() as session:
        yield session


def _write(session: Session, output: Path | None, text: str) -> None:
    """To standard output, or to ``output`` whole (never over the database itself)."""
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    engine = session.get_bind().engine
    database = engine.url.database if engine.dialect.name == "sqlite" else None  # else a name
    if database and file_identity(output) == file_identity(database):
        raise ConfigError(f"{output} is the workspace database; write to another file")
    try:
        write_atomic(output, text)
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None


def run_audit(args: argparse.Namespace) -> int:
    from complychk.workspace import audit

    with _session(args) as session:
        _write(session, args.csv, audit.to_csv(audit.entries(session)))
    return 0


def _application(session: Session, slug: str) -> Application:
    from complychk.workspace import queries

    application = queries.get_application(session, slug)
    if application is None:
        raise ConfigError(f"there is no application {slug} in the workspace")
    return application


def run_export_waivers(args: argparse.Namespace) -> int:
    from complychk.workspace import waiver_files

    with _session(args) as session:
        text = waiver_files.export_waivers(session, _application(session, args.application))
        _write(session, args.output, text)
    return 0


def run_import_waivers(args: argparse.Namespace) -> int:
    from complychk.workspace import waiver_files
    from complychk.workspace.decisions import Actor

    actor = Actor(getpass.getuser(), "admin")  # whoever may open the database file
    file: Path = args.file
    try:
        text = file.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read {file}: {error.strerror or error}") from None
    with _session(args) as session:
        application = _application(session, args.application)
        stored = waiver_files.import_waivers(session, application, text, str(file), actor)
    print(
        f"{len(stored)} waivers stored on {args.application}: {', '.join(stored) or 'none'}",
        file=sys.stderr,
    )
    return 0
