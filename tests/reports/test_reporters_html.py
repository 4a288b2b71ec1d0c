"""The HTML report: self-contained, every piece of proposal text inert."""

from __future__ import annotations

import html
from dataclasses import replace
from html.parser import HTMLParser

import pytest
import report_factory
from report_factory import EVIL_IMG, EVIL_MESSAGE, EVIL_SCRIPT, EVIL_TITLE, finding

from complychk.conditions.condition import Citation
from complychk.evaluate.findings import InputProblem, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.html import CSP, render

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "strong",
    "section", "table", "thead", "tbody", "tr", "th", "td", "a", "ul", "li", "div", "span", "dl",
    "dt", "dd", "code", "q",
}  # fmt: skip


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(text: str) -> _Collector:
    collector = _Collector()
    collector.feed(text)
    collector.close()
    return collector


def test_only_expected_tags_and_no_event_handlers(sample_report: Report) -> None:
    parsed = _parse(render(sample_report, RenderOptions()))
    assert {tag for tag, _ in parsed.tags} <= ALLOWED_TAGS
    for tag, attrs in parsed.tags:
        assert not [name for name in attrs if name.startswith("on")], tag
        assert "src" not in attrs


def test_proposal_text_is_escaped_never_markup(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    for evil in (EVIL_SCRIPT, EVIL_IMG, EVIL_TITLE):
        assert evil not in text
    assert html.escape(EVIL_TITLE, quote=True) in text
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in text
    visible = "".join(_parse(text).text)
    assert EVIL_TITLE in visible
    assert EVIL_MESSAGE in visible


def test_content_security_policy_forbids_scripts_and_remote_resources(
    sample_report: Report,
) -> None:
    text = render(sample_report, RenderOptions())
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'"
    metas = [attrs for tag, attrs in _parse(text).tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert "<link" not in text and "@import" not in text and "url(" not in text


def test_checklist_is_grouped_by_theme_with_badges(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    first = text[text.index('id="proposal-0"') : text.index('id="proposal-1"')]
    assert first.index("<h3>Clinical evidence</h3>") < first.index("<h3>Public involvement</h3>")
    for outcome, badge in [
        ("pass", "PASS"),
        ("fail", "FAIL"),
        ("not_applicable", "N/A"),
        ("insufficient_evidence", "INSUFFICIENT"),
        ("pending", "PENDING"),
        ("waived", "WAIVED"),
    ]:
        assert f'<span class="badge {outcome}">{badge}</span>' in first
        assert f".badge.{outcome} {{ background:" in text


def test_evidence_citations_and_remedies_are_shown(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert "<code>proposals/north-cumbria.yaml:30</code> <code>finance.capital</code>" in text
    assert '<q class="value">&lt;img src=x' in text
    assert "<strong>To pass:</strong> Attach the senate letter" in text
    assert (
        "Planning, assuring and delivering service change for patients, March 2018, Chapter 4, "
        "https://www.england.nhs.uk/publication/" in text
    )
    assert "NHS Act 2006 s.14Z45, duty to involve" in text
    assert "approved by Regional Director of Strategy, expires 2025-12-31" in text


def test_summary_table_and_print_styles(sample_report: Report) -> None:
    text = render(sample_report, RenderOptions())
    assert '<a href="#proposal-1">Community hospital beds</a></th><td class="n">1</td>' in text
    assert "@media print" in text
    assert "<h2>Could not check</h2>" in text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil"])
def test_only_web_citation_urls_become_links(url: str) -> None:
    citation = Citation(key="k", title="Dodgy", url=url)
    proposal = replace(
        report_factory.plain_proposal(),
        findings=(finding("SC-001", Outcome.FAIL, citations=(citation,)),),
    )
    report = replace(report_factory.sample_report(), proposals=(proposal,))
    links = [
        attrs.get("href", "")
        for tag, attrs in _parse(render(report, RenderOptions())).tags
        if tag == "a"
    ]
    assert all((href or "").startswith(("#", "http")) for href in links)


def test_a_problem_whose_message_names_its_file_names_it_once(sample_report: Report) -> None:
    located = InputProblem("p/broken.yaml", "p/broken.yaml:2:1: invalid YAML (check the syntax)")
    text = render(replace(sample_report, problems=(located,)), RenderOptions())
    assert (
        '<li><span class="problem">p/broken.yaml:2:1: invalid YAML (check the syntax)</span></li>'
    ) in text
    text = render(sample_report, RenderOptions())
    assert "<li><code>proposals/broken.yaml</code>: " in text
