"""Waivers leave the workspace as the waiver file ``complychk check --waivers`` reads, and come
back in from it: the round trip is exact."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from review_kit import ASSESSED, TEAM, Person, team, team_database
from workspace_kit import KENT_1

from complychk.cli import main
from complychk.workspace.checking import CheckService

REQUEST = {
    "action": "request-waiver",
    "justification": "Medway's scrutiny committee meets in October: 'minutes to follow'.",
    "reference": "KM-2019-17",
    "expires": "2020-03-31",
}


@pytest.fixture
def people(team_db_url: str, service: CheckService) -> Iterator[dict[str, Person]]:
    with team(team_db_url, service) as found:
        for condition_id in ("POP-LTP-01", "ENG-HOSC-01"):
            assert found["pat"].decide(condition_id, **REQUEST).status_code == 200
            assert found["rita"].decide(condition_id, action="approve-waiver").status_code == 200
        yield found


def _check(proposal: Path, waivers: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    capsys.readouterr()
    main(
        [
            "check",
            str(proposal),
            "--waivers",
            str(waivers),
            "--format",
            "json",
            "--as-of",
            ASSESSED.isoformat(),
        ]
    )
    document = json.loads(capsys.readouterr().out)
    assert document["notes"] == []  # every waiver applied: none expired, unapproved or unmatched
    return {f["condition_id"]: f["outcome"] for f in document["proposals"][0]["findings"]}


def test_export_then_import_into_a_fresh_application_gives_the_same_bytes(
    people: dict[str, Person],
    team_db_url: str,
    another_database: Callable[[str], str],
    tmp_path: Path,
    service: CheckService,
    capsys: pytest.CaptureFixture[str],
) -> None:
    exported = people["ada"].client.get("/applications/kent-and-medway/waivers.yaml")
    assert exported.status_code == 200
    first = tmp_path / "exported.yaml"
    first.write_bytes(exported.content)
    assert "condition: ENG-HOSC-01" in exported.text and "approved_by: rita" in exported.text

    db = another_database(team_db_url)
    team_database(db, service, (KENT_1,))
    assert main(["workspace", "waivers", "import", "kent-and-medway", str(first), "--db", db]) == 0
    assert "2 waivers stored on kent-and-medway: ENG-HOSC-01, POP-LTP-01" in capsys.readouterr().err
    second = tmp_path / "again.yaml"
    assert (
        main(
            [
                "workspace",
                "waivers",
                "export",
                "kent-and-medway",
                "--db",
                db,
                "--output",
                str(second),
            ]
        )
        == 0
    )
    assert second.read_bytes() == first.read_bytes()

    outcomes = _check(KENT_1, first, capsys)
    assert outcomes["ENG-HOSC-01"] == outcomes["POP-LTP-01"] == "waived"
    assert "fail" not in outcomes.values()


def test_an_import_with_a_bad_waiver_stores_nothing(
    people: dict[str, Person], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "waivers:\n"
        "  - condition: ENG-HOSC-01\n"
        "    proposal: kent-and-medway-2019-09\n"
        "    justification: ok\n"
        "    requested_by: pat\n"
        "    approved_by: rita\n"
        "    reference: R1\n"
        "    expires: 2020-03-31\n"
        "  - condition: FIN-RC-01\n"
        "    proposal: kent-and-medway-2019-09\n"
        "    justification: not a failure\n"
        "    requested_by: pat\n"
        "    approved_by: Pat\n"
        "    reference: R2\n"
        "    expires: 2020-03-31\n"
    )
    answer = people["rita"].client.post(
        "/api/applications/kent-and-medway/waivers",
        content=bad.read_bytes(),
        headers={"X-CSRF-Token": people["rita"].token, "content-type": "application/yaml"},
    )
    assert answer.status_code == 422
    assert answer.json()["detail"].startswith("waivers.yaml:9:5: ")
    assert "approved by its own requester" in answer.json()["detail"]
    refused = people["pat"].client.post(
        "/api/applications/kent-and-medway/waivers",
        content=bad.read_bytes(),
        headers={"X-CSRF-Token": people["pat"].token},
    )
    assert refused.status_code == 403
    exported = people["rita"].client.get("/applications/kent-and-medway/waivers.yaml").text
    assert exported.count("- condition:") == 2  # the two approved before, as they were
    assert "reference: R1" not in exported and exported.count("reference: KM-2019-17") == 2


def test_the_audit_log_writes_from_the_command_line(
    people: dict[str, Person], team_db_url: str, tmp_path: Path
) -> None:
    db = team_db_url
    assert main(["workspace", "audit", "--db", db, "--csv", str(tmp_path / "audit.csv")]) == 0
    web = people["ada"].client.get("/audit.csv").text
    assert (tmp_path / "audit.csv").read_text() == web
    assert web.count("\n") == 5  # header, two requests, two approvals
    assert TEAM  # the people of review_kit made these decisions


def test_the_audit_log_is_never_written_over_a_sqlite_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_file = tmp_path / "ws.sqlite3"
    db = f"sqlite:///{db_file}"
    assert main(["db", "upgrade", "--db", db]) == 0
    before = db_file.read_bytes()
    assert main(["workspace", "audit", "--db", db, "--csv", str(db_file)]) == 2
    assert "is the workspace database" in capsys.readouterr().err
    assert db_file.read_bytes() == before
