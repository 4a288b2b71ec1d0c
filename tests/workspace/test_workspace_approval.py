"""An application's status and its conditions of approval: who sets them, the transitions,
tracking against the pending findings they depend on, and the overdue view."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from review_kit import Person, team
from workspace_kit import KENT_2

from complychk.workspace import store
from complychk.workspace.checking import CheckService

REVIEW = "/api/applications/kent-and-medway/review"
STATUS = "/api/applications/kent-and-medway/status"
CONDITIONS = "/api/applications/kent-and-medway/conditions"
AO = {
    "condition_id": "GOV-AO-01",
    "text": "The Accountable Officer is appointed before go-live",
    "due": "2020-04-01",
}
AS_OF_2020 = dt.date(2020, 4, 1)
"""Kent and Medway's second submission as reviewed at go-live."""
CFO = {
    "condition_id": "GOV-CFO-01",
    "text": "The Chief Finance Officer is appointed before go-live",
    "due": "2020-04-01",
}


@pytest.fixture
def people(team_db_url: str, service: CheckService) -> Iterator[dict[str, Person]]:
    with team(team_db_url, service) as found:
        yield found


def _status(person: Person) -> str:
    return str(person.client.get(REVIEW).json()["status"])


def test_status_moves_along_the_allowed_transitions_and_is_audited(
    people: dict[str, Person],
) -> None:
    rita = people["rita"]
    assert _status(rita) == "submitted"
    assert rita.client.get(REVIEW).json()["next"] == ["under review", "draft"]
    moved = rita.post(STATUS, {"status": "under review", "note": "panel on 14 October"})
    assert moved.status_code == 200 and moved.json()["status"] == "under review"
    final = rita.post(STATUS, {"status": "approved"})
    assert final.status_code == 200
    again = rita.post(STATUS, {"status": "under review"})
    assert again.status_code == 409
    assert "from there it may become nothing: it is final" in again.json()["detail"]
    rows = list(csv.DictReader(io.StringIO(rita.client.get("/audit.csv").text)))
    assert [(r["action"], r["state_before"], r["state_after"], r["detail"]) for r in rows] == [
        ("status", "submitted", "under review", "note: panel on 14 October"),
        ("status", "under review", "approved", ""),
    ]
    assert rita.client.get("/api/applications/kent-and-medway").json()["status"] == "approved"


def test_a_programme_team_member_cannot_set_the_status_or_conditions(
    people: dict[str, Person],
) -> None:
    pat = people["pat"]
    refused = pat.post(STATUS, {"status": "under review"})
    assert refused.status_code == 403
    assert pat.post(CONDITIONS, AO).status_code == 403
    assert _status(pat) == "submitted" and pat.client.get(REVIEW).json()["conditions"] == []
    form = pat.form("/applications/kent-and-medway/status", {"status": "under review"})
    assert form.status_code == 403
    page = pat.client.get("/applications/kent-and-medway").text
    assert "Set the status" not in page and "Add a condition of approval" not in page


def test_approval_with_conditions_tracks_the_pending_go_live_conditions(
    people: dict[str, Person], service: CheckService
) -> None:
    rita = people["rita"]
    rita.post(STATUS, {"status": "under review"})
    early = rita.post(STATUS, {"status": "approved with conditions"})
    assert early.status_code == 409 and "add the conditions of approval first" in early.text
    passing = rita.post(CONDITIONS, {**AO, "condition_id": "FIN-RC-01"})
    assert passing.status_code == 422
    assert "a condition of approval tracks a pending one" in passing.json()["detail"]
    assert "GOV-AO-01" in passing.json()["detail"]
    assert rita.post(CONDITIONS, AO).status_code == 200
    assert rita.post(CONDITIONS, {**CFO, "due": "2019-09-01"}).status_code == 200  # past due
    assert rita.post(STATUS, {"status": "approved with conditions"}).status_code == 200
    unmet = rita.post(STATUS, {"status": "approved"})
    assert unmet.status_code == 409 and "GOV-AO-01, GOV-CFO-01" in unmet.text
    conditions = rita.client.get(REVIEW).json()["conditions"]
    assert [
        (c["condition_id"], c["outcome"], c["state"], c["days_overdue"]) for c in conditions
    ] == [
        ("GOV-AO-01", "pending", "open", 0),
        ("GOV-CFO-01", "pending", "overdue", 29),
    ]
    page = rita.client.get("/applications/kent-and-medway").text
    assert "The Accountable Officer is appointed before go-live" in page

    app = rita.client.app
    with app.state.sessions() as session:  # type: ignore[attr-defined]
        store.import_texts(session, service, [(KENT_2.name, KENT_2.read_bytes())], AS_OF_2020)
    conditions = rita.client.get(REVIEW).json()["conditions"]
    assert [
        (c["condition_id"], c["outcome"], c["state"], c["days_overdue"]) for c in conditions
    ] == [
        ("GOV-AO-01", "pass", "met", 0),
        ("GOV-CFO-01", "pass", "met", 0),
    ]
    rows = list(csv.DictReader(io.StringIO(rita.client.get("/audit.csv").text)))
    met = [
        (r["action"], r["condition_id"], r["submission"])
        for r in rows
        if r["action"] == "condition met"
    ]
    assert met == [("condition met", "GOV-AO-01", "2"), ("condition met", "GOV-CFO-01", "2")]
    assert rita.post(STATUS, {"status": "approved"}).status_code == 200


def test_the_overdue_view_lists_conditions_past_due_and_not_met(
    team_db_url: str, service: CheckService
) -> None:
    with team(team_db_url, service) as people:
        rita = people["rita"]
        rita.post(CONDITIONS, AO)
        rita.post(CONDITIONS, {**CFO, "due": "2019-09-01"})
        overdue = rita.client.get("/api/overdue").json()  # as of 2019-09-30
        assert overdue["as_of"] == "2019-09-30"
        assert [
            (c["condition_id"], c["due"], c["days_overdue"]) for c in overdue["conditions"]
        ] == [("GOV-CFO-01", "2019-09-01", 29)]
        page = rita.client.get("/overdue").text
        assert "The Chief Finance Officer is appointed before go-live" in page
        assert "The Accountable Officer" not in page  # not due yet
        assert people["sam"].client.get("/api/overdue").json()["conditions"] == []  # not his
        assert [
            c["condition_id"] for c in people["pat"].client.get("/api/overdue").json()["conditions"]
        ] == ["GOV-CFO-01"]
