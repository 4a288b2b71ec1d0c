"""``complychk push``: store a proposal in a review workspace from a CI job, with an API token."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from complychk.cli.options import iso_date
from complychk.errors import ConfigError

TOKEN_ENV = "COMPLYCHK_TOKEN"
URL_ENV = "COMPLYCHK_URL"
ORDER = ("fail", "insufficient_evidence", "pending", "waived", "pass", "not_applicable")
"""Outcomes as the workspace's pages list them."""


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "push",
        help="store a proposal as a new submission in a review workspace, with an API token",
        description=f"Send a proposal to a review workspace ('complychk serve'), which checks "
        f"it and stores it as the application's next submission. The token is read from the "
        f"environment variable {TOKEN_ENV} (never an argument: it would show in logs and "
        f"process lists); an admin makes one with 'complychk tokens add'. Exit status 0 once "
        f"stored, whatever the verdicts ('complychk check' is the gate); 2 when it was not.",
    )
    parser.add_argument("proposal", metavar="PROPOSAL", help="the proposal file")
    parser.add_argument(
        "--application", required=True, metavar="ID", help="the application the token is for"
    )
    parser.add_argument(
        "--url",
        default=os.environ.get(URL_ENV),
        help=f"the workspace's address, e.g. https://complychk.example.org (default: ${URL_ENV})",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date (default: the workspace's, usually the day it is pushed)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from complychk.workspace import client

    if not args.url:
        raise ConfigError(f"give the workspace's address with --url or ${URL_ENV}")
    client.check_url(args.url)
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise ConfigError(
            f"set ${TOKEN_ENV} to the workspace's API token (from complychk tokens add)"
        )
    text = _read(args.proposal)
    pushed = client.push(args.url, token, args.application, text, args.proposal, args.as_of)
    counts = ", ".join(
        f"{pushed.counts[o]} {o.replace('_', ' ')}" for o in ORDER if pushed.counts.get(o)
    )
    verdict = "blocks at must" if pushed.blocks else "does not block"
    print(
        f"stored {args.proposal} as submission {pushed.number} of {pushed.application}: "
        f"{counts}; {verdict}"
    )
    print(pushed.page)
    return 0


def _read(path: str) -> str:
    try:
        return Path(path).read_bytes().decode("utf-8")
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text; save it as UTF-8") from None
