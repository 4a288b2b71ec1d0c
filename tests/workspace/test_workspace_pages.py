"""The workspace's pages and their JSON twins, called in-process: what a reviewer reads."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from workspace_kit import COMPLIANT, KENT_2, SAMPLES

from complychk.cli import main
from complychk.reports import REPORTERS

DEMO_KENT_1 = SAMPLES / "kent-and-medway-2019-09.yaml"
"""Kent and Medway's first submission as the demo stores it: the sample itself."""


def _check_json(capsys: pytest.CaptureFixture[str], path: str, as_of: str) -> tuple[int, dict]:
    status = main(["check", path, "--as-of", as_of, "--format", "json"])
    return status, json.loads(capsys.readouterr().out)


def test_home_lists_each_application_with_its_latest_submission(demo_read: TestClient) -> None:
    apps = {a["slug"]: a for a in demo_read.get("/api/applications").json()["applications"]}
    assert {
        "coventry-and-warwickshire",
        "kent-and-medway",
        "surrey-heartlands",
        "template-ccg-merger",
        "template-icb-merger",
    } <= set(apps)
    files = {p.name for p in SAMPLES.glob("*.yaml")}
    assert sum(a["submissions"] for a in apps.values()) == len(files)  # each sample, once
    kent = apps["kent-and-medway"]
    assert kent["submissions"] == 2
    assert kent["latest"]["number"] == 2
    assert kent["latest"]["file_name"] == "kent-and-medway-2020-04.yaml"
    assert kent["latest"]["as_of"] == "2020-04-01"  # the demo assesses as of prepared_on
    page = demo_read.get("/").text
    assert all(f'href="/applications/{slug}"' in page for slug in apps)
    assert "&lt;NHS Example ICB merger&gt;" in page  # the template's title, escaped


def _add_compliant(client: TestClient) -> None:
    files = [("files", (COMPLIANT.name, COMPLIANT.read_bytes(), "application/yaml"))]
    assert client.post("/api/uploads", files=files).json()["results"][0]["stored"]


def test_blocks_at_must_is_what_check_exits_1_on(
    demo: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_compliant(demo)
    submissions = [
        (a["slug"], number)
        for a in demo.get("/api/applications").json()["applications"]
        for number in range(1, a["submissions"] + 1)
    ]
    verdicts = set()
    for slug, number in submissions:
        doc = demo.get(f"/api/applications/{slug}/submissions/{number}").json()
        path = COMPLIANT if doc["file_name"] == COMPLIANT.name else SAMPLES / doc["file_name"]
        status, report = _check_json(capsys, str(path), doc["as_of"])
        assert doc["blocks"] is (status == 1), doc["file_name"]
        stored = [
            (f["condition_id"], f["outcome"]) for f in doc["report"]["proposals"][0]["findings"]
        ]
        checked = [(f["condition_id"], f["outcome"]) for f in report["proposals"][0]["findings"]]
        assert stored == checked
        verdicts.add(doc["blocks"])
    assert len(submissions) == len(list(SAMPLES.glob("*.yaml"))) + 1
    assert verdicts == {True, False}


def test_search_and_verdict_filters(demo: TestClient) -> None:
    _add_compliant(demo)
    found = demo.get("/api/applications", params={"q": "KENT"}).json()["applications"]
    assert [a["slug"] for a in found] == ["kent-and-medway"]
    blocking = demo.get("/api/applications", params={"blocks": "yes"}).json()["applications"]
    clear = demo.get("/api/applications", params={"blocks": "no"}).json()["applications"]
    assert blocking and clear
    assert all(a["latest"]["blocks"] for a in blocking)
    assert not any(a["latest"]["blocks"] for a in clear)
    assert len(blocking) + len(clear) == len(demo.get("/api/applications").json()["applications"])
    page = demo.get("/", params={"q": "no such words"}).text
    assert "No application matches" in page


def test_application_page_lists_submissions_in_order_with_a_chart(demo_read: TestClient) -> None:
    doc = demo_read.get("/api/applications/kent-and-medway").json()
    assert [s["number"] for s in doc["submissions"]] == [1, 2]
    page = demo_read.get("/applications/kent-and-medway").text
    rows = re.findall(r'<td><a href="/applications/kent-and-medway/submissions/(\d)">', page)
    assert rows == ["1", "2"]
    bars = re.findall(r'<rect class="(\w+)"', page)
    assert bars and set(bars) <= {
        "fail",
        "insufficient_evidence",
        "pending",
        "pass",
        "waived",
        "not_applicable",
    }
    assert 'action="/applications/kent-and-medway/compare"' in page


def _headings(page: str) -> list[str]:
    return re.findall(r'<section class="outcome" id="(\w+)">', page)


def test_submission_shows_failures_first_then_insufficient_evidence_then_passes(
    demo_read: TestClient,
) -> None:
    page = demo_read.get("/applications/kent-and-medway/submissions/1").text
    headings = _headings(page)
    order = ["fail", "insufficient_evidence", "pending", "waived", "pass", "not_applicable"]
    assert headings == [h for h in order if h in headings]
    assert headings[0] == "fail"
    assert "decision check: must-level insufficient evidence fails the run too" in page
    doc = demo_read.get("/api/applications/kent-and-medway/submissions/1").json()
    fails = [f for f in doc["report"]["proposals"][0]["findings"] if f["outcome"] == "fail"]
    first_fail = page.index('class="finding fail')
    assert all(page.index(f'/findings/{f["condition_id"]}"') > first_fail - 400 for f in fails)
    assert page.index('id="fail"') < min(
        page.index(f'/findings/{f["condition_id"]}"') for f in fails
    )


def test_submission_filters_by_outcome_severity_and_theme(demo_read: TestClient) -> None:
    url = "/applications/kent-and-medway/submissions/1"
    only = demo_read.get(url, params={"outcome": "pass"}).text
    assert _headings(only) == ["pass"]
    must = demo_read.get(url, params={"severity": "must", "outcome": "fail"}).text
    assert "SHOULD</span>" not in must.upper().replace("SHOULD</LEGEND>", "")
    doc = demo_read.get(f"/api{url}").json()
    theme = doc["report"]["proposals"][0]["findings"][0]["theme"]
    themed = demo_read.get(url, params={"theme": theme}).text
    expected = {
        f["condition_id"] for f in doc["report"]["proposals"][0]["findings"] if f["theme"] == theme
    }
    shown = set(re.findall(r'/findings/([A-Z0-9-]+)"', themed))
    assert shown == expected


def test_finding_page_highlights_its_evidence_lines(demo_read: TestClient) -> None:
    url = "/applications/kent-and-medway/submissions/1/findings/FIN-RC-01"
    doc = demo_read.get(f"/api{url}").json()
    assert doc["outcome"] == "pass"
    lines = {item["line"]: item["text"] for item in doc["highlighted_lines"]}
    assert "baseline_running_costs_gbp" in " ".join(lines.values())
    page = demo_read.get(url).text
    highlighted = re.findall(r'<li id="L(\d+)" class="hl">', page)
    assert sorted(map(int, highlighted)) == sorted(lines)
    excerpt = page[page.index('<ol class="lines excerpt"') : page.index('<details class="whole">')]
    assert excerpt.count('<li class="hl">') == len(lines)
    assert doc["trace"] and doc["trace"][-1]["keyword"] == "Then"
    assert 'href="/packs/ltp-2019/conditions#FIN-RC-01"' in page
    conditions = demo_read.get("/packs/ltp-2019/conditions").text
    assert 'id="FIN-RC-01"' in conditions


def test_a_findings_api_answer_holds_what_check_reports_for_it(
    demo_read: TestClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workspace serves a finding with the very fields ``check --format json`` gives it."""
    url = "/api/applications/kent-and-medway/submissions/1/findings/GOV-AO-01"
    doc = demo_read.get(url).json()
    monkeypatch.chdir(DEMO_KENT_1.parent)  # the workspace names files as they were uploaded
    _, report = _check_json(capsys, DEMO_KENT_1.name, "2019-09-30")
    (expected,) = [
        f for f in report["proposals"][0]["findings"] if f["condition_id"] == "GOV-AO-01"
    ]
    feature = expected.pop("feature_file")  # written from where each was run
    assert feature.endswith(doc["feature_file"]) and doc["feature_file"].endswith(".feature")
    assert {key: doc[key] for key in expected} == expected
    assert doc["outcome"] == "pending" and doc["evidence"]


def test_compare_shows_what_the_diff_command_shows(
    demo_read: TestClient, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = demo_read.get("/api/applications/kent-and-medway/compare").json()
    assert (doc["old"]["number"], doc["new"]["number"]) == (1, 2)
    monkeypatch.chdir(DEMO_KENT_1.parent)  # the workspace names files as they were uploaded
    main(["diff", DEMO_KENT_1.name, KENT_2.name, "--as-of", doc["as_of"], "--format", "json"])
    expected = json.loads(capsys.readouterr().out)
    assert doc["changes"] == expected["changes"]
    assert doc["changes"]  # the two Kent and Medway submissions differ
    page = demo_read.get("/applications/kent-and-medway/compare", params={"old": 1, "new": 2}).text
    assert page.count('<tr class="change">') == len(doc["changes"])
    field = next(c["fields"][0] for c in doc["changes"] if c["fields"])
    assert f"{field['file']}:{field['line']}" in page


def test_compare_needs_two_submissions(demo_read: TestClient) -> None:
    response = demo_read.get("/api/applications/surrey-heartlands/compare")
    assert response.status_code == 400
    assert "one submission" in response.json()["detail"]


@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_every_report_format_exports_what_check_writes(
    demo_read: TestClient,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    response = demo_read.get(f"/applications/kent-and-medway/submissions/1/report.{fmt}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    monkeypatch.chdir(DEMO_KENT_1.parent)
    main(["check", DEMO_KENT_1.name, "--as-of", "2019-09-30", "--format", fmt])
    root = f"{DEMO_KENT_1.parents[1]}/"

    def same_run(text: str) -> str:
        # feature files are named from where the pack was first loaded; JUnit says when and
        # where the run happened (for an export, when the submission was checked and stored)
        text = re.sub(r'(timestamp|hostname)="[^"]*"', r'\1=""', text.replace(root, ""))
        return text.rstrip("\n")

    assert same_run(response.text) == same_run(capsys.readouterr().out)
    if fmt == "junit":
        stored = demo_read.get("/api/applications/kent-and-medway/submissions/1").json()
        assert f'timestamp="{stored["submitted_at"]}"' in response.text


def test_evidence_pack_holds_proposal_reports_and_findings(demo_read: TestClient) -> None:
    response = demo_read.get("/applications/kent-and-medway/submissions/1/evidence-pack.zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "findings.csv",
        "kent-and-medway-2019-09.yaml",
        "report.html",
        "report.json",
    ]
    assert archive.read("kent-and-medway-2019-09.yaml").decode() == DEMO_KENT_1.read_text()
    report = json.loads(archive.read("report.json"))
    assert report["proposals"][0]["proposal_id"] == "kent-and-medway-2019-09"


def test_unknown_things_are_404_with_one_line(demo_read: TestClient) -> None:
    assert demo_read.get("/api/applications/nope").json() == {
        "detail": "application nope is not in this workspace"
    }
    page = demo_read.get("/applications/kent-and-medway/submissions/9")
    assert page.status_code == 404 and "submission 9 of kent-and-medway" in page.text
    assert (
        demo_read.get("/applications/kent-and-medway/submissions/1/report.pdf").status_code == 404
    )


def test_health_openapi_and_security_headers(demo_read: TestClient) -> None:
    health = demo_read.get("/healthz")
    assert health.json()["status"] == "ok"
    csp = health.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    paths = demo_read.get("/openapi.json").json()["paths"]
    for path in (
        "/api/applications",
        "/api/applications/{slug}",
        "/api/applications/{slug}/compare",
        "/api/applications/{slug}/submissions/{number}",
        "/api/applications/{slug}/submissions/{number}/findings/{condition_id}",
        "/api/check",
        "/api/uploads",
        "/api/packs/{name}/conditions",
    ):
        assert path in paths
    assert demo_read.get("/docs").status_code == 404  # its scripts would come from a CDN
    listed = paths["/api/applications"]["get"]["responses"]["200"]["content"]
    assert listed["application/json"]["schema"]["$ref"].endswith("/ApplicationList")


def test_api_counts_every_outcome_by_its_name(demo_read: TestClient) -> None:
    latest = demo_read.get("/api/applications", params={"q": "kent"}).json()["applications"][0]
    counts = latest["latest"]["counts"]
    assert set(counts) == {
        "pass",
        "fail",
        "insufficient_evidence",
        "pending",
        "waived",
        "not_applicable",
    }
    stored = demo_read.get("/api/applications/kent-and-medway/submissions/2").json()
    outcomes = [f["outcome"] for f in stored["report"]["proposals"][0]["findings"]]
    assert counts == {name: outcomes.count(name) for name in counts}


def test_the_findings_that_block_are_marked(demo_read: TestClient) -> None:
    doc = demo_read.get("/api/applications/surrey-heartlands/submissions/1").json()
    assert doc["blocks"] is True
    page = demo_read.get("/applications/surrey-heartlands/submissions/1").text
    marked = re.findall(
        r'/findings/([A-Z0-9-]+)">[^<]*</a>\s*<span class="title">[^<]*</span> '
        r'<span class="blocking"',
        page,
    )
    findings = doc["report"]["proposals"][0]["findings"]
    blocking = {f["condition_id"] for f in findings if f["failing"]}  # as check reports it
    assert set(marked) == blocking and marked


def test_every_pack_has_its_conditions_page_in_the_menu(demo_read: TestClient) -> None:
    page = demo_read.get("/").text
    for pack in ("ltp-2019", "icb-2025"):
        assert f'href="/packs/{pack}/conditions"' in page
        api = demo_read.get(f"/api/packs/{pack}/conditions").json()
        conditions = demo_read.get(f"/packs/{pack}/conditions").text
        assert api["conditions"] and all(f'id="{c["id"]}"' in conditions for c in api["conditions"])
    assert demo_read.get("/packs/nope/conditions").status_code == 404


def test_a_trace_by_a_newer_complychk_says_so(demo: TestClient) -> None:
    url = "/applications/kent-and-medway/submissions/1/findings/FIN-RC-01"
    assert "This trace is worked out now" not in demo.get(url).text
    with demo.app.state.engine.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(text("UPDATE submission SET tool_version = '0.0.9' WHERE number = 1"))
    page = demo.get(url).text
    assert "the verdict above was stored by complychk 0.0.9" in page
