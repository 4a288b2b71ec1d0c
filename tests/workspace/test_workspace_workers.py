"""``complychk serve --workers N``: several processes answer the same workspace, and a person
signed in on one is signed in on all; every decision, whichever process recorded it, is in the
audit log once.

Which worker answers is the kernel's choice, per connection. The tests keep connections open and
find the worker holding each one from ``/proc`` (the server's socket of the connection and the
process that has it open), so both workers are seen to answer, not assumed to.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from server_kit import Browser
from signin_kit import PASSWORD, form_token
from workspace_kit import free_port, served

from complychk.cli import main

KENT = "/api/applications/kent-and-medway/submissions/1"


def _worker_of(browser: Browser, workers: list[int]) -> int:
    """Which of the worker processes holds the other end of the browser's connection."""
    assert browser.http.sock is not None, "the browser has not sent anything yet"
    client_port = browser.http.sock.getsockname()[1]
    server_port = browser.http.sock.getpeername()[1]
    inode = _socket_inode(server_port, client_port)
    for pid in workers:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if fd.readlink().name == f"socket:[{inode}]":
                    return pid
            except OSError:  # closed meanwhile
                continue
    raise AssertionError(f"no worker holds the connection from port {client_port}")


def _socket_inode(local_port: int, remote_port: int) -> str:
    """The inode of the loopback TCP socket from ``local_port`` to ``remote_port``."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if (
            int(fields[1].rsplit(":", 1)[1], 16) == local_port
            and int(fields[2].rsplit(":", 1)[1], 16) == remote_port
        ):
            return fields[9]
    raise AssertionError(f"no socket from port {local_port} to {remote_port}")


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _workers(server_pid: int) -> list[int]:
    """The processes answering requests: the server's children that hold a socket (the
    listening one; Python's multiprocessing also starts a resource tracker, which holds none)."""
    return [pid for pid in _children(server_pid) if _listens(pid)]


def _listens(pid: int) -> bool:
    return any(
        fd.readlink().name.startswith("socket:")
        for fd in Path(f"/proc/{pid}/fd").iterdir()
        if fd.is_symlink()
    )


class Workers:
    """A server with several workers: its port, its workers' PIDs, and the connections a test
    opened to it (closed when the test ends)."""

    def __init__(self, port: int, pids: list[int]) -> None:
        self.port = port
        self.pids = pids
        self.opened: list[Browser] = []

    def connect(self, cookies: dict[str, str] | None = None) -> Browser:
        connection = Browser(self.port, cookies)
        self.opened.append(connection)
        return connection

    def one_on_each(self, cookies: dict[str, str]) -> dict[int, Browser]:
        """Open connections (sharing ``cookies``) until each worker holds one."""
        held: dict[int, Browser] = {}
        for _ in range(40):
            connection = self.connect(cookies)
            connection.send("GET", "/healthz")  # accepted and answered: a worker holds it
            held.setdefault(_worker_of(connection, self.pids), connection)
            if len(held) == len(self.pids):
                return held
        raise AssertionError(f"40 connections, all held by worker {sorted(held)}")


@pytest.fixture
def two_workers(team_db_url: str) -> Iterator[Workers]:
    """The team's workspace served by two worker processes."""
    with served("--db", team_db_url, "--workers", "2") as server:
        workers = Workers(server.port, _workers(server.pid))
        assert len(workers.pids) == 2, workers.pids
        try:
            yield workers
        finally:
            for connection in workers.opened:
                connection.http.close()
    assert server.returncode == 0, server.stderr
    assert "2 worker processes" in server.stderr


def test_a_reviewer_signed_in_on_one_worker_records_decisions_on_both(
    two_workers: Workers,
) -> None:
    first = two_workers.connect()
    assert first.sign_in("rita", PASSWORD) == 303
    on = two_workers.one_on_each(first.cookies)
    status, text = first.send("GET", KENT)
    assert status == 200, text
    report = json.loads(text)["report"]
    conditions = [f["condition_id"] for p in report["proposals"] for f in p["findings"]]
    notes = []
    for n, (pid, connection) in enumerate(sorted(on.items()) * 3):
        connection.csrf = first.csrf  # the session's token, whichever worker checks it
        note = f"worker {pid}, decision {n}"
        body = json.dumps({"action": "ask", "question": "Which paper shows this?", "note": note})
        path = f"{KENT}/findings/{conditions[n]}/decisions"
        status, text = connection.send("POST", path, body.encode(), "application/json")
        assert status == 200, text
        assert json.loads(text)["review"]["state"] == "information requested"
        notes.append(note)
    status, log = on[two_workers.pids[1]].send("GET", "/audit.csv")
    assert status == 200, log
    details = [row["detail"] for row in csv.DictReader(io.StringIO(log))]
    assert sorted(details) == sorted(f"question: Which paper shows this?; note: {n}" for n in notes)


def test_failed_sign_ins_count_across_workers(two_workers: Workers) -> None:
    """The slowing of repeated failed sign-ins holds whichever worker is asked: the count is
    in the database, not in a process."""
    on = two_workers.one_on_each({})
    first, second = (on[pid] for pid in two_workers.pids)

    def form(connection: Browser) -> bytes:
        _, page = connection.send("GET", "/signin")
        fields = {"name": "rita", "password": "a wrong guess!", "csrf_token": form_token(page)}
        return urlencode(fields).encode()

    def attempt(connection: Browser, body: bytes) -> str:
        return connection.send("POST", "/signin", body, "application/x-www-form-urlencoded")[1]

    answers = [attempt(first, form(first)), attempt(second, form(second))]
    third, fourth = form(first), form(second)
    # The third failure slows the next attempt for a second: the fourth is sent the moment
    # the third is answered, so a loaded machine cannot let that second run out between them.
    answers += [attempt(first, third), attempt(second, fourth)]
    assert "too many failed sign-ins" not in answers[2]
    assert "too many failed sign-ins; try again in" in answers[3]


@pytest.mark.parametrize("workers", ["0", "-1"])
def test_fewer_than_one_worker_is_refused(workers: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--workers", workers, "--demo", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"--workers {workers}: give 1 or more" in err


def test_an_in_memory_database_is_not_shared_by_workers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = str(free_port())
    assert main(["serve", "--workers", "2", "--db", "sqlite:///:memory:", "--port", port]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--workers 2: an in-memory SQLite database cannot be shared by worker processes" in err
