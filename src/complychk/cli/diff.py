"""``complychk diff``: how a proposal's outcomes changed between two versions of it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from complychk.cli.options import add_pack_dir_option, add_pack_option, iso_date, pack_root
from complychk.conditions.plugins import plugin_vocabulary
from complychk.evaluate.checker import Checker
from complychk.proposal.loader import load_document
from complychk.review.diff import diff_documents
from complychk.review.diff_render import DIFF_FORMATS


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two versions of a proposal",
        description="Check two versions of a proposal and show the conditions whose outcome "
        "changed (with the proposal fields under each that changed) and the findings that are "
        "new or resolved. Exit status: 0 no regression, 1 a condition newly fails or newly "
        "lacks evidence, 2 bad input.",
    )
    parser.add_argument("old", metavar="OLD", help="the earlier version")
    parser.add_argument("new", metavar="NEW", help="the later version")
    add_pack_option(parser)
    add_pack_dir_option(parser)
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="assessment date for both versions (default today)",
    )
    parser.add_argument(
        "--format",
        choices=list(DIFF_FORMATS),
        default="text",
        help="text (default), markdown or json",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    checker = Checker(
        pack_name=args.pack, vocabulary=plugin_vocabulary(), pack_root=pack_root(args)
    )
    old, new = load_document(args.old), load_document(args.new)
    diff = diff_documents(checker, old, new, args.as_of or dt.date.today())
    sys.stdout.write(DIFF_FORMATS[args.format](diff))
    return diff.exit_code
