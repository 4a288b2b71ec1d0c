"""Shared pytest fixtures, and a guard against testing stale compiled modules."""

from __future__ import annotations

import importlib
import importlib.machinery
from pathlib import Path

import pytest
import report_factory

from complychk.findings import Report


def stale_compiled_modules() -> list[str]:
    """Modules an editable install compiled (setup.py) whose source has changed since.

    Python imports a compiled module in preference to its source beside it, so after an edit
    the tests would silently run the old code. Only an install from this checkout's ``src`` can
    go stale; a regular install's files all date from when it was unpacked.
    """
    package = Path(importlib.import_module("complychk").__file__ or "").resolve().parent
    if package != Path(__file__).resolve().parents[1] / "src" / "complychk":
        return []
    stale = []
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for compiled in package.glob(f"*{suffix}"):
            source = compiled.with_name(compiled.name[: -len(suffix)] + ".py")
            if source.exists() and source.stat().st_mtime > compiled.stat().st_mtime:
                stale.append(source.name)
    return sorted(stale)


def pytest_sessionstart(session: pytest.Session) -> None:
    stale = stale_compiled_modules()
    if stale:
        pytest.exit(
            f"compiled modules are older than their source ({', '.join(stale)}): run "
            "'python3 -m pip install -e .' again, or install with COMPLYCHK_PURE_PYTHON=1 while "
            "editing them",
            returncode=2,
        )


@pytest.fixture
def sample_report() -> Report:
    """Two proposals with hostile text, every outcome and severity, and one unreadable file."""
    return report_factory.sample_report()
