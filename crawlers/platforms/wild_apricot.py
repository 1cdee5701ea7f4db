"""Wild Apricot: calendar widget ICS and the upcoming-events list with detail pages.

Listing sources (research/providers.md section 7; the WA API needs a key and
is never used):

1. calendar widget ICS ``/widget/Calendar/<id>.ics`` (read by the shared
   iCalendar reader, which maps the Windows zone names WA writes in TZID,
   such as "Pacific Standard Time");
2. the upcoming-events list: ``#idUpcomingEventsContainer li.boxesListItem``,
   title link ``a.eventDetailsLink`` (``/event-<id>``), date in
   ``.eventInfoStartDate strong``, time and location in
   ``.eventInfoStartTime``/``.eventInfoLocation`` ``.eventInfoBoxValue``;
3. the detail page ``/event-<id>``: description with the organisers' own
   "When:", "Where:", "MCLE Credit:" and "Cost:" lines, and registration types.

A start URL ending in ``.ics`` is read as a calendar, any other as a list page.
"""

from __future__ import annotations

import re

from crawlers.platforms.base import (
    CREDIT_LINE,
    PRICE_LINE,
    first_line,
    html_to_text,
    presenters_in,
    selector_text,
)
from crawlers.platforms.ical import IcalSpider

_EVENT_ID = re.compile(r"/event-(\d+)")
_LABEL = re.compile(r"(?i)^\s*(when|where|cost|fee|price)\s*:\s*(.*)$")
#: What a second "When:" line starts with (a weekday or a time) and a second
#: "Where:" line (a street number).
_CONTINUES = {
    "when": re.compile(r"(?i)^\s*(\w+day\b|noon\b|\d{1,2}(:\d\d)?\s*([ap]\.?m|-|–))"),
    "where": re.compile(r"^\s*\d+\s+\w"),
}


def event_id(url: str | None) -> str | None:
    """The numeric id in a WA event URL (``/event-4567890``)."""
    match = _EVENT_ID.search(url or "")
    return match.group(1) if match else None


def list_entries(response) -> list[dict]:
    """Raw fields of each entry of an upcoming-events list page: ``title``,
    ``href``, ``when_text`` (date and time) and ``location``."""
    entries = []
    for box in response.css("#idUpcomingEventsContainer li.boxesListItem"):
        link = box.css("a.eventDetailsLink")
        date = selector_text(box.css(".eventInfoStartDate strong::text"))
        # A multi-day event adds li.eventInfoEndDate (as read by public WA
        # scrapers; no saved WA page was found to confirm it).
        end = selector_text(box.css(".eventInfoEndDate .eventInfoBoxValue ::text"))
        if end:
            date = f"{date} - {end}"
        time = selector_text(box.css(".eventInfoStartTime .eventInfoBoxValue ::text"))
        entries.append(
            {
                "title": selector_text(link.css("::text")),
                "href": link.attrib.get("href"),
                "when_text": " ".join(part for part in (date, time) if part),
                "location": selector_text(
                    box.css(".eventInfoLocation .eventInfoBoxValue ::text")
                ),
            }
        )
    return entries


def detail_labels(text: str) -> dict[str, str]:
    """``{"when": ..., "where": ..., "cost": ...}`` from "Label: value" lines.

    A "When:"/"Where:" value continues on the next line when that line holds
    the weekday and time, or the street (SFPA writes "When: 6/20/2017" then
    "Tuesday, Noon- 1:30pm" on a line of its own).
    """
    found: dict[str, str] = {}
    lines = (text or "").splitlines()
    for index, line in enumerate(lines):
        match = _LABEL.match(line)
        if not match:
            continue
        label, value = match.group(1).lower(), match.group(2).strip()
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if label in _CONTINUES and _CONTINUES[label].match(following):
            joiner = ", " if label == "where" else " "
            value = f"{value}{joiner}{following.strip()}"
        key = "cost" if label in ("fee", "price") else label
        found.setdefault(key, value)
    return found


def detail_fields(response) -> dict:
    """Raw fields of an event detail page: description, labelled lines, fees."""
    html = " ".join(response.css(".eventDetailsDescription").getall())
    description = html_to_text(html)
    fees = [
        " ".join(" ".join(li.css("::text").getall()).split())
        for li in response.css("#idEventRegistrationTypes li")
    ]
    return {
        "title": " ".join(response.css("h1.pageTitle ::text").getall()).strip(),
        "description": description,
        "labels": detail_labels(description),
        "fees": "; ".join(fee for fee in fees if fee),
    }


class WildApricotSpider(IcalSpider):
    """Listings from a WA calendar ICS, or a WA list page followed to its details."""

    platform = "wild_apricot"

    def parse(self, response):
        """Dispatch: an ICS calendar, or an upcoming-events list page.

        @url https://www.sfpa.com/events
        @returns requests 1
        """
        if response.text.lstrip("\ufeff \t\r\n").startswith("BEGIN:VCALENDAR"):
            yield from self.parse_ics(response)
            return
        yield from self.parse_list(response)

    def listing_key(self, raw: dict, response=None) -> str | None:
        """The WA event id from the event URL (ICS) or link (list), else the UID."""
        key = event_id(raw.get("url") or raw.get("href"))
        if key or "href" in raw:
            return key
        return super().listing_key(raw)

    def parse_list(self, response):
        """Follow each list entry to its detail page, carrying the list fields."""
        response = self.as_page(response)
        yield from self.follow_entries(
            response, list_entries(response), self.parse_detail
        )

    def parse_detail(self, response):
        """The listing: list fields completed by the detail page's wording.

        @url https://www.sfpa.com/event-5123401
        @returns items 1 1
        @scrapes id title url credit_text when_text
        """
        response = self.as_page(response)
        seed = self.detail_seed(response)
        if seed is None:
            return
        fields = detail_fields(response)
        if not fields["description"]:
            self.problem("missing_fields", f"no description at {response.url}")
            yield seed
            return
        labels = fields["labels"]
        description = fields["description"]
        listing = self.complete(
            seed,
            response,
            title=fields["title"] or seed.get("title"),
            description=description,
            when_text=labels.get("when") or seed.get("when_text"),
            location=labels.get("where") or seed.get("location"),
            credit_text=first_line(description, CREDIT_LINE),
            price_text=labels.get("cost")
            or fields["fees"]
            or first_line(description, PRICE_LINE),
            presenters=presenters_in(description),
        )
        if listing:
            yield listing


BASE_SPIDER = WildApricotSpider
