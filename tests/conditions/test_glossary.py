"""Glossary terms: what each derivation computes from a proposal, and malformed entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from complychk.conditions.glossary import TermError, build_glossary, format_value
from complychk.conditions.glossary_kinds import Item

DATA: dict[str, Any] = {
    "go_live": dt.date(2020, 4, 1),
    "members": [
        {"name": "Chair", "roles": ["chair", "gp"], "area": "Swale", "voting": True},
        {"name": "GP one", "roles": ["gp"], "area": "Swale", "voting": True},
        {"name": "GP two", "roles": ["gp"], "area": "Thanet", "voting": True},
        {"name": "Council rep", "roles": ["la_rep"], "area": None, "voting": False},
    ],
    "ccgs": [
        {
            "name": "A",
            "opened": dt.date(2019, 6, 1),
            "councils": ["Kent"],
            "deficit": False,
            "cast": 40,
            "eligible": 50,
        },
        {
            "name": "B",
            "opened": dt.date(2019, 7, 1),
            "councils": ["Kent", "Medway"],
            "deficit": True,
            "cast": 10,
            "eligible": 40,
        },
    ],
}

ENTRIES: dict[str, dict[str, Any]] = {
    "go-live": {"path": "go_live"},
    "members": {"path": "members"},
    "GPs": {"path": "members", "where": {"roles": "gp"}},
    "GP chairs": {"path": "members", "where": {"roles": {"all": ["chair", "gp"]}}},
    "voters": {"path": "members", "where": {"voting": True}},
    "number of GPs": {"count": "GPs"},
    "CCGs": {"path": "ccgs"},
    "opened": {"path": "opened", "scope": "item"},
    "councils": {"path": "councils", "scope": "item"},
    "deficit": {"path": "deficit", "scope": "item"},
    "cast": {"path": "cast", "scope": "item"},
    "eligible": {"path": "eligible", "scope": "item"},
    "turnout": {"ratio": ["cast", "eligible"], "scope": "item"},
    "total cast": {"sum": ["cast", "eligible"], "scope": "item"},
    "first opening": {"min": {"each": "CCGs", "of": "opened"}},
    "last opening": {"max": {"each": "CCGs", "of": "opened"}},
    "all councils": {"values": {"each": "CCGs", "of": "councils"}},
    "council count": {"distinct": {"each": "CCGs", "of": "councils"}},
    "shared councils": {"duplicates": {"each": "CCGs", "of": "councils"}},
    "any deficit": {"any": {"each": "CCGs", "of": "deficit"}},
    "either": {"any_of": ["any deficit", "any deficit"]},
    "area": {"path": "area", "scope": "item"},
    "biggest area": {"largest_group": {"each": "GPs", "by": "area"}},
}


@pytest.fixture(scope="module")
def glossary():  # type: ignore[no-untyped-def]
    return build_glossary(ENTRIES)


def value(glossary, name: str, data: Any = DATA) -> Any:  # type: ignore[no-untyped-def]
    return glossary.resolve(name, data).value


def test_paths_and_filters(glossary) -> None:  # type: ignore[no-untyped-def]
    assert value(glossary, "go-live") == dt.date(2020, 4, 1)
    assert [item.label for item in value(glossary, "GPs")] == ["Chair", "GP one", "GP two"]
    assert [item.path for item in value(glossary, "GP chairs")] == [("members", 0)]
    assert len(value(glossary, "voters")) == 3
    assert value(glossary, "number of GPs") == 3
    assert glossary.resolve("go-live", {}).value is None


def test_item_terms_and_aggregates(glossary) -> None:  # type: ignore[no-untyped-def]
    second = DATA["ccgs"][1]
    assert glossary.resolve("turnout", second, ("ccgs", 1)).value == 25.0
    assert glossary.resolve("turnout", second, ("ccgs", 1)).paths == (
        ("ccgs", 1, "cast"),
        ("ccgs", 1, "eligible"),
    )
    assert glossary.resolve("total cast", second).value == 50
    assert value(glossary, "first opening") == dt.date(2019, 6, 1)
    assert value(glossary, "last opening") == dt.date(2019, 7, 1)
    assert value(glossary, "all councils") == ["Kent", "Medway"]
    assert value(glossary, "council count") == 2
    assert value(glossary, "shared councils") == ["Kent"]
    assert value(glossary, "any deficit") is True
    assert value(glossary, "either") is True
    assert value(glossary, "biggest area") == 2


def test_missing_values_stay_missing(glossary) -> None:  # type: ignore[no-untyped-def]
    unknown = {"ccgs": [{"name": "A", "deficit": None, "opened": None}]}
    assert value(glossary, "any deficit", unknown) is None
    assert value(glossary, "first opening", unknown) is None
    assert value(glossary, "all councils", {}) is None
    assert value(glossary, "number of GPs", {}) is None
    assert glossary.resolve("turnout", {"cast": 1, "eligible": 0}).value is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"x": {"path": "a", "count": "y"}}, "exactly one of"),
        ({"x": {"count": "nothing"}}, "refers to undefined term 'nothing'"),
        ({"x": {"path": "a", "unit": "furlongs"}}, "unit 'furlongs'"),
        ({"x": {"path": "a", "colour": "red"}}, "unknown keys: colour"),
        ({"x": {"path": "a", "scope": "world"}}, "scope 'world'"),
        ({"x": {"path": "a", "unit": "flag", "clause": ["a"]}}, "write it as a sentence"),
        ({"x": {"lookup": {"by": "y"}}}, "lookup needs 'by'"),
        ({"x": {"values": {"each": ["y", "z"], "of": "w"}}}, "refers to undefined term 'y'"),
    ],
)
def test_malformed_terms_are_named(entries: dict[str, Any], message: str) -> None:
    with pytest.raises(TermError, match=message) as caught:
        build_glossary(entries)
    assert caught.value.term == "x"


def test_values_are_shown_as_policy_readers_expect() -> None:
    assert format_value(1_234_567, "gbp") == "£1,234,567"
    assert format_value(84.0, "percent") == "84%"
    assert format_value(67.5, "percent") == "67.5%"
    assert format_value(79.99, "percent") == "79.99%"  # never rounded up to the 80% it misses
    assert format_value(100.0, "percent") == "100%"
    assert format_value(1_850_000, "people") == "1,850,000"
    assert format_value(dt.date(2020, 4, 1), "date") == "2020-04-01"
    assert format_value(None, "gbp") == "not stated"
    assert format_value(True, "flag") == "yes"
    assert format_value([Item((), {}, "Kent")], "list") == "Kent"
    assert format_value([], "list") == "none"


def test_per_head_amounts_differences_and_strict_unions() -> None:
    glossary = build_glossary(
        {
            "costs": {"path": "costs", "unit": "gbp"},
            "baseline": {"path": "baseline", "unit": "gbp"},
            "people": {"path": "people", "unit": "people"},
            "per head": {"quotient": ["costs", "people"], "unit": "gbp"},
            "saving": {"difference": ["baseline", "costs"], "unit": "gbp"},
            "ICBs": {"path": "icbs"},
            "area": {"path": "area", "scope": "item"},
            "whole area": {"union": {"each": "ICBs", "of": "area"}},
        }
    )
    data = {
        "costs": 33_768_000,
        "baseline": 60_000_000,
        "people": 1_800_000,
        "icbs": [{"name": "A", "area": ["Slough", "Reading"]}, {"name": "B", "area": ["Slough"]}],
    }
    assert glossary.resolve("per head", data).value == 18.76
    assert glossary.resolve("saving", data).value == 26_232_000
    assert glossary.resolve("whole area", data).value == ["Reading", "Slough"]
    assert glossary.resolve("per head", {**data, "people": 0}).value is None
    assert glossary.resolve("saving", {"costs": 1}).value is None
    silent = {"icbs": [{"name": "A", "area": ["Slough"]}, {"name": "B"}]}
    assert glossary.resolve("whole area", silent).value is None


def test_a_term_known_only_if_a_flag_is_true_is_otherwise_not_stated() -> None:
    glossary = build_glossary(
        {
            "complete": {"path": "board.complete", "unit": "flag"},
            "members": {"path": "board.members", "known_if": "complete"},
            "size": {"count": "members"},
        }
    )
    members = [{"name": "Chair"}, {"name": "Chief Executive"}]
    assert glossary.resolve("size", {"board": {"complete": True, "members": members}}).value == 2
    partial = glossary.resolve("size", {"board": {"complete": False, "members": members}})
    assert partial.value is None
    assert ("board", "complete") in partial.paths
    assert glossary.resolve("size", {"board": {"members": members}}).value is None
    with pytest.raises(TermError, match="undefined term 'nothing'"):
        build_glossary({"x": {"path": "a", "known_if": "nothing"}})


def test_money_per_head_and_net_costs_read_naturally() -> None:
    assert format_value(18.7634, "gbp") == "£18.76"
    assert format_value(19.0, "gbp") == "£19"
    assert format_value(-1_000_000, "gbp") == "-£1,000,000"


def test_a_yes_no_term_is_worded_by_its_clause_where_its_name_is_not_a_sentence() -> None:
    glossary = build_glossary(
        {
            "in deficit": {"path": "in_deficit", "unit": "flag", "clause": "the CCG is in deficit"},
            "under directions": {"path": "directions", "unit": "flag"},
            "the plan is agreed": {"path": "agreed", "unit": "flag"},
        }
    )
    assert glossary.clause("In Deficit") == "the CCG is in deficit"
    assert glossary.clause("under directions") == "'under directions' is true"
    assert glossary.clause("the plan is agreed") == "the plan is agreed"


def test_values_may_read_several_lists_together() -> None:
    glossary = build_glossary(
        {
            "formal": {"path": "formal"},
            "boards": {"path": "boards"},
            "councils": {"path": "councils", "scope": "item"},
            "heard": {"values": {"each": ["formal", "boards"], "of": "councils"}},
        }
    )
    both = {"formal": [{"councils": ["Kent"]}], "boards": [{"councils": ["Medway", "Kent"]}]}
    assert glossary.resolve("heard", both).value == ["Kent", "Medway"]
    assert glossary.resolve("heard", {"boards": [{"councils": ["Medway"]}]}).value == ["Medway"]
    assert glossary.resolve("heard", {}).value is None  # no list given at all: not stated


def test_a_lookup_reads_its_value_from_the_term_it_depends_on() -> None:
    glossary = build_glossary(
        {
            "basis": {"path": "basis"},
            "limit": {"lookup": {"by": "basis", "values": {"weighted": 19, "raw": 18.76}}},
        }
    )
    assert glossary.resolve("limit", {"basis": "weighted"}).value == 19
    assert glossary.resolve("limit", {"basis": "raw"}).value == 18.76
    assert glossary.resolve("limit", {"basis": "other"}).value is None
    assert glossary.resolve("limit", {}).value is None
