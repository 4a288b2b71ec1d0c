"""Carrying decisions to the next submission: kept when the finding's outcome and evidence are
unchanged, flagged for re-review when either changed; each carry-over audited."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from review_kit import API_FINDING, ASSESSED, Person, team
from workspace_kit import KENT_1

from complychk.workspace import carry
from complychk.workspace.checking import CheckService

SUBMISSIONS = "/api/applications/kent-and-medway/submissions"
COSTS = "planned_running_costs_gbp: 40000000"


@pytest.fixture
def people(team_db_url: str, service: CheckService) -> Iterator[dict[str, Person]]:
    with team(team_db_url, service) as found:
        found["rita"].decide("FIN-RC-01", action="accept", note="costs fall by 20%")
        found["rita"].decide("POP-LTP-01", action="ask", question="Which priorities?")
        yield found


def _save(person: Person, text: str, number: int) -> None:
    body = {
        "text": text,
        "file_name": f"kent-and-medway-v{number}.yaml",
        "as_of": ASSESSED.isoformat(),
        "latest_seen": number - 1,
    }
    answer = person.post(SUBMISSIONS, body)
    assert answer.status_code in (200, 201), answer.text


def _review(person: Person, number: int, condition_id: str) -> dict[str, object]:
    path = API_FINDING.replace("/1/", f"/{number}/").format(condition_id)
    return dict(person.client.get(path).json()["review"])


def test_unchanged_findings_keep_their_decisions_even_when_lines_move(
    people: dict[str, Person],
) -> None:
    text = KENT_1.read_text()
    shifted = "# Resubmitted with a note at the top.\n# Nothing else changed.\n" + text
    _save(people["pat"], shifted, 2)
    accepted = _review(people["rita"], 2, "FIN-RC-01")
    assert (accepted["state"], accepted["re_review"]) == ("accepted", False)
    asked = _review(people["pat"], 2, "POP-LTP-01")
    assert (asked["state"], asked["question"], asked["re_review"]) == (
        "information requested",
        "Which priorities?",
        False,
    )
    assert _review(people["rita"], 2, "ENG-HOSC-01")["state"] == "open"  # nothing to carry
    rows = list(csv.DictReader(io.StringIO(people["rita"].client.get("/audit.csv").text)))
    carried = [(r["actor"], r["action"], r["submission"], r["condition_id"]) for r in rows[2:]]
    assert carried == [
        ("pat", "carried over", "2", "FIN-RC-01"),
        ("pat", "carried over", "2", "POP-LTP-01"),
    ]
    assert rows[2]["detail"] == "from submission 1: outcome and evidence unchanged"


def test_a_changed_value_or_outcome_flags_the_decision_for_re_review(
    people: dict[str, Person],
) -> None:
    text = KENT_1.read_text()
    assert COSTS in text
    _save(people["pat"], text.replace(COSTS, "planned_running_costs_gbp: 39000000"), 2)
    still_passing = _review(people["rita"], 2, "FIN-RC-01")
    assert (still_passing["state"], still_passing["re_review"]) == ("accepted", True)
    page = (
        people["rita"]
        .client.get("/applications/kent-and-medway/submissions/2/findings/FIN-RC-01")
        .text
    )
    assert "re-review: the outcome or evidence changed since this decision" in page

    _save(people["pat"], text.replace(COSTS, "planned_running_costs_gbp: 60000000"), 3)
    assert _review(people["rita"], 3, "FIN-RC-01")["re_review"] is True
    history = people["rita"].client.get(API_FINDING.replace("/1/", "/3/").format("FIN-RC-01"))
    actions = [(h["action"], h["submission"], h["detail"]) for h in history.json()["history"]]
    assert actions == [
        ("accept", 1, "note: costs fall by 20%"),
        ("flagged for re-review", 2, "from submission 1: the evidence changed"),
        ("flagged for re-review", 3, "from submission 2: outcome pass -> fail"),
    ]
    # a fresh decision on the new submission settles it
    path = API_FINDING.replace("/1/", "/3/").format("FIN-RC-01") + "/decisions"
    assert people["rita"].post(path, {"action": "ask", "question": "Why 60m?"}).status_code == 200
    assert _review(people["rita"], 3, "FIN-RC-01")["re_review"] is False


def test_the_fingerprint_reads_values_not_lines_or_file_names() -> None:
    data = {"finance": {"planned": 40}, "bodies": [{"name": "A"}, {"name": "B"}]}
    evidence = '[["finance.planned", "a.yaml", 88, 3, "40", true], ["bodies[1].name", "a.yaml", 9, 1, null, true]]'
    moved = '[["finance.planned", "b.yaml", 90, 3, "40", true], ["bodies[1].name", "b.yaml", 11, 1, null, true]]'
    assert carry.fingerprint("pass", evidence, data) == carry.fingerprint("pass", moved, data)
    assert carry.fingerprint("pass", evidence, data) != carry.fingerprint("fail", evidence, data)
    changed = {**data, "bodies": [{"name": "A"}, {"name": "C"}]}
    assert carry.fingerprint("pass", evidence, data) != carry.fingerprint("pass", evidence, changed)
    assert carry.value_at(data, "bodies[1].name") == "B"
    assert carry.value_at(data, "bodies[5].name") is None
