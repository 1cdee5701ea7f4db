"""The ``.ics`` output: an RFC 5545 calendar from any query with event columns.

It reads the same columns as datasette-ics (``event_name``, ``event_dtstart``,
optional ``event_dtend``, ``event_uid``, ``event_description``) plus
``event_location`` and ``event_url``, and writes what datasette-ics 0.5.2
leaves out: a DTSTAMP on every event (RFC 5545 section 3.6.1 requires it),
LOCATION, URL, and 75-octet line folding. Registered ``trylast`` so it is the
``ics`` renderer even while datasette-ics is installed.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

from datasette import hookimpl
from datasette.utils.asgi import Response

REQUIRED_COLUMNS = {"event_name", "event_dtstart"}
PRODUCT_ID = "-//cle//CLE catalog for paralegals//EN"
#: RFC 5545 section 3.1: content lines are folded at 75 octets.
LINE_OCTETS = 75


def escape_text(value: object) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(raw, escaped)
    return text


def fold(line: str) -> str:
    """Fold one content line into pieces of at most 75 octets, CRLF-separated."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = LINE_OCTETS if not pieces else LINE_OCTETS - 1  # leading space
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def ics_time(value: object) -> tuple[str, str] | None:
    """Turn a start or end into ``(parameters, value)``, or None when unreadable.

    Instants are written in UTC (``...Z``), so no VTIMEZONE is needed; a naive
    time is taken as UTC; a bare date becomes an all-day ``VALUE=DATE``.
    """
    text = str(value or "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return ";VALUE=DATE", date.fromisoformat(text).strftime("%Y%m%d")
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return "", instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(row: dict, stamp: str) -> list[str]:
    """The VEVENT lines of one row, or nothing when its start is unreadable."""
    start = ics_time(row["event_dtstart"])
    if start is None:
        return []
    uid = row.get("event_uid")
    if not uid:
        key = f"{row['event_name']}|{row['event_dtstart']}".encode()
        uid = "cle-" + hashlib.sha1(key).hexdigest()
    lines = [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART{start[0]}:{start[1]}",
    ]
    end = ics_time(row.get("event_dtend"))
    if end is not None and end[0] == start[0] and end[1] > start[1]:
        lines.append(f"DTEND{end[0]}:{end[1]}")
    lines.append(f"SUMMARY:{escape_text(row['event_name'])}")
    for column, name in (
        ("event_description", "DESCRIPTION"),
        ("event_location", "LOCATION"),
    ):
        if row.get(column):
            lines.append(f"{name}:{escape_text(row[column])}")
    if row.get("event_url"):
        lines.append(f"URL:{row['event_url']}")
    lines.append("END:VEVENT")
    return lines


def calendar_text(title: str, rows: list[dict], *, stamp: str) -> str:
    """A whole VCALENDAR, lines folded and ended with CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if title:
        lines.append(f"X-WR-CALNAME:{escape_text(title)}")
    for row in rows:
        lines.extend(event_lines(row, stamp))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


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
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
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
