"""Storage: uploads and bulk import store whole submissions or nothing, migrations match the models."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import text
from workspace_kit import KENT_1, KENT_2, SAMPLES, dump, old_database, rows

from complychk.cli import main
from complychk.workspace.checking import CheckService
from complychk.workspace.db import database_url, make_engine, migrate, shown
from complychk.workspace.models import Base


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def _shown(db_url: str) -> str:
    return shown(database_url(db_url))


def test_migrations_build_the_schema_the_models_describe(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    migrate(engine)
    migrate(engine)  # a second start finds it up to date
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    engine.dispose()


def test_upload_stores_good_files_and_names_the_bad_one(client: TestClient) -> None:
    files = [
        ("files", (KENT_1.name, KENT_1.read_bytes(), "application/yaml")),
        ("files", ("broken.yaml", b"id: x\nkind: [\n", "application/yaml")),
        ("files", (KENT_2.name, KENT_2.read_bytes(), "application/yaml")),
    ]
    results = client.post("/api/uploads", files=files).json()["results"]
    assert [r["stored"] for r in results] == [True, False, True]
    assert results[1]["error"].startswith("broken.yaml:3:1: invalid YAML")
    assert "\n" not in results[1]["error"]
    assert [(r["application"], r["number"]) for r in results if r["stored"]] == [
        ("kent-and-medway", 1),
        ("kent-and-medway", 2),
    ]
    apps = client.get("/api/applications").json()["applications"]
    assert [a["slug"] for a in apps] == ["kent-and-medway"]
    page = client.post("/upload", files=files[1:2]).text
    assert "broken.yaml:3:1: invalid YAML" in page


def test_upload_refuses_a_file_over_the_limit(db_url: str, service) -> None:
    from workspace_kit import client_for

    with client_for(db_url, service, max_upload_bytes=2000) as small:
        files = [("files", (KENT_1.name, KENT_1.read_bytes(), "application/yaml"))]
        results = small.post("/api/uploads", files=files).json()["results"]
        assert results[0]["stored"] is False
        assert "larger than 2000 bytes" in results[0]["error"]
        assert small.get("/api/applications").json()["applications"] == []


def test_import_command_stores_files_and_refuses_bad_ones(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: ccg_merger\nid: [\n")
    status = main(
        [
            "workspace",
            "import",
            str(KENT_1),
            str(bad),
            str(KENT_2),
            "--db",
            db,
            "--as-of",
            "2020-04-02",
        ]
    )
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [
        f"{KENT_1}: stored as kent-and-medway #1",
        f"{KENT_2}: stored as kent-and-medway #2",
    ]
    assert err.splitlines()[0].startswith(f"{bad}:3:1: ")
    assert err.splitlines()[-1] == f"2 stored, 1 refused (database {_shown(db)})"
    assert (rows(db, "application"), rows(db, "submission")) == (1, 2)


def test_import_a_folder_under_a_chosen_application(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(
        [
            "workspace",
            "import",
            str(SAMPLES),
            "--db",
            db,
            "--application",
            "all-samples",
        ]
    )
    samples = len(list(SAMPLES.glob("*.yaml")))
    assert status == 0
    assert capsys.readouterr().err.splitlines()[-1].startswith(f"{samples} stored, 0 refused")
    assert rows(db, "application") == 1
    assert rows(db, "submission") == samples


def test_import_reports_a_folder_it_cannot_list_and_stores_the_rest(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    listdir = os.listdir

    def refuse(path: str) -> list[str]:  # chmod 000 stops no one when the tests run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refuse)
    status = main(["workspace", "import", str(locked), str(KENT_1), "--db", db])
    out, err = capsys.readouterr()
    assert status == 2
    assert out.splitlines() == [f"{KENT_1}: stored as kent-and-medway #1"]
    assert err.splitlines()[0].startswith(f"{locked}:1:1: cannot read this folder")
    assert err.splitlines()[-1] == f"1 stored, 1 refused (database {_shown(db)})"
    assert rows(db, "submission") == 1


KILLED_MID_IMPORT = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from complychk.cli import main

    commits = 0

    @event.listens_for(Session, "before_commit")
    def die_on_second(session):
        global commits
        commits += 1
        if commits == 2:  # the second submission and its findings are flushed, not committed
            session.flush()
            os.kill(os.getpid(), 9)

    main(["workspace", "import", sys.argv[1], sys.argv[2], "--db", sys.argv[3]])
    """
)


def test_a_process_killed_mid_import_leaves_no_half_stored_submission(db: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", KILLED_MID_IMPORT, str(KENT_1), str(KENT_2), db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -9, result.stderr
    assert rows(db, "submission") == 1  # the first, whole; the second not at all
    engine = make_engine(db)
    with engine.connect() as connection:
        stored = connection.scalar(
            text(
                "SELECT fail_count + insufficient_count + pending_count + waived_count + "
                "pass_count + not_applicable_count FROM submission"
            )
        )
    engine.dispose()
    assert rows(db, "finding") == stored > 0


def test_home_pages_through_many_applications_and_search_covers_them_all(
    client: TestClient,
) -> None:
    text = KENT_1.read_text()
    files = [
        (
            "files",
            (f"p{n}.yaml", text.replace("id: kent-and-medway-2019-09", f"id: p-{n:03d}"), "x"),
        )
        for n in range(101)
    ]
    assert all(r["stored"] for r in client.post("/api/uploads", files=files).json()["results"])
    first = client.get("/").text
    assert first.count('<tr>\n  <td><a href="/applications/') == 100
    assert "Applications 1 to 100 of 101" in first and 'rel="next"' in first
    second = client.get("/", params={"page": 2}).text
    assert second.count('<tr>\n  <td><a href="/applications/') == 1
    assert 'rel="prev"' in second and 'rel="next"' not in second
    on_pages = set(re.findall(r'<td><a href="/applications/([a-z0-9-]+)">', first + second))
    assert len(on_pages) == 101
    api = client.get("/api/applications", params={"limit": 10, "offset": 95}).json()
    assert api["total"] == 101 and len(api["applications"]) == 6
    last = sorted(on_pages - set(re.findall(r'<td><a href="/applications/([a-z0-9-]+)">', first)))
    found = client.get("/", params={"q": last[0]}).text
    assert f'href="/applications/{last[0]}"' in found


def test_uploading_nothing_says_what_to_do(client: TestClient) -> None:
    page = client.post("/upload", files=[("files", ("", b"", "application/yaml"))])
    assert page.status_code == 400
    assert "Choose one or more proposal files" in page.text


def test_two_saves_at_the_same_moment_store_one_and_refuse_the_other(db: str, service) -> None:
    import datetime as dt

    from complychk.workspace import store
    from complychk.workspace.db import session_factory

    engine = make_engine(db)
    migrate(engine)
    sessions = session_factory(engine)
    checked = service.check_text(KENT_1.read_text(), KENT_1.name, dt.date(2019, 9, 30))
    with sessions() as first:
        store.add_submission(first, checked, KENT_1.read_text())
    with sessions() as late:
        # as if the other save had read the same latest number (1) before this one wrote 2
        real_scalar = late.scalar

        def stale_max(statement, *args, **kwargs):  # type: ignore[no-untyped-def]
            value = real_scalar(statement, *args, **kwargs)
            return 0 if "max" in str(statement) else value

        late.scalar = stale_max  # type: ignore[method-assign]
        with pytest.raises(store.StaleEdit, match="saved at the same moment"):
            store.add_submission(late, checked, KENT_1.read_text())
    engine.dispose()
    assert rows(db, "submission") == 1
    assert rows(db, "finding") == len(checked.report.findings)


def test_an_upload_can_name_its_application(demo: TestClient) -> None:
    files = [("files", ("draft.yaml", KENT_2.read_bytes(), "application/yaml"))]
    page = demo.get("/applications/surrey-heartlands").text
    assert 'name="application" value="surrey-heartlands"' in page
    results = demo.post(
        "/api/uploads", data={"application": "surrey-heartlands"}, files=files
    ).json()["results"]
    assert [(r["application"], r["number"]) for r in results] == [("surrey-heartlands", 2)]
    refused = demo.post("/api/uploads", data={"application": "Not A Name"}, files=files)
    assert refused.status_code == 422 and "lower-case letters" in refused.json()["detail"]


@pytest.mark.parametrize(
    ("proposal_id", "application"),
    [
        ("kent-and-medway-2019-09", "kent-and-medway"),
        ("kent-and-medway-2020-04", "kent-and-medway"),
        ("surrey-heartlands-2019", "surrey-heartlands"),
        ("nhs-x-2021-03-31", "nhs-x"),
        ("template-ccg-merger", "template-ccg-merger"),
        ("2019", "2019"),
        ("Odd ID, v2!", "odd-id-v2"),
    ],
)
def test_submissions_of_one_proposal_share_an_application(
    proposal_id: str, application: str
) -> None:
    from complychk.workspace.store import application_slug

    assert application_slug(proposal_id) == application


def test_a_database_at_0002_upgrades_to_decisions_without_loss(
    empty_db_url: str, service: CheckService
) -> None:
    old_database(empty_db_url, "0002", service, KENT_1, KENT_2)  # as sign-in's release made it
    engine = make_engine(empty_db_url)
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO user_account (id, name, role, password_hash, disabled, failed_sign_ins,"
            " next_attempt_at, created_at) VALUES (1, 'rita', 'reviewer', '$argon2id$x', false, 2,"
            " NULL, '2026-01-15 09:00:00')",
            "INSERT INTO membership VALUES (1, 'kent-and-medway')",
            "INSERT INTO web_session VALUES (1, 'h', 1, 'c', '2026-01-15 09:00:00',"
            " '2026-01-15 21:00:00')",
        ):
            connection.execute(text(statement))
    before = dump(engine)
    assert before["finding"] and before["submission"] and "review" not in before

    migrate(engine)

    after = dump(engine)
    engine.dispose()
    for table, rows_before in before.items():
        if table == "application":
            assert [row[:-1] for row in after[table]] == rows_before  # status added, last
            assert {row[-1] for row in after[table]} == {"submitted"}
        else:
            assert after[table] == rows_before, table
    assert after["review"] == after["audit_log"] == after["approval_condition"] == []
