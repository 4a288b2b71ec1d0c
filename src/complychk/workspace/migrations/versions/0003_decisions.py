"""Reviewers' decisions on findings, their audit log, application status, conditions of approval.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("application") as table:
        # Applications stored before reviews existed have all been submitted.
        table.add_column(
            sa.Column("status", sa.String(40), nullable=False, server_default="submitted")
        )
    op.create_table(
        "review",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("finding_id", sa.Integer, sa.ForeignKey("finding.id"), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("re_review", sa.Boolean, nullable=False),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("expires", sa.Date, nullable=True),
        sa.Column("requested_by", sa.Text, nullable=False),
        sa.Column("approved_by", sa.Text, nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("decided_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("finding_id"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("application_slug", sa.String(200), nullable=False),
        sa.Column("submission_number", sa.Integer, nullable=True),
        sa.Column("condition_id", sa.String(60), nullable=False),
        sa.Column("state_before", sa.String(40), nullable=False),
        sa.Column("state_after", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_log_application_slug", "audit_log", ["application_slug"])
    op.create_table(
        "approval_condition",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("application.id"), nullable=False),
        sa.Column("condition_id", sa.String(60), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("due", sa.Date, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index(
        "ix_approval_condition_application_id", "approval_condition", ["application_id"]
    )


def downgrade() -> None:
    op.drop_table("approval_condition")
    op.drop_table("audit_log")
    op.drop_table("review")
    with op.batch_alter_table("application") as table:
        table.drop_column("status")
