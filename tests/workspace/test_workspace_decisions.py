"""Reviewers' decisions on findings: who may record which, the forms and the API, and the
append-only audit log with its CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from review_kit import API_FINDING, FINDING, Person, team
from sqlalchemy import delete, select, update

from complychk.workspace import audit, decisions
from complychk.workspace.checking import CheckService
from complychk.workspace.models import AuditRecord, StoredFinding, Submission

WAIVER = {
    "action": "request-waiver",
    "justification": "Medway's scrutiny committee meets in October; its minutes follow.",
    "reference": "KM-2019-17",
    "expires": "2020-03-31",
}


@pytest.fixture
def people(team_db_url: str, service: CheckService) -> Iterator[dict[str, Person]]:
    with team(team_db_url, service) as found:
        yield found


def _state(person: Person, condition_id: str) -> str:
    answer = person.client.get(API_FINDING.format(condition_id))
    assert answer.status_code == 200, answer.text
    return str(answer.json()["review"]["state"])


def test_a_waiver_is_requested_by_the_team_and_approved_by_a_reviewer(
    people: dict[str, Person],
) -> None:
    requested = people["pat"].decide("ENG-HOSC-01", **WAIVER)
    assert requested.status_code == 200, requested.text
    assert requested.json()["review"]["state"] == "waiver requested"
    assert requested.json()["review"]["requested_by"] == "pat"

    approved = people["rita"].decide("ENG-HOSC-01", action="approve-waiver", note="agreed")
    assert approved.status_code == 200, approved.text
    review = approved.json()["review"]
    assert (review["state"], review["requested_by"], review["approved_by"]) == (
        "waived",
        "pat",
        "rita",
    )
    history = approved.json()["history"]
    assert [(h["actor"], h["action"], h["state_before"], h["state_after"]) for h in history] == [
        ("pat", "request-waiver", "open", "waiver requested"),
        ("rita", "approve-waiver", "waiver requested", "waived"),
    ]
    assert history[0]["detail"].startswith("justification: Medway's scrutiny committee")
    assert all(h["condition_id"] == "ENG-HOSC-01" and h["submission"] == 1 for h in history)


def test_the_requester_may_never_approve_their_own_waiver(people: dict[str, Person]) -> None:
    assert people["rita"].decide("ENG-HOSC-01", **WAIVER).status_code == 200
    own = people["rita"].decide("ENG-HOSC-01", action="approve-waiver")
    assert own.status_code == 403
    assert "someone else must approve it" in own.json()["detail"]
    assert _state(people["rita"], "ENG-HOSC-01") == "waiver requested"
    assert people["ada"].decide("ENG-HOSC-01", action="approve-waiver").status_code == 200
    assert _state(people["ada"], "ENG-HOSC-01") == "waived"


@pytest.mark.parametrize(
    "body",
    [
        {"action": "accept"},
        {"action": "ask", "question": "Who chairs Medway's committee?"},
        {"action": "approve-waiver"},
        {"action": "refuse-waiver"},
    ],
)
def test_a_programme_team_member_never_decides(people: dict[str, Person], body: dict) -> None:
    if body["action"].endswith("-waiver"):
        assert people["rita"].decide("ENG-HOSC-01", **WAIVER).status_code == 200
    before = _state(people["pat"], "ENG-HOSC-01")
    answer = people["pat"].decide("ENG-HOSC-01", **body)
    assert answer.status_code == 403
    assert "only a reviewer or an admin" in answer.json()["detail"]
    assert _state(people["pat"], "ENG-HOSC-01") == before
    assert len(people["rita"].client.get(API_FINDING.format("ENG-HOSC-01")).json()["history"]) == (
        1 if body["action"].endswith("-waiver") else 0
    )


def test_a_programme_team_member_cannot_touch_another_application(
    people: dict[str, Person],
) -> None:
    answer = people["sam"].decide("ENG-HOSC-01", **WAIVER)  # sam belongs to Surrey Heartlands
    assert answer.status_code == 404
    page = people["sam"].form(FINDING.format("ENG-HOSC-01") + "/decisions", WAIVER)
    assert page.status_code == 404
    assert _state(people["rita"], "ENG-HOSC-01") == "open"


def test_the_storage_refuses_a_member_of_another_application(
    people: dict[str, Person],
) -> None:
    app = people["ada"].client.app
    with app.state.sessions() as session:  # type: ignore[attr-defined]
        submission = session.scalar(select(Submission).where(Submission.number == 1))
        finding = session.scalar(
            select(StoredFinding).where(
                StoredFinding.submission_id == submission.id,
                StoredFinding.condition_id == "ENG-HOSC-01",
            )
        )
        sam = decisions.Actor("sam", "programme-team", frozenset({"surrey-heartlands"}))
        decision = decisions.Decision(
            decisions.Action.REQUEST_WAIVER, "why", "ref", expires=dt.date(2020, 3, 31)
        )
        with pytest.raises(decisions.NotAllowed, match="not a member of kent-and-medway"):
            decisions.decide(session, submission, finding, sam, decision)
        assert session.scalars(select(AuditRecord)).all() == []


def test_a_question_is_seen_and_answered_by_the_programme_team(
    people: dict[str, Person],
) -> None:
    asked = people["rita"].decide(
        "POP-LTP-01", action="ask", question="Which LTP priorities does the plan cover?"
    )
    assert asked.json()["review"]["state"] == "information requested"
    page = people["pat"].client.get(FINDING.format("POP-LTP-01")).text
    assert "Which LTP priorities does the plan cover?" in page
    assert 'value="answer"' in page and 'value="accept"' not in page
    answered = people["pat"].form(
        FINDING.format("POP-LTP-01") + "/decisions",
        {"action": "answer", "answer": "All seven; see section 4."},
    )
    assert answered.status_code == 303
    review = people["rita"].client.get(API_FINDING.format("POP-LTP-01")).json()["review"]
    assert (review["state"], review["answer"]) == ("information given", "All seven; see section 4.")
    again = people["pat"].decide("POP-LTP-01", action="answer", answer="More.")
    assert again.status_code == 409  # no question is open


def test_a_waiver_is_for_a_failure_and_needs_its_fields(people: dict[str, Person]) -> None:
    passing = people["pat"].decide("FIN-RC-01", **WAIVER)
    assert passing.status_code == 422 and "a waiver covers a failure only" in passing.text
    missing = people["pat"].decide("ENG-HOSC-01", action="request-waiver", justification="x")
    assert missing.status_code == 422
    assert "needs reference, expires" in missing.json()["detail"]
    expired = people["pat"].decide("ENG-HOSC-01", **{**WAIVER, "expires": "2019-01-01"})
    assert expired.status_code == 422 and "waive nothing" in expired.text
    nobody = people["rita"].decide("ENG-HOSC-01", action="approve-waiver")
    assert nobody.status_code == 409  # nothing was requested
    assert people["rita"].client.get(API_FINDING.format("ENG-HOSC-01")).json()["history"] == []


def test_a_decision_form_without_its_csrf_token_is_refused(people: dict[str, Person]) -> None:
    rita = people["rita"]
    answer = rita.client.post(FINDING.format("FIN-RC-01") + "/decisions", data={"action": "accept"})
    assert answer.status_code == 403
    assert _state(rita, "FIN-RC-01") == "open"


def test_the_finding_page_shows_the_decision_and_its_history(people: dict[str, Person]) -> None:
    rita = people["rita"]
    sent = rita.form(FINDING.format("FIN-RC-01") + "/decisions", {"action": "accept", "note": "ok"})
    assert sent.status_code == 303
    assert sent.headers["location"].endswith("/findings/FIN-RC-01#review")
    page = rita.client.get(FINDING.format("FIN-RC-01")).text
    assert '<span class="state accepted">accepted</span>' in page
    assert (
        "<td>rita</td><td>accept</td><td>1</td><td>open</td><td>accepted</td><td>note: ok</td>"
        in page
    )


def _audit(people: dict[str, Person]) -> list[dict[str, str]]:
    answer = people["ada"].client.get("/audit.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.text)))


def test_the_audit_log_exports_as_csv_in_the_order_written(people: dict[str, Person]) -> None:
    people["pat"].decide("ENG-HOSC-01", **WAIVER)
    people["rita"].decide("POP-LTP-01", action="accept")
    people["ada"].decide("ENG-HOSC-01", action="refuse-waiver", note="not by committee")
    rows = _audit(people)
    assert list(rows[0]) == list(audit.COLUMNS)
    assert [(r["actor"], r["action"], r["condition_id"], r["state_after"]) for r in rows] == [
        ("pat", "request-waiver", "ENG-HOSC-01", "waiver requested"),
        ("rita", "accept", "POP-LTP-01", "accepted"),
        ("ada", "refuse-waiver", "ENG-HOSC-01", "waiver refused"),
    ]
    assert (
        people["ada"].client.get("/audit.csv").text == people["rita"].client.get("/audit.csv").text
    )
    assert people["pat"].client.get("/audit.csv").status_code == 403


def test_audit_rows_are_never_updated_or_deleted(people: dict[str, Person]) -> None:
    """The ORM refuses to flush a changed or deleted row, and the engine refuses UPDATE and
    DELETE statements on the table (ORM bulk and Core), so no code path can change the log."""
    people["rita"].decide("FIN-RC-01", action="accept")
    app = people["ada"].client.app
    with app.state.sessions() as session:  # type: ignore[attr-defined]
        row = session.scalars(select(AuditRecord)).one()
        row.actor = "someone else"
        with pytest.raises(audit.AppendOnly):
            session.commit()
        session.rollback()
        session.delete(session.scalars(select(AuditRecord)).one())
        with pytest.raises(audit.AppendOnly):
            session.commit()
        session.rollback()
        for statement in (
            update(AuditRecord).values(actor="x"),
            delete(AuditRecord),
            AuditRecord.__table__.delete(),
        ):
            with pytest.raises(audit.AppendOnly):
                session.execute(statement)
            session.rollback()
    rows = _audit(people)
    assert [(r["actor"], r["action"]) for r in rows] == [("rita", "accept")]


def ada_meanwhile(
    people: dict[str, Person],
    monkeypatch: pytest.MonkeyPatch,
    condition: str,
    decision: decisions.Decision,
) -> None:
    """Make Ada's ``decision`` on ``condition`` commit while the next decision sent is between
    reading the finding and storing itself (once)."""
    app = people["ada"].client.app
    apply = decisions._apply
    raced: list[bool] = []

    def meanwhile(review, made, actor, now):  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(True)
            with app.state.sessions() as other:  # type: ignore[attr-defined]
                submission = other.scalar(select(Submission).where(Submission.number == 1))
                finding = other.scalar(
                    select(StoredFinding).where(
                        StoredFinding.submission_id == submission.id,
                        StoredFinding.condition_id == condition,
                    )
                )
                decisions.decide(
                    other, submission, finding, decisions.Actor("ada", "admin"), decision
                )
        apply(review, made, actor, now)

    monkeypatch.setattr(decisions, "_apply", meanwhile)


def test_two_decisions_at_the_same_moment_never_lose_one(
    people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rita's approval is being made when Ada's refusal commits: Rita's is refused (409), so
    the log and the state agree that Ada's decision stands."""
    assert people["pat"].decide("ENG-HOSC-01", **WAIVER).status_code == 200
    apply = decisions._apply
    ada_meanwhile(
        people, monkeypatch, "ENG-HOSC-01", decisions.Decision(decisions.Action.REFUSE_WAIVER)
    )
    answer = people["rita"].decide("ENG-HOSC-01", action="approve-waiver")
    assert answer.status_code == 409
    assert "someone else recorded a decision on ENG-HOSC-01" in answer.json()["detail"]
    monkeypatch.setattr(decisions, "_apply", apply)
    assert _state(people["rita"], "ENG-HOSC-01") == "waiver refused"
    rows = _audit(people)
    assert [(r["actor"], r["action"]) for r in rows] == [
        ("pat", "request-waiver"),
        ("ada", "refuse-waiver"),
    ]


def test_text_a_spreadsheet_would_run_stays_text_in_the_audit_csv(
    people: dict[str, Person],
) -> None:
    formula = '=HYPERLINK("http://example.invalid","open")'
    people["rita"].decide("POP-LTP-01", action="ask", question="x")
    people["pat"].decide("POP-LTP-01", action="answer", answer=formula)
    rows = _audit(people)
    assert rows[-1]["detail"] == "answer: " + formula  # the detail starts with its field name
    people["rita"].decide("FIN-RC-01", action="accept", note="n")
    with people["ada"].client.app.state.sessions() as session:  # type: ignore[attr-defined]
        audit.record(session, formula, "accept", "kent-and-medway")
        session.commit()
    assert _audit(people)[-1]["actor"] == "'" + formula


def test_a_repeated_decision_that_changes_nothing_still_meets_the_one_made_meanwhile(
    people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rita's accept is sent twice in one second (a double click); between reading the finding
    and storing her second, Ada asks a question. Rita's second accept would change nothing on
    the finding as Rita's request read it, and must still be refused (409) rather than stored
    as 'accepted -> accepted' over Ada's question: the log and the state agree Ada's stands."""
    moment = dt.datetime(2026, 12, 6, 10, 30)
    monkeypatch.setattr(audit, "utcnow", lambda: moment)
    assert people["rita"].decide("ENG-HOSC-01", action="accept").status_code == 200
    apply = decisions._apply
    ada_meanwhile(
        people,
        monkeypatch,
        "ENG-HOSC-01",
        decisions.Decision(decisions.Action.ASK, question="Who chairs it?"),
    )
    answer = people["rita"].decide("ENG-HOSC-01", action="accept")
    monkeypatch.setattr(decisions, "_apply", apply)
    assert answer.status_code == 409, answer.text
    assert _state(people["rita"], "ENG-HOSC-01") == "information requested"
    rows = _audit(people)
    assert [(r["actor"], r["action"], r["state_before"], r["state_after"]) for r in rows] == [
        ("rita", "accept", "open", "accepted"),
        ("ada", "ask", "accepted", "information requested"),
    ]
