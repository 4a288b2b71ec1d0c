"""What stops a YAML file, in plain words: syntax errors as PyYAML words them, reworded with a
hint, and the aliases, tags and nesting a proposal may not have."""

from __future__ import annotations

import yaml

from complychk.errors import InputError
from complychk.proposal.builder import error_at, nested_too_deeply, show
from complychk.proposal.document import FileKind, Location
from complychk.proposal.yaml_nodes import AliasStop, DepthStop, Stop


def stop_error(stop: Stop, text: str, file: str, kind: FileKind) -> InputError:
    """The error for what stopped composing, once no problem before it was found."""
    if isinstance(stop, AliasStop):
        hint = "write the value out in full, so every finding can point at its own line"
        return error_at(at(file, stop.mark), f"alias *{stop.anchor} is not allowed", hint)
    if isinstance(stop, DepthStop):
        return nested_too_deeply(at(file, stop.mark))
    if not isinstance(stop, yaml.MarkedYAMLError):
        problem = f"cannot read the YAML: {' '.join(str(stop).split())}"
        return InputError(file, 1, 1, problem, "check the file's syntax")
    if stop.context == "expected a single document in the stream":
        hint = f"a {kind.file} holds one document; remove this '---' and what follows"
        return error_at(at(file, stop.problem_mark), "a second YAML document starts here", hint)
    return _yaml_syntax_error(stop, text, file)


def at(file: str, mark: yaml.Mark | None) -> Location:
    """Where a mark points, line and column from 1 (the file's start where there is none)."""
    return Location(file, mark.line + 1, mark.column + 1) if mark else Location(file, 1, 1)


def tag_error(written: str, where: Location) -> InputError:
    tag = written.replace("tag:yaml.org,2002:", "!!")
    hint = "remove it; values are text, numbers, true/false, lists and mappings"
    return error_at(where, f"the YAML tag {show(tag)} is not allowed", hint)


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
    where = at(file, mark)
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
                where = at(file, error.context_mark)
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
