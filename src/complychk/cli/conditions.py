"""``complychk conditions``: list a pack's conditions, as a tab-separated list or Markdown."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from complychk.cli.options import add_pack_option
from complychk.docgen import conditions_markdown
from complychk.packs import Pack, available_packs, load_pack


def conditions_text(pack: Pack) -> str:
    """One line per condition: ID, severity, title and source, tab-separated, by ID."""
    lines = [f"# {pack.name} {pack.version}: {pack.title} ({len(pack.conditions)} conditions)"]
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
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="text: one tab-separated line per condition (default); markdown: full reference",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    names = [args.pack] if args.pack else available_packs()
    render = FORMATS[args.format]
    sys.stdout.write("\n".join(render(load_pack(name)) for name in names))
    return 0
