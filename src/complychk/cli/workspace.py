"""``complychk workspace import``: load proposal files into the review workspace's database."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from complychk.api import expand_paths
from complychk.cli.options import add_pack_dir_option, iso_date, pack_root
from complychk.cli.serve import add_db_option, require_extra
from complychk.errors import ConfigError
from complychk.evaluate.findings import InputProblem
from complychk.proposal.loader import MAX_BYTES
from complychk.reports.escape import one_line


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
    from complychk.workspace.db import make_engine, migrate, session_factory
    from complychk.workspace.settings import default_db_url

    if args.application and not store.valid_slug(args.application):
        raise ConfigError(
            f"--application {args.application!r}: write lower-case letters, digits and hyphens"
        )
    paths = expand_paths(args.paths)
    engine = make_engine(args.db or default_db_url())
    migrate(engine)
    service = CheckService(pack_root(args))
    as_of = args.as_of or dt.date.today()
    stored = refused = 0
    with session_factory(engine)() as session:
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
                    session, service, [(named, data)], as_of, args.application
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
    print(f"{stored} stored, {refused} refused (database {engine.url})", file=sys.stderr)
    return 2 if refused else 0
