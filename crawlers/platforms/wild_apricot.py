"""Wild Apricot: calendar widget ICS and the upcoming-events list with detail pages.

Listing sources (research/providers.md section 7; the WA API needs a key and
is never used):

1. calendar widget ICS ``/widget/Calendar/<id>.ics`` (read by the shared
   iCalendar reader; WA writes Windows zone names such as "Pacific Standard
   Time" in TZID, which fall back to the provider's zone);
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
    seed_of,
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
    """Raw fields of each entry of an upcoming-events list page."""
    entries = []
    for box in response.css("#idUpcomingEventsContainer li.boxesListItem"):
        link = box.css("a.eventDetailsLink")
        entries.append(
            {
                "title": " ".join(link.css("::text").getall()).strip(),
                "href": link.attrib.get("href"),
                "date": " ".join(box.css(".eventInfoStartDate strong::text").getall()),
                "time": " ".join(
                    box.css(".eventInfoStartTime .eventInfoBoxValue ::text").getall()
                ),
                "location": " ".join(
                    box.css(".eventInfoLocation .eventInfoBoxValue ::text").getall()
                ),
            }
        )
    return entries


def labelled_lines(text: str) -> dict[str, str]:
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
        "labels": labelled_lines(description),
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
        if response.text.lstrip().startswith("BEGIN:VCALENDAR"):
            yield from self.parse_ics(response)
            return
        yield from self.parse_list(response)

    def listing_key(self, event: dict, response=None) -> str:
        """The WA event id from the event URL, else the UID."""
        return event_id(event.get("url")) or super().listing_key(event)

    def parse_list(self, response):
        """Follow each list entry to its detail page, carrying the list fields."""
        entries = list_entries(response)
        if not entries:
            self.problem("no_listings", f"no events in {self.public_url(response)}")
        for entry in entries:
            key = event_id(entry["href"])
            if not entry["title"] or not key:
                detail = entry["title"] or entry["href"] or "(empty entry)"
                self.problem("missing_fields", f"list entry {detail}: title or link")
                continue
            url = self.follow_url(response, entry["href"])
            seed = self.listing(
                key=key,
                title=entry["title"],
                url=url,
                when_text=" ".join(p for p in (entry["date"], entry["time"]) if p),
                location=entry["location"],
            )
            yield self.request(url, self.parse_detail, seed=seed)

    def parse_detail(self, response):
        """The listing: list fields completed by the detail page's wording.

        @url https://www.sfpa.com/event-5123401
        @returns items 1 1
        @scrapes id title url credit_text when_text
        """
        seed = seed_of(response) or self.listing(
            key=event_id(self.public_url(response)), url=self.public_url(response)
        )
        fields = detail_fields(response)
        if not fields["description"]:
            self.problem("missing_fields", f"no description at {response.url}")
            yield seed
            return
        labels = fields["labels"]
        description = fields["description"]
        yield {
            **seed,
            **self.listing(
                title=fields["title"] or seed.get("title"),
                description=description,
                when_text=labels.get("when") or seed.get("when_text"),
                location=labels.get("where") or seed.get("location"),
                credit_text=first_line(description, CREDIT_LINE),
                price_text=labels.get("cost")
                or fields["fees"]
                or first_line(description, PRICE_LINE),
                presenters=presenters_in(description),
            ),
        }


BASE_SPIDER = WildApricotSpider
