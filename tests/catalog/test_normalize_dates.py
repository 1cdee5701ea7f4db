"""Date and time wording + default zone → starts_at/ends_at (table tests).

Rows marked "providers.md 8" are the wordings listed in research/providers.md
section 8; the rest are recreations. 2026 daylight saving in the US runs from
March 8 (2:00) to November 1 (2:00).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from catalog.normalize import parse_when

NY, CHI, DEN = "America/New_York", "America/Chicago", "America/Denver"
LA, PHX = "America/Los_Angeles", "America/Phoenix"

# text, default zone, starts_at, ends_at (None = absent)
CASES = [
    # providers.md 8
    (
        "When: 6/20/2017 / Tuesday, Noon- 1:30pm",
        LA,
        "2017-06-20T12:00:00-07:00",
        "2017-06-20T13:30:00-07:00",
    ),
    ("Sat, 21 Jun 2025 13:00:00 GMT", NY, "2025-06-21T13:00:00+00:00", None),
    (
        "January 21, 2026 @ 7:00 pm - 11:59 pm MST",
        CHI,
        "2026-01-21T19:00:00-07:00",
        "2026-01-21T23:59:00-07:00",
    ),
    (
        "Jun 30 2025 1:00 - 2:05 pm EST",
        CHI,
        "2025-06-30T13:00:00-04:00",
        "2025-06-30T14:05:00-04:00",
    ),
    (
        "Tuesday, February 18, 2025 · 1:00–3:00 p.m. ET",
        CHI,
        "2025-02-18T13:00:00-05:00",
        "2025-02-18T15:00:00-05:00",
    ),
    ("March 3, 2026 9:00 AM CT", NY, "2026-03-03T09:00:00-06:00", None),
    ("July 1, 2026, 5 p.m. CT", NY, "2026-07-01T17:00:00-05:00", None),
    ("Wednesday, March 29, 2023, 1:00 PM ET", CHI, "2023-03-29T13:00:00-04:00", None),
    # month names, abbreviations, weekdays, separators
    ("Dec 10, 2026 | 1:00 PM", NY, "2026-12-10T13:00:00-05:00", None),
    ("Thu, Dec 10, 2026 at 1 pm", NY, "2026-12-10T13:00:00-05:00", None),
    (
        "Sept. 9, 2026 · 10:30 a.m. – 12 p.m.",
        CHI,
        "2026-09-09T10:30:00-05:00",
        "2026-09-09T12:00:00-05:00",
    ),
    (
        "December 3rd, 2026 @ 11am-12pm",
        LA,
        "2026-12-03T11:00:00-08:00",
        "2026-12-03T12:00:00-08:00",
    ),
    (
        "5 June 2026 14:00-15:30",
        DEN,
        "2026-06-05T14:00:00-06:00",
        "2026-06-05T15:30:00-06:00",
    ),
    ("09 Feb 2027 9:00 AM", NY, "2027-02-09T09:00:00-05:00", None),
    ("Monday 14 December 2026 10.00am", NY, "2026-12-14T10:00:00-05:00", None),
    ("Jan. 13, 2027, 12 noon CT", NY, "2027-01-13T12:00:00-06:00", None),
    (
        "12:00 PM CT on Wednesday, January 13, 2027",
        NY,
        "2027-01-13T12:00:00-06:00",
        None,
    ),
    (
        "Friday, January 8, 2027 from 12:00 to 1:00 p.m.",
        CHI,
        "2027-01-08T12:00:00-06:00",
        "2027-01-08T13:00:00-06:00",
    ),
    # numeric US dates and ISO
    (
        "12/10/2026 1:00 PM - 2:00 PM",
        NY,
        "2026-12-10T13:00:00-05:00",
        "2026-12-10T14:00:00-05:00",
    ),
    ("6/2/26 6pm", NY, "2026-06-02T18:00:00-04:00", None),
    ("2026-12-10 13:00", CHI, "2026-12-10T13:00:00-06:00", None),
    ("2026-12-10T13:00:00", NY, "2026-12-10T13:00:00-05:00", None),
    ("2026-12-10T18:00:00Z", NY, "2026-12-10T18:00:00+00:00", None),
    (
        "2026-12-10T13:00:00-05:00 to 2026-12-10T14:30:00-05:00",
        CHI,
        "2026-12-10T13:00:00-05:00",
        "2026-12-10T14:30:00-05:00",
    ),
    ("Thu, 10 Dec 2026 18:00:00 +0000", NY, "2026-12-10T18:00:00+00:00", None),
    # zone words and abbreviations resolved with daylight saving for the date
    ("June 10, 2026 12:00 PM Eastern", LA, "2026-06-10T12:00:00-04:00", None),
    ("December 10, 2026 12:00 PM Eastern", LA, "2026-12-10T12:00:00-05:00", None),
    ("June 10, 2026 12:00 PM Central Time", NY, "2026-06-10T12:00:00-05:00", None),
    ("June 10, 2026 12:00 PM MT", NY, "2026-06-10T12:00:00-06:00", None),
    ("June 10, 2026 12:00 PM PT", NY, "2026-06-10T12:00:00-07:00", None),
    ("December 10, 2026 12:00 PM PST", NY, "2026-12-10T12:00:00-08:00", None),
    ("June 10, 2026 12:00 PM Arizona time", NY, "2026-06-10T12:00:00-07:00", None),
    ("June 10, 2026 17:00 GMT", NY, "2026-06-10T17:00:00+00:00", None),
    ("June 10, 2026 12:00 PM (UTC-5)", NY, "2026-06-10T12:00:00-05:00", None),
    ("June 10, 2026 12:00 PM America/Chicago", NY, "2026-06-10T12:00:00-05:00", None),
    # a wrong default zone is overridden by an explicit zone
    ("Dec 10, 2026 1:00 PM ET", LA, "2026-12-10T13:00:00-05:00", None),
    ("Dec 10, 2026 1:00 PM CT", NY, "2026-12-10T13:00:00-06:00", None),
    # daylight-saving edges (2026: Mar 8 and Nov 1)
    ("March 7, 2026 12:00 PM ET", CHI, "2026-03-07T12:00:00-05:00", None),
    ("March 8, 2026 12:00 PM ET", CHI, "2026-03-08T12:00:00-04:00", None),
    ("October 31, 2026 12:00 PM ET", CHI, "2026-10-31T12:00:00-04:00", None),
    ("November 1, 2026 12:00 PM ET", CHI, "2026-11-01T12:00:00-05:00", None),
    ("November 1, 2026 1:30 AM EDT", NY, "2026-11-01T01:30:00-04:00", None),
    ("November 1, 2026 1:30 AM EST", NY, "2026-11-01T01:30:00-05:00", None),
    ("March 8, 2026 12:00 PM EST", NY, "2026-03-08T12:00:00-04:00", None),
    ("March 8, 2026 2:30 AM ET", NY, "2026-03-08T02:30:00-05:00", None),
    ("July 4, 2026 12:00 PM", PHX, "2026-07-04T12:00:00-07:00", None),
    # a region the default zone belongs to is read in the default zone: Arizona
    # keeps MST all year, Denver does not; EST in July in New York is EDT
    (
        "July 30, 2027 12:00 p.m. - 1:00 p.m. MST",
        PHX,
        "2027-07-30T12:00:00-07:00",
        "2027-07-30T13:00:00-07:00",
    ),
    ("March 30, 2027 12:00 p.m. MST", PHX, "2027-03-30T12:00:00-07:00", None),
    ("July 30, 2027 12:00 p.m. MT", PHX, "2027-07-30T12:00:00-07:00", None),
    ("July 30, 2027 12:00 p.m. Mountain Time", PHX, "2027-07-30T12:00:00-07:00", None),
    ("July 30, 2027 12:00 p.m. MST", CHI, "2027-07-30T12:00:00-06:00", None),
    ("July 30, 2027 12:00 p.m. MST", DEN, "2027-07-30T12:00:00-06:00", None),
    ("July 30, 2027 12:00 p.m. Arizona time", DEN, "2027-07-30T12:00:00-07:00", None),
    ("July 30, 2027 12:00 p.m. EST", NY, "2027-07-30T12:00:00-04:00", None),
    (
        "July 30, 2027 12:00 p.m. ET",
        "America/Detroit",
        "2027-07-30T12:00:00-04:00",
        None,
    ),
    ("July 30, 2027 12:00 p.m. PT", PHX, "2027-07-30T12:00:00-07:00", None),
    ("January 30, 2027 12:00 p.m. PT", PHX, "2027-01-30T12:00:00-08:00", None),
    # ranges over midnight and many days
    (
        "Dec 31, 2026 11:00 pm - 1:00 am ET",
        NY,
        "2026-12-31T23:00:00-05:00",
        "2027-01-01T01:00:00-05:00",
    ),
    (
        "September 26-29, 2024, 8:00 am - 5:00 pm",
        LA,
        "2024-09-26T08:00:00-07:00",
        "2024-09-29T17:00:00-07:00",
    ),
    (
        "April 6, 2026 11 - 1 pm",
        NY,
        "2026-04-06T11:00:00-04:00",
        "2026-04-06T13:00:00-04:00",
    ),
    # multi-day ranges with times: the first day's start, the last day's end
    (
        "October 12, 2027 - October 13, 2027 8:30 am - 5:00 pm ET",
        CHI,
        "2027-10-12T08:30:00-04:00",
        "2027-10-13T17:00:00-04:00",
    ),
    (
        "3/18/2027 - 3/20/2027 8:00 AM - 5:00 PM CT",
        NY,
        "2027-03-18T08:00:00-05:00",
        "2027-03-20T17:00:00-05:00",
    ),
    (
        "Friday, July 16 to Sunday, July 18, 2027 9 am - 4 pm",
        NY,
        "2027-07-16T09:00:00-04:00",
        "2027-07-18T16:00:00-04:00",
    ),
    (
        "2027-10-12 through 2027-10-14, 9:00-17:00",
        DEN,
        "2027-10-12T09:00:00-06:00",
        "2027-10-14T17:00:00-06:00",
    ),
    (
        "October 12, 2027 @ 8:30 am - October 13, 2027 @ 5:00 pm",
        NY,
        "2027-10-12T08:30:00-04:00",
        "2027-10-13T17:00:00-04:00",
    ),
    (
        "Oct 31, 2027 @ 6:00 pm – Nov 1 @ 2:00 am PT",
        NY,
        "2027-10-31T18:00:00-07:00",
        "2027-11-01T02:00:00-07:00",
    ),
    # dates without a time: all day, midnight to midnight, in the default zone
    (
        "December 10, 2026",
        NY,
        "2026-12-10T00:00:00-05:00",
        "2026-12-11T00:00:00-05:00",
    ),
    ("March 4, 2027", CHI, "2027-03-04T00:00:00-06:00", "2027-03-05T00:00:00-06:00"),
    ("2027-06-01", LA, "2027-06-01T00:00:00-07:00", "2027-06-02T00:00:00-07:00"),
    (
        "July 15 – 17, 2027 | Tulsa, OK",
        CHI,
        "2027-07-15T00:00:00-05:00",
        "2027-07-18T00:00:00-05:00",
    ),
    (
        "Thursday, September 23, 2027 – Sunday, September 26, 2027",
        NY,
        "2027-09-23T00:00:00-04:00",
        "2027-09-27T00:00:00-04:00",
    ),
    (
        "September 26-29, 2024",
        LA,
        "2024-09-26T00:00:00-07:00",
        "2024-09-30T00:00:00-07:00",
    ),
    (
        "15-17 July 2027",
        NY,
        "2027-07-15T00:00:00-04:00",
        "2027-07-18T00:00:00-04:00",
    ),
    (
        "September 30 through October 2, 2027",
        NY,
        "2027-09-30T00:00:00-04:00",
        "2027-10-03T00:00:00-04:00",
    ),
    (
        "Dec 30 – Jan 2, 2027",
        NY,
        "2026-12-30T00:00:00-05:00",
        "2027-01-03T00:00:00-05:00",
    ),
    (
        "3/18/2027 to 3/20/2027",
        PHX,
        "2027-03-18T00:00:00-07:00",
        "2027-03-21T00:00:00-07:00",
    ),
    # a state after a bare date is not a clock zone: "CT" is Connecticut here
    (
        "May 6, 2027, Hartford, CT",
        NY,
        "2027-05-06T00:00:00-04:00",
        "2027-05-07T00:00:00-04:00",
    ),
    # iCalendar DTSTART values
    ("20261210T180000Z", NY, "2026-12-10T18:00:00+00:00", None),
    ("20261210T130000", CHI, "2026-12-10T13:00:00-06:00", None),
    # a Unix timestamp (Lawline API date_timestamp)
    ("1781110800", NY, "2026-06-10T13:00:00-04:00", None),
    # nothing guessed
    ("March 29 · 12:00 PM ET", NY, None, None),
    ("March 29 - 31", NY, None, None),
    ("Thursday, September 23 – Sunday, September 26", NY, None, None),
    ("1:00 PM ET", NY, None, None),
    ("TBA", NY, None, None),
    ("", NY, None, None),
    ("February 30, 2026 1:00 PM", NY, None, None),
]


@pytest.mark.parametrize("text,zone,starts,ends", CASES)
def test_parses_date_wording(text, zone, starts, ends):
    result = parse_when(text, zone)
    assert (result.get("starts_at"), result.get("ends_at")) == (starts, ends)


@pytest.mark.parametrize("text,zone,starts,ends", CASES)
def test_instants_are_aware_iso_with_seconds(text, zone, starts, ends):
    for value in parse_when(text, zone).values():
        if value in ("on_demand", "self_study", "live_webinar", "in_person", "hybrid"):
            continue
        parsed = datetime.fromisoformat(value)
        assert parsed.tzinfo is not None and len(value) == 25


@pytest.mark.parametrize(
    "text,fmt",
    [
        ("Recorded June 23, 2025", "on_demand"),
        ("On demand", "on_demand"),
        ("Available anytime (self-study)", "self_study"),
    ],
)
def test_unscheduled_wording_gives_a_format_and_no_start(text, fmt):
    assert parse_when(text, NY) == {"format": fmt}


def test_a_live_session_with_a_replay_keeps_its_start():
    # the replay after the session is not the listing's format: it is live
    result = parse_when("Live webinar Dec 3, 2026, 1 PM ET; on-demand replay after", NY)
    assert result == {
        "format": "live_webinar",
        "starts_at": "2026-12-03T13:00:00-05:00",
    }


def test_a_recording_date_with_a_time_is_not_a_start():
    result = parse_when("Recorded live on June 3, 2025 at 1 PM ET", NY)
    assert result == {"format": "on_demand"}


def test_live_wording_gives_a_format_and_a_start():
    result = parse_when("Live Webinar: Dec 10, 2026, 1 PM ET", CHI)
    assert result == {
        "format": "live_webinar",
        "starts_at": "2026-12-10T13:00:00-05:00",
    }


@pytest.mark.parametrize(
    "reference,expected",
    [
        (date(2026, 3, 1), "2026-03-29T12:00:00-04:00"),
        (date(2026, 3, 29), "2026-03-29T12:00:00-04:00"),
        (date(2026, 11, 27), "2027-03-29T12:00:00-04:00"),
    ],
)
def test_a_reference_date_places_a_date_without_year(reference, expected):
    result = parse_when("March 29 · 12:00 PM ET", NY, reference=reference)
    assert result["starts_at"] == expected


def test_an_unknown_default_zone_falls_back_to_eastern():
    result = parse_when("Dec 10, 2026 1:00 PM", "Not/AZone")
    assert result["starts_at"] == "2026-12-10T13:00:00-05:00"


@pytest.mark.parametrize(
    "text,reference,expected",
    [
        (
            "Dec 30 – Jan 2",
            date(2026, 11, 27),
            ("2026-12-30T00:00:00-05:00", "2027-01-03T00:00:00-05:00"),
        ),
        (
            "October 12 @ 8:30 am - October 13 @ 5:00 pm",
            date(2027, 10, 12),
            ("2027-10-12T08:30:00-04:00", "2027-10-13T17:00:00-04:00"),
        ),
        (
            "March 29",
            date(2026, 11, 27),
            ("2027-03-29T00:00:00-04:00", "2027-03-30T00:00:00-04:00"),
        ),
    ],
)
def test_a_reference_date_places_a_range_without_year(text, reference, expected):
    result = parse_when(text, NY, reference=reference)
    assert (result["starts_at"], result["ends_at"]) == expected


# A year written before the day range, "between … and …" (issue 12); our own.
@pytest.mark.parametrize(
    "text,starts,ends",
    [
        (
            "2026, December 3-4",
            "2026-12-03T00:00:00-06:00",
            "2026-12-05T00:00:00-06:00",
        ),
        ("2026 Dec 3\u20134", "2026-12-03T00:00:00-06:00", "2026-12-05T00:00:00-06:00"),
        ("2026 Dec 3, 1:00 PM ET", "2026-12-03T13:00:00-05:00", None),
        (
            "2026 December 3 \u2013 4, 9:00 am - 5:00 pm",
            "2026-12-03T09:00:00-06:00",
            "2026-12-04T17:00:00-06:00",
        ),
        ("In 2026 we met again; December 3 was the day", None, None),
        (
            "Between March 1, 2026 and March 3, 2026",
            "2026-03-01T00:00:00-06:00",
            "2026-03-04T00:00:00-06:00",
        ),
    ],
)
def test_a_year_before_the_days_and_between_ranges(text, starts, ends):
    result = parse_when(text, CHI)
    assert (result.get("starts_at"), result.get("ends_at")) == (starts, ends)
