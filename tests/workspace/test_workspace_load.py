"""Many reviewers at once: the server neither stalls nor loses a decision under load.

The figures (latency, throughput) are ``benchmarks/load_bench.py``'s to measure; these tests
check only what must hold however fast the machine is.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from sqlalchemy import text

from complychk.workspace import db


def test_a_busy_server_never_waits_for_a_database_connection(tmp_path: Path) -> None:
    """More requests at once than connections kept open each get one straight away: waiting
    for one (SQLAlchemy's default pool held 15) stalled every request for 30 s and then
    answered 500, as 20 reviewers at once showed."""
    engine = db.make_engine(f"sqlite:///{tmp_path}/ws.sqlite3")
    try:
        with contextlib.ExitStack() as stack:
            connections = [stack.enter_context(engine.connect()) for _ in range(db.POOL_SIZE + 20)]
            assert [c.scalar(text("SELECT 1")) for c in connections] == [1] * len(connections)
    finally:
        engine.dispose()
