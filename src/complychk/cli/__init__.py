"""The ``complychk`` command line: a thin shell over the library, one module per subcommand."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from complychk import __version__
from complychk.cli import check, conditions, packs, schema
from complychk.cli import diff as diff_command
from complychk.cli import explain as explain_command
from complychk.cli import init as init_command
from complychk.cli import lint as lint_command
from complychk.cli import steps as steps_command
from complychk.cli import waivers as waivers_command
from complychk.errors import ComplychkError
from complychk.reporters.escape import one_line

COMMANDS = (
    check,
    conditions,
    packs,
    schema,
    lint_command,
    steps_command,
    explain_command,
    waivers_command,
    diff_command,
    init_command,
)
"""Each module offers ``add_parser(subparsers)`` and ``run(args) -> int``."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="complychk",
        description="Check NHS commissioning proposals against policy conditions.",
    )
    parser.add_argument("--version", action="version", version=f"complychk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user mistakes end in one line on stderr and exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except ComplychkError as error:
        message = f"complychk: {error}" if not _located(error) else str(error)
        print(one_line(message), file=sys.stderr)  # a file name may hold line breaks or escapes
        return error.exit_code
    except KeyboardInterrupt:
        print("complychk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


def _located(error: ComplychkError) -> bool:
    return hasattr(error, "file")
