"""The HTML report in a real headless Chromium: it renders, logs nothing, and runs no injected code.

Skipped only on a developer machine without Chromium; in CI (``CI`` set) a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
import report_factory
from report_factory import finding

from complychk.evaluate.findings import Evidence, Outcome, Report
from complychk.reports import RenderOptions
from complychk.reports.html import render

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
MARKER = "pwned"
INJECTED_SCRIPT = (
    "<script>document.title='PWNED';"
    f"document.body.insertAdjacentHTML('beforeend','<div id={MARKER}></div>')</script>"
)
INJECTED_IMG = (
    f"<img src=x onerror=\"document.title='PWNED';"
    f"document.body.insertAdjacentHTML('beforeend','<div id={MARKER}-img></div>')\">"
)
INJECTED_STYLE = "</style><style>body{display:none}</style>"


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    if "CI" in os.environ:
        pytest.fail("Chromium is required in CI for the HTML report browser test")
    pytest.skip("Chromium is not installed (and CI is unset)")


def _hostile_report() -> Report:
    base = report_factory.sample_report()
    proposal = replace(
        report_factory.evil_proposal(),
        title=f"Hostile {INJECTED_SCRIPT} title",
        findings=(
            finding(
                "XSS-001",
                Outcome.FAIL,
                title=INJECTED_IMG,
                message=f"{INJECTED_SCRIPT}\n{INJECTED_STYLE}",
                evidence=(Evidence("a.b", "p.yaml", 3, value=INJECTED_IMG),),
                remedy=INJECTED_SCRIPT,
            ),
            *report_factory.evil_proposal().findings,
        ),
    )
    return replace(base, proposals=(proposal, *base.proposals[1:]))


def _run(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, Path]:
    browser = _browser()
    tmp_path = tmp_path_factory.mktemp("browser")
    page = tmp_path / "report.html"
    page.write_text(render(_hostile_report(), RenderOptions()), encoding="utf-8")
    return browser, tmp_path, page


def test_no_console_messages_and_no_injected_script_ran(page: tuple[str, Path, Path]) -> None:
    browser, tmp_path, report = page
    result = _run(browser, tmp_path, "--virtual-time-budget=3000", "--dump-dom", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []  # a CSP violation would be logged here
    dom = _Dom()
    dom.feed(result.stdout)
    assert dom.title.startswith("complychk report")
    assert not {MARKER, f"{MARKER}-img"} & dom.ids
    assert not {"script", "img", "iframe", "object"} & dom.tags
    assert "Hostile <script>document.title='PWNED';" in dom.text
    # two proposals, so the batch matrix is there too, its hostile condition title inert
    assert "P pass, F fail, NA not applicable" in dom.text
    assert INJECTED_IMG in dom.titles


def test_report_renders_visibly(page: tuple[str, Path, Path]) -> None:
    browser, tmp_path, report = page
    screenshot = tmp_path / "report.png"
    result = _run(
        browser, tmp_path, "--window-size=1200,1600", f"--screenshot={screenshot}", report.as_uri()
    )
    assert result.returncode == 0, result.stderr[-2000:]
    width, height, pixels = _decode_png(screenshot.read_bytes())
    assert (width, height) == (1200, 1600)
    colours = set(pixels)
    assert len(colours) > 50  # text, badges and table rules, not a blank page
    assert _near(colours, (0xCF, 0x22, 0x2E))  # the red FAIL badge
    assert _near(colours, (0x1A, 0x7F, 0x37))  # the green PASS badge


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.titles: set[str] = set()
        self.text = ""
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.ids.update(value or "" for name, value in attrs if name == "id")
        self.titles.update(value or "" for name, value in attrs if name == "title")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in_title:
            self.title += data


def _near(colours: set[tuple[int, int, int]], target: tuple[int, int, int]) -> bool:
    return any(sum(abs(a - b) for a, b in zip(c, target, strict=True)) <= 12 for c in colours)


def _decode_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Just enough PNG: 8-bit RGB or RGBA, not interlaced, as Chromium writes screenshots."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in (2, 6) and interlace == 0
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        pixels.extend((line[x], line[x + 1], line[x + 2]) for x in range(0, stride, channels))
        previous = line
    return width, height, pixels


def _unfilter(kind: int, line: bytearray, previous: bytearray, bpp: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        up = previous[i]
        upper_left = previous[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            estimate = left + up - upper_left
            pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - upper_left)
            nearest = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
            line[i] = (line[i] + nearest) & 0xFF
    return line
