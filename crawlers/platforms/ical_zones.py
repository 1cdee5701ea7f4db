"""Time zones of iCalendar feeds: the library's lookup, and IANA names for listings.

A listing's ``timezone`` must be an IANA name agreeing with the offsets of its
instants. A zone defined only by the file's VTIMEZONE (Outlook's "GMT +0100
(Standard) / GMT +0200 (Daylight)") has no such name, so the name of an IANA
zone with the same offsets all year is used.
"""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

#: Errors the library raises for a malformed component, value or zone.
BAD_VALUE = (ValueError, TypeError, KeyError, AttributeError, OverflowError)


def zone_or(name: str | None, default: str) -> ZoneInfo:
    """The IANA zone ``name``, or ``default`` when absent or not an IANA name."""
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def lookup_zone(name: str | None) -> tzinfo | None:
    """A zone for an IANA, Windows or vendor-prefixed name (the library's lookup)."""
    if not name or not str(name).strip():
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tzp.timezone(str(name).strip())
        except BAD_VALUE:
            return None


def _offsets(zone: tzinfo, year: int) -> tuple:
    """UTC offsets of ``zone`` on the 1st and 15th of every month of ``year``."""
    moments = (
        datetime(year, m, d, 12, tzinfo=UTC) for m in range(1, 13) for d in (1, 15)
    )
    return tuple(moment.astimezone(zone).utcoffset() for moment in moments)


def _same_offsets(name: str, year: int, wanted: tuple) -> bool:
    """True when the IANA zone ``name`` exists and has the ``wanted`` offsets."""
    try:
        return _offsets(ZoneInfo(name), year) == wanted
    except (ZoneInfoNotFoundError, ValueError):
        return False


@lru_cache(maxsize=256)
def iana_name(zone: tzinfo, year: int, preferred: tuple[str, ...] = ()) -> str:
    """An IANA name whose offsets agree with ``zone`` all through ``year``.

    Tried in order: ``zone``'s own key, ``preferred`` names, the zones of the
    Windows-to-IANA table (one per region), then every IANA zone; a zone with
    no match is named by its fixed offset (``Etc/GMT+5``) or, failing that, UTC.
    """
    key = getattr(zone, "key", None)
    if key:
        return key
    wanted = _offsets(zone, year)
    rest = sorted(n for n in available_timezones() if "/" in n)
    for name in (*preferred, *WINDOWS_TO_OLSON.values(), *rest):
        if name and _same_offsets(name, year, wanted):
            return name
    hours = wanted[0].total_seconds() / 3600
    if len(set(wanted)) == 1 and hours.is_integer() and hours:
        return f"Etc/GMT{-int(hours):+d}"
    return "UTC"


def is_utc(moment: datetime) -> bool:
    """True for a UTC instant (``Z``), whose display zone is the calendar's."""
    return moment.utcoffset() == timedelta(0) and moment.tzname() in ("UTC", "Z", None)


def listing_zone(event: dict, default_tz: str) -> str:
    """The IANA name of the zone an event is shown in, agreeing with its offsets.

    A time with a zone keeps it; a UTC time and an all-day date take the
    calendar's zone (``X-WR-TIMEZONE``, else the provider's).
    """
    start = event["dtstart"]
    zone = event["calendar_zone"]
    if isinstance(start, datetime) and not is_utc(start):
        zone = start.tzinfo
    preferred = (*names_in(event.get("tzid")), default_tz)
    name = iana_name(zone, start.year, preferred)
    if name == "UTC" and isinstance(start, datetime) and not is_utc(start):
        # a file's own zone like no IANA zone: the fixed offset of its start
        hours = start.utcoffset().total_seconds() / 3600
        if hours.is_integer() and -12 <= hours <= 14:
            return f"Etc/GMT{-int(hours):+d}"
    return name


def names_in(tzid: str | None) -> tuple[str, ...]:
    """IANA names a TZID points to: its Windows table entry ("W. Europe Standard
    Time" → Europe/Berlin), or the trailing parts of a vendor-prefixed id.

    Outlook writes a Windows name together with its own VTIMEZONE, which the
    library reads first: these names let the listing keep the usual IANA name.
    """
    if not tzid:
        return ()
    cleaned = str(tzid).strip("/")
    parts = cleaned.split("/")
    suffixes = ("/".join(parts[start:]) for start in range(1, len(parts)))
    return tuple(n for n in (WINDOWS_TO_OLSON.get(cleaned), *suffixes) if n)
