"""Records compare, hash, show and pickle by their fields, as dataclasses do, compiled or not."""

from __future__ import annotations

import dataclasses
import pickle

from complychk.conditions.checks import Atom, Operand
from complychk.conditions.glossary import Glossary, build_glossary


def test_records_with_equal_fields_are_equal_and_hash_alike() -> None:
    assert Atom("<=", 80) == Atom("<=", 80)
    assert hash(Atom("<=", 80)) == hash(Atom("<=", 80))
    assert Atom("<=", 80) != Atom("<=", 80, "warn")
    assert len({Atom("<=", 80), Atom("<=", 80), Atom("<", 80)}) == 2


def test_a_record_never_equals_another_class_or_its_own_fields_as_a_tuple() -> None:
    assert Atom("<=", 80) != ("<=", 80, "fail")
    assert Atom("<=", 80) != Operand("80")


def test_fields_declared_not_compared_are_ignored() -> None:
    """A glossary's lookup memos (compare=False) fill up as it is used; it stays equal."""
    entries = {"running costs": {"path": "finance.planned_running_costs_gbp", "unit": "gbp"}}
    used, fresh = build_glossary(entries), build_glossary(entries)
    assert used.get("running costs") is not None
    assert used == fresh
    assert used != Glossary({})


def test_a_record_shows_its_shown_fields_as_a_dataclass_would() -> None:
    assert repr(Atom("<=", 80)) == "Atom(op='<=', operand=80, effect='fail')"
    hidden = [item.name for item in dataclasses.fields(Glossary) if not item.repr]
    assert hidden and not any(f"{name}=" in repr(Glossary({})) for name in hidden)


def test_a_record_pickles_to_an_equal_record() -> None:
    atom = Atom("between", (1, 2), "warn")
    assert pickle.loads(pickle.dumps(atom)) == atom
