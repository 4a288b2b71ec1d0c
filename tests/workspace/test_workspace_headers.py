"""Security headers on every response: pages, API, static files and errors, whoever asks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from signin_kit import SAMPLE_PARAMS, add_people, app_routes, sign_in
from workspace_kit import TODAY, client_for

from complychk.workspace import tokens
from complychk.workspace.checking import CheckService

REQUIRED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def assert_secure(answer: Any, what: object) -> None:
    """The headers a browser needs to keep a page of the workspace safe."""
    for name, value in REQUIRED.items():
        assert answer.headers.get(name) == value, (what, answer.status_code, name)
    directives = [
        d.strip().split(" ", 1) for d in answer.headers["content-security-policy"].split(";")
    ]
    policy = {d[0]: d[-1] for d in directives}
    assert policy["default-src"] == "'none'", what
    assert policy["script-src"] == "'self'", what  # no inline script, no other site
    assert policy["style-src"] == "'self'", what
    assert policy["frame-ancestors"] == "'none'", what
    assert "unsafe" not in answer.headers["content-security-policy"], what


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, service: CheckService) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("headers") / "ws.sqlite3"
    with client_for(db, service, demo=True, as_of=TODAY, sign_in=True) as client:
        add_people(client)
        yield client


def _every_route(client: TestClient) -> list[tuple[str, str]]:
    return [(m, p.format(**SAMPLE_PARAMS)) for m, p in app_routes(client)]


def test_every_route_sends_the_headers_to_an_anonymous_caller(signed: TestClient) -> None:
    signed.cookies.clear()
    routes = _every_route(signed)
    assert len(routes) > 20
    for method, url in routes:
        assert_secure(signed.request(method, url, follow_redirects=False), (method, url))


def test_every_route_sends_the_headers_to_a_signed_in_reviewer(signed: TestClient) -> None:
    csrf = sign_in(signed, "rita")
    statuses = set()
    for method, url in _every_route(signed):
        if url == "/signout":
            continue  # it would end the session the other routes use
        answer = signed.request(method, url, headers={"X-CSRF-Token": csrf}, follow_redirects=False)
        statuses.add(answer.status_code)
        assert_secure(answer, (method, url))
    assert 200 in statuses and statuses & {400, 422}  # pages, and refused bodies alike
    signed.cookies.clear()


def test_every_route_sends_the_headers_to_an_api_token(signed: TestClient) -> None:
    with signed.app.state.sessions() as session:  # type: ignore[attr-defined]
        secret = tokens.add_token(session, "kent-and-medway").secret
    for method, url in _every_route(signed):
        answer = signed.request(method, url, headers={"Authorization": f"Bearer {secret}"})
        assert_secure(answer, (method, url))


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("GET", "/static/workspace.css", 200),
        ("GET", "/static/edit.js", 200),
        ("GET", "/static/missing.js", 404),
        ("GET", "/no/such/page", 404),
        ("DELETE", "/healthz", 405),
        ("GET", "/healthz", 200),
        ("GET", "/signin", 200),
    ],
)
def test_static_files_and_errors_send_the_headers(
    signed: TestClient, method: str, url: str, status: int
) -> None:
    answer = signed.request(method, url)
    assert answer.status_code == status
    assert_secure(answer, url)


def test_a_body_too_large_is_refused_with_the_headers(signed: TestClient) -> None:
    answer = signed.post("/api/check", headers={"Content-Length": str(10**9)}, content=b"")
    assert answer.status_code == 413
    assert_secure(answer, "413")


def test_a_server_error_sends_the_headers(
    tmp_path: Path, service: CheckService, monkeypatch: pytest.MonkeyPatch
) -> None:
    with client_for(tmp_path / "ws.sqlite3", service) as client:
        failing = TestClient(client.app, raise_server_exceptions=False)

        def broken(*_: object) -> None:
            raise RuntimeError("a fault in the server")

        monkeypatch.setattr(client.app.state.service, "check_text", broken)  # type: ignore[attr-defined]
        answer = failing.post("/api/check", json={"text": "id: x\n"})
    assert answer.status_code == 500
    assert "a fault in the server" not in answer.text  # no internals shown
    assert_secure(answer, "500")


def test_the_templates_hold_no_inline_script_or_style() -> None:
    """What the policy would block, kept out of the templates: a script with no ``src``, a
    ``<style>`` element, a ``style=`` attribute, an ``on...=`` handler, a ``javascript:`` link."""
    folder = resources.files("complychk.workspace").joinpath("templates")
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".html"))
    assert len(names) >= 10
    inline = re.compile(
        r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.I
    )
    for name in names:
        text = folder.joinpath(name).read_text(encoding="utf-8")
        assert not inline.findall(text), (name, inline.findall(text))
