"""An application's waivers as the waiver file ``complychk check --waivers`` reads, both ways.

Export writes the waivers in force on the application's latest submission: each failure whose
decision is an approved waiver, by condition ID. Import reads a waiver file into the
application's latest submission: an approved waiver becomes one (audited as imported, with the
requester and approver as written), a waiver without ``approved_by`` becomes a request. A file
with any problem stores nothing. Exporting what was imported gives the same bytes.
"""

from __future__ import annotations

import datetime as dt

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from complychk.errors import InputError
from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_text
from complychk.review.waivers import HINT, WAIVER_FILE, Waiver, standing_problems, waivers_in
from complychk.workspace import audit
from complychk.workspace.decisions import Actor, NotAllowed, State, review_of
from complychk.workspace.models import Application, Review, StoredFinding, Submission


def export_waivers(session: Session, application: Application) -> str:
    """The waiver file of the approved waivers on the latest submission's failures."""
    latest = application.submissions[-1]
    rows = session.execute(
        select(Review, StoredFinding)
        .join(StoredFinding, Review.finding_id == StoredFinding.id)
        .where(
            StoredFinding.submission_id == latest.id,
            Review.state == State.WAIVED.value,
            StoredFinding.outcome == Outcome.FAIL.value,
        )
        .order_by(StoredFinding.condition_id)
    ).all()
    entries = [
        {
            "condition": finding.condition_id,
            "proposal": latest.proposal_id,
            "justification": review.justification,
            "requested_by": review.requested_by,
            "approved_by": review.approved_by,
            "reference": review.reference,
            "expires": review.expires,
        }
        for review, finding in rows
    ]
    header = (
        f"# Waivers approved in the complychk review workspace for proposal {latest.proposal_id}\n"
        "# Use with: complychk check PROPOSAL --waivers THIS_FILE\n"
    )
    body = yaml.safe_dump(
        {"waivers": entries},
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
        indent=2,
    )
    return header + body


def import_waivers(
    session: Session, application: Application, text: str | bytes, file_name: str, actor: Actor
) -> list[str]:
    """Store the waivers of a waiver file on the latest submission, all or none; the condition
    IDs stored.

    Raises:
        NotAllowed: the actor is not a reviewer or admin.
        InputError: the file is not a valid waiver file, or a waiver cannot apply to the
            latest submission (its line said).
    """
    if not actor.reviews:
        raise NotAllowed("only a reviewer or an admin imports waivers")
    document = load_text(text, file_name, WAIVER_FILE)
    waivers, invalid = waivers_in(document)
    if invalid:
        first = invalid[0]
        raise InputError(first.file, first.line, first.column, first.message, HINT)
    latest = application.submissions[-1]
    findings = {
        f.condition_id: f
        for f in session.scalars(
            select(StoredFinding).where(StoredFinding.submission_id == latest.id)
        )
    }
    problems = standing_problems(waivers, latest.as_of)
    now = audit.utcnow()
    stored = []
    try:
        for waiver in waivers:
            finding = _target(waiver, problems, latest, findings)
            _store(session, application, latest, finding, waiver, actor, now)
            stored.append(waiver.entry.condition)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return stored


def _target(
    waiver: Waiver,
    problems: dict[Waiver, str],
    latest: Submission,
    findings: dict[str, StoredFinding],
) -> StoredFinding:
    entry = waiver.entry
    problem = problems.get(waiver)
    if problem is not None and entry.approved_by:  # an unapproved one is stored as a request
        raise InputError(waiver.file, waiver.line, waiver.column, problem, HINT)
    if entry.proposal != latest.proposal_id:
        problem = (
            f"{waiver.name}: the latest submission ({latest.number}) is proposal "
            f"{latest.proposal_id}; write that as its proposal"
        )
    elif entry.condition not in findings:
        problem = f"{waiver.name}: submission {latest.number} has no condition {entry.condition}"
    elif findings[entry.condition].outcome != Outcome.FAIL.value:
        outcome = Outcome(findings[entry.condition].outcome).label
        problem = (
            f"{waiver.name}: the condition's outcome is {outcome}, and a waiver covers a failure"
        )
    if problem is not None:
        raise InputError(waiver.file, waiver.line, waiver.column, problem, HINT)
    return findings[entry.condition]


def _store(
    session: Session,
    application: Application,
    latest: Submission,
    finding: StoredFinding,
    waiver: Waiver,
    actor: Actor,
    now: dt.datetime,
) -> None:
    entry = waiver.entry
    review = review_of(session, finding.id)
    before = State.OPEN.value if review is None else review.state
    if review is None:
        review = Review(finding_id=finding.id)
        session.add(review)
    after = State.WAIVED if entry.approved_by else State.WAIVER_REQUESTED
    review.state = after.value
    review.re_review = False
    review.justification = entry.justification
    review.reference = entry.reference
    review.expires = entry.expires
    review.requested_by = entry.requested_by
    review.approved_by = entry.approved_by or ""
    review.decided_by = actor.name
    review.decided_at = now
    session.flush()
    audit.record(
        session,
        actor.name,
        "import-waiver",
        application.slug,
        submission=latest.number,
        condition_id=entry.condition,
        before=before,
        after=after.value,
        detail=(
            f"requested by: {entry.requested_by}; approved by: {entry.approved_by or '-'}; "
            f"reference: {entry.reference}; expires: {entry.expires.isoformat()}; "
            f"justification: {entry.justification}"
        ),
        at=now,
    )
