"""What a reviewer does in the workspace, in a real headless Chromium driven by Playwright.

The server is the real ``complychk serve --demo`` on 127.0.0.1 and a free port (and, for
signing in, ``complychk serve`` with sign-in on over a database ``complychk users add`` and
``complychk workspace import`` filled). Skipped only on
a developer machine without Chromium; in CI (``CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from server_kit import serving
from workspace_kit import SAMPLES

scenarios(str(Path(__file__).with_name("review.feature")))
scenarios(str(Path(__file__).with_name("signin.feature")))
scenarios(str(Path(__file__).with_name("decisions.feature")))

PASSWORD = "correct horse battery staple"

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS_ENV = "COMPLYCHK_SCREENSHOTS"
"""A folder to copy the screenshots into (docs/img when refreshing the README's)."""


def _chromium() -> str:
    for path in CHROMIUM:
        if os.path.exists(path):
            return path
    found = shutil.which("chromium")
    if found:
        return found
    if "CI" in os.environ:
        pytest.fail("Chromium is required in CI for the workspace browser tests")
    pytest.skip("Chromium is not installed (and CI is unset)")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``complychk serve --demo`` on a free loopback port, until the module's tests end."""
    with serving(["--demo"], tmp_path_factory.mktemp("server") / "serve.log") as (base, _):
        yield base


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``complychk serve`` with sign-in on: reviewer rita, admin ada, and the two Kent and Medway
    files."""
    folder = tmp_path_factory.mktemp("signed")
    db = f"sqlite:///{folder / 'ws.sqlite3'}"
    complychk = [sys.executable, "-m", "complychk"]
    for name, role in (("rita", "reviewer"), ("ada", "admin")):
        subprocess.run(
            [*complychk, "users", "add", name, "--role", role, "--db", db],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
    samples = sorted(str(p) for p in SAMPLES.glob("kent-and-medway-*.yaml"))
    subprocess.run(
        [*complychk, "workspace", "import", *samples, "--db", db], check=True, capture_output=True
    )
    with serving(["--db", db], folder / "serve.log") as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


class Reviewer:
    """A browser page on the workspace, and what the page said to its console."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.console: list[str] = []
        page.on("console", lambda message: self.console.append(message.text))
        page.on("pageerror", lambda error: self.console.append(str(error)))

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)


@pytest.fixture
def reviewer(browser: Any, server: str) -> Iterator[Reviewer]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield Reviewer(page, server)
    context.close()


@given("the demo workspace is open in the browser")
def open_demo(reviewer: Reviewer) -> None:
    reviewer.open("/")
    assert reviewer.page.title().startswith("Applications")


@then(parsers.parse('the home page lists "{title}" with {count:d} submissions'))
def home_lists(reviewer: Reviewer, title: str, count: int) -> None:
    row = reviewer.page.locator("table.applications tr", has_text=title)
    assert row.count() == 1
    assert f"{count} submissions" in row.inner_text()


@when("the reviewer opens Kent and Medway")
def open_kent(reviewer: Reviewer) -> None:
    reviewer.page.get_by_role("link", name=re.compile("Kent and Medway")).click()
    assert reviewer.page.url.endswith("/applications/kent-and-medway")


@when(parsers.parse("opens submission {number:d}"))
def open_submission(reviewer: Reviewer, number: int) -> None:
    reviewer.page.get_by_role("link", name=f"#{number}", exact=True).first.click()
    assert reviewer.page.url.endswith(f"/submissions/{number}")


@then(parsers.parse('the first section of findings is "{heading}"'))
def first_section(reviewer: Reviewer, heading: str) -> None:
    first = reviewer.page.locator("section.outcome h2").first.inner_text()
    assert first.startswith(heading)


@then("every failure is listed before any other finding")
def failures_first(reviewer: Reviewer) -> None:
    classes = reviewer.page.locator("section.outcome li.finding").evaluate_all(
        "items => items.map(item => item.classList.contains('fail'))"
    )
    assert True in classes
    assert classes == sorted(classes, reverse=True)  # every True (fail) before any False


@when(
    parsers.parse(
        "the reviewer opens finding {condition} of Kent and Medway's submission {number:d}"
    )
)
def open_finding(reviewer: Reviewer, condition: str, number: int) -> None:
    reviewer.open(f"/applications/kent-and-medway/submissions/{number}")
    reviewer.page.get_by_role("link", name=condition, exact=True).click()
    assert reviewer.page.url.endswith(f"/findings/{condition}")


@then(parsers.parse('the highlighted proposal lines include "{text}"'))
def highlighted(reviewer: Reviewer, text: str) -> None:
    lines = reviewer.page.locator("ol.excerpt li.hl code").all_inner_texts()
    assert any(text in line for line in lines), lines
    assert reviewer.page.locator("ol.excerpt li.hl").first.is_visible()
    background = reviewer.page.locator("ol.excerpt li.hl").first.evaluate(
        "item => getComputedStyle(item).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


@when(parsers.parse("the reviewer edits Kent and Medway's submission {number:d}"))
def edit(reviewer: Reviewer, number: int) -> None:
    reviewer.open(f"/applications/kent-and-medway/submissions/{number}")
    reviewer.page.get_by_role("link", name="Edit as a new submission").click()
    reviewer.page.wait_for_selector("#live-findings li")  # the first live check has answered


@when(parsers.parse('changes "{old}" to "{new}"'))
def change(reviewer: Reviewer, old: str, new: str) -> None:
    editor = reviewer.page.locator("#proposal")
    text = editor.input_value()
    assert old in text
    editor.fill(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1
    editor.evaluate(  # show the changed line, as a person who just typed there sees it
        "(area, line) => { area.scrollTop = Math.max(0, (line - 8) * "
        "parseFloat(getComputedStyle(area).lineHeight)); area.dispatchEvent(new Event('scroll')); }",
        line,
    )


@then(parsers.parse("{condition} shows as FAIL before anything is saved"))
def live_fail(reviewer: Reviewer, condition: str) -> None:
    item = reviewer.page.locator(f'#live-findings li[data-condition="{condition}"]')
    item.locator(".badge.fail").wait_for(timeout=10000)
    assert "/edit" in reviewer.page.url
    assert "Blocks at must" in reviewer.page.locator("#live-verdict").inner_text()


@when(parsers.parse("the reviewer clicks {condition} among the live verdicts"))
def click_live(reviewer: Reviewer, condition: str) -> None:
    reviewer.page.locator(f'#live-findings li[data-condition="{condition}"]').click()


@then(parsers.parse('the editor selects its first evidence line, "{text}"'))
def selected_line(reviewer: Reviewer, text: str) -> None:
    selected = reviewer.page.locator("#proposal").evaluate(
        "area => area.value.slice(area.selectionStart, area.selectionEnd)"
    )
    assert text in selected


@when("the reviewer saves")
def save(reviewer: Reviewer) -> None:
    with reviewer.page.expect_navigation():
        reviewer.page.locator("#save").click()


@then(
    parsers.parse("a new submission of Kent and Medway opens with {condition} among its failures")
)
def saved(reviewer: Reviewer, condition: str) -> None:
    number = int(re.search(r"/kent-and-medway/submissions/(\d+)$", reviewer.page.url).group(1))
    assert number >= 3
    failures = reviewer.page.locator("section#fail a.cid").all_inner_texts()
    assert condition in failures


@then(parsers.parse('the editor marks a line at or after "{text}" with the error'))
def marked(reviewer: Reviewer, text: str) -> None:
    bad = reviewer.page.locator("#bad-line")
    bad.wait_for(timeout=10000)
    lines = reviewer.page.locator("#proposal").input_value().splitlines()
    wanted = next(n for n, line in enumerate(lines, 1) if text in line)
    assert int(bad.inner_text()) >= wanted
    message = reviewer.page.locator("#live-error").inner_text()
    assert re.match(r"kent-and-medway-2019-09\.yaml:\d+:\d+: ", message)


@when(parsers.parse("the reviewer compares Kent and Medway's submissions {old:d} and {new:d}"))
def compare(reviewer: Reviewer, old: int, new: int) -> None:
    reviewer.open("/applications/kent-and-medway")
    reviewer.page.locator('select[name="old"]').select_option(str(old))
    reviewer.page.locator('select[name="new"]').select_option(str(new))
    reviewer.page.get_by_role("button", name="Compare").click()
    assert f"old={old}" in reviewer.page.url and f"new={new}" in reviewer.page.url


@then("the outcomes that changed are listed with the fields and lines that changed")
def changes_listed(reviewer: Reviewer) -> None:
    rows = reviewer.page.locator("tr.change")
    assert rows.count() > 0
    text = rows.all_inner_texts()
    assert any(re.search(r"kent-and-medway-2020-04\.yaml:\d+", row) for row in text)


INJECTED = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"


QUOTED = "'" + INJECTED.replace("'", "''") + "'"  # as a YAML single-quoted string


@when("a proposal whose title is a script is uploaded")
def upload_hostile(reviewer: Reviewer, server: str) -> None:
    text = (Path(__file__).parents[2] / "sample_proposals" / "template-ccg-merger.yaml").read_text()
    text = re.sub(r"(?m)^id: .*$", "id: hostile-probe", text)
    text = re.sub(r"(?m)^title: .*$", lambda _: f"title: {QUOTED}", text)
    reviewer.open("/upload")
    reviewer.page.locator('input[name="files"]').set_input_files(
        files=[{"name": "hostile.yaml", "mimeType": "application/yaml", "buffer": text.encode()}]
    )
    reviewer.page.get_by_role("button", name="Upload and check").click()
    assert "stored as" in reviewer.page.locator("ul.results").inner_text()


@when("the reviewer opens its submission")
def open_hostile(reviewer: Reviewer) -> None:
    reviewer.page.get_by_role("link", name=re.compile("hostile-probe")).click()
    reviewer.page.wait_for_load_state("load")


@then("its title shows as text and no injected script ran")
def inert(reviewer: Reviewer) -> None:
    assert reviewer.page.title() == f"{INJECTED} #1 · complychk"  # as text, never set to PWNED
    assert reviewer.page.locator("h1").inner_text() == INJECTED
    assert reviewer.page.locator("main script, main img").count() == 0
    assert reviewer.console == []


@when("the reviewer opens its editor")
def open_hostile_editor(reviewer: Reviewer) -> None:
    reviewer.page.get_by_role("link", name="Edit as a new submission").click()
    reviewer.page.wait_for_selector("#live-findings li")


@then("the editor holds the script as text and no injected script ran")
def editor_inert(reviewer: Reviewer) -> None:
    assert f"title: {QUOTED}" in reviewer.page.locator("#proposal").input_value()
    assert reviewer.page.title() == f"Edit {INJECTED} · complychk"  # as text, never PWNED
    assert reviewer.page.locator("main script, main img").count() == 0
    assert reviewer.console == []


@then(parsers.parse('the page is saved as the screenshot "{name}"'))
def screenshot(reviewer: Reviewer, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    reviewer.page.screenshot(path=str(path))
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000  # a rendered page, not blank
    copy_to = os.environ.get(SCREENSHOTS_ENV)
    if copy_to:
        shutil.copy(path, Path(copy_to) / path.name)
    assert reviewer.console == []  # nothing logged: no CSP violation, no script error


@given(
    parsers.parse('a workspace with sign-in where "{name}" is a reviewer'),
    target_fixture="reviewer",
)
def signed_reviewer(browser: Any, signed_server: str, name: str) -> Reviewer:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return Reviewer(context.new_page(), signed_server)


@when("the visitor opens Kent and Medway's page")
def open_kent_page(reviewer: Reviewer) -> None:
    reviewer.open("/applications/kent-and-medway")


@then("the sign-in page is shown")
def sign_in_shown(reviewer: Reviewer) -> None:
    assert reviewer.page.title().startswith("Sign in")
    assert reviewer.page.locator("input[type=password]").count() == 1
    assert "Kent and Medway" not in reviewer.page.content()


@when(parsers.parse('"{name}" signs in with her password'))
def signs_in(reviewer: Reviewer, name: str) -> None:
    reviewer.page.fill("#name", name)
    reviewer.page.fill("#password", PASSWORD)
    with reviewer.page.expect_navigation():
        reviewer.page.get_by_role("button", name="Sign in").click()


@then(parsers.parse('Kent and Medway\'s page is shown, signed in as "{name}"'))
def kent_signed_in(reviewer: Reviewer, name: str) -> None:
    assert reviewer.page.url.endswith("/applications/kent-and-medway")
    assert f"{name} (reviewer)" in reviewer.page.locator("header").inner_text()


@when("the reviewer signs out")
def signs_out(reviewer: Reviewer) -> None:
    with reviewer.page.expect_navigation():
        reviewer.page.get_by_role("button", name="Sign out").click()
    reviewer.open("/applications/kent-and-medway")  # the session is over: sign in again


@then(parsers.parse('the finding\'s review says "{state}" and its history is empty'))
def review_open(reviewer: Reviewer, state: str) -> None:
    review_says(reviewer, state)
    assert "No decision on this condition yet." in reviewer.page.locator("#review").inner_text()


@when(parsers.parse('the reviewer accepts the finding with the note "{note}"'))
def accept(reviewer: Reviewer, note: str) -> None:
    form = reviewer.page.locator('#review form:has(input[name="action"][value="accept"])')
    form.locator('input[name="note"]').fill(note)
    with reviewer.page.expect_navigation():
        form.get_by_role("button", name="Accept the finding").click()


@then(parsers.parse('the finding\'s review says "{state}"'))
def review_says(reviewer: Reviewer, state: str) -> None:
    assert reviewer.page.locator("#review .decision .state").inner_text().lower() == state


@then(
    parsers.parse(
        'its history shows "{name}" moving it from "{before}" to "{after}" with "{detail}"'
    )
)
def history_shows(reviewer: Reviewer, name: str, before: str, after: str, detail: str) -> None:
    rows = reviewer.page.locator("table.history tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert cells[1:] == [name, "accept", "1", before, after, detail]
    assert rows.first.is_visible()


def test_the_console_check_would_see_a_csp_violation(reviewer: Reviewer) -> None:
    """The scenarios' ``console == []`` checks mean something: Chromium reports to the console
    any script or style the policy blocks, as here an inline script added to a page."""
    reviewer.open("/applications/kent-and-medway")
    assert reviewer.console == []
    reviewer.page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'document.title = \"PWNED\"'; document.body.append(s); }"
    )
    reviewer.page.wait_for_timeout(200)
    assert reviewer.page.title() != "PWNED"
    assert any("Content Security Policy" in line for line in reviewer.console), reviewer.console


def test_an_admin_makes_an_api_token_in_the_browser(browser: Any, signed_server: str) -> None:
    admin = Reviewer(browser.new_context().new_page(), signed_server)
    admin.open("/tokens")
    admin.page.fill("#name", "ada")
    admin.page.fill("#password", PASSWORD)
    with admin.page.expect_navigation():
        admin.page.get_by_role("button", name="Sign in").click()
    admin.page.fill("#application", "kent-and-medway")
    admin.page.fill("#label", "GitHub Actions")
    with admin.page.expect_navigation():
        admin.page.get_by_role("button", name="Make a token").click()
    assert admin.page.locator("#new-token").inner_text().startswith("cck_")
    assert admin.page.locator("table.tokens tr.active").count() == 1
    assert admin.console == []  # no CSP violation, no script or form-pattern error
    admin.page.context.close()
