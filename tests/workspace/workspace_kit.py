"""What the workspace tests share: the sample files and an app over a fresh SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from complychk.workspace.app import create_app
from complychk.workspace.checking import CheckService
from complychk.workspace.demo import load_demo
from complychk.workspace.settings import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "sample_proposals"
KENT_1 = SAMPLES / "kent-and-medway-2019-09.yaml"
KENT_2 = SAMPLES / "kent-and-medway-2020-04.yaml"
COMPLIANT = SAMPLES.parent / "tests" / "conditions" / "ltp-2019" / "base.yaml"
"""A made-up merger meeting every ltp-2019 condition: a submission that does not block."""
TODAY = dt.date(2026, 1, 15)


def client_for(
    db: Path, service: CheckService, demo: bool = False, **settings: object
) -> TestClient:
    """A client of the app; sign-in is off unless ``sign_in=True`` (as ``serve --no-auth``)."""
    settings.setdefault("sign_in", False)
    app = create_app(Settings(db_url=f"sqlite:///{db}", **settings), service)  # type: ignore[arg-type]
    if demo:
        with app.state.sessions() as session:
            load_demo(session, service, TODAY)
    return TestClient(app)
