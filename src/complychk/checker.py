"""The library API for checking proposals: load, validate, evaluate, report. It never prints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from complychk import __version__, engine
from complychk.batch import Progress, check_paths
from complychk.document import LoadedDocument
from complychk.errors import ConfigError, InputError
from complychk.evaluate import check_proposal
from complychk.findings import InputProblem, ProposalReport, Report, Severity
from complychk.loader import load_document, load_text
from complychk.model import proposal_data
from complychk.pack_cache import load_pack_cached, pack_for_kind_cached
from complychk.packs import Pack
from complychk.plan import Evaluator, Plan, ReferenceEvaluator, build_plan
from complychk.tags import TagTest

if TYPE_CHECKING:
    from complychk.vocabulary import Vocabulary

PROPOSAL_SUFFIXES = (".yaml", ".yml", ".json", ".md", ".markdown")


@dataclass
class Checker:
    """Checks proposals; compiles each pack once and reuses its evaluator for every proposal."""

    pack_name: str | None = None
    engine_name: str = "durable"
    tags: TagTest | None = None
    vocabulary: Vocabulary | None = None
    """The step vocabulary with plugins' phrases; None for the built-in one."""
    pack_root: Path | None = None
    _compiled: dict[str, tuple[Plan, Evaluator]] = field(default_factory=dict, repr=False)
    _pack_of_kind: dict[str, str] = field(default_factory=dict, repr=False)

    def compiled(self, name: str) -> tuple[Plan, Evaluator]:
        if name not in self._compiled:
            pack = load_pack_cached(name, self.vocabulary, self.pack_root)
            if self.tags is not None:
                test = self.tags
                pack = dataclasses.replace(
                    pack, conditions=tuple(c for c in pack.conditions if test(c.tags))
                )
            plan = build_plan(pack)
            self._compiled[name] = (plan, self._evaluator(plan))
        return self._compiled[name]

    def pack(self, name: str) -> Pack:
        return self.compiled(name)[0].pack

    def pack_for_kind(self, kind: str) -> str:
        """The default pack for a kind, looked up once (it reads every manifest)."""
        if kind not in self._pack_of_kind:
            self._pack_of_kind[kind] = pack_for_kind_cached(kind, self.pack_root)
        return self._pack_of_kind[kind]

    def _evaluator(self, plan: Plan) -> Evaluator:
        if self.engine_name == "reference" or not engine.available():
            return ReferenceEvaluator(plan)
        return engine.DurableEvaluator(plan)

    def check_document(
        self, document: LoadedDocument, as_of: dt.date, *, detail: bool = True
    ) -> ProposalReport:
        """Validate and evaluate one loaded proposal; without ``detail``, findings carry only
        their outcome (no message or evidence), which is all a proposals-by-conditions grid shows.
        """
        data = proposal_data(document)
        name = self.pack_name or self.pack_for_kind(data["kind"])
        plan, evaluator = self.compiled(name)
        if data["kind"] not in plan.pack.kinds:
            location = document.locate(("kind",))
            raise InputError(
                location.file,
                location.line,
                location.column,
                f"pack {name} does not cover proposals of kind {data['kind']!r}",
                f"it covers {', '.join(plan.pack.kinds)}; choose another --pack",
            )
        return check_proposal(plan, evaluator, document, data, as_of, detail=detail)

    def check_file(
        self, path: str | Path, as_of: dt.date, *, detail: bool = True
    ) -> ProposalReport:
        return self.check_document(load_document(path), as_of, detail=detail)


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

    Large batches are checked in worker processes (see :func:`complychk.batch.check_paths` for
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
