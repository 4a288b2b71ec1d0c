"""Fuzzing: whatever arrives, complychk answers with a report or one located InputError.

Proposals come from the schema-driven factory with hypothesis choosing every random step (so
failures shrink); raw inputs are arbitrary bytes, YAML-ish text and damaged sample files. The
profile is derandomized and keeps no example database, so CI runs the same examples every time.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path
from random import Random

from casekit import checker
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from proposal_factory import SAMPLES, ProposalFactory, accepts, to_yaml

from complychk.errors import InputError
from complychk.proposal.loader import load_text
from complychk.proposal.model import validate_proposal

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
