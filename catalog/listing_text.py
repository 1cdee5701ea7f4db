"""A listing's facts in the words a paralegal reads on the catalog's pages.

Pure functions over ``courses`` column values (no markup: the pages escape
what these return). A fact the listing does not state is said to be unknown,
never shown as 0 or "free": "Price not stated", "Credit hours not stated".
Times come from :mod:`catalog.timefmt`, in the listing's own zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from catalog.schema import CREDIT_CATEGORIES
from catalog.timefmt import format_range

FORMAT_LABELS = {
    "live_webinar": "Live webinar",
    "on_demand": "On demand",
    "in_person": "In person",
    "hybrid": "Hybrid (online or in person)",
    "self_study": "Self-study",
}
FREE_LABELS = {1: "Free", 0: "Paid"}
STATUS_LABELS = {
    "active": "Listed",
    "withdrawn": "Withdrawn (no longer listed)",
    "cancelled": "Cancelled",
}
CREDIT_STATUS_NOTES = {
    "pending": "approval pending",
    "unknown": "approval not stated",
}
#: Labels of the date facet, in the order they are shown.
WHEN_LABELS = {
    "this_week": "This week",
    "this_month": "This month",
    "next_month": "Next month",
    "later": "Later",
    "on_demand": "On demand (any time)",
    "past": "Past sessions",
}
#: The value ``listing_order`` holds for a listing without a start.
UNDATED = "on demand"


def format_label(value: str | None) -> str:
    """ "Live webinar" for ``live_webinar``; an unknown value as written."""
    if not value:
        return "Format not stated"
    return FORMAT_LABELS.get(value, value.replace("_", " "))


def dollars(amount: float) -> str:
    """ "$35" or "$49.50"."""
    if float(amount).is_integer():
        return f"${amount:,.0f}"
    return f"${amount:,.2f}"


def price_words(price_usd: float | None, member_price_usd: float | None) -> str:
    """ "Free", "$55", "$35 members · $55"; "Price not stated" when unknown."""
    if price_usd == 0:
        return "Free"
    public = dollars(price_usd) if price_usd is not None else None
    if member_price_usd is None or member_price_usd == price_usd:
        return public or "Price not stated"
    member = (
        "Free for members"
        if member_price_usd == 0
        else (f"{dollars(member_price_usd)} members")
    )
    return f"{member} · {public or 'public price not stated'}"


def _hours(value: float) -> str:
    return f"{value:g}"


def credit_words(row: Mapping) -> str:
    """ "1.5 h, incl. 0.5 ethics", "1 h ethics", "No CLE credit", ...

    :param row: a ``courses`` row (total_hours, <category>_hours, credit_status)
    """
    status = row.get("credit_status")
    if status == "none":
        return "No CLE credit"
    total = row.get("total_hours")
    if total is None:
        text = "Credit hours not stated"
    else:
        parts = {
            c: row.get(f"{c}_hours") for c in CREDIT_CATEGORIES if row.get(f"{c}_hours")
        }
        if len(parts) == 1 and next(iter(parts.values())) == total:
            text = f"{_hours(total)} h {next(iter(parts))}"
        else:
            named = [f"{_hours(h)} {c}" for c, h in parts.items() if c != "general"]
            text = f"{_hours(total)} h"
            if named:
                text += ", incl. " + ", ".join(named)
    note = CREDIT_STATUS_NOTES.get(status)
    return f"{text} ({note})" if note else text


def when_words(row: Mapping) -> str:
    """When the listing runs, in its own zone: "Thu Dec 10, 2026, 1:00–2:00 PM EST".

    An undated listing reads "On demand (any time)" or, for a dated format
    without a date, "Date not stated".
    """
    starts = row.get("starts_at")
    if not starts:
        if row.get("format") in ("on_demand", "self_study"):
            return WHEN_LABELS["on_demand"]
        return "Date not stated"
    zone = row.get("timezone") or "UTC"
    return format_range(starts, row.get("ends_at"), zone, naive_zone=zone)


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _first_of_next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def when_ranges(now: datetime, zone: str) -> dict[str, tuple[str, str]]:
    """``listing_order`` ranges [low, high) of each date-facet value.

    "This week" runs to the end of Sunday, "This month" to the end of the
    month, both in ``zone`` and from ``now``; "Next month" is the calendar
    month after; "Later" is after next month; "On demand" is the undated
    listings; "Past" is before ``now``.

    :param now: an aware datetime
    :param zone: the IANA zone the week and month are read in
    """
    local = now.astimezone(ZoneInfo(zone))
    today = local.date()
    week_end = today + timedelta(days=7 - today.weekday())
    first_next = _first_of_next_month(today)
    first_after = _first_of_next_month(first_next)

    def midnight(day: date) -> str:
        return _utc_text(datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)))

    start = _utc_text(now)
    return {
        "this_week": (start, midnight(week_end)),
        "this_month": (start, midnight(first_next)),
        "next_month": (midnight(first_next), midnight(first_after)),
        "later": (midnight(first_after), UNDATED),
        "on_demand": (UNDATED, UNDATED + "\x00"),
        "past": ("", start),
    }
