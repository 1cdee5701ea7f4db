"""The Events Calendar (WordPress "Tribe" plugin): REST API pages and ICS export.

Listing sources, best first (research/providers.md section 7):

1. REST ``/wp-json/tribe/events/v1/events?per_page=N``: ``{events, total,
   total_pages, next_rest_url}``; each event has ``id`` (the post id),
   ``title``, ``description`` (HTML), ``url``, ``utc_start_date``/
   ``utc_end_date`` (``YYYY-MM-DD HH:MM:SS`` in UTC), ``timezone``, ``all_day``,
   ``cost``, ``categories``, ``venue``. Pages are followed by ``next_rest_url``.
2. ICS export ``/events/?ical=1`` (PRODID contains ``ECPv6``; UID is
   ``<post id>-<start>-<end>@<host>``). Fetched after the last REST page (or
   when the REST API fails, as WAFs sometimes block one of the two); it adds
   only events the REST pages did not list.

Registry options: ``ics_url`` (the export to read after/instead of REST).
Hooks: ``listing_key`` (ICS events) and ``post_process`` (every listing).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from html import unescape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crawlers.platforms.base import (
    CREDIT_LINE,
    first_line,
    html_to_text,
    presenters_in,
)
from crawlers.platforms.ical import CANCELLED_TITLE, IcalSpider, zone_or

#: A site set to a manual offset instead of a city: TEC writes "UTC" and the
#: WordPress offset ("UTC+0" is the REST ``timezone`` of event 6178 in
#: tests/fixtures/real/events_calendar/atlbyday-event-6178.json, atlbyday.com,
#: 2018); "UTC-5", "UTC+5:30" and the decimal "UTC+5.5" are read alike.
_MANUAL_OFFSET = re.compile(r"^UTC([+-])(\d{1,2})(?:([:.])(\d{1,2}))?$")
#: An end this long after the start is no session end: TEC REST exports keep
#: placeholder ends (event 6178 above: a ball game "ending" in 2067).
MAX_SPAN = timedelta(days=366)


def rest_events(text: str) -> tuple[list[dict], str | None, int | None]:
    """``(events, next_rest_url, total_pages)`` from one REST page.

    :raises ValueError: when the page is not a TEC events response
    """
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise ValueError("no 'events' list in the response")
    return data["events"], data.get("next_rest_url"), data.get("total_pages")


def utc_moment(value: str | None) -> datetime | None:
    """A TEC ``utc_*_date`` string (``YYYY-MM-DD HH:MM:SS``) as an aware datetime."""
    if not value:
        return None
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def site_zone(name: str | None, default: str) -> tuple[tzinfo, str]:
    """The zone of a REST ``timezone`` value and its name for the listing.

    A manual offset is a fixed offset: ``"UTC-5"`` is ``Etc/GMT+5`` (IANA signs
    are inverted), ``"UTC+0"`` is ``UTC``, a fractional one keeps its text form
    (``"UTC+05:30"``, no IANA name exists); any other value is an IANA name, or
    ``default`` when it is not one.
    """
    match = _MANUAL_OFFSET.match((name or "").strip())
    if not match:
        zone = zone_or(name, default)
        return zone, zone.key
    sign, hours, separator, part = match.groups()
    if separator == ".":  # WordPress's offset setting is decimal: 5.5 is +05:30
        minutes = round(float(f"0.{part}") * 60)
    else:
        minutes = int(part or 0)
    offset = timedelta(hours=int(hours), minutes=minutes)
    offset = -offset if sign == "-" else offset
    if not offset:
        return UTC, "UTC"
    if not minutes:
        etc = f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}"
        try:
            return ZoneInfo(etc), etc
        except (ZoneInfoNotFoundError, ValueError):
            pass
    label = f"UTC{sign}{int(hours):02d}:{minutes:02d}"
    return timezone(offset, label), label


def cost_text(value) -> str:
    """A REST ``cost`` as plain text, entities decoded (``&#36;25`` → ``$25``)."""
    text = str(value or "")
    for _ in range(2):  # at most twice: "&amp;#36;25" is "&#36;25" escaped again
        decoded = unescape(text)
        if decoded == text:
            break
        text = decoded
    return html_to_text(text.replace("&", "&amp;"))


def local_iso(moment: datetime | None, zone) -> str | None:
    """An aware datetime shown in ``zone`` as ISO 8601 with offset."""
    return moment.astimezone(zone).isoformat() if moment else None


def venue_text(venue) -> str | None:
    """``Venue, City, ST`` from a TEC venue object (an empty list means none)."""
    if not isinstance(venue, dict) or not venue:
        return None
    state = venue.get("state") or venue.get("province")
    parts = [venue.get("venue"), venue.get("city"), state]
    text = ", ".join(unescape(p).strip() for p in parts if p)
    return text or None


class EventsCalendarSpider(IcalSpider):
    """Listings from The Events Calendar's REST API, then its ICS export."""

    platform = "events_calendar"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rest_keys: set[str] = set()
        self.ics_requested = False

    def parse(self, response):
        """Parse one REST page; follow ``next_rest_url``; then the ICS export.

        @url https://txpd.org/wp-json/tribe/events/v1/events?per_page=4
        @returns items 4 4
        @returns requests 1 1
        @scrapes id title url provider starts_at price_text
        """
        url = self.public_url(response)
        try:
            events, next_url, total_pages = rest_events(response.text)
        except ValueError as exc:
            self.problem("bad_json", f"{url}: {exc}")
            yield from self.ics_request()
            return
        if not events:
            self.problem("no_listings", f"no events in {url}")
        for event in events:
            if not event.get("title") or not event.get("utc_start_date"):
                self.problem("missing_fields", f"event {event.get('id')} at {url}")
                continue
            self.rest_keys.add(self.listing_key(event))
            listing = self.post_process(self.rest_listing(event), event, response)
            if listing:
                yield listing
        if next_url:
            yield self.request(next_url, self.parse)
        else:
            yield from self.ics_request()

    def ics_request(self):
        """The request for the ICS export, once (nothing if none is configured)."""
        ics_url = self.options.get("ics_url")
        if ics_url and not self.ics_requested:
            self.ics_requested = True
            yield self.request(ics_url, self.parse_export)

    def parse_export(self, response):
        """Events of the ICS export that the REST pages did not list."""
        yield from self.parse_ics(response, skip_keys=frozenset(self.rest_keys))

    def on_error(self, failure):
        """Count the failure; if a REST page failed, fall back to the ICS export."""
        yield from super().on_error(failure)
        if failure.request.callback == self.parse:
            yield from self.ics_request()

    def listing_key(self, event: dict, response=None) -> str:
        """The post id: a REST event's ``id``, or an ICS UID's part before a dash."""
        if "id" in event:
            return str(event["id"])
        uid = (event.get("uid") or "").split("-")[0]
        return uid if uid.strip() else super().listing_key(event)

    def session_end(self, event: dict, starts, ends):
        """The end, unless it is missing, not after the start or a placeholder."""
        if not ends or not starts or ends <= starts:
            return None
        if ends - starts > MAX_SPAN:
            self.problem("placeholder_end", f"event {event.get('id')}: end {ends}")
            return None
        return ends

    def _practice_areas(self, event: dict) -> list[str]:
        """Category names that are not formats ("Webinar") are practice areas."""
        names = [unescape(c.get("name", "")) for c in event.get("categories") or []]
        return self.topics(names)

    def rest_listing(self, event: dict) -> dict:
        """One interchange item from a REST event object."""
        zone, zone_name = site_zone(event.get("timezone"), self.timezone)
        starts = utc_moment(event.get("utc_start_date"))
        ends = self.session_end(event, starts, utc_moment(event.get("utc_end_date")))
        description = html_to_text(event.get("description"))
        title = unescape(event["title"])
        categories = " ".join(c.get("name", "") for c in event.get("categories") or [])
        cancelled = bool(CANCELLED_TITLE.match(title)) or (
            str(event.get("status", "")).lower() in ("canceled", "cancelled")
        )
        return self.listing(
            key=self.listing_key(event),
            title=CANCELLED_TITLE.sub("", title),
            url=event.get("url") or self.provider.site,
            description=description,
            starts_at=local_iso(starts, zone),
            ends_at=local_iso(ends, zone),
            timezone=zone_name,
            location=venue_text(event.get("venue")),
            format=self.guess_format(categories)
            or ("in_person" if venue_text(event.get("venue")) else None),
            credit_text=first_line(description, CREDIT_LINE),
            price_text=cost_text(event.get("cost")),
            practice_areas=self._practice_areas(event),
            presenters=presenters_in(description),
            status="cancelled" if cancelled else None,
        )


BASE_SPIDER = EventsCalendarSpider
