"""iCalendar (RFC 5545) feeds, read with the ``icalendar`` library, and the feed spider.

Zones come from the library: IANA names, the file's own VTIMEZONE definitions
(including names such as "GMT +0100 (Standard) / GMT +0200 (Daylight)"),
Windows names ("Pacific Standard Time", as Outlook, Exchange and Wild Apricot
write them, through the library's copy of CLDR's windowsZones table) and
vendor-prefixed ids ("/freeassociation.sourceforge.net/Europe/Berlin").
Floating times are read in the calendar's ``X-WR-TIMEZONE``, else the
provider's zone. An end comes from DTEND, else DURATION. Recurring events
(RRULE, RDATE, EXDATE, overridden instances) are expanded by
``recurring-ical-events`` into their sessions within the crawl horizon, each
session with its own id. A bad event is skipped and counted, never the feed.

Registry use (no code)::

    - slug: flbar
      platform: ical
      start_urls: [https://www.floridabar.org/cle/calendar.ics]
      options: {horizon_days: 365}   # optional: how far recurring events expand
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import icalendar

from crawlers.platforms.base import (
    CREDIT_LINE,
    PRICE_LINE,
    CleSpider,
    first_line,
    html_to_text,
    iso,
    presenters_in,
    slugify,
)
from crawlers.platforms.ical_series import expand_series, split_series
from crawlers.platforms.ical_zones import BAD_VALUE, listing_zone, lookup_zone, zone_or

CANCELLED_TITLE = re.compile(r"^\s*(cancell?ed)\b\s*[:\-–]?\s*", re.IGNORECASE)
#: How far ahead of the run date recurring events are expanded (days).
HORIZON_DAYS = 365
#: At most this many sessions of one recurring event (a FREQ=MINUTELY feed).
MAX_SESSIONS = 200
#: Longest provider key kept as it is (a listing id has at most 200 characters).
MAX_KEY = 80
_TEXT_FIELDS = ("UID", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "COMMENT")
__all__ = ["CANCELLED_TITLE", "IcalSpider", "read_events", "zone_or"]


@dataclass
class Reading:
    """What one calendar file gave: event dicts and problems ``(kind, detail)``."""

    events: list[dict] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def read_calendars(text: str) -> list[icalendar.Calendar]:
    """Every VCALENDAR (or other top-level component) in ``text``.

    :raises ValueError: when the text is not iCalendar
    """
    if not text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:"):
        raise ValueError("not iCalendar (no BEGIN: line first)")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # a byte order mark (Windows servers write one) is no content line
        return icalendar.Calendar.from_ical(text.lstrip("\ufeff"), multiple=True)


def text_fields(component) -> dict:
    """uid, summary, description, location, url, status, comment, categories, x."""
    fields: dict = {}
    for name in _TEXT_FIELDS:
        value = component.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value is not None and str(value).strip():
            fields[name.lower()] = str(value).strip()
    try:
        fields["categories"] = [c.strip() for c in component.categories if c.strip()]
    except BAD_VALUE:
        fields["categories"] = []
    fields["x"] = {k: str(v) for k, v in component.items() if k.startswith("X-")}
    return fields


def localize(moment, zone: tzinfo):
    """A floating datetime in ``zone``; aware datetimes and dates unchanged."""
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=zone)
    return moment


def event_span(component, calendar_zone: tzinfo) -> tuple:
    """``(start, end, unknown_tzid)``: end from DTEND, else DURATION, else RFC default.

    An unreadable end is left out (None); only the start must be readable.

    :raises ValueError: (or another of :data:`BAD_VALUE`) for a malformed start
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = component.DTSTART
        try:
            end = component.end
        except BAD_VALUE:
            end = None
    if not isinstance(start, date):
        raise ValueError(f"DTSTART is not a date or date-time: {start!r}")
    if type(start) is not type(end):
        end = None
    tzid = component["DTSTART"].params.get("TZID")
    naive = isinstance(start, datetime) and start.tzinfo is None
    unknown = tzid if naive and tzid else None
    return localize(start, calendar_zone), localize(end, calendar_zone), unknown


def session_suffix(start) -> str:
    """The part of a session's id that tells it from its series' other sessions."""
    if isinstance(start, datetime):
        return start.astimezone(UTC).strftime("%Y%m%dT%H%MZ")
    return start.strftime("%Y%m%d")


def event_dict(component, calendar_zone: tzinfo, *, session: bool, tzid=None) -> dict:
    """One VEVENT (or one session of a series) as an event dict.

    Keys: those of :func:`text_fields` plus ``dtstart``, ``dtend`` (aware
    datetimes or dates), ``session`` (a suffix for the id, or None), ``tzid``
    (the TZID as written; a session's is its series', passed in) and
    ``unknown_tzid`` (a TZID neither the file nor the library defines).
    """
    start, end, unknown = event_span(component, calendar_zone)
    tzid = tzid or component["DTSTART"].params.get("TZID")
    fields = text_fields(component)
    suffix = None
    if session:
        original = component.get("RECURRENCE-ID")
        moment = localize(original.dt, calendar_zone) if original else start
        suffix = session_suffix(moment)
    return {
        **fields,
        "dtstart": start,
        "dtend": end,
        "session": suffix,
        "unknown_tzid": unknown,
        "tzid": tzid,
        "calendar_zone": calendar_zone,
    }


def series_unknown_tzid(members: list, zone: tzinfo) -> str | None:
    """A TZID of a series' first DTSTART that no one defines (its sessions lose it).

    :raises ValueError: (or another of :data:`BAD_VALUE`) for a malformed start
    """
    for component in members:
        if "DTSTART" in component:
            return event_span(component, zone)[2]
    return None


def add_series(calendar, name: str, members: list, context, reading) -> None:
    """Add the sessions of one recurring event to ``reading`` (problems counted)."""
    zone, window = context
    try:
        unknown = series_unknown_tzid(members, zone)
        if unknown:
            detail = f"recurring event {name}: TZID {unknown} read as floating"
            reading.problems.append(("unknown_timezone", detail))
        sessions = expand_series(calendar, members, window, MAX_SESSIONS)
        if len(sessions) > MAX_SESSIONS:
            sessions = sessions[:MAX_SESSIONS]
            detail = f"recurring event {name}: kept its first {MAX_SESSIONS}"
            reading.problems.append(("too_many_sessions", detail))
        tzid = next((m["DTSTART"].params.get("TZID") for m in members), None)
        reading.events += [
            event_dict(s, zone, session=True, tzid=tzid) for s in sessions
        ]
    except BAD_VALUE as exc:
        detail = f"recurring event {name}: {type(exc).__name__}: {exc}"
        reading.problems.append(("bad_event", detail))


def add_single(component, zone: tzinfo, reading: Reading) -> None:
    """Add one VEVENT that does not recur to ``reading`` (or count it as bad)."""
    label = component.get("UID") or component.get("SUMMARY") or "(no UID)"
    if "DTSTART" not in component:
        reading.problems.append(("missing_fields", f"event {label}: no DTSTART"))
        return
    try:
        session = component.get("RECURRENCE-ID") is not None
        reading.events.append(event_dict(component, zone, session=session))
    except BAD_VALUE as exc:
        reading.problems.append(("bad_event", f"event {label}: {exc}"))


def calendar_events(calendar, zone: tzinfo, window, reading: Reading) -> None:
    """Add every event of one VCALENDAR (series expanded) to ``reading``."""
    series, singles = split_series(calendar)
    for name, members in series.items():
        add_series(calendar, name, members, (zone, window), reading)
    for component in singles:
        add_single(component, zone, reading)


def read_events(text: str, default_tz: str = "UTC", window=None) -> Reading:
    """Events of an iCalendar text; recurring ones expanded within ``window``.

    :param default_tz: the zone for floating times when the calendar states none
    :param window: ``(first, last)`` aware datetimes bounding recurring sessions
        (default: from now for :data:`HORIZON_DAYS`)
    """
    if window is None:
        now = datetime.now(UTC)
        window = (now, now + timedelta(days=HORIZON_DAYS))
    reading = Reading()
    try:
        calendars = read_calendars(text)
    except BAD_VALUE as exc:
        reading.problems.append(("not_calendar", str(exc)))
        return reading
    for calendar in calendars:
        stated = calendar.get("X-WR-TIMEZONE")
        zone = lookup_zone(stated) or zone_or(None, default_tz)
        if stated and lookup_zone(stated) is None:
            reading.problems.append(("unknown_timezone", f"X-WR-TIMEZONE {stated}"))
        calendar_events(calendar, zone, window, reading)
    return reading


def event_times(event: dict, zone: str) -> tuple[datetime, datetime | None]:
    """Start and end as aware datetimes in ``zone``; dates become local midnights."""

    def as_datetime(value):
        if isinstance(value, datetime):
            return value.astimezone(ZoneInfo(zone))
        if isinstance(value, date):
            return datetime.combine(value, time(0), tzinfo=ZoneInfo(zone))
        return None

    return as_datetime(event.get("dtstart")), as_datetime(event.get("dtend"))


def stable_key(text: str) -> str:
    """``text`` when it has letters or digits an id can keep and is not too long
    (Exchange UIDs run to 112 hex digits), else a hash of it (after a prefix).
    """
    slug = slugify(text)
    if slug and len(slug) <= MAX_KEY:
        return text
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{slug[:40]}-{digest}" if slug else f"h{digest}"


def title_key(event: dict) -> str:
    """A key for an event without UID: a hash of its normalized title and start."""
    title = " ".join((event.get("summary") or "").casefold().split())
    start = event.get("dtstart")
    moment = session_suffix(start) if start is not None else ""
    digest = hashlib.sha256(f"{title}|{moment}".encode()).hexdigest()[:16]
    return f"t{digest}"


def is_cancelled(event: dict) -> bool:
    """True when STATUS is CANCELLED or the title starts with "CANCELED"."""
    return (event.get("status") or "").upper() == "CANCELLED" or bool(
        CANCELLED_TITLE.match(event.get("summary") or "")
    )


class IcalSpider(CleSpider):
    """Listings from an iCalendar feed; hooks: :meth:`listing_key`, :meth:`url_for`."""

    platform = "ical"

    def parse(self, response):
        """Yield one listing per VEVENT (per session of a recurring one).

        @url https://www.floridabar.org/cle/calendar.ics
        @returns items 1
        @scrapes id title url provider starts_at
        """
        yield from self.parse_ics(response)

    def horizon(self) -> tuple[datetime, datetime]:
        """The window recurring events expand in: the run date and ``horizon_days``."""
        first = datetime.fromisoformat(self.run_date).replace(tzinfo=UTC)
        days = int(self.options.get("horizon_days") or HORIZON_DAYS)
        return first, first + timedelta(days=days)

    def parse_ics(self, response, skip_keys: frozenset = frozenset()):
        """Listings from an ICS response, leaving out keys already seen elsewhere."""
        url = self.public_url(response)
        reading = read_events(response.text, self.timezone, self.horizon())
        for kind, detail in reading.problems:
            self.problem(kind, f"{url}: {detail}")
        if not reading.events and not reading.problems:
            self.problem("no_listings", f"no events in {url}")
        for event in reading.events:
            if not event.get("summary"):
                self.problem("missing_fields", f"event {event.get('uid')} lacks title")
                continue
            if event["unknown_tzid"]:
                zone = event["unknown_tzid"]
                self.problem("unknown_timezone", f"{url}: TZID {zone} read as floating")
            if self.listing_key(event) in skip_keys:
                continue
            listing = self.post_process(
                self.event_listing(event, response), event, response
            )
            if listing:
                yield listing

    def listing_key(self, event: dict, response=None) -> str:
        """The provider key of an event (default: its UID without ``@host``)."""
        uid = (event.get("uid") or "").split("@")[0]
        return stable_key(uid) if uid.strip() else title_key(event)

    def session_key(self, event: dict) -> str:
        """The key of one listing: the event's key, and its start for a session."""
        key = self.listing_key(event)
        return f"{key}-{event['session']}" if event.get("session") else key

    def url_for(self, event: dict, response) -> str:
        """The public page of an event (default: its URL, else the feed URL)."""
        return event.get("url") or self.public_url(response)

    def event_listing(self, event: dict, response) -> dict:
        """One interchange item from an event dict of :func:`read_events`."""
        zone = listing_zone(event, self.timezone)
        starts, ends = event_times(event, zone)
        description = html_to_text(event.get("description"))
        minutes = None
        if isinstance(event.get("dtstart"), datetime) and ends and ends > starts:
            span = int((ends - starts).total_seconds() // 60)
            minutes = span if 0 < span < 24 * 60 else None
        categories = event.get("categories", [])
        return self.listing(
            key=self.session_key(event),
            title=CANCELLED_TITLE.sub("", event["summary"]),
            url=self.url_for(event, response),
            description=description,
            starts_at=iso(starts),
            ends_at=iso(ends) if ends and ends > starts else None,
            timezone=zone,
            duration_minutes=minutes,
            location=event.get("location"),
            credit_text=first_line(description, CREDIT_LINE),
            price_text=first_line(description, PRICE_LINE),
            format=self.guess_format(
                " ".join([*categories, event.get("location") or ""])
            ),
            practice_areas=self.topics(categories),
            presenters=presenters_in(description),
            status="cancelled" if is_cancelled(event) else None,
        )


BASE_SPIDER = IcalSpider
