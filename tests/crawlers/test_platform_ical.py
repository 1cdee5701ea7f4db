"""The iCalendar reader and the generic feed spider (flbar's bundled feed)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from crawlers.offline import load_manifest, replay
from crawlers.platforms.ical import (
    is_cancelled,
    parse_calendar,
    parse_moment,
    split_line,
    unescape,
    unfold,
)
from crawlers.spiders.registered import FlbarSpider

FEED = (
    "BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:America/Denver\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:America/Denver\r\nBEGIN:STANDARD\r\n"
    "DTSTART:20261101T020000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:a-1@example.org\r\nDTSTART:20261203T120000\r\n"
    "DTEND:20261203T130000\r\nSUMMARY:Floating time\\, read in the calendar zone\r\n"
    "DESCRIPTION:line one\\nline\r\n  two\r\nCATEGORIES:Ethics,Webinar\r\n"
    "X-WA-KIND:cle\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:a-2\r\n"
    'DTSTART;TZID="Pacific Standard Time":20261204T090000\r\n'
    "SUMMARY:Canceled - Windows zone\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_unfold_joins_continuation_lines():
    assert unfold("A:one\r\n two\r\n\tthree\r\nB:x") == ["A:onetwothree", "B:x"]


def test_split_line_respects_quoted_params():
    name, params, value = split_line('ORGANIZER;CN="Doe: Jane":MAILTO:j@example.org')
    assert (name, params["CN"]) == ("ORGANIZER", "Doe: Jane")
    assert value == "MAILTO:j@example.org"


def test_unescape_decodes_text_escapes():
    assert unescape(r"a\, b\; c\nd\\e") == "a, b; c\nd\\e"


def test_parse_moment_handles_utc_date_tzid_and_floating():
    utc = parse_moment("20270115T170000Z", {}, "America/New_York")
    assert utc == datetime(2027, 1, 15, 17, tzinfo=ZoneInfo("UTC"))
    assert parse_moment("20270211", {"VALUE": "DATE"}, "UTC") == date(2027, 2, 11)
    local = parse_moment("20261204T120000", {"TZID": "America/New_York"}, "UTC")
    assert local.utcoffset().total_seconds() == -5 * 3600
    floating = parse_moment("20261204T120000", {}, "America/Chicago")
    assert floating.tzinfo == ZoneInfo("America/Chicago")


def test_parse_calendar_reads_events_in_the_calendar_zone():
    first, second = parse_calendar(FEED, default_tz="UTC")
    assert first["summary"] == "Floating time, read in the calendar zone"
    assert first["description"] == "line one\nline two"
    assert first["dtstart"].tzinfo == ZoneInfo("America/Denver")
    assert first["categories"] == ["Ethics", "Webinar"]
    assert first["x"] == {"X-WA-KIND": "cle"}
    # a Windows zone name is not IANA: the calendar zone stands in
    assert second["dtstart"].tzinfo == ZoneInfo("America/Denver")
    assert is_cancelled(second) and not is_cancelled(first)


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
