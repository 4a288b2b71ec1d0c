"""The options ``check`` and ``config`` share, and the settings in force: command line, then
the settings file, then the defaults."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from complychk.cli.options import SEVERITY_CHOICES, add_pack_dir_option, add_pack_option, iso_date
from complychk.cli.options import worker_count as _worker_count
from complychk.config import (
    COLOR_CHOICES,
    ENGINES,
    SARIF_LEVELS,
    ConfigFile,
    Setting,
    attribute,
    find_config,
    load_config,
    settings_in_force,
)
from complychk.reports import REPORTERS


def add_settings_options(parser: argparse.ArgumentParser) -> None:
    """Every option a settings file can also hold; none has a default here, so a setting the
    command line leaves out can come from the file."""
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        help="settings file to use instead of the nearest .complychk.yaml or pyproject.toml "
        "[tool.complychk] (searched from here up to the repository root)",
    )
    add_pack_option(parser)
    add_pack_dir_option(parser)
    parser.add_argument(
        "--waivers",
        metavar="FILE",
        help="waiver file: approved, unexpired waivers turn matching failures into waived",
    )
    formats = parser.add_argument(
        "--format",
        action="append",
        metavar="FORMAT[=FILE]",
        help=f"output format, optionally to a file ('-' is standard output); repeatable "
        f"({', '.join(REPORTERS)}); default text",
    )
    formats.completer = _format_names  # type: ignore[attr-defined]  # read by argcomplete
    parser.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        help="lowest severity whose failures make the exit status 1 (default must)",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date: later deadlines are pending (default today)",
    )
    parser.add_argument(
        "--tags", metavar="EXPR", help="only conditions matching, e.g. '@must and not @finance'"
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        help="evaluator: durable-rules (default) or the plain-Python reference",
    )
    parser.add_argument(
        "--jobs",
        type=_worker_count,
        metavar="N",
        help="worker processes for large batches (default: up to 4 from 200 proposals on)",
    )
    parser.add_argument(
        "--sarif-level",
        choices=SARIF_LEVELS,
        help="lowest SARIF level that becomes a result: error (must-level failures), warning "
        "(default: also should-level failures), note (also advisory failures, pending and "
        "insufficient evidence)",
    )
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        help="colour the text report: auto (default: on a terminal, or where FORCE_COLOR or "
        "CLICOLOR_FORCE is set; never with NO_COLOR or TERM=dumb), always or never",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action=argparse.BooleanOptionalAction,
        help="text report: only the findings that fail the run, and the summary line",
    )
    parser.add_argument(
        "--compact",
        action=argparse.BooleanOptionalAction,
        help="text report: one line per finding, FILE:LINE: OUTCOME SEVERITY ID title",
    )
    parser.add_argument(
        "--draft",
        action=argparse.BooleanOptionalAction,
        help="a draft's self-assessment: only failures fail the run (by default must-level "
        "insufficient evidence fails it too, as on decision day)",
    )


def _format_names(**_: object) -> list[str]:
    """What tab completes after ``--format``: each format, and each with ``=`` for a file."""
    return [*REPORTERS, *(f"{name}=" for name in REPORTERS)]


def settings_file(args: argparse.Namespace) -> ConfigFile | None:
    """The settings file named by ``--config``, or the nearest one, read and checked."""
    chosen: Path | None = args.config
    if chosen is None:
        try:
            here = Path.cwd()
        except OSError:  # the working folder was removed: there is nothing to search
            return None
        chosen = find_config(here)
    return None if chosen is None else load_config(chosen)


def resolve(args: argparse.Namespace) -> dict[str, Setting]:
    """The settings in force, also written back onto ``args`` for the command to use."""
    file = settings_file(args)
    args.config_file = file
    settings = settings_in_force(vars(args), file)
    for name, setting in settings.items():
        value = setting.value
        if name == "pack-dir" and value is not None:
            value = Path(value)
        if name == "as-of" and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        setattr(args, attribute(name), value)
    return settings
