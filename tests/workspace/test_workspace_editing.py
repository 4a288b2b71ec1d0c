"""Editing a proposal in the workspace: the live re-check, and saving as a new submission."""

from __future__ import annotations

import io
import zipfile

from fastapi.testclient import TestClient
from workspace_kit import KENT_1

PLANNED = "planned_running_costs_gbp: 40000000"
OVER_BASELINE = "planned_running_costs_gbp: 60000000"  # more than the 50,000,000 baseline


def _outcome(result: dict, condition_id: str) -> str:
    return next(f["outcome"] for f in result["findings"] if f["condition_id"] == condition_id)


def _check(client: TestClient, text: str) -> dict:
    body = {"text": text, "file_name": KENT_1.name, "as_of": "2019-09-30"}
    response = client.post("/api/check", json=body)
    assert response.status_code == 200
    return response.json()


def test_a_changed_value_changes_the_verdict(demo_read: TestClient) -> None:
    text = KENT_1.read_text()
    assert PLANNED in text
    before = _check(demo_read, text)
    after = _check(demo_read, text.replace(PLANNED, OVER_BASELINE))
    assert _outcome(before, "FIN-RC-01") == "pass"
    assert _outcome(after, "FIN-RC-01") == "fail"
    line = text.splitlines().index(next(x for x in text.splitlines() if PLANNED in x)) + 1
    assert line in next(f for f in after["findings"] if f["condition_id"] == "FIN-RC-01")["lines"]
    assert after["blocks"] is True  # FIN-RC-01 is a must
    order = [f["outcome"] for f in after["findings"]]
    assert order[0] == "fail"
    assert order.index("pass") > max(i for i, o in enumerate(order) if o == "fail")


def test_text_that_cannot_be_read_shows_its_line(demo_read: TestClient) -> None:
    text = KENT_1.read_text().replace("kind: ccg_merger", "kind: [ccg_merger")
    result = _check(demo_read, text)
    wanted = text.splitlines().index("kind: [ccg_merger") + 1
    assert result["findings"] == []
    assert result["error"]["line"] >= wanted
    assert result["error"]["message"].startswith(f"{KENT_1.name}:{result['error']['line']}:")


def _save(client: TestClient, text: str, latest_seen: int | None) -> object:
    body = {
        "text": text,
        "file_name": KENT_1.name,
        "as_of": "2019-09-30",
        "latest_seen": latest_seen,
    }
    return client.post("/api/applications/kent-and-medway/submissions", json=body)


def _numbers(client: TestClient) -> list[int]:
    doc = client.get("/api/applications/kent-and-medway").json()
    return [s["number"] for s in doc["submissions"]]


def test_save_stores_a_new_submission_with_its_verdicts(demo: TestClient) -> None:
    edited = KENT_1.read_text().replace(PLANNED, OVER_BASELINE)
    response = _save(demo, edited, latest_seen=2)
    assert response.status_code == 201
    assert response.json()["number"] == 3 and response.json()["blocks"] is True
    stored = demo.get("/api/applications/kent-and-medway/submissions/3").json()
    assert stored["proposal_text"] == edited
    findings = {
        f["condition_id"]: f["outcome"] for f in stored["report"]["proposals"][0]["findings"]
    }
    assert findings["FIN-RC-01"] == "fail"
    assert _numbers(demo) == [1, 2, 3]


def test_saving_over_a_changed_application_is_refused_and_nothing_is_lost(demo: TestClient) -> None:
    assert _save(demo, KENT_1.read_text(), latest_seen=2).status_code == 201  # someone else saved
    mine = KENT_1.read_text().replace(PLANNED, OVER_BASELINE)
    response = _save(demo, mine, latest_seen=2)
    assert response.status_code == 409
    assert "submission 3 of kent-and-medway was saved after" in response.json()["error"]["message"]
    assert "yours was not stored" in response.json()["error"]["message"]
    assert _numbers(demo) == [1, 2, 3]
    form = demo.post(
        "/applications/kent-and-medway/submissions",
        data={"text": mine, "file_name": KENT_1.name, "as_of": "2019-09-30", "latest_seen": "2"},
        follow_redirects=False,
    )
    assert form.status_code == 409
    assert "was saved after you opened the editor" in form.text
    assert OVER_BASELINE in form.text  # the editor still holds the user's text
    assert 'name="latest_seen" value="3"' in form.text
    assert _numbers(demo) == [1, 2, 3]
    again = demo.post(  # having looked, the reviewer saves again: stored after the other
        "/applications/kent-and-medway/submissions",
        data={"text": mine, "file_name": KENT_1.name, "as_of": "2019-09-30", "latest_seen": "3"},
        follow_redirects=False,
    )
    assert again.headers["location"] == "/applications/kent-and-medway/submissions/4"


def test_an_unreadable_save_stores_nothing(demo: TestClient) -> None:
    response = _save(demo, "kind: [\n", latest_seen=2)
    assert response.status_code == 422
    assert response.json()["error"]["line"] == 2
    assert _numbers(demo) == [1, 2]


def test_the_save_form_redirects_to_the_new_submission(demo: TestClient) -> None:
    response = demo.post(
        "/applications/kent-and-medway/submissions",
        data={
            "text": KENT_1.read_text(),
            "file_name": KENT_1.name,
            "as_of": "2019-09-30",
            "latest_seen": "2",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/applications/kent-and-medway/submissions/3"


def test_editor_page_holds_the_text_and_the_latest_number(demo_read: TestClient) -> None:
    page = demo_read.get("/applications/kent-and-medway/submissions/1/edit").text
    assert 'name="latest_seen" value="2"' in page
    assert 'src="/static/edit.js"' in page
    assert "<script>" not in page  # no inline script: the CSP forbids it
    assert "planned_running_costs_gbp: 40000000" in page


def test_an_oversized_text_is_refused(db_url: str, service) -> None:
    from workspace_kit import client_for

    with client_for(db_url, service, max_upload_bytes=1000) as small:
        response = small.post("/api/check", json={"text": "x" * 2000})
        assert response.status_code == 413
        assert "larger than 1000 bytes" in response.json()["detail"]


def test_a_file_name_is_only_ever_a_name(demo: TestClient) -> None:
    body = {"text": KENT_1.read_text(), "file_name": "../../etc/kent.yaml", "as_of": "2019-09-30"}
    saved = demo.post("/api/applications/kent-and-medway/submissions", json=body).json()
    assert saved["file_name"] == "kent.yaml"
    pack = demo.get("/applications/kent-and-medway/submissions/3/evidence-pack.zip")
    names = zipfile.ZipFile(io.BytesIO(pack.content)).namelist()
    assert "kent.yaml" in names and not any("/" in name or ".." in name for name in names)


def test_a_value_of_the_wrong_type_is_shown_at_its_line(demo_read: TestClient) -> None:
    text = KENT_1.read_text().replace("go_live: 2020-04-01", "go_live: next spring")
    result = _check(demo_read, text)
    wanted = text.splitlines().index("go_live: next spring") + 1
    assert result["error"]["line"] == wanted
    assert "go_live" in result["error"]["message"]
