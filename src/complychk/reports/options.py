"""The knobs every reporter accepts, kept apart so format modules never import each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class RenderOptions:
    """How to render a report; formats ignore the fields that mean nothing to them.

    Attributes:
        color: Emit ANSI colour codes (text format only); the CLI decides from ``--color``, the
            environment and the terminal.
        base_dir: Directory that SARIF URIs and GitHub annotation paths are made relative to,
            normally the repository root, because code scanning resolves paths from there.
        verbose: Show message, evidence and sources for passing findings too (text format).
        quiet: Show only the findings that fail the run, and the summary line (text format).
        compact: One line per finding, ``FILE:LINE: OUTCOME SEVERITY ID title`` (text format).
        sarif_level: The lowest SARIF level that becomes a result: ``error``, ``warning`` or
            ``note`` (see :mod:`complychk.reports.sarif`).
        run_at: When the run happened (JUnit ``timestamp``). None when the caller does not say,
            and the report then shows the assessment date at midnight, so it stays the same
            from run to run.
        hostname: The machine the run happened on (JUnit ``hostname``).
        full_report: A report file written by the same run, which a Markdown summary cut short
            to fit a pull-request comment points to.
    """

    color: bool = False
    base_dir: str = "."
    verbose: bool = False
    quiet: bool = False
    compact: bool = False
    sarif_level: str = "warning"
    run_at: dt.datetime | None = None
    hostname: str = "localhost"
    full_report: str | None = None
