"""Date and time wording + a default IANA zone → aware ``starts_at``/``ends_at``.

How a line is read (choices documented here, tested in
``tests/catalog/test_normalize_dates.py``):

- Dates: "December 10, 2026", "Dec 10 2026", "Sept. 30, 2026", "5 June 2026",
  "09 Feb 2016", numeric US "6/20/2017" (always month first), ISO
  "2026-12-10", with or without a weekday and with "@", "at", "|", "·" or
  commas between date and time; day ranges "September 26-29, 2024".
  RFC 822 feed dates ("Sat, 21 Jun 2025 13:00:00 GMT"), ISO instants,
  iCalendar values ("20261210T180000Z") and Unix seconds are read whole.
- Times: "1:00 PM", "1 p.m.", "10.00am", "13:00", "Noon", "Midnight"; ranges by a
  hyphen, en dash, "to" or "until". A range with one "am"/"pm" shares it ("1:00
  - 2:05 pm"), unless that would make it end before it starts ("11 - 1 pm" is
  11 am to 1 pm). A time with neither "am"/"pm" nor 24-hour form (13:00) is
  read in business hours: 7-11 morning, 12 noon, 1-6 afternoon.
- Zones: ET/EST/EDT/Eastern, CT/CST/CDT/Central, MT/MST/MDT/Mountain,
  PT/PST/PDT/Pacific, AKT, HT, Arizona, GMT/UTC, "UTC-5", or an IANA name.
  US abbreviations name a region, and the region's daylight saving for that
  date decides the offset: "EST" on a July date is read as Eastern daylight
  time, because providers write EST all year; "EST"/"EDT" only pick between
  the two 1:30 AMs of the night clocks go back (a time skipped when clocks go
  forward keeps the offset from before the change). A zone in the text beats the
  provider's default zone; the default applies only when the text names none.
- Nothing is guessed: a date without a year gives no ``starts_at`` unless a
  ``reference`` date is passed (then the first such date on or after it); a
  date without a time gives no ``starts_at`` (an all-day value would claim a
  start time nobody published).
- "On demand", "Recorded June 23, 2025", "Self-study" … give a ``format`` hint
  and no ``starts_at``, unless the text also announces a live session ("Live
  webinar Dec 3, 1 PM ET, on-demand replay after": a start, no hint); other
  format words ("Live Webinar") add the hint beside the start.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from catalog.normalize.formats import parse_format
from catalog.normalize.words import MAX_CHARS

_EASTERN, _CENTRAL = "America/New_York", "America/Chicago"
_MOUNTAIN, _PACIFIC = "America/Denver", "America/Los_Angeles"
_ABBREVIATIONS = {
    "E": _EASTERN,
    "C": _CENTRAL,
    "M": _MOUNTAIN,
    "P": _PACIFIC,
    "AK": "America/Anchorage",
    "H": "Pacific/Honolulu",
}
_ZONE_WORDS = {
    "eastern": _EASTERN,
    "central": _CENTRAL,
    "mountain": _MOUNTAIN,
    "pacific": _PACIFIC,
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
}
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = (
    ("iso", re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=\b|t)")),
    (
        "month_first",
        re.compile(
            rf"\b{_MONTH}\s+(\d{{1,2}}){_ORDINAL}\b(?:\s*(?:-|to)\s*(\d{{1,2}}){_ORDINAL}\b)?"
            r"(?:,?\s*(\d{4})\b)?"
        ),
    ),
    ("day_first", re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+{_MONTH},?\s+(\d{{4}})\b")),
    ("numeric", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")),
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?"
)
_TIME = r"(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(am|pm)?"
_TIME_RANGE = re.compile(
    rf"(?<![\d:.]){_TIME}\s*(?:-|to|until|till|through)\s*{_TIME}(?![\d:])"
)
_TIME_SINGLE = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:(?::(\d{2}))(?::(\d{2}))?\s*(am|pm)?|()()\s*(am|pm))"
    r"(?![\d:])"
)
_ABBREVIATION = re.compile(r"\b(E|C|M|P|AK|H)[SD]?T\b|\b(GMT|UTC|Z)\b")
_OFFSET = re.compile(r"\b(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\b", re.I)
_ZONE_WORD = re.compile(r"\b(" + "|".join(_ZONE_WORDS) + r")\b", re.I)
_IANA = re.compile(r"\b([A-Z][A-Za-z]+(?:/[A-Z][A-Za-z_]+)+)\b")
_ISO_INSTANT = re.compile(
    r"\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})"
)
_RFC822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}"
    r"(?::\d{2})?\s*(?:[A-Z]{1,5}|[+-]\d{4})?$"
)
_UNIX_SECONDS = re.compile(r"^\d{9,10}$")
_ICS_BASIC = re.compile(r"^(\d{8}T\d{6})(Z?)$")
_UNSCHEDULED = ("on_demand", "self_study")
#: A live session that also offers a recording; "Recorded live on …" is not one.
_LIVE_SESSION = re.compile(r"^(?!.*\brecorded\b).*\b(?:live|register)\b", re.I)


def parse_when(text: str, default_tz: str, reference: date | None = None) -> dict:
    """Read published date and time wording into aware ISO 8601 instants.

    :param text: e.g. "Tuesday, February 18, 2025 · 1:00–3:00 p.m. ET"
    :param default_tz: IANA zone used when the text names none
    :param reference: optional date after which a year-less date is placed
    :return: ``starts_at``/``ends_at`` (``2025-02-18T13:00:00-05:00``) when
        readable, and ``format`` when the wording names one; else ``{}``
    """
    try:
        return _parse(text, default_tz, reference)
    except Exception:  # a normalizer never raises: unreadable means absent
        return {}


def _parse(text: str, default_tz: str, reference: date | None) -> dict:
    if isinstance(text, str):
        text = text[:MAX_CHARS]  # a wording, not a page: keeps parsing linear
    if not isinstance(text, str) or not text.strip():
        return {}
    text = " ".join(text.replace("\u00a0", " ").split())
    result: dict = {}
    hint = parse_format(text)
    if hint:
        result["format"] = hint
    if hint in _UNSCHEDULED:
        if not _LIVE_SESSION.search(text):
            return result
        result = {}  # "Live webinar Dec 3, 1 PM ET; on-demand replay after"
    default = _zone(default_tz) or ZoneInfo(_EASTERN)
    whole = _read_whole(text, default)
    if whole:
        return {**result, **whole}
    found = _find_date(text.lower(), reference)
    if found is None:
        return result
    start_day, end_day, span = found
    rest = text[: span[0]] + " | " + text[span[1] :]
    times = _find_times(rest.lower())
    if times is None:
        return result
    zone, daylight = _text_zone(rest) or (default, None)
    start = _aware(start_day, times[0], zone, daylight)
    result["starts_at"] = start.isoformat(timespec="seconds")
    if times[1] is not None:
        end = _aware(end_day, times[1], zone, daylight)
        if end <= start:
            end = _aware(end_day + timedelta(days=1), times[1], zone, daylight)
        result["ends_at"] = end.isoformat(timespec="seconds")
    return result


def _read_whole(text: str, default: tzinfo) -> dict | None:
    """Texts that are one machine-written instant: RFC 822, ISO, Unix seconds."""
    stripped = text.strip()
    if _UNIX_SECONDS.match(stripped):
        instant = datetime.fromtimestamp(int(stripped), tz=UTC).astimezone(default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    ics = _ICS_BASIC.match(stripped)
    if ics:  # iCalendar DTSTART value: UTC with Z, else floating (provider's zone)
        instant = datetime.strptime(ics[1], "%Y%m%dT%H%M%S")
        instant = instant.replace(tzinfo=UTC if ics[2] else default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    if _RFC822.match(stripped):
        from email.utils import parsedate_to_datetime  # feeds only; pulls in socket

        instant = parsedate_to_datetime(stripped)
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=default)
        return {"starts_at": instant.isoformat(timespec="seconds")}
    iso = _ISO_INSTANT.search(stripped)
    if iso:
        instant = datetime.fromisoformat(iso[0].replace(" ", "T"))
        result = {"starts_at": instant.isoformat(timespec="seconds")}
        after = _ISO_INSTANT.search(stripped, iso.end())
        if after:
            end = datetime.fromisoformat(after[0].replace(" ", "T"))
            if end > instant:
                result["ends_at"] = end.isoformat(timespec="seconds")
        return result
    return None


def _find_date(
    lowered: str, reference: date | None
) -> tuple[date, date, tuple[int, int]] | None:
    """The first date in the text: start day, end day and where it was written."""
    matches = []
    for kind, pattern in _DATE_PATTERNS:
        match = pattern.search(lowered)
        if match:
            matches.append((match.start(), kind, match))
    if not matches:
        return None
    _, kind, match = min(matches, key=lambda item: item[0])
    if kind == "iso":
        year, month, day, last = int(match[1]), int(match[2]), int(match[3]), None
    elif kind == "month_first":
        month = _MONTHS[match[1][:3]]
        day, last = int(match[2]), int(match[3]) if match[3] else None
        year = int(match[4]) if match[4] else None
    elif kind == "day_first":
        day, month, year = int(match[1]), _MONTHS[match[2][:3]], int(match[3])
        last = None
    else:
        month, day, year, last = int(match[1]), int(match[2]), int(match[3]), None
        if year < 100:
            year += 2000
    if year is None:
        year = _next_year(month, day, reference)
        if year is None:
            return None
    start = date(year, month, day)
    end = date(year, month, last) if last and last >= day else start
    return start, end, match.span()


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


def _find_times(lowered: str) -> tuple[time, time | None] | None:
    """Start and optional end time of day, or None when no time is written."""
    lowered = _WEEKDAY.sub(" ", lowered)
    lowered = re.sub(r"\b([ap])\.\s?m\.?", r"\1m", lowered)
    lowered = re.sub(r"\b(\d{1,2})\.(\d{2})\s*([ap]m)\b", r"\1:\2 \3", lowered)
    lowered = re.sub(r"\b12\s+noon\b|\bnoon\b", "12:00 pm", lowered)
    lowered = re.sub(r"\bmidnight\b", "12:00 am", lowered)
    lowered = lowered.replace("–", "-").replace("—", "-")
    for match in _TIME_RANGE.finditer(lowered):
        first, second = match.groups()[:4], match.groups()[4:]
        if not (_is_clock(first) or _is_clock(second)):
            continue
        return _range_times(first, second)
    single = _TIME_SINGLE.search(lowered)
    if single is None:
        return None
    groups = single.groups()
    meridiem = groups[3] or groups[6]
    return _clock(int(groups[0]), groups[1], groups[2], meridiem), None


def _is_clock(parts: tuple) -> bool:
    return bool(parts[3] or parts[1])


def _range_times(first: tuple, second: tuple) -> tuple[time, time]:
    """Times of a range, sharing one written am/pm the way readers do."""
    hour1, hour2 = int(first[0]), int(second[0])
    meridiem1, meridiem2 = first[3], second[3]
    if meridiem1 is None and meridiem2 and hour1 <= 12:
        meridiem1 = meridiem2
        if _hour24(hour1, meridiem1) > _hour24(hour2, meridiem2):
            meridiem1 = "am"
    elif meridiem2 is None and meridiem1 and hour2 <= 12:
        meridiem2 = meridiem1
        if _hour24(hour2, meridiem2) < _hour24(hour1, meridiem1):
            meridiem2 = "pm"
    start = _clock(hour1, first[1], first[2], meridiem1)
    end = _clock(hour2, second[1], second[2], meridiem2)
    return start, end


def _hour24(hour: int, meridiem: str | None) -> int:
    if meridiem == "am":
        return 0 if hour == 12 else hour
    if meridiem == "pm":
        return hour if hour == 12 else hour + 12
    if 1 <= hour <= 6:  # business hours: "1:00 - 2:00" is an afternoon webinar
        return hour + 12
    return hour


def _clock(hour: int, minute: str | None, second: str | None, meridiem: str | None):
    if meridiem and not 1 <= hour <= 12:
        raise ValueError(f"hour {hour} with {meridiem}")
    return time(_hour24(hour, meridiem), int(minute or 0), int(second or 0))


def _text_zone(text: str) -> tuple[tzinfo, bool | None] | None:
    """The zone the wording names (first one written), and whether it says daylight.

    "EST"/"EDT" only settle the hour that happens twice when clocks go back;
    otherwise the region's calendar decides (see the module docstring).
    """
    candidates = []
    offset = _OFFSET.search(text)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        delta = timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0))
        candidates.append((offset.start(), timezone(sign * delta), None))
    abbreviation = _ABBREVIATION.search(text)
    if abbreviation and not (offset and abbreviation.start() == offset.start()):
        daylight = None
        if abbreviation[2]:
            zone: tzinfo = UTC
        else:
            zone = ZoneInfo(_ABBREVIATIONS[abbreviation[1]])
            letter = abbreviation[0][len(abbreviation[1])]
            daylight = {"S": False, "D": True}.get(letter)
        candidates.append((abbreviation.start(), zone, daylight))
    word = _ZONE_WORD.search(text)
    if word:
        zone = ZoneInfo(_ZONE_WORDS[word[1].lower()])
        candidates.append((word.start(), zone, None))
    for match in _IANA.finditer(text):
        zone = _zone(match[1])
        if zone is not None:
            candidates.append((match.start(), zone, None))
            break
    if not candidates:
        return None
    _, zone, daylight = min(candidates, key=lambda item: item[0])
    return zone, daylight


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except Exception:
        return None


def _aware(day: date, clock: time, zone: tzinfo, daylight: bool | None) -> datetime:
    """Attach the zone; an hour that happens twice takes the written EST/EDT."""
    first = datetime.combine(day, clock).replace(tzinfo=zone)
    if daylight is None:
        return first
    second = first.replace(fold=1)
    if first.utcoffset() != second.utcoffset() and bool(second.dst()) == daylight:
        return second
    return first
