"""complychk's speed and memory figures, each beside its target: ``python benchmarks/bench.py [--quick]``.

Prints one table and exits 0 whatever the figures are (the table says PASS or MISS). What each
figure means, and how it is measured, is in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from proposal_factory import ProposalFactory, to_yaml  # noqa: E402

from complychk.evaluate.checker import Checker  # noqa: E402
from complychk.evaluate.decide import check_proposal  # noqa: E402
from complychk.proposal.loader import load_text  # noqa: E402
from complychk.proposal.model import validate_proposal  # noqa: E402

SAMPLE = REPO / "sample_proposals" / "kent-and-medway-2019-09.yaml"
AS_OF = dt.date(2019, 9, 30)
PACK = "ltp-2019"
ENV = dict(
    os.environ,
    PYTHONPATH=os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")]),
)
ENV.pop("CI", None)


@dataclass(frozen=True)
class Figure:
    label: str
    value: float
    unit: str
    target: str
    passed: bool | None  # None: no target, information only

    def row(self) -> str:
        verdict = "" if self.passed is None else ("PASS" if self.passed else "MISS")
        shown = f"{self.value:,.3f}" if self.value < 10 else f"{self.value:,.1f}"
        return f"{self.label:<58} {shown:>12} {self.unit:<12} {self.target:<14} {verdict}"


@dataclass(frozen=True)
class Sizes:
    cold_runs: int
    warm_runs: int
    throughput: int
    batch: int
    bdd_proposals: int


QUICK = Sizes(cold_runs=5, warm_runs=200, throughput=300, batch=2_000, bdd_proposals=3)
FULL = Sizes(cold_runs=7, warm_runs=1_000, throughput=1_000, batch=10_000, bdd_proposals=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a quick look")
    sizes = QUICK if parser.parse_args().quick else FULL
    print(
        f"complychk benchmark ({'quick' if sizes is QUICK else 'full'}), Python "
        f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, pack {PACK}"
    )
    print(f"load average at the start: {_load()}")
    factory = ProposalFactory()
    figures: list[Figure] = []
    for section in (cold_start, warm, throughput, batch, pytest_bdd, install):
        started = time.monotonic()
        figures.extend(section(sizes, factory))
        print(f"  ({section.__name__} took {time.monotonic() - started:.1f} s)", file=sys.stderr)
    print()
    print(f"{'figure':<58} {'value':>12} {'unit':<12} {'target':<14} verdict")
    print("-" * 104)
    for figure in figures:
        print(figure.row())
    print(f"\nload average at the end: {_load()} (figures from a busy machine run slow)")
    return 0


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# --- (a) cold start -------------------------------------------------------------------------


def _wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            env=env or ENV,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _compile_package() -> None:
    """Write the package's bytecode (``__pycache__``), as an installed package has it.

    Importing does not write it where PYTHONDONTWRITEBYTECODE is set; every run would then
    compile each module from source, which is not what a user of the installed tool waits for.
    """
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "src" / "complychk")],
        env=ENV,
        check=True,
    )


def cold_start(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    check = [sys.executable, "-m", "complychk", "check", str(SAMPLE.relative_to(REPO))]
    floor = [sys.executable, "-c", "import pydantic, yaml"]
    _compile_package()
    _wall(check, 2)  # fill the compiled-pack cache; the measured runs use it
    checked, floored = _wall(check, sizes.cold_runs), _wall(floor, sizes.cold_runs)
    uncached = _wall(
        check, sizes.cold_runs, dict(ENV, COMPLYCHK_NO_CACHE="1")
    )  # as in every CI run
    return [
        Figure("(a) cold `complychk check` of the Kent and Medway sample", checked, "s", "", None),
        Figure("    floor: python -c 'import pydantic, yaml'", floored, "s", "", None),
        Figure(
            "    cold check / floor", checked / floored, "x", "<= 2.5", checked / floored <= 2.5
        ),
        Figure("    the same with an empty cache", uncached, "s", "", None),
        Figure(
            "    empty-cache check / floor",
            uncached / floored,
            "x",
            "<= 3.5",
            uncached / floored <= 3.5,
        ),
    ]


# --- (b) warm, per proposal -------------------------------------------------------------------


def warm(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    checker = Checker(pack_name=PACK)
    text = SAMPLE.read_bytes()
    name = str(SAMPLE)
    document = load_text(text, name)
    checker.check_document(document, AS_OF)
    plan, evaluator = checker.compiled(PACK)
    data = validate_proposal(document).model_dump()

    def full() -> None:
        checker.check_document(load_text(text, name), AS_OF)

    def evaluate_only() -> None:
        check_proposal(plan, evaluator, document, data, AS_OF)

    whole = _per_call(full, sizes.warm_runs)
    alone = _per_call(evaluate_only, sizes.warm_runs)
    conditions = len(plan.pack.conditions)
    return [
        Figure(
            f"(b) warm load+validate+evaluate, {conditions} conditions",
            whole * 1e3,
            "ms",
            "<= 2.0",
            whole * 1e3 <= 2.0,
        ),
        Figure("    of which evaluate (measure, engine, findings)", alone * 1e3, "ms", "", None),
    ]


def _per_call(function: Callable[[], None], runs: int) -> float:
    """Median over five rounds of the mean time per call, so a busy moment does not decide it."""
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(max(1, runs // 5)):
            function()
        rounds.append((time.perf_counter() - started) / max(1, runs // 5))
    return statistics.median(rounds)


# --- (c, d) throughput and memory on one core ---------------------------------------------------


def _resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _texts(factory: ProposalFactory, count: int, seed: int) -> Iterator[tuple[str, str]]:
    for number in range(count):
        data = factory.nth(seed, number)
        yield f"p{number:05d}.yaml", to_yaml(data)


PASSES = 3
"""Passes over the same proposals for (c): a shared machine's speed moves within one pass."""


def throughput(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    import resource

    texts = list(_texts(factory, sizes.throughput, seed=11))
    checker = Checker()
    for name, text in texts[:10]:
        checker.check_document(load_text(text, name), AS_OF)
    marks = {round(len(texts) * share) for share in (0.25, 0.5, 0.75, 1.0)}
    resident = {0: _resident_mb()}
    rates = []
    for _ in range(PASSES):
        started = time.perf_counter()
        for number, (name, text) in enumerate(texts, start=1):
            checker.check_document(load_text(text, name), AS_OF)
            if number in marks:
                resident[number] = _resident_mb()
        rates.append(len(texts) / (time.perf_counter() - started))
    rate = statistics.median(rates)
    print(
        f"  proposals per second in each pass: {', '.join(f'{r:.0f}' for r in rates)}",
        file=sys.stderr,
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    growth = resident[len(texts)] - resident[0]
    trail = " -> ".join(f"{resident[mark]:.0f}" for mark in sorted(resident))
    print(f"  RSS over the {len(texts):,} proposals (MB): {trail}", file=sys.stderr)
    return [
        Figure(
            f"(c) proposals per second, one core, {len(texts):,} generated",
            rate,
            "/s",
            "",
            None,
        ),
        Figure("(d) peak RSS of this process", peak, "MB", "", None),
        Figure(
            f"    RSS growth over the {PASSES} passes of {len(texts):,} proposals",
            growth,
            "MB",
            "flat (< 5)",
            growth < 5,
        ),
    ]


# --- (e) a batch on two cores -------------------------------------------------------------------


def batch(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    folder = Path(tempfile.mkdtemp(prefix="complychk-bench-"))
    try:
        for name, text in _texts(factory, sizes.batch, seed=12):
            (folder / name).write_text(text, encoding="utf-8")
        out = folder / "matrix.csv"
        command = [
            sys.executable,
            "-m",
            "complychk",
            "check",
            str(folder),
            "--jobs",
            "2",
            "--format",
            f"csv={out}",
            "--as-of",
            AS_OF.isoformat(),
        ]
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env=ENV, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        total_peak, single_peak = _watch_tree(child)
        elapsed = time.perf_counter() - started
        rows = out.read_text(encoding="utf-8").count("\n") - 1
        assert rows == sizes.batch, f"the CSV has {rows} rows for {sizes.batch} proposals"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    rate = sizes.batch / elapsed
    return [
        Figure(
            f"(e) batch of {sizes.batch:,} proposal files, --jobs 2, csv",
            elapsed,
            "s",
            "<= 12" if sizes.batch == 10_000 else "",
            elapsed <= 12 if sizes.batch == 10_000 else None,
        ),
        Figure("    batch throughput", rate, "/s", "", None),
        Figure("    peak RSS, all processes together", total_peak, "MB", "< 150", total_peak < 150),
        Figure("    peak RSS, largest single process", single_peak, "MB", "", None),
    ]


def _watch_tree(child: subprocess.Popen[bytes]) -> tuple[float, float]:
    """Sample the RSS of a process and its children every 20 ms until it ends."""
    page = os.sysconf("SC_PAGE_SIZE") / 2**20
    total_peak = single_peak = 0.0
    while child.poll() is None:
        sizes = [_rss_of(pid, page) for pid in [child.pid, *_children(child.pid)]]
        total_peak = max(total_peak, sum(sizes))
        single_peak = max(single_peak, *sizes)
        time.sleep(0.02)
    return total_peak, single_peak


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found.extend(int(word) for word in task.read_text().split())
    return found


def _rss_of(pid: int, page: float) -> float:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    except (OSError, IndexError):
        return 0.0


# --- (f) the same scenarios as pytest-bdd tests -------------------------------------------------


BDD_CONFTEST = '''
"""Records which feature line pytest-bdd is about to run, for the catch-all steps."""
import bdd_steps


def pytest_bdd_before_step(request, feature, scenario, step, step_func):
    bdd_steps.CURRENT["line"] = (feature.filename, step.line_number)
'''

BDD_STEPS = '''
"""One catch-all step per keyword: each runs the check complychk compiled from that feature line."""
import datetime as dt
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from complychk.conditions.checks import Context, satisfies
from complychk.proposal.loader import load_document
from complychk.proposal.model import validate_proposal
from complychk.conditions.packs import load_pack

PACK = load_pack({pack!r})
AS_OF = dt.date.fromisoformat({as_of!r})
PROPOSALS = {proposals!r}
STEPS = {{}}
for condition in PACK.conditions:
    for step in (*condition.givens, *condition.checks):
        STEPS[(Path(condition.file).name, step.line)] = step
CURRENT = {{}}


def _step():
    filename, line = CURRENT["line"]
    return STEPS[(Path(filename).name, line)]


@pytest.fixture(autouse=True, params=PROPOSALS, ids=[Path(p).stem for p in PROPOSALS])
def proposal(request):
    data = validate_proposal(load_document(request.param)).model_dump()
    return Context(PACK.glossary, data, AS_OF)


@given(parsers.re(r"(?P<text>.+)"))
def applies(proposal, text):
    if _step().applies(proposal) is not True:
        pytest.skip("not applicable")


@then(parsers.re(r"(?P<text>.+)"))
def holds(proposal, text):
    check = _step()
    reading = check.measure(proposal)
    if reading.value is None:
        pytest.skip("the proposal does not say")
    for atom in check.atoms:
        if atom.effect == "fail":
            assert satisfies(atom.op, reading.value, atom.operand), reading.shown
'''

BDD_TESTS = """
from bdd_steps import *  # noqa: F403 (the steps and the proposal fixture)
from pytest_bdd import scenarios

scenarios({features!r})
"""


def pytest_bdd(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    from complychk.conditions.packs import builtin_root, load_pack

    folder = Path(tempfile.mkdtemp(prefix="complychk-bdd-"))
    try:
        proposals = []
        for name, text in _texts(factory, sizes.bdd_proposals * 4, seed=13):
            if len(proposals) == sizes.bdd_proposals:
                break
            if "kind: ccg_merger" in text:
                (folder / name).write_text(text, encoding="utf-8")
                proposals.append(str(folder / name))
        features = builtin_root() / "features" / PACK
        (folder / "conftest.py").write_text(BDD_CONFTEST, encoding="utf-8")
        (folder / "bdd_steps.py").write_text(
            BDD_STEPS.format(pack=PACK, as_of=AS_OF.isoformat(), proposals=proposals),
            encoding="utf-8",
        )
        (folder / "test_pack.py").write_text(
            BDD_TESTS.format(features=str(features)), encoding="utf-8"
        )
        (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        pytest_command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:hypothesispytest",
            "-W",
            "ignore",
            str(folder),
        ]
        _compile_package()  # both sides import complychk; neither should compile it from source
        started = time.perf_counter()
        result = subprocess.run(
            pytest_command, env=ENV, cwd=folder, capture_output=True, text=True, check=False
        )
        bdd_seconds = time.perf_counter() - started
        tests = _pytest_count(result.stdout)
        check_command = [
            sys.executable,
            "-m",
            "complychk",
            "check",
            "--pack",
            PACK,
            "--format",
            "json",
            "--as-of",
            AS_OF.isoformat(),
            *proposals,
        ]
        started = time.perf_counter()
        subprocess.run(check_command, env=ENV, cwd=REPO, capture_output=True, check=False)
        ours = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    scenarios_run = len(load_pack(PACK).conditions) * len(proposals)
    if tests != scenarios_run:
        print(
            f"  pytest-bdd ran {tests} tests for {scenarios_run} condition checks: it runs each "
            "Examples row of an outline as its own test",
            file=sys.stderr,
        )
    return [
        Figure(
            f"(f) pytest-bdd: {tests:,} scenario tests ({len(proposals)} proposals)",
            bdd_seconds,
            "s",
            "",
            None,
        ),
        Figure(
            f"    complychk check: the same {len(proposals)} proposals, full pack",
            ours,
            "s",
            "",
            None,
        ),
        Figure(
            "    pytest-bdd / complychk", bdd_seconds / ours, "x", ">= 20", bdd_seconds / ours >= 20
        ),
    ]


def _pytest_count(output: str) -> int:
    """Tests run, from pytest's summary line (``3 failed, 40 passed, 7 skipped in 1.2s``)."""
    import re

    last = output.strip().splitlines()[-1] if output.strip() else ""
    return sum(int(n) for n, word in re.findall(r"(\d+) (passed|failed|skipped|error)", last))


# --- (g) install ----------------------------------------------------------------------------


def install(sizes: Sizes, factory: ProposalFactory) -> list[Figure]:
    """What the GitHub Action does on a new runner: a fresh virtual environment, ``pip install``
    of this checkout (not editable; pip's own cache as this machine has it), then one check
    with an empty complychk cache."""
    with tempfile.TemporaryDirectory(prefix="complychk-install-") as folder:
        venv = Path(folder) / "venv"
        env = {key: value for key, value in ENV.items() if key != "PYTHONPATH"}
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
        python = str(venv / "bin" / "python")
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", str(REPO)],
            check=True,
            env=env,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # pip's notes on this machine's package indexes
        )
        installed = time.perf_counter() - started
        env["COMPLYCHK_CACHE_DIR"] = str(Path(folder) / "cache")
        subprocess.run(
            [str(venv / "bin" / "complychk"), "check", str(SAMPLE), "--as-of", AS_OF.isoformat()],
            env=env,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            check=False,
        )
        total = time.perf_counter() - started
    return [
        Figure(
            "(g) install in a fresh virtual environment", installed, "s", "<= 20", installed <= 20
        ),
        Figure("    install + one check, empty cache (the GitHub Action)", total, "s", "", None),
    ]


if __name__ == "__main__":
    sys.exit(main())
