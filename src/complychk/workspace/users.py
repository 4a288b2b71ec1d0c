"""Users, their roles and passwords: adding, listing, disabling, and checking a sign-in.

Passwords are kept only as Argon2id hashes (argon2-cffi). Failed sign-ins slow the next attempt
(1 s, 2 s, 4 s, ... after the third) and the tenth locks the name for a quarter of an hour.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import secrets
from collections.abc import Sequence
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session, selectinload

from complychk.errors import ConfigError
from complychk.workspace.models import Membership, User, WebSession


class Role(enum.Enum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    PROGRAMME_TEAM = "programme-team"


MIN_PASSWORD = 12
FREE_ATTEMPTS = 3
"""Failed sign-ins allowed before each further attempt must wait."""
LOCK_AFTER = 10
LOCK_FOR = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)

_HASHER = PasswordHasher()
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))
"""Verified against for an unknown name, so it takes as long as a known one."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def add_user(
    session: Session, name: str, role: Role, password: str, applications: Sequence[str] = ()
) -> User:
    """Store a new user with the hash of ``password``.

    Raises:
        ConfigError: the name is taken, the password too short, or the applications do not
            fit the role (a programme team member needs one or more; others none).
    """
    check_new_user(name, role, applications)
    if len(password) < MIN_PASSWORD:
        raise ConfigError(
            f"the password is shorter than {MIN_PASSWORD} characters; choose a longer one"
        )
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise ConfigError(f"user {name} already exists; choose another name")
    user = User(
        name=name,
        role=role.value,
        password_hash=_HASHER.hash(password),
        disabled=False,
        failed_sign_ins=0,
        created_at=utcnow(),
        memberships=[Membership(application_slug=slug) for slug in sorted(set(applications))],
    )
    session.add(user)
    session.commit()
    return user


def check_new_user(name: str, role: Role, applications: Sequence[str]) -> None:
    """Refuse a name or a role's applications that cannot be stored (before asking a password).

    Raises:
        ConfigError: the name is empty, too long or has spaces; a programme team member has no
            application, or another role has some.
    """
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise ConfigError(f"user name {name!r}: write 1 to 100 characters without spaces")
    if role is Role.PROGRAMME_TEAM and not applications:
        raise ConfigError(
            "a programme team member sees only named applications: give --application ID"
        )
    if role is not Role.PROGRAMME_TEAM and applications:
        raise ConfigError(f"--application is for programme team members; a {role.value} sees all")


def list_users(session: Session) -> list[User]:
    return list(
        session.scalars(select(User).options(selectinload(User.memberships)).order_by(User.name))
    )


def disable_user(session: Session, name: str) -> User:
    """Stop ``name`` signing in, and end the sessions it has open.

    Raises:
        ConfigError: no user has that name.
    """
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise ConfigError(f"there is no user {name}; see complychk users list")
    user.disabled = True
    session.execute(delete(WebSession).where(WebSession.user_id == user.id))
    session.commit()
    return user


class SignIn(NamedTuple):
    """A sign-in's outcome: the session's cookie token and CSRF token, or why it was refused."""

    token: str = ""
    csrf_token: str = ""
    refused: str = ""


REFUSED = "the name or password is wrong"


def sign_in(session: Session, name: str, password: str, now: dt.datetime | None = None) -> SignIn:
    """Check a name and password; on success open a session, else count the failure."""
    now = now or utcnow()
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        _verify(_DUMMY_HASH, password)
        return SignIn(refused=REFUSED)
    if user.next_attempt_at is not None and now < user.next_attempt_at:
        wait = int((user.next_attempt_at - now).total_seconds()) + 1
        return SignIn(refused=f"too many failed sign-ins; try again in {wait} seconds")
    if not _verify(user.password_hash, password) or user.disabled:
        user.failed_sign_ins += 1
        user.next_attempt_at = _next_attempt(user.failed_sign_ins, now)
        session.commit()
        return SignIn(refused=REFUSED)
    user.failed_sign_ins = 0
    user.next_attempt_at = None
    token = secrets.token_urlsafe(32)
    csrf_token = secrets.token_urlsafe(32)
    session.add(
        WebSession(
            token_hash=token_hash(token),
            user_id=user.id,
            csrf_token=csrf_token,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.commit()
    return SignIn(token=token, csrf_token=csrf_token)


def _next_attempt(failures: int, now: dt.datetime) -> dt.datetime | None:
    if failures >= LOCK_AFTER:
        return now + LOCK_FOR
    if failures >= FREE_ATTEMPTS:
        return now + dt.timedelta(seconds=2 ** (failures - FREE_ATTEMPTS))
    return None


def _verify(stored: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    """What is stored of a session token: a database reader cannot sign in with it."""
    return hashlib.sha256(token.encode()).hexdigest()


class LiveSession(NamedTuple):
    """A signed-in browser's session, as the check every request passes needs it."""

    name: str
    role: str
    applications: tuple[str, ...]
    """The applications a programme team member belongs to; empty for other roles."""
    csrf_token: str


_LIVE_SESSION = (
    select(User.id, User.name, User.role, WebSession.csrf_token)
    .join(User, User.id == WebSession.user_id)
    .where(
        WebSession.token_hash == bindparam("token_hash"),
        WebSession.expires_at > bindparam("now"),
        User.disabled.is_(False),
    )
)
"""Built once: every request runs it, and building a statement costs more than running it."""
_MEMBERSHIPS = (
    select(Membership.application_slug)
    .where(Membership.user_id == bindparam("user_id"))
    .order_by(Membership.application_slug)
)


def session_for(session: Session, token: str, now: dt.datetime | None = None) -> LiveSession | None:
    """The live session of a cookie token, with its user; None if unknown, expired or disabled.

    One query (two for a programme team member, whose applications it reads too), columns
    rather than objects: every signed-in request runs it.
    """
    if not token:
        return None
    # On the session's connection: columns need none of the ORM's work on a result.
    found = (
        session.connection()
        .execute(_LIVE_SESSION, {"token_hash": token_hash(token), "now": now or utcnow()})
        .first()
    )
    if found is None:
        return None
    user_id, name, role, csrf_token = found
    applications: tuple[str, ...] = ()
    if role == Role.PROGRAMME_TEAM.value:
        applications = tuple(session.connection().scalars(_MEMBERSHIPS, {"user_id": user_id}))
    return LiveSession(name, role, applications, csrf_token)


def sign_out(session: Session, token: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(token)))
    session.commit()
