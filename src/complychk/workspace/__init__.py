"""The review workspace (``complychk serve``): stored applications, submissions and verdicts.

It owns storage (SQLAlchemy models and Alembic migrations), the web pages and their JSON API,
and bulk import. It never decides an outcome: every verdict comes from
:class:`complychk.evaluate.checker.Checker`, comparisons from :func:`complychk.review.diff.diff_documents`,
traces from :func:`complychk.review.explain.explain` and exports from :data:`complychk.reports.REPORTERS`.

Imports flow one way: ``routes`` -> ``store`` (writing), ``queries`` (reading), ``views`` (what
a page shows) -> ``models`` and the library.
"""

INSTALL_HINT = "pip install 'complychk[workspace]'"
"""The one command that installs what the workspace needs."""
