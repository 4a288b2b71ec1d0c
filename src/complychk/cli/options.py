"""Argument types shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
from pathlib import Path

from complychk.conditions.condition import Severity
from complychk.errors import ConfigError

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> dt.date:
    """``--as-of``: a date written YYYY-MM-DD; anything else is one line, with no usage text.

    ConfigError (not argparse's ArgumentTypeError) is what makes it one line: argparse would
    print the command's whole usage first.
    """
    reason = "is not a date"
    if _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            reason = f"is not a real calendar date: {error}"
    raise ConfigError(f"--as-of: {text!r} {reason} (write a date as YYYY-MM-DD)")


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        metavar="NAME",
        help="policy pack to use (default: the pack for the proposal's kind)",
    )


SEVERITY_CHOICES = [severity.value for severity in Severity]


def add_pack_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack-dir",
        metavar="DIR",
        type=Path,
        help="use the packs in DIR (DIR/rules/<pack>.yaml and DIR/features/<pack>/) "
        "instead of the shipped ones",
    )


def pack_root(args: argparse.Namespace) -> Path | None:
    """The ``--pack-dir`` given, else the settings file's ``pack-dir``, checked to hold packs;
    None means the shipped packs.

    ``check`` and ``config`` have merged the settings file into ``args`` already (they carry
    ``config_file``); every other command that takes ``--pack-dir`` looks for the file here.
    """
    root: Path | None = getattr(args, "pack_dir", None)
    if root is None and not hasattr(args, "config_file"):
        root = _settings_pack_dir()
    if root is None:
        return None
    if not root.is_dir():
        raise ConfigError(f"--pack-dir {root}: no such directory")
    layout = "a pack directory holds rules/<pack>.yaml and features/<pack>/*.feature"
    if not (root / "rules").is_dir():
        raise ConfigError(f"--pack-dir {root}: no rules/ folder; {layout}")
    try:
        manifests = [name for name in os.listdir(root / "rules") if name.endswith(".yaml")]
    except OSError as error:
        raise ConfigError(
            f"--pack-dir {root}: cannot read {root / 'rules'}{os.sep}: "
            f"{error.strerror or error} (check its permissions)"
        ) from None
    if not manifests:
        raise ConfigError(
            f"--pack-dir {root}: no pack manifests in {root / 'rules'}{os.sep}; {layout}"
        )
    return root


def worker_count(text: str) -> int:
    """``--jobs``: a whole number of worker processes, at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes; write 1 or more")
    return value


def _settings_pack_dir() -> Path | None:
    """``pack-dir`` from the nearest settings file, if it names one."""
    from complychk.config import find_config, load_config

    try:
        found = find_config(Path.cwd())
    except OSError:
        return None
    if found is None:
        return None
    value = load_config(found).values.get("pack-dir")
    return None if value is None else Path(value)
