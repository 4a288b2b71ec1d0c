"""Whether the terminal report is coloured: ``--color``, then the environment, then the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour for ``stream`` under ``--color choice``.

    ``always`` and ``never`` are final. Under ``auto`` the conventions CI users already rely on
    decide, the strongest first: ``NO_COLOR`` (non-empty) turns colour off; ``FORCE_COLOR`` or
    ``CLICOLOR_FORCE`` (non-empty, and not ``0`` or ``false``) turn it on where there is no
    terminal (CI logs render ANSI colour); ``TERM=dumb`` turns it off; otherwise colour goes to a
    terminal and never to a file or pipe.
    """
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if any(_forced(environ.get(name, "")) for name in ("FORCE_COLOR", "CLICOLOR_FORCE")):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _forced(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false")
