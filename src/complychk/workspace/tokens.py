"""API tokens for CI: made for one application, shown once, stored hashed, listed, revoked.

A token lets a pipeline store a new submission of its application and read that application's
results, and nothing else (:data:`complychk.workspace.auth.TOKEN_ROUTES` says which routes).
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from complychk.errors import ConfigError
from complychk.workspace.models import ApiToken
from complychk.workspace.store import valid_slug
from complychk.workspace.users import token_hash, utcnow

PREFIX = "cck_"
"""Starts every token, so a secret scanner (or a person) can tell one in a leaked log."""
TOKEN_BYTES = 32
LAST_USED_EVERY = dt.timedelta(minutes=1)
"""``last_used_at`` is written at most this often, so a busy pipeline does not write on every
read; it is accurate to the minute."""
MAX_LABEL = 200


class NewToken(NamedTuple):
    """A token just made: its stored record, and the secret, which nothing keeps."""

    record: ApiToken
    secret: str


def add_token(
    session: Session, application: str, label: str = "", now: dt.datetime | None = None
) -> NewToken:
    """Make a token for ``application`` (which may not have its first submission yet).

    The secret is 32 random bytes from :mod:`secrets` (256 bits). Only its SHA-256 is stored:
    unlike a password, a token is far too random to guess, so one fast hash is enough to make a
    copy of the database useless for calling the API, and lets each request find its token by
    an indexed lookup instead of a slow password hash per request.

    Raises:
        ConfigError: the application name or the label cannot be stored.
    """
    check_new_token(application, label)
    secret = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    record = ApiToken(
        token_hash=token_hash(secret),
        application_slug=application,
        label=label,
        created_at=(now or utcnow()).replace(microsecond=0),
    )
    session.add(record)
    session.commit()
    return NewToken(record, secret)


def check_new_token(application: str, label: str) -> None:
    """Refuse an application name or a label that cannot be stored (before opening a database).

    Raises:
        ConfigError: the name is not an application name, or the label is not one short line.
    """
    if not valid_slug(application):
        raise ConfigError(
            f"application {application!r}: write lower-case letters, digits and hyphens"
        )
    if len(label) > MAX_LABEL or any(c in label for c in "\r\n\t"):
        raise ConfigError(f"the label: write one line of at most {MAX_LABEL} characters")


def list_tokens(session: Session, application: str | None = None) -> list[ApiToken]:
    """Every token (or ``application``'s), oldest first; never a secret, which is not stored."""
    query = select(ApiToken).order_by(ApiToken.id)
    if application is not None:
        query = query.where(ApiToken.application_slug == application)
    return list(session.scalars(query))


def revoke_token(session: Session, token_id: int, now: dt.datetime | None = None) -> ApiToken:
    """Refuse ``token_id`` from now on; its record stays, to show when it was made and used.

    Raises:
        ConfigError: no token has that number.
    """
    record = session.get(ApiToken, token_id)
    if record is None:
        raise ConfigError(f"there is no token {token_id}; see complychk tokens list")
    if record.revoked_at is None:
        record.revoked_at = (now or utcnow()).replace(microsecond=0)
        session.commit()
    return record


def token_for(session: Session, secret: str, now: dt.datetime | None = None) -> ApiToken | None:
    """The live token whose secret was sent, its use recorded; None if unknown or revoked."""
    if not secret.startswith(PREFIX):
        return None
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    if record is None or record.revoked_at is not None:
        return None
    now = (now or utcnow()).replace(microsecond=0)
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_EVERY:
        record.last_used_at = now
        session.commit()
    return record
