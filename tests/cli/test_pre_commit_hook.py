"""The pre-commit hook, run for real: pre-commit installs complychk from this checkout and runs it.

The hook repository is a snapshot of the working tree (committed in a temporary repository), so
the test exercises the .pre-commit-hooks.yaml and code on disk, not the last commit. pre-commit
builds the hook's environment with pip, from the pip cache or the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from ci_cases import failing_case

pytest.importorskip(
    "pre_commit", reason="pre-commit is in the test extras: pip install -e '.[test]'"
)

REPO = Path(__file__).resolve().parents[2]
GIT = [
    "git",
    "-c",
    "user.name=complychk tests",
    "-c",
    "user.email=tests@complychk.invalid",
    "-c",
    "commit.gpgsign=false",
    "-c",
    "init.defaultBranch=main",
]


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout's files as they are on disk, committed; returns the path and commit."""
    snapshot = tmp_path_factory.mktemp("hook-repo")
    listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot, git(snapshot, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def run_hook(
    project: Path, hook_repo: tuple[Path, str], home: Path, args: list[str]
) -> subprocess.CompletedProcess[str]:
    path, rev = hook_repo
    hook = {"id": "complychk", "args": args}
    config = {"repos": [{"repo": str(path), "rev": rev, "hooks": [hook]}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    env.pop("PYTHONPATH", None)  # the hook must run the complychk pre-commit installed
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files", "--show-diff-on-failure"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with one proposal that fails a must condition, plus files to leave alone."""
    (tmp_path / "proposals").mkdir()
    shutil.copy(failing_case().path, tmp_path / "proposals" / failing_case().path.name)
    (tmp_path / "README.md").write_text("# Not a proposal\n", encoding="utf-8")
    (tmp_path / "proposals" / "notes.txt").write_text("not a proposal either\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    return tmp_path


def test_a_failing_proposal_fails_the_hook_and_a_passing_one_passes(
    project: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    case = failing_case()
    started = time.monotonic()
    result = run_hook(project, hook_repo, pre_commit_home, ["--as-of", case.as_of])
    first_run = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "complychk" in output and "Failed" in output
    for condition_id in case.failing:
        assert condition_id in output
    assert f"proposals/{case.path.name}" in output
    assert "README.md" not in output and "notes.txt" not in output

    passing_args = ["--as-of", case.as_of, "--tags", case.without_failures]
    result = run_hook(project, hook_repo, pre_commit_home, passing_args)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Passed" in output
    print(f"pre-commit: first run {first_run:.1f}s (builds the hook environment)")


def test_the_hook_skips_commits_without_proposals(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    (tmp_path / "README.md").write_text("# Nothing to check\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    result = run_hook(tmp_path, hook_repo, pre_commit_home, [])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout
