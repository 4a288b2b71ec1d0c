"""Argument types shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt

from complychk.findings import Severity


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack", metavar="NAME", help="policy pack to use (default: the pack for the proposal's kind)"
    )


SEVERITY_CHOICES = [severity.value for severity in Severity]
