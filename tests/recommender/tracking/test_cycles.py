"""Cycle placement at the edges: first and last day, leap years, the deadline itself."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recommender.tracking.cycles import Cycle, add_years, fixed_cycle, rolling_cycle

D = date.fromisoformat
CA_ANCHOR = D("2007-01-01")  # California's biennium (B&P 6450(d))
TX_ANCHOR = D("2000-06-01")  # Texas Paralegal Division membership year


@pytest.mark.parametrize(
    "anchor,years,as_of,start,end",
    [
        # California: fixed biennium counted from 2007-01-01
        (CA_ANCHOR, 2, "2025-01-01", "2025-01-01", "2026-12-31"),  # first day
        (CA_ANCHOR, 2, "2026-12-31", "2025-01-01", "2026-12-31"),  # last day
        (CA_ANCHOR, 2, "2027-01-01", "2027-01-01", "2028-12-31"),  # day after
        (CA_ANCHOR, 2, "2025-12-31", "2025-01-01", "2026-12-31"),  # odd year end
        (CA_ANCHOR, 2, "2007-01-01", "2007-01-01", "2008-12-31"),  # the anchor
        (CA_ANCHOR, 2, "2006-12-31", "2005-01-01", "2006-12-31"),  # before anchor
        (CA_ANCHOR, 2, "2024-02-29", "2023-01-01", "2024-12-31"),  # leap day
        # Texas Paralegal Division: June 1 to May 31
        (TX_ANCHOR, 1, "2026-05-31", "2025-06-01", "2026-05-31"),  # deadline
        (TX_ANCHOR, 1, "2026-06-01", "2026-06-01", "2027-05-31"),  # new year
        (TX_ANCHOR, 1, "2028-02-29", "2027-06-01", "2028-05-31"),  # leap day
        (TX_ANCHOR, 1, "2026-01-15", "2025-06-01", "2026-05-31"),  # mid-year
        # Kentucky: calendar year
        (D("2000-01-01"), 1, "2026-12-31", "2026-01-01", "2026-12-31"),
    ],
)
def test_fixed_cycle(anchor, years, as_of, start, end):
    assert fixed_cycle(anchor, years, D(as_of)) == Cycle(D(start), D(end))


@pytest.mark.parametrize(
    "cycle_ends,years,as_of,start,end",
    [
        # NALA CP: five years to the recertification date
        ("2028-03-31", 5, "2028-03-31", "2023-04-01", "2028-03-31"),  # on deadline
        ("2028-03-31", 5, "2023-04-01", "2023-04-01", "2028-03-31"),  # first day
        ("2028-03-31", 5, "2023-03-31", "2018-04-01", "2023-03-31"),  # day before
        ("2028-03-31", 5, "2028-04-01", "2028-04-01", "2033-03-31"),  # passed
        # NFPA RP: two years to the exam anniversary, exam taken on February 29
        ("2028-02-29", 2, "2028-02-29", "2026-03-01", "2028-02-29"),
        ("2028-02-29", 2, "2026-02-28", "2024-03-01", "2026-02-28"),
        ("2028-02-29", 2, "2028-03-01", "2028-03-01", "2030-02-28"),
        ("2028-02-29", 2, "2025-01-10", "2024-03-01", "2026-02-28"),
        # deadline on December 31 of a leap year
        ("2024-12-31", 2, "2024-12-31", "2023-01-01", "2024-12-31"),
    ],
)
def test_rolling_cycle(cycle_ends, years, as_of, start, end):
    assert rolling_cycle(D(cycle_ends), years, D(as_of)) == Cycle(D(start), D(end))


@pytest.mark.parametrize(
    "day,years,expected",
    [
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2024-02-29", -1, "2023-02-28"),
        ("2026-11-27", 2, "2028-11-27"),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(D(day), years) == D(expected)


def test_days_left_is_zero_on_the_deadline():
    cycle = Cycle(D("2025-01-01"), D("2026-12-31"))
    assert cycle.days_left(D("2026-12-31")) == 0
    assert cycle.days_left(D("2026-11-27")) == 34


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


@given(anchor_month=st.integers(1, 12), years=st.integers(1, 5), as_of=days)
def test_fixed_cycles_contain_the_date_and_chain(anchor_month, years, as_of):
    cycle = fixed_cycle(date(2007, anchor_month, 1), years, as_of)
    assert cycle.contains(as_of)
    assert cycle.end + timedelta(days=1) == add_years(cycle.start, years)
    after = fixed_cycle(date(2007, anchor_month, 1), years, cycle.end + timedelta(1))
    assert after.start == cycle.end + timedelta(days=1)


@given(cycle_ends=days, years=st.integers(1, 5), as_of=days)
def test_rolling_cycles_contain_the_date_and_chain(cycle_ends, years, as_of):
    cycle = rolling_cycle(cycle_ends, years, as_of)
    assert cycle.contains(as_of)
    assert (cycle.end - cycle.start).days + 1 in range(365 * years, 366 * years + 2)
    following = rolling_cycle(cycle_ends, years, cycle.end + timedelta(days=1))
    assert following.start == cycle.end + timedelta(days=1)
    assert rolling_cycle(cycle_ends, years, cycle_ends).end == cycle_ends
