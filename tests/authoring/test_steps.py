"""``complychk steps``: the vocabulary reference, and docs/steps.md kept current."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from complychk.authoring.steps import phrase_docs, render_markdown, render_text
from complychk.cli import main
from complychk.conditions.vocabulary import PHRASES, Vocabulary

DOC = Path(__file__).resolve().parents[2] / "docs" / "steps.md"


def test_docs_steps_md_is_the_generated_reference() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(Vocabulary()), (
        "docs/steps.md is out of date: run "
        "'complychk steps --format markdown --no-plugins > docs/steps.md'"
    )


def test_every_phrase_is_documented_with_its_parameters() -> None:
    docs = phrase_docs(Vocabulary())
    assert len(docs) == len(PHRASES)
    assert [doc.keyword for doc in docs] == sorted(
        (doc.keyword for doc in docs), key=lambda keyword: keyword != "Given"
    )
    for doc in docs:
        assert doc.meaning and doc.example.startswith(doc.keyword + " ")
        names = [name for name, _ in doc.parameters]
        for braced in ("{term}", "{date or term}", "{number}", "{comparison}"):
            if braced in doc.template:
                assert braced in names, doc.template
        assert all(meaning for _, meaning in doc.parameters), doc.template


def test_the_text_form(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["steps", "--no-plugins"]) == 0
    out = capsys.readouterr().out
    assert out == render_text(Vocabulary())
    assert (
        "Then {term} must be stated\n"
        "    Fails when the proposal does not state it (or states an empty value).\n"
        "    {term}: a glossary term: a noun phrase defined under terms: in the pack manifest\n"
        "    example: Then the reinvestment plan must be stated\n"
    ) in out
    assert main(["steps", "--format", "markdown", "--no-plugins"]) == 0
    assert capsys.readouterr().out == DOC.read_text(encoding="utf-8")


def test_a_plugin_count_parameter_is_a_whole_number_not_days() -> None:
    days = next(p for p in PHRASES if "{n} days" in p.template)
    length = dataclasses.replace(
        days,
        template="{term} must be at most {n} characters long",
        pattern=re.compile(r"^(?P<a>.+) must be at most (?P<n>\d+) characters long$"),
    )
    docs = {doc.template: dict(doc.parameters) for doc in phrase_docs(Vocabulary((length,)))}
    assert docs[length.template]["{n}"] == "a whole number"
    days_docs = dict(phrase_docs(Vocabulary((days,)))[0].parameters)
    assert days_docs["{n}"] == "a whole number of days"
