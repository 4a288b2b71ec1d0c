"""Running a snippet in a new interpreter with a chosen cache folder, for what a process does once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_probe(code: str, args: list[str], cache: Path | None) -> Any:
    """Run ``code`` with ``args`` from the repository root and return the JSON it prints;
    ``cache`` is the cache folder, or None to run with caching off."""
    env = dict(os.environ)
    env.pop("COMPLYCHK_NO_CACHE", None)
    if cache is None:
        env["COMPLYCHK_NO_CACHE"] = "1"
    else:
        env["COMPLYCHK_CACHE_DIR"] = str(cache)
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)
