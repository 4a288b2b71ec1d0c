"""The library API: check proposal files or text and get a report back. It never prints.

from complychk.api import Checker, run_check

report = run_check(["proposal.yaml"], Checker(), datetime.date.today())
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from complychk import __version__
from complychk.conditions.condition import Severity
from complychk.errors import ConfigError, InputError
from complychk.evaluate import engine
from complychk.evaluate.batch import Progress, check_paths
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import InputProblem, ProposalReport, Report
from complychk.proposal.loader import load_text

__all__ = ["Checker", "Report", "engine_notice", "expand_paths", "run_check", "run_check_text"]

PROPOSAL_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")


def expand_paths(paths: Sequence[str]) -> list[str | InputProblem]:
    """Files as given; a folder stands for the proposal files directly inside it, sorted.

    Every entry of a folder named like a proposal is kept, whatever it is, so that a broken
    link, a named pipe or a folder called ``x.yaml`` is reported as a proposal that could not
    be read (by the loader, which never opens a pipe) rather than silently left out. A folder
    that cannot be listed becomes that problem itself, in its place among the paths given.

    Raises:
        ConfigError: a folder holds nothing named like a proposal file.
    """
    found: list[str | InputProblem] = []
    for given in paths:
        if not os.path.isdir(given):
            found.append(given)
            continue
        try:
            names = os.listdir(given)
        except OSError as error:
            found.append(_unlistable(given, error))
            continue
        inside = sorted(
            str(Path(given) / name)
            for name in names
            if Path(name).suffix.lower() in PROPOSAL_SUFFIXES
        )
        if not inside:
            raise ConfigError(
                f"{given}: no proposal files in this folder (proposal files end in "
                ".yaml, .yml, .json, .md or .markdown)"
            )
        found.extend(inside)
    return found


def _unlistable(folder: str, error: OSError) -> InputProblem:
    problem = f"cannot read this folder: {error.strerror or error}"
    located = InputError(folder, 1, 1, problem, "check its permissions, or give the files in it")
    return InputProblem(folder, str(located))


def run_check(
    paths: Iterable[str | InputProblem],
    checker: Checker,
    as_of: dt.date,
    fail_on: Severity = Severity.MUST,
    *,
    jobs: int | None = None,
    detail: bool = True,
    progress: Progress | None = None,
    draft: bool = False,
) -> Report:
    """Check every proposal; an unreadable one becomes a problem in the report, not an abort.

    Large batches are checked in worker processes (see :func:`complychk.evaluate.batch.check_paths` for
    ``jobs``, ``detail`` and ``progress``); the report is the same whichever way they ran.
    """
    proposals: list[ProposalReport] = []
    problems: list[InputProblem] = []
    for result in check_paths(
        list(paths), checker, as_of, jobs=jobs, detail=detail, progress=progress
    ):
        if isinstance(result, InputProblem):
            problems.append(result)
        else:
            proposals.append(result)
    return Report(
        tool_version=__version__,
        as_of=as_of,
        fail_on=fail_on,
        proposals=tuple(proposals),
        problems=tuple(problems),
        draft=draft,
    )


def run_check_text(
    data: bytes,
    name: str,
    checker: Checker,
    as_of: dt.date,
    fail_on: Severity = Severity.MUST,
    *,
    draft: bool = False,
) -> Report:
    """Check one proposal read already (from standard input): ``name``, as ``--stdin-filename``
    gives it, picks the format by its ending and stands for the file in messages and evidence.
    """
    proposals: tuple[ProposalReport, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    try:
        proposals = (checker.check_document(load_text(data, name), as_of),)
    except InputError as error:
        problems = (InputProblem(error.file, str(error), error.line, error.column),)
    return Report(
        tool_version=__version__,
        as_of=as_of,
        fail_on=fail_on,
        proposals=proposals,
        problems=problems,
        draft=draft,
    )


def engine_notice(checker: Checker) -> str | None:
    """One line for the user when the rules engine cannot be used on this Python."""
    if checker.engine_name == "durable" and not engine.available():
        return (
            f"note: durable-rules is not available on this Python ({engine.IMPORT_ERROR}); "
            "using the reference evaluator, which gives the same outcomes"
        )
    return None
