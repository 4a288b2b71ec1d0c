"""Applications, submissions and findings.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("application.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("proposal_text", sa.Text, nullable=False),
        sa.Column("proposal_id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("pack", sa.String(60), nullable=False),
        sa.Column("pack_version", sa.String(60), nullable=False),
        sa.Column("tool_version", sa.String(60), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("fail_count", sa.Integer, nullable=False),
        sa.Column("insufficient_count", sa.Integer, nullable=False),
        sa.Column("pending_count", sa.Integer, nullable=False),
        sa.Column("waived_count", sa.Integer, nullable=False),
        sa.Column("pass_count", sa.Integer, nullable=False),
        sa.Column("not_applicable_count", sa.Integer, nullable=False),
        sa.Column("blocks", sa.Boolean, nullable=False),
        sa.UniqueConstraint("application_id", "number"),
    )
    op.create_index("ix_submission_application_id", "submission", ["application_id"])
    op.create_table(
        "finding",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("submission_id", sa.Integer, sa.ForeignKey("submission.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("condition_id", sa.String(60), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("theme", sa.Text, nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(30), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("remedy", sa.Text, nullable=False),
        sa.Column("citations", sa.Text, nullable=False),
        sa.Column("feature_file", sa.Text, nullable=False),
        sa.Column("feature_line", sa.Integer, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
    )
    op.create_index("ix_finding_submission_id", "finding", ["submission_id"])


def downgrade() -> None:
    op.drop_table("finding")
    op.drop_table("submission")
    op.drop_table("application")
