"""``complychk explain``: a condition's text, source, remedy and steps; with a proposal, its trace."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from complychk.cli.options import add_pack_dir_option, add_pack_option, iso_date, pack_root
from complychk.conditions.plugins import plugin_vocabulary
from complychk.evaluate.checker import Checker
from complychk.proposal.loader import load_document
from complychk.review.explain import explain, render_text


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "explain",
        help="show a condition in full, and how a proposal fares against it",
        description="Show a condition's text, source (with full citations), remedy and steps. "
        "Given a proposal, also trace its evaluation: each step, the values it read (field, "
        "file:line, value), its status and why.",
    )
    parser.add_argument("condition", metavar="ID", help="condition ID, e.g. GOV-AO-01")
    parser.add_argument("proposal", nargs="?", metavar="PROPOSAL", help="proposal file to trace")
    add_pack_option(parser)
    add_pack_dir_option(parser)
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date for the trace (default today)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    checker = Checker(
        pack_name=args.pack, vocabulary=plugin_vocabulary(), pack_root=pack_root(args)
    )
    document = load_document(args.proposal) if args.proposal else None
    explanation = explain(checker, args.condition, document, args.as_of or dt.date.today())
    sys.stdout.write(render_text(explanation))
    return 0
