"""Many reviewers at once: the server neither stalls nor loses a decision under load.

The figures (latency, throughput) are ``benchmarks/load_bench.py``'s to measure; these tests
check only what must hold however fast the machine is.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from complychk.workspace import db

REPO = Path(__file__).resolve().parents[2]
QUICK_RUN = ("--backend", "sqlite", "--seconds", "2", "--reviewers", "3")


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


def test_concurrent_reviewers_lose_no_decision_and_meet_no_server_error() -> None:
    """The load script, briefly: reviewers signed in to a real server record decisions at
    once; every one answered 2xx is in the audit log exactly once, none refused is, and each
    finding's decision is the last its audit trail records."""
    done = subprocess.run(
        [sys.executable, "benchmarks/load_bench.py", *QUICK_RUN],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    lines = {line[:52].strip(): line[52:].split() for line in done.stdout.splitlines()}
    assert int(lines["recorded (2xx)"][0].replace(",", "")) > 0, done.stdout
    for label in (
        "server errors (5xx, other, broken)",
        "recorded, not in the audit log",
        "recorded, in the audit log twice",
        "refused, yet in the audit log",
        "findings off their audit trail",
    ):
        assert lines[label][:3] == ["0", "0", "PASS"], done.stdout + done.stderr
