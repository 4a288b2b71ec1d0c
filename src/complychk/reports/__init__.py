"""The output formats: an explicit table from format name to a pure ``Report -> str`` function.

Callers look a format up in :data:`REPORTERS` and write the returned text themselves (see
:func:`complychk.output.write_atomic`); no reporter prints or touches the file system.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, MutableMapping

from complychk.evaluate.findings import Report
from complychk.reports.options import RenderOptions

Reporter = Callable[[Report, RenderOptions], str]

_MODULES: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "junit": "junit",
    "sarif": "sarif",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
    "matrix": "matrix",
    "csv": "csv_report",
}
"""Format name (as given to the CLI) -> module with its ``render``. Add a format here."""


class _Formats(MutableMapping[str, Reporter]):
    """The registry as a mapping that imports a format's module only when it is used.

    A run writes one or two formats; importing all of them would slow every start-up. Setting
    an entry replaces that format's renderer (tests swap in a failing one).
    """

    def __init__(self) -> None:
        self._set: dict[str, Reporter] = {}

    def __getitem__(self, name: str) -> Reporter:
        if name in self._set:
            return self._set[name]
        module = importlib.import_module(f"complychk.reports.{_MODULES[name]}")
        render: Reporter = module.render
        return render

    def __setitem__(self, name: str, render: Reporter) -> None:
        if name not in _MODULES:
            raise KeyError(f"add format {name!r} to the table in complychk.reports")
        self._set[name] = render

    def __delitem__(self, name: str) -> None:
        del self._set[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS: MutableMapping[str, Reporter] = _Formats()
"""Format name -> renderer, in the order formats are listed to users."""

GRID_FORMATS = frozenset({"matrix", "csv"})
"""Formats that show only each condition's outcome, so a large batch can drop finding detail."""

__all__ = ["GRID_FORMATS", "REPORTERS", "RenderOptions", "Reporter"]
