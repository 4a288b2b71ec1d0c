"""``complychk lint``: every authoring problem in packs, one ``FILE:LINE:COL: message`` a line."""

from __future__ import annotations

import argparse
import sys

from complychk.cli.options import add_pack_dir_option, pack_root
from complychk.lint import lint, resolve_targets
from complychk.plugins import load_vocabulary


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="check policy packs for authoring problems",
        description="Report every authoring problem in feature files and pack manifests: syntax, "
        "unknown steps and terms, condition IDs, tags, Source and Remedy lines, unused glossary "
        "terms and Examples columns, stray steps. Exit status: 0 clean, 1 problems found, 2 a "
        "path does not exist or a plugin cannot be loaded.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="feature file, features/<pack> folder, rules/<pack>.yaml or pack directory "
        "(default: every pack in --pack-dir, or the shipped packs)",
    )
    add_pack_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    targets = resolve_targets(args.paths, pack_root(args))
    problems = lint(targets, load_vocabulary())
    for problem in problems:
        print(problem)
    if problems:
        count = len(problems)
        print(f"complychk lint: {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        return 1
    packs = len({(target.root, target.pack) for target in targets})
    print(
        f"complychk lint: no problems in {packs} pack{'s' if packs != 1 else ''}", file=sys.stderr
    )
    return 0
