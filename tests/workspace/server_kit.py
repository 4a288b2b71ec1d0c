"""A real ``complychk serve`` on a free loopback port, for the browser tests and the benchmarks."""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serving(
    arguments: list[str], log: Path, env: Mapping[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``complychk serve ARGUMENTS`` until the block ends, its output in ``log``; yields its base
    URL once ``/healthz`` answers, and the process.

    Raises:
        RuntimeError: the server exited or did not answer within a minute (with its output).
    """
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "complychk", "serve", *arguments, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the workspace did not start:\n{log.read_text()}") from None
                time.sleep(0.1)
        yield base, process
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        if process.poll() is None:
            process.kill()


class Browser:
    """A person's browser on a served workspace: one kept-alive connection, the cookies it was
    given (shared with other browsers when they are handed the same dict) and its session's
    CSRF token, which a request that changes something carries."""

    def __init__(
        self, port: int, cookies: dict[str, str] | None = None, timeout: float = 30
    ) -> None:
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies = {} if cookies is None else cookies
        self.csrf = ""

    def send(
        self, method: str, path: str, body: bytes | None = None, content_type: str = ""
    ) -> tuple[int, str]:
        """The answer's status and text; cookies it sets are kept, those it clears dropped."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        if self.csrf:
            headers["X-CSRF-Token"] = self.csrf
        try:
            self.http.request(method, path, body, headers)
            answer = self.http.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException):
            self.http.close()  # the next request opens a new connection
            raise
        for header in answer.headers.get_all("set-cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value.strip('"'):
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer.status, data.decode()

    def sign_in(self, name: str, password: str) -> int:
        """Sign in through the form, as a person does; the form's answer (303 when signed in,
        and then the new session's CSRF token is kept from the home page)."""
        _, page = self.send("GET", "/signin")
        form = {
            "csrf_token": page_value(r'name="csrf_token" value="([^"]+)"', page),
            "next": "/",
            "name": name,
            "password": password,
        }
        body = urlencode(form).encode()
        status, _ = self.send("POST", "/signin", body, "application/x-www-form-urlencoded")
        if status == 303:
            _, home = self.send("GET", "/")
            self.csrf = page_value(r'<meta name="csrf-token" content="([^"]+)"', home)
        return status


def page_value(pattern: str, page: str) -> str:
    """What ``pattern``'s group finds in ``page``.

    Raises:
        LookupError: the page does not have it.
    """
    found = re.search(pattern, page)
    if found is None:
        raise LookupError(f"the page lacks {pattern!r}")
    return found.group(1)
