"""Reading JSON proposals, with the line and column of every value."""

from __future__ import annotations

import json
import re
from typing import Any

from complychk.errors import InputError
from complychk.proposal.builder import (
    Builder,
    LineIndex,
    check_characters,
    checked_float,
    checked_int,
    checked_text,
    error_at,
)
from complychk.proposal.document import PROPOSAL, FileKind, LoadedDocument, Location


def load_json(text: str, file: str, kind: FileKind = PROPOSAL) -> LoadedDocument:
    """Validate with the standard library, then walk the text again to record positions."""
    check_characters(text, file)
    lines = LineIndex(text)
    if not text.strip(" \t\r\n"):
        raise InputError(
            file, 1, 1, "the file is empty", f"write the {kind.name} as one JSON object"
        )
    try:
        json.loads(text, parse_int=str, parse_float=str, parse_constant=str, object_pairs_hook=list)
    except json.JSONDecodeError as error:
        raise _json_syntax_error(error, lines.locate(file, error.pos)) from None
    except RecursionError:
        too_deep = True  # the walk below stops at the first level that is too deep, and says where
    else:
        too_deep = False
    builder = Builder(file, kind, f"write the {kind.name} as one JSON object: {{ ... }}")
    _walk_json(text, lines, builder)
    if too_deep:
        raise InputError(file, 1, 1, "the data is nested too deeply", "flatten the structure")
    return builder.finish("the file is empty")


_JSON_TOKEN = re.compile(
    r'[ \t\r\n]*(?:(?P<open>[{\[])|(?P<close>[}\]])|[,:]|(?P<string>"(?:[^"\\]|\\.)*")'
    r"|(?P<atom>[^ \t\r\n,:}\]]+))",
    re.DOTALL,
)
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_JSON_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _walk_json(text: str, lines: LineIndex, builder: Builder) -> None:
    """Replay text that ``json.loads`` accepted as builder events, without recursion."""
    for token in _JSON_TOKEN.finditer(text):
        kind = token.lastgroup
        if kind is None:  # ',' or ':'
            continue
        if kind == "close":
            builder.close()
            continue
        value, where = token.group(kind), lines.locate(builder.file, token.start(kind))
        if kind == "open":
            builder.open({} if value == "{" else [], where)
        elif kind == "atom":
            _add_value(builder, _json_atom(value, where), where)
        elif builder.expects_key:
            builder.key(_json_string(value, where), where)
        else:
            _add_value(builder, _json_string(value, where), where)


def _add_value(builder: Builder, value: Any, where: Location) -> None:
    if builder.in_mapping:
        builder.value(value)
    else:
        builder.item(value, where)


def _json_string(token: str, where: Location) -> str:
    return checked_text(json.loads(token) if "\\" in token else token[1:-1], where)


def _json_atom(token: str, where: Location) -> Any:
    if token in _JSON_WORDS:
        return _JSON_WORDS[token]
    if not _JSON_NUMBER.fullmatch(token):  # NaN and Infinity, which json.loads lets through
        problem = f"{token} is not a meaningful value"
        raise error_at(where, problem, "write a finite number, or leave the field out")
    is_float = any(c in token for c in ".eE")
    return checked_float(token, where) if is_float else checked_int(token, 10, where)


_JSON_HINTS = {
    "Expecting property name": "JSON keys need double quotes, and no comma may come before '}'",
    "Expecting ',' delimiter": "separate items with ','; is one missing at the end of a line?",
    "Expecting ':' delimiter": "put ':' between a key and its value",
    "Expecting value": "a value is missing here, or a comma stands before ']' or '}'",
    "Extra data": "the file holds exactly one JSON object; remove what follows it",
    "Unterminated string": "close the string with '\"'",
    "Invalid control character": "write line breaks and tabs inside strings as \\n and \\t",
    "Invalid \\escape": "a backslash in a string must start an escape such as \\\\ or \\n",
}


def _json_syntax_error(error: json.JSONDecodeError, where: Location) -> InputError:
    hint = next((h for p, h in _JSON_HINTS.items() if error.msg.startswith(p)), "")
    return error_at(where, f"invalid JSON: {error.msg}", hint or "check the JSON syntax here")
