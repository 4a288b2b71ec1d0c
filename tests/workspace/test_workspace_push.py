"""``complychk push``: a CI job stores a proposal in a workspace served over HTTP, with its token."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import uvicorn
from fastapi import FastAPI
from workspace_kit import KENT_1, KENT_2, TODAY

from complychk.cli import main
from complychk.workspace import queries, tokens
from complychk.workspace.app import create_app
from complychk.workspace.checking import CheckService
from complychk.workspace.settings import Settings

KENT = "kent-and-medway"


@dataclass
class Served:
    url: str
    app: FastAPI

    def token(self, application: str = KENT) -> str:
        with self.app.state.sessions() as session:
            return tokens.add_token(session, application, "CI").secret

    def numbers(self, application: str = KENT) -> list[int]:
        with self.app.state.sessions() as session:
            found = queries.get_application(session, application)
            return [] if found is None else [s.number for s in found.submissions]


@pytest.fixture
def served(tmp_path: Path, service: CheckService) -> Iterator[Served]:
    """The workspace with sign-in on, served by uvicorn on a free loopback port."""
    app = create_app(
        Settings(db_url=f"sqlite:///{tmp_path / 'ws.sqlite3'}", as_of=TODAY, sign_in=True),
        service,
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", app)
    server.should_exit = True
    thread.join(timeout=10)


def _push(
    monkeypatch: pytest.MonkeyPatch, url: str, token: str, proposal: Path | str, *extra: str
) -> int:
    monkeypatch.setenv("COMPLYCHK_TOKEN", token)
    return main(["push", str(proposal), "--application", KENT, "--url", url, *extra])


def test_push_stores_the_proposal_and_says_where(
    served: Served, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = served.token()
    assert _push(monkeypatch, served.url, token, KENT_1) == 0
    assert _push(monkeypatch, served.url + "/", token, KENT_2, "--as-of", "2020-04-30") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"stored {KENT_1} as submission 1 of kent-and-medway: ")
    assert " fail, " in out[0] and out[0].endswith("; blocks at must")
    assert out[1] == f"{served.url}/applications/kent-and-medway/submissions/1"
    assert out[2].startswith(f"stored {KENT_2} as submission 2 of kent-and-medway: ")
    assert served.numbers() == [1, 2]
    with served.app.state.sessions() as session:
        second = queries.get_submission(session, KENT, 2)
        assert second is not None
        assert second.file_name == KENT_2.name and second.as_of.isoformat() == "2020-04-30"
        assert second.proposal_text == KENT_2.read_text()


def test_push_of_an_unreadable_proposal_names_its_line_and_stores_nothing(
    served: Served,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    broken = tmp_path / "proposals" / "kent.yaml"
    broken.parent.mkdir()
    broken.write_text(KENT_1.read_text().replace("title:", "title: [unclosed", 1))
    assert _push(monkeypatch, served.url, served.token(), broken) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"{broken}:")  # the path as given, for the CI log
    assert served.numbers() == []


def test_push_with_a_revoked_token_or_for_another_application_is_refused(
    served: Served, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    token = served.token("coventry-and-warwickshire")
    assert _push(monkeypatch, served.url, token, KENT_1) == 2
    assert capsys.readouterr().err == (
        "complychk: the workspace refused it (HTTP 403): this API token is for application "
        "coventry-and-warwickshire only\n"
    )
    token = served.token()
    with served.app.state.sessions() as session:
        tokens.revoke_token(session, tokens.list_tokens(session, KENT)[0].id)
    assert _push(monkeypatch, served.url, token, KENT_1) == 2
    assert "(HTTP 401): the API token is unknown or revoked" in capsys.readouterr().err
    assert served.numbers() == []


@pytest.mark.parametrize(
    ("url", "token", "message"),
    [
        ("http://workspace.example", "cck_x", "a token is sent over https only"),
        ("ftp://workspace.example", "cck_x", "give the workspace's address"),
        ("https://workspace.example", "", "set $COMPLYCHK_TOKEN"),
        ("http://127.0.0.1:9", "cck_x", "cannot reach the workspace at http://127.0.0.1:9"),
    ],
)
def test_push_that_cannot_be_sent_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    url: str,
    token: str,
    message: str,
) -> None:
    assert _push(monkeypatch, url, token, KENT_1) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and message in captured.err


def test_push_reads_the_address_from_the_environment(
    served: Served, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("COMPLYCHK_URL", served.url)
    monkeypatch.setenv("COMPLYCHK_TOKEN", served.token())
    assert main(["push", str(KENT_1), "--application", KENT]) == 0
    assert main(["push", str(tmp_path / "missing.yaml"), "--application", KENT]) == 2
    assert served.numbers() == [1]


def test_the_token_is_never_an_argument() -> None:
    with pytest.raises(SystemExit):
        main(["push", str(KENT_1), "--application", KENT, "--token", "cck_x"])


class _NotAWorkspace(BaseHTTPRequestHandler):
    """Answers every POST as ``self.server.answer`` says: (status, headers, body)."""

    seen: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        _NotAWorkspace.seen.append(dict(self.headers))
        status, headers, body = self.server.answer  # type: ignore[attr-defined]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def elsewhere() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotAWorkspace)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _NotAWorkspace.seen.clear()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            (307, {"Location": "https://other.example/api"}, b""),
            "sent the request to https://other.example/api instead (HTTP 307)",
        ),
        ((200, {"Content-Type": "text/html"}, b"<html>hello</html>"), "not as a complychk"),
        ((201, {"Content-Type": "application/json"}, b'{"detail": 1}'), "not as a complychk"),
        ((502, {"Content-Type": "text/html"}, b"<html>bad gateway</html>"), "(HTTP 502)"),
    ],
)
def test_push_to_something_not_a_workspace_is_one_line(
    elsewhere: ThreadingHTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    answer: tuple[int, dict[str, str], bytes],
    message: str,
) -> None:
    elsewhere.answer = answer  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{elsewhere.server_address[1]}"
    assert _push(monkeypatch, url, "cck_secret", KENT_1) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and message in captured.err
    assert len(_NotAWorkspace.seen) == 1  # a redirect is not followed with the token
