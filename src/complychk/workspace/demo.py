"""``complychk serve --demo``: the shipped sample proposals loaded as applications.

Each sample is one submission, assessed as of the date it was prepared (else submitted), so its
pending outcomes show as they did then; the two Kent and Medway samples are two submissions of
one application, in the order they were written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import complychk
from complychk.proposal.loader import load_text
from complychk.workspace import store
from complychk.workspace.checking import CheckService
from complychk.workspace.models import Submission


def samples() -> list[tuple[str, str]]:
    """(file name, text) of every shipped sample, sorted by name."""
    return sorted((path.name, path.read_text("utf-8")) for path in samples_folder().glob("*.yaml"))


def samples_folder() -> Path:
    """The installed package's copy of sample_proposals/, or the source checkout's."""
    package = Path(complychk.__file__).resolve().parent
    installed = package / "data" / "samples"
    return installed if installed.is_dir() else package.parents[1] / "sample_proposals"


def assessed_on(name: str, text: str, fallback: dt.date) -> dt.date:
    data = load_text(text, name).data
    for key in ("prepared_on", "submitted_on"):
        value = data.get(key)
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                continue
    return fallback


def load_demo(session: Session, service: CheckService, today: dt.date) -> int:
    """Store the samples unless the database already holds submissions; returns how many were
    stored (0 when it was not empty, so a second start does not store them twice)."""
    if session.scalar(select(func.count(Submission.id))):
        return 0
    stored = 0
    for name, text in samples():
        checked = service.check_text(text, name, assessed_on(name, text, today))
        store.add_submission(session, checked, text)
        stored += 1
    return stored
