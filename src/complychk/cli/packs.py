"""``complychk packs``: the policy packs available, with their period and proposal kinds."""

from __future__ import annotations

import argparse

from complychk.cli.options import add_pack_dir_option, pack_root
from complychk.conditions.packs import available_packs, load_pack
from complychk.conditions.plugins import load_vocabulary


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("packs", help="list the policy packs")
    add_pack_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = pack_root(args)
    vocabulary = load_vocabulary()
    for name in available_packs(root):
        pack = load_pack(name, vocabulary, root)
        period = f"{pack.period_from.isoformat()} to {pack.period_to.isoformat() if pack.period_to else 'now'}"
        print(
            f"{pack.name}\t{pack.version}\t{period}\t{', '.join(pack.kinds)}\t"
            f"{len(pack.conditions)} conditions\t{pack.title}"
        )
    return 0
