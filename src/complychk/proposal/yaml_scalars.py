"""Unquoted YAML values, read by the YAML 1.2 core schema; what YAML 1.1 reads differently is refused."""

from __future__ import annotations

import re
from typing import Any, Final

from complychk.proposal.builder import checked_float, checked_int, error_at, show
from complychk.proposal.document import Location

_NULLS: Final = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS: Final = {
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}
_YAML11_BOOLS: Final = frozenset({"yes", "no", "on", "off", "y", "n"})
_NUMERIC_STARTS: Final = frozenset("+-.0123456789~") | {""}
"""First characters that can begin a number, a null or a YAML 1.1 number form."""
_SPECIAL_WORDS: Final = frozenset(word.lower() for word in (*_NULLS, *_BOOLS, *_YAML11_BOOLS))
"""The words above in lower case: a word whose lower case is none of these is plain text."""
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_YAML11_NUMBER = re.compile(
    r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?)"
)
_BINARY = re.compile(r"[-+]?0b[01]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")
_SIGNED_HEX = re.compile(r"[-+]0x[0-9a-fA-F]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"[-+]?[0-9]+")
_OCTAL = re.compile(r"0o([0-7]+)")
_HEX = re.compile(r"0x([0-9a-fA-F]+)")
_SPECIAL_FLOAT = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")

# (pattern, problem, hint): plain values that YAML 1.1 and YAML 1.2 readers load differently.
_AMBIGUOUS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        _SEXAGESIMAL,
        "{} is a base-60 number to some YAML readers",
        'quote it if you mean a time or a ratio, e.g. "1:30"',
    ),
    (
        _BINARY,
        "{} is a binary number to some YAML readers and text to others",
        "write the decimal value, or quote it if it is text",
    ),
    (
        _LEADING_ZERO,
        "{} has a leading zero, which some YAML readers take as octal",
        "drop the leading zeros, or quote it if it is a code",
    ),
    (
        _SIGNED_HEX,
        "{} is a number to some YAML readers and text to others",
        "write the decimal value, or quote it if it is text",
    ),
)


def is_plain_text(text: str) -> bool:
    """Whether an unquoted value is text exactly as written, as most values are.

    Cheap enough to ask of every value, so a reader can skip resolving (and locating) words.
    """
    return text[:1] not in _NUMERIC_STARTS and text.lower() not in _SPECIAL_WORDS


def resolve_plain(text: str, where: Location) -> Any:
    """Read an unquoted YAML value by the YAML 1.2 core schema, refusing anything ambiguous.

    Text is returned as written: it is cut from a document whose characters were already
    checked, and only escapes (which unquoted values lack) could make an unpaired surrogate.
    """
    if is_plain_text(text):
        return text
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if text.lower() in _YAML11_BOOLS:
        problem = f"ambiguous boolean {show(text)}"
        raise error_at(where, problem, "write true/false, or quote it if you mean the text")
    if text[:1] not in _NUMERIC_STARTS:  # a word only resembling one of those, such as "tRUE"
        return text
    # The two forms most proposals' numeric-looking values take, which no rule below refuses:
    # whole numbers without a leading zero, and dates, which stay text for the model to read.
    if text.isdigit() and text.isascii() and (text[0] != "0" or len(text) == 1):
        return checked_int(text, 10, where)
    if _ISO_DATE.fullmatch(text):
        return text
    _reject_ambiguous(text, where)
    if _DECIMAL.fullmatch(text):
        return checked_int(text, 10, where)
    for pattern, base in ((_OCTAL, 8), (_HEX, 16)):
        if found := pattern.fullmatch(text):
            return checked_int(found.group(1), base, where, shown=text)
    if _SPECIAL_FLOAT.fullmatch(text):
        problem = f"{text} is not a meaningful value"
        raise error_at(where, problem, "write a finite number, or leave the field out")
    return checked_float(text, where) if _FLOAT.fullmatch(text) else text


def _reject_ambiguous(text: str, where: Location) -> None:
    if "_" in text and _YAML11_NUMBER.fullmatch(text):
        problem = f"{text} uses '_' between digits, which some YAML readers ignore"
        raise error_at(where, problem, f"write {text.replace('_', '')}, or quote it if it is text")
    for pattern, problem, hint in _AMBIGUOUS:
        if pattern.fullmatch(text):
            raise error_at(where, problem.format(text), hint)
