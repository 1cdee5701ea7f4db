"""The calendar feed's writer (plugins/cle_calendar.py) on hostile and ordinary rows.

Every output is parsed back with ``icalendar`` and checked octet by octet
against RFC 5545 (75-octet lines, CRLF, no control characters in TEXT).
"""

from __future__ import annotations

import importlib.util
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from catalog.db import open_db
from catalog.load import load_records, read_file
from catalog.serve import PLUGINS_DIR, build_datasette

STAMP = datetime(2026, 11, 27, 6, 30, tzinfo=UTC)
HOSTILE = (
    "Ethics\x00 \x01\x08\x0b\x0c\x1b[31m\x7f; AI, law\\n\r\nline two\rthree\ttab"
    " \ud800 \u202e" + " Überprüfung é" * 400
)


def plugin():
    """The plugin module, loaded from the plugins folder as Datasette does."""
    path = PLUGINS_DIR / "cle_calendar.py"
    spec = importlib.util.spec_from_file_location("cle_calendar_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(**fields) -> dict:
    base = {
        "event_name": "Ethics update (nals)",
        "event_dtstart": "2026-12-03T16:00:00Z",
        "event_dtend": "2026-12-03T17:30:00Z",
        "event_uid": "cle-nals:ethics-update",
        "event_description": "1.5 credit hour(s); $45.00",
        "event_location": "Online",
        "event_url": "https://www.nals.org/events/ethics",
        "event_timezone": "America/Los_Angeles",
    }
    return {**base, **fields}


def feed(*rows: dict, title: str = "Upcoming") -> str:
    return plugin().calendar_text(title, list(rows), stamp=STAMP)


def assert_rfc5545_lines(text: str) -> None:
    """CRLF line ends, folded at 75 octets, no control character but HTAB."""
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), line


def test_hostile_text_gives_a_valid_calendar_with_the_text_kept_cleanly():
    hostile = row(
        event_name=HOSTILE[:300],
        event_description=HOSTILE,
        event_location="Room 1;\r\nBuilding \\ 2,\x00 Floor 3",
    )
    text = feed(hostile, title="Bad\x07 title\r\n")
    assert_rfc5545_lines(text)
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    summary = str(event["SUMMARY"])
    assert summary.startswith("Ethics [31m; AI, law\\n\nline two\nthree\ttab")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]", summary)
    assert str(event["LOCATION"]) == "Room 1;\nBuilding \\ 2, Floor 3"
    assert str(event["DESCRIPTION"]).endswith("Überprüfung é")
    assert len(str(event["DESCRIPTION"])) > 5000  # long text folded, not cut


def test_a_url_a_uri_cannot_hold_is_left_out():
    text = feed(row(event_url='https://x.example/"><script>'), row(event_uid="b"))
    assert_rfc5545_lines(text)
    first, second = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert "URL" not in first and str(second["URL"]) == row()["event_url"]


def test_uid_is_the_listing_key_at_a_fixed_domain_and_stable():
    first = icalendar.Calendar.from_ical(feed(row()))
    later = plugin().calendar_text("other title", [row()], stamp=datetime.now(UTC))
    (one,) = first.walk("VEVENT")
    (two,) = icalendar.Calendar.from_ical(later).walk("VEVENT")
    assert str(one["UID"]) == "cle-nals:ethics-update@cle-catalog.invalid"
    assert one["UID"] == two["UID"]
    assert one.decoded("DTSTAMP") == STAMP


def test_a_row_without_uid_gets_a_stable_non_empty_one():
    text = feed(row(event_uid=None), row(event_uid="", event_name="Other"))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert len(set(uids)) == 2 and all(u.split("@")[0] for u in uids)
    again = feed(row(event_uid=None), row(event_uid="", event_name="Other"))
    assert uids == [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")
    ]


def test_times_carry_the_listing_zone_with_its_vtimezone():
    calendar = icalendar.Calendar.from_ical(feed(row()))
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == [
        "America/Los_Angeles"
    ]
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 12, 3, 16, tzinfo=UTC)
    assert start.utcoffset().total_seconds() == -8 * 3600
    assert event.decoded("DTEND") == datetime(2026, 12, 3, 17, 30, tzinfo=UTC)


def test_the_description_tells_the_time_in_the_listing_zone():
    (event,) = icalendar.Calendar.from_ical(feed(row())).walk("VEVENT")
    first_line = str(event["DESCRIPTION"]).splitlines()[0]
    assert first_line == "When: Thu Dec 3, 2026, 8:00\u20139:30 AM PST"


@pytest.mark.parametrize("zone", [None, "", "Not/A_Zone", "Pacific Standard Time"])
def test_a_row_without_an_iana_zone_is_written_in_utc(zone):
    (event,) = icalendar.Calendar.from_ical(feed(row(event_timezone=zone))).walk(
        "VEVENT"
    )
    assert event.decoded("DTSTART") == datetime(2026, 12, 3, 16, tzinfo=UTC)
    assert "TZID" not in event["DTSTART"].params
    assert "UTC" in str(event["DESCRIPTION"]).splitlines()[0]


def test_unreadable_starts_are_skipped_and_bad_ends_dropped():
    rows = [
        row(event_dtstart="sometime soon", event_uid="a"),
        row(event_dtend="2026-12-03T15:00:00Z", event_uid="b"),  # before the start
        row(event_dtstart="2026-12-10", event_dtend="2026-12-12", event_uid="c"),
    ]
    events = icalendar.Calendar.from_ical(feed(*rows)).walk("VEVENT")
    assert [str(e["UID"]).split("@")[0] for e in events] == ["b", "c"]
    assert "DTEND" not in events[0]
    assert events[1].decoded("DTSTART") == datetime(2026, 12, 10).date()
    assert events[1]["DTSTART"].params.get("VALUE") == "DATE"


def test_a_stamp_given_as_ical_text_is_the_same_instant():
    text = plugin().calendar_text("t", [row()], stamp="20261127T063000Z")
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("DTSTAMP") == STAMP


def test_an_empty_feed_is_a_valid_calendar():
    calendar = icalendar.Calendar.from_ical(feed())
    assert calendar.walk("VEVENT") == [] and str(calendar["VERSION"]) == "2.0"


def test_times_in_other_zones_are_shown_in_the_listing_zone():
    local = datetime(2026, 12, 3, 11, tzinfo=ZoneInfo("America/New_York"))
    text = feed(row(event_dtstart=local.isoformat(), event_dtend=None))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert event.decoded("DTSTART") == local
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"


@pytest.mark.asyncio
async def test_the_served_feed_holds_with_hostile_text_stored(tmp_path):
    """Text written into the catalog past the record boundary (an old catalog,
    a hand edit) still gives a valid calendar from /catalog/calendar.ics."""
    sample = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"
    stored = HOSTILE.replace("\ud800", "")  # SQLite stores no lone surrogate
    db = open_db(tmp_path / "catalog.db")
    assert load_records(db, read_file(sample), seen_on="2026-11-01").ok
    db.execute(
        "update courses set title = ?, location = ?, description = ?",
        [stored[:300], "A;\r\nB\\C,\x00D", stored],
    )
    db.conn.commit()
    db.close()
    datasette = build_datasette(tmp_path / "catalog.db")
    response = await datasette.client.get("/catalog/calendar.ics?as_of=2026-11-27")
    assert response.status_code == 200
    assert_rfc5545_lines(response.text)
    events = icalendar.Calendar.from_ical(response.text).walk("VEVENT")
    assert events, "the sample has upcoming sessions"
    for event in events:
        assert str(event["SUMMARY"]).startswith("Ethics [31m; AI, law")
        assert str(event["LOCATION"]) == "A;\nB\\C,D"
        assert str(event["UID"]).endswith("@cle-catalog.invalid")
        assert event["DTSTART"].params.get("TZID") or event.decoded("DTSTART").tzinfo
