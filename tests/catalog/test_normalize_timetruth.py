"""A listing's timezone agrees with its instants (catalog/normalize/timetruth.py).

US daylight saving 2026: from March 8 to November 1.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.normalize import clock_zone, normalize_record, read_when, settle_zone
from catalog.records import prepare
from catalog.timefmt import format_when, to_zone

NY, CHI, DEN = "America/New_York", "America/Chicago", "America/Denver"
LA, PHX = "America/Los_Angeles", "America/Phoenix"

# record in, fields expected after normalizing (others unchanged)
CASES = [
    # the zone the page states wins over the provider's default, everywhere
    (
        {"when_text": "Thursday, December 3, 2026 · 11:00 AM ET", "timezone": LA},
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": NY},
    ),
    (
        {"when_text": "July 1, 2026, 5 p.m. CT", "timezone": NY},
        {"starts_at": "2026-07-01T17:00:00-05:00", "timezone": CHI},
    ),
    (
        {"when_text": "Dec 3, 2026 1:00 PM Pacific", "timezone": NY},
        {"starts_at": "2026-12-03T13:00:00-08:00", "timezone": LA},
    ),
    (
        {"when_text": "Dec 3, 2026 1:00 PM UTC-5", "timezone": LA},
        {"starts_at": "2026-12-03T13:00:00-05:00", "timezone": "Etc/GMT+5"},
    ),
    # "MST" from an Arizona provider stays Arizona in July
    (
        {"when_text": "July 8, 2026 9:00 AM MST", "timezone": PHX},
        {"starts_at": "2026-07-08T09:00:00-07:00", "timezone": PHX},
    ),
    # a structured start with the provider's zone on the page's clock: the
    # clock was right, the zone wrong
    (
        {
            "when_text": "11:00 am - 12:30 pm ET",
            "starts_at": "2026-12-03T11:00:00-08:00",
            "ends_at": "2026-12-03T12:30:00-08:00",
            "timezone": LA,
        },
        {
            "starts_at": "2026-12-03T11:00:00-05:00",
            "ends_at": "2026-12-03T12:30:00-05:00",
            "timezone": NY,
        },
    ),
    # … a structured start whose clock is not the page's: the instant is kept
    (
        {
            "when_text": "2:00 pm ET",
            "starts_at": "2026-12-03T11:00:00-08:00",
            "timezone": LA,
        },
        {"starts_at": "2026-12-03T14:00:00-05:00", "timezone": NY},
    ),
    # nothing stated: the instant is kept, the one US zone with its offset
    (
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": LA},
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": NY},
    ),
    (
        {"starts_at": "2026-07-03T11:00:00-06:00", "timezone": NY},
        {"starts_at": "2026-07-03T11:00:00-06:00", "timezone": DEN},
    ),
    # … machine time in UTC is written in the listing's zone
    (
        {"starts_at": "2026-07-03T18:00:00Z", "timezone": NY},
        {"starts_at": "2026-07-03T14:00:00-04:00", "timezone": NY},
    ),
    # … a clock skipped the spring night, written with the winter offset
    (
        {"starts_at": "2026-03-08T02:30:00-08:00", "timezone": LA},
        {"starts_at": "2026-03-08T03:30:00-07:00", "timezone": LA},
    ),
    (
        {"when_text": "Mar 8, 2026 2:30 AM Pacific", "timezone": NY},
        {"starts_at": "2026-03-08T03:30:00-07:00", "timezone": LA},
    ),
    # … several US zones fit -07:00 in July: the fixed offset (and a warning)
    (
        {"starts_at": "2026-07-03T11:00:00-07:00", "timezone": NY},
        {"starts_at": "2026-07-03T11:00:00-07:00", "timezone": "Etc/GMT+7"},
    ),
    # agreeing records are left alone
    (
        {"starts_at": "2026-12-03T11:00:00-06:00", "timezone": CHI},
        {"starts_at": "2026-12-03T11:00:00-06:00", "timezone": CHI},
    ),
    (
        {
            "when_text": "Hartford, CT, December 3, 2026",
            "starts_at": "2026-12-03T00:00:00-05:00",
            "ends_at": "2026-12-04T00:00:00-05:00",
            "timezone": NY,
        },
        {"starts_at": "2026-12-03T00:00:00-05:00", "timezone": NY},
    ),
    # no timezone and nothing stated: nothing to agree with
    (
        {"starts_at": "2026-12-03T11:00:00-05:00"},
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": None},
    ),
    # a zone name that is not one: left as written (shown marked by timefmt)
    (
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": "Eastern"},
        {"starts_at": "2026-12-03T11:00:00-05:00", "timezone": "Eastern"},
    ),
]


@pytest.mark.parametrize(("record", "expected"), CASES)
def test_timezone_follows_the_stated_zone_and_the_offsets(record, expected):
    after = normalize_record(dict(record))
    for field, value in expected.items():
        assert after.get(field) == value, field


def test_an_undecidable_zone_is_flagged():
    said = []
    settle_zone({"starts_at": "2026-07-03T11:00:00-07:00", "timezone": NY}, said.append)
    assert len(said) == 1
    assert "America/Phoenix and America/Los_Angeles" in said[0]
    settle_zone({"starts_at": "2026-12-03T11:00:00-05:00", "timezone": LA}, said.append)
    assert len(said) == 1  # one US zone fits: decided, not flagged


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Dec 3, 2026, 11:00 AM ET", NY),
        ("11:00 am - 12:30 pm CT", CHI),
        ("Hartford, CT", None),
        ("Dec 3, 2026, 11:00 AM", None),
        ("December 3, 2026", None),
    ],
)
def test_clock_zone(text, zone):
    day = datetime(2026, 12, 3).date()
    assert clock_zone(text, LA, day) == zone


def test_read_when_names_the_zone_stated():
    assert read_when("Dec 3, 2026, 11:00 AM ET", LA)["zone"] == NY
    assert "zone" not in read_when("Dec 3, 2026, 11:00 AM", LA)


_WHEN = st.sampled_from(
    [
        None,
        "Dec 3, 2026, 11:00 AM ET",
        "July 8, 2026 9:00 AM MST",
        "1:00 - 2:00 pm CT",
        "Nov 1, 2026 1:30 AM EST",
        "Mar 8, 2026 2:30 AM Pacific",
        "June 3, 2026 noon UTC+5:30",
        "December 3, 2026",
        "Hartford, CT",
        "On demand",
    ]
)
_STARTS = st.one_of(
    st.none(),
    st.datetimes(
        min_value=datetime(2025, 1, 1),
        max_value=datetime(2027, 12, 31),
        timezones=st.sampled_from(
            [to_zone("2026-01-01T00:00:00Z", z).tzinfo for z in (NY, CHI, LA, PHX)]
            + [to_zone("2026-01-01T00:00:00Z", "UTC").tzinfo]
        ),
    ).map(lambda moment: moment.replace(microsecond=0).isoformat()),
)
_ZONES = st.sampled_from(
    [None, NY, CHI, DEN, PHX, LA, "Pacific/Honolulu", "UTC", "UTC-07:00", "Etc/GMT+5"]
)


@settings(max_examples=400, deadline=None)
@given(_WHEN, _STARTS, _ZONES)
def test_every_instant_has_the_offset_of_the_listing_zone(when, starts, zone):
    record = {
        key: value
        for key, value in (
            ("when_text", when),
            ("starts_at", starts),
            ("timezone", zone),
        )
        if value is not None
    }
    after = normalize_record(record)
    if after.get("starts_at") and after.get("timezone"):
        for field in ("starts_at", "ends_at"):
            if after.get(field):
                written = datetime.fromisoformat(after[field]).utcoffset()
                assert to_zone(after[field], after["timezone"]).utcoffset() == written
        if starts:  # the instant may be rewritten, never moved, unless the
            # page's clock showed its zone was wrong
            moved = datetime.fromisoformat(
                after["starts_at"]
            ) != datetime.fromisoformat(starts)
            assert not moved or when is not None


def test_a_california_reader_sees_an_eastern_session_at_its_own_time():
    # issue 12: the page said ET, the provider's default is Pacific
    record = normalize_record(
        {"when_text": "Thursday, December 3, 2026, 11:00 AM ET", "timezone": LA}
    )
    assert record["timezone"] == NY
    assert format_when(record["starts_at"], LA) == "Thu Dec 3, 2026, 8:00 AM PST"
    assert format_when(record["starts_at"], record["timezone"]).endswith("11:00 AM EST")


def test_import_reports_an_undecidable_zone_on_the_record():
    said = []
    record = prepare(
        {
            "id": "acme:1",
            "provider": "acme",
            "title": "Summer session",
            "url": "https://acme.example.org/1",
            "starts_at": "2026-07-03T11:00:00-07:00",
            "timezone": NY,
        },
        said.append,
    )
    assert record["timezone"] == "Etc/GMT+7"
    assert [line for line in said if line.startswith("field 'timezone'")]
