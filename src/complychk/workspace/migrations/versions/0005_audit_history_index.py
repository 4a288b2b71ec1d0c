"""An index on the audit log by application and condition: a finding's history, which its page
and every decision on it read, is found without reading the rest of its application's log.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_audit_log_application_condition", "audit_log", ["application_slug", "condition_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_audit_log_application_condition", "audit_log")
