"""Reading what is stored: applications with their latest submission, and one submission with
its findings as the library's types, never evaluated again."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam, func, or_, select
from sqlalchemy.orm import Session, contains_eager, load_only, selectinload

from complychk.conditions.condition import Citation, Severity
from complychk.evaluate.findings import Evidence, Finding, Outcome, ProposalReport
from complychk.workspace.models import Application, StoredFinding, Submission


def finding_of(row: StoredFinding) -> Finding:
    """The library's finding, as the checker made it when the submission was stored."""
    return Finding(
        condition_id=row.condition_id,
        title=row.title,
        theme=row.theme,
        severity=Severity(row.severity),
        outcome=Outcome(row.outcome),
        message=row.message,
        evidence=tuple(Evidence(*item) for item in json.loads(row.evidence)),
        source=row.source,
        remedy=row.remedy,
        citations=tuple(Citation(*item) for item in json.loads(row.citations)),
        feature_file=row.feature_file,
        feature_line=row.feature_line,
        tags=tuple(json.loads(row.tags)),
    )


def proposal_report(submission: Submission) -> ProposalReport:
    """The stored submission as the library's report of one proposal (no re-evaluation)."""
    return ProposalReport(
        file=submission.file_name,
        proposal_id=submission.proposal_id,
        title=submission.title,
        kind=submission.kind,
        pack=submission.pack,
        findings=tuple(finding_of(row) for row in submission.findings),
    )


class Summary(NamedTuple):
    """A submission's columns without its text or findings: what lists show."""

    number: int
    file_name: str
    proposal_id: str
    title: str
    kind: str
    pack: str
    pack_version: str
    tool_version: str
    as_of: dt.date
    submitted_at: dt.datetime
    blocks: bool
    fail_count: int
    insufficient_count: int
    pending_count: int
    waived_count: int
    pass_count: int
    not_applicable_count: int

    def counts(self) -> dict[Outcome, int]:
        return {
            Outcome.FAIL: self.fail_count,
            Outcome.INSUFFICIENT_EVIDENCE: self.insufficient_count,
            Outcome.PENDING: self.pending_count,
            Outcome.WAIVED: self.waived_count,
            Outcome.PASS: self.pass_count,
            Outcome.NOT_APPLICABLE: self.not_applicable_count,
        }


class ApplicationRow(NamedTuple):
    """An application on the home page, with its latest submission."""

    slug: str
    title: str
    submissions: int
    latest: Summary


def _latest_query(
    search: str, blocking: bool | None, only: Collection[str] | None = None
) -> Select[Any]:
    """Each application's slug, title, submission count and latest submission's columns
    (of the applications ``only`` names, when given: what a programme team may see)."""
    latest = (
        select(
            Submission.application_id,
            func.max(Submission.number).label("number"),
            func.count(Submission.id).label("total"),
        )
        .group_by(Submission.application_id)
        .subquery()
    )
    columns = [getattr(Submission, name) for name in Summary._fields]
    query = (
        select(Application.slug, Application.title, latest.c.total, *columns)
        .join(latest, latest.c.application_id == Application.id)
        .join(
            Submission,
            (Submission.application_id == Application.id) & (Submission.number == latest.c.number),
        )
    )
    if only is not None:
        query = query.where(Application.slug.in_(sorted(only)))
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(
            or_(func.lower(Application.title).like(pattern), Application.slug.like(pattern))
        )
    if blocking is not None:
        query = query.where(Submission.blocks == blocking)
    return query


def list_applications(
    session: Session,
    search: str = "",
    blocking: bool | None = None,
    limit: int | None = None,
    offset: int = 0,
    only: Collection[str] | None = None,
) -> list[ApplicationRow]:
    """Applications with their latest submission, most recently submitted first.

    Reads columns, not ORM objects: a page of many applications is one light query.
    """
    query = _latest_query(search, blocking, only).order_by(
        Submission.submitted_at.desc(), Application.slug
    )
    query = query.offset(offset).limit(limit)
    return [
        ApplicationRow(slug, title, total, Summary(*rest))
        for slug, title, total, *rest in session.execute(query)
    ]


def count_applications(
    session: Session,
    search: str = "",
    blocking: bool | None = None,
    only: Collection[str] | None = None,
) -> int:
    query = select(func.count()).select_from(_latest_query(search, blocking, only).subquery())
    return int(session.scalar(query) or 0)


def get_application(session: Session, slug: str) -> Application | None:
    return session.scalar(
        select(Application)
        .where(Application.slug == slug)
        .options(selectinload(Application.submissions).defer(Submission.proposal_text))
    )


def get_submission(session: Session, slug: str, number: int) -> Submission | None:
    return session.scalar(
        select(Submission)
        .join(Application)
        .where(Application.slug == slug, Submission.number == number)
        .options(selectinload(Submission.findings), selectinload(Submission.application))
    )


_FINDING = (
    select(Submission, StoredFinding)
    .join(Submission.application)
    .join(StoredFinding, StoredFinding.submission_id == Submission.id)
    .outerjoin(StoredFinding.review)
    .where(
        Application.slug == bindparam("slug"),
        Submission.number == bindparam("number"),
        StoredFinding.condition_id == bindparam("condition_id"),
    )
    .options(
        contains_eager(Submission.application),
        contains_eager(StoredFinding.review),
        # what a decision reads of them; another column is read when first used
        load_only(Submission.number, Submission.as_of),
        load_only(StoredFinding.condition_id, StoredFinding.outcome),
    )
)
"""Built once: a decision runs it, and building a statement costs more than running it."""


def get_finding(
    session: Session, slug: str, number: int, condition_id: str
) -> tuple[Submission, StoredFinding] | None:
    """One finding of a submission, with the submission, its application and the decision on
    the finding, in one query (a decision needs no other finding: reading all of them was most
    of a decision's time; nor the texts of this one, or the proposal's)."""
    row = session.execute(
        _FINDING, {"slug": slug, "number": number, "condition_id": condition_id}
    ).first()
    return None if row is None else (row[0], row[1])
