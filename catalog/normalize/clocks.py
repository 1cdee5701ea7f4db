"""Times of day in published wording ("1:00 PM", "Noon- 1:30pm", "10.00am").

How a time is read (choices documented here, tested in
``tests/catalog/test_normalize_dates.py``):

- "1:00 PM", "1 p.m.", "10.00am", "13:00", "Noon", "Midnight"; ranges by a
  hyphen, en dash, "to" or "until". A range with one "am"/"pm" shares it ("1:00
  - 2:05 pm"), unless that would make it end before it starts ("11 - 1 pm" is
  11 am to 1 pm). A time with neither "am"/"pm" nor 24-hour form (13:00) is
  read in business hours: 7-11 morning, 12 noon, 1-6 afternoon.
"""

from __future__ import annotations

import re
from datetime import time

#: Weekday names, which stand between dates and times ("Tuesday, Noon").
WEEKDAY = re.compile(
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


def find_times(lowered: str) -> tuple[time, time | None] | None:
    """Start and optional end time of day, or None when no time is written."""
    lowered = WEEKDAY.sub(" ", lowered)
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
