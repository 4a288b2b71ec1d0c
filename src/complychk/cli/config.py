"""``complychk config``: the settings a check here would use, and where each came from."""

from __future__ import annotations

import argparse

from complychk.cli.settings import add_settings_options, resolve
from complychk.config import display, shown


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "config",
        help="show the settings in force and where each came from",
        description="Show the settings 'complychk check' would use here: each from the command "
        "line, else the settings file (the nearest .complychk.yaml, or [tool.complychk] in "
        "pyproject.toml, from this folder up to the repository root), else the default. Takes "
        "the same options as check, so you can see what they change.",
    )
    add_settings_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = resolve(args)
    file = args.config_file
    print(f"settings file: {display(file.path) if file is not None else '(none found)'}")
    width = max(len(name) for name in settings)
    for name, setting in settings.items():
        print(f"{name.ljust(width)}  {shown(setting)}  ({setting.source})")
    return 0
