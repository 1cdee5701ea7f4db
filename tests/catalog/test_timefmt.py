"""Times shown to a reader: catalog/timefmt.py (table tests).

US daylight saving 2026: from March 8 (2:00) to November 1 (2:00).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from catalog.timefmt import (
    NOT_STATED,
    UNREADABLE,
    format_range,
    format_when,
    local_zone_name,
    reader_zone,
    to_zone,
)

LA, NY, PHX, CHI = (
    "America/Los_Angeles",
    "America/New_York",
    "America/Phoenix",
    "America/Chicago",
)

# instant, reader zone, shown
WHEN_CASES = [
    ("2026-12-03T11:00:00-05:00", LA, "Thu Dec 3, 2026, 8:00 AM PST"),
    ("2026-07-02T11:00:00-04:00", LA, "Thu Jul 2, 2026, 8:00 AM PDT"),
    # the day before and the day after clocks go forward / back
    ("2026-03-07T17:00:00Z", NY, "Sat Mar 7, 2026, 12:00 PM EST"),
    ("2026-03-09T16:00:00Z", NY, "Mon Mar 9, 2026, 12:00 PM EDT"),
    ("2026-10-31T16:00:00Z", NY, "Sat Oct 31, 2026, 12:00 PM EDT"),
    ("2026-11-02T17:00:00Z", NY, "Mon Nov 2, 2026, 12:00 PM EST"),
    # the two 1:30 AMs of November 1
    ("2026-11-01T05:30:00Z", NY, "Sun Nov 1, 2026, 1:30 AM EDT"),
    ("2026-11-01T06:30:00Z", NY, "Sun Nov 1, 2026, 1:30 AM EST"),
    # Arizona keeps MST all year
    ("2026-07-02T11:00:00-04:00", PHX, "Thu Jul 2, 2026, 8:00 AM MST"),
    ("2026-12-03T11:00:00-05:00", PHX, "Thu Dec 3, 2026, 9:00 AM MST"),
    # noon, midnight, a date change on conversion
    ("2026-12-03T12:00:00-06:00", CHI, "Thu Dec 3, 2026, 12:00 PM CST"),
    ("2026-12-04T02:00:00-05:00", LA, "Thu Dec 3, 2026, 11:00 PM PST"),
    ("2026-12-04T00:00:00-08:00", LA, "Fri Dec 4, 2026, 12:00 AM PST"),
    # a zone with no letter abbreviation shows its offset
    ("2026-12-03T11:00:00-05:00", "Asia/Dubai", "Thu Dec 3, 2026, 8:00 PM UTC+04:00"),
    ("2026-12-03T11:00:00-05:00", "UTC", "Thu Dec 3, 2026, 4:00 PM UTC"),
    # a fixed-offset label, and the IANA fixed-offset name
    ("2026-07-03T11:00:00-07:00", "UTC-07:00", "Fri Jul 3, 2026, 11:00 AM UTC-07:00"),
    ("2026-07-03T11:00:00-07:00", "Etc/GMT+7", "Fri Jul 3, 2026, 11:00 AM UTC-07:00"),
    # a date alone is a date, never converted
    ("2026-12-03", LA, "Thu Dec 3, 2026"),
    # no offset written: no abbreviation invented
    ("2026-12-03T08:00:00", LA, f"Thu Dec 3, 2026, 8:00 AM {NOT_STATED}"),
    # not an IANA zone: the written offset, and a marker naming the setting
    (
        "2026-12-03T11:00:00-05:00",
        "Pacific Standard Time",
        "Thu Dec 3, 2026, 11:00 AM UTC-05:00"
        " (unknown time zone 'Pacific Standard Time')",
    ),
    (
        "2026-12-03T11:00:00-05:00",
        "",
        "Thu Dec 3, 2026, 11:00 AM UTC-05:00 (unknown time zone '')",
    ),
    ("next Tuesday", LA, f"next Tuesday {UNREADABLE}"),
    ("2026-13-45T10:00:00Z", LA, f"2026-13-45T10:00:00Z {UNREADABLE}"),
]


@pytest.mark.parametrize(("instant", "zone", "shown"), WHEN_CASES)
def test_format_when(instant, zone, shown):
    assert format_when(instant, zone) == shown


def test_format_when_without_date_and_with_the_listing_zone():
    assert (
        format_when("2026-12-03T11:00:00-05:00", LA, with_date=False) == "8:00 AM PST"
    )
    # a naive value read in the listing's zone, shown in the reader's
    shown = format_when("2026-12-03T11:00:00", LA, naive_zone=NY)
    assert shown == "Thu Dec 3, 2026, 8:00 AM PST"


# starts, ends, reader zone, shown
RANGE_CASES = [
    (
        "2026-12-03T11:00:00-05:00",
        "2026-12-03T12:30:00-05:00",
        LA,
        "Thu Dec 3, 2026, 8:00\u20139:30 AM PST",
    ),
    # crossing noon
    (
        "2026-12-03T11:00:00-08:00",
        "2026-12-03T13:00:00-08:00",
        LA,
        "Thu Dec 3, 2026, 11:00 AM\u20131:00 PM PST",
    ),
    # crossing midnight in the reader's zone
    (
        "2026-12-04T02:00:00-05:00",
        "2026-12-04T04:00:00-05:00",
        LA,
        "Thu Dec 3, 2026, 11:00 PM PST \u2013 Fri Dec 4, 2026, 1:00 AM PST",
    ),
    # clocks go back during the session: each end its own abbreviation
    (
        "2026-11-01T01:30:00-07:00",
        "2026-11-01T01:15:00-08:00",
        LA,
        "Sun Nov 1, 2026, 1:30 AM PDT\u20131:15 AM PST",
    ),
    # all day (midnight to midnight in the written offset): dates, no times
    ("2026-12-03T00:00:00-05:00", "2026-12-04T00:00:00-05:00", LA, "Thu Dec 3, 2026"),
    (
        "2026-12-03T00:00:00-05:00",
        "2026-12-05T00:00:00-05:00",
        LA,
        "Thu Dec 3 \u2013 Fri Dec 4, 2026",
    ),
    (
        "2026-12-31T00:00:00-05:00",
        "2027-01-02T00:00:00-05:00",
        LA,
        "Thu Dec 31, 2026 \u2013 Fri Jan 1, 2027",
    ),
    ("2026-12-03", "2026-12-05", LA, "Thu Dec 3 \u2013 Fri Dec 4, 2026"),
    # no end, an unreadable end, an end before the start: the start alone
    ("2026-12-03T11:00:00-05:00", None, LA, "Thu Dec 3, 2026, 8:00 AM PST"),
    ("2026-12-03T11:00:00-05:00", "soon", LA, "Thu Dec 3, 2026, 8:00 AM PST"),
    (
        "2026-12-03T11:00:00-05:00",
        "2026-12-03T10:00:00-05:00",
        LA,
        "Thu Dec 3, 2026, 8:00 AM PST",
    ),
    # an unknown reader zone: written offsets, marked once per end
    (
        "2026-12-03T11:00:00-05:00",
        "2026-12-03T11:30:00-05:00",
        "Nowhere/City",
        "Thu Dec 3, 2026, 11:00\u201311:30 AM UTC-05:00"
        " (unknown time zone 'Nowhere/City')",
    ),
]


@pytest.mark.parametrize(("starts", "ends", "zone", "shown"), RANGE_CASES)
def test_format_range(starts, ends, zone, shown):
    assert format_range(starts, ends, zone) == shown


def test_format_functions_never_raise_on_odd_values():
    for value in (None, 12, "", "   ", "2026-02-30"):
        assert UNREADABLE in format_when(value, LA)
        assert UNREADABLE in format_range(value, "2026-12-03", LA)


# instant, zone, expected UTC offset
ZONE_CASES = [
    ("2026-12-03T11:00:00-05:00", LA, timedelta(hours=-8)),
    ("2026-07-03T11:00:00-04:00", LA, timedelta(hours=-7)),
    ("2026-07-03T11:00:00-04:00", PHX, timedelta(hours=-7)),
    ("2026-07-03T15:00:00Z", NY, timedelta(hours=-4)),
    # no offset written: read in the zone itself
    ("2026-07-03T11:00:00", CHI, timedelta(hours=-5)),
    # an unknown zone keeps the offset written
    ("2026-07-03T11:00:00-04:00", "Eastern", timedelta(hours=-4)),
]


@pytest.mark.parametrize(("instant", "zone", "offset"), ZONE_CASES)
def test_to_zone(instant, zone, offset):
    moment = to_zone(instant, zone)
    assert moment.utcoffset() == offset
    assert moment.tzinfo is not None


def test_to_zone_keeps_the_instant_and_reads_naive_values_in_naive_zone():
    moment = to_zone("2026-12-03T11:00:00-05:00", LA)
    assert (moment.hour, moment.minute) == (8, 0)
    naive = to_zone("2026-12-03T11:00:00", LA, naive_zone=NY)
    assert naive == moment
    with pytest.raises(ValueError):
        to_zone("not a time", LA)


def test_reader_zone_prefers_the_profile(monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "America/Denver")
    assert reader_zone("America/Chicago") == "America/Chicago"
    assert reader_zone(" America/Chicago ") == "America/Chicago"
    # a wrong setting is kept, so every time shown is marked, not silently moved
    assert reader_zone("Central") == "Central"
    assert reader_zone(None) == "America/Denver"
    assert reader_zone("  ") == "America/Denver"


def test_local_zone_name_from_env_then_localtime_link(tmp_path):
    assert (
        local_zone_name({"TZ": ":Europe/Berlin"}, tmp_path / "none") == "Europe/Berlin"
    )
    link = tmp_path / "localtime"
    zoneinfo_dir = tmp_path / "usr" / "share" / "zoneinfo" / "America"
    zoneinfo_dir.mkdir(parents=True)
    (zoneinfo_dir / "Phoenix").write_bytes(b"")
    link.symlink_to(zoneinfo_dir / "Phoenix")
    assert local_zone_name({"TZ": "Bogus/Zone"}, link) == PHX
    assert local_zone_name({}, tmp_path / "missing") is None
