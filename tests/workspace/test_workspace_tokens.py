"""API tokens: a CI pipeline stores and reads its one application's submissions, nothing else."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from signin_kit import PASSWORD, SAMPLE_PARAMS, add_people, app_routes, sign_in
from workspace_kit import KENT_1, KENT_2, TODAY, client_for, dump_tables, old_database

from complychk.cli import main
from complychk.workspace import auth, decisions, queries, tokens, users
from complychk.workspace.checking import CheckService
from complychk.workspace.db import make_engine, session_factory

KENT = "kent-and-medway"
OTHER = "coventry-and-warwickshire"


@pytest.fixture
def signed(demo_db_url: str, service: CheckService) -> Iterator[TestClient]:
    """The demo workspace with sign-in on and its three people; no one signed in."""
    with client_for(demo_db_url, service, as_of=TODAY, sign_in=True) as client:
        add_people(client)
        yield client


def _token(client: TestClient, application: str = KENT) -> str:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        return tokens.add_token(session, application, "CI").secret


def _bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def _push(client: TestClient, secret: str, slug: str = KENT) -> object:
    return client.post(
        f"/api/applications/{slug}/submissions",
        json={"text": KENT_2.read_text(), "file_name": KENT_2.name},
        headers=_bearer(secret),
    )


def _numbers(client: TestClient, slug: str) -> list[int]:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        from complychk.workspace import queries

        application = queries.get_application(session, slug)
        return [] if application is None else [s.number for s in application.submissions]


def test_a_token_stores_a_submission_of_its_application_and_reads_its_results(
    signed: TestClient,
) -> None:
    secret = _token(signed)
    stored = _push(signed, secret)  # no cookie, no CSRF token: a pipeline has neither
    assert stored.status_code == 201, stored.text
    assert stored.json()["number"] == 3 and stored.json()["application"] == KENT
    assert _numbers(signed, KENT) == [1, 2, 3]
    application = signed.get(f"/api/applications/{KENT}", headers=_bearer(secret)).json()
    assert [s["number"] for s in application["submissions"]] == [1, 2, 3]
    submission = signed.get(f"/api/applications/{KENT}/submissions/3", headers=_bearer(secret))
    assert submission.json()["file_name"] == KENT_2.name
    finding = signed.get(
        f"/api/applications/{KENT}/submissions/3/findings/FIN-RC-01", headers=_bearer(secret)
    )
    assert finding.status_code == 200 and finding.json()["condition_id"] == "FIN-RC-01"
    assert signed.cookies.get(auth.SESSION_COOKIE) is None


def test_a_token_may_start_its_application(signed: TestClient) -> None:
    secret = _token(signed, "new-merger")
    assert _push(signed, secret, "new-merger").status_code == 201
    assert _numbers(signed, "new-merger") == [1]


def test_a_token_cannot_read_or_write_another_application(signed: TestClient) -> None:
    secret = _token(signed)
    before = _numbers(signed, OTHER)
    for path in (
        f"/api/applications/{OTHER}",
        f"/api/applications/{OTHER}/submissions/1",
        f"/api/applications/{OTHER}/submissions/1/findings/FIN-RC-01",
        "/api/applications/no-such-application",  # answered as an existing one: nothing leaks
    ):
        answer = signed.get(path, headers=_bearer(secret))
        assert answer.status_code == 403, path
        assert answer.json() == {"detail": f"this API token is for application {KENT} only"}
    assert _push(signed, secret, OTHER).status_code == 403
    assert _numbers(signed, OTHER) == before


def test_a_token_opens_no_other_route(signed: TestClient) -> None:
    """Every route the app defines, enumerated (so a route added later, such as recording a
    decision, is refused too), tried with a token for the very application it names."""
    secret = _token(signed)
    routes = app_routes(signed)
    assert set(auth.TOKEN_ROUTES) < set(routes)
    decide = (
        "POST",
        "/api/applications/{slug}/submissions/{number}/findings/{condition_id}/decisions",
    )
    assert decide in routes  # recording a decision is among the routes refused below
    refused = 0
    for method, path in routes:
        if (method, path) in auth.PUBLIC or (method, path) in auth.TOKEN_ROUTES:
            continue
        url = path.format(**SAMPLE_PARAMS)
        answer = signed.request(method, url, headers=_bearer(secret), follow_redirects=False)
        assert answer.status_code == 403, (method, url, answer.status_code)
        assert "an API token may only store submissions" in answer.json()["detail"], url
        assert "Kent and Medway" not in answer.text, (method, url)
        refused += 1
    assert refused > 15  # the pages, the list of applications, uploads, exports, sign-out, ...
    assert _numbers(signed, KENT) == [1, 2]  # nothing stored by the refused uploads and forms


def test_an_unknown_or_revoked_token_is_refused(signed: TestClient) -> None:
    secret = _token(signed)
    for sent in ("cck_not-a-token", secret[:-1], "", "someone-elses-key"):
        answer = signed.get(f"/api/applications/{KENT}", headers=_bearer(sent))
        assert answer.status_code == 401, sent
        assert answer.headers["www-authenticate"] == "Bearer"
    assert signed.get(f"/api/applications/{KENT}", headers=_bearer(secret)).status_code == 200
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        record = tokens.list_tokens(session)[0]
        tokens.revoke_token(session, record.id)
    answer = _push(signed, secret)
    assert answer.status_code == 401 and "unknown or revoked" in answer.json()["detail"]
    assert _numbers(signed, KENT) == [1, 2]


def test_a_cookie_request_still_needs_its_csrf_token_and_a_token_carries_no_session(
    signed: TestClient,
) -> None:
    secret = _token(signed)
    csrf = sign_in(signed, "rita")
    body = {"text": KENT_1.read_text(), "file_name": "k.yaml"}
    assert signed.post(f"/api/applications/{KENT}/submissions", json=body).status_code == 403
    # With a token, rita's cookie (sent along by the client) gives the request none of her rights
    other = signed.get(f"/api/applications/{OTHER}", headers=_bearer(secret))
    assert other.status_code == 403
    assert signed.get("/", headers=_bearer(secret)).status_code == 403
    assert _push(signed, secret).status_code == 201
    stored = signed.post(
        f"/api/applications/{KENT}/submissions", json=body, headers={"X-CSRF-Token": csrf}
    )
    assert stored.status_code == 201


def test_another_authorization_scheme_is_left_to_the_session(signed: TestClient) -> None:
    """A reverse proxy's own Basic sign-in passes its header on: the workspace's sign-in still
    decides, by the session cookie."""
    basic = {"Authorization": "Basic cmV2aWV3ZXI6c2VjcmV0"}
    assert signed.get(f"/api/applications/{KENT}", headers=basic).status_code == 401
    sign_in(signed, "rita")
    assert signed.get(f"/api/applications/{OTHER}", headers=basic).status_code == 200


def test_the_last_use_is_recorded_to_the_minute(signed: TestClient) -> None:
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        start = users.utcnow().replace(microsecond=0) - dt.timedelta(days=1)
        made = tokens.add_token(session, KENT, "CI", now=start - dt.timedelta(hours=1))
        assert made.record.last_used_at is None
        assert tokens.token_for(session, made.secret, start) is not None
        assert tokens.token_for(session, made.secret, start + dt.timedelta(seconds=30))
        assert tokens.list_tokens(session)[0].last_used_at == start
        later = start + tokens.LAST_USED_EVERY
        tokens.token_for(session, made.secret, later)
        assert tokens.list_tokens(session)[0].last_used_at == later
    assert signed.get(f"/api/applications/{KENT}", headers=_bearer(made.secret)).status_code == 200
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        used = tokens.list_tokens(session)[0].last_used_at
        assert used is not None and used > later


# In the browser, for admins


def test_an_admin_makes_a_token_on_the_page_sees_it_once_and_revokes_it(
    signed: TestClient,
) -> None:
    csrf = sign_in(signed, "ada")
    assert '<a href="/tokens">API tokens</a>' in signed.get("/").text
    made = signed.post(
        "/tokens", data={"application": KENT, "label": "GitHub Actions", "csrf_token": csrf}
    )
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    secret = re.search(r'<code id="new-token">(cck_[^<]+)</code>', made.text).group(1)
    assert "GitHub Actions" in made.text
    signed.cookies.clear()
    assert _push(signed, secret).status_code == 201  # the token shown works
    sign_in(signed, "ada")
    page = signed.get("/tokens")
    assert secret not in page.text  # shown once only
    assert re.search(r"<td>kent-and-medway</td><td>GitHub Actions</td>", page.text)
    revoked = signed.post("/tokens/1/revoke", data={"csrf_token": csrf}, follow_redirects=False)
    assert revoked.status_code == 403  # the CSRF token of the earlier session
    csrf = sign_in(signed, "ada")
    revoked = signed.post("/tokens/1/revoke", data={"csrf_token": csrf}, follow_redirects=False)
    assert revoked.status_code == 303 and revoked.headers["location"] == "/tokens"
    assert "revoked 20" in signed.get("/tokens").text
    signed.cookies.clear()
    assert _push(signed, secret).status_code == 401


def test_a_bad_application_name_on_the_page_is_shown_and_nothing_made(
    signed: TestClient,
) -> None:
    csrf = sign_in(signed, "ada")
    answer = signed.post("/tokens", data={"application": "Kent!", "csrf_token": csrf})
    assert answer.status_code == 422 and "lower-case letters" in answer.text
    assert 'id="new-token"' not in answer.text
    assert signed.get("/api/tokens").json() == {"tokens": []}


def test_the_token_api_lists_makes_and_revokes_for_admins(signed: TestClient) -> None:
    csrf = {"X-CSRF-Token": sign_in(signed, "ada")}
    made = signed.post("/api/tokens", json={"application": KENT, "label": "CI"}, headers=csrf)
    assert made.status_code == 201
    secret = made.json()["token"]
    listed = signed.get("/api/tokens").json()["tokens"]
    assert listed == [
        {
            "id": 1,
            "application": KENT,
            "label": "CI",
            "created_at": made.json()["created_at"],
            "last_used_at": None,
            "revoked_at": None,
        }
    ]
    assert secret not in str(listed)
    assert signed.post("/api/tokens/1/revoke", headers=csrf).json()["revoked_at"]
    assert signed.post("/api/tokens/9/revoke", headers=csrf).status_code == 404
    bad = signed.post("/api/tokens", json={"application": "Kent!"}, headers=csrf)
    assert bad.status_code == 422 and "lower-case" in bad.json()["detail"]


@pytest.mark.parametrize("name", ["rita", "pat"])
def test_only_an_admin_manages_tokens(signed: TestClient, name: str) -> None:
    csrf = sign_in(signed, name)
    assert "/tokens" not in signed.get("/").text
    for method, url, body in (
        ("GET", "/tokens", None),
        ("POST", "/tokens", {"application": KENT}),
        ("POST", "/tokens/1/revoke", {}),
        ("GET", "/api/tokens", None),
        ("POST", "/api/tokens", {"application": KENT}),
        ("POST", "/api/tokens/1/revoke", None),
    ):
        if url.startswith("/api/"):
            answer = signed.request(method, url, json=body, headers={"X-CSRF-Token": csrf})
        else:
            answer = signed.request(method, url, data={**(body or {}), "csrf_token": csrf})
        assert answer.status_code == 403, (name, method, url)
        assert "only an admin may manage API tokens" in answer.text
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        assert tokens.list_tokens(session) == []


# The command line


@pytest.fixture
def db(db_url: str) -> str:
    return db_url


def test_tokens_are_added_shown_once_listed_and_revoked(
    db: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    label = ["--label", "GitHub Actions"]
    assert main(["tokens", "add", "--application", KENT, *label, "--db", db]) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert out == secret + "\n" and secret.startswith("cck_") and len(secret) > 40
    assert "token 1 for kent-and-medway: shown once" in err
    assert main(["tokens", "add", "--application", OTHER, "--db", db]) == 0
    assert capsys.readouterr().out.strip() != secret  # random, never the same twice

    assert main(["tokens", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert secret not in listed and secret[4:12] not in listed
    rows = [line.split("\t") for line in listed.splitlines()]
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in rows] == [
        ("1", KENT, "GitHub Actions", "last used never", "active"),
        ("2", OTHER, "-", "last used never", "active"),
    ]
    assert main(["tokens", "revoke", "1", "--db", db]) == 0
    assert "token 1 for kent-and-medway is revoked" in capsys.readouterr().out
    assert main(["tokens", "list", "--application", KENT, "--db", db]) == 0
    only = capsys.readouterr().out.splitlines()
    assert len(only) == 1 and only[0].split("\t")[5].startswith("revoked 20")

    engine = make_engine(db)
    with session_factory(engine)() as session:
        assert tokens.token_for(session, secret) is None  # revoked: refused
    engine.dispose()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["add", "--application", "Kent!"], "lower-case letters, digits and hyphens"),
        (["add", "--application", KENT, "--label", "two\nlines"], "one line"),
        (["revoke", "7"], "there is no token 7"),
    ],
)
def test_a_token_command_that_cannot_be_done_is_one_line(
    db: str, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    assert main(["tokens", *arguments, "--db", db]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and message in err


def test_a_token_cannot_be_chosen_on_the_command_line(db: str) -> None:
    with pytest.raises(SystemExit):
        main(["tokens", "add", "--application", KENT, "--token", "cck_mine", "--db", db])


# Storage


def test_a_database_of_the_previous_schema_upgrades_without_loss(
    empty_db_url: str, service: CheckService
) -> None:
    old_database(
        empty_db_url, "0003", service, KENT_1, KENT_2
    )  # users and decisions, before tokens
    engine = make_engine(empty_db_url)
    with session_factory(engine)() as session:  # today's models: 0004 only adds a table
        users.add_user(session, "pat", users.Role.PROGRAMME_TEAM, PASSWORD, [KENT])
        assert users.sign_in(session, "pat", PASSWORD).token  # an open session
        assert users.sign_in(session, "pat", "wrong").refused  # a failure counted
        submission = queries.get_submission(session, KENT, 2)
        assert submission is not None
        failed = next(f for f in submission.findings if f.outcome == "fail")
        reviewer = decisions.Actor("rita", users.Role.REVIEWER.value)
        decision = decisions.Decision(decisions.Action.ACCEPT, note="seen")
        decisions.decide(session, submission, failed, reviewer, decision)
    engine.dispose()
    before = dump_tables(empty_db_url)
    assert "api_token" not in before
    assert before["review"] and before["audit_log"] and before["web_session"]

    assert main(["tokens", "add", "--application", KENT, "--db", empty_db_url]) == 0

    after = dump_tables(empty_db_url)
    assert {table: rows for table, rows in after.items() if table != "api_token"} == before
    assert [(row[0], row[2]) for row in after["api_token"]] == [(1, KENT)]
