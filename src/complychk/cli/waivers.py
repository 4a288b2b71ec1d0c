"""``complychk waivers lint``: check a waiver file on its own, before a check relies on it."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from complychk.cli.options import add_pack_dir_option, iso_date, pack_root
from complychk.conditions.packs import available_packs, load_pack
from complychk.conditions.plugins import load_vocabulary
from complychk.review.waivers import lint_waivers


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("waivers", help="work with waiver files")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    lint = actions.add_parser(
        "lint",
        help="check a waiver file",
        description="Report every problem in a waiver file: missing or malformed fields, "
        "unapproved or self-approved waivers, waivers expired by --as-of, repeated waivers and "
        "condition IDs no pack has. Exit status: 0 clean, 1 problems, 2 unreadable file.",
    )
    lint.add_argument("file", metavar="FILE", help="the waiver file (YAML)")
    lint.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="date expiry is judged against (default today)",
    )
    add_pack_dir_option(lint)
    lint.set_defaults(run=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    root = pack_root(args)
    vocabulary = load_vocabulary()
    known = frozenset(
        condition.id
        for name in available_packs(root)
        for condition in load_pack(name, vocabulary, root).conditions
    )
    notes = lint_waivers(args.file, args.as_of or dt.date.today(), known)
    for note in notes:
        print(note.text())
    if notes:
        count = len(notes)
        print(
            f"complychk waivers lint: {count} problem{'s' if count != 1 else ''}", file=sys.stderr
        )
        return 1
    print("complychk waivers lint: no problems", file=sys.stderr)
    return 0
