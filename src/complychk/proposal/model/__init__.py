"""The proposal model: one pydantic model per kind of proposal, chosen by ``kind``.

Each kind's model lives in its own module, imported when a proposal of that kind is first
validated: a run checking CCG mergers never pays for defining the ICB models, and the reverse.
``CcgMergerProposal``, ``IcbProposal``, ``Proposal`` and ``KINDS`` are still importable from here.
"""

from __future__ import annotations

import difflib
import importlib
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic_core import ValidationError

from complychk.errors import InputError
from complychk.proposal.document import LoadedDocument

if TYPE_CHECKING:
    from typing import TypeAlias

    from pydantic import BaseModel, TypeAdapter

    from complychk.proposal.model.ccg import CcgMergerProposal
    from complychk.proposal.model.icb import IcbProposal

    Proposal: TypeAlias = CcgMergerProposal | IcbProposal
    KINDS: dict[str, type[BaseModel]]

MODELS: dict[str, tuple[str, str]] = {
    "ccg_merger": ("complychk.proposal.model.ccg", "CcgMergerProposal"),
    "icb_merger": ("complychk.proposal.model.icb", "IcbProposal"),
    "icb_boundary_change": ("complychk.proposal.model.icb", "IcbProposal"),
    "icb_cluster": ("complychk.proposal.model.icb", "IcbProposal"),
}
"""Each kind of proposal: the module and name of its model."""


def model_for(kind: str) -> type[BaseModel]:
    """The model that validates proposals of ``kind`` (one of :data:`MODELS`)."""
    module, name = MODELS[kind]
    model: type[BaseModel] = getattr(importlib.import_module(module), name)
    return model


def __getattr__(name: str) -> Any:
    """The models, and ``KINDS`` (kind -> model), imported when first asked for."""
    if name == "KINDS":
        return _kinds()
    if name in ("CcgMergerProposal", "IcbProposal", "Proposal"):
        from complychk.proposal.model.ccg import CcgMergerProposal
        from complychk.proposal.model.icb import IcbProposal

        chosen = {"CcgMergerProposal": CcgMergerProposal, "IcbProposal": IcbProposal}
        return chosen.get(name, CcgMergerProposal | IcbProposal)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@cache
def _kinds() -> dict[str, type[BaseModel]]:
    return {kind: model_for(kind) for kind in MODELS}


@cache
def _adapter() -> TypeAdapter[Proposal]:
    """Every kind in one schema; built on first use, as the models are (``defer_build``).

    Validating a proposal needs only its own kind's model, so start-up builds none of them.
    """
    from pydantic import Field, TypeAdapter

    from complychk.proposal.model.ccg import CcgMergerProposal
    from complychk.proposal.model.icb import IcbProposal

    return TypeAdapter(
        Annotated[Union[CcgMergerProposal, IcbProposal], Field(discriminator="kind")]  # noqa: UP007
    )


FORMAT_DOC = "see docs/proposal-format.md"


def proposal_data(document: LoadedDocument) -> dict[str, Any]:
    """The proposal validated by its kind's model, as plain data."""
    return validate_proposal(document).model_dump()


def validate_proposal(document: LoadedDocument) -> Proposal:
    """Validate a loaded document; the first problem becomes one located ``InputError``."""
    data = document.data
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in MODELS:
        location = document.locate(("kind",))
        choices = ", ".join(sorted(MODELS))
        got = "no 'kind' field" if kind is None else f"unknown kind {kind!r}"
        raise InputError(
            location.file,
            location.line,
            location.column,
            f"{got}: the proposal must say what kind it is",
            f"set kind to one of {choices}",
        )
    model = model_for(kind)
    try:
        proposal: Proposal = model.model_validate(data)  # type: ignore[assignment]
        return proposal
    except ValidationError as error:
        raise _to_input_error(error, document, model) from None


def json_schema() -> dict[str, Any]:
    """The proposal JSON Schema (every kind), for editors and yaml-language-server."""
    return _adapter().json_schema()


def _to_input_error(
    error: ValidationError, document: LoadedDocument, root: type[BaseModel]
) -> InputError:
    problems = sorted(
        error.errors(include_url=False),
        key=lambda item: _line_of(document, _strip_tag(item["loc"])),
    )
    first = problems[0]
    loc = _strip_tag(first["loc"])
    location = document.locate(loc)
    dotted = _dotted(loc)
    problem, hint = _describe(first, loc, root)
    more = len(problems) - 1
    if more:
        hint = f"{hint}; {more} more problem{'s' if more > 1 else ''} after this one"
    return InputError(location.file, location.line, location.column, f"{dotted}: {problem}", hint)


def _strip_tag(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the discriminator value pydantic puts first in a tagged union's error location."""
    return loc[1:] if loc and loc[0] in MODELS else loc


def _line_of(document: LoadedDocument, loc: tuple[int | str, ...]) -> tuple[int, int]:
    location = document.locate(loc)
    return (location.line, location.column)


def _dotted(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _describe(problem: Any, loc: tuple[int | str, ...], root: type[BaseModel]) -> tuple[str, str]:
    kind = problem["type"]
    value = problem.get("input")
    if kind == "extra_forbidden":
        field = str(loc[-1])
        known = _fields_at(root, loc[:-1])
        close = difflib.get_close_matches(field, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"known fields here: {', '.join(known)}"
        return f"unknown field {field!r}", hint
    if kind == "missing":
        return "this required field is missing", f"add it; {FORMAT_DOC}"
    if kind in {"int_type", "float_type"} and isinstance(value, str):
        return f"expected a number, got text {_shown(value)}", _number_hint(value)
    if kind == "string_type" and isinstance(value, int | float):
        problem = f"expected text, got the number {_shown(value)}"
        return problem, "put it in quotes if it is a code or a name, so it is read as text"
    if kind == "bool_type":
        return f"expected true or false, got {_shown(value)}", "write true or false"
    from complychk.proposal.model.common import PATTERN_WORDS

    if kind == "string_pattern_mismatch" and problem["ctx"]["pattern"] in PATTERN_WORDS:
        return f"{PATTERN_WORDS[problem['ctx']['pattern']]}, got {_shown(value)}", FORMAT_DOC
    if kind == "literal_error":
        return f"{_shown(value)} is not allowed: {problem['msg'].lower()}", FORMAT_DOC
    message = problem["msg"]
    if message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    if value is not None and not isinstance(value, (dict, list)) and repr(value) not in message:
        message = f"{message} (got {_shown(value)})"
    return message[0].lower() + message[1:], FORMAT_DOC


_SCALES = {"k": 3, "m": 6, "mn": 6, "million": 6, "bn": 9, "billion": 9}


def _number_hint(text: str) -> str:
    """What to write instead of a number given as text: only digits that were quoted are told
    to lose their quotes ('1.8m' has none to lose). Imports here: only a refused proposal
    needs them."""
    import re
    from decimal import Decimal

    if re.fullmatch(r"-?\d+(?:\.\d+)?", text.strip()):
        return "write the number without quotes"
    shorthand = re.fullmatch(
        r"£?\s*(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>k|m|mn|bn|million|billion|%)?",
        text.strip(),
        re.IGNORECASE,
    )
    if shorthand is None:
        return "write a plain number: digits, with a decimal point if needed"
    number = Decimal(shorthand["number"].replace(",", ""))
    number = number.scaleb(_SCALES.get((shorthand["scale"] or "").lower(), 0))
    plain = format(number.normalize(), "f")
    return f"write it as {plain}: a plain number, without £, commas, % or words such as m or k"


def _shown(value: Any, limit: int = 60) -> str:
    """A value quoted for a one-line message, cut short: a proposal may hold megabytes of text."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _fields_at(root: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Field names of the model at ``loc``, for did-you-mean hints."""
    from pydantic import BaseModel

    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return sorted(model.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """Unwrap Optional[...] / list[...] / Annotated[...] down to a model class, if any."""
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin in (Union, types.UnionType, list, Annotated):
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
        return None
    return annotation
