"""Times shown to a paralegal: an ISO 8601 instant in a reader's IANA zone.

Every place that shows a time to a person (CLI text, Datasette pages, the
human text of feeds) uses these functions, so a time always carries its zone
abbreviation: "Thu Dec 3, 2026, 8:00 AM PST".

How values are shown (choices documented here, tested in
``tests/catalog/test_timefmt.py``):

- An instant with an offset ("2026-12-03T11:00:00-05:00", "...Z") is converted
  to the reader's zone; the abbreviation is the zone's own for that date
  ("PST"/"PDT", "MST" all year in ``America/Phoenix``; zones without a letter
  abbreviation show their offset, "+0530").
- A date without a time ("2026-12-03") is a date: shown without a time and not
  converted, as an all-day event is the same day everywhere. A range from
  midnight to a later midnight in the offset it was written in (the catalog's
  all-day form, see ``catalog/normalize/dates.py``) is shown as its dates.
- An instant without an offset ("2026-12-03T08:00:00") says nothing about its
  zone: it is read in ``naive_zone`` when the caller knows it (the listing's
  ``timezone``); otherwise the clock is shown as written with the marker
  "(time zone not stated)" and no abbreviation is invented.
- A fixed-offset label ("UTC-07:00", what a listing carries when no IANA
  zone fits) is that offset, shown by its label.
- A zone name that is not an IANA zone never raises: the time is shown in the
  offset it was written in, followed by the marker "(unknown time zone
  'Name')", so a wrong profile setting is visible, not silent.
- Text that is not an ISO date or instant is shown as written, marked
  "(unreadable time)"; the ``format_*`` functions never raise.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip
_DASH = "\u2013"
NOT_STATED = "(time zone not stated)"
UNREADABLE = "(unreadable time)"


#: A fixed-offset label a listing carries when no IANA name fits: "UTC-07:00".
_OFFSET_LABEL = re.compile(r"^(?:UTC|GMT)([+-])(\d{1,2})(?::?(\d{2}))?$")


def _zone(name: str | None) -> tzinfo | None:
    """The IANA zone of that name (or a "UTC-07:00" label), else None."""
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except Exception:  # ValueError, ZoneInfoNotFoundError, IsADirectoryError …
        pass
    label = _OFFSET_LABEL.match(name.strip())
    if not label:
        return None
    offset = timedelta(hours=int(label[2]), minutes=int(label[3] or 0))
    if offset > timedelta(hours=14):
        return None
    return timezone(-offset if label[1] == "-" else offset, name.strip())


def _unknown_zone(name: object) -> str:
    return f"(unknown time zone {str(name)!r})"


def _parse(iso_instant: str) -> datetime | date:
    """An ISO date (a ``date``) or instant (a ``datetime``, maybe naive)."""
    text = iso_instant.strip()
    if "T" not in text and " " not in text and len(text) <= 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def to_zone(iso_instant: str, zone: str, *, naive_zone: str | None = None) -> datetime:
    """The instant as an aware datetime in ``zone``.

    :param iso_instant: ISO 8601, e.g. "2026-12-03T11:00:00-05:00"; a date alone
        is midnight that day
    :param zone: IANA name; when it is not one, the instant keeps the offset it
        was written in
    :param naive_zone: zone a value without an offset is read in (default:
        ``zone`` itself, then UTC)
    :raises ValueError: when ``iso_instant`` is not ISO 8601
    """
    value = _parse(iso_instant)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0))
    target = _zone(zone)
    if value.tzinfo is None:
        value = value.replace(tzinfo=_zone(naive_zone) or target or UTC)
    return value.astimezone(target) if target is not None else value


def _abbreviation(moment: datetime) -> str:
    name = moment.tzname() or ""
    if name[:1] in "+-" or not name:  # "+0530" style: zoneinfo writes "+0530"
        offset = moment.utcoffset() or timedelta(0)
        sign = "-" if offset < timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    return name


def _day(value: date) -> str:
    return f"{_WEEKDAYS[value.weekday()]} {_MONTHS[value.month - 1]} {value.day}"


def _date_text(value: date) -> str:
    return f"{_day(value)}, {value.year}"


def _clock(moment: datetime, *, meridiem: bool = True) -> str:
    hour = moment.hour % 12 or 12
    text = f"{hour}:{moment.minute:02d}"
    return f"{text} {'AM' if moment.hour < 12 else 'PM'}" if meridiem else text


class _Shown:
    """One value made ready to show: its moment, label and marker."""

    def __init__(self, text: str, zone: str, naive_zone: str | None) -> None:
        value = _parse(text)
        self.is_date = not isinstance(value, datetime)
        self.marker = ""
        if self.is_date:
            self.moment = datetime.combine(value, time(0))
            self.label = ""
            return
        target, naive = _zone(zone), _zone(naive_zone)
        if value.tzinfo is None and naive is None:
            self.moment, self.label, self.marker = value, "", NOT_STATED
            return
        if value.tzinfo is None:
            value = value.replace(tzinfo=naive)
        if target is None:
            self.marker = _unknown_zone(zone)
        self.moment = value.astimezone(target) if target is not None else value
        self.label = _abbreviation(self.moment)

    def suffix(self) -> str:
        parts = [part for part in (self.label, self.marker) if part]
        return (" " + " ".join(parts)) if parts else ""


def format_when(
    iso_instant: str,
    zone: str,
    *,
    with_date: bool = True,
    naive_zone: str | None = None,
) -> str:
    """One time as a reader in ``zone`` sees it: "Thu Dec 3, 2026, 8:00 AM PST".

    :param iso_instant: ISO 8601 instant or date
    :param zone: the reader's IANA zone (see :func:`reader_zone`)
    :param with_date: False gives the clock alone, "8:00 AM PST"
    :param naive_zone: zone of a value written without an offset
    :return: the text; a date alone gives "Thu Dec 3, 2026"
    """
    try:
        shown = _Shown(iso_instant, zone, naive_zone)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return f"{iso_instant} {UNREADABLE}"
    if shown.is_date:
        return _date_text(shown.moment.date())
    clock = _clock(shown.moment) + shown.suffix()
    return f"{_date_text(shown.moment.date())}, {clock}" if with_date else clock


def _is_all_day(start: datetime, end: datetime) -> bool:
    """Midnight to a later midnight, in the offsets they were written in."""
    return (
        start.time() == time(0)
        and end.time() == time(0)
        and end.date() > start.date()
        and start.utcoffset() == end.utcoffset()
    )


def _date_range(first: date, last: date) -> str:
    if first == last:
        return _date_text(first)
    if first.year == last.year:
        return f"{_day(first)} {_DASH} {_day(last)}, {last.year}"
    return f"{_date_text(first)} {_DASH} {_date_text(last)}"


def format_range(
    starts: str, ends: str | None, zone: str, *, naive_zone: str | None = None
) -> str:
    """A session as a reader in ``zone`` sees it: "Thu Dec 3, 2026, 8:00–9:30 AM PST".

    :param starts: ISO 8601 start (instant or date)
    :param ends: ISO 8601 end, or None (then the start alone is shown)
    :param zone: the reader's IANA zone
    :param naive_zone: zone of values written without an offset
    :return: one line; an end that cannot be read or is not after the start is
        left out; an all-day range gives its dates, "Thu Dec 3 – Fri Dec 4, 2026"
    """
    single = format_when(starts, zone, naive_zone=naive_zone)
    if not isinstance(ends, str) or not ends.strip() or single.endswith(UNREADABLE):
        return single
    try:
        first, last = _Shown(starts, zone, naive_zone), _Shown(ends, zone, naive_zone)
        raw_start, raw_end = _parse(starts), _parse(ends)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return single
    if first.is_date or last.is_date:
        if first.is_date and last.is_date and last.moment > first.moment:
            # a date end is exclusive, as iCalendar's DTEND;VALUE=DATE
            return _date_range(first.moment.date(), last.moment.date() - timedelta(1))
        return single
    if isinstance(raw_start, datetime) and isinstance(raw_end, datetime):
        if raw_start.tzinfo and raw_end.tzinfo and _is_all_day(raw_start, raw_end):
            return _date_range(raw_start.date(), raw_end.date() - timedelta(1))
    return _session(first, last) or single


def _session(first: _Shown, last: _Shown) -> str | None:
    """Start and end of a timed session, sharing what they have in common."""
    if (first.moment.tzinfo is None) != (last.moment.tzinfo is None):
        return None
    start, end = first.moment, last.moment
    if start.tzinfo is not None and end.astimezone(UTC) <= start.astimezone(UTC):
        return None  # same-zone comparison ignores the fold: compare in UTC
    if start.tzinfo is None and end <= start:
        return None
    if start.date() != end.date():
        return (
            f"{_date_text(start.date())}, {_clock(start)}{first.suffix()} {_DASH} "
            f"{_date_text(end.date())}, {_clock(end)}{last.suffix()}"
        )
    day = _date_text(start.date())
    if first.suffix() != last.suffix():  # clocks changed during the session
        return (
            f"{day}, {_clock(start)}{first.suffix()}{_DASH}{_clock(end)}{last.suffix()}"
        )
    same_half = (start.hour < 12) == (end.hour < 12)
    opening = _clock(start, meridiem=not same_half)
    return f"{day}, {opening}{_DASH}{_clock(end)}{last.suffix()}"


def local_zone_name(
    environ: dict | None = None, localtime: Path = Path("/etc/localtime")
) -> str | None:
    """This machine's IANA zone name ($TZ, else /etc/localtime's target), or None."""
    environ = os.environ if environ is None else environ
    name = (environ.get("TZ") or "").lstrip(":")
    if _zone(name) is not None:
        return name
    try:
        target = str(localtime.resolve())
    except OSError:
        return None
    marker = "zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        return name if _zone(name) is not None else None
    return None


def reader_zone(profile_zone: str | None) -> str:
    """The zone times are shown in: the profile's, else this machine's, else "UTC".

    A profile zone that is not an IANA name is returned as written, so every
    time shown carries the "(unknown time zone …)" marker instead of silently
    using another zone.
    """
    if isinstance(profile_zone, str) and profile_zone.strip():
        return profile_zone.strip()
    return local_zone_name() or "UTC"
