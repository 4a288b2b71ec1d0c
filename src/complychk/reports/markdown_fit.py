"""Fitting the Markdown summary into a pull-request comment: what to leave out, and saying so.

GitHub refuses a comment over 65,536 characters. Past :data:`LIMIT`, the summary gives up, in
this order: the folded ``<details>`` of each proposal (from the last back); then findings that
fail the run, shared out so every proposal keeps its most severe ones (each proposal's heading
stays, with a line saying how many of its findings are left out); then, only if the headings
alone are too long, whole proposals from the end. The overview table and the run's verdict are
always kept (cut short only if they alone are too long), and a closing note says what is missing
and where the full report is.
"""

from __future__ import annotations

from typing import NamedTuple

LIMIT = 60_000
"""Characters at most: under GitHub's 65,536 for a comment, with room for a workflow's own words."""

_NOTE_ROOM = 800
"""Characters kept free for the closing note."""


class Section(NamedTuple):
    """One proposal's part of the summary, in pieces that can be left out."""

    heading: str
    """The ``###`` heading and the file, kind and pack line."""
    table_head: str
    """The failing table's header and alignment lines ("" when nothing fails the run)."""
    rows: tuple[str, ...]
    """The failing table's rows, most severe first."""
    details: str
    """Everything else, folded in ``<details>`` ("" when there is nothing else)."""

    def text(self, kept_rows: int | None = None, details: bool = True) -> str:
        kept = len(self.rows) if kept_rows is None else kept_rows
        parts = [self.heading]
        if not self.rows:
            parts.append("No failing conditions.")
        if kept:
            parts.append(self.table_head + "\n" + "\n".join(self.rows[:kept]))
        if kept < len(self.rows):
            parts.append(_left_out_line(len(self.rows) - kept, kept))
        if details and self.details:
            parts.append(self.details)
        return "\n\n".join(parts)


def _left_out_line(count: int, kept: int) -> str:
    more = "more " if kept else ""
    findings = "finding that fails" if count == 1 else "findings that fail"
    return f"*{count} {more}{findings} the run {'is' if count == 1 else 'are'} in the full report.*"


class _Cut(NamedTuple):
    folded: int
    rows_left_out: int
    proposals_short: int
    dropped: int


def fit(head: list[str], sections: list[Section], full_report: str | None) -> str:
    """The summary: whole when it fits in LIMIT, else cut as the module says, with a note."""
    whole = _join(head, [section.text() for section in sections])
    if len(whole) <= LIMIT:
        return whole
    budget = LIMIT - _NOTE_ROOM
    head = [
        block if len(block) <= budget // 2 else _shortened(block, budget // 2) for block in head
    ]
    details = [True] * len(sections)
    size = len(_join(head, [section.text() for section in sections]))
    for index in reversed(range(len(sections))):
        if size <= budget:
            break
        if sections[index].details:
            details[index] = False
            size -= len(sections[index].details) + 2
    kept = [len(section.rows) for section in sections]
    if size > budget:
        kept = _share_rows(head, sections, budget)
    texts = [section.text(kept[i], details[i]) for i, section in enumerate(sections)]
    dropped = 0
    size = len(_join(head, texts))
    while texts and size > budget:
        size -= len(texts.pop()) + 2
        dropped += 1
    shown = range(len(texts))
    cut = _Cut(
        folded=sum(1 for i in shown if sections[i].details and not details[i]),
        rows_left_out=sum(len(sections[i].rows) - kept[i] for i in shown),
        proposals_short=sum(1 for i in shown if kept[i] < len(sections[i].rows)),
        dropped=dropped,
    )
    return _join(head, texts, _note(cut, full_report))


def _share_rows(head: list[str], sections: list[Section], budget: int) -> list[int]:
    """How many failing rows each proposal keeps: a row each in turn, most severe first, while
    they fit, so no proposal loses all of its findings to the ones before it."""
    kept = [0] * len(sections)
    room = budget - len(_join(head, [section.text(0, False) for section in sections]))
    open_ = [i for i, section in enumerate(sections) if section.rows]
    while open_ and room > 0:
        still = []
        for i in open_:
            section = sections[i]
            cost = len(section.rows[kept[i]]) + 1
            if kept[i] == 0:
                cost += len(section.table_head) + 2
            if cost <= room:
                room -= cost
                kept[i] += 1
                if kept[i] < len(section.rows):
                    still.append(i)
        open_ = still
    return kept


def _join(head: list[str], texts: list[str], tail: str = "") -> str:
    return "\n\n".join(block for block in [*head, *texts, tail] if block) + "\n"


def _shortened(block: str, size: int) -> str:
    """A table (or list) cut after its last whole line that fits in ``size``."""
    return block[:size].rsplit("\n", 1)[0] + "\n\n*(cut short)*"


def _code(text: str) -> str:
    """A file name as a code span, shown as written: no escapes (they would show inside one),
    and no backtick or line break to end it early."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _note(cut: _Cut, full_report: str | None) -> str:
    missing = []
    if cut.folded:
        missing.append(f"the other conditions of {_plural(cut.folded, 'proposal')}")
    if cut.rows_left_out:
        missing.append(
            f"{_plural(cut.rows_left_out, 'finding')} that fail the run (of "
            f"{_plural(cut.proposals_short, 'proposal')})"
        )
    if cut.dropped:
        missing.append(
            f"the sections of the last {_plural(cut.dropped, 'proposal')} (their counts are in "
            "the table above)"
        )
    listed = ", ".join(missing[:-1]) + " and " + missing[-1] if len(missing) > 1 else ""
    listed = listed or (missing[0] if missing else "part of the lists above")
    where = (
        f"The full report is in {_code(full_report)}."
        if full_report
        else "Write the full report with `--format html=FILE` (or `json`, `text`)."
    )
    return (
        f"> **This summary was cut to fit in {LIMIT:,} characters:** {listed} are left out. {where}"
    )
