"""A real ``cle serve`` on 127.0.0.1 driven by Debian's Chromium through Playwright.

The browser test loads the courses table, searches, clicks the format and the
credit-category facets and saves a screenshot to
tests/output/datasette-courses.png. Chromium comes from the system (``apt-get
install chromium``; CI exports CLE_CHROMIUM): when it is missing the test fails
and says so, it is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.load import import_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "courses.jsonl"
OUTPUT = ROOT / "tests" / "output"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Seconds to wait for the server to answer: a ceiling, not an assertion.
STARTUP_LIMIT = 60


def chromium_path() -> str:
    """The system Chromium: $CLE_CHROMIUM, else ``chromium`` on the PATH."""
    candidates = [
        os.environ.get("CLE_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail(
        "Chromium not found: install Debian's package (apt-get install -y chromium) "
        "or set CLE_CHROMIUM to its path"
    )


@pytest.fixture
def chromium() -> str:
    """The system Chromium's path; the test fails (not skips) without it."""
    return chromium_path()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen) -> None:
    """Poll ``url`` until it answers 200; fail with the server's output if it dies."""
    deadline = time.monotonic() + STARTUP_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            pytest.fail(f"cle serve exited with {server.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"cle serve did not answer {url} within {STARTUP_LIMIT}s")


@pytest.fixture
def served_catalog(tmp_path):
    """A ``cle serve`` subprocess on the sample catalog; yields its base URL."""
    db = open_db(tmp_path / "catalog.db")
    assert import_file(db, SAMPLE).ok
    db.close()
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from catalog.composition_root import main; main()",
        "serve",
        "--db",
        str(tmp_path / "catalog.db"),
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(f"{base}/-/versions.json", server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


def expected_ids(word: str, course_format: str, category: str = "") -> set[str]:
    """Sample listings with ``word`` in title or description, in one format.

    :param category: when given, only listings with hours in this credit category
    """
    ids = set()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = f"{record['title']} {record.get('description', '')}".lower()
        hours = {c["category"]: c["hours"] for c in record.get("credits", [])}
        if category and not hours.get(category, 0) > 0:
            continue
        if word in text and record.get("format") == course_format:
            ids.add(record["id"])
    return ids


@pytest.mark.browser
def test_paralegal_searches_and_narrows_with_a_facet(chromium, served_catalog):
    from playwright.sync_api import expect, sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    screenshot = OUTPUT / "datasette-courses.png"
    screenshot.unlink(missing_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{served_catalog}/catalog/courses")
            expect(page.locator("h1")).to_contain_text("Courses")
            listings = sum(1 for line in SAMPLE.open(encoding="utf-8") if line.strip())
            expect(page.locator("h3").first).to_contain_text(f"{listings} rows")
            notes = page.locator("details.column-notes summary")
            expect(notes).to_have_text("What the columns mean")
            heading = page.locator("th.col-is_free")
            expect(heading).to_have_attribute("title", re.compile("free"))
            for facet in ("provider", "format", "credit_categories", "is_free"):
                expect(
                    page.locator(f'.facet-info[data-column="{facet}"]')
                ).to_be_visible()

            page.fill("#_search", "ethics")
            page.press("#_search", "Enter")
            page.wait_for_url("**_search=ethics**")
            expect(page.locator("h3").first).to_contain_text('search matches "ethics"')

            page.locator("#facet-format").get_by_role(
                "link", name="live_webinar", exact=True
            ).click()
            page.wait_for_url("**format=live_webinar**")
            shown = set(page.locator("td.col-id").all_inner_texts())
            assert shown == expected_ids("ethic", "live_webinar")
            expect(page.locator("h3").first).to_contain_text(f"{len(shown)} row")

            page.locator("#facet-credit_categories").get_by_role(
                "link", name="general", exact=True
            ).click()
            page.wait_for_url("**general_hours__gt=0**")
            shown = set(page.locator("td.col-id").all_inner_texts())
            narrowed = expected_ids("ethic", "live_webinar", category="general")
            assert narrowed, "the sample should hold a live ethics webinar with general"
            assert shown == narrowed
            page.screenshot(path=str(screenshot), full_page=False)
        finally:
            browser.close()
    assert screenshot.stat().st_size > 10_000
