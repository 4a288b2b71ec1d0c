"""``complychk conditions``: list a pack's conditions, as a tab-separated list or Markdown."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable

from complychk.authoring.docgen import conditions_markdown
from complychk.cli.options import add_pack_dir_option, add_pack_option, pack_root
from complychk.conditions.packs import Pack, available_packs, load_pack
from complychk.conditions.plugins import load_vocabulary
from complychk.conditions.tags import parse_tag_expression
from complychk.errors import ConfigError


def conditions_text(pack: Pack) -> str:
    """One line per condition: ID, severity, title and source, tab-separated, by ID."""
    count = len(pack.conditions)
    lines = [
        f"# {pack.name} {pack.version}: {pack.title} ({count} condition{'s' if count != 1 else ''})"
    ]
    for condition in sorted(pack.conditions, key=lambda c: c.id):
        lines.append(
            f"{condition.id}\t{condition.severity.value}\t{condition.title}\t{condition.source}"
        )
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[Pack], str]] = {
    "text": conditions_text,
    "markdown": conditions_markdown,
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "conditions",
        help="list the conditions of a pack",
        description="List a pack's conditions. --format markdown writes the reference page "
        "kept in docs/conditions/<pack>.md.",
    )
    add_pack_option(parser)
    add_pack_dir_option(parser)
    parser.add_argument(
        "--tags", metavar="EXPR", help="only conditions matching, e.g. '@must and not @finance'"
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="text: one tab-separated line per condition (default); markdown: full reference",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = pack_root(args)
    test = parse_tag_expression(args.tags) if args.tags else None
    vocabulary = load_vocabulary()
    names = [args.pack] if args.pack else available_packs(root)
    packs = [load_pack(name, vocabulary, root) for name in names]
    if test is not None:
        packs = [
            dataclasses.replace(pack, conditions=tuple(c for c in pack.conditions if test(c.tags)))
            for pack in packs
        ]
        if not any(pack.conditions for pack in packs):
            raise ConfigError(
                f"--tags {args.tags!r} matches no condition; 'complychk conditions' without "
                "--tags lists them all"
            )
    render = FORMATS[args.format]
    sys.stdout.write("\n".join(render(pack) for pack in packs))
    return 0
