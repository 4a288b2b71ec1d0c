"""A glossary term no condition uses, directly or through another term (reported only once
every step reads).

The pack loads, but a term nothing uses is usually a misspelling of one that is used, or a
condition that was never written. A term naming a whole list that a filtered term's messages
name counts as used.
"""

from __future__ import annotations

from collections.abc import Mapping, Set

from complychk.conditions.glossary import Glossary, referenced_terms
from complychk.conditions.rule import Problem, Rule

ID = "unused-term"


def check(
    glossary: Glossary, used: Set[str], manifest: str, lines: Mapping[str, tuple[int, int]]
) -> list[Problem]:
    """The terms of ``glossary`` that neither the ``used`` terms nor terms they refer to reach,
    located in the manifest by ``lines``."""
    reached: set[str] = set()
    pending = list(used)
    while pending:
        name = pending.pop()
        term = glossary.get(name)
        if term is None or term.name in reached:
            continue
        reached.add(term.name)
        pending.extend(referenced_terms(term))
        whole = glossary.whole_list(term.name)  # names this term's list in messages
        if whole is not None:
            pending.append(whole.name)
    return [
        Problem(
            manifest,
            *lines.get(term.name, (1, 1)),
            f"glossary term {term.name!r} is defined but no condition uses it",
            "",
            ID,
        )
        for term in glossary.terms.values()
        if term.name not in reached
    ]


RULE = Rule(ID, __doc__ or "", stops_load=False)
