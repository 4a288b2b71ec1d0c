"""``complychk conditions``: list a pack's conditions with severity, title and source."""

from __future__ import annotations

import argparse

from complychk.cli.options import add_pack_option
from complychk.packs import available_packs, load_pack


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("conditions", help="list the conditions of a pack")
    add_pack_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    names = [args.pack] if args.pack else available_packs()
    for name in names:
        pack = load_pack(name)
        print(f"# {pack.name} {pack.version}: {pack.title} ({len(pack.conditions)} conditions)")
        for condition in sorted(pack.conditions, key=lambda c: c.id):
            print(f"{condition.id}\t{condition.severity.value}\t{condition.title}\t{condition.source}")
    return 0
