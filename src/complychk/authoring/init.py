"""``complychk init``: a commented starter proposal with every field a pack reads.

The fields come from two places: the pack's glossary says which proposal fields its conditions
read (``path`` terms, their ``where`` filters and item labels), and the proposal model says how
they nest and what each means. Every field is written empty, so a fresh starter checks as
"insufficient evidence" rather than passing on made-up values; the few fields the model requires
get a placeholder that validates. Comments give each field's description and unit.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from complychk.conditions.glossary import Glossary
from complychk.conditions.glossary_kinds import split_path
from complychk.conditions.packs import Pack
from complychk.errors import ConfigError
from complychk.proposal.model import KINDS

PLACEHOLDER = "TO COMPLETE"
UNIT_WORDS = {
    "gbp": "whole pounds",
    "percent": "percent, 0 to 100",
    "date": "date, YYYY-MM-DD",
    "people": "number of people",
    "days": "number of days",
    "count": "whole number",
    "text": "text",
    "flag": "true or false",
    "list": "list",
}
_COMMENT_COLUMN = 40


@dataclass(frozen=True)
class _Reads:
    """What a pack reads: full paths from the proposal root, and paths within list items."""

    full: frozenset[tuple[str, ...]]
    item: frozenset[tuple[str, ...]]
    units: dict[tuple[str, ...], str]
    item_units: dict[tuple[str, ...], str]

    def wanted(self, path: tuple[str, ...], item_path: tuple[str, ...] | None) -> bool:
        """Whether a field is read, or leads to a field that is."""
        if any(_related(path, read) for read in self.full):
            return True
        return item_path is not None and any(_related(item_path, read) for read in self.item)


def _related(path: tuple[str, ...], read: tuple[str, ...]) -> bool:
    shorter = min(len(path), len(read))
    return path[:shorter] == read[:shorter]


def pack_reads(glossary: Glossary) -> _Reads:
    full: set[tuple[str, ...]] = set()
    item: set[tuple[str, ...]] = set()
    units: dict[tuple[str, ...], str] = {}
    item_units: dict[tuple[str, ...], str] = {}
    for term in glossary.terms.values():
        if term.kind != "path":
            continue
        path = tuple(str(part) for part in split_path(term.spec))
        (item if term.scope == "item" else full).add(path)
        if term.unit:
            (item_units if term.scope == "item" else units).setdefault(path, term.unit)
        if term.where:
            item.update((key,) for key in term.where)
        item.add((term.item_label,))
    return _Reads(frozenset(full), frozenset(item), units, item_units)


def starter_text(pack: Pack, kind: str | None = None) -> str:
    """The starter proposal as YAML with comments.

    Raises:
        ConfigError: the pack does not cover ``kind``.
    """
    kind = kind or pack.kinds[0]
    if kind not in pack.kinds:
        raise ConfigError(
            f"pack {pack.name} does not cover proposals of kind {kind!r}; "
            f"it covers {', '.join(pack.kinds)}"
        )
    model = KINDS[kind]
    reads = pack_reads(pack.glossary)
    lines = [
        f"# A starter {_kind_words(kind)} proposal for pack {pack.name}: {pack.title}.",
        "# Every field the pack's conditions read is listed. Fill in what the proposal says and",
        "# leave the rest empty: an empty field is reported as insufficient evidence, never",
        "# guessed. Replace each TO COMPLETE. Check it with: complychk check FILE",
    ]
    lines += list(_fields(model, (), None, reads, 0, kind, commented=False))
    return "\n".join(lines) + "\n"


def _kind_words(kind: str) -> str:
    """``ccg_merger`` -> ``CCG merger``, as the steps and reports write a kind."""
    return " ".join(word.upper() if word in ("ccg", "icb") else word for word in kind.split("_"))


def _fields(
    model: type[BaseModel],
    path: tuple[str, ...],
    item_path: tuple[str, ...] | None,
    reads: _Reads,
    indent: int,
    kind: str,
    commented: bool,
) -> Iterator[str]:
    for name, info in model.model_fields.items():
        here = (*path, name)
        inside = None if item_path is None else (*item_path, name)
        if not (info.is_required() or reads.wanted(here, inside)):
            continue
        yield from _field(name, info, here, inside, reads, indent, kind, commented)


def _field(
    name: str,
    info: FieldInfo,
    path: tuple[str, ...],
    item_path: tuple[str, ...] | None,
    reads: _Reads,
    indent: int,
    kind: str,
    commented: bool,
) -> Iterator[str]:
    pad = "  " * indent
    mark = "# " if commented else ""
    annotation, nullable = _unwrap(info.annotation)
    nested = _model_of(annotation)
    is_list = typing.get_origin(annotation) is list
    unit = reads.units.get(path) or (reads.item_units.get(item_path) if item_path else None)
    comment = _comment(info, annotation, nested, unit)
    if nested is not None and not is_list:
        yield _line(f"{mark}{pad}{name}:", comment)
        yield from _fields(nested, path, item_path, reads, indent + 1, kind, commented)
    elif nested is not None and info.is_required() and not commented:
        yield _line(f"{pad}{name}:", comment + " One item per entry; copy the item for more.")
        first = list(_fields(nested, path, (), reads, indent + 2, kind, commented))
        yield f"{pad}  - " + first[0].lstrip() if first else f"{pad}  - {{}}"
        yield from first[1:]
    elif nested is not None:
        yield _line(f"{mark}{pad}{name}:", comment + " Add one item per entry, like this:")
        example = list(_fields(nested, path, (), reads, indent + 2, kind, commented=True))
        for number, text in enumerate(example):
            body = text.lstrip("# ").lstrip() if number == 0 else text.removeprefix("# ")
            yield f"# {pad}  - {body}" if number == 0 else f"# {body}"
    else:
        value = "" if commented else _value(name, info, annotation, nullable, kind)
        yield _line(f"{mark}{pad}{name}:{' ' + value if value else ''}", comment)


def _line(text: str, comment: str) -> str:
    if not comment:
        return text
    return f"{text.ljust(_COMMENT_COLUMN - 1)} # {comment}"


def _comment(
    info: FieldInfo, annotation: Any, nested: type[BaseModel] | None, unit: str | None
) -> str:
    words = info.description or (_first_line(nested.__doc__) if nested else "")
    detail = UNIT_WORDS.get(unit or "", unit or "") or _type_words(annotation)
    choices = _choices(annotation)
    if choices:
        detail = "one of: " + ", ".join(str(choice) for choice in choices)
    if info.is_required():
        detail = f"{detail}; required" if detail else "required"
    return f"{words} ({detail})" if detail else words


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text and text.strip() else ""


def _type_words(annotation: Any) -> str:
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "whole number"
    if annotation is float:
        return "number"
    if typing.get_origin(annotation) is list:
        inner = _choices(typing.get_args(annotation)[0])
        return "list of: " + ", ".join(map(str, inner)) if inner else "list"
    if getattr(annotation, "__name__", "") == "date":
        return "date, YYYY-MM-DD"
    return ""


def _choices(annotation: Any) -> tuple[Any, ...]:
    return typing.get_args(annotation) if typing.get_origin(annotation) is Literal else ()


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); ``Annotated[X, ...]`` -> X."""
    nullable = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            nullable = nullable or len(args) < len(typing.get_args(annotation))
            annotation = args[0]
        elif origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, nullable


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        annotation, _ = _unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _value(name: str, info: FieldInfo, annotation: Any, nullable: bool, kind: str) -> str:
    """Empty where the model allows it; otherwise the default or a placeholder that validates."""
    if name == "kind":
        return kind
    if name == "id" and info.is_required():
        return kind.replace("_", "-") + "-draft"
    if nullable:
        return ""
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        return json.dumps(default) if default is not None else ""
    choices = _choices(annotation)
    if choices:
        return json.dumps(choices[0])
    if typing.get_origin(annotation) is list:
        inner = _choices(typing.get_args(annotation)[0])
        return json.dumps([inner[0] if inner else PLACEHOLDER])
    if annotation is bool:
        return "false"
    if annotation in (int, float):
        return "0"
    return json.dumps(PLACEHOLDER)
