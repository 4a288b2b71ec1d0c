"""``complychk serve``'s refusals: each is one line on stderr and exit status 2, nothing served."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from server_kit import free_port
from workspace_kit import SAMPLES, served

from complychk.cli import main


@pytest.mark.parametrize("option", ["--no-auth", "--demo"])
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.org"])
def test_without_sign_in_serve_listens_on_loopback_only(
    host: str, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", host, option]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"--host {host}: {option} serves without sign-in, so only on this machine" in err


@pytest.mark.parametrize("missing", ["fastapi", "sqlalchemy", "uvicorn"])
@pytest.mark.parametrize("command", ["serve", "workspace import"])
def test_without_the_extra_the_install_command_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # as if it were not installed
    arguments = ["--port", str(free_port())] if command == "serve" else ["x.yaml"]
    assert main([*command.split(), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pip install 'complychk[workspace]'" in err


def test_serve_on_a_busy_port_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in err


def test_a_database_url_that_is_not_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["workspace", "import", "x.yaml", "--db", "not a url"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not a database URL" in err


def test_a_file_that_is_not_a_database(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("meeting notes, not a database\n")
    assert main(["serve", "--db", f"sqlite:///{notes}", "--port", str(free_port())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "file is not a database" in err
    assert notes.read_text() == "meeting notes, not a database\n"  # left as it was


def test_a_stopped_demo_leaves_no_database_behind(tmp_path) -> None:
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "complychk", "serve", "--demo", "--port", str(port)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/applications") as answer:
                    assert "kent-and-medway" in {
                        a["slug"] for a in json.load(answer)["applications"]
                    }
                    break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert [p.name[:15] for p in tmp_path.iterdir()] == ["complychk-demo-"]
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert list(tmp_path.iterdir()) == []
    assert f"loaded the {len(list(SAMPLES.glob('*.yaml')))} sample proposals" in err


def test_with_sign_in_serve_may_listen_beyond_loopback(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:  # so serve stops at the port, after accepting the host
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--host", "0.0.0.0", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"cannot listen on 0.0.0.0:{port}" in err


@pytest.mark.parametrize(
    ("headers", "secure"), [({}, False), ({"X-Forwarded-Proto": "https"}, True)]
)
def test_behind_a_proxy_on_this_machine_https_makes_the_cookies_secure(
    tmp_path, headers: dict[str, str], secure: bool
) -> None:
    """What docs/workspace.md's nginx example relies on: uvicorn trusts X-Forwarded-Proto from
    127.0.0.1, so the cookies of a page served over HTTPS are marked Secure."""
    with served("--db", f"sqlite:///{tmp_path / 'ws.sqlite3'}") as server:
        request = urllib.request.Request(f"http://127.0.0.1:{server.port}/signin", headers=headers)
        with urllib.request.urlopen(request) as answer:
            cookies = answer.headers.get_all("Set-Cookie")
    assert cookies and all(("; secure" in c.lower()) == secure for c in cookies), cookies
