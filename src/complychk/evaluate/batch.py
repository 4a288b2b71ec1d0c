"""Checking many proposals: worker processes for large batches, results always in input order.

The durable-rules core never releases the GIL, so threads cannot check proposals in parallel;
processes can. Each worker builds its own Checker from the caller's settings and compiles each
pack once, then checks chunks of paths. The parent hands out a few chunks at a time and yields
results strictly in input order, so the report is the same for any number of workers and the
parent never holds more than a few chunks it cannot yet pass on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from complychk.conditions.condition import Severity
from complychk.conditions.packs import PackError
from complychk.errors import ComplychkError, InputError
from complychk.evaluate.findings import Finding, InputProblem, Outcome, ProposalReport

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Future

    from complychk.evaluate.checker import Checker

PARALLEL_FROM = 200
"""Batches this large are checked in worker processes by default; smaller ones in-process.

Below this, starting the workers (each builds the proposal validator and the pack's rules before
its first proposal) costs about what they save: on 2 cores, 40 to 160 proposal files were
checked faster in one process, and 240 about as fast either way.
"""

MAX_DEFAULT_JOBS = 4
CHUNK_LIMIT = 64
"""Paths per task at most: enough to make the hand-off cheap, few enough to keep workers even."""

Result = ProposalReport | InputProblem
Given = str | InputProblem
"""A proposal's path, or the problem that stopped it being found (a folder that cannot be read)."""
Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each chunk of proposals is checked."""


class WorkerError(ComplychkError):
    """A worker process died (killed, out of memory, or a crash in the rules engine's C core)."""


def default_jobs(count: int) -> int:
    """Worker processes for ``count`` proposals: one (in-process) for small batches."""
    if count < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_JOBS))


def check_paths(
    paths: Sequence[Given],
    checker: Checker,
    as_of: dt.date,
    *,
    jobs: int | None = None,
    detail: bool = True,
    progress: Progress | None = None,
) -> Iterator[Result]:
    """Check every path, yielding one report or input problem per path, in the order given.

    Args:
        jobs: worker processes; None picks :func:`default_jobs`, 1 checks in this process.
        detail: False keeps only what a proposals-by-conditions matrix shows (condition,
            severity, outcome), so a batch of many thousand proposals stays small in memory.
        progress: told how many proposals are done after each chunk.

    Raises:
        PackError: a pack cannot be compiled; nothing can be checked.
        WorkerError: a worker process died.
    """
    workers = default_jobs(len(paths)) if jobs is None else max(1, jobs)
    workers = min(workers, len(paths)) if paths else 1
    if workers == 1 or not _can_fork():
        yield from _in_process(paths, checker, as_of, detail, progress)
    else:
        yield from _in_workers(paths, checker, as_of, detail, progress, workers)


def _in_process(
    paths: Sequence[Given],
    checker: Checker,
    as_of: dt.date,
    detail: bool,
    progress: Progress | None,
) -> Iterator[Result]:
    for done, path in enumerate(paths, start=1):
        yield check_one(checker, path, as_of, detail)  # outcome-only findings come shared
        if progress is not None:
            progress(done, len(paths))


def check_one(checker: Checker, path: Given, as_of: dt.date, detail: bool = True) -> Result:
    """One proposal's report, or the problem that stopped it being checked."""
    if isinstance(path, InputProblem):
        return path
    try:
        return checker.check_file(path, as_of, detail=detail)
    except PackError:
        raise
    except InputError as error:
        return InputProblem(error.file, str(error), error.line, error.column)


# --- worker processes -----------------------------------------------------------------------


def _can_fork() -> bool:
    """Workers are forked: the Checker (its vocabulary holds closures) need not be pickled."""
    import multiprocessing  # here, not at the top: a one-proposal run never needs it

    return "fork" in multiprocessing.get_all_start_methods()


def _chunk_size(count: int, workers: int) -> int:
    """About eight chunks per worker, so a slow chunk at the end keeps nobody waiting long."""
    return max(1, min(CHUNK_LIMIT, count // (workers * 8) or 1))


def _in_workers(
    paths: Sequence[Given],
    checker: Checker,
    as_of: dt.date,
    detail: bool,
    progress: Progress | None,
    workers: int,
) -> Iterator[Result]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = _chunk_size(len(paths), workers)
    chunks = [list(paths[start : start + size]) for start in range(0, len(paths), size)]
    fresh = dataclasses.replace(checker, _compiled={}, _pack_of_kind={})
    context = multiprocessing.get_context("fork")
    pending: deque[Future[list[Result]]] = deque()
    slim = _Outcomes() if not detail else None
    done = 0
    with ProcessPoolExecutor(
        workers, context, initializer=_start_worker, initargs=(fresh,)
    ) as pool:
        try:
            upcoming = iter(chunks)
            for chunk in upcoming:
                pending.append(pool.submit(_check_chunk, chunk, as_of, detail))
                if len(pending) >= workers * 2:
                    break
            while pending:
                results = pending.popleft().result()
                nxt = next(upcoming, None)
                if nxt is not None:
                    pending.append(pool.submit(_check_chunk, nxt, as_of, detail))
                done += len(results)
                yield from slim.reduce(results) if slim is not None else results
                if progress is not None:
                    progress(done, len(paths))
        except BrokenProcessPool:
            raise WorkerError(
                "a worker process stopped unexpectedly (out of memory, or killed)",
            ) from None
        finally:
            for future in pending:
                future.cancel()


_WORKER: list[Checker] = []
"""The worker process's own Checker, set once by the pool's initializer (never in the parent)."""


def _start_worker(checker: Checker) -> None:
    """Compile the named pack up front; an error waits for the first chunk, which reports it.

    (An exception escaping an initializer would only say the pool broke.)
    """
    # Ctrl-C is the parent's to handle (it stops handing out work and says "interrupted");
    # workers ignoring it finish their chunk quietly instead of each printing a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.append(checker)
    if checker.pack_name is not None:
        with contextlib.suppress(ComplychkError):
            checker.compiled(checker.pack_name)
    # What the worker holds from here on (modules, the compiled pack, pydantic's validators)
    # lives as long as it does: the garbage collector need not look through it again at every
    # full collection, only through what each proposal makes.
    gc.freeze()


def _check_chunk(paths: list[Given], as_of: dt.date, detail: bool) -> list[Result]:
    checker = _WORKER[0]
    return [check_one(checker, path, as_of, detail) for path in paths]


# --- matrix-only results --------------------------------------------------------------------


class _Outcomes:
    """Shares one outcome-only Finding per condition, severity and outcome across chunks.

    Each chunk a worker sends back brings its own copies (a pickle shares objects only within
    itself); after this, a proposal costs a tuple of references instead of a few dozen findings,
    so 10,000 proposals of 59 conditions fit in a few megabytes.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str, Severity, Outcome], Finding] = {}

    def reduce(self, results: list[Result]) -> list[Result]:
        """One chunk's results, their findings replaced by the first copies seen."""
        # Within a chunk each finding arrives as one object shared by every proposal that has
        # it, so it is looked up by identity: its key is built once per chunk, not per proposal.
        # (The ids stay valid: ``results`` holds every copy until the loop ends.)
        chosen: dict[int, Finding] = {}
        reduced: list[Result] = []
        for result in results:
            if isinstance(result, InputProblem):
                reduced.append(result)
                continue
            findings = []
            for finding in result.findings:
                shared = chosen.get(id(finding))
                if shared is None:
                    shared = chosen[id(finding)] = self._finding(finding)
                findings.append(shared)
            reduced.append(dataclasses.replace(result, findings=tuple(findings)))
        return reduced

    def _finding(self, finding: Finding) -> Finding:
        """The first copy seen of this outcome-only finding (workers send them already bare)."""
        key = (
            finding.condition_id,
            finding.title,
            finding.theme,
            finding.severity,
            finding.outcome,
        )
        return self._seen.setdefault(key, finding)
