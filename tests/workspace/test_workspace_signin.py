"""Sign-in: who may open what, CSRF tokens, slowed and locked sign-ins, and sign-out."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from signin_kit import PASSWORD, SAMPLE_PARAMS, add_people, app_routes, form_token, sign_in
from workspace_kit import KENT_1, TODAY, client_for

from complychk.workspace import auth, tokens, users
from complychk.workspace.checking import CheckService


@pytest.fixture
def signed(demo_db_url: str, service: CheckService) -> Iterator[TestClient]:
    """The demo workspace with sign-in on, and its three people (not signed in)."""
    with client_for(demo_db_url, service, as_of=TODAY, sign_in=True) as client:
        add_people(client)
        yield client


def test_every_route_refuses_an_anonymous_request(signed: TestClient) -> None:
    routes = app_routes(signed)
    assert len(routes) > 20  # the enumeration found the app's routes
    assert set(routes) >= auth.PUBLIC
    for method, path in routes:
        if (method, path) in auth.PUBLIC:
            continue
        url = path.format(**SAMPLE_PARAMS)
        answer = signed.request(method, url, follow_redirects=False)
        assert answer.status_code in (303, 401), (method, url, answer.status_code)
        if answer.status_code == 303:
            assert answer.headers["location"].startswith("/signin?next="), (method, url)
        assert "Kent and Medway" not in answer.text, (method, url)


def test_the_sign_in_page_and_health_check_are_open(signed: TestClient) -> None:
    assert signed.get("/healthz").status_code == 200
    page = signed.get("/signin")
    assert page.status_code == 200 and 'type="password"' in page.text


def test_an_anonymous_page_view_is_sent_to_sign_in_and_back(signed: TestClient) -> None:
    answer = signed.get("/applications/kent-and-medway?x=1", follow_redirects=False)
    assert answer.headers["location"] == "/signin?next=/applications/kent-and-medway%3Fx%3D1"
    page = signed.get(answer.headers["location"])
    back = signed.post(
        "/signin",
        data={
            "name": "rita",
            "password": PASSWORD,
            "csrf_token": form_token(page.text),
            "next": "/applications/kent-and-medway?x=1",
        },
        follow_redirects=False,
    )
    assert back.headers["location"] == "/applications/kent-and-medway?x=1"


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil"])
def test_sign_in_never_sends_the_user_to_another_site(signed: TestClient, target: str) -> None:
    page = signed.get("/signin")
    back = signed.post(
        "/signin",
        data={
            "name": "rita",
            "password": PASSWORD,
            "csrf_token": form_token(page.text),
            "next": target,
        },
        follow_redirects=False,
    )
    assert back.headers["location"] == "/"


def test_the_session_cookie_is_http_only_and_same_site(signed: TestClient) -> None:
    page = signed.get("/signin")
    answer = signed.post(
        "/signin",
        data={"name": "ada", "password": PASSWORD, "csrf_token": form_token(page.text)},
        follow_redirects=False,
    )
    cookie = next(
        c for c in answer.headers.get_list("set-cookie") if c.startswith(auth.SESSION_COOKIE)
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # plain HTTP on loopback: a Secure cookie would not be sent


def test_behind_https_the_session_cookie_is_secure(db_url: str, service: CheckService) -> None:
    with client_for(db_url, service, sign_in=True) as client:
        add_people(client)
        https = TestClient(client.app, base_url="https://workspace.example")
        page = https.get("/signin")
        answer = https.post(
            "/signin",
            data={"name": "ada", "password": PASSWORD, "csrf_token": form_token(page.text)},
            follow_redirects=False,
        )
    cookies = answer.headers.get_list("set-cookie")
    assert any(c.startswith(auth.SESSION_COOKIE) and "Secure" in c for c in cookies)


def test_a_programme_team_member_sees_only_their_applications(signed: TestClient) -> None:
    token = sign_in(signed, "pat")
    listed = signed.get("/api/applications").json()
    assert [a["slug"] for a in listed["applications"]] == ["kent-and-medway"]
    assert listed["total"] == 1
    assert "kent-and-medway" in signed.get("/").text
    other = "coventry-and-warwickshire"
    assert signed.get(f"/api/applications/{other}").status_code == 404
    assert signed.get(f"/applications/{other}").status_code == 404
    assert signed.get(f"/applications/{other}/submissions/1").status_code == 404
    assert signed.get(f"/applications/{other}/submissions/1/report.json").status_code == 404
    assert signed.get("/applications/kent-and-medway/submissions/1").status_code == 200
    saved = signed.post(
        f"/api/applications/{other}/submissions",
        json={"text": KENT_1.read_text(), "file_name": "k.yaml"},
        headers={"X-CSRF-Token": token},
    )
    assert saved.status_code == 404
    upload = signed.post(
        "/api/uploads",
        files={"files": ("k.yaml", KENT_1.read_bytes())},
        headers={"X-CSRF-Token": token},
    )
    assert upload.status_code == 403 and "kent-and-medway" in upload.json()["detail"]


def test_a_reviewer_sees_every_application(signed: TestClient) -> None:
    sign_in(signed, "rita")
    listed = signed.get("/api/applications").json()
    assert listed["total"] > 1
    assert signed.get("/api/applications/coventry-and-warwickshire").status_code == 200


def test_a_request_without_its_csrf_token_is_refused(signed: TestClient) -> None:
    token = sign_in(signed, "rita")
    body = {"text": KENT_1.read_text(), "file_name": "k.yaml"}
    before = signed.get("/api/applications/kent-and-medway").json()["submissions"]
    refused = signed.post("/api/applications/kent-and-medway/submissions", json=body)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    wrong = signed.post(
        "/api/applications/kent-and-medway/submissions",
        json=body,
        headers={"X-CSRF-Token": "not-the-token"},
    )
    assert wrong.status_code == 403
    form = signed.post("/applications/kent-and-medway/submissions", data={"text": body["text"]})
    assert form.status_code == 403
    upload = signed.post("/upload", files={"files": ("k.yaml", KENT_1.read_bytes())})
    assert upload.status_code == 403
    assert signed.get("/api/applications/kent-and-medway").json()["submissions"] == before
    stored = signed.post(
        "/api/applications/kent-and-medway/submissions", json=body, headers={"X-CSRF-Token": token}
    )
    assert stored.status_code == 201
    by_form = signed.post(
        "/applications/kent-and-medway/submissions",
        data={"text": body["text"], "csrf_token": token},
        follow_redirects=False,
    )
    assert by_form.status_code == 303


def test_the_sign_in_form_needs_its_own_token(signed: TestClient) -> None:
    answer = signed.post("/signin", data={"name": "rita", "password": PASSWORD})
    assert answer.status_code == 403
    assert signed.cookies.get(auth.SESSION_COOKIE) is None


def test_a_wrong_password_is_refused_without_saying_which_part(signed: TestClient) -> None:
    for name in ("rita", "nobody"):
        page = signed.get("/signin")
        answer = signed.post(
            "/signin",
            data={"name": name, "password": "wrong password!", "csrf_token": form_token(page.text)},
        )
        assert answer.status_code == 401
        assert "the name or password is wrong" in answer.text


def test_sign_out_ends_the_session(signed: TestClient) -> None:
    token = sign_in(signed, "rita")
    cookie = signed.cookies.get(auth.SESSION_COOKIE)
    answer = signed.post("/signout", data={"csrf_token": token}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/signin"
    assert signed.get("/", follow_redirects=False).status_code == 303
    signed.cookies.set(auth.SESSION_COOKIE, cookie)  # the old cookie, kept by an attacker
    assert signed.get("/api/applications").status_code == 401


def test_a_disabled_user_is_signed_out_and_cannot_sign_in(signed: TestClient) -> None:
    sign_in(signed, "rita")
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        users.disable_user(session, "rita")
    assert signed.get("/api/applications").status_code == 401
    page = signed.get("/signin")
    answer = signed.post(
        "/signin",
        data={"name": "rita", "password": PASSWORD, "csrf_token": form_token(page.text)},
    )
    assert answer.status_code == 401


def test_failed_sign_ins_are_slowed_then_locked(signed: TestClient) -> None:
    start = dt.datetime(2026, 1, 15, 9, 0)
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        for _ in range(users.FREE_ATTEMPTS):
            assert users.sign_in(session, "rita", "wrong", start).refused == users.REFUSED
        # the fourth attempt must wait a second, even with the right password
        slowed = users.sign_in(session, "rita", PASSWORD, start)
        assert slowed.refused.startswith("too many failed sign-ins; try again in")
        assert users.sign_in(session, "rita", "wrong", start + dt.timedelta(seconds=1)).refused
        waited = start + dt.timedelta(seconds=1)
        for failures in range(users.FREE_ATTEMPTS + 1, users.LOCK_AFTER):
            waited += dt.timedelta(seconds=2 ** (failures - users.FREE_ATTEMPTS))
            assert users.sign_in(session, "rita", "wrong", waited).refused == users.REFUSED
        # ten failures: locked for a quarter of an hour, whatever is tried
        almost = waited + users.LOCK_FOR - dt.timedelta(seconds=1)
        assert "try again in" in users.sign_in(session, "rita", PASSWORD, almost).refused
        opened = users.sign_in(session, "rita", PASSWORD, waited + users.LOCK_FOR)
        assert opened.token and not opened.refused
        # a success starts the count again
        assert users.sign_in(session, "rita", "wrong", waited + users.LOCK_FOR).refused == (
            users.REFUSED
        )


def test_the_sign_in_page_says_when_to_try_again(
    signed: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    moment = users.utcnow()
    monkeypatch.setattr(users, "utcnow", lambda: moment)  # every attempt in the same second
    for _ in range(users.FREE_ATTEMPTS + 1):
        page = signed.get("/signin")
        answer = signed.post(
            "/signin",
            data={"name": "rita", "password": "wrong", "csrf_token": form_token(page.text)},
        )
    assert answer.status_code == 401 and "too many failed sign-ins" in answer.text


def test_no_password_session_or_api_token_is_stored_or_logged_in_clear(
    db_url: str,
    service: CheckService,
    caplog: pytest.LogCaptureFixture,
    stored_bytes: Callable[[str], bytes],
) -> None:
    caplog.set_level(logging.DEBUG)
    with client_for(db_url, service, sign_in=True) as client:
        add_people(client)
        sign_in(client, "rita")
        page = client.get("/signin")
        client.post(
            "/signin",
            data={"name": "ada", "password": "a wrong guess!", "csrf_token": form_token(page.text)},
        )
        token = client.cookies.get(auth.SESSION_COOKIE)
        assert token
        with client.app.state.sessions() as session:  # type: ignore[attr-defined]
            api_token = tokens.add_token(session, "kent-and-medway", "CI").secret
            revoked = tokens.add_token(session, "kent-and-medway", "old CI")
            tokens.revoke_token(session, revoked.record.id)
        for sent, status in ((api_token, 201), (revoked.secret, 401)):
            pushed = client.post(
                "/api/applications/kent-and-medway/submissions",
                json={"text": KENT_1.read_text(), "file_name": "k.yaml"},
                headers={"Authorization": f"Bearer {sent}"},
            )
            assert pushed.status_code == status
    stored = stored_bytes(db_url)
    assert b"$argon2id$" in stored  # the hashes are there
    assert users.token_hash(api_token).encode() in stored
    for secret in (PASSWORD, "a wrong guess!", token, api_token, revoked.secret):
        assert secret.encode() not in stored
        assert secret[4:].encode() not in stored  # nor without a prefix
        assert secret not in caplog.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},  # a page with no-referrer
        {"Origin": "http://testserver:9999", "Sec-Fetch-Site": "same-site"},  # another port
    ],
)
def test_without_sign_in_another_site_cannot_change_the_workspace(
    client: TestClient, headers: dict[str, str]
) -> None:
    body = {"text": KENT_1.read_text(), "file_name": "k.yaml"}
    forged = client.post(
        "/api/applications/kent-and-medway/submissions", json=body, headers=headers
    )
    assert forged.status_code == 403 and "may not change this workspace" in forged.text
    assert client.get("/api/applications").json()["total"] == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},  # a command-line client
        {"Origin": "http://testserver"},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # the workspace's own form
    ],
)
def test_without_sign_in_the_workspace_own_pages_and_clients_may_change_it(
    client: TestClient, headers: dict[str, str]
) -> None:
    body = {"text": KENT_1.read_text(), "file_name": "k.yaml"}
    own = client.post("/api/applications/kent-and-medway/submissions", json=body, headers=headers)
    assert own.status_code == 201
