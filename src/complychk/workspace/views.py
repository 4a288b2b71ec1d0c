"""What the pages show, worked out from stored submissions: pure functions, no HTML, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from complychk.conditions.condition import Severity
from complychk.evaluate.findings import Finding, Outcome

PAGE_ORDER: tuple[Outcome, ...] = (
    Outcome.FAIL,
    Outcome.INSUFFICIENT_EVIDENCE,
    Outcome.PENDING,
    Outcome.WAIVED,
    Outcome.PASS,
    Outcome.NOT_APPLICABLE,
)
"""Failures first, then what cannot be decided yet, then what needs nothing."""

HEADINGS: dict[Outcome, str] = {
    Outcome.FAIL: "Failures",
    Outcome.INSUFFICIENT_EVIDENCE: "Insufficient evidence",
    Outcome.PENDING: "Pending",
    Outcome.WAIVED: "Waived",
    Outcome.PASS: "Passes",
    Outcome.NOT_APPLICABLE: "Not applicable",
}


@dataclass(frozen=True)
class Filters:
    """The reviewer's choice of outcomes, severities and theme; empty means all."""

    outcomes: frozenset[Outcome] = frozenset()
    severities: frozenset[Severity] = frozenset()
    theme: str = ""

    @classmethod
    def parse(cls, outcomes: Iterable[str], severities: Iterable[str], theme: str) -> Filters:
        return cls(
            frozenset(Outcome(o) for o in outcomes if o in Outcome.__members__.values()),
            frozenset(Severity(s) for s in severities if s in Severity.__members__.values()),
            theme,
        )

    def keeps(self, finding: Finding) -> bool:
        return (
            (not self.outcomes or finding.outcome in self.outcomes)
            and (not self.severities or finding.severity in self.severities)
            and (not self.theme or finding.theme == self.theme)
        )

    @property
    def active(self) -> bool:
        return bool(self.outcomes or self.severities or self.theme)


def count_items(counts: dict[Outcome, int]) -> list[tuple[str, str, int]]:
    """(outcome, label, count) of each outcome that occurs, in page order, for a counts line."""
    return [(o.value, o.label, counts[o]) for o in PAGE_ORDER if counts.get(o)]


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    anchor: str
    findings: list[Finding]


@dataclass(frozen=True)
class Section:
    """The findings of one outcome, grouped by theme."""

    outcome: Outcome
    heading: str
    groups: list[ThemeGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.findings) for group in self.groups)


def anchor(*parts: str) -> str:
    """An HTML id from words: lower case, hyphens between."""
    text = "-".join(parts).lower()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-")


def sections(findings: Sequence[Finding], filters: Filters = Filters()) -> list[Section]:
    """Findings in page order (failures first), each outcome's grouped by theme, filters applied;
    within a theme, ``must`` before ``should`` before ``advisory``, then by condition ID."""
    result = []
    for outcome in PAGE_ORDER:
        chosen = [f for f in findings if f.outcome is outcome and filters.keeps(f)]
        if not chosen:
            continue
        chosen.sort(key=lambda f: (f.theme, -f.severity.rank, f.condition_id))
        groups: dict[str, list[Finding]] = {}
        for finding in chosen:
            groups.setdefault(finding.theme, []).append(finding)
        result.append(
            Section(
                outcome,
                HEADINGS[outcome],
                [ThemeGroup(t, anchor(outcome.value, t), fs) for t, fs in groups.items()],
            )
        )
    return result


def theme_counts(findings: Sequence[Finding]) -> list[tuple[str, dict[Outcome, int]]]:
    """Per theme (sorted), how many findings of each outcome."""
    counts: dict[str, dict[Outcome, int]] = {}
    for finding in findings:
        row = counts.setdefault(finding.theme, {outcome: 0 for outcome in PAGE_ORDER})
        row[finding.outcome] += 1
    return sorted(counts.items())


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    highlighted: bool


def proposal_lines(text: str, highlighted: Iterable[int] = ()) -> list[Line]:
    """The proposal's lines, numbered from 1, those in ``highlighted`` marked."""
    marked = set(highlighted)
    return [
        Line(number, line, number in marked)
        for number, line in enumerate(text.splitlines() or [""], start=1)
    ]


def excerpts(lines: Sequence[Line], context: int = 3) -> list[list[Line]]:
    """The highlighted lines with ``context`` lines either side, overlapping runs merged: what a
    reviewer reads first, before the whole proposal."""
    wanted: set[int] = set()
    for line in lines:
        if line.highlighted:
            wanted.update(range(line.number - context, line.number + context + 1))
    blocks: list[list[Line]] = []
    for line in lines:
        if line.number in wanted:
            if blocks and blocks[-1][-1].number == line.number - 1:
                blocks[-1].append(line)
            else:
                blocks.append([line])
    return blocks


def evidence_lines(finding: Finding, file_name: str) -> list[int]:
    """The lines of the proposal file a finding's evidence points at, sorted."""
    return sorted({e.line for e in finding.evidence if e.file == file_name})


@dataclass(frozen=True)
class Bar:
    """One submission in the application's chart: a stacked bar of outcome counts."""

    number: int
    parts: list[tuple[Outcome, int, int]]
    """(outcome, count, x offset in the bar's units)."""
    total: int


def chart(counts_per_submission: Sequence[tuple[int, dict[Outcome, int]]]) -> list[Bar]:
    """Stacked bars, failures first, for the application page's outcome chart."""
    bars = []
    for number, counts in counts_per_submission:
        offset, parts = 0, []
        for outcome in PAGE_ORDER:
            if counts.get(outcome):
                parts.append((outcome, counts[outcome], offset))
                offset += counts[outcome]
        bars.append(Bar(number, parts, offset))
    return bars
