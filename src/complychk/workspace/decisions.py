"""Reviewers' decisions on findings: who may record which, what each does to the finding's
state, and the audit row each leaves.

A finding's review state is one of :class:`State`; an :class:`Action` moves it. Reviewers and
admins accept, approve or refuse waivers and ask questions; a programme team member requests
waivers and answers questions on their own applications only. Whoever approves a waiver must
not be who requested it. Each decision is stored with its audit row in one transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from complychk.errors import ComplychkError
from complychk.evaluate.findings import Outcome
from complychk.workspace import audit
from complychk.workspace.models import Review, StoredFinding, Submission


class State(enum.Enum):
    OPEN = "open"
    ACCEPTED = "accepted"
    WAIVER_REQUESTED = "waiver requested"
    WAIVED = "waived"
    WAIVER_REFUSED = "waiver refused"
    INFORMATION_REQUESTED = "information requested"
    INFORMATION_GIVEN = "information given"


class Action(enum.Enum):
    ACCEPT = "accept"
    REQUEST_WAIVER = "request-waiver"
    APPROVE_WAIVER = "approve-waiver"
    REFUSE_WAIVER = "refuse-waiver"
    ASK = "ask"
    ANSWER = "answer"


REVIEWERS = frozenset({"admin", "reviewer"})
PROGRAMME_TEAM_ACTIONS = frozenset({Action.REQUEST_WAIVER, Action.ANSWER})
"""All a programme team member may do, on their own applications."""
FROM: dict[Action, frozenset[State] | None] = {
    Action.ACCEPT: None,  # from any state
    Action.REQUEST_WAIVER: frozenset(State) - {State.WAIVER_REQUESTED, State.WAIVED},
    Action.APPROVE_WAIVER: frozenset({State.WAIVER_REQUESTED}),
    Action.REFUSE_WAIVER: frozenset({State.WAIVER_REQUESTED}),
    Action.ASK: None,
    Action.ANSWER: frozenset({State.INFORMATION_REQUESTED}),
}
TO = {
    Action.ACCEPT: State.ACCEPTED,
    Action.REQUEST_WAIVER: State.WAIVER_REQUESTED,
    Action.APPROVE_WAIVER: State.WAIVED,
    Action.REFUSE_WAIVER: State.WAIVER_REFUSED,
    Action.ASK: State.INFORMATION_REQUESTED,
    Action.ANSWER: State.INFORMATION_GIVEN,
}


PHRASES = {
    Action.ACCEPT: "accept a finding",
    Action.REQUEST_WAIVER: "request a waiver",
    Action.APPROVE_WAIVER: "approve a waiver",
    Action.REFUSE_WAIVER: "refuse a waiver",
    Action.ASK: "ask for further information",
    Action.ANSWER: "answer a question",
}


class DecisionError(ComplychkError):
    """A decision that was not recorded; ``status`` is the HTTP status that says why."""

    status = 422


class NotAllowed(DecisionError):
    status = 403


class WrongState(DecisionError):
    status = 409


@dataclass(frozen=True)
class Actor:
    """Who records a decision: a signed-in user, or ``local`` (an admin) without sign-in."""

    name: str
    role: str
    applications: frozenset[str] | None = None
    """The applications a programme team member belongs to; None for reviewers and admins."""

    @property
    def reviews(self) -> bool:
        return self.role in REVIEWERS


LOCAL = Actor("local", "admin")


@dataclass(frozen=True)
class Decision:
    """What a person asks for: the action and whatever it needs written with it."""

    action: Action
    justification: str = ""
    reference: str = ""
    expires: dt.date | None = None
    question: str = ""
    answer: str = ""
    note: str = ""


def review_of(session: Session, finding_id: int) -> Review | None:
    return session.scalar(select(Review).where(Review.finding_id == finding_id))


def state_of(review: Review | None) -> State:
    return State.OPEN if review is None else State(review.state)


class Decided(NamedTuple):
    """A decision as stored: where the finding's review stands now, and the finding's history
    (its audit rows, in this application, over all its submissions) ending with this one."""

    review: Review
    history: list[audit.AuditRow]


def decide(
    session: Session,
    submission: Submission,
    finding: StoredFinding,
    actor: Actor,
    decision: Decision,
    now: dt.datetime | None = None,
) -> Decided:
    """Record ``decision`` on ``finding`` with its audit row, in one transaction.

    The finding's history is read in the same transaction before anything is written (so the
    write holds its lock no longer for it, and no second transaction reads it again after);
    the new audit row, in hand, ends it.

    Raises:
        NotAllowed: the actor's role may not take this action, on this application, or is the
            waiver's requester approving it.
        WrongState: the finding's state does not allow the action (e.g. approving a waiver
            nobody requested), or another decision on it was committed while this one was made
            (nothing of this one is stored).
        DecisionError: a field the action needs is missing or wrong.
    """
    slug = submission.application.slug
    now = now or audit.utcnow()
    try:
        history = audit.history(session, slug, finding.condition_id)
        review = finding.review  # read with the finding, or now if it was not
        before = state_of(review)
        _check_allowed(actor, slug, decision.action, review)
        _check_state(decision.action, before, finding.condition_id)
        _check_fields(decision, finding, submission)
        if review is None:
            review = Review(finding=finding, state=State.OPEN.value, decided_by=actor.name)
            session.add(review)
        _apply(review, decision, actor, now)
        # Stored even when it changes nothing on the review as read (the same person's same
        # action in the same second: a double click), so its version is checked and raised:
        # otherwise a decision committed meanwhile would stand while this one's audit row
        # claims the finding ended as this one left it.
        flag_modified(review, "state")
        row = audit.record(
            session,
            actor.name,
            decision.action.value,
            slug,
            submission=submission.number,
            condition_id=finding.condition_id,
            before=before.value,
            after=review.state,
            detail=_detail(decision),
            at=now,
        )
        session.commit()
    except (StaleDataError, IntegrityError):  # another decision on it committed first
        session.rollback()
        raise WrongState(
            f"someone else recorded a decision on {finding.condition_id} at the same moment, "
            "so yours was not recorded; reload the page to see theirs"
        ) from None
    except BaseException:
        session.rollback()
        raise
    return Decided(review, [*history, audit.as_row(row)])


def _check_allowed(actor: Actor, slug: str, action: Action, review: Review | None) -> None:
    if actor.applications is not None and slug not in actor.applications:
        raise NotAllowed(f"{actor.name} is not a member of {slug}'s programme team")
    if not actor.reviews and action not in PROGRAMME_TEAM_ACTIONS:
        raise NotAllowed(
            "a programme team member may request waivers and answer questions; only a "
            f"reviewer or an admin may {PHRASES[action]}"
        )
    if action is Action.APPROVE_WAIVER and review is not None and review.requested_by == actor.name:
        raise NotAllowed(
            f"{actor.name} requested this waiver, so someone else must approve it (the approver "
            "must never be the requester)"
        )


def _check_state(action: Action, before: State, condition_id: str) -> None:
    allowed = FROM[action]
    if allowed is not None and before not in allowed:
        raise WrongState(
            f"{condition_id} is '{before.value}', so it cannot be given '{action.value}'; "
            "reload the page to see its latest decision"
        )


def _check_fields(decision: Decision, finding: StoredFinding, submission: Submission) -> None:
    action = decision.action
    if action is Action.REQUEST_WAIVER:
        if finding.outcome != Outcome.FAIL.value:
            raise DecisionError(
                f"{finding.condition_id} is {Outcome(finding.outcome).label}; a waiver covers a "
                "failure only"
            )
        missing = [
            name
            for name, value in (
                ("justification", decision.justification),
                ("reference", decision.reference),
                ("expires", decision.expires),
            )
            if not (value.strip() if isinstance(value, str) else value)
        ]
        if missing:
            raise DecisionError(f"a waiver request needs {', '.join(missing)}: fill them in")
        if len(decision.reference.strip()) > 300 or len(decision.justification) > 20_000:
            raise DecisionError(
                "a waiver's reference is at most 300 characters and its justification 20,000, "
                "as the waiver file allows"
            )
        assert decision.expires is not None
        if decision.expires < submission.as_of:
            raise DecisionError(
                f"expires {decision.expires.isoformat()} is before the submission's assessment "
                f"date {submission.as_of.isoformat()}, so the waiver would waive nothing"
            )
    if action is Action.ASK and not decision.question.strip():
        raise DecisionError("asking for further information needs the question: write it")
    if action is Action.ANSWER and not decision.answer.strip():
        raise DecisionError("an answer needs its text: write it")


def _apply(review: Review, decision: Decision, actor: Actor, now: dt.datetime) -> None:
    action = decision.action
    review.state = TO[action].value
    review.re_review = False  # a fresh decision settles a carried one
    review.decided_by = actor.name
    review.decided_at = now
    if action is Action.REQUEST_WAIVER:
        assert decision.expires is not None
        review.justification = decision.justification.strip()
        review.reference = decision.reference.strip()
        review.expires = decision.expires
        review.requested_by = actor.name
        review.approved_by = ""
    elif action is Action.APPROVE_WAIVER:
        review.approved_by = actor.name
    elif action is Action.ASK:
        review.question = decision.question.strip()
        review.answer = ""
    elif action is Action.ANSWER:
        review.answer = decision.answer.strip()


FIELDS = {
    Action.REQUEST_WAIVER: ("justification", "reference", "expires", "note"),
    Action.ASK: ("question", "note"),
    Action.ANSWER: ("answer", "note"),
}
"""What each action writes into its audit row's detail; the others write only a note."""


def _detail(decision: Decision) -> str:
    parts = []
    for name in FIELDS.get(decision.action, ("note",)):
        value = getattr(decision, name)
        text = value.isoformat() if isinstance(value, dt.date) else str(value or "").strip()
        if text:
            parts.append(f"{name}: {text}")
    return "; ".join(parts)


def available(actor: Actor, review: Review | None, outcome: str) -> list[Action]:
    """The actions ``actor`` may take on a finding now: the forms its page shows."""
    state = state_of(review)
    found = []
    for action in Action:
        allowed = FROM[action]
        if allowed is not None and state not in allowed:
            continue
        if not actor.reviews and action not in PROGRAMME_TEAM_ACTIONS:
            continue
        if action is Action.REQUEST_WAIVER and outcome != Outcome.FAIL.value:
            continue
        if (
            action is Action.APPROVE_WAIVER
            and review is not None
            and review.requested_by == actor.name
        ):
            continue
        found.append(action)
    return found


def reviews_of(session: Session, submission: Submission) -> dict[str, Review]:
    """The decisions on a submission's findings, by condition ID."""
    rows = session.execute(
        select(StoredFinding.condition_id, Review)
        .join(Review, Review.finding_id == StoredFinding.id)
        .where(StoredFinding.submission_id == submission.id)
    )
    return {condition_id: review for condition_id, review in rows}
