"""Reading YAML proposals (and Markdown front matter) from parse events, with YAML's errors reworded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from complychk.errors import InputError
from complychk.proposal.builder import (
    Builder,
    check_characters,
    checked_text,
    error_at,
    kind_of,
    show,
)
from complychk.proposal.document import PROPOSAL, FileKind, LoadedDocument, Location, location
from complychk.proposal.yaml_events import (
    ALIAS,
    DOCUMENT_START,
    MAPPING_END,
    MAPPING_START,
    SCALAR,
    SEQUENCE_END,
    SEQUENCE_START,
    STREAM_END,
    EventTuple,
    first_events,
    first_is_pythons,
    python_events,
)
from complychk.proposal.yaml_scalars import is_plain_text, resolve_plain


def load_yaml(text: str, file: str, kind: FileKind = PROPOSAL, empty: str = "") -> LoadedDocument:
    """Build values from parse events rather than from a composed node tree.

    Events keep what composition loses: where an alias is written (a composed tree shares the
    anchored node instead), and they arrive one at a time, so the nesting limit is enforced
    before any deep structure is built and nothing here recurses.
    """
    check_characters(text, file)
    try:
        return _load_events(first_events, text, file, kind, empty)
    except yaml.MarkedYAMLError as error:
        if first_is_pythons() or "maximum nesting depth" not in str(error):
            raise _yaml_syntax_error(error, text, file) from None
    # Newer libyaml scans flow brackets ahead of the events and stops at its own depth limit
    # (1000 levels); PyYAML's own parser reaches the builder's limit and says where it is.
    try:
        return _load_events(python_events, text, file, kind, empty)
    except yaml.MarkedYAMLError as error:
        raise _yaml_syntax_error(error, text, file) from None


def _load_events(
    events: Callable[[str], Iterator[EventTuple]],
    text: str,
    file: str,
    kind: FileKind,
    empty: str,
) -> LoadedDocument:
    builder = Builder(file, kind)
    try:
        _feed_events(events(text), builder, kind)
    except yaml.MarkedYAMLError:  # worded by the caller, which knows the text
        raise
    except yaml.YAMLError as error:
        problem = f"cannot read the YAML: {' '.join(str(error).split())}"
        raise InputError(file, 1, 1, problem, "check the file's syntax") from None
    except RecursionError:
        raise InputError(file, 1, 1, "the data is nested too deeply", "flatten it") from None
    return builder.finish(empty)


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def load_markdown(text: str, file: str, kind: FileKind = PROPOSAL) -> LoadedDocument:
    """Load the YAML front matter, cut out in place so line numbers stay those of the file."""
    first_end = text.find("\n")
    first_line = text if first_end < 0 else text[:first_end]
    if first_line.rstrip() != "---":
        problem = "the Markdown file does not start with YAML front matter"
        hint = f"put the {kind.name}'s fields between a first line '---' and a closing line '---'"
        raise InputError(file, 1, 1, problem, hint)
    closing = None if first_end < 0 else _FRONT_MATTER_END.search(text, first_end + 1)
    if closing is None:
        problem = "the front matter opened on line 1 is never closed"
        raise InputError(file, 1, 1, problem, "add a line '---' after the last field")
    return load_yaml(text[: closing.start()], file, kind, empty="the front matter is empty")


def _feed_events(events: Iterator[EventTuple], builder: Builder, what: FileKind) -> None:
    """Feed every event to the builder.

    The loop runs once per value, so it dispatches on the event's kind, and it builds a value's
    location only where one is kept: at a key, at a list item or at the top level. The value of
    a mapping entry is located at its key, so its own position is worked out only if the value
    is refused.
    """
    documents = 0
    file = builder.file
    for kind, value, style, tag, line, column in events:
        if kind == SCALAR:
            if tag is not None:
                raise _tag_error(tag, location(file, line, column))
            if builder.expects_key:
                where = location(file, line, column)
                builder.key(_yaml_key(value, style, where), where)
            elif builder.in_mapping:  # the key's value, located at the key
                builder.value(_yaml_value(value, style, file, line, column))
            else:
                where = location(file, line, column)
                builder.item(_yaml_value(value, style, file, line, column), where)
        elif kind in (MAPPING_START, SEQUENCE_START):
            where = location(file, line, column)
            if tag is not None:
                raise _tag_error(tag, where)
            if builder.expects_key:
                hint = "write a simple name"
                raise error_at(where, "a key must be text, not a list or mapping", hint)
            builder.open({} if kind == MAPPING_START else [], where)
        elif kind in (MAPPING_END, SEQUENCE_END):
            builder.close()
        elif kind == ALIAS:
            hint = "write the value out in full, so every finding can point at its own line"
            where = location(file, line, column)
            raise error_at(where, f"alias *{value} is not allowed", hint)
        elif kind == DOCUMENT_START:
            documents += 1
            if documents > 1:
                hint = f"a {what.file} holds one document; remove this '---' and what follows"
                where = location(file, line, column)
                raise error_at(where, "a second YAML document starts here", hint)
        elif kind == STREAM_END:
            return


def _at(file: str, mark: yaml.Mark | None) -> Location:
    return location(file, mark.line + 1, mark.column + 1) if mark else location(file, 1, 1)


def _tag_error(written: str, where: Location) -> InputError:
    tag = written.replace("tag:yaml.org,2002:", "!!")
    hint = "remove it; values are text, numbers, true/false, lists and mappings"
    return error_at(where, f"the YAML tag {show(tag)} is not allowed", hint)


def _yaml_value(text: str, style: str, file: str, line: int, column: int) -> Any:
    """A scalar's value; its location is worked out only to refuse it, as few values are."""
    if style == "":  # plain
        if is_plain_text(text):
            return text
        return resolve_plain(text, location(file, line, column))
    if style == '"':  # only escapes can make an unpaired surrogate: the text was checked
        return checked_text(text, location(file, line, column))
    return text


def _yaml_key(text: str, style: str, where: Location) -> str:
    if style == "":  # plain
        if text == "<<":
            hint = "write the merged fields out in full"
            raise error_at(where, "merge keys (<<) are not allowed", hint)
        if is_plain_text(text):  # as most keys are: nothing more to check
            return text
        if text == "":
            raise error_at(where, "a key is missing", "write a name before ':'")
    key = _yaml_value(text, style, where.file, where.line, where.column)
    if not isinstance(key, str):
        problem = f"keys must be text, but {show(text)} reads as {kind_of(key)}"
        hint = f"quote it: '{text}':"
        raise error_at(where, problem, hint)
    return key


# (text in YAML's problem, plain words, hint, report at the context mark instead)
_YAML_PROBLEMS: tuple[tuple[str, str, str, bool], ...] = (
    (
        "mapping values are not allowed",
        "a ':' appears where no new key can start",
        "quote the value if it contains ': ', or fix this line's indentation",
        False,
    ),
    (
        "could not find expected ':'",
        "a line is not a 'key: value' pair",
        "add ':' after the key, or check the indentation and quotes above this line",
        True,
    ),
    (
        "end of stream",
        "the file ends before this value is complete",
        "close the quote or bracket that opens here",
        True,
    ),
    (
        "expected ',' or",
        "a [ ] list or { } mapping that opens here is not closed properly",
        "separate items with ',' and close it with ']' or '}'",
        True,
    ),
    (
        "escape",
        "invalid escape in a double-quoted value",
        "write a backslash as \\\\, or use single quotes",
        False,
    ),
)


def _yaml_syntax_error(error: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    raw = ", ".join(" ".join(part.split()) for part in (error.problem, error.context) if part)
    mark = error.problem_mark or error.context_mark
    where = _at(file, mark)
    if _is_tab_problem(raw, text, mark):
        return error_at(where, "tab characters cannot indent YAML", "use spaces")
    if "cannot start any token" in raw:
        problem = f"{show(_char_at(text, mark))} cannot start a value [YAML: {raw}]"
        return error_at(where, problem, "quote the value")
    if "expected <block end>" in raw or ("did not find expected" in raw and "flow" not in raw):
        plain = "this line's indentation does not fit the lines above"
        hint = "indent the entries of one mapping or list by the same number of spaces"
        return error_at(where, f"{plain} [YAML: {raw}]", hint)
    for needle, plain, hint, at_context in _YAML_PROBLEMS:
        if needle in raw:
            if at_context and error.context_mark is not None:
                where = _at(file, error.context_mark)
            return error_at(where, f"{plain} [YAML: {raw}]", hint)
    hint = "check the syntax here; quoting a value often helps"
    return error_at(where, f"invalid YAML [{raw}]", hint)


def _is_tab_problem(raw: str, text: str, mark: yaml.Mark | None) -> bool:
    if "tab character" in raw:  # libyaml names the tab; PyYAML stops at it
        return True
    return "cannot start any token" in raw and _char_at(text, mark) == "\t"


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    """The character YAML stopped at (its own marks count lines as ``str.splitlines`` does here)."""
    lines = text.splitlines()
    if mark is None or mark.line >= len(lines):
        return ""
    return lines[mark.line][mark.column : mark.column + 1]
