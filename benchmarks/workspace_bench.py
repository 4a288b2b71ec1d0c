"""The review workspace's figures beside their targets: ``python benchmarks/workspace_bench.py``.

Needs the workspace extra. Starts the real ``complychk serve`` on a free loopback port over a
temporary SQLite database, measures from outside as a browser would (HTTP round trips), and
exits 0 whatever the figures are (the table says PASS or MISS). benchmarks/README.md says what
each figure means.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "workspace"))  # the server kit

import server_kit  # noqa: E402

SAMPLE = REPO / "sample_proposals" / "kent-and-medway-2019-09.yaml"
ENV = dict(
    os.environ, PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
)


@contextlib.contextmanager
def serving(db: str, log: Path) -> Iterator[tuple[str, int]]:
    """``complychk serve --db DB --no-auth`` until the block ends (pages and API as an
    anonymous caller on loopback, as before sign-in existed); yields its base URL and PID."""
    with server_kit.serving(["--db", db, "--no-auth"], log, ENV) as (base, process):
        yield base, process.pid


def timed(call: Callable[[], object], times: int, warm: int = 3) -> list[float]:
    for _ in range(warm):
        call()
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def get(url: str) -> Callable[[], bytes]:
    def call() -> bytes:
        with urllib.request.urlopen(url) as response:
            return bytes(response.read())

    return call


def post_json(url: str, body: dict[str, object]) -> Callable[[], bytes]:
    data = json.dumps(body).encode()

    def call() -> bytes:
        request = urllib.request.Request(url, data, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            return bytes(response.read())

    return call


def memory(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return (int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024)


def write_proposals(folder: Path, count: int) -> None:
    """``count`` copies of the Kent and Medway sample, each its own application (its own ID)."""
    text = SAMPLE.read_text()
    for n in range(count):
        named = text.replace("id: kent-and-medway-2019-09", f"id: bench-{n:04d}-2019-09")
        (folder / f"bench-{n:04d}.yaml").write_text(named)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer files and rounds")
    args = parser.parse_args()
    files, rounds = (200, 50) if args.quick else (1000, 200)
    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "proposals"
        folder.mkdir()
        write_proposals(folder, files)
        db = f"sqlite:///{temp}/bench.sqlite3"
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "complychk",
                "workspace",
                "import",
                str(folder),
                "--db",
                db,
                "--as-of",
                "2019-09-30",
            ],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        took = time.perf_counter() - start
        target = 30 * files / 1000
        rows.append(
            (
                f"import {files:,} proposal files",
                f"{took:.1f} s",
                f"<= {target:.0f} s",
                took <= target,
            )
        )
        fifty = Path(temp) / "fifty"
        fifty.mkdir()
        for n in range(50):
            (fifty / f"v{n:02d}.yaml").write_text(SAMPLE.read_text())
        subprocess.run(
            [
                sys.executable,
                "-m",
                "complychk",
                "workspace",
                "import",
                str(fifty),
                "--db",
                db,
                "--application",
                "fifty",
                "--as-of",
                "2019-09-30",
            ],
            env=ENV,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with serving(db, Path(temp) / "serve.log") as (base, pid):
            body = {"text": SAMPLE.read_text(), "file_name": SAMPLE.name, "as_of": "2019-09-30"}
            live = timed(post_json(f"{base}/api/check", body), rounds)
            rows.append(
                (
                    "live re-check round trip, Kent and Medway, p95",
                    f"{p95(live) * 1000:.1f} ms",
                    "<= 100 ms",
                    p95(live) <= 0.100,
                )
            )
            page = timed(get(f"{base}/applications/fifty"), 50)
            rows.append(
                (
                    "application page, 50 submissions, p95",
                    f"{p95(page) * 1000:.1f} ms",
                    "<= 150 ms",
                    p95(page) <= 0.150,
                )
            )
            home = timed(get(f"{base}/"), 30)
            rows.append(
                (
                    f"home page, {files + 1:,} applications, p95",
                    f"{p95(home) * 1000:.1f} ms",
                    "<= 200 ms",
                    p95(home) <= 0.200,
                )
            )
            pages = -(-(files + 1) // 100)
            tail = timed(get(f"{base}/?page={pages}"), 30)
            rows.append(
                (
                    f"  its last page (page {pages}), p95",
                    f"{p95(tail) * 1000:.1f} ms",
                    "<= 200 ms",
                    p95(tail) <= 0.200,
                )
            )
            found = timed(get(f"{base}/?q=bench-0999"), 30)
            rows.append(
                (
                    "  a search through them, p95",
                    f"{p95(found) * 1000:.1f} ms",
                    "<= 200 ms",
                    p95(found) <= 0.200,
                )
            )
            timed(get(f"{base}/applications/fifty/submissions/1"), 20)
            timed(get(f"{base}/applications/fifty/compare"), 5)
            now, peak = memory(pid)
            rows.append(("server memory, peak RSS", f"{peak:.0f} MB", "<= 300 MB", peak <= 300))
            rows.append(("  RSS at the end", f"{now:.0f} MB", "", True))
    print(f"{'figure':<52} {'measured':>10}  {'target':<10} result")
    for label, value, target, ok in rows:
        print(
            f"{label:<52} {value:>10}  {target:<10} {('PASS' if ok else 'MISS') if target else ''}"
        )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
