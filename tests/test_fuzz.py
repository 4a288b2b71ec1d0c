"""Fuzzing: whatever arrives, complychk answers with a report or one located InputError.

Proposals come from the schema-driven factory with hypothesis choosing every random step (so
failures shrink); raw inputs are arbitrary bytes, YAML-ish text and damaged sample files. The
profile is derandomized and keeps no example database, so CI runs the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from random import Random
from typing import Any

import pytest
import yaml
from casekit import checker
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from proposal_factory import SAMPLES, ProposalFactory, accepts, to_yaml

from complychk import yaml_events
from complychk.errors import InputError
from complychk.loader import load_text
from complychk.model import validate_proposal

AS_OF = dt.date(2020, 3, 31)
LOCATED = re.compile(r"^[^\n]+:(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): [^\n]+$")

FUZZ = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@cache
def _factory() -> ProposalFactory:
    return ProposalFactory()


@cache
def _sample_texts() -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (path.name, path.read_bytes())
        for path in sorted(SAMPLES.iterdir())
        if path.suffix in (".yaml", ".yml", ".json", ".md")
    )


def _check_both(text: str | bytes, name: str) -> None:
    """Load, validate and evaluate with both evaluators; they must agree finding for finding."""
    document = load_text(text, name)
    validate_proposal(document)
    durable = checker("durable").check_document(document, AS_OF)
    reference = checker("reference").check_document(document, AS_OF)
    assert durable.findings == reference.findings


@FUZZ
@given(st.randoms(use_true_random=False))
def test_every_proposal_the_model_accepts_is_evaluated_alike_by_both_evaluators(
    rng: Random,
) -> None:
    data = _factory().proposal(rng)
    assume(accepts(data))
    text = to_yaml(data)
    document = load_text(text, "fuzz.yaml")
    assert document.data == data  # the loader reads back exactly what was written
    _check_both(text, "fuzz.yaml")


def _outcome_of(text: str | bytes, name: str) -> None:
    """A report, or one InputError naming the file with a line and column: nothing else."""
    try:
        _check_both(text, name)
    except InputError as error:
        message = str(error)
        assert LOCATED.match(message), message
        assert message.startswith(f"{name}:")


@FUZZ
@given(st.binary(max_size=600), st.sampled_from(["p.yaml", "p.json", "p.md"]))
def test_any_bytes_give_a_report_or_a_located_input_error(data: bytes, name: str) -> None:
    _outcome_of(data, name)


YAMLISH = st.text(
    alphabet=st.sampled_from(list("abc:-[]{}#&*!|>'\"%@`,?\n\t 0123456789.e+_~\\é\u2028\ufeff")),
    max_size=300,
)


@FUZZ
@given(YAMLISH, st.sampled_from(["p.yaml", "p.json", "p.md"]))
def test_any_yaml_like_text_gives_a_report_or_a_located_input_error(text: str, name: str) -> None:
    _outcome_of(text, name)


@FUZZ
@given(st.data())
def test_damaged_sample_files_give_a_report_or_a_located_input_error(data: st.DataObject) -> None:
    name, original = data.draw(st.sampled_from(_sample_texts()))
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(damaged)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        chunk = data.draw(st.binary(min_size=1, max_size=8))
        if action == "insert":
            damaged[at:at] = chunk
        elif action == "delete":
            del damaged[at : at + len(chunk)]
        else:
            damaged[at : at + len(chunk)] = chunk
    _outcome_of(bytes(damaged), Path(name).name)


def _events_or_error(read: Callable[[str], Iterator[Any]], text: str) -> object:
    """Every event ``read`` gives, or where and why it stopped (the error's words and marks)."""
    events: list[Any] = []
    try:
        events.extend(read(text))
    except yaml.MarkedYAMLError as error:
        marks = [
            (m.line, m.column) if m else None for m in (error.problem_mark, error.context_mark)
        ]
        return events, (type(error).__name__, error.problem, error.context, marks)
    except yaml.YAMLError as error:
        return events, (type(error).__name__, str(error))
    return events, None


def _complychk_events(text: str) -> Iterator[Any]:
    """complychk's C reader, its errors raised as PyYAML raises them (as the loader does)."""
    assert yaml_events._libyaml_events is not None
    try:
        yield from yaml_events._libyaml_events(text)
    except yaml_events.ParseError as error:
        raise yaml_events.pyyaml_error(*error.args) from None


def _pyyaml_c_events(text: str) -> Iterator[Any]:
    return yaml_events.events_of(yaml.CSafeLoader(text))


needs_both_readers = pytest.mark.skipif(
    yaml_events._libyaml_events is None or not yaml.__with_libyaml__,
    reason="complychk's C reader of YAML events was not built, or PyYAML has no C parser",
)


@needs_both_readers
@FUZZ
@given(YAMLISH)
def test_the_c_event_reader_gives_pyyaml_s_events_and_errors(text: str) -> None:
    assume(not text.startswith("\ufeff"))  # the loader removes a byte order mark first
    ours = _events_or_error(_complychk_events, text)
    assert ours == _events_or_error(_pyyaml_c_events, text)


@needs_both_readers
@FUZZ
@given(st.data())
def test_the_c_event_reader_agrees_on_damaged_sample_files(data: st.DataObject) -> None:
    _name, original = data.draw(st.sampled_from(_sample_texts()))
    text = original.decode("utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        chunk = data.draw(st.text(alphabet="abc:-[]{}#&*!|>'\" \n\t0123456789", max_size=6))
        text = text[:at] + chunk + text[at + data.draw(st.integers(0, 3)) :]
    ours = _events_or_error(_complychk_events, text)
    assert ours == _events_or_error(_pyyaml_c_events, text)
