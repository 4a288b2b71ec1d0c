"""``complychk lint``: every authoring problem in packs, one ``FILE:LINE:COL: message`` a line."""

from __future__ import annotations

import argparse
import sys

from complychk.authoring.lint import LintTarget, LooseFeature, Target, lint, resolve_targets
from complychk.cli.options import add_pack_dir_option, pack_root
from complychk.conditions.plugins import load_vocabulary


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "lint",
        help="check policy packs for authoring problems",
        description="Report every authoring problem in feature files and pack manifests: syntax, "
        "unknown steps and terms, condition IDs, tags, Source and Remedy lines, unused glossary "
        "terms and Examples columns, stray steps. A feature file outside a features/<pack> "
        "folder is linted on its own, against the step phrases (its terms and Source keys need "
        "the pack's manifest). Exit status: 0 clean, 1 problems found, 2 a path does not exist "
        "or cannot be read, or a plugin cannot be loaded.",
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
    print(f"complychk lint: no problems in {_linted(targets)}", file=sys.stderr)
    return 0


def _linted(targets: list[Target]) -> str:
    """What was linted: "2 packs", "1 feature file outside a pack (...)", or both."""
    packs = len({(t.root, t.pack) for t in targets if isinstance(t, LintTarget)})
    loose = len({t.path for t in targets if isinstance(t, LooseFeature)})
    parts = [f"{packs} pack{'s' if packs != 1 else ''}"] if packs else []
    if loose:
        parts.append(
            f"{loose} feature file{'s' if loose != 1 else ''} outside a pack (checked against "
            "the step phrases alone: with no manifest, terms and Source keys are not checked)"
        )
    return " and ".join(parts)
