"""An application's status and its conditions of approval.

Reviewers and admins move an application through :class:`Status` along :data:`TRANSITIONS`;
every move is audited. A condition of approval is tracked against a condition whose finding was
pending (Kent and Medway's Accountable Officer and Chief Finance Officer, due by go-live): it
is met once the application's latest submission passes that condition, and overdue when its due
date has gone by first.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from complychk.evaluate.findings import Outcome
from complychk.workspace import audit
from complychk.workspace.decisions import Actor, DecisionError, NotAllowed, WrongState
from complychk.workspace.models import Application, ApprovalCondition, StoredFinding, Submission


class Status(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under review"
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved with conditions"
    REJECTED = "rejected"


TRANSITIONS: dict[Status, tuple[Status, ...]] = {
    Status.DRAFT: (Status.SUBMITTED,),
    Status.SUBMITTED: (Status.UNDER_REVIEW, Status.DRAFT),
    Status.UNDER_REVIEW: (
        Status.APPROVED,
        Status.APPROVED_WITH_CONDITIONS,
        Status.REJECTED,
        Status.DRAFT,
    ),
    Status.APPROVED_WITH_CONDITIONS: (Status.APPROVED, Status.REJECTED),
    Status.APPROVED: (),
    Status.REJECTED: (),
}
"""Where each status may go next. Approved and rejected are final; "draft" sends the
application back to its programme team."""


class ConditionState(enum.Enum):
    OPEN = "open"
    MET = "met"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class TrackedCondition:
    """A condition of approval with where it stands on the latest submission."""

    application: str
    title: str
    condition_id: str
    text: str
    due: dt.date
    outcome: str
    """The condition's outcome in the latest submission ("" when it has no such finding)."""
    state: ConditionState

    def days_overdue(self, today: dt.date) -> int:
        """Days past the due date while not met; 0 once met or before it is due."""
        if self.state is ConditionState.MET:
            return 0
        return max(0, (today - self.due).days)


def set_status(
    session: Session, application: Application, actor: Actor, status: Status, note: str = ""
) -> None:
    """Move ``application`` to ``status`` with its audit row, in one transaction.

    Raises:
        NotAllowed: the actor is not a reviewer or admin.
        WrongState: the move is not one of :data:`TRANSITIONS`, or approving with conditions
            when none is recorded, or approving while one is not met.
    """
    try:
        if not actor.reviews:
            raise NotAllowed("only a reviewer or an admin sets an application's status")
        before = Status(application.status)
        if status not in TRANSITIONS[before]:
            allowed = ", ".join(s.value for s in TRANSITIONS[before]) or "nothing: it is final"
            raise WrongState(
                f"{application.slug} is '{before.value}'; from there it may become {allowed}"
            )
        tracked = conditions(session, application, dt.date.min)
        if status is Status.APPROVED_WITH_CONDITIONS and not tracked:
            raise WrongState(
                "add the conditions of approval first, each against the pending condition it "
                "depends on"
            )
        unmet = [c.condition_id for c in tracked if c.state is not ConditionState.MET]
        if status is Status.APPROVED and unmet:
            raise WrongState(
                f"conditions of approval not met yet: {', '.join(unmet)}; approve once the "
                "latest submission passes them"
            )
        application.status = status.value
        audit.record(
            session,
            actor.name,
            "status",
            application.slug,
            before=before.value,
            after=status.value,
            detail=f"note: {note.strip()}" if note.strip() else "",
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise


def add_condition(
    session: Session,
    application: Application,
    actor: Actor,
    condition_id: str,
    text: str,
    due: dt.date | None,
) -> ApprovalCondition:
    """Record a condition of approval against ``condition_id``, pending in the latest submission.

    Raises:
        NotAllowed: the actor is not a reviewer or admin.
        DecisionError: no text or due date, or the condition is not pending in the latest
            submission.
    """
    try:
        if not actor.reviews:
            raise NotAllowed("only a reviewer or an admin records conditions of approval")
        if not text.strip() or due is None:
            raise DecisionError("a condition of approval needs its text and a due date")
        latest = application.submissions[-1]
        outcome = _outcomes(session, latest).get(condition_id)
        if outcome != Outcome.PENDING.value:
            pending = sorted(c for c, o in _outcomes(session, latest).items() if o == "pending")
            raise DecisionError(
                f"{condition_id} is not pending in submission {latest.number}; a condition of "
                f"approval tracks a pending one: {', '.join(pending) or 'none is pending'}"
            )
        condition = ApprovalCondition(
            application=application,
            condition_id=condition_id,
            text=text.strip(),
            due=due,
            created_by=actor.name,
            created_at=audit.utcnow(),
        )
        session.add(condition)
        audit.record(
            session,
            actor.name,
            "condition of approval",
            application.slug,
            submission=latest.number,
            condition_id=condition_id,
            after=ConditionState.OPEN.value,
            detail=f"due {due.isoformat()}: {text.strip()}",
        )
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return condition


def _outcomes(session: Session, submission: Submission) -> dict[str, str]:
    rows = session.execute(
        select(StoredFinding.condition_id, StoredFinding.outcome).where(
            StoredFinding.submission_id == submission.id
        )
    )
    return {condition_id: outcome for condition_id, outcome in rows}


def conditions(
    session: Session, application: Application, today: dt.date
) -> list[TrackedCondition]:
    """The application's conditions of approval, in the order recorded, each with its state."""
    if not application.approval_conditions:
        return []
    outcomes = _outcomes(session, application.submissions[-1])
    return [_tracked(application, c, outcomes, today) for c in application.approval_conditions]


def _tracked(
    application: Application,
    condition: ApprovalCondition,
    outcomes: dict[str, str],
    today: dt.date,
) -> TrackedCondition:
    outcome = outcomes.get(condition.condition_id, "")
    if outcome == Outcome.PASS.value:
        state = ConditionState.MET
    elif condition.due < today:
        state = ConditionState.OVERDUE
    else:
        state = ConditionState.OPEN
    return TrackedCondition(
        application.slug,
        application.title,
        condition.condition_id,
        condition.text,
        condition.due,
        outcome,
        state,
    )


def overdue(
    session: Session, today: dt.date, only: frozenset[str] | None = None
) -> list[TrackedCondition]:
    """Every condition of approval past its due date and not met, oldest due date first."""
    past_due = select(ApprovalCondition.application_id).where(ApprovalCondition.due < today)
    query = (
        select(Application)
        .where(Application.id.in_(past_due))
        .options(
            selectinload(Application.approval_conditions),
            selectinload(Application.submissions).defer(Submission.proposal_text),
        )
        .order_by(Application.slug)
    )
    if only is not None:
        query = query.where(Application.slug.in_(sorted(only)))
    found = [
        tracked
        for application in session.scalars(query)
        for tracked in conditions(session, application, today)
        if tracked.state is ConditionState.OVERDUE
    ]
    return sorted(found, key=lambda c: (c.due, c.application, c.condition_id))
