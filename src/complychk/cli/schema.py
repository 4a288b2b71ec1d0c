"""``complychk schema``: print the proposal JSON Schema (draft-07) for editors and validators."""

from __future__ import annotations

import argparse
import sys

from complychk.proposal.schema import dumps, proposal_schema


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the proposal JSON Schema",
        description="Print the JSON Schema (draft-07) every proposal kind validates against, with "
        "keys sorted so the output is stable. Point yaml-language-server at it with a first line "
        "'# yaml-language-server: $schema=PATH'. Regenerate the committed copy with "
        "'complychk schema > docs/proposal.schema.json'.",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(dumps(proposal_schema()))
    return 0
