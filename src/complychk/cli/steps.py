"""``complychk steps``: every step phrase a condition may use, with meaning and example."""

from __future__ import annotations

import argparse
import sys

from complychk.authoring.steps import FORMATS
from complychk.conditions.plugins import load_vocabulary
from complychk.conditions.vocabulary import Vocabulary


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "steps",
        help="list the step phrases conditions may use",
        description="List the step vocabulary: each phrase's template, parameters, meaning and "
        "example, including phrases from installed plugins.",
    )
    parser.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="text",
        help="text (default) or markdown (the form of docs/steps.md)",
    )
    parser.add_argument(
        "--no-plugins",
        action="store_true",
        help="only the built-in phrases (how docs/steps.md is generated)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    vocabulary = Vocabulary() if args.no_plugins else load_vocabulary()
    sys.stdout.write(FORMATS[args.format](vocabulary))
    return 0
