"""The ``.ics`` output: an RFC 5545 calendar from any query with event columns.

It reads the same columns as datasette-ics (``event_name``, ``event_dtstart``,
optional ``event_dtend``, ``event_uid``, ``event_description``) plus
``event_location``, ``event_url`` and ``event_timezone`` (the listing's IANA
zone), and writes the calendar with the ``icalendar`` library (escaping and
75-octet folding are the library's). Every event has a permanent UID (the
listing's key at a fixed domain, never the request's host), a DTSTAMP (RFC 5545
section 3.6.1), and times in the listing's zone with its VTIMEZONE (else UTC).
The description opens with the session's time as text, from
:mod:`catalog.timefmt`. Stored text cannot break the feed: characters RFC 5545
does not allow in TEXT (C0 controls other than tab, DEL) are removed, and
line breaks become the escaped ``\\n`` of a TEXT value. Registered ``trylast``
so it is the ``ics`` renderer even while datasette-ics is installed.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from datasette import hookimpl
from datasette.utils.asgi import Response

from catalog.timefmt import format_range

REQUIRED_COLUMNS = {"event_name", "event_dtstart"}
PRODUCT_ID = "-//cle//CLE catalog for paralegals//EN"
#: UIDs are ``<event_uid>@UID_DOMAIN``: the same for a listing in every feed and
#: on every host (``.invalid`` is reserved by RFC 2606, so no one else's).
UID_DOMAIN = "cle-catalog.invalid"
#: RFC 5545 section 3.3.11: TEXT allows no control character but HTAB (line
#: breaks are written escaped); lone surrogates cannot be UTF-8 at all.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+", re.IGNORECASE)


def clean_text(value: object) -> str:
    """Stored text as a TEXT value may hold it: line breaks as LF, no controls."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", text)


def clean_url(value: object) -> str | None:
    """An http(s) URL with nothing a URI may not hold, else None."""
    text = clean_text(value or "").strip()
    return text if _URL.fullmatch(text) else None


def zone_of(name: object) -> ZoneInfo | None:
    """The IANA zone ``name``, or None (then times are written in UTC)."""
    try:
        return ZoneInfo(str(name)) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def read_time(value: object, zone: ZoneInfo | None) -> datetime | date | None:
    """A start or end as a date (``VALUE=DATE``) or an aware datetime, else None.

    A naive time is taken as UTC; an aware one is shown in ``zone`` when given.
    """
    text = str(value or "").strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone or UTC)


def uid_for(row: dict) -> str:
    """The permanent UID of a row: its ``event_uid`` (else a hash) at the domain."""
    key = clean_text(row.get("event_uid") or "").strip()
    if not key:
        seed = f"{row['event_name']}|{row['event_dtstart']}".encode()
        key = "cle-" + hashlib.sha256(seed).hexdigest()[:24]
    return f"{key}@{UID_DOMAIN}"


def when_line(row: dict, zone: ZoneInfo | None) -> str:
    """The session's time as a reader of the description sees it."""
    name = zone.key if zone else "UTC"
    starts, ends = str(row["event_dtstart"]), row.get("event_dtend")
    return "When: " + format_range(starts, str(ends) if ends else None, name)


def build_event(row: dict, stamp: datetime) -> icalendar.Event | None:
    """The VEVENT of one row, or None when its start is unreadable."""
    zone = zone_of(row.get("event_timezone"))
    start = read_time(row["event_dtstart"], zone)
    if start is None:
        return None
    event = icalendar.Event()
    event.add("uid", uid_for(row))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    end = read_time(row.get("event_dtend"), zone)
    if end is not None and type(end) is type(start) and end > start:
        event.add("dtend", end)
    event.add("summary", clean_text(row["event_name"]))
    description = clean_text(row.get("event_description") or "")
    event.add("description", f"{when_line(row, zone)}\n{description}".strip())
    if row.get("event_location"):
        event.add("location", clean_text(row["event_location"]))
    url = clean_url(row.get("event_url"))
    if url:
        event.add("url", url)
    return event


def calendar_text(title: str, rows: list[dict], *, stamp: datetime | str) -> str:
    """A whole VCALENDAR (with the VTIMEZONEs its events use), CRLF-ended lines.

    :param stamp: the DTSTAMP of every event, aware or ``YYYYMMDDTHHMMSSZ``
    """
    if isinstance(stamp, str):
        stamp = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if title:
        # an X- property is not known to be TEXT: give it as one line of vText
        name = " ".join(clean_text(title).split())
        calendar.add("x-wr-calname", icalendar.vText(name))
    years = []
    for row in rows:
        event = build_event(row, stamp)
        if event is not None:
            calendar.add_component(event)
            years.append(event.DTSTART.year)
    if years:
        calendar.add_missing_timezones(
            first_date=date(min(years), 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    return calendar.to_ical().decode("utf-8")


def render_ics(datasette, request, database, table, rows, columns, query_name):
    """Render the rows of a table or query as an iCalendar feed."""
    from datasette.views.base import DatasetteError

    if not REQUIRED_COLUMNS.issubset(columns):
        names = ", ".join(sorted(REQUIRED_COLUMNS))
        raise DatasetteError(f"SQL query must return columns {names}", status=400)
    title = request.args.get("_ics_title") or table or ""
    if query_name:
        queries = (datasette.metadata(database=database) or {}).get("queries") or {}
        title = (queries.get(query_name) or {}).get("title") or title
    stamp = datetime.now(UTC).replace(microsecond=0)
    events = [dict(zip(columns, row, strict=True)) for row in rows]
    body = calendar_text(title, events, stamp=stamp)
    plain = request.args.get("_plain")
    content_type = "text/plain" if plain else "text/calendar"
    return Response(body, content_type=f"{content_type}; charset=utf-8", status=200)


def can_render_ics(columns):
    """Offer the ``.ics`` link only when the rows have the event columns."""
    return REQUIRED_COLUMNS.issubset(columns)


@hookimpl(trylast=True)
def register_output_renderer():
    """Register ``.ics`` (last, so it replaces datasette-ics's renderer)."""
    return {"extension": "ics", "render": render_ics, "can_render": can_render_ics}
