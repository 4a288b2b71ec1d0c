"""Alembic migrations of the workspace's schema, run by :func:`complychk.workspace.db.migrate`."""
