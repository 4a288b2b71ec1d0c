"""The knobs every reporter accepts, kept apart so format modules never import each other."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """How to render a report; formats ignore the fields that mean nothing to them.

    Attributes:
        color: Emit ANSI colour codes (text format only); the CLI decides from the terminal.
        base_dir: Directory that SARIF URIs and GitHub annotation paths are made relative to,
            normally the repository root, because code scanning resolves paths from there.
        verbose: Show message, evidence and sources for passing findings too (text format).
    """

    color: bool = False
    base_dir: str = "."
    verbose: bool = False
