"""Pushing a proposal to a workspace over its JSON API with an API token (``complychk push``).

Standard library only, so a CI job can push without installing the workspace's server
libraries.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from complychk.errors import ConfigError

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
TIMEOUT = 120.0
"""Seconds to wait for the workspace: it checks the proposal before it answers."""


@dataclass(frozen=True)
class Pushed:
    """A submission the workspace stored: where it is and what it found."""

    application: str
    number: int
    counts: dict[str, int]
    blocks: bool
    page: str


class Refused(ConfigError):
    """The workspace answered, and did not store the proposal."""


class ProposalRefused(Refused):
    """The workspace could not read the proposal: its message starts ``FILE:LINE:COL:``."""

    def __init__(self, message: str, file: str) -> None:
        super().__init__(message)
        self.file = file


def check_url(url: str) -> str:
    """The workspace's address without a trailing slash.

    Raises:
        ConfigError: not an http(s) address, or plain http to another machine, which would send
            the token where anyone on the way can read it.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"--url {url!r}: give the workspace's address, e.g. https://host/")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise ConfigError(
            f"--url {url!r}: a token is sent over https only (plain http is allowed to "
            "127.0.0.1, ::1 or localhost)"
        )
    return url.rstrip("/")


def push(
    url: str, token: str, application: str, text: str, file_name: str, as_of: dt.date | None
) -> Pushed:
    """Store ``text`` as ``application``'s next submission in the workspace at ``url``.

    ``file_name`` may have folders: the workspace keeps its last part, and an error it finds
    in the proposal is said with ``file_name`` as given, so an editor or a CI log can jump to it.

    Raises:
        ProposalRefused: the workspace could not read the proposal; nothing was stored.
        Refused: the workspace refused it for another reason (the token's, the size's).
        ConfigError: the workspace could not be reached.
    """
    base = check_url(url)
    body = {"text": text, "file_name": file_name, "as_of": as_of and as_of.isoformat()}
    request = urllib.request.Request(
        f"{base}/api/applications/{quote(application, safe='')}/submissions",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT) as response:
            data = response.read()
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise Refused(
                f"the workspace at {base} sent the request to {error.headers.get('location')} "
                f"instead (HTTP {error.code}); give --url as the address it answers at"
            ) from None
        raise _refusal(error, file_name) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ConfigError(f"cannot reach the workspace at {base}: {reason}") from None
    try:
        answer = json.loads(data)
        number = int(answer["number"])
        return Pushed(
            application=str(answer["application"]),
            number=number,
            counts={str(k): int(v) for k, v in answer["counts"].items()},
            blocks=bool(answer["blocks"]),
            page=f"{base}/applications/{answer['application']}/submissions/{number}",
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ConfigError(
            f"{base} answered, but not as a complychk workspace does; check --url"
        ) from None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: urllib would send the token on to wherever it points (another
    host, even), and turn the POST into a GET that stores nothing."""

    def redirect_request(self, *_: Any, **__: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _refusal(error: urllib.error.HTTPError, file_name: str) -> Refused:
    """The workspace's own one-line reason, whatever shape its JSON answer has."""
    try:
        answer: Any = json.loads(error.read())
    except ValueError:
        answer = None
    if isinstance(answer, dict) and isinstance(answer.get("error"), dict):
        message = str(answer["error"].get("message"))
        stored_as = file_name.replace("\\", "/").rsplit("/", 1)[-1]
        if message.startswith(f"{stored_as}:"):
            message = file_name + message[len(stored_as) :]
        return ProposalRefused(message, file_name)
    detail = answer.get("detail") if isinstance(answer, dict) else None
    if isinstance(detail, list):  # a request the API's schema refused
        detail = "; ".join(str(item.get("msg", item)) for item in detail)
    return Refused(f"the workspace refused it (HTTP {error.code}): {detail or error.reason}")
