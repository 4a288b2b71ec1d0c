"""Storing submissions: one transaction per submission, findings kept as checked.

A submission is checked before anything is written, then stored with all its findings in one
transaction, so a bad file stores nothing and a process killed midway leaves nothing half-stored.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from complychk import __version__
from complychk.errors import ComplychkError
from complychk.evaluate.findings import Finding, Outcome
from complychk.workspace.carry import carry_over
from complychk.workspace.checking import Checked, CheckService
from complychk.workspace.models import Application, Base, Submission

FINDINGS = Base.metadata.tables["finding"]
_TRAILING_DATE = re.compile(r"-(19|20)\d\d(-\d\d){0,2}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")


class StaleEdit(ComplychkError):
    """A save based on a submission that is no longer the application's latest."""


def application_slug(proposal_id: str) -> str:
    """The application a proposal belongs to: its ID without a trailing date.

    ``kent-and-medway-2019-09`` and ``kent-and-medway-2020-04`` are two submissions of
    ``kent-and-medway``.
    """
    slug = _TRAILING_DATE.sub("", proposal_id.strip().lower()) or proposal_id.lower()
    slug = re.sub(r"[^a-z0-9-]+", "-", slug).strip("-")[:200]
    return slug or "proposal"


def plain_file_name(name: str) -> str:
    """A file name as given, without any folder before it (a name arrives from a browser or a
    request and names a stored submission and an evidence pack's member, never a path)."""
    plain = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return plain if plain.strip(".") else "proposal.yaml"


def valid_slug(slug: str) -> bool:
    return bool(_SLUG.match(slug))


def add_submission(
    session: Session,
    checked: Checked,
    text: str,
    *,
    slug: str | None = None,
    based_on: int | None = None,
    now: dt.datetime | None = None,
    actor: str = "complychk",
) -> Submission:
    """Store a checked proposal as its application's next submission, in one transaction, with
    the decisions on the previous submission's findings carried over (:mod:`.carry`) and
    audited as ``actor``'s.

    Raises:
        StaleEdit: ``based_on`` (a submission number) is not the application's latest.
    """
    report = checked.report
    slug = slug or application_slug(report.proposal_id)
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    try:
        application = session.scalar(select(Application).where(Application.slug == slug))
        if application is None:
            application = Application(slug=slug, title=report.title, created_at=now)
            session.add(application)
            session.flush()
        latest = session.scalar(
            select(func.max(Submission.number)).where(Submission.application_id == application.id)
        )
        if based_on is not None and latest != based_on:
            raise StaleEdit(
                f"submission {latest} of {slug} was saved after you opened the editor, so yours "
                f"was not stored; your text is kept below: look at submission {latest}, then "
                "save again to store yours after it"
            )
        application.title = report.title
        counts = report.counts()
        submission = Submission(
            application=application,
            number=(latest or 0) + 1,
            file_name=checked.document.path,
            proposal_text=text,
            proposal_id=report.proposal_id,
            title=report.title,
            kind=report.kind,
            pack=report.pack,
            pack_version=checked.pack_version,
            tool_version=__version__,
            as_of=checked.as_of,
            submitted_at=now,
            fail_count=counts[Outcome.FAIL],
            insufficient_count=counts[Outcome.INSUFFICIENT_EVIDENCE],
            pending_count=counts[Outcome.PENDING],
            waived_count=counts[Outcome.WAIVED],
            pass_count=counts[Outcome.PASS],
            not_applicable_count=counts[Outcome.NOT_APPLICABLE],
            blocks=checked.blocks(),
        )
        session.add(submission)
        session.flush()
        if report.findings:  # one statement for all of them: ORM objects cost ~0.2 ms each
            session.execute(
                insert(FINDINGS),  # Core: no ORM bookkeeping per row
                [_stored(submission.id, position, f) for position, f in enumerate(report.findings)],
            )
        if latest:
            previous = session.scalar(
                select(Submission).where(
                    Submission.application_id == application.id, Submission.number == latest
                )
            )
            assert previous is not None
            carry_over(session, previous, submission, checked.document.data, actor, now)
        session.commit()
    except IntegrityError:  # another save took the same number between our read and write
        session.rollback()
        raise StaleEdit(
            f"another submission of {slug} was saved at the same moment; nothing of yours was "
            "stored: save again"
        ) from None
    except BaseException:
        session.rollback()
        raise
    return submission


def _stored(submission_id: int, position: int, finding: Finding) -> dict[str, object]:
    return dict(
        submission_id=submission_id,
        position=position,
        condition_id=finding.condition_id,
        title=finding.title,
        theme=finding.theme,
        severity=finding.severity.value,
        outcome=finding.outcome.value,
        message=finding.message,
        evidence=json.dumps([list(evidence) for evidence in finding.evidence]),
        source=finding.source,
        remedy=finding.remedy,
        citations=json.dumps(
            [[c.key, c.title, c.date, c.section, c.url] for c in finding.citations]
        ),
        feature_file=finding.feature_file,
        feature_line=finding.feature_line,
        tags=json.dumps(list(finding.tags)),
    )


@dataclass(frozen=True)
class Imported:
    """One file of a bulk import: stored as a submission, or refused with its one-line error."""

    file_name: str
    submission: Submission | None = None
    error: str = ""


def import_texts(
    session: Session,
    service: CheckService,
    files: Sequence[tuple[str, str | bytes]],
    as_of: dt.date,
    slug: str | None = None,
    actor: str = "complychk",
) -> list[Imported]:
    """Check and store each ``(file name, text)``; a bad one is reported and nothing stored."""
    results = []
    for file_name, raw in files:
        try:
            checked = service.check_text(raw, file_name, as_of)
        except ComplychkError as error:
            results.append(Imported(file_name, error=str(error)))
            continue
        text = raw if isinstance(raw, str) else raw.decode("utf-8-sig")
        results.append(
            Imported(file_name, add_submission(session, checked, text, slug=slug, actor=actor))
        )
    return results
