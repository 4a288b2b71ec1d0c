"""The settings file: ``.complychk.yaml`` or ``[tool.complychk]`` in pyproject.toml, found,
read and checked, every value remembered with the line it came from.

The file holds what ``complychk check`` takes on its command line, under the same names
(``fail-on: should``); the command line wins over the file, the file over the defaults.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from complychk.conditions.condition import Severity
from complychk.errors import InputError

if TYPE_CHECKING:
    from pydantic import ValidationError

YAML_NAME = ".complychk.yaml"
PYPROJECT_NAME = "pyproject.toml"
SARIF_LEVELS = ("error", "warning", "note")
COLOR_CHOICES = ("auto", "always", "never")
ENGINES = ("durable", "reference")


class Setting(NamedTuple):
    """One setting in force: its value and where it came from (``FILE:LINE``, ``command line``
    or ``default``)."""

    name: str
    value: Any
    source: str


class ConfigFile(NamedTuple):
    """A settings file read and checked: its values, and the line of each key."""

    path: Path
    values: dict[str, Any]
    """Option name (``fail-on``) -> value, paths already made relative to where complychk runs."""
    lines: dict[str, int]

    def source(self, name: str) -> str:
        return f"{display(self.path)}:{self.line(name)}"

    def line(self, name: str) -> int:
        return _line(self.lines, name)


def _line(lines: dict[str, int], key: str) -> int:
    """A key's line; for a key not found, the ``[tool.complychk]`` line (pyproject.toml) or 1."""
    return lines.get(key, lines.get("", 1))


def display(path: Path) -> str:
    """The path relative to the working folder when it lies inside it, as written otherwise."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if relative.startswith("..") else relative


def find_config(start: Path) -> Path | None:
    """The settings file for a run in ``start``: the nearest ``.complychk.yaml``, or
    pyproject.toml with a ``[tool.complychk]`` table, in ``start`` or a folder above it.

    The search stops at the repository root (the folder holding ``.git``), so a project never
    picks up settings from outside its own repository.
    """
    for folder in (start, *start.parents):
        candidate = folder / YAML_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / PYPROJECT_NAME
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether a pyproject.toml mentions ``tool.complychk`` (read in full only if it does)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return "tool.complychk" in text


def load_config(path: Path) -> ConfigFile:
    """Read and check one settings file.

    Raises:
        InputError: the file cannot be read or parsed, or holds an unknown key or a bad value;
            located at the key's line.
    """
    name = display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(name, 1, 1, "no such settings file", "check the path") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(name, 1, 1, f"cannot read the settings file: {error}") from None
    if path.name == PYPROJECT_NAME or path.suffix == ".toml":
        raw, lines = _read_toml(text, name)
    else:
        raw, lines = _read_yaml(text, name)
    from pydantic import ValidationError  # only a run with a settings file pays for pydantic

    from complychk.config_model import FileSettings

    try:
        settings = FileSettings.model_validate(raw)
    except ValidationError as error:
        raise _located(error, lines, name) from None
    values = _relative_to(settings.model_dump(by_alias=True, exclude_none=True), path.parent)
    _check_packs(values, lines, name)
    return ConfigFile(path, values, lines)


def _check_packs(values: dict[str, Any], lines: dict[str, int], name: str) -> None:
    """The pack folder exists and holds the pack named, so a mistake is reported at its line."""
    from complychk.conditions.packs import available_packs

    root = values.get("pack-dir")
    if root is not None and not os.path.isdir(os.path.join(root, "rules")):
        problem = f"pack-dir: {root} is not a pack folder (no rules/ folder in it)"
        hint = "a pack folder holds rules/<pack>.yaml and features/<pack>/; paths are relative to this file"
        raise InputError(name, _line(lines, "pack-dir"), 1, problem, hint)
    pack = values.get("pack")
    if pack is not None:
        known = available_packs(Path(root) if root is not None else None)
        if pack not in known:
            problem = f"pack: no pack called {pack!r}"
            raise InputError(
                name, _line(lines, "pack"), 1, problem, f"choose from {', '.join(known)}"
            )


_UNKNOWN_HINT = "remove it; 'complychk config' lists the settings a file may hold"


def _located(error: ValidationError, lines: dict[str, int], name: str) -> InputError:
    """The first problem pydantic found, at its key's line, in words a user can act on."""
    problem = error.errors(include_url=False)[0]
    key = str(problem["loc"][0]) if problem["loc"] else ""
    where = ".".join(str(part) for part in problem["loc"])
    hint = "'complychk config --help' describes each setting"
    if problem["type"] == "extra_forbidden":
        what = f"unknown setting {key!r}"
        near = difflib.get_close_matches(key.replace("_", "-"), DEFAULTS, n=1)
        hint = f"did you mean {near[0]!r}?" if near else _UNKNOWN_HINT
    elif problem["type"] == "value_error":  # our own checks, which name what they got
        what = f"{where}: {str(problem['msg']).removeprefix('Value error, ')}"
    else:
        what = f"{where}: {problem['msg']} (got {problem.get('input')!r})"
    return InputError(name, _line(lines, key), 1, what, hint)


def _relative_to(values: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Paths in the file are relative to the file's folder, wherever complychk runs from."""
    result = dict(values)
    for key in ("pack-dir", "waivers"):
        if key in result:
            result[key] = _join(folder, result[key])
    if "format" in result:
        joined = []
        for spec in result["format"]:
            name, equals, target = spec.partition("=")
            joined.append(f"{name}={_join(folder, target)}" if equals and target else spec)
        result["format"] = joined
    return result


def _join(folder: Path, path: str) -> str:
    if path == "-" or os.path.isabs(path):
        return path
    return display(folder / path)


# --- YAML -----------------------------------------------------------------------------------


def _read_yaml(text: str, name: str) -> tuple[Any, dict[str, int]]:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        column = mark.column + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(name, line, column, f"not valid YAML: {problem}") from None
    if data is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise InputError(
            name, 1, 1, "the settings file is not a mapping", "write one 'setting: value' a line"
        )
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return data, lines


# --- pyproject.toml -------------------------------------------------------------------------

# Patterns as text, compiled (and cached by re) only when a pyproject.toml is read.
_TOOL_HEADER = r"^\s*\[\s*tool\s*\.\s*complychk\s*\]\s*(#.*)?$"
_TABLE_HEADER = r"^\s*\["
_KEY = r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*="""
_TOML_AT = r"\(at line (\d+), column (\d+)\)"


def _read_toml(text: str, name: str) -> tuple[Any, dict[str, int]]:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(_TOML_AT, str(error))
        line, column = (int(found[1]), int(found[2])) if found else (1, 1)
        problem = re.sub(_TOML_AT, "", str(error)).strip()
        raise InputError(name, line, column, f"not valid TOML: {problem}") from None
    table = data.get("tool", {}).get("complychk", {})
    if not isinstance(table, dict):
        raise InputError(name, 1, 1, "tool.complychk is not a table", "write [tool.complychk]")
    return table, _toml_lines(text)


def _toml_lines(text: str) -> dict[str, int]:
    """The line of each key in the ``[tool.complychk]`` table (tomllib keeps no positions)."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(_TOOL_HEADER, line):
            inside = True
            lines.setdefault("", number)
        elif re.match(_TABLE_HEADER, line):
            inside = False
        elif inside and (key := re.match(_KEY, line)):
            lines.setdefault(next(part for part in key.groups() if part), number)
    return lines


# --- the settings in force ------------------------------------------------------------------

DEFAULTS: dict[str, tuple[Any, str]] = {
    "pack": (None, "the pack for each proposal's kind"),
    "pack-dir": (None, "the shipped packs"),
    "fail-on": (Severity.MUST.value, ""),
    "draft": (False, ""),
    "as-of": (None, "today"),
    "tags": (None, "every condition"),
    "waivers": (None, "none"),
    "format": (["text"], ""),
    "jobs": (None, "up to 4 from 200 proposals on"),
    "engine": ("durable", ""),
    "sarif-level": ("warning", ""),
    "color": ("auto", ""),
    "quiet": (False, ""),
    "compact": (False, ""),
}
"""Every setting, in the order ``complychk config`` lists them: its default, and what a default
of None means in words."""


def attribute(name: str) -> str:
    """The argparse attribute of a setting: ``fail-on`` -> ``fail_on``."""
    return name.replace("-", "_")


def settings_in_force(given: dict[str, Any], config: ConfigFile | None) -> dict[str, Setting]:
    """Each setting from the command line (``given``: None or [] where an option was not
    typed), else the settings file, else the default; with where it came from."""
    result: dict[str, Setting] = {}
    for name, (default, _) in DEFAULTS.items():
        typed = given.get(attribute(name))
        if typed is not None and typed != []:
            result[name] = Setting(name, typed, "command line")
        elif config is not None and name in config.values:
            result[name] = Setting(name, config.values[name], config.source(name))
        else:
            result[name] = Setting(name, default, "default")
    return result


def shown(setting: Setting) -> str:
    """A setting's value as ``complychk config`` prints it."""
    value = setting.value
    if value is None:
        return f"({DEFAULTS[setting.name][1]})"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
