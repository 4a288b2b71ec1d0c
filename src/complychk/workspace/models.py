"""The stored shapes: an application, its submissions, and each submission's findings.

A submission keeps everything its pages show (proposal text, file name, assessment date, the
complychk and pack versions, its findings), so history pages never evaluate again.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from complychk.findings import Outcome


class Base(DeclarativeBase):
    pass


class Application(Base):
    """One proposal over time: the submissions made for it, in order."""

    __tablename__ = "application"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    submissions: Mapped[list[Submission]] = relationship(
        back_populates="application", order_by="Submission.number"
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
