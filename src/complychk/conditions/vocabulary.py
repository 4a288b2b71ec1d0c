"""The step vocabulary: every phrase a condition may use, what it means, and how it compiles.

Phrases are generic ("{term} must be on or before {date}"); the nouns come from the pack's
glossary. The registry is an explicit object, so plugins can extend a copy of it and nothing
is registered as a side effect of an import.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from complychk.conditions.applicability import KindIs, TermIs
from complychk.conditions.checks import Operand
from complychk.conditions.checks_change import Change
from complychk.conditions.checks_dates import DateOrder, DueBy, FallsOn, YearBefore
from complychk.conditions.checks_every import make_every
from complychk.conditions.checks_scalar import (
    Compare,
    Empty,
    Flag,
    Includes,
    OneOf,
    Pattern,
    Stated,
)
from complychk.conditions.glossary import Glossary

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}

KIND_WORDS = {
    "ccg merger": "ccg_merger",
    "icb merger": "icb_merger",
    "icb boundary change": "icb_boundary_change",
    "icb cluster": "icb_cluster",
}

COMPARISONS = {
    "at least": ">=",
    "at most": "<=",
    "no less than": ">=",
    "no more than": "<=",
    "not less than": ">=",
    "not more than": "<=",
    "more than": ">",
    "less than": "<",
    "fewer than": "<",
    "exactly": "==",
}
DATE_ORDERS = {"on or before": "<=", "before": "<", "on or after": ">=", "after": ">"}

_CMP = "|".join(COMPARISONS)
_DATE_CMP = "on or before|on or after|before|after"
_DAY_MONTH = r"(?P<day>\d{1,2}) (?P<month>[A-Za-z]+)"


class StepError(ValueError):
    """An authoring error in one step; the feature loader adds the file and line."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class StepInput:
    """What a builder needs: the step's words, where it is, and the pack's glossary."""

    keyword: str
    text: str
    line: int
    glossary: Glossary
    table: tuple[tuple[str, ...], ...] = ()
    scope: str = "proposal"
    vocabulary: Vocabulary | None = None
    """The vocabulary compiling this step, for phrases that wrap another step."""

    def term(self, words: str, scope: str | None = None) -> str:
        """A glossary term named in the step, checked to exist (and to have the right scope)."""
        name = _strip_possessive(words)
        found = self.glossary.get(name)
        if found is None:
            close = difflib.get_close_matches(name, self.glossary.names(), n=3, cutoff=0.5)
            hint = (
                f"did you mean {' or '.join(repr(c) for c in close)}?"
                if close
                else ("define it under terms: in the pack manifest")
            )
            raise StepError(f"unknown term {name!r}", hint)
        scope = scope or self.scope
        if found.scope == "item" and scope != "item":
            raise StepError(
                f"term {name!r} describes each item of a list and cannot be used here",
                "use it after 'every ... must have', or use a term about the whole proposal",
            )
        return found.name

    def operand(self, words: str, scope: str | None = None) -> Operand:
        """A literal number, date or quoted text, or else a glossary term."""
        words = words.strip()
        literal = parse_literal(words)
        if literal is not None:
            value, unit = literal
            return Operand(literal=value, unit=unit)
        return Operand(term=self.term(words, scope))


def _strip_possessive(words: str) -> str:
    words = words.strip()
    for prefix in ("its ", "their "):
        if words.lower().startswith(prefix):
            return words[len(prefix) :]
    return words


_NUMBER = re.compile(
    r"^(?P<gbp>£)?(?P<num>-?\d[\d,]*(?:\.\d+)?)(?P<pct>%)?(?: (?:people|days|members))?$"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LONG_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$")


def parse_literal(words: str) -> tuple[Any, str] | None:
    """Parse ``£18.76``, ``80%``, ``1,000,000``, ``2021-04-01`` or ``1 April 2021``."""
    match = _NUMBER.match(words)
    if match:
        text = match["num"].replace(",", "")
        number: float | int = float(text) if "." in text else int(text)
        unit = "gbp" if match["gbp"] else "percent" if match["pct"] else ""
        return number, unit
    if _ISO.match(words):
        return dt.date.fromisoformat(words), "date"
    long = _LONG_DATE.match(words)
    if long and long[2].lower() in MONTHS:
        return dt.date(int(long[3]), MONTHS[long[2].lower()], int(long[1])), "date"
    return None


def _quoted(words: str) -> tuple[str, ...]:
    """``"A", "B" or "C"`` -> ("A", "B", "C"); anything else is an error."""
    found = re.findall(r'"([^"]*)"', words)
    rest = re.sub(r'"[^"]*"', "", words)
    if not found or re.sub(r"[\s,]|\bor\b|\band\b", "", rest):
        raise StepError(
            f"expected quoted text, got {words!r}", 'write values in double quotes: "A" or "B"'
        )
    return tuple(found)


def _day_month(match: re.Match[str]) -> tuple[int, int]:
    month = MONTHS.get(match["month"].lower())
    if month is None:
        raise StepError(f"unknown month {match['month']!r}", "write e.g. 1 April")
    day = int(match["day"])
    dt.date(2000, month, day)
    return month, day


Builder = Callable[[re.Match[str], StepInput], Any]


@dataclass(frozen=True)
class StepPhrase:
    """One phrase of the vocabulary, with its documentation."""

    keyword: str
    template: str
    meaning: str
    example: str
    pattern: re.Pattern[str]
    build: Builder


def _phrase(
    keyword: str, template: str, regex: str, meaning: str, example: str, build: Builder
) -> StepPhrase:
    return StepPhrase(
        keyword, template, meaning, example, re.compile(f"^{regex}$", re.IGNORECASE), build
    )


# --- builders --------------------------------------------------------------------------------


def _kind(match: re.Match[str], step: StepInput) -> KindIs:
    words = re.split(r",\s*|\s+or\s+", match["kinds"].strip())
    kinds = []
    for word in words:
        kind = KIND_WORDS.get(word.lower())
        if kind is None:
            raise StepError(f"unknown kind of proposal {word!r}", f"use {', '.join(KIND_WORDS)}")
        kinds.append(kind)
    return KindIs(step.text, step.line, tuple(kinds))


def _given(expect: str) -> Builder:
    def build(match: re.Match[str], step: StepInput) -> TermIs:
        term = step.term(match["a"])
        return TermIs(step.text, step.line, term, expect, step.glossary.clause(term))

    return build


def _stated(match: re.Match[str], step: StepInput) -> Stated:
    return Stated(step.text, step.line, step.term(match["a"]))


def _flag(expected: bool) -> Builder:
    def build(match: re.Match[str], step: StepInput) -> Flag:
        return Flag(step.text, step.line, step.term(match["a"]), expected)

    return build


def _compare(match: re.Match[str], step: StepInput) -> Compare:
    return Compare(
        step.text,
        step.line,
        step.term(match["a"]),
        COMPARISONS[match["cmp"].lower()],
        step.operand(match["b"]),
    )


def _band(match: re.Match[str], step: StepInput) -> Compare:
    good = step.operand(match["b"])
    warn = step.operand(match["c"])
    op = COMPARISONS[match["cmp"].lower()]
    if good.term or warn.term or op != COMPARISONS[match["cmp2"].lower()]:
        raise StepError(
            "a warning band needs two numbers and the same comparison twice",
            'e.g. "must be at least 50%, or at least 45% with a warning"',
        )
    return Compare(step.text, step.line, step.term(match["a"]), op, good, warn_below=warn.literal)


def _percent_of(match: re.Match[str], step: StepInput) -> Compare:
    pct = parse_literal(match["p"] + "%")
    assert pct is not None
    return Compare(
        step.text,
        step.line,
        step.term(match["a"]),
        COMPARISONS[match["cmp"].lower()],
        Operand(literal=pct[0], unit="percent"),
        percent_of=step.term(match["b"]),
    )


def _change(match: re.Match[str], step: StepInput) -> Change:
    return Change(
        step.text,
        step.line,
        step.term(match["a"]),
        COMPARISONS[match["cmp"].lower()],
        float(match["p"]),
        step.term(match["b"]),
        match["dir"].lower(),
    )


def _between(match: re.Match[str], step: StepInput) -> Compare:
    low, high = step.operand(match["lo"]), step.operand(match["hi"])
    if low.term or high.term:
        raise StepError("between needs two numbers", "e.g. between 250,000 and 500,000")
    return Compare(
        step.text,
        step.line,
        step.term(match["a"]),
        "between",
        Operand(literal=(low.literal, high.literal), unit=low.unit),
    )


def _date_order(match: re.Match[str], step: StepInput) -> DateOrder:
    right = step.operand(match["b"])
    if right.term is None and not isinstance(right.literal, dt.date):
        raise StepError(f"expected a date or a date term, got {match['b']!r}", "write 2021-04-01")
    return DateOrder(
        step.text, step.line, step.term(match["a"]), DATE_ORDERS[match["cmp"].lower()], right
    )


def _days_before(match: re.Match[str], step: StepInput) -> DateOrder:
    op = "<=" if match["dir"].lower() == "before" else ">="
    return DateOrder(
        step.text,
        step.line,
        step.term(match["a"]),
        op,
        step.operand(match["b"]),
        days=int(match["n"]),
    )


def _falls_on(match: re.Match[str], step: StepInput) -> FallsOn:
    month, day = _day_month(match)
    return FallsOn(step.text, step.line, step.term(match["a"]), month, day)


def _year_before(match: re.Match[str], step: StepInput) -> YearBefore:
    month, day = _day_month(match)
    return YearBefore(
        step.text, step.line, step.term(match["a"]), month, day, step.term(match["b"])
    )


def _one_of(negate: bool) -> Builder:
    def build(match: re.Match[str], step: StepInput) -> OneOf:
        return OneOf(step.text, step.line, step.term(match["a"]), _quoted(match["b"]), negate)

    return build


def _pattern(match: re.Match[str], step: StepInput) -> Pattern:
    (regex,) = _quoted(match["b"])
    try:
        re.compile(regex)
    except re.error as error:
        raise StepError(
            f"bad pattern {regex!r}: {error}", "write a Python regular expression"
        ) from None
    return Pattern(step.text, step.line, step.term(match["a"]), regex)


def _empty(match: re.Match[str], step: StepInput) -> Empty:
    unless = match.groupdict().get("b")
    return Empty(step.text, step.line, step.term(match["a"]), step.term(unless) if unless else None)


def _includes_text(match: re.Match[str], step: StepInput) -> Includes:
    return Includes(
        step.text, step.line, step.term(match["a"]), Operand(literal=list(_quoted(match["b"])))
    )


def _includes_term(match: re.Match[str], step: StepInput) -> Includes:
    return Includes(
        step.text, step.line, step.term(match["a"]), Operand(term=step.term(match["b"]))
    )


def _includes_exact(match: re.Match[str], step: StepInput) -> Includes:
    return Includes(
        step.text,
        step.line,
        step.term(match["a"]),
        Operand(term=step.term(match["b"])),
        exact=True,
    )


def _includes_table(match: re.Match[str], step: StepInput) -> Includes:
    if not step.table:
        raise StepError(
            "this step needs a data table of the required values below it",
            "add a table with one value per row",
        )
    values = [row[0] for row in step.table]
    return Includes(step.text, step.line, step.term(match["a"]), Operand(literal=values))


def _due_by(match: re.Match[str], step: StepInput) -> DueBy:
    deadline = step.operand(match["b"])
    found = step.glossary.get(deadline.term) if deadline.term else None
    if (found is None or found.unit != "date") and not isinstance(deadline.literal, dt.date):
        raise StepError(
            f"expected a date or a date term after 'by', got {match['b']!r}",
            "write e.g. 'by the go-live date, ...' or 'by 2021-04-01, ...'",
        )
    vocabulary = step.vocabulary or Vocabulary()
    inner = vocabulary.compile(replace(step, keyword="Then", text=match["rest"].strip()))
    return DueBy(step.text, step.line, deadline, inner)


# --- per-item checks -------------------------------------------------------------------------

_ITEM_PHRASES: list[tuple[str, Callable[[re.Match[str], StepInput], Any]]] = []


def _every(match: re.Match[str], step: StepInput) -> Any:
    collection = step.term(match["coll"])
    rest = match["rest"].strip()
    where_stated = False
    if rest.lower().endswith(", where stated"):
        rest, where_stated = rest[: -len(", where stated")], True
    item_step = replace(step, text=rest, scope="item")
    for regex, build in _ITEM_PHRASES:
        found = re.fullmatch(regex, rest, re.IGNORECASE)
        if found:
            inner = build(found, item_step)
            return make_every(step.text, step.line, collection, inner, where_stated)
    if _is_flag(rest, step):  # "must have a named clinical director": that it does
        inner = Flag(step.text, step.line, item_step.term(rest, "item"), True)
        return make_every(step.text, step.line, collection, inner, where_stated)
    raise StepError(
        f"unknown per-item check {rest!r}", "see complychk steps for the forms after 'must have'"
    )


def _is_flag(words: str, step: StepInput) -> bool:
    """Whether ``words`` name a yes/no term of each item. A glossary that takes any name (a
    feature file linted on its own, apart from its pack) knows no units: the pack decides."""
    found = step.glossary.get(_strip_possessive(words))
    if found is None:
        return False
    if step.glossary.get("\x00") is not None:
        return True
    return found.unit == "flag" and found.scope == "item"


def _every_flag(match: re.Match[str], step: StepInput) -> Any:
    """``every {collection} must (not) be {yes/no term}`` and ``must not have {yes/no term}``:
    a yes/no fact of each item, read as a sentence ("every existing ICB must not be abolished")."""
    collection = step.term(match["coll"])
    rest = match["rest"].strip()
    where_stated = False
    if rest.lower().endswith(", where stated"):
        rest, where_stated = rest[: -len(", where stated")], True
    if not _is_flag(rest, step):
        raise StepError(
            f"{rest!r} is not a yes/no term of each item",
            "name a term with unit: flag and scope: item, or use 'must have {item check}'",
        )
    expected = match["neg"] is None
    inner = Flag(step.text, step.line, step.term(_strip_possessive(rest), "item"), expected)
    return make_every(step.text, step.line, collection, inner, where_stated)


def _item_compare(match: re.Match[str], step: StepInput) -> Compare:
    return Compare(
        step.text,
        step.line,
        step.term(match["a"], "item"),
        COMPARISONS[match["cmp"].lower()],
        step.operand(match["b"], "item"),
    )


def _item_more(match: re.Match[str], step: StepInput) -> Compare:
    return Compare(
        step.text,
        step.line,
        step.term(match["a"], "item"),
        ">",
        Operand(term=step.term(match["b"], "item")),
    )


def _item_between(match: re.Match[str], step: StepInput) -> Compare:
    return _between(match, step)


def _item_date(match: re.Match[str], step: StepInput) -> DateOrder:
    return DateOrder(
        step.text,
        step.line,
        step.term(match["a"], "item"),
        DATE_ORDERS[match["cmp"].lower()],
        step.operand(match["b"], "item"),
    )


_ITEM_PHRASES.extend(
    [
        (r"(?P<a>.+) stated", _stated),
        (r"(?P<a>.+) true", _flag(True)),
        (r"(?P<a>.+) false", _flag(False)),
        (r"more (?P<a>.+) than (?P<b>.+)", _item_more),
        (r"(?P<a>.+) between (?P<lo>\S+) and (?P<hi>\S+)", _item_between),
        (rf"(?P<a>.+?) (?P<cmp>{_DATE_CMP}) (?P<b>.+)", _item_date),
        (r"(?P<a>.+?) not one of (?P<b>.+)", _one_of(True)),
        (r"(?P<a>.+?) one of (?P<b>.+)", _one_of(False)),
        (rf"(?P<a>.+?) (?P<cmp>{_CMP}) (?P<b>.+)", _item_compare),
    ]
)


PHRASES: tuple[StepPhrase, ...] = (
    _phrase(
        "Given",
        "the proposal is a {kind}",
        r"the proposal is an? (?P<kinds>.+)",
        "The condition applies only to these kinds of proposal (join several with 'or'); "
        "otherwise it is not applicable.",
        "Given the proposal is a CCG merger",
        _kind,
    ),
    _phrase(
        "Given",
        "{term} is false or not stated",
        r"(?P<a>.+) is false or not stated",
        "Applies unless the proposal says this is true: for an exception most proposals need not "
        "mention.",
        "Given the Health Bill is in force before the effective date is false or not stated",
        _given("false_or_unstated"),
    ),
    _phrase(
        "Given",
        "{term} is stated",
        r"(?P<a>.+) is stated",
        "Applies only when the proposal states this.",
        "Given the Health Bill commencement date is stated",
        _given("stated"),
    ),
    _phrase(
        "Given",
        "{term} is true",
        r"(?P<a>.+) is true",
        "Applies only when this is true; insufficient evidence when the proposal does not say.",
        "Given primary care commissioning is delegated is true",
        _given("true"),
    ),
    _phrase(
        "Given",
        "{term} is false",
        r"(?P<a>.+) is false",
        "Applies only when this is false.",
        "Given the cost shifted to providers is false",
        _given("false"),
    ),
    _phrase(
        "Then",
        "by {date or term}, {check}",
        r"by (?P<b>[^,]+), (?P<rest>.+)",
        "A check due by a date: until then, a value the proposal does not state yet is pending "
        "rather than insufficient evidence (and 'must be stated' is pending rather than failed). "
        "Stated values are judged as usual.",
        "Then by the go-live date, the number of lay members must be at least 3",
        _due_by,
    ),
    _phrase(
        "Then",
        "every {collection} must have {item check}",
        r"every (?P<coll>.+?) must have (?P<rest>.+)",
        "Checks each item; a failure names every failing item. Item checks: '{yes/no term}' (it "
        "must be yes: 'must have a named clinical director'), '{term} stated', "
        "'{term} true', '{term} false', 'more {term} than {term}', '{term} at least {number or term}', "
        "'{term} between {number} and {number}', '{term} on or before {date or term}', "
        "'{term} one of \"A\" or \"B\"'. End with ', where stated' to skip items that do not say.",
        "Then every predecessor CCG must have more votes for than votes against",
        _every,
    ),
    _phrase(
        "Then",
        "every {collection} must be {yes/no term}",
        r"every (?P<coll>.+?) must (?P<neg>not )?be (?P<rest>.+)",
        "A yes/no fact of each item must be yes ('must not be': no); a failure names every "
        "failing item. The term reads as the end of the sentence, e.g. 'on the GP register'. "
        "End with ', where stated' to skip items that do not say.",
        "Then every secondary care doctor member must not be on the GP register",
        _every_flag,
    ),
    _phrase(
        "Then",
        "every {collection} must not have {yes/no term}",
        r"every (?P<coll>.+?) must (?P<neg>not )have (?P<rest>.+)",
        "A yes/no fact of each item must be no ('must have {yes/no term}' asks for yes); a "
        "failure names every failing item.",
        "Then every local authority representative must not have a vote",
        _every_flag,
    ),
    _phrase(
        "Then",
        "{term} must be stated",
        r"(?P<a>.+) must be stated",
        "Fails when the proposal does not state it (or states an empty value).",
        "Then the reinvestment plan must be stated",
        _stated,
    ),
    _phrase(
        "Then",
        "{term} must be true",
        r"(?P<a>.+) must be true",
        "A yes/no fact must be yes.",
        "Then the transfer scheme is prepared must be true",
        _flag(True),
    ),
    _phrase(
        "Then",
        "{term} must be false",
        r"(?P<a>.+) must be false",
        "A yes/no fact must be no.",
        "Then the Accountable Officer is unapproved must be false",
        _flag(False),
    ),
    _phrase(
        "Then",
        "{term} must be at least {n} days before {date or term}",
        r"(?P<a>.+) must be at least (?P<n>\d+) days (?P<dir>before|after) (?P<b>.+)",
        "Date arithmetic: a gap of at least n days.",
        "Then the ODS submission date must be at least 28 days before the effective date",
        _days_before,
    ),
    _phrase(
        "Then",
        "{term} must be on or before {day} {month} of the year before {date term}",
        rf"(?P<a>.+) must be on or before {_DAY_MONTH} of the year before (?P<b>.+)",
        "A deadline fixed by the year of another date.",
        "Then the submission date must be on or before 30 September of the year before the go-live date",
        _year_before,
    ),
    _phrase(
        "Then",
        "{term} must be {on or before|before|on or after|after} {date or term}",
        rf"(?P<a>.+?) must be (?P<cmp>{_DATE_CMP}) (?P<b>.+)",
        "Orders two dates. When the date is not stated and the deadline is after the assessment "
        "date the outcome is pending, not a failure.",
        "Then the Accountable Officer's start date must be on or before the go-live date",
        _date_order,
    ),
    _phrase(
        "Then",
        "{term} must fall on {day} {month}",
        rf"(?P<a>.+) must fall on {_DAY_MONTH}",
        "The date's day and month are fixed.",
        "Then the go-live date must fall on 1 April",
        _falls_on,
    ),
    _phrase(
        "Then",
        "{term} must be {comparison} {p}% of {term}",
        rf"(?P<a>.+?) must be (?P<cmp>{_CMP}) (?P<p>\d+(?:\.\d+)?)% of (?P<b>.+)",
        "A ratio: the first amount as a percentage of the second.",
        "Then the planned running costs must be at most 80% of the 2017/18 running costs",
        _percent_of,
    ),
    _phrase(
        "Then",
        "{term} must {fall|rise} by {comparison} {p}% against {term}",
        rf"(?P<a>.+?) must (?P<dir>fall|rise) by (?P<cmp>{_CMP}) (?P<p>\d+(?:\.\d+)?)% "
        r"(?:against|from|on) (?P<b>.+)",
        "A change from a baseline as a percentage of the baseline ('from' and 'on' read as "
        "'against'). The message gives the change to two decimals, both amounts and, on a "
        "failure, how far the amount is from what the required change gives.",
        "Then the planned running costs must fall by at least 20% against the 2017/18 running costs",
        _change,
    ),
    _phrase(
        "Then",
        "{term} must be {comparison} {number}, or {comparison} {number} with a warning",
        rf"(?P<a>.+?) must be (?P<cmp>{_CMP}) (?P<b>[^,]+), or (?P<cmp2>{_CMP}) (?P<c>.+) with a warning",
        "A threshold with a warning band: failing the second number fails; between the two is a "
        "should-level warning.",
        "Then the running cost reduction must be at least 50%, or at least 45% with a warning",
        _band,
    ),
    _phrase(
        "Then",
        "{term} must be between {number} and {number}",
        r"(?P<a>.+?) must be between (?P<lo>\S+) and (?P<hi>\S+)",
        "Inclusive range.",
        "Then the ICS population must be between 500,000 and 3,000,000",
        _between,
    ),
    _phrase(
        "Then",
        "{term} must be {comparison} {number or term}",
        rf"(?P<a>.+?) must be (?P<cmp>{_CMP}) (?P<b>.+)",
        "Compares a number with a number or another term (at least, at most, more than, less than, "
        "exactly; 'no more than', 'not more than', 'no less than', 'not less than' and 'fewer "
        "than' read the same way).",
        "Then the number of governing body members must be at least 6",
        _compare,
    ),
    _phrase(
        "Then",
        '{term} must not be one of "A", "B"',
        r"(?P<a>.+?) must not be(?: one of)? (?P<b>\".+)",
        "Text must not be any of these.",
        'Then the decision body must not be "Secretary of State"',
        _one_of(True),
    ),
    _phrase(
        "Then",
        '{term} must be one of "A", "B"',
        r"(?P<a>.+?) must be(?: one of)? (?P<b>\".+)",
        "Text must be one of these.",
        'Then the decision body must be "NHS England"',
        _one_of(False),
    ),
    _phrase(
        "Then",
        '{term} must match the pattern "REGEX"',
        r"(?P<a>.+) must match the pattern (?P<b>\".+\")",
        "Text must match a Python regular expression in full.",
        'Then the new CCG name must match the pattern "NHS .+ (Clinical Commissioning Group|CCG)"',
        _pattern,
    ),
    _phrase(
        "Then",
        "{term} must be empty unless {term} is stated",
        r"(?P<a>.+) must be empty unless (?P<b>.+) is stated",
        "A list must be empty, or else a justification stated.",
        "Then the council boundaries crossed must be empty unless the boundary justification is stated",
        _empty,
    ),
    _phrase(
        "Then",
        "{term} must be empty",
        r"(?P<a>.+) must be empty",
        "A list must have no entries.",
        "Then the statutory functions outside the CCG must be empty",
        _empty,
    ),
    _phrase(
        "Then",
        "{term} must include all of:",
        r"(?P<a>.+) must include all of:?",
        "A list must include every value in the data table below the step.",
        "Then the priorities covered must include all of:",
        _includes_table,
    ),
    _phrase(
        "Then",
        "{term} must have exactly the items of {term}",
        r"(?P<a>.+) must have exactly the items of (?P<b>.+)",
        "Set equality: every item of the second list and nothing else; the failure names what "
        "is missing and what is extra.",
        "Then the successor ICB areas must have exactly the items of the existing ICB areas",
        _includes_exact,
    ),
    _phrase(
        "Then",
        "{term} must include every item of {term}",
        r"(?P<a>.+) must include every item of (?P<b>.+)",
        "Set inclusion; the failure names what is missing.",
        "Then the councils consulted must include every item of the upper-tier councils",
        _includes_term,
    ),
    _phrase(
        "Then",
        '{term} must include "A"',
        r"(?P<a>.+) must include (?P<b>\".+\")",
        "A list must include these values.",
        'Then the priorities covered must include "cancer"',
        _includes_text,
    ),
)


@dataclass(frozen=True)
class Vocabulary:
    """The phrases a pack's features may use; plugins add phrases with ``extended``."""

    phrases: tuple[StepPhrase, ...] = PHRASES

    def extended(self, extra: Sequence[StepPhrase]) -> Vocabulary:
        return Vocabulary(tuple(extra) + self.phrases)

    def compile(self, step: StepInput) -> Any:
        """Compile one step, or raise StepError naming the nearest known phrases."""
        keyword = "Given" if step.keyword == "Given" else "Then"
        first_error: StepError | None = None
        for phrase in self.phrases:
            if phrase.keyword != keyword:
                continue
            match = phrase.pattern.match(step.text)
            if match is None:
                continue
            try:
                return phrase.build(match, replace(step, vocabulary=self))
            except StepError as error:
                first_error = first_error or error
        if first_error is not None:
            raise first_error
        raise StepError(
            f"unknown step {step.keyword} {step.text!r}", self.nearest(step.keyword, step.text)
        )

    def nearest(self, keyword: str, text: str) -> str:
        examples = {phrase.example.split(" ", 1)[1]: phrase.template for phrase in self.phrases}
        close = difflib.get_close_matches(text, list(examples), n=2, cutoff=0.3)
        if not close:
            return "run 'complychk steps' to list the known phrases"
        return "nearest known phrases: " + "; ".join(f"'{examples[c]}'" for c in close)
