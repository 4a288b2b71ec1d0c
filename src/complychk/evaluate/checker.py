"""The checker: compiles each pack once and checks loaded proposals against it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from complychk.conditions.pack_cache import load_pack_cached
from complychk.conditions.packs import Pack, pack_for_kind
from complychk.conditions.tags import TagTest
from complychk.errors import InputError
from complychk.evaluate import engine
from complychk.evaluate.decide import check_proposal
from complychk.evaluate.findings import ProposalReport
from complychk.evaluate.plan import Evaluator, Plan, ReferenceEvaluator, build_plan
from complychk.proposal.document import LoadedDocument
from complychk.proposal.loader import load_document
from complychk.proposal.model import proposal_data

if TYPE_CHECKING:
    from complychk.conditions.vocabulary import Vocabulary


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
            self._pack_of_kind[kind] = pack_for_kind(kind, self.pack_root)
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
