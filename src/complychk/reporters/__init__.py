"""The output formats: an explicit table from format name to a pure ``Report -> str`` function.

Callers look a format up in :data:`REPORTERS` and write the returned text themselves (see
:func:`complychk.output.write_atomic`); no reporter prints or touches the file system.
"""

from __future__ import annotations

from collections.abc import Callable

from complychk.findings import Report
from complychk.reporters import (
    csv_report,
    github,
    html,
    json_report,
    junit,
    markdown,
    matrix,
    sarif,
    text,
)
from complychk.reporters.options import RenderOptions

Reporter = Callable[[Report, RenderOptions], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
    "html": html.render,
    "matrix": matrix.render,
    "csv": csv_report.render,
}
"""Format name (as given to the CLI) -> renderer. Add a format by adding a line here."""

GRID_FORMATS = frozenset({"matrix", "csv"})
"""Formats that show only each condition's outcome, so a large batch can drop finding detail."""

__all__ = ["GRID_FORMATS", "REPORTERS", "RenderOptions", "Reporter"]
