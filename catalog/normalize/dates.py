"""Date and time wording + a default IANA zone → aware ``starts_at``/``ends_at``.

How a line is read (choices documented here, tested in
``tests/catalog/test_normalize_dates.py``):

- Dates: "December 10, 2026", "Dec 10 2026", "Sept. 30, 2026", "5 June 2026",
  "09 Feb 2016", numeric US "6/20/2017" (always month first), ISO
  "2026-12-10", with or without a weekday and with "@", "at", "|", "·" or
  commas between date and time. RFC 822 feed dates ("Sat, 21 Jun 2025
  13:00:00 GMT"), ISO instants, iCalendar values ("20261210T180000Z") and Unix
  seconds are read whole (``catalog/normalize/instants.py``).
- Day ranges: "September 26-29, 2024", "July 15 – 17, 2027", "15-17 July
  2027", and two full dates joined by a dash, "to" or "through", with or
  without weekdays ("Thursday, September 23, 2027 – Sunday, September 26,
  2027", "3/18/2027 - 3/20/2027", "between January 1, 2018 and December 31,
  2020", "September 30 – October 2, 2027", where the
  first date takes the year written on the second). The year may come first:
  "2026, December 3-4", "2026 Dec 3–4". Times written after the
  range are the first day's start and the last day's end ("October 12, 2027 -
  October 13, 2027 8:30 am - 5:00 pm ET" ends on October 13 at 5 pm); "October
  12, 2027 @ 8:30 am - October 13, 2027 @ 5:00 pm" gives each end its time.
- Times: see ``catalog/normalize/clocks.py``.
- Zones: see ``catalog/normalize/zones.py`` (a US abbreviation names a region
  whose daylight saving for the date decides the offset, so "EST" in July is
  -04:00; the provider's default zone is used when it keeps the same standard
  time, so "MST" in Arizona stays -07:00). A zone in the text beats the
  provider's default zone; the default applies only when the text names none.
- A date without a time is an all-day event, as in iCalendar: ``starts_at`` is
  00:00 on the first day and ``ends_at`` 00:00 on the day after the last day,
  in the provider's default zone (a zone-like word next to a bare date is more
  often a state, "Hartford, CT", than a clock zone). So "March 4, 2027" and
  "July 15 – 17, 2027" are placed in time without claiming a start hour.
- Nothing is guessed: a date without a year gives no ``starts_at`` unless a
  ``reference`` date is passed (then the first such date on or after it), and
  a time without a date gives none.
- "On demand", "Recorded June 23, 2025", "Self-study" … give a ``format`` hint
  and no ``starts_at``, unless the text also announces a live session ("Live
  webinar Dec 3, 1 PM ET, on-demand replay after": a start, no hint); other
  format words ("Live Webinar") add the hint beside the start.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta, tzinfo
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from catalog.normalize.clocks import WEEKDAY as _WEEKDAY
from catalog.normalize.clocks import find_times
from catalog.normalize.formats import parse_format
from catalog.normalize.instants import read_whole
from catalog.normalize.words import MAX_CHARS
from catalog.normalize.zones import (
    EASTERN,
    aware,
    zone_in_text,
    zone_name,
    zone_named,
)

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_TO = r"(?:-|to|through|thru)"
#: The last day of "26-29" is not the hour of "13 - 2:00 pm".
_NOT_A_CLOCK = r"(?!:|\s*[ap]\.?m\b)"
_DATE_PATTERNS = (
    ("iso", re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=\b|t)")),
    (
        "month_first",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\b"
            rf"(?:\s*{_TO}\s*(\d{{1,2}}){_ORDINAL}\b{_NOT_A_CLOCK})?"
            r"(?:,?\s*(\d{4})\b)?"
        ),
    ),
    (
        "day_first",
        re.compile(
            rf"(?<![:\d])\b(\d{{1,2}}){_ORDINAL}(?:\s*{_TO}\s*(\d{{1,2}}){_ORDINAL})?"
            rf"\s+{_MONTH},?\s+(\d{{4}})\b"
        ),
    ),
    ("numeric", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")),
    (
        "year_first",
        re.compile(
            rf"\b(\d{{4}}),?\s+{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\b"
            rf"(?:\s*{_TO}\s*(\d{{1,2}}){_ORDINAL}\b{_NOT_A_CLOCK})?"
        ),
    ),
)
#: What may stand between the two dates of a day range: "–", "to", a weekday.
_JOINED = re.compile(rf"[\s,]*{_TO}[\s,]*(?:{_WEEKDAY.pattern}\s*)?")
#: The same after a start time: "October 12 @ 8:30 am - October 13 @ 5 pm".
_JOINED_AFTER_TIME = re.compile(rf"\s{_TO}\s*(?:{_WEEKDAY.pattern}\s*)?$")
_UNSCHEDULED = ("on_demand", "self_study")
#: A live session that also offers a recording; "Recorded live on …" is not one.
_LIVE_SESSION = re.compile(r"^(?!.*\brecorded\b).*\b(?:live|register)\b", re.I)
_MIDNIGHT = time(0)
_ONE_DAY = timedelta(days=1)


class _Written(NamedTuple):
    """One date as written: where, and its parts (year None when not written)."""

    start: int
    end: int
    year: int | None
    month: int
    day: int
    last: int | None  # last day of "September 26-29"


class _Days(NamedTuple):
    """The days a wording covers, and where to look for its clock times."""

    first: date
    last: date
    spans: list[tuple[int, int]]
    start_clock_text: str | None  # "date time - date time": each end's own time
    end_clock_text: str | None


def parse_when(text: str, default_tz: str, reference: date | None = None) -> dict:
    """Read published date and time wording into aware ISO 8601 instants.

    :param text: e.g. "Tuesday, February 18, 2025 · 1:00–3:00 p.m. ET"
    :param default_tz: IANA zone used when the text names none
    :param reference: optional date after which a year-less date is placed
    :return: ``starts_at``/``ends_at`` (``2025-02-18T13:00:00-05:00``) when
        readable, and ``format`` when the wording names one; else ``{}``
    """
    reading = read_when(text, default_tz, reference)
    reading.pop("zone", None)
    return reading


def read_when(text: str, default_tz: str, reference: date | None = None) -> dict:
    """:func:`parse_when`, plus ``zone``: the zone the wording states for its times.

    ``zone`` (a name, see :func:`catalog.normalize.zones.zone_name`) is present
    only when the wording names a zone next to clock times ("1:00 PM ET");
    a bare date, a machine-written instant or the provider's default never
    state one.
    """
    if reference is None and isinstance(text, str) and isinstance(default_tz, str):
        return dict(_cached_reading(text, default_tz))
    return _reading(text, default_tz, reference)


#: Distinct wordings remembered: the normalizer and the zone check read each
#: record's wording with the same zone, and the reading is pure.
CACHE_SIZE = 8192


@lru_cache(maxsize=CACHE_SIZE)
def _cached_reading(text: str, default_tz: str) -> dict:
    return _reading(text, default_tz, None)


def _reading(text: str, default_tz: str, reference: date | None) -> dict:
    try:
        return _parse(text, default_tz, reference)
    except Exception:  # a normalizer never raises: unreadable means absent
        return {}


def clock_zone(text: str, default_tz: str, day: date) -> str | None:
    """The zone a wording states for its clock times, dated or not.

    "Dec 3, 2026, 11:00 AM ET" and "11:00 am - 12:30 pm ET" state Eastern;
    "Hartford, CT" (no clock time) and "Dec 3, 2026, 11:00 AM" state none.

    :param day: the date the times are on (for "EST" read in July and such)
    """
    reading = read_when(text, default_tz)
    if "zone" in reading or reading.get("starts_at"):
        return reading.get("zone")
    try:
        flat = " ".join(text[:MAX_CHARS].replace("\u00a0", " ").split())
        flat = flat.translate(_DASHES)
        if find_times(flat.lower()) is None:
            return None
        default = zone_named(default_tz) or ZoneInfo(EASTERN)
        found = zone_in_text(flat, default, day)
    except Exception:  # a normalizer never raises
        return None
    return zone_name(found[0]) if found else None


def first_clock(text: str) -> time | None:
    """The first clock time a wording gives ("Dec 3, 11:00 AM ET" → 11:00), or None."""
    try:
        flat = " ".join(text[:MAX_CHARS].replace("\u00a0", " ").split())
        lowered = flat.translate(_DASHES).lower()
        for written in reversed(_written_dates(lowered)):
            lowered = lowered[: written.start] + " | " + lowered[written.end :]
        clocks = find_times(lowered)
    except Exception:  # a normalizer never raises
        return None
    return clocks[0] if clocks else None


def _parse(text: str, default_tz: str, reference: date | None) -> dict:
    if isinstance(text, str):
        text = text[:MAX_CHARS]  # a wording, not a page: keeps parsing linear
    if not isinstance(text, str) or not text.strip():
        return {}
    text = " ".join(text.replace("\u00a0", " ").split()).translate(_DASHES)
    result: dict = {}
    hint = parse_format(text)
    if hint:
        result["format"] = hint
    if hint in _UNSCHEDULED:
        if not _LIVE_SESSION.search(text):
            return result
        result = {}  # "Live webinar Dec 3, 1 PM ET; on-demand replay after"
    default = zone_named(default_tz) or ZoneInfo(EASTERN)
    whole = read_whole(text, default)
    if whole:
        return {**result, **whole}
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower-case to two characters
        text = lowered
    days = _find_days(lowered, reference)
    if days is None:
        return result
    return {**result, **_instants(text, days, default)}


def _instants(text: str, days: _Days, default: tzinfo) -> dict:
    """``starts_at``/``ends_at`` of the days, at the times written or all day."""
    rest = text
    for start, end in reversed(days.spans):
        rest = rest[:start] + " | " + rest[end:]
    if days.start_clock_text is not None:
        starting = find_times(days.start_clock_text)
        ending = find_times(days.end_clock_text or "")
        clocks = (starting[0], ending[0] if ending else None) if starting else None
    else:
        clocks = find_times(rest.lower())
    if clocks is None:  # all day, as in iCalendar: midnight to midnight
        start = aware(days.first, _MIDNIGHT, default, None)
        end = aware(days.last + _ONE_DAY, _MIDNIGHT, default, None)
        return {
            "starts_at": start.isoformat(timespec="seconds"),
            "ends_at": end.isoformat(timespec="seconds"),
        }
    stated = zone_in_text(rest, default, days.first)
    zone, daylight = stated or (default, None)
    start = aware(days.first, clocks[0], zone, daylight)
    result = {"starts_at": start.isoformat(timespec="seconds")}
    if stated:
        result["zone"] = zone_name(zone)
    if clocks[1] is not None:
        end = aware(days.last, clocks[1], zone, daylight)
        if end <= start:
            end = aware(days.last + _ONE_DAY, clocks[1], zone, daylight)
        result["ends_at"] = end.isoformat(timespec="seconds")
    return result


def _find_days(lowered: str, reference: date | None) -> _Days | None:
    """The days the wording covers (one date or a day range), or None."""
    written = _written_dates(lowered)
    if not written:
        return None
    first, second = written[0], written[1] if len(written) > 1 else None
    between = lowered[first.end : second.start] if second else ""
    start_clock_text = end_clock_text = None
    if second and (_JOINED.fullmatch(between) or _between_and(lowered, first, between)):
        spans = [(first.start, second.end)]
    elif second and _JOINED_AFTER_TIME.search(between) and find_times(between):
        spans = [(first.start, first.end), (second.start, second.end)]
        start_clock_text, end_clock_text = between, lowered[second.end :]
    else:
        second, spans = None, [(first.start, first.end)]
    years = _years(first, second, reference)
    if years is None:
        return None
    start = date(years[0], first.month, first.day)
    last = second or first
    end = date(years[1], last.month, last.day)
    if last.last and last.last > last.day:
        end = date(years[1], last.month, last.last)
    if end < start:
        end = start
    return _Days(start, end, spans, start_clock_text, end_clock_text)


def _between_and(lowered: str, first: _Written, between: str) -> bool:
    """ "Between January 1, 2018 and December 31, 2020" is a day range."""
    before = lowered[: first.start]
    return bool(
        re.fullmatch(r"\s*and\s*", between) and re.search(r"\bbetween\s*$", before)
    )


def _written_dates(lowered: str) -> list[_Written]:
    """Every date written in the text, in order, none overlapping another."""
    found = []
    for kind, pattern in _DATE_PATTERNS:
        found.extend(_read_date(kind, match) for match in pattern.finditer(lowered))
    found.sort(key=lambda written: (written.start, -written.end))
    dates: list[_Written] = []
    for written in found:
        if not dates or written.start >= dates[-1].end:
            dates.append(written)
    return dates


def _read_date(kind: str, match: re.Match) -> _Written:
    last = None
    if kind == "iso":
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif kind == "month_first":
        month = _MONTHS[match[1][:3]]
        day, last = int(match[2]), int(match[3]) if match[3] else None
        year = int(match[4]) if match[4] else None
    elif kind == "day_first":
        day, last = int(match[1]), int(match[2]) if match[2] else None
        month, year = _MONTHS[match[3][:3]], int(match[4])
    elif kind == "year_first":
        year, month = int(match[1]), _MONTHS[match[2][:3]]
        day, last = int(match[3]), int(match[4]) if match[4] else None
    else:
        month, day, year = int(match[1]), int(match[2]), int(match[3])
        if year < 100:
            year += 2000
    return _Written(match.start(), match.end(), year, month, day, last)


def _years(
    first: _Written, second: _Written | None, reference: date | None
) -> tuple[int, int] | None:
    """Years of the first and last date; a range shares the one year written."""
    if second is None:
        year = first.year or _next_year(first.month, first.day, reference)
        return None if year is None else (year, year)
    wraps = (second.month, second.day) < (first.month, first.day)  # Dec 30 - Jan 2
    if first.year is not None:
        return first.year, second.year or first.year + wraps
    if second.year is not None:
        return second.year - wraps, second.year
    year = _next_year(first.month, first.day, reference)
    return None if year is None else (year, year + wraps)


def _next_year(month: int, day: int, reference: date | None) -> int | None:
    """The year of the first month/day on or after the reference date."""
    if reference is None:
        return None
    for year in (reference.year, reference.year + 1, reference.year + 4):
        try:
            if date(year, month, day) >= reference:
                return year
        except ValueError:
            continue
    return None
