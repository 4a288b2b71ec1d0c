"""Hostile input through the real command line: one clear line, exit 2, in little memory.

The corpus and what complychk must say about each input are in ``tests/hostile/cases.yaml``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from minipack import MANIFEST

import complychk

HOSTILE = Path(__file__).parents[1] / "hostile"
CASES: list[dict[str, Any]] = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
LOCATED = re.compile(
    r"^(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<problem>.+) \((?P<hint>.+)\)$"
)
UNLOCATED = re.compile(r"^complychk: (?P<problem>.+) \((?P<hint>.+)\)$")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PAYLOAD_WITNESS = Path("/tmp/complychk-pwned")  # what python_tag.yaml's payload would create

PACKAGE_ROOT = str(Path(complychk.__file__).resolve().parents[1])
MEGABYTES = 200
"""A hang is caught by the 30 s kill in _run (its exit status is then not 2); speed itself is
measured by benchmarks/, not here, where a loaded machine would make a time limit flaky."""


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def _environment() -> dict[str, str]:
    """This interpreter's complychk, whatever the working directory; not CI, no colour."""
    env = dict(os.environ, NO_COLOR="1")
    env.pop("CI", None)
    env["PYTHONPATH"] = os.pathsep.join(
        part for part in (PACKAGE_ROOT, env.get("PYTHONPATH", "")) if part
    )
    return env


LAUNCHER = """
import resource, subprocess, sys
status = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(status)
"""
"""Runs the command as its own child and writes that child's peak memory. A process forked from
the test run would count the test run's own memory (Linux carries the high-water mark over fork
and exec), which grows as the suite goes on; this small launcher keeps the measure the
command's own."""


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run the command line, measuring it alone, killed if it outlives 30 s."""
    out, err, peak = cwd / ".stdout", cwd / ".stderr", cwd / ".peak"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(peak), sys.executable, "-m", "complychk", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,
        )
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        seconds = time.monotonic() - started
    return Run(
        status=child.returncode,
        stdout=out.read_text(encoding="utf-8", errors="replace"),
        stderr=err.read_text(encoding="utf-8", errors="replace"),
        seconds=seconds,
        peak_mb=int(peak.read_text()) / 1024 if peak.exists() else float("inf"),  # kilobytes
    )


def _make(name: str, folder: Path) -> Path:
    """Inputs built at test time: too big to commit, or not something one can commit."""
    path = folder / name
    if name == "deep.yaml":
        path.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    elif name == "deep.json":
        path.write_text('{"a": ' + "[" * 10_000 + "]" * 10_000 + "}\n", encoding="utf-8")
    elif name == "huge.yaml":
        with path.open("w", encoding="utf-8") as stream:
            stream.write("schema_version: 1\ntitle: ")
            for _ in range(60):
                stream.write("x" * 1_000_000)
            stream.write("\n")
    elif name == "evil-name.yaml":
        path = folder / "evil\n\x1b[2J\u202e-name.yaml"
    elif name == "loop.yaml":
        path.symlink_to(path)
    elif name == "pipe.yaml":
        os.mkfifo(path)
    elif name == "device.yaml":
        path.symlink_to("/dev/zero")
    elif name == "empty-folder":
        path.mkdir()
    elif name != "missing.yaml":
        raise AssertionError(f"no maker for {name}")
    return path


def _arguments(case: dict[str, Any], tmp_path: Path, env: dict[str, str]) -> tuple[list[str], str]:
    """The command line for a case, and the file its error line must name."""
    if "pack" in case:
        root = tmp_path / "pack"
        (root / "rules").mkdir(parents=True)
        (root / "features" / "mini").mkdir(parents=True)
        (root / "rules" / "mini.yaml").write_text(MANIFEST, encoding="utf-8")
        shutil.copy(HOSTILE / "features" / case["pack"], root / "features" / "mini")
        env["COMPLYCHK_PACKS"] = str(root)
        proposal = str(HOSTILE / "valid.yaml")
        return ["check", "--pack", "mini", proposal], f"pack/features/mini/{case['pack']}"
    given = case["file"]
    if given.startswith("make: "):
        path = _make(given.removeprefix("make: "), tmp_path)
    else:
        path = tmp_path / given
        shutil.copy(HOSTILE / given, path)
    return ["check", str(path)], str(path)


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_hostile_input_gets_one_clear_line_and_exit_2(case: dict[str, Any], tmp_path: Path) -> None:
    env = _environment()
    args, named = _arguments(case, tmp_path, env)
    PAYLOAD_WITNESS.unlink(missing_ok=True)

    run = _run(args, tmp_path, env)

    assert run.status == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    (line,) = lines
    assert case["says"] in line
    assert not CONTROL.search(line)
    if "at" in case:
        located = LOCATED.match(line)
        assert located, line
        assert f"{located['line']}:{located['column']}" == case["at"]
        if "evil" not in named:
            assert located["file"] == named
    else:
        assert UNLOCATED.match(line), line
    assert run.stdout == ""
    assert run.peak_mb < MEGABYTES
    assert not PAYLOAD_WITNESS.exists()


def test_the_corpus_covers_what_the_issue_lists() -> None:
    assert len(CASES) >= 25
    named = {case.get("file", case.get("pack")) for case in CASES}
    assert set(os.listdir(HOSTILE)) - {"cases.yaml", "valid.yaml", "features"} <= named
    assert {f"{p.name}" for p in (HOSTILE / "features").iterdir()} <= named


def test_a_batch_with_hostile_files_checks_the_rest(tmp_path: Path) -> None:
    """The whole corpus in one folder beside a valid proposal: every bad file named, once."""
    folder = tmp_path / "batch"
    folder.mkdir()
    bad = [case["file"] for case in CASES if "file" in case and not case["file"].startswith("make")]
    for name in bad:
        shutil.copy(HOSTILE / name, folder)
    shutil.copy(HOSTILE / "valid.yaml", folder)
    env = _environment()
    run = _run(["check", str(folder), "--format", "matrix", "--jobs", "2"], tmp_path, env)
    assert run.status == 2
    proposal_files = [name for name in bad if not name.endswith(".txt")]
    named = sorted(line.split(":", 1)[0] for line in run.stderr.splitlines())
    assert named == sorted(str(folder / name) for name in proposal_files)
    assert f"{folder / 'valid.yaml'}  " in run.stdout
