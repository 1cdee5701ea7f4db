"""A real ``cle serve --profile`` on 127.0.0.1 driven by Debian's Chromium (Playwright).

The story: a paralegal finds a free ethics webinar next month from the landing
page, opens it and finds how to subscribe to the calendar, without SQL or
JSON. Other tests search, follow facets and check every page with axe-core
(``axe-playwright-python`` bundles it): no serious or critical violation.
Screenshots go to tests/output/ (ignored by git; CI keeps them as artifacts).
Chromium comes from the system (``apt-get install chromium``; CI exports
CLE_CHROMIUM): when it is missing the tests fail and say so, never skip.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.catalog.pages_data import (
    ROOT,
    STORY_ID,
    build_story_catalog,
    first_of_next_month,
    story_records,
)

OUTPUT = ROOT / "tests" / "output"
PROFILE = ROOT / "data" / "examples" / "profile.toml"
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
#: axe-core impacts that fail a page.
BLOCKING = {"serious", "critical"}


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


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """``cle serve --profile`` on the story catalog; yields its base URL."""
    db_path = build_story_catalog(tmp_path_factory.mktemp("served"))
    port = free_port()
    command = [
        sys.executable,
        "-c",
        "from catalog.composition_root import main; main()",
        "serve",
        "--db",
        str(db_path),
        "--port",
        str(port),
        "--profile",
        str(PROFILE),
    ]
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
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


@pytest.fixture
def page():
    """A Chromium page (1280×900); the browser closes after the test."""
    from playwright.sync_api import sync_playwright

    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 900})
        finally:
            browser.close()


def shot(page, name: str, *, full: bool = False) -> Path:
    """Save a screenshot to tests/output/<name>.png and check it is not empty."""
    path = OUTPUT / f"{name}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 10_000
    return path


def upcoming(record: dict) -> bool:
    """True when the courses page shows the listing by default."""
    starts = record.get("starts_at")
    return not starts or datetime.fromisoformat(starts) >= datetime.now(UTC)


@pytest.mark.browser
def test_story_free_ethics_webinar_next_month_then_subscribe(served, page):
    from playwright.sync_api import expect

    page.goto(served)
    expect(page.locator("h1")).to_contain_text("Continuing legal education")
    shot(page, "story-1-landing")

    page.get_by_role("link", name="Free ethics courses").click()
    page.wait_for_url("**ethics_hours__gt=0**")
    expect(page.locator(".cle-count")).to_contain_text("course")
    shot(page, "story-2-free-ethics")

    page.locator("#facet-listing_order").get_by_role("link", name="Next month").click()
    page.wait_for_url("**_when=next_month**")
    page.locator("#facet-format").get_by_role("link", name="Live webinar").click()
    page.wait_for_url("**format=live_webinar**")
    rows = page.locator("tr.course")
    shown = {rows.nth(i).get_attribute("data-id") for i in range(rows.count())}
    assert shown == {STORY_ID}
    story = next(r for r in story_records(date.today()) if r["id"] == STORY_ID)
    month = f"{first_of_next_month(date.today()):%b} 14"
    expect(rows.first.locator(".course-when")).to_contain_text(month)
    expect(rows.first.locator(".course-when")).to_contain_text("EST")
    expect(rows.first.locator(".course-price")).to_have_text("Free")
    shot(page, "story-3-next-month-live-webinar")

    rows.first.get_by_role("link", name=story["title"]).click()
    expect(page.locator("h1")).to_have_text(story["title"])
    expect(page.locator(".course-card .course-when")).to_contain_text(month)
    expect(page.locator(".course-card .course-credits")).to_have_text("1 h ethics")
    shot(page, "story-4-course-page", full=True)

    page.get_by_role("link", name="catalog's calendar").click()
    page.wait_for_url("**/#calendar")
    box = page.locator("#calendar + .cle-box")
    expect(box).to_contain_text("Outlook")
    expect(box).to_contain_text("Google Calendar")
    feed = box.locator("code.cle-url").inner_text()
    assert feed == f"{served}/catalog/calendar.ics"
    page.locator("#calendar").scroll_into_view_if_needed()
    shot(page, "story-5-subscribe")
    with urllib.request.urlopen(feed, timeout=10) as response:
        assert response.headers["content-type"].startswith("text/calendar")
        assert story["title"].encode() in response.read().replace(b"\r\n ", b"")


@pytest.mark.browser
def test_search_then_a_credit_facet_then_show_past(served, page):
    from playwright.sync_api import expect

    page.goto(f"{served}/catalog/courses")
    page.fill("#_search", "ethics")
    page.press("#_search", "Enter")
    page.wait_for_url("**_search=ethics**")
    records = [r for r in story_records(date.today()) if upcoming(r)]

    def matching(*, category: str = "") -> set[str]:
        found = set()
        for r in records:
            text = f"{r['title']} {r.get('description', '')}".lower()
            hours = {c["category"]: c["hours"] for c in r.get("credits", [])}
            if "ethic" in text and (not category or hours.get(category, 0) > 0):
                found.add(r["id"])
        return found

    def shown() -> set[str]:
        rows = page.locator("tr.course")
        return {rows.nth(i).get_attribute("data-id") for i in range(rows.count())}

    assert shown() == matching()
    page.locator("#facet-credit_categories").get_by_role(
        "link", name="General", exact=True
    ).click()
    page.wait_for_url("**general_hours__gt=0**")
    assert shown() == matching(category="general")
    shot(page, "search-ethics-general")
    page.get_by_role("link", name="Show past sessions too").click()
    page.wait_for_url("**_past=1**")
    expect(page.locator(".cle-past-toggle")).to_contain_text("Past sessions are shown")


@pytest.mark.browser
@pytest.mark.parametrize(
    "name,path",
    [
        ("landing", "/"),
        ("courses", "/catalog/courses"),
        ("course-page", f"/catalog/courses/{STORY_ID.replace(':', '~3A')}"),
        ("search", "/catalog/courses?_search=ethics"),
        ("my-cle", "/-/my-cle"),
    ],
)
def test_every_page_passes_axe_without_serious_violations(served, page, name, path):
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(f"{served}{path}")
    assert response.status == 200
    shot(page, f"page-{name}", full=True)
    results = Axe().run(page)
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)
