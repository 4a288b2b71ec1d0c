"""Sample proposals to drive the CI tests with, chosen by what the packs conclude today.

The packs and samples keep growing, so the CI tests do not pin a sample's verdict: they ask for
"a sample with a must-level failure" and get the first one that has one.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import NamedTuple

from complychk.api import Checker, run_check
from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_document

REPO = Path(__file__).resolve().parents[1]
SAMPLES_DIR = REPO / "sample_proposals"
SUFFIXES = {".yaml", ".yml", ".json", ".md", ".markdown"}
LATE = dt.date(2030, 1, 1)


class FailingCase(NamedTuple):
    path: Path
    as_of: str
    failing: tuple[str, ...]
    """IDs of the conditions failing at ``must``."""

    @property
    def without_failures(self) -> str:
        """A ``--tags`` expression leaving out every failing condition (each is tagged @ID)."""
        return " and ".join(f"not @{condition_id}" for condition_id in self.failing)


def samples() -> list[Path]:
    return sorted(path for path in SAMPLES_DIR.iterdir() if path.suffix in SUFFIXES)


def submitted_on(path: Path) -> dt.date | None:
    data = load_document(path).data
    day = data.get("submitted_on") or data.get("prepared_on")
    return dt.date.fromisoformat(str(day)) if day else None


@cache
def failing_case() -> FailingCase:
    """The first sample (as of its submission, else 2030) with a must-level failure; ``failing``
    lists every condition that fails its (decision) check, must-level gaps included."""
    checker = Checker()
    for path in samples():
        for as_of in filter(None, (submitted_on(path), LATE)):
            report = run_check([str(path)], checker, as_of, Severity.MUST)
            if not any(
                finding.outcome is Outcome.FAIL and finding.severity is Severity.MUST
                for finding in report.failing()
            ):
                continue
            failing = tuple(sorted(finding.condition_id for finding in report.failing()))
            if failing and not report.problems:
                return FailingCase(path, as_of.isoformat(), failing)
    raise AssertionError("no sample proposal fails a must condition; add one for the CI tests")
