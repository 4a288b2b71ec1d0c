"""The source as STYLE.md asks: mypy --strict on src/ and ruff's lint and format, clean.

Each runs as a user of the checkout would run it, from the repository root, so a type or lint
error in any module (one no other test imports included) fails the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_mypy_strict_finds_nothing_in_src() -> None:
    done = _run("mypy")  # settings (strict, files) in pyproject.toml
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_lint_and_format_find_nothing() -> None:
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = _run("ruff", "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
