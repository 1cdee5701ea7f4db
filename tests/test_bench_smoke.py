"""Smoke tests of the benchmark generator and recreated TEC site (no timing)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from html import unescape

import pytest

from bench.generate import generate_records, write_jsonl
from bench.md_section import replace_section
from bench.measure import run_child
from bench.tec_site import REST_PATH, serve, write_site
from catalog.records import prepare, read_jsonl
from crawlers.platforms.events_calendar import rest_events


def test_generated_records_all_validate_and_ids_are_unique():
    records = list(generate_records(50, seed=7))
    assert len(records) == 50
    assert len({r["id"] for r in records}) == 50
    for record in records:
        prepared = prepare(record)
        assert prepared["id"].startswith(prepared["provider"] + ":")


def test_generator_is_deterministic_for_a_seed():
    first = list(generate_records(30, seed=3))
    assert first == list(generate_records(30, seed=3))
    assert first != list(generate_records(30, seed=4))
    # A smaller catalog is a prefix of a larger one with the same seed.
    assert list(generate_records(10, seed=3)) == first[:10]


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "courses.jsonl"
    assert write_jsonl(generate_records(50), path) == 50
    parsed = [item for _, item in read_jsonl(path.read_text().splitlines())]
    assert all(isinstance(item, dict) for item in parsed)
    assert parsed == list(generate_records(50))


def test_scheduled_only_gives_dated_listings_of_the_named_provider():
    records = list(generate_records(50, providers=["txpd"], scheduled_only=True))
    assert {r["provider"] for r in records} == {"txpd"}
    assert all(r.get("starts_at") and r.get("ends_at") for r in records)


@pytest.fixture
def site(tmp_path):
    records = list(generate_records(120, providers=["txpd"], scheduled_only=True))
    pages = write_site(records, tmp_path, "https://txpd.org", per_page=50)
    return tmp_path, records, pages


def test_site_pages_follow_the_rest_shape(site):
    folder, records, pages = site
    assert pages == 3
    seen = []
    for number in range(1, pages + 1):
        text = (folder / f"page-{number:05d}.json").read_text()
        events, next_url, total_pages = rest_events(text)
        body = json.loads(text)
        assert body["total"] == 120 and total_pages == 3
        assert (next_url is None) == (number == pages)
        seen += events
    # WordPress serves titles HTML-encoded (curly apostrophe as &#8217;).
    titles = [unescape(e["title"]).replace("\u2019", "'") for e in seen]
    assert titles == [r["title"] for r in records]
    assert len({e["id"] for e in seen}) == 120
    first = seen[0]
    assert first["utc_start_date"] < first["utc_end_date"]
    assert first["timezone"] == records[0]["timezone"]


def test_ics_export_has_one_event_per_listing(site):
    folder, records, _pages = site
    text = (folder / "events.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "ECPv6" in text
    assert text.count("BEGIN:VEVENT") == len(records)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_local_server_answers_pages_and_404(site):
    folder, _records, _pages = site
    server, base = serve(folder)
    try:
        with urllib.request.urlopen(f"{base}{REST_PATH}/?per_page=50&page=2") as page:
            events, next_url, _ = rest_events(page.read().decode())
        assert len(events) == 50 and next_url.endswith("page=3")
        with urllib.request.urlopen(f"{base}/events/?ical=1") as ics:
            assert ics.headers["Content-Type"].startswith("text/calendar")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}{REST_PATH}/?page=9")
        assert missing.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_replace_section_keeps_other_sections(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# B\n\n<!-- other:start -->\nkeep\n<!-- other:end -->\n")
    replace_section("scale", "first", path)
    replace_section("scale", "second", path)
    text = path.read_text()
    assert "keep" in text and "second" in text and "first" not in text
    assert text.count("<!-- scale:start -->") == 1


def test_run_child_reports_the_childs_own_peak_memory_and_exit_status():
    allocate = (
        "import sys\nb = bytearray(80 * 2**20)\n"
        "for i in range(0, len(b), 4096): b[i] = 1\nprint('done'); sys.exit(3)"
    )
    child = run_child([sys.executable, "-c", allocate], memory=True)
    assert child.returncode == 3 and child.stdout.strip() == "done"
    assert child.peak_rss_mb >= 80
    small = run_child([sys.executable, "-c", "pass"], memory=True)
    assert small.peak_rss_mb < child.peak_rss_mb
