"""``complychk init``: write a commented starter proposal for a pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from complychk.authoring.init import starter_text
from complychk.cli.options import add_pack_dir_option, pack_root
from complychk.conditions.packs import load_pack
from complychk.conditions.plugins import load_vocabulary
from complychk.errors import ConfigError
from complychk.output import write_atomic


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "init",
        help="write a starter proposal for a pack",
        description="Write a commented starter proposal listing every field the pack reads, "
        "with each field's description and unit. It loads and validates as written.",
    )
    parser.add_argument("--pack", metavar="NAME", required=True, help="policy pack")
    parser.add_argument(
        "--kind", metavar="KIND", help="kind of proposal (default: the pack's first)"
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        help="write here (.yaml, .yml or .md) instead of standard output",
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    add_pack_dir_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None:
        if output.suffix.lower() not in (".yaml", ".yml", ".md", ".markdown"):
            raise ConfigError(
                f"{output}: a starter proposal is YAML (.yaml, .yml) or Markdown "
                "with front matter (.md)"
            )
        if output.exists() and not args.force:
            raise ConfigError(f"{output} already exists; use --force to overwrite it")
    pack = load_pack(args.pack, load_vocabulary(), pack_root(args))
    text = starter_text(pack, args.kind)
    if output is None:
        sys.stdout.write(text)
        return 0
    if output.suffix.lower() in (".md", ".markdown"):
        text = f"---\n{text}---\n\n# Proposal\n\nThe narrative of the proposal goes here.\n"
    try:
        write_atomic(output, text)
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {output}; check it with: complychk check {output}", file=sys.stderr)
    return 0
