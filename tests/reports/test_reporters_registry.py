"""Every registered format: pure, deterministic, and robust to an empty report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import report_factory

from complychk.evaluate.findings import Report
from complychk.reports import REPORTERS, RenderOptions

FORMATS = sorted(REPORTERS)


def test_the_documented_formats_are_registered() -> None:
    assert set(REPORTERS) == {
        "text",
        "json",
        "junit",
        "sarif",
        "github",
        "markdown",
        "html",
        "matrix",
        "csv",
    }


def test_render_options_are_immutable() -> None:
    options = RenderOptions()
    assert (options.color, options.base_dir, options.verbose) == (False, ".", False)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(options, "color", True)  # noqa: B010


@pytest.mark.parametrize("name", FORMATS)
def test_rendering_twice_gives_identical_text(name: str, sample_report: Report) -> None:
    render = REPORTERS[name]
    first = render(sample_report, RenderOptions())
    second = render(report_factory.sample_report(), RenderOptions())
    assert first == second


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_renders_an_empty_report(name: str) -> None:
    text = REPORTERS[name](report_factory.empty_report(), RenderOptions())
    assert isinstance(text, str)
    assert text == "" or text.endswith("\n")


@pytest.mark.parametrize("name", FORMATS)
def test_output_is_encodable_as_utf8_even_with_control_characters(name: str) -> None:
    report = report_factory.control_character_report()
    REPORTERS[name](report, RenderOptions()).encode("utf-8")


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_documented(name: str) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "report-format.md").read_text("utf-8")
    assert f"| `{name}` " in doc, f"add {name} to the table in docs/report-format.md"
    assert f"- **{name}**" in doc or f"## The {name.upper()} report" in doc, (
        f"describe {name} in docs/report-format.md"
    )
