"""Carrying decisions to the next submission: unchanged findings keep theirs, changed ones are
flagged for re-review.

A finding's fingerprint is a SHA-256 of its outcome and, for each evidence item in order, the
field path, whether it is stated, and the value the proposal holds there (a whole list or
mapping when the path names one). Line numbers and the file name are left out: a new submission
usually has a new file name, and a line added near the top moves every line under it without
changing what the finding rests on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from complychk.evaluate.findings import Outcome
from complychk.proposal.loader import load_text
from complychk.workspace import audit
from complychk.workspace.models import ApprovalCondition, Review, StoredFinding, Submission

_PART = re.compile(r"[^.\[\]]+|\[\d+\]")
_ABSENT = object()


def value_at(data: Any, path: str) -> Any:
    """The value at a finding's evidence path (``a.b[2].c``), or None when it is not there."""
    node = data
    for part in _PART.findall(path):
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, list) and index < len(node) else _ABSENT
        else:
            node = node.get(part, _ABSENT) if isinstance(node, dict) else _ABSENT
        if node is _ABSENT:
            return None
    return node


def fingerprint(outcome: str, evidence_json: str, data: Any) -> str:
    """The finding's outcome and evidence values, as a stable hash (see the module's words)."""
    evidence = [
        [item[0], item[5] if len(item) > 5 else True, value_at(data, item[0])]
        for item in json.loads(evidence_json)
    ]
    text = json.dumps([outcome, evidence], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def carry_over(
    session: Session,
    previous: Submission,
    new: Submission,
    new_data: Any,
    actor: str,
    now: dt.datetime,
) -> None:
    """Copy each decision on ``previous``'s findings to ``new``'s finding of the same condition,
    flagged for re-review when its fingerprint changed; audit each. The caller commits."""
    reviews = session.execute(
        select(Review, StoredFinding)
        .join(StoredFinding, Review.finding_id == StoredFinding.id)
        .where(StoredFinding.submission_id == previous.id)
        .order_by(StoredFinding.condition_id)
    ).all()
    old_findings = {
        f.condition_id: f
        for f in session.scalars(
            select(StoredFinding).where(StoredFinding.submission_id == previous.id)
        )
    }
    new_findings = {
        f.condition_id: f
        for f in session.scalars(select(StoredFinding).where(StoredFinding.submission_id == new.id))
    }
    slug = new.application.slug
    if reviews:
        old_data = load_text(previous.proposal_text, previous.file_name).data
    for review, old in reviews:
        target = new_findings.get(old.condition_id)
        where = {"submission": new.number, "condition_id": old.condition_id, "at": now}
        if target is None:
            audit.record(
                session,
                actor,
                "not carried over",
                slug,
                before=review.state,
                detail=f"submission {new.number} has no finding {old.condition_id}",
                **where,  # type: ignore[arg-type]
            )
            continue
        changed = fingerprint(old.outcome, old.evidence, old_data) != fingerprint(
            target.outcome, target.evidence, new_data
        )
        session.add(_copy(review, target.id, changed))
        why = _what_changed(old, target) if changed else "outcome and evidence unchanged"
        audit.record(
            session,
            actor,
            "flagged for re-review" if changed else "carried over",
            slug,
            before=review.state,
            after=review.state,
            detail=f"from submission {previous.number}: {why}",
            **where,  # type: ignore[arg-type]
        )
    _conditions_met(session, new, old_findings, new_findings, actor, now)


def _copy(review: Review, finding_id: int, changed: bool) -> Review:
    return Review(
        finding_id=finding_id,
        state=review.state,
        re_review=changed or review.re_review,
        justification=review.justification,
        reference=review.reference,
        expires=review.expires,
        requested_by=review.requested_by,
        approved_by=review.approved_by,
        question=review.question,
        answer=review.answer,
        decided_by=review.decided_by,
        decided_at=review.decided_at,
    )


def _what_changed(old: StoredFinding, new: StoredFinding) -> str:
    if old.outcome != new.outcome:
        return f"outcome {Outcome(old.outcome).label} -> {Outcome(new.outcome).label}"
    return "the evidence changed"


def _conditions_met(
    session: Session,
    new: Submission,
    old_findings: dict[str, StoredFinding],
    new_findings: dict[str, StoredFinding],
    actor: str,
    now: dt.datetime,
) -> None:
    """Audit each condition of approval this submission meets (its finding now passes)."""
    conditions = session.scalars(
        select(ApprovalCondition)
        .where(ApprovalCondition.application_id == new.application_id)
        .order_by(ApprovalCondition.id)
    )
    passed = Outcome.PASS.value
    for condition in conditions:
        before = old_findings.get(condition.condition_id)
        after = new_findings.get(condition.condition_id)
        if (
            after is not None
            and after.outcome == passed
            and (before is None or before.outcome != passed)
        ):
            audit.record(
                session,
                actor,
                "condition met",
                new.application.slug,
                submission=new.number,
                condition_id=condition.condition_id,
                before="open",
                after="met",
                detail=f"{condition.text} (due {condition.due.isoformat()})",
                at=now,
            )
