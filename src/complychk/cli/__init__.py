"""The ``complychk`` command line: a thin shell over the library, one module per subcommand."""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from complychk import __version__
from complychk.cli.completion import complete_if_asked
from complychk.errors import ComplychkError
from complychk.reports.escape import one_line

COMMANDS = (
    "check",
    "conditions",
    "packs",
    "schema",
    "lint",
    "steps",
    "explain",
    "waivers",
    "diff",
    "init",
    "config",
    "completion",
    "serve",
    "workspace",
    "users",
    "tokens",
    "push",
    "db",
)
"""Each is a module ``complychk.cli.<name>`` offering ``add_parser(subparsers)`` and
``run(args) -> int``. A run imports only the module of the command it runs, so ``check`` does
not pay for the libraries behind ``lint`` or ``diff``."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for command ``only`` alone (enough to run it)."""
    parser = argparse.ArgumentParser(
        prog="complychk",
        description="Check NHS commissioning proposals against policy conditions.",
    )
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="show complychk's version and the versions of the shipped packs, and exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"complychk.cli.{name}").add_parser(subparsers)
    return parser


class _Version(argparse.Action):
    """``--version``: complychk's version, then each shipped pack's, the two things that decide
    a check's outcome."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from complychk.conditions.packs import pack_versions

        packs = ", ".join(f"{name} {version}" for name, version in pack_versions())
        print(f"complychk {__version__}\npacks: {packs or '(none)'}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; user mistakes end in one line on stderr and exit status 2."""
    _skip_collection_at_exit()
    _skip_pydantic_plugins()
    if argv is None:
        complete_if_asked(build_parser)
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = arguments[0] if arguments and arguments[0] in COMMANDS else None
    parser = build_parser(chosen)
    try:
        args, extra = parser.parse_known_args(arguments)  # an option's type may raise ConfigError
        if extra:  # argparse would show the top-level usage; show the command's own
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extra)}")
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


def _command_parser(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> argparse.ArgumentParser:
    """The parser of the (sub)command the arguments chose, e.g. ``complychk waivers lint``."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen = getattr(args, action.dest, None)
            if chosen in action.choices:
                return _command_parser(action.choices[chosen], args)
    return parser


def _located(error: ComplychkError) -> bool:
    return hasattr(error, "file")


def _skip_pydantic_plugins() -> None:
    """Leave other programs' pydantic plugins out of complychk's own validation.

    Pydantic looks through every installed package's entry points for plugins the first time
    it builds a validator (about a tenth of a cold check's start-up work in a well-stocked
    environment), and a plugin found there (an observability tool, say) would then run on every
    proposal validated. complychk's models are its own, so the command line asks pydantic for
    none, through pydantic's documented ``PYDANTIC_DISABLE_PLUGINS``; setting that variable
    (even to an empty value) before the command runs overrides this.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _skip_collection_at_exit() -> None:
    """Spare the process a last garbage collection when it ends.

    As Python exits it collects every object still alive (after a check: the modules, pydantic's
    schemas, the compiled pack), about 35 ms, though the operating system frees them all at once
    right after. Objects frozen by :func:`gc.freeze` are left out of that collection. Freezing
    happens at exit, so a program calling :func:`main` many times keeps collecting as usual.
    """
    atexit.unregister(gc.freeze)  # registered once however often main runs
    atexit.register(gc.freeze)
