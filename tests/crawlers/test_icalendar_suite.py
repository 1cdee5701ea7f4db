"""The iCalendar spider over the ``icalendar`` package's own test calendars.

The files are read from the installed package (``icalendar/tests/calendars``
and ``icalendar/tests/timezones``), not copied. For each file the spider must
not crash, and every VEVENT that does not recur and whose DTSTART the library
decodes must come out at the instant the library computes (an aware start in
UTC; a floating start at the same wall-clock time; a date as that date), or
be reported as a problem naming it. Recurring events are expanded within the
window given here (the spider's horizon is its own choice).
"""

from __future__ import annotations

import warnings
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from crawlers.platforms.ical import read_events
from crawlers.platforms.ical_zones import listing_zone

PACKAGE_TESTS = Path(icalendar.__file__).parent / "tests"
FILES = sorted(
    [*PACKAGE_TESTS.glob("calendars/*.ics"), *PACKAGE_TESTS.glob("timezones/*.ics")]
)
WINDOW = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))


def library_starts(text: str) -> list[tuple[str, object]] | None:
    """``(uid, start)`` of each single VEVENT whose DTSTART the library decodes.

    None when the library cannot read the file as calendars at all.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError:
        return None
    starts = []
    for calendar in calendars:
        recurring = {
            str(c.get("UID"))
            for c in calendar.walk("VEVENT")
            if c.get("RRULE") or c.get("RDATE")
        }
        for event in calendar.walk("VEVENT"):
            if str(event.get("UID")) in recurring or event.get("RECURRENCE-ID"):
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    start = event.decoded("DTSTART")
            except (KeyError, ValueError, AttributeError):
                continue
            if isinstance(start, date):
                starts.append((str(event.get("UID") or ""), start))
    return starts


def comparable(start) -> tuple:
    """An instant in UTC, a floating time as is, a date as is (tagged by kind)."""
    if isinstance(start, datetime) and start.tzinfo is not None:
        return ("instant", start.astimezone(UTC))
    if isinstance(start, datetime):
        return ("floating", start)
    return ("date", start)


def spider_starts(events: list[dict], floating: bool) -> Counter:
    """The same view of the spider's single events (floating: wall clock)."""
    found = Counter()
    for event in events:
        if event["session"]:
            continue
        start = event["dtstart"]
        found[
            ("instant", start.astimezone(UTC))
            if isinstance(start, datetime)
            else ("date", start)
        ] += 1
        if floating and isinstance(start, datetime):
            found[("floating", start.replace(tzinfo=None))] += 1
    return found


def test_the_package_ships_calendars():
    assert len(FILES) >= 100, f"only {len(FILES)} test calendars found"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_spider_reads_the_librarys_test_calendar_like_the_library(path):
    text = path.read_bytes().decode("utf-8", "replace")
    reading = read_events(text, "America/New_York", WINDOW)  # never raises
    expected = library_starts(text)
    if expected is None:  # the library cannot read it (a BOM the spider drops)
        assert {kind for kind, _ in reading.problems} <= {"not_calendar"}
        return
    named = " ".join(detail for _, detail in reading.problems)
    found = spider_starts(reading.events, floating=True)
    for uid, start in expected:
        key = comparable(start)
        if found[key] > 0:
            found[key] -= 1
            continue
        assert uid and uid in named, (
            f"{path.name}: {uid} {start} neither given nor reported"
        )


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_listing_zone_agrees_with_its_instants(path):
    text = path.read_bytes().decode("utf-8", "replace")
    for event in read_events(text, "America/New_York", WINDOW).events:
        start = event["dtstart"]
        if not isinstance(start, datetime):
            continue
        zone = ZoneInfo(listing_zone(event, "America/New_York"))
        shown = start.astimezone(zone)
        # the same instant (compared in UTC: PEP 495 makes an ambiguous local
        # time unequal to every time of another zone)
        assert shown.astimezone(UTC) == start.astimezone(UTC)
        if start.utcoffset() != timedelta(0):  # a UTC time is shown in a zone
            assert shown.utcoffset() == start.utcoffset(), (event.get("uid"), zone)
