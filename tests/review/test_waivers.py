"""Waivers: which failures they waive, which waivers are reported, and every format shows both."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from report_factory import finding

from complychk.conditions.condition import Severity
from complychk.errors import InputError
from complychk.evaluate.findings import Outcome, ProposalReport, Report, ReportNote
from complychk.reports import GRID_FORMATS, REPORTERS, RenderOptions
from complychk.review.waivers import (
    Waiver,
    WaiverEntry,
    apply_waivers,
    lint_waivers,
    load_waivers,
    read_waivers,
    waive,
)

AS_OF = dt.date(2020, 1, 15)


def entry(condition: str = "GOV-CFO-01", **changes: object) -> Waiver:
    fields: dict[str, object] = {
        "condition": condition,
        "proposal": "kent",
        "justification": "Interim finance lead until the substantive appointment.",
        "requested_by": "Director of Strategy",
        "approved_by": "Director of Finance",
        "reference": "CHG-1042",
        "expires": "2020-06-30",
        **changes,
    }
    return Waiver(WaiverEntry.model_validate(fields), "waivers.yaml", 2, 5)


def proposal(*outcomes: tuple[str, Outcome]) -> ProposalReport:
    findings = tuple(finding(cid, outcome) for cid, outcome in outcomes)
    return ProposalReport("kent.yaml", "kent", "Kent", "ccg_merger", "ltp-2019", findings)


FAILING = proposal(("GOV-CFO-01", Outcome.FAIL), ("FIN-RC-01", Outcome.PASS))


def outcome_of(reports: tuple[ProposalReport, ...], condition: str) -> Outcome:
    return next(f.outcome for f in reports[0].findings if f.condition_id == condition)


def test_an_approved_waiver_turns_the_failure_into_waived_with_its_note() -> None:
    reports, notes = apply_waivers([FAILING], [entry()], AS_OF)
    waived = reports[0].findings[0]
    assert (waived.outcome, notes) == (Outcome.WAIVED, ())
    assert waived.waiver is not None
    assert (waived.waiver.reference, waived.waiver.approved_by) == (
        "CHG-1042",
        "Director of Finance",
    )
    assert waived.waiver.expires == dt.date(2020, 6, 30)
    assert waived.message == FAILING.findings[0].message
    assert reports[0].findings[1] == FAILING.findings[1]


def test_a_waiver_is_good_through_its_expiry_date_and_not_a_day_after() -> None:
    on_the_day, _ = apply_waivers([FAILING], [entry(expires="2020-01-15")], AS_OF)
    assert outcome_of(on_the_day, "GOV-CFO-01") is Outcome.WAIVED
    after, notes = apply_waivers([FAILING], [entry(expires="2020-01-14")], AS_OF)
    assert outcome_of(after, "GOV-CFO-01") is Outcome.FAIL
    assert notes == (
        ReportNote(
            "waivers.yaml",
            2,
            5,
            "waiver for GOV-CFO-01 on kent expired on 2020-01-14, before the assessment date "
            "2020-01-15, so it waives nothing",
        ),
    )


@pytest.mark.parametrize(
    ("approved_by", "expected"),
    [
        (None, "waiver for GOV-CFO-01 on kent has no approved_by, so it waives nothing"),
        (
            "director of  STRATEGY",
            "waiver for GOV-CFO-01 on kent is approved by its own requester (director of  "
            "STRATEGY); someone else must approve it, so it waives nothing",
        ),
    ],
    ids=["unapproved", "self-approved"],
)
def test_an_unapproved_or_self_approved_waiver_waives_nothing(
    approved_by: str | None, expected: str
) -> None:
    reports, notes = apply_waivers([FAILING], [entry(approved_by=approved_by)], AS_OF)
    assert outcome_of(reports, "GOV-CFO-01") is Outcome.FAIL
    assert [note.message for note in notes] == [expected]


@pytest.mark.parametrize(
    ("waiver", "expected"),
    [
        (entry("FIN-RC-01"), "the condition's outcome is pass"),
        (entry(proposal="surrey"), "proposal surrey was not checked in this run (checked: kent)"),
        (entry("GOV-XX-01"), "pack ltp-2019 has no condition GOV-XX-01 in this run"),
    ],
    ids=["passing", "other-proposal", "unknown-condition"],
)
def test_a_waiver_that_matches_no_failure_is_reported(waiver: Waiver, expected: str) -> None:
    _, notes = apply_waivers([FAILING], [waiver], AS_OF)
    assert len(notes) == 1 and "matches no failure" in notes[0].message
    assert expected in notes[0].message


def test_a_waiver_covers_a_failure_only_not_missing_evidence() -> None:
    unknown = proposal(("GOV-CFO-01", Outcome.INSUFFICIENT_EVIDENCE))
    reports, notes = apply_waivers([unknown], [entry()], AS_OF)
    assert outcome_of(reports, "GOV-CFO-01") is Outcome.INSUFFICIENT_EVIDENCE
    assert "outcome is insufficient evidence" in notes[0].message


def test_a_repeated_waiver_is_reported_and_the_first_applies() -> None:
    second = Waiver(entry().entry, "waivers.yaml", 10, 5)
    reports, notes = apply_waivers([FAILING], [entry(), second], AS_OF)
    assert outcome_of(reports, "GOV-CFO-01") is Outcome.WAIVED
    assert [n.text() for n in notes] == [
        "waivers.yaml:10:5: waiver for GOV-CFO-01 on kent repeats the one on line 2; keep one"
    ]


def test_a_renewal_after_an_expired_waiver_applies_and_is_no_repeat() -> None:
    expired = entry(expires="2019-12-31")
    renewal = Waiver(entry(reference="CHG-1099").entry, "waivers.yaml", 10, 5)
    reports, notes = apply_waivers([FAILING], [expired, renewal], AS_OF)
    assert outcome_of(reports, "GOV-CFO-01") is Outcome.WAIVED
    assert [n.text() for n in notes] == [
        "waivers.yaml:2:5: waiver for GOV-CFO-01 on kent expired on 2019-12-31, before the "
        "assessment date 2020-01-15, so it waives nothing"
    ]
    self_approved = entry(approved_by="Director of Strategy")
    reports, notes = apply_waivers([FAILING], [self_approved, renewal], AS_OF)
    assert outcome_of(reports, "GOV-CFO-01") is Outcome.WAIVED
    assert [n.line for n in notes] == [2]


def test_waiving_changes_the_exit_status_and_keeps_earlier_notes() -> None:
    earlier = ReportNote("x.yaml", 1, 1, "earlier")
    report = Report("0.1.0", AS_OF, Severity.MUST, (FAILING,), notes=(earlier,))
    assert report.exit_code == 1
    waived = waive(report, [entry()])
    assert (waived.exit_code, waived.notes) == (0, (earlier,))


WAIVER_FILE = """\
waivers:
  - condition: GOV-CFO-01
    proposal: kent
    justification: Interim finance lead.
    requested_by: Director of Strategy
    approved_by: Director of Finance
    reference: CHG-1042
    expires: 2020-06-30
  - condition: gov-cfo-01
    proposal: kent
    justification: ""
    requested_by: Director of Strategy
    reference: CHG-1043
    expires: 2020-02-30
    note: extra
"""


def test_the_file_is_read_with_every_problem_located(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVER_FILE, encoding="utf-8")
    waivers, invalid = read_waivers(path)
    assert [(w.entry.condition, w.line) for w in waivers] == [("GOV-CFO-01", 2)]
    assert [(n.line, n.message.split(":")[0]) for n in invalid] == [
        (9, "waivers.1.condition"),
        (11, "waivers.1.justification"),
        (14, "waivers.1.expires"),
        (15, "waivers.1.note"),
    ]
    with pytest.raises(InputError) as caught:
        load_waivers(path)
    assert str(caught.value).startswith(
        f"{path}:9:5: waivers.1.condition: expected a condition ID in capitals, as the reports "
        "show it (e.g. GOV-CFO-01), got 'gov-cfo-01'"
    )
    assert [n.message for n in invalid][2:] == [
        "waivers.1.expires: '2020-02-30' is not a real calendar date",
        "waivers.1.note: unknown field 'note' (known fields: condition, proposal, justification, "
        "requested_by, approved_by, reference, expires)",
    ]
    assert str(caught.value).endswith(
        "(see docs/review.md for the waiver file; 3 more after this one)"
    )


def test_a_misspelt_field_gets_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(
        WAIVER_FILE.replace("    expires: 2020-06-30", "    expiry: 2020-06-30"), "utf-8"
    )
    assert [(n.line, n.message) for n in read_waivers(path)[1]][:2] == [
        (2, "waivers.0.expires: this required field is missing"),
        (8, "waivers.0.expiry: unknown field 'expiry' (did you mean 'expires'?)"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("waivers:\n", "waivers: expected a list of waivers, each item starting '- condition:'"),
        (
            "waivers: [GOV-CFO-01]\n",
            "waivers.0: expected a waiver with the fields condition, proposal, justification, "
            "requested_by, approved_by, reference, expires, got 'GOV-CFO-01'",
        ),
    ],
)
def test_a_waiver_file_of_the_wrong_shape_says_what_shape_it_needs(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    assert [note.message for note in read_waivers(path)[1]] == [message]


def test_a_waiver_file_that_is_not_yaml_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers: [\n", encoding="utf-8")
    with pytest.raises(InputError):
        read_waivers(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "waivers.yaml:1:1: the waiver file is empty (write 'waivers:' and under it"),
        ("- a\n", "waivers.yaml:1:1: the waiver file must be a mapping of fields"),
    ],
)
def test_an_empty_or_list_waiver_file_is_called_a_waiver_file(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_waivers(path)
    assert str(raised.value).startswith(f"{tmp_path}/{expected}")
    assert "proposal" not in str(raised.value)


def test_lint_reports_shape_approval_expiry_and_unknown_ids(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVER_FILE.replace("2020-06-30", "2019-06-30"), encoding="utf-8")
    notes = lint_waivers(path, AS_OF, frozenset({"FIN-RC-01"}))
    assert [(n.line, n.message) for n in notes][:2] == [
        (
            2,
            "waiver for GOV-CFO-01 on kent expired on 2019-06-30, before the assessment date "
            "2020-01-15, so it waives nothing",
        ),
        (2, "waiver for GOV-CFO-01 on kent: no pack has a condition GOV-CFO-01"),
    ]
    assert len(notes) == 6


def report_with_waivers() -> Report:
    reports, notes = apply_waivers([FAILING], [entry(), entry("FIN-RC-01")], AS_OF)
    return Report("0.1.0", AS_OF, Severity.MUST, reports, notes=notes)


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_format_shows_the_notes_and_the_waived_finding(name: str) -> None:
    text = REPORTERS[name](report_with_waivers(), RenderOptions()).replace("\\", "")
    assert "waiver for FIN-RC-01 on kent matches no failure" in text
    if name in GRID_FORMATS:
        return  # outcome codes only: the waived condition shows as W
    if name == "github":
        return  # annotations are for failures; a waived finding is not one
    assert "Interim finance lead" in text and "CHG-1042" in text


def test_the_json_report_with_notes_follows_its_schema() -> None:
    schema = json.loads(
        resources.files("complychk").joinpath("data/report.schema.json").read_text("utf-8")
    )
    document = json.loads(REPORTERS["json"](report_with_waivers(), RenderOptions()))
    jsonschema.validate(document, schema)
    assert document["notes"] == [
        {
            "file": "waivers.yaml",
            "line": 2,
            "column": 5,
            "message": "waiver for FIN-RC-01 on kent matches no failure: the condition's outcome "
            "is pass; remove the waiver if it is no longer needed",
        }
    ]
