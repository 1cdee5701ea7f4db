"""Recurring iCalendar events: which VEVENTs form a series, and its sessions.

Expansion (RRULE, RDATE, EXDATE, overridden sessions with RECURRENCE-ID) is
``recurring-ical-events``'s, within a window and up to a number of sessions.
"""

from __future__ import annotations

import warnings
from datetime import timedelta

import icalendar
import recurring_ical_events


def _series_calendar(calendar, members: list) -> icalendar.Calendar:
    """A calendar holding only the zones of ``calendar`` and one series' members."""
    series = icalendar.Calendar()
    for component in calendar.walk("VTIMEZONE"):
        series.add_component(component)
    for component in members:
        series.add_component(component)
    return series


def expand_series(calendar, members: list, window: tuple, limit: int) -> list:
    """The sessions of one recurring event within ``window`` (at most
    ``limit``, then one more to tell that the cap was reached).

    The window is read in pieces (32 days, then twice as long each time), so a
    rule with a session every minute stops at the cap early; one ``between``
    call per piece (``after`` re-reads growing windows, slow with the zones of
    a file's own VTIMEZONE).

    :raises ValueError: (or another error of the library) for a bad series
    """
    first, last = window
    sessions: list = []
    step = timedelta(days=32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        query = recurring_ical_events.of(_series_calendar(calendar, members))
        seen = set()
        while first < last and len(sessions) <= limit:
            end = min(first + step, last)
            for occurrence in query.between(first, end):
                key = (str(occurrence.get("UID")), str(occurrence.start))
                if key not in seen:  # a session across two pieces comes twice
                    seen.add(key)
                    sessions.append(occurrence)
            first, step = end, step * 2
    return sessions[: limit + 1]


def split_series(calendar) -> tuple[dict[str, list], list]:
    """``({name: members of a recurring event}, [single events])``.

    A series is every VEVENT sharing the UID of one with RRULE or RDATE (its
    overridden sessions too); a recurring VEVENT without UID is a series alone.
    """
    events = list(calendar.walk("VEVENT"))
    recurs = [e for e in events if e.get("RRULE") or e.get("RDATE")]
    uids = {str(e.get("UID")) for e in recurs if e.get("UID")}
    series: dict[str, list] = {uid: [] for uid in sorted(uids)}
    singles = []
    for index, event in enumerate(events):
        if event.get("UID") and str(event.get("UID")) in uids:
            series[str(event.get("UID"))].append(event)
        elif event in recurs:
            series[f"#{index} {event.get('SUMMARY') or ''}".strip()] = [event]
        else:
            singles.append(event)
    return series, singles
