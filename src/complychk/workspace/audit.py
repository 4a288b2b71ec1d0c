"""The audit log: every decision, status change and carry-over as a row that is only ever added.

Nothing in complychk updates or deletes an audit row, and the database layer refuses to: the
ORM refuses to flush a changed or deleted :class:`AuditRecord`, and every engine the workspace
makes refuses an ``UPDATE`` or ``DELETE`` statement built on the table (ORM bulk statements and
Core alike). A hand-written SQL string sent past SQLAlchemy is not inspected; on a shared
server, give the workspace's database user no right to update or delete ``audit_log``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Delete, Engine, Update, bindparam, event, select
from sqlalchemy.orm import Session

from complychk.reports.csv_report import safe_cell
from complychk.workspace.models import AuditRecord

TABLE_NAME = AuditRecord.__tablename__
COLUMNS = (
    "at",
    "actor",
    "action",
    "application",
    "submission",
    "condition_id",
    "state_before",
    "state_after",
    "detail",
)


class AppendOnly(Exception):
    """Raised for any attempt to change or remove an audit row."""


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def record(
    session: Session,
    actor: str,
    action: str,
    application: str,
    *,
    submission: int | None = None,
    condition_id: str = "",
    before: str = "",
    after: str = "",
    detail: str = "",
    at: dt.datetime | None = None,
) -> AuditRecord:
    """Add one row to the log, in the caller's transaction (it commits with what it records)."""
    row = AuditRecord(
        at=at or utcnow(),
        actor=actor,
        action=action,
        application_slug=application,
        submission_number=submission,
        condition_id=condition_id,
        state_before=before,
        state_after=after,
        detail=" ".join(detail.split()),
    )
    session.add(row)
    return row


class AuditRow(NamedTuple):
    """An audit record as read back for a page or an answer: its columns, not an ORM object
    (a decision's answer reads its finding's history every time)."""

    at: dt.datetime
    actor: str
    action: str
    application_slug: str
    submission_number: int | None
    condition_id: str
    state_before: str
    state_after: str
    detail: str


_ROW_COLUMNS = [getattr(AuditRecord, name) for name in AuditRow._fields]
_HISTORY = (
    select(*_ROW_COLUMNS)
    .where(AuditRecord.application_slug == bindparam("application"))
    .order_by(AuditRecord.id)
)
_CONDITION_HISTORY = _HISTORY.where(AuditRecord.condition_id == bindparam("condition_id"))
"""Built once, as every decision reads its finding's history."""


def as_row(record: AuditRecord) -> AuditRow:
    """An audit record in hand as :func:`history` reads one back."""
    return AuditRow(*(getattr(record, name) for name in AuditRow._fields))


def history(session: Session, application: str, condition_id: str = "") -> list[AuditRow]:
    """An application's log (one condition's, when given), oldest first."""
    query = _CONDITION_HISTORY if condition_id else _HISTORY
    parameters = {"application": application, "condition_id": condition_id}
    # On the session's connection: columns need none of the ORM's work on a result.
    found = session.connection().execute(query, parameters)
    return [AuditRow(*row) for row in found]


def entries(session: Session, only: Iterable[str] | None = None) -> list[AuditRecord]:
    """The whole log in the order it was written (of the applications ``only`` names)."""
    query = select(AuditRecord)
    if only is not None:
        query = query.where(AuditRecord.application_slug.in_(sorted(only)))
    return list(session.scalars(query.order_by(AuditRecord.id)))


def row_doc(row: AuditRecord | AuditRow) -> dict[str, Any]:
    return {
        "at": row.at.isoformat(),
        "actor": row.actor,
        "action": row.action,
        "application": row.application_slug,
        "submission": row.submission_number,
        "condition_id": row.condition_id,
        "state_before": row.state_before,
        "state_after": row.state_after,
        "detail": row.detail,
    }


def to_csv(rows: Iterable[AuditRecord]) -> str:
    """The log as CSV, a header and one row per record, in the order written. Text a
    spreadsheet would run as a formula is prefixed with ``'``, as the findings CSV does."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        doc = row_doc(row)
        doc["submission"] = "" if doc["submission"] is None else str(doc["submission"])
        writer.writerow([safe_cell(str(doc[column])) for column in COLUMNS])
    return buffer.getvalue()


@event.listens_for(AuditRecord, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, _target: Any) -> None:
    raise AppendOnly("audit records are never changed; record a new decision instead")


@event.listens_for(AuditRecord, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, _target: Any) -> None:
    raise AppendOnly("audit records are never deleted")


def guard_engine(engine: Engine) -> None:
    """Make ``engine`` refuse UPDATE and DELETE statements on the audit table."""
    event.listen(engine, "before_execute", _refuse_statement)


def _refuse_statement(
    _connection: Any, statement: Any, _params: Any, _multi: Any, _options: Any
) -> None:
    if (
        isinstance(statement, Update | Delete)
        and getattr(statement.table, "name", "") == TABLE_NAME
    ):
        raise AppendOnly("audit records are never changed or deleted")
