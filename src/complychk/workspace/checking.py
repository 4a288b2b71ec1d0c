"""The workspace's one way to check, compare and explain: the library's calls, behind a lock.

Pages and the live editor run in a thread pool; a pack is compiled once and shared, so the
first compilation and every evaluation hold the lock.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

from complychk import __version__
from complychk.conditions.condition import Severity
from complychk.conditions.packs import Pack
from complychk.conditions.plugins import plugin_vocabulary
from complychk.evaluate.checker import Checker
from complychk.evaluate.findings import Finding, ProposalReport, Report
from complychk.proposal.document import LoadedDocument
from complychk.proposal.loader import load_text
from complychk.review.diff import ProposalDiff, diff_documents
from complychk.review.explain import Explanation, explain


@dataclass(frozen=True)
class Checked:
    """A proposal text checked: the document (for line lookups) and its findings."""

    document: LoadedDocument
    report: ProposalReport
    as_of: dt.date
    pack_version: str

    def blocks(self) -> bool:
        return blocks(self.report, self.as_of)


def as_report(proposal: ProposalReport, as_of: dt.date) -> Report:
    """A one-proposal report failing at ``must``, as ``complychk check`` makes by default."""
    return Report(
        tool_version=__version__, as_of=as_of, fail_on=Severity.MUST, proposals=(proposal,)
    )


def blocks(proposal: ProposalReport, as_of: dt.date) -> bool:
    """Whether ``complychk check`` would exit 1 on this proposal (:meth:`Report.fails`)."""
    return bool(as_report(proposal, as_of).failing())


def failing(proposal: ProposalReport, as_of: dt.date) -> set[Finding]:
    report = as_report(proposal, as_of)
    return {finding for finding in proposal.findings if report.fails(finding)}


class CheckService:
    """A :class:`Checker` shared by every request."""

    def __init__(self, pack_root: Path | None = None) -> None:
        self.checker = Checker(vocabulary=plugin_vocabulary(), pack_root=pack_root)
        self._lock = threading.Lock()

    def check_text(self, text: str | bytes, file_name: str, as_of: dt.date) -> Checked:
        """Load and check a proposal given as text.

        Raises:
            InputError: the text is not a valid proposal (located at its line).
        """
        document = load_text(text, file_name)
        with self._lock:
            report = self.checker.check_document(document, as_of)
            version = self.checker.pack(report.pack).version
        return Checked(document, report, as_of, version)

    def diff(self, old: LoadedDocument, new: LoadedDocument, as_of: dt.date) -> ProposalDiff:
        with self._lock:
            return diff_documents(self.checker, old, new, as_of)

    def explain(self, condition_id: str, document: LoadedDocument, as_of: dt.date) -> Explanation:
        with self._lock:
            return explain(self.checker, condition_id, document, as_of)

    def pack(self, name: str) -> Pack:
        with self._lock:
            return self.checker.pack(name)
