"""The iCalendar spider on feeds written here for each case of RFC 5545 it must read.

Expected instants are worked out by hand from the feed text (zone rules of
2026: US DST ends Nov 1, EU summer time ends Oct 25).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from scrapy.http import TextResponse

from crawlers.offline import load_manifest, replay
from crawlers.platforms.ical import is_cancelled, read_events
from crawlers.spiders.registered import FlbarSpider

FEED_URL = "https://www.floridabar.org/cle/calendar.ics"
OUTLOOK_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:GMT +0100 (Standard) / GMT +0200 (Daylight)\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
)


def calendar(*events: str, head: str = "") -> str:
    """A VCALENDAR around VEVENT bodies (each given without BEGIN/END)."""
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    top = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
    return f"{top}{head}{body}END:VCALENDAR\r\n"


def spider_items(text: str, run_date: str = "2026-11-20"):
    """(items, problems) of the flbar spider (America/New_York) on one feed."""
    spider = FlbarSpider(run_date=run_date)
    response = TextResponse(FEED_URL, body=text.encode("utf-8"), encoding="utf-8")
    items = list(spider.parse(response))
    return items, spider.problems


def only(text: str, **kwargs) -> dict:
    items, _ = spider_items(text, **kwargs)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("start_line", "starts_at", "zone"),
    [
        (
            "DTSTART;TZID=Pacific Standard Time:20261204T090000",
            "2026-12-04T09:00:00-08:00",
            "America/Los_Angeles",
        ),
        (
            "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/Berlin:20261204T090000",
            "2026-12-04T09:00:00+01:00",
            "Europe/Berlin",
        ),
        (
            "DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20261204T090000",
            "2026-12-04T09:00:00-05:00",
            "America/New_York",
        ),
        (
            "DTSTART;TZID=Central Standard Time:20260704T090000",
            "2026-07-04T09:00:00-05:00",
            "America/Chicago",
        ),
        ("DTSTART:20261204T170000Z", "2026-12-04T12:00:00-05:00", "America/New_York"),
    ],
)
def test_zone_names_the_library_knows(start_line, starts_at, zone):
    item = only(calendar(f"UID:z-1\r\n{start_line}\r\nSUMMARY:Zones\r\n"))
    assert (item["starts_at"], item["timezone"]) == (starts_at, zone)


def test_a_zone_defined_only_by_the_files_vtimezone():
    text = calendar(
        'UID:o-1\r\nDTSTART;TZID="GMT +0100 (Standard) / GMT +0200 (Daylight)":'
        '20261020T100000\r\nDTEND;TZID="GMT +0100 (Standard) / GMT +0200 (Daylight)":'
        "20261027T100000\r\nSUMMARY:Across the change\r\n",
        head=OUTLOOK_ZONE,
    )
    item = only(text)
    assert item["starts_at"] == "2026-10-20T10:00:00+02:00"
    assert item["ends_at"] == "2026-10-27T10:00:00+01:00"
    # an IANA zone with the same offsets all year, not the provider's New York
    zone = item["timezone"]
    assert zone.startswith("Europe/"), zone
    assert datetime.fromisoformat(item["ends_at"]).utcoffset() == timedelta(hours=1)


def test_floating_times_are_read_in_x_wr_timezone_and_duration_gives_the_end():
    text = calendar(
        "UID:f-1\r\nDTSTART:20261203T120000\r\nDURATION:PT1H30M\r\nSUMMARY:Floating\r\n",
        head="X-WR-TIMEZONE:America/Denver\r\n",
    )
    item = only(text)
    assert item["starts_at"] == "2026-12-03T12:00:00-07:00"
    assert item["ends_at"] == "2026-12-03T13:30:00-07:00"
    assert (item["timezone"], item["duration_minutes"]) == ("America/Denver", 90)


def test_floating_time_without_calendar_zone_takes_the_providers():
    item = only(calendar("UID:f-2\r\nDTSTART:20261203T120000\r\nSUMMARY:Floating\r\n"))
    assert item["starts_at"] == "2026-12-03T12:00:00-05:00"
    assert item["timezone"] == "America/New_York"


def test_all_day_event_without_end_lasts_its_day():
    item = only(calendar("UID:d-1\r\nDTSTART;VALUE=DATE:20270211\r\nSUMMARY:Day\r\n"))
    assert item["starts_at"] == "2027-02-11T00:00:00-05:00"
    assert item["ends_at"] == "2027-02-12T00:00:00-05:00"
    assert "duration_minutes" not in item


def test_recurring_event_gives_each_session_in_the_horizon_with_its_own_id():
    text = calendar(
        "UID:rec-1@example.org\r\nDTSTART;TZID=America/Chicago:20261201T090000\r\n"
        "DTEND;TZID=America/Chicago:20261201T100000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n"
        "EXDATE;TZID=America/Chicago:20261208T090000\r\n"
        "RDATE;TZID=America/Chicago:20261224T150000\r\nSUMMARY:Weekly clinic\r\n",
        "UID:rec-1@example.org\r\nRECURRENCE-ID;TZID=America/Chicago:20261215T090000\r\n"
        "DTSTART;TZID=America/Chicago:20261215T110000\r\n"
        "DTEND;TZID=America/Chicago:20261215T120000\r\n"
        "SUMMARY:Weekly clinic (moved)\r\n",
    )
    items, problems = spider_items(text)
    got = {i["id"]: i["starts_at"] for i in items}
    assert got == {
        "flbar:rec-1-20261201t1500z": "2026-12-01T09:00:00-06:00",
        "flbar:rec-1-20261215t1500z": "2026-12-15T11:00:00-06:00",
        "flbar:rec-1-20261222t1500z": "2026-12-22T09:00:00-06:00",
        "flbar:rec-1-20261224t2100z": "2026-12-24T15:00:00-06:00",
        "flbar:rec-1-20261229t1500z": "2026-12-29T09:00:00-06:00",
    }
    assert problems == []


def test_recurring_sessions_stop_at_the_horizon():
    text = calendar(
        "UID:daily\r\nDTSTART:20261101T170000Z\r\nRRULE:FREQ=MONTHLY\r\nSUMMARY:Monthly\r\n"
    )
    spider = FlbarSpider(run_date="2026-11-20")
    spider.options["horizon_days"] = 100
    response = TextResponse(FEED_URL, body=text.encode(), encoding="utf-8")
    starts = [i["starts_at"][:10] for i in spider.parse(response)]
    assert starts == ["2026-12-01", "2027-01-01", "2027-02-01"]


def test_a_bad_start_skips_its_event_and_is_counted_never_the_feed():
    text = calendar(
        "UID:bad\r\nDTSTART:2026071\r\nSUMMARY:Broken start\r\n",
        "UID:good\r\nDTSTART:20261204T170000Z\r\nSUMMARY:Fine\r\n",
        "UID:mixed\r\nDTSTART;VALUE=DATE:20261204\r\nDTEND:20261205T100000Z\r\n"
        "SUMMARY:Date start, time end\r\n",
    )
    items, problems = spider_items(text)
    assert [i["id"] for i in items] == ["flbar:good", "flbar:mixed"]
    # an end that cannot be an end of that start is left unknown, the start kept
    assert "ends_at" not in items[1]
    assert [p.split(":")[0] for p in problems] == ["bad_event"], problems


def test_an_unknown_tzid_is_counted_and_read_in_the_calendar_zone():
    items, problems = spider_items(
        calendar(
            "UID:u\r\nDTSTART;TZID=Nowhere/Special:20261204T090000\r\nSUMMARY:U\r\n"
        )
    )
    assert items[0]["starts_at"] == "2026-12-04T09:00:00-05:00"
    assert any(p.startswith("unknown_timezone:") for p in problems)


def test_events_without_uid_get_distinct_non_empty_stable_ids():
    first = "DTSTART:20261204T170000Z\r\nSUMMARY:Ética — 職業倫理\r\n"
    second = "DTSTART:20261211T170000Z\r\nSUMMARY:Ética — 職業倫理\r\n"
    items, _ = spider_items(calendar(first, second))
    ids = [i["id"] for i in items]
    assert len(set(ids)) == 2 and all(i.removeprefix("flbar:") for i in ids)
    again, _ = spider_items(calendar(second.replace("Ética", " ética "), first))
    assert sorted(ids) == sorted(i["id"] for i in again)


def test_a_uid_with_no_ascii_letters_still_gives_an_id():
    item = only(calendar("UID:講座\r\nDTSTART:20261204T170000Z\r\nSUMMARY:T\r\n"))
    assert len(item["id"].removeprefix("flbar:")) > 4


def test_not_a_calendar_is_one_problem():
    items, problems = spider_items("<html>moved</html>")
    assert items == [] and [p.split(":")[0] for p in problems] == ["not_calendar"]


def test_read_events_keeps_text_fields_and_categories():
    text = calendar(
        "UID:a-1@example.org\r\nDTSTART:20261203T120000Z\r\n"
        "SUMMARY:Comma\\, semicolon\\; done\r\nDESCRIPTION:line one\\nline\r\n  two\r\n"
        "CATEGORIES:Ethics,Webinar\r\nSTATUS:CANCELLED\r\nX-WA-KIND:cle\r\n"
    )
    window = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    (event,) = read_events(text, "UTC", window).events
    assert event["summary"] == "Comma, semicolon; done"
    assert event["description"] == "line one\nline two"
    assert event["categories"] == ["Ethics", "Webinar"]
    assert event["x"] == {"X-WA-KIND": "cle"}
    assert is_cancelled(event)


def test_flbar_feed_gives_cancelled_all_day_and_folded_events():
    items = {
        i["id"]: i
        for i in replay(FlbarSpider(run_date="2026-11-20"), load_manifest("flbar"))
    }
    assert items["flbar:frp-2026-1216"]["status"] == "cancelled"
    assert items["flbar:frp-2026-1216"]["title"] == "Year-End Ethics Roundtable"
    symposium = items["flbar:frp-2027-0211"]
    assert symposium["starts_at"] == "2027-02-11T00:00:00-05:00"
    assert symposium["ends_at"] == "2027-02-13T00:00:00-05:00"
    assert "duration_minutes" not in symposium
    folded = items["flbar:frp-2027-0115"]
    assert "Hon. Robert Diaz" in folded["description"]
    assert folded["starts_at"] == "2027-01-15T12:00:00-05:00"


def test_a_feed_with_a_byte_order_mark_is_read():
    text = "\ufeff" + calendar("UID:b\r\nDTSTART:20261204T170000Z\r\nSUMMARY:BOM\r\n")
    assert only(text)["id"] == "flbar:b"
