"""The stored shapes: applications, submissions, findings; users and their sign-in sessions;
reviewers' decisions, their audit trail, and conditions of approval; the API tokens CI
pipelines push submissions with.

A submission keeps everything its pages show (proposal text, file name, assessment date, the
complychk and pack versions, its findings), so history pages never evaluate again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from complychk.evaluate.findings import Outcome


class Base(DeclarativeBase):
    pass


class Application(Base):
    """One proposal over time: the submissions made for it, in order."""

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(40), default="submitted")
    """Where the review stands: one of :class:`complychk.workspace.approval.Status`."""
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="application", order_by="Submission.number"
    )
    approval_conditions: Mapped[list[ApprovalCondition]] = relationship(
        back_populates="application", order_by="ApprovalCondition.id"
    )


class Submission(Base):
    """One proposal file as submitted, with the verdicts complychk gave it then."""

    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("application_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    """1 for an application's first submission, then 2, 3, ..."""
    file_name: Mapped[str] = mapped_column(Text)
    proposal_text: Mapped[str] = mapped_column(Text)
    proposal_id: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(60))
    pack: Mapped[str] = mapped_column(String(60))
    pack_version: Mapped[str] = mapped_column(String(60))
    tool_version: Mapped[str] = mapped_column(String(60))
    as_of: Mapped[dt.date] = mapped_column(Date)
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime)
    fail_count: Mapped[int] = mapped_column(Integer)
    insufficient_count: Mapped[int] = mapped_column(Integer)
    pending_count: Mapped[int] = mapped_column(Integer)
    waived_count: Mapped[int] = mapped_column(Integer)
    pass_count: Mapped[int] = mapped_column(Integer)
    not_applicable_count: Mapped[int] = mapped_column(Integer)
    blocks: Mapped[bool] = mapped_column()
    """Whether a finding fails it at ``must`` (as ``complychk check`` would exit 1)."""
    application: Mapped[Application] = relationship(back_populates="submissions")
    findings: Mapped[list[StoredFinding]] = relationship(
        back_populates="submission", order_by="StoredFinding.position"
    )

    def counts(self) -> dict[Outcome, int]:
        """Findings per outcome, from the stored counts (no finding is read)."""
        return {
            Outcome.FAIL: self.fail_count,
            Outcome.INSUFFICIENT_EVIDENCE: self.insufficient_count,
            Outcome.PENDING: self.pending_count,
            Outcome.WAIVED: self.waived_count,
            Outcome.PASS: self.pass_count,
            Outcome.NOT_APPLICABLE: self.not_applicable_count,
        }


class StoredFinding(Base):
    """A finding as the checker made it; evidence and citations as JSON text."""

    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    condition_id: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(30))
    message: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    remedy: Mapped[str] = mapped_column(Text)
    citations: Mapped[str] = mapped_column(Text)
    feature_file: Mapped[str] = mapped_column(Text)
    feature_line: Mapped[int] = mapped_column(Integer)
    tags: Mapped[str] = mapped_column(Text)
    submission: Mapped[Submission] = relationship(back_populates="findings")
    review: Mapped[Review | None] = relationship(back_populates="finding")
    """The decision on it, if anyone took one."""


class User(Base):
    """Someone who may sign in: an admin, a reviewer, or a member of a programme team."""

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    """Argon2id, as argon2-cffi writes it (salt and parameters included); never the password."""
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    """Failed sign-ins since the last one that succeeded."""
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    """No sign-in is tried before this moment (UTC): slowed after failures, then locked."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", order_by="Membership.application_slug", cascade="all, delete-orphan"
    )

    def applications(self) -> list[str]:
        return [m.application_slug for m in self.memberships]


class Membership(Base):
    """A programme team member's application, by name (it may be added before its first
    submission is)."""

    __tablename__ = "membership"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    application_slug: Mapped[str] = mapped_column(String(200), primary_key=True)
    user: Mapped[User] = relationship(back_populates="memberships")


class WebSession(Base):
    """A signed-in browser: its cookie's token is stored hashed, with its CSRF token."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[User] = relationship()


class Review(Base):
    """Where a reviewer's decision on one finding stands now; its history is the audit log.

    A finding has a row here once someone decided on it (or a decision was carried over to it
    from the previous submission)."""

    __tablename__ = "review"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("finding.id"), unique=True)
    state: Mapped[str] = mapped_column(String(30))
    """One of :class:`complychk.workspace.decisions.State`."""
    re_review: Mapped[bool] = mapped_column(Boolean, default=False)
    """Carried over from a submission whose finding had another outcome or evidence."""
    justification: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(Text, default="")
    expires: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    requested_by: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(Text, default="")
    question: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer)
    """Counts the changes: a change based on an older version is refused, not lost."""
    finding: Mapped[StoredFinding] = relationship(back_populates="review")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own shape)


class AuditRecord(Base):
    """One decision, status change or carry-over, as it happened. Rows are only ever added:
    :mod:`complychk.workspace.audit` refuses any update or delete of this table."""

    __tablename__ = "audit_log"
    __table_args__ = (
        # a finding's history, read by its page and with every decision on it
        Index("ix_audit_log_application_condition", "application_slug", "condition_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(40))
    application_slug: Mapped[str] = mapped_column(String(200), index=True)
    submission_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    condition_id: Mapped[str] = mapped_column(String(60), default="")
    state_before: Mapped[str] = mapped_column(String(40), default="")
    state_after: Mapped[str] = mapped_column(String(40), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    """What was written with it (justification, question, due date...), as one line."""


class ApprovalCondition(Base):
    """A condition of approval, tracked against the condition whose finding was pending."""

    __tablename__ = "approval_condition"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("application.id"), index=True)
    condition_id: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[dt.date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    application: Mapped[Application] = relationship(back_populates="approval_conditions")


class ApiToken(Base):
    """A CI pipeline's key to one application: it may store submissions of that application and
    read their results, nothing else. Only a hash of the token is stored (see
    :func:`complychk.workspace.tokens.token_hash`); the token itself is shown once, when made."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    application_slug: Mapped[str] = mapped_column(String(200), index=True)
    label: Mapped[str] = mapped_column(Text)
    """What the token is for, as its maker named it (e.g. "GitHub Actions")."""
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
