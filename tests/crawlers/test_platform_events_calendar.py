"""The Events Calendar platform: REST pages, pagination, ICS fallback (txpd)."""

from __future__ import annotations

import json

import pytest

from crawlers.offline import Manifest, Page, load_manifest, replay
from crawlers.platforms.events_calendar import rest_events, utc_moment, venue_text
from crawlers.spiders.registered import TxpdSpider

REST = "https://txpd.org/wp-json/tribe/events/v1/events?per_page=4"
ICS = "https://txpd.org/events/?ical=1"


def spider():
    return TxpdSpider(run_date="2026-11-20")


def test_rest_events_reads_page_and_next_link(page_response):
    events, next_url, total_pages = rest_events(page_response("txpd", REST).text)
    assert [e["id"] for e in events] == [4812, 4820, 4833, 4841]
    assert next_url.endswith("page=2") and total_pages == 2


def test_rest_events_rejects_other_json():
    with pytest.raises(ValueError):
        rest_events(json.dumps({"code": "rest_no_route"}))


def test_utc_dates_and_venue_text():
    assert utc_moment("2026-12-03 18:00:00").isoformat() == "2026-12-03T18:00:00+00:00"
    assert venue_text([]) is None
    venue = {"venue": "AT&amp;T Center", "city": "Austin", "state": "TX"}
    assert venue_text(venue) == "AT&T Center, Austin, TX"


def test_crawl_follows_pagination_then_adds_ics_only_events():
    items = replay(spider())
    ids = [item["id"] for item in items]
    # page 2 repeats 4841 (the dedupe pipeline drops it); the ICS adds only 4875
    assert ids.count("txpd:4841") == 2
    assert ids[-1] == "txpd:4875" and ids.count("txpd:4812") == 1


def test_cancelled_multi_day_and_local_times():
    items = {item["id"]: item for item in replay(spider())}
    cancelled = items["txpd:4820"]
    assert cancelled["status"] == "cancelled"
    assert not cancelled["title"].upper().startswith("CANCELED")
    conference = items["txpd:4850"]
    assert conference["starts_at"].startswith("2027-06-16T00:00:00-05:00")
    assert conference["ends_at"].startswith("2027-06-18")
    assert items["txpd:4812"]["starts_at"] == "2026-12-03T12:00:00-06:00"
    assert items["txpd:4812"]["presenters"] == ["Maria Gonzales, J.D."]
    assert "Webinar" not in items["txpd:4812"]["practice_areas"]


def test_a_failed_rest_api_falls_back_to_the_ics_export():
    bundled = load_manifest("txpd")
    blocked = Manifest(
        folder=bundled.folder,
        captured_at=bundled.captured_at,
        recreated=True,
        pages={**bundled.pages, next(iter(bundled.pages)): Page("events.ics", 403)},
    )
    crawler_spider = spider()
    items = replay(crawler_spider, blocked)
    assert sorted(i["id"] for i in items) == ["txpd:4812", "txpd:4850", "txpd:4875"]
    assert any("HTTP 403" in problem for problem in crawler_spider.problems)


def test_a_page_that_is_not_tec_json_is_reported(page_response):
    crawler_spider = spider()
    response = page_response("txpd", ICS)
    assert list(crawler_spider.parse(response))[0].url == ICS
    assert crawler_spider.problems[0].startswith("bad_json")


@pytest.mark.parametrize(
    "setting,name,offset_minutes",
    [
        ("UTC+0", "UTC", 0),
        ("UTC-5", "Etc/GMT+5", -300),  # IANA's Etc signs are inverted
        ("UTC+5:30", "UTC+05:30", 330),
        ("UTC+5.5", "UTC+05:30", 330),  # WordPress's own decimal form
        ("UTC-9.5", "UTC-09:30", -570),
        ("America/Chicago", "America/Chicago", -360),
        ("Central Time", "America/Chicago", -360),  # not a zone: provider default
    ],
)
def test_site_zone_reads_manual_offsets_as_fixed(setting, name, offset_minutes):
    from datetime import datetime

    from crawlers.platforms.events_calendar import site_zone

    zone, label = site_zone(setting, "America/Chicago")
    winter = datetime(2027, 1, 15, 12, tzinfo=zone)
    assert label == name
    assert winter.utcoffset().total_seconds() == offset_minutes * 60


@pytest.mark.parametrize(
    "cost,text",
    [
        ("&#36;25", "$25"),
        ("&amp;#36;25 &ndash; &#36;40", "$25 – $40"),
        ("AT&amp;T members free", "AT&T members free"),
        ("<span>$10</span>", "$10"),
        (None, ""),
    ],
)
def test_cost_entities_are_decoded(cost, text):
    from crawlers.platforms.events_calendar import cost_text

    assert cost_text(cost) == text


def rest_event(**fields) -> dict:
    event = {
        "id": 7,
        "title": "Ethics hour",
        "utc_start_date": "2027-01-15 18:00:00",
        "utc_end_date": "2027-01-15 19:00:00",
        "timezone": "UTC-5",
    }
    return {**event, **fields}


@pytest.mark.parametrize(
    "end,expected",
    [
        ("2027-01-15 19:00:00", "2027-01-15T14:00:00-05:00"),
        ("2067-02-26 00:00:00", None),  # placeholder far-future end
        ("9999-12-31 23:59:59", None),
        ("2027-01-15 18:00:00", None),  # end == start: no end given
        ("2027-01-14 18:00:00", None),  # end before start
    ],
)
def test_placeholder_and_backward_ends_are_dropped(end, expected):
    item = spider().rest_listing(rest_event(utc_end_date=end))
    assert item["starts_at"] == "2027-01-15T13:00:00-05:00"
    assert item["timezone"] == "Etc/GMT+5"
    assert item.get("ends_at") == expected
