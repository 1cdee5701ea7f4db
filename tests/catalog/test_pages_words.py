"""The catalog pages' wording of a listing (catalog/listing_text.py), table-tested."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from catalog.listing_text import (
    credit_words,
    format_label,
    price_words,
    when_ranges,
    when_words,
)


@pytest.mark.parametrize(
    "price,member,expected",
    [
        (0, None, "Free"),
        (0, 0, "Free"),
        (55, 35, "$35 members · $55"),
        (25, 0, "Free for members · $25"),
        (49.5, None, "$49.50"),
        (1200, None, "$1,200"),
        (None, None, "Price not stated"),
        (None, 30, "$30 members · public price not stated"),
        (40, 40, "$40"),
    ],
)
def test_price_in_words(price, member, expected):
    assert price_words(price, member) == expected


@pytest.mark.parametrize(
    "row,expected",
    [
        ({"total_hours": 1.5, "ethics_hours": 0.5, "general_hours": 1.0},
         "1.5 h, incl. 0.5 ethics"),
        ({"total_hours": 1.0, "ethics_hours": 1.0}, "1 h ethics"),
        ({"total_hours": 2.0, "general_hours": 2.0}, "2 h general"),
        ({"total_hours": 3.0, "ethics_hours": 1.0, "specialized_hours": 2.0},
         "3 h, incl. 1 ethics, 2 specialized"),
        ({"total_hours": 1.0, "general_hours": 1.0, "credit_status": "pending"},
         "1 h general (approval pending)"),
        ({"total_hours": None, "credit_status": "unknown"},
         "Credit hours not stated (approval not stated)"),
        ({"total_hours": 1.0, "general_hours": 1.0, "credit_status": "none"},
         "No CLE credit"),
        ({"total_hours": 1.0}, "1 h"),
    ],
)  # fmt: skip
def test_credits_in_words(row, expected):
    assert credit_words(row) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("live_webinar", "Live webinar"),
        ("on_demand", "On demand"),
        ("self_study", "Self-study"),
        ("brand_new_format", "brand new format"),
        (None, "Format not stated"),
    ],
)
def test_format_in_words(value, expected):
    assert format_label(value) == expected


@pytest.mark.parametrize(
    "row,expected",
    [
        (
            {"starts_at": "2026-12-03T12:00:00-06:00",
             "ends_at": "2026-12-03T13:30:00-06:00", "timezone": "America/Chicago"},
            "Thu Dec 3, 2026, 12:00–1:30 PM CST",
        ),
        (
            {"starts_at": "2026-12-03T20:00:00Z", "timezone": "America/Los_Angeles"},
            "Thu Dec 3, 2026, 12:00 PM PST",
        ),
        ({"format": "on_demand"}, "On demand (any time)"),
        ({"format": "live_webinar"}, "Date not stated"),
    ],
)  # fmt: skip
def test_when_in_the_listings_zone(row, expected):
    assert when_words(row) == expected


def test_date_spans_follow_the_calendar_in_the_zone():
    # Tue Dec 1, 2026, 09:30 UTC = 03:30 in Chicago
    spans = when_ranges(datetime(2026, 12, 1, 9, 30, tzinfo=UTC), "America/Chicago")
    assert spans["this_week"] == ("2026-12-01T09:30:00Z", "2026-12-07T06:00:00Z")
    assert spans["this_month"] == ("2026-12-01T09:30:00Z", "2027-01-01T06:00:00Z")
    assert spans["next_month"] == ("2027-01-01T06:00:00Z", "2027-02-01T06:00:00Z")
    assert spans["later"][0] == "2027-02-01T06:00:00Z"
    assert spans["past"] == ("", "2026-12-01T09:30:00Z")
    low, high = spans["on_demand"]
    assert low <= "on demand" < high
    assert not low <= "2027-05-01T00:00:00Z" < high


def test_the_week_and_month_are_read_in_the_given_zone():
    # Dec 31, 23:30 UTC is still Dec 31 in Los Angeles: next month is January
    spans = when_ranges(
        datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "America/Los_Angeles"
    )
    assert spans["this_month"][1] == "2027-01-01T08:00:00Z"
    assert spans["this_week"][1] == "2027-01-04T08:00:00Z"
    assert spans["next_month"] == ("2027-01-01T08:00:00Z", "2027-02-01T08:00:00Z")
