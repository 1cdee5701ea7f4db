"""iCalendar (RFC 5545) feeds: a small reader and the generic feed spider.

The reader handles what CLE calendars actually use: folded lines, escaped
text, ``TZID=`` parameters, UTC ``Z`` times, floating times (read in the
calendar's ``X-WR-TIMEZONE`` or the provider's zone) and ``VALUE=DATE`` all-day
events. It is shared by The Events Calendar's export, Wild Apricot's calendar
widget and plain feeds; recurrence rules are not expanded (CLE listings are
single sessions).

Registry use (no code)::

    - slug: flbar
      platform: ical
      start_urls: [https://www.floridabar.org/cle/calendar.ics]
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawlers.platforms.base import (
    CREDIT_LINE,
    PRICE_LINE,
    CleSpider,
    first_line,
    html_to_text,
    iso,
    presenters_in,
)

_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}
CANCELLED_TITLE = re.compile(r"^\s*(cancell?ed)\b\s*[:\-–]?\s*", re.IGNORECASE)


def unfold(text: str) -> list[str]:
    """Content lines with RFC 5545 folding (CRLF + space/tab) undone."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def split_line(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;PARAM=V:value`` → ``(NAME, {PARAM: V}, value)`` (quotes respected)."""
    in_quotes, colon = False, -1
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            colon = index
            break
    head, value = (line[:colon], line[colon + 1 :]) if colon >= 0 else (line, "")
    name, *params = head.split(";")
    parsed = {}
    for param in params:
        key, _, val = param.partition("=")
        parsed[key.upper()] = val.strip('"')
    return name.upper(), parsed, value


def unescape(value: str) -> str:
    """Decode TEXT escapes (``\\n``, ``\\,``, ``\\;``, ``\\\\``)."""
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), value)


def zone_or(name: str | None, default: str) -> ZoneInfo:
    """The IANA zone ``name``, or ``default`` when absent or not an IANA name."""
    for candidate in (name, default, "UTC"):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


def parse_moment(value: str, params: dict, default_tz: str) -> datetime | date:
    """A DATE-TIME (aware) or DATE value; floating times get ``default_tz``."""
    value = value.strip()
    if params.get("VALUE") == "DATE" or re.fullmatch(r"\d{8}", value):
        return datetime.strptime(value[:8], "%Y%m%d").date()
    moment = datetime.strptime(value.rstrip("Z")[:15], "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.replace(tzinfo=zone_or(params.get("TZID"), default_tz))


def parse_calendar(text: str, default_tz: str = "UTC") -> list[dict]:
    """Every VEVENT as a dict: uid, summary, description, location, url, status,
    categories, dtstart, dtend (aware datetime or date), tzid, comment, x (X- props).
    """
    lines = unfold(text)
    calendar_tz = default_tz
    for line in lines:
        name, _, value = split_line(line)
        if name == "X-WR-TIMEZONE" and value.strip():
            calendar_tz = value.strip()
            break
    events, current, depth = [], None, []
    for line in lines:
        name, params, value = split_line(line)
        if name == "BEGIN":
            depth.append(value.upper())
            if value.upper() == "VEVENT":
                current = {"categories": [], "x": {}}
            continue
        if name == "END":
            if depth and depth.pop() == "VEVENT" and current is not None:
                events.append(current)
                current = None
            continue
        if current is None or depth[-1:] != ["VEVENT"]:
            continue
        if name in ("DTSTART", "DTEND"):
            current[name.lower()] = parse_moment(value, params, calendar_tz)
            if name == "DTSTART":
                current["tzid"] = params.get("TZID")
        elif name == "CATEGORIES":
            current["categories"] += [unescape(c).strip() for c in value.split(",")]
        elif name.startswith("X-"):
            current["x"][name] = unescape(value)
        elif name in (
            "UID",
            "SUMMARY",
            "DESCRIPTION",
            "LOCATION",
            "URL",
            "STATUS",
            "COMMENT",
        ):
            current[name.lower()] = unescape(value).strip()
    return events


def event_times(event: dict, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
    """Start and end as aware datetimes; all-day dates become local midnights."""

    def as_datetime(value):
        if isinstance(value, datetime):
            return value.astimezone(zone)
        if isinstance(value, date):
            return datetime.combine(value, time(0), tzinfo=zone)
        return None

    return as_datetime(event.get("dtstart")), as_datetime(event.get("dtend"))


def is_cancelled(event: dict) -> bool:
    """True when STATUS is CANCELLED or the title starts with "CANCELED"."""
    return (event.get("status") or "").upper() == "CANCELLED" or bool(
        CANCELLED_TITLE.match(event.get("summary") or "")
    )


class IcalSpider(CleSpider):
    """Listings from an iCalendar feed; hooks: :meth:`listing_key`, :meth:`url_for`."""

    platform = "ical"

    def parse(self, response):
        """Yield one listing per VEVENT of the feed.

        @url https://www.floridabar.org/cle/calendar.ics
        @returns items 1
        @scrapes id title url provider starts_at
        """
        yield from self.parse_ics(response)

    def parse_ics(self, response, skip_keys: frozenset = frozenset()):
        """Listings from an ICS response, leaving out keys already seen elsewhere."""
        if not response.text.lstrip().startswith("BEGIN:VCALENDAR"):
            url = self.public_url(response)
            self.problem("not_calendar", f"{url} is not iCalendar")
            return
        events = parse_calendar(response.text, self.timezone)
        if not events:
            self.problem("no_listings", f"no events in {self.public_url(response)}")
        for event in events:
            if not event.get("summary") or not event.get("dtstart"):
                uid = event.get("uid")
                self.problem("missing_fields", f"event {uid} lacks title or start")
                continue
            if self.listing_key(event) in skip_keys:
                continue
            listing = self.post_process(
                self.event_listing(event, response), event, response
            )
            if listing:
                yield listing

    def listing_key(self, event: dict, response=None) -> str:
        """The provider key of an event (default: its UID without ``@host``)."""
        return (event.get("uid") or event["summary"]).split("@")[0]

    def url_for(self, event: dict, response) -> str:
        """The public page of an event (default: its URL, else the feed URL)."""
        return event.get("url") or self.public_url(response)

    def event_listing(self, event: dict, response) -> dict:
        """One interchange item from a parsed VEVENT."""
        zone = zone_or(event.get("tzid"), self.timezone)
        starts, ends = event_times(event, zone)
        description = html_to_text(event.get("description"))
        minutes = None
        if isinstance(event.get("dtstart"), datetime) and ends and starts:
            span = int((ends - starts).total_seconds() // 60)
            minutes = span if 0 < span < 24 * 60 else None
        return self.listing(
            key=self.listing_key(event),
            title=CANCELLED_TITLE.sub("", event["summary"]),
            url=self.url_for(event, response),
            description=description,
            starts_at=iso(starts),
            ends_at=iso(ends) if ends and ends > starts else None,
            timezone=zone.key,
            duration_minutes=minutes,
            location=event.get("location"),
            credit_text=first_line(description, CREDIT_LINE),
            price_text=first_line(description, PRICE_LINE),
            format=self.guess_format(
                " ".join([*event.get("categories", []), event.get("location") or ""])
            ),
            practice_areas=self.topics(event.get("categories", [])),
            presenters=presenters_in(description),
            status="cancelled" if is_cancelled(event) else None,
        )


BASE_SPIDER = IcalSpider
