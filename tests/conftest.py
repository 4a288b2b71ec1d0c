"""Shared pytest fixtures."""

from __future__ import annotations

import pytest
import report_factory

from complychk.evaluate.findings import Report


@pytest.fixture
def sample_report() -> Report:
    """Two proposals with hostile text, every outcome and severity, and one unreadable file."""
    return report_factory.sample_report()
