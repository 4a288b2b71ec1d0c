"""Varied, valid proposals for the isolation, fuzz and benchmark runs, driven by the model's schema.

A proposal starts from a sample in ``sample_proposals/`` (or from nothing) and every value is
perturbed within what the proposal JSON Schema allows: numbers scaled or moved to a bound, dates
shifted, flags flipped, optional fields dropped or added, lists shortened or lengthened. Walking
the schema rather than the samples means new model fields are exercised as soon as they exist.

The only source of randomness is the ``rng`` passed in, a ``random.Random`` or hypothesis's
``st.randoms()``, so a seed (or hypothesis) reproduces every proposal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import yaml

from complychk.errors import InputError
from complychk.proposal.document import LoadedDocument
from complychk.proposal.loader import load_document
from complychk.proposal.model import json_schema, validate_proposal

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_proposals"
CONDITION_BASES = REPO / "tests" / "conditions"

_ABSENT = object()
_WORDS = (
    "Kent",
    "Medway",
    "Surrey Heartlands",
    "Coventry",
    "Warwickshire",
    "Nottingham",
    "Derby",
    "North",
    "South",
    "East",
    "West",
    "County Council",
    "City Council",
    "CCG",
    "ICB",
    "Board",
    "place",
    "partnership",
    "committee",
    "review",
    "plan",
    "café",
    "Ysbyty Gwynedd",
    "O'Neill",
    "50%",
    "£1m",
    "Bwrdd Iechyd",
)
_DAY0 = dt.date(2016, 1, 1)
_DAYS = 365 * 12


@cache
def _schema() -> dict[str, Any]:
    return json_schema()


@cache
def samples() -> tuple[dict[str, Any], ...]:
    """The sample proposals and condition-test bases the model accepts today, as plain data."""
    found = []
    paths = sorted(SAMPLES.iterdir()) + sorted(CONDITION_BASES.glob("*/base.yaml"))
    for path in paths:
        try:
            document = load_document(path)
            validate_proposal(document)
        except InputError:
            continue
        found.append(document.data)
    return tuple(found)


class ProposalFactory:
    """Makes proposals; ``fresh`` is the share built from the schema alone, not from a sample."""

    def __init__(self, fresh: float = 0.25) -> None:
        schema = _schema()
        self._defs: dict[str, Any] = schema["$defs"]
        self._kinds = {
            name: self._defs[ref.rsplit("/", 1)[1]]
            for name, ref in schema["discriminator"]["mapping"].items()
        }
        self._fresh = fresh
        self._bases = samples()

    @property
    def kinds(self) -> list[str]:
        return sorted(self._kinds)

    def proposal(self, rng: Random, number: int = 0) -> dict[str, Any]:
        """One proposal as data; the model accepts it unless perturbation broke a cross-field rule."""
        if self._bases and rng.random() >= self._fresh:
            base: dict[str, Any] = rng.choice(self._bases)
            kind = base["kind"]
        else:
            base, kind = {}, rng.choice(self.kinds)
        node = dict(self._kinds[kind])
        data = _Walk(self._defs, rng, base).object(node, base, depth=0)
        data["kind"] = kind
        data["id"] = f"generated-{number}"
        return data

    def valid(self, rng: Random, number: int = 0, attempts: int = 50) -> dict[str, Any]:
        """A proposal the model accepts (perturbation rarely breaks a cross-field rule; retry then)."""
        for _ in range(attempts):
            data = self.proposal(rng, number)
            if accepts(data):
                return data
        raise AssertionError(
            f"no valid proposal in {attempts} attempts; the factory lags the model"
        )

    def nth(self, seed: int, number: int) -> dict[str, Any]:
        """Proposal ``number`` of the series ``seed``, made again without making the others."""
        return self.valid(Random(f"{seed}:{number}"), number)

    def stream(self, seed: int, count: int) -> Iterator[dict[str, Any]]:
        for number in range(count):
            yield self.nth(seed, number)


class _Yaml12Dumper(yaml.SafeDumper):
    """PyYAML writes YAML 1.1: it would leave ``3E8`` or ``0o17`` unquoted, which complychk reads
    by YAML 1.2 as numbers. Teaching the dumper the 1.2 number forms makes it quote them."""


_Yaml12Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)
_Yaml12Dumper.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)


def to_yaml(data: Mapping[str, Any]) -> str:
    """A proposal as YAML text that complychk reads back exactly."""
    return yaml.dump(dict(data), Dumper=_Yaml12Dumper, sort_keys=False, allow_unicode=True)


def document(data: Mapping[str, Any], name: str = "generated.yaml") -> LoadedDocument:
    """Data as a loaded document without locations (every finding then points at line 1)."""
    return LoadedDocument(name, dict(data), {})


def accepts(data: Mapping[str, Any]) -> bool:
    try:
        validate_proposal(document(data))
    except InputError:
        return False
    return True


class _Walk:
    """One proposal's walk through the schema; ``strings`` lets names repeat, as they do in life."""

    def __init__(self, defs: dict[str, Any], rng: Random, base: Mapping[str, Any]) -> None:
        self._defs = defs
        self._rng = rng
        self._strings = [value for value in _strings_in(base)] or list(_WORDS)

    def _resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in node:
            node = self._defs[node["$ref"].rsplit("/", 1)[1]]
        return node

    def value(self, node: Mapping[str, Any], base: Any, depth: int) -> Any:
        node = self._resolve(node)
        if "anyOf" in node:
            options = [self._resolve(option) for option in node["anyOf"]]
            real = [option for option in options if option.get("type") != "null"]
            if not real:
                return None
            return self.value(_pick_option(real, base, self._rng), base, depth)
        if "const" in node:
            return node["const"]
        if "enum" in node:
            return (
                base
                if base in node["enum"] and self._rng.random() < 0.7
                else (self._rng.choice(node["enum"]))
            )
        kind = node.get("type")
        if kind == "object":
            return self.object(node, base if isinstance(base, Mapping) else {}, depth)
        if kind == "array":
            return self.array(node, base if isinstance(base, list) else None, depth)
        if kind == "boolean":
            return (
                (not base)
                if isinstance(base, bool) and self._rng.random() < 0.3
                else (base if isinstance(base, bool) else self._rng.random() < 0.5)
            )
        if kind == "integer":
            return self.integer(node, base)
        if kind == "number":
            return self.number(node, base)
        if kind == "string":
            return self.string(node, base)
        raise AssertionError(f"the factory cannot build schema type {kind!r}; teach it")

    def object(self, node: Mapping[str, Any], base: Mapping[str, Any], depth: int) -> Any:
        node = self._resolve(node)
        required = set(node.get("required", ()))
        result: dict[str, Any] = {}
        add = max(0.05, 0.45 - 0.12 * depth)
        for name, child in node.get("properties", {}).items():
            given = base.get(name, _ABSENT)
            if name not in required:
                keep = given is not _ABSENT and given is not None
                if keep and self._rng.random() < 0.12:
                    continue
                if not keep and self._rng.random() >= add:
                    continue
            if _nullable(self._resolve(child)) and self._rng.random() < 0.03:
                result[name] = None  # written out as null, which means the same as absent
                continue
            result[name] = self.value(child, None if given is _ABSENT else given, depth + 1)
        return result

    def array(self, node: Mapping[str, Any], base: list[Any] | None, depth: int) -> list[Any]:
        low = node.get("minItems", 0)
        high = node.get("maxItems", low + 6)
        if base:
            length = len(base) + self._rng.choice((-2, -1, 0, 0, 0, 1, 2))
        else:
            length = self._rng.randint(low, min(high, low + 4 if depth < 3 else low + 1))
        length = max(low, min(high, length))
        items = node.get("items", {})
        return [
            self.value(items, base[index % len(base)] if base else None, depth + 1)
            for index in range(length)
        ]

    def integer(self, node: Mapping[str, Any], base: Any) -> int:
        low = node.get("minimum", -(10**7))
        high = node.get("maximum", 10**9)
        choice = self._rng.random()
        if isinstance(base, int) and not isinstance(base, bool) and choice < 0.75:
            scaled = int(base * self._rng.uniform(0.5, 1.5)) + self._rng.randint(-2, 2)
            value = scaled if choice < 0.6 else base
        elif choice < 0.85:
            value = self._rng.choice((low, high, 0, 1))
        else:
            value = int(10 ** self._rng.uniform(0, 7))
        return max(low, min(high, value))

    def number(self, node: Mapping[str, Any], base: Any) -> float:
        low = node.get("minimum", -(10.0**7))
        high = node.get("maximum", 10.0**9)
        if (
            isinstance(base, int | float)
            and not isinstance(base, bool)
            and self._rng.random() < 0.7
        ):
            value = base * self._rng.uniform(0.6, 1.4)
        else:
            value = self._rng.choice((low, high, self._rng.uniform(low, high)))
        return round(max(low, min(high, value)), 1)

    def string(self, node: Mapping[str, Any], base: Any) -> str:
        if node.get("format") == "date":
            return self.date(base).isoformat()
        if "pattern" in node:
            return _from_pattern(node["pattern"], self._rng)
        low, high = node.get("minLength", 0), node.get("maxLength", 200)
        roll = self._rng.random()
        if isinstance(base, str) and roll < 0.7:
            text = base
        elif roll < 0.85:
            text = self._rng.choice(self._strings)
        else:
            words = self._rng.randint(1, 4)
            text = " ".join(self._rng.choice(_WORDS) for _ in range(words))
        text = text[:high]
        return text if len(text) >= low else text + "x" * (low - len(text))

    def date(self, base: Any) -> dt.date:
        if isinstance(base, str):
            try:
                start = dt.date.fromisoformat(base)
            except ValueError:
                start = None
            if start is not None and self._rng.random() < 0.8:
                shift = self._rng.choice((0, 0, 1, -1, 30, -30, 90, -90, 365, -365))
                return start + dt.timedelta(days=shift + self._rng.randint(-3, 3))
        return _DAY0 + dt.timedelta(days=self._rng.randrange(_DAYS))


def _nullable(node: Mapping[str, Any]) -> bool:
    return any(option.get("type") == "null" for option in node.get("anyOf", ()))


def _pick_option(options: list[Mapping[str, Any]], base: Any, rng: Random) -> Mapping[str, Any]:
    if len(options) == 1:
        return options[0]
    by_type = {"object": Mapping, "array": list, "string": str, "boolean": bool}
    for option in options:
        wanted = by_type.get(option.get("type", ""))
        if wanted is not None and isinstance(base, wanted):
            return option
    return rng.choice(options)


def _strings_in(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        if len(data) < 120 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", data):
            yield data
    elif isinstance(data, Mapping):
        for key, value in data.items():
            if key not in ("id", "kind"):
                yield from _strings_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from _strings_in(item)


_PATTERN_PART = re.compile(r"\[([^\]]+)\](?:\{(\d+)(?:,(\d+))?\})?")


def _from_pattern(pattern: str, rng: Random) -> str:
    """Text matching the simple patterns the model uses: ``^[class]{m,n}...$`` pieces only."""
    body = pattern.removeprefix("^").removesuffix("$")
    pieces = list(_PATTERN_PART.finditer(body))
    if "".join(piece.group() for piece in pieces) != body:
        raise AssertionError(f"the factory cannot build text for pattern {pattern!r}; teach it")
    text = ""
    for piece in pieces:
        alphabet = _expand_class(piece.group(1))
        low = int(piece.group(2) or 1)
        high = int(piece.group(3) or low) if piece.group(2) else 1
        text += "".join(rng.choice(alphabet) for _ in range(rng.randint(low, min(high, low + 8))))
    return text


def _expand_class(spec: str) -> str:
    chars = ""
    index = 0
    while index < len(spec):
        if index + 2 < len(spec) and spec[index + 1] == "-":
            chars += "".join(chr(c) for c in range(ord(spec[index]), ord(spec[index + 2]) + 1))
            index += 3
        else:
            chars += spec[index]
            index += 1
    return chars
