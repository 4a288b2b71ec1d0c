"""Team review under load: ``python benchmarks/load_bench.py [--seconds 60] [--quick] [--workers N]``.

Needs the workspace extra; the PostgreSQL run also needs PostgreSQL's ``initdb`` and ``pg_ctl``
(Debian's ``postgresql`` package) and psycopg. For each database it makes a fresh workspace
(a SQLite file in a temporary folder; a throwaway PostgreSQL cluster listening on a Unix socket
in one), imports the sample proposals with ``complychk workspace import``, adds the reviewers,
starts the real ``complychk serve`` with sign-in on a free loopback port (with ``--workers N``
worker processes when given), and lets one client
thread per reviewer (signed in, with its own cookie and CSRF token, on a kept-alive connection)
record decisions on findings through the JSON API, one after another (without a pause unless
``--pause`` gives one), until the time is up. Then it reads the audit log back (``GET /audit.csv``) and checks that every
decision the server answered 2xx is in it exactly once, that no refused one is, and that each
finding's decision is the last one its audit trail records. Exits 0 whatever the figures are
(the table says PASS or MISS); benchmarks/README.md says what each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "workspace"))  # the server and PostgreSQL kits

import server_kit  # noqa: E402

SAMPLES = REPO / "sample_proposals"
ENV = dict(
    os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
)
PASSWORD = "load test password 1"
TARGET_P95 = 0.200
HOT = 4
"""Findings every reviewer keeps coming back to, so decisions on one finding meet."""
HOT_SHARE = 0.15
CONFLICT = "at the same moment"
"""How the server words a decision refused because another on the finding was stored first."""
NOTE = re.compile(r"note: (load-\d+-\d+)")


@dataclass(frozen=True)
class Finding:
    application: str
    submission: int
    condition_id: str
    outcome: str

    @property
    def path(self) -> str:
        return (
            f"/api/applications/{self.application}/submissions/{self.submission}"
            f"/findings/{self.condition_id}/decisions"
        )


@dataclass
class Tally:
    """What the clients were told, for one run."""

    latencies: list[float] = field(default_factory=list)
    kinds: Counter[str] = field(default_factory=Counter)
    recorded: list[str] = field(default_factory=list)
    """The notes of the decisions answered 2xx: each must be in the audit log once."""
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu = 0.0
    """The server's CPU time while the reviewers worked."""
    client_cpu = 0.0
    """This script's CPU time (the 20 reviewers' clients) meanwhile: on loopback, the load
    and the server share the machine's cores."""
    start: threading.Barrier = field(default_factory=lambda: threading.Barrier(1))
    """Where the signed-in reviewers wait for each other."""
    lock: threading.Lock = field(default_factory=threading.Lock)


def signed_in(port: int, name: str) -> server_kit.Browser:
    """A reviewer's browser, signed in as ``name``."""
    client = server_kit.Browser(port, timeout=60)
    status = client.sign_in(name, PASSWORD)
    if status != 303:
        raise SystemExit(f"{name} could not sign in: the server answered {status}")
    return client


def get_json(client: server_kit.Browser, path: str) -> Any:
    status, text = client.send("GET", path)
    if status != 200:
        raise SystemExit(f"GET {path} answered {status}: {text[:200]!r}")
    return json.loads(text)


@contextlib.contextmanager
def postgresql() -> Iterator[str]:
    """A throwaway PostgreSQL server with PostgreSQL's default settings (the one the workspace
    tests start, tests/workspace/postgres_kit.py); yields the URL of an empty database in it.

    Raises:
        LookupError: PostgreSQL's programs, or psycopg, are not installed.
    """
    try:
        from postgres_kit import running_cluster
    except ImportError as error:
        raise LookupError(f"psycopg is needed: {error}") from None
    with running_cluster(fast=False) as cluster:
        yield cluster.database()


def prepare(db: str, reviewers: int) -> None:
    """The sample proposals imported as ``complychk workspace import`` does, and the reviewers
    added through the store API ``complychk users add`` calls (a process each would spend
    seconds starting)."""
    done = subprocess.run(
        [sys.executable, "-m", "complychk", "workspace", "import", str(SAMPLES), "--db", db],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"workspace import failed:\n{done.stdout}{done.stderr}")
    sys.path.insert(0, str(REPO / "src"))
    from complychk.workspace import users
    from complychk.workspace.db import make_engine, migrate, session_factory

    engine = make_engine(db)
    migrate(engine)
    with session_factory(engine)() as session:
        for n in range(reviewers):
            users.add_user(session, f"reviewer-{n:02d}", users.Role.REVIEWER, PASSWORD)
    engine.dispose()


@contextlib.contextmanager
def serving(db: str, log: Path, workers: int = 1) -> Iterator[tuple[int, int]]:
    """``complychk serve --db DB --workers N`` with sign-in until the block ends; yields its
    port and PID."""
    arguments = ["--db", db, "--workers", str(workers)]
    with server_kit.serving(arguments, log, ENV) as (base, process):
        yield int(base.rsplit(":", 1)[1]), process.pid


def findings_of(client: server_kit.Browser) -> list[Finding]:
    found = []
    for application in get_json(client, "/api/applications")["applications"]:
        slug = application["slug"]
        for summary in get_json(client, f"/api/applications/{slug}")["submissions"]:
            number = summary["number"]
            doc = get_json(client, f"/api/applications/{slug}/submissions/{number}")
            for proposal in doc["report"]["proposals"]:
                for item in proposal["findings"]:
                    found.append(Finding(slug, number, item["condition_id"], item["outcome"]))
    return sorted(found, key=lambda f: (f.application, f.submission, f.condition_id))


class Workload:
    """Which decision a reviewer makes next: on a random finding (now and then one of a few
    everybody works on), an action its last known state allows, as a person reading the
    finding's page would; the state may have moved on since, which the server refuses."""

    def __init__(self, findings: list[Finding], seed: int) -> None:
        self.findings = findings
        self.hot = random.Random(seed).sample(findings, min(HOT, len(findings)))
        self.known: dict[Finding, tuple[str, str]] = {}
        self.lock = threading.Lock()

    def choose(self, rng: random.Random, me: str) -> tuple[Finding, dict[str, str]]:
        finding = rng.choice(self.hot if rng.random() < HOT_SHARE else self.findings)
        with self.lock:
            state, requester = self.known.get(finding, ("open", ""))
        if state == "information requested" and rng.random() < 0.6:
            return finding, {"action": "answer", "answer": "see the annex"}
        if state == "waiver requested":
            approve = requester != me and rng.random() < 0.7
            return finding, {"action": "approve-waiver" if approve else "refuse-waiver"}
        if finding.outcome == "fail" and state != "waived" and rng.random() < 0.3:
            return finding, {
                "action": "request-waiver",
                "justification": "the merger board accepted this risk",
                "reference": "MB-2026-07",
                "expires": "2099-12-31",
            }
        if rng.random() < 0.6:
            return finding, {"action": "accept"}
        return finding, {"action": "ask", "question": "which paper shows this?"}

    def saw(self, finding: Finding, review: dict[str, Any]) -> None:
        with self.lock:
            self.known[finding] = (review["state"], review.get("requested_by") or "")


@dataclass(frozen=True)
class Plan:
    reviewers: int
    seconds: float
    pause: float
    """Seconds a reviewer waits after each answer before the next decision."""
    workers: int = 1
    """The server's worker processes (``complychk serve --workers``)."""


def reviewer(
    n: int, port: int, plan: Plan, workload: Workload, tally: Tally, until: list[float]
) -> None:
    """Sign in, wait for the others, then record decisions until ``until[0]``."""
    me = f"reviewer-{n:02d}"
    client = signed_in(port, me)
    rng = random.Random(n)
    tally.start.wait()
    client.http.close()  # idle while the others signed in: the server may have closed it
    count = 0
    while time.monotonic() < until[0]:
        count += 1
        finding, body = workload.choose(rng, me)
        body["note"] = note = f"load-{n:02d}-{count:06d}"
        began = time.perf_counter()
        try:
            status, data = client.send(
                "POST", finding.path, json.dumps(body).encode(), "application/json"
            )
        except (OSError, http.client.HTTPException) as error:
            status, data = 0, repr(error)
        took = time.perf_counter() - began
        kind = _kind(status, data)
        if kind == "recorded":
            workload.saw(finding, json.loads(data)["review"])
        with tally.lock:
            tally.latencies.append(took)
            tally.kinds[kind] += 1
            if kind == "recorded":
                tally.recorded.append(note)
            elif kind != "error":  # refused; an error's decision may or may not be stored
                tally.refused.append(note)
            else:
                tally.errors.append(f"{status} {finding.path}: {data[:300]!r}")
        time.sleep(plan.pause)


def _kind(status: int, data: str) -> str:
    if 200 <= status < 300:
        return "recorded"
    if status == 409 and CONFLICT in data:
        return "conflict"
    if status == 409 or (status == 403 and "requested this waiver" in data):
        return "state"  # the finding's state had moved on since this reviewer last saw it
    return "error"


def drive(port: int, pid: int, plan: Plan, tally: Tally) -> float:
    """Run the reviewers for ``seconds``; the time the decisions took, all of them answered.
    The server's CPU time over that (not over the sign-ins before) goes to ``tally.cpu``."""
    client = signed_in(port, "reviewer-00")
    workload = Workload(findings_of(client), seed=2026)
    tally.start = threading.Barrier(plan.reviewers + 1)
    until = [float("inf")]
    threads = [
        threading.Thread(target=reviewer, args=(n, port, plan, workload, tally, until))
        for n in range(plan.reviewers)
    ]
    for thread in threads:
        thread.start()
    tally.start.wait()
    began, cpu, client_cpu = time.monotonic(), cpu_seconds(pid), time.process_time()
    until[0] = began + plan.seconds
    for thread in threads:
        thread.join()
    tally.cpu = cpu_seconds(pid) - cpu
    tally.client_cpu = time.process_time() - client_cpu
    return time.monotonic() - began


@dataclass
class Audit:
    lost: int
    doubled: int
    stored_refused: int
    broken: int
    """Findings whose audit trail skips a state or ends elsewhere than their decision."""


def check_audit(port: int, tally: Tally) -> Audit:
    """Read the audit log back and hold it against what the clients were told."""
    client = signed_in(port, "reviewer-00")
    status, data = client.send("GET", "/audit.csv")
    if status != 200:
        raise SystemExit(f"GET /audit.csv answered {status}")
    rows = list(csv.DictReader(io.StringIO(data)))
    seen = Counter(m.group(1) for row in rows if (m := NOTE.search(row["detail"])))
    last: dict[tuple[str, str, str], str] = {}
    broken: dict[tuple[str, str, str], str] = {}
    for row in rows:
        if not row["condition_id"]:
            continue
        key = (row["application"], row["submission"], row["condition_id"])
        before = last.get(key, "open")
        if before != row["state_before"]:
            broken.setdefault(key, f"{row['detail']}: from {row['state_before']}, not {before}")
        last[key] = row["state_after"]
    for application, number in sorted({(a, s) for a, s, _ in last}):
        doc = get_json(client, f"/api/applications/{application}/submissions/{number}")
        for condition_id, review in doc["reviews"].items():
            key = (application, number, condition_id)
            if last.get(key, "open") != review["state"]:
                ends = last.get(key, "open")
                broken.setdefault(key, f"is {review['state']}, its audit trail ends {ends}")
    for key, why in sorted(broken.items())[:5]:
        print(f"off its audit trail: {' '.join(key)}: {why}", file=sys.stderr)
    return Audit(
        lost=sum(1 for note in tally.recorded if seen[note] == 0),
        doubled=sum(1 for note in tally.recorded if seen[note] > 1),
        stored_refused=sum(1 for note in tally.refused if seen[note]),
        broken=len(broken),
    )


def processes(pid: int) -> list[int]:
    """The server's process and the processes it started (its workers), by PID."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text().split():
                found += processes(int(child))
    return found


def cpu_seconds(pid: int) -> float:
    """The CPU time the server has used, user and system, in all its processes."""
    total = 0
    for each in processes(pid):
        with contextlib.suppress(OSError):  # a process that has just ended
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> float:
    """The peak resident memory of the server's processes, added up, in MB."""
    total = 0
    for each in processes(pid):
        with contextlib.suppress(OSError):
            status = Path(f"/proc/{each}/status").read_text().splitlines()
            fields = dict(line.split(":", 1) for line in status)
            total += int(fields["VmHWM"].split()[0])
    return total / 1024


def run_backend(label: str, db: str, plan: Plan, temp: Path) -> list[Row]:
    prepare(db, plan.reviewers)
    tally = Tally()
    log = temp / f"{label}-server.log"
    with serving(db, log, plan.workers) as (port, pid):
        took = drive(port, pid, plan, tally)
        audit = check_audit(port, tally)
        peak = memory(pid)
    for error in tally.errors[:5]:
        print(f"{label}: {error}", file=sys.stderr)
    if "Traceback" in log.read_text():
        print(
            f"{label}: the server logged a traceback:\n{log.read_text()[-3000:]}", file=sys.stderr
        )
    return rows(f"{label}: {_plan_text(plan)}", took, tally, audit, peak)


def _plan_text(plan: Plan) -> str:
    pause = f", {plan.pause:g} s apart" if plan.pause else ""
    workers = f", {plan.workers} workers" if plan.workers > 1 else ""
    return f"{plan.reviewers} reviewers for {plan.seconds:.0f} s{pause}{workers}"


Row = tuple[str, str, str, bool | None]


def rows(label: str, took: float, tally: Tally, audit: Audit, peak: float) -> list[Row]:
    n = len(tally.latencies)
    cuts = statistics.quantiles(tally.latencies, n=100) if n > 1 else [float("nan")] * 99
    p50, p95, p99 = cuts[49], cuts[94], cuts[98]
    kinds = tally.kinds
    return [
        (label, "", "", None),
        ("  decisions sent", f"{n:,}", "", None),
        ("  recorded (2xx)", f"{kinds['recorded']:,}", "> 0", kinds["recorded"] > 0),
        ("  refused: another decision came first (409)", f"{kinds['conflict']:,}", "", None),
        ("  refused: state had moved on (409, 403)", f"{kinds['state']:,}", "", None),
        ("  throughput", f"{n / took:.1f} /s", "", None),
        ("  server CPU per decision", f"{tally.cpu / max(n, 1) * 1000:.1f} ms", "", None),
        (
            "  load client CPU per decision",
            f"{tally.client_cpu / max(n, 1) * 1000:.1f} ms",
            "",
            None,
        ),
        ("  latency p50", f"{p50 * 1000:.1f} ms", "", None),
        ("  latency p95", f"{p95 * 1000:.1f} ms", "<= 200 ms", p95 <= TARGET_P95),
        ("  latency p99", f"{p99 * 1000:.1f} ms", "", None),
        ("  server errors (5xx, other, broken)", f"{kinds['error']:,}", "0", kinds["error"] == 0),
        ("  recorded, not in the audit log", f"{audit.lost:,}", "0", audit.lost == 0),
        ("  recorded, in the audit log twice", f"{audit.doubled:,}", "0", audit.doubled == 0),
        (
            "  refused, yet in the audit log",
            f"{audit.stored_refused:,}",
            "0",
            not audit.stored_refused,
        ),
        ("  findings off their audit trail", f"{audit.broken:,}", "0", audit.broken == 0),
        ("  server memory, peak RSS (all its processes)", f"{peak:.0f} MB", "", None),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=60, help="how long the reviewers work")
    parser.add_argument("--quick", action="store_true", help="10 seconds")
    parser.add_argument("--reviewers", type=int, default=20, help="concurrent reviewers")
    parser.add_argument(
        "--pause", type=float, default=0, help="seconds each reviewer waits between decisions"
    )
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql", "both"), default="both", help="databases"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="the server's worker processes (serve --workers)"
    )
    args = parser.parse_args()
    plan = Plan(args.reviewers, 10 if args.quick else args.seconds, args.pause, args.workers)
    table: list[Row] = []
    before = os.getloadavg()
    with tempfile.TemporaryDirectory() as name:
        temp = Path(name)
        if args.backend in ("sqlite", "both"):
            db = f"sqlite:///{temp}/load.sqlite3"
            table += run_backend("SQLite", db, plan, temp)
        if args.backend in ("postgresql", "both"):
            try:
                with postgresql() as db:
                    table += run_backend("PostgreSQL", db, plan, temp)
            except LookupError as error:
                print(f"PostgreSQL: {error}", file=sys.stderr)
                table.append(("PostgreSQL: not run (see above)", "", "", False))
    print(f"{'figure':<52} {'measured':>10}  {'target':<10} result")
    for label, value, target, ok in table:
        verdict = "" if ok is None else "PASS" if ok else "MISS"
        print(f"{label:<52} {value:>10}  {target:<10} {verdict}".rstrip())
    print(
        f"load average (1, 5, 15 min) before: {' '.join(f'{x:.2f}' for x in before)}; "
        f"after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
