"""YourMembership (YM): events RSS, the event list page and event detail pages.

Listing sources (research/providers.md sections 3 and 7; the YM API needs
credentials and is never used):

1. events RSS ``/resource/rss/events.rss`` (served from ``cdn.ymaws.com``):
   ``item`` with ``title``, ``link`` (the detail page), HTML ``description``,
   ``guid`` and ``pubDate`` in RFC 822 GMT, which YM fills with the event
   START, not the publication time;
2. the event list ``/events/event_list.asp``: ``table#EventList`` rows whose
   first cell holds the title link, the date line and a "Time:" detail (or the
   older ``div.UpcomingEvents`` blocks ``<p>M/D/YYYY<br><a>Title</a></p>``);
3. detail pages ``/events/EventDetails.aspx?id=<id>``: labelled rows (Date,
   Time, Location, Presenter, CLE Credit) and the registration fee table.

Every list entry is followed to its detail page with the list's fields as a
seed, so an entry whose detail page fails still yields a listing. The
scheduler's duplicate filter drops a detail page reached from both sources.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

from crawlers.platforms.base import (
    CREDIT_LINE,
    CleSpider,
    first_line,
    html_to_text,
    iso,
)

_EVENT_ID = re.compile(r"(?i)[?&]id=(\d+)")
#: YM writes a date range with a guillemet between its ends ("2/1/2019 &raquo;
#: 3/15/2019" on psichi.org, saved 2019: tests/fixtures/real/yourmembership/);
#: the shared date reader knows a dash there.
_GUILLEMET = re.compile(r"\s*(?:[»«]|&raquo;|&laquo;)\s*")


def dashed_range(text: str | None) -> str | None:
    """``when`` wording with a guillemet between two dates written as a dash."""
    return _GUILLEMET.sub(" - ", text).strip() if text else text


def event_id(url: str | None) -> str | None:
    """The YM event id in a detail URL (``EventDetails.aspx?id=1943210``)."""
    match = _EVENT_ID.search(url or "")
    return match.group(1) if match else None


def rss_entries(response) -> list[dict]:
    """Raw fields of each RSS ``item``: title, link, description HTML, start."""
    response.selector.remove_namespaces()
    entries = []
    for item in response.xpath("//channel/item"):
        published = item.xpath("pubDate/text()").get()
        try:
            start = parsedate_to_datetime(published) if published else None
        except (TypeError, ValueError):
            start = None
        entries.append(
            {
                "title": (item.xpath("title/text()").get() or "").strip(),
                "link": (item.xpath("link/text()").get() or "").strip(),
                "description": item.xpath("description/text()").get() or "",
                "start": start,
            }
        )
    return entries


def list_entries(response) -> list[dict]:
    """Raw fields of each event on ``event_list.asp`` (both YM list layouts)."""
    entries = []
    for cell in response.css("#EventList tbody tr td:first-child"):
        link = cell.css("a")
        lines = [t.strip() for t in cell.css("div ::text").getall() if t.strip()]
        title = " ".join(link.css("::text").getall()).strip()
        after_title = [line for line in lines if line != title]
        time_text = " ".join(cell.css(".EventTime ::text").getall()).strip()
        entries.append(
            {
                "title": title,
                "href": link.attrib.get("href"),
                "when_text": dashed_range(
                    " ".join(p for p in after_title[:1] + [time_text] if p)
                ),
            }
        )
    for block in response.css("div.UpcomingEvents p"):
        link = block.css("a")
        entries.append(
            {
                "title": " ".join(link.css("::text").getall()).strip(),
                "href": link.attrib.get("href"),
                "when_text": dashed_range(block.xpath("text()").get() or ""),
            }
        )
    return entries


def detail_fields(response) -> dict:
    """Labelled rows, description and fee rows of an EventDetails page."""
    labels = {}
    for row in response.css("table.EventDetails tr"):
        label = " ".join(row.css("td.label ::text").getall()).strip().rstrip(":")
        value = " ".join(" ".join(row.css("td.value ::text").getall()).split())
        if label and value:
            labels[label.lower()] = value
    fees = []
    for row in response.css("table#RegistrationFees tr"):
        cells = [
            " ".join(" ".join(td.css("::text").getall()).split())
            for td in row.css("td")
        ]
        if len(cells) >= 2 and all(cells[:2]):
            fees.append(f"{cells[0]}: {cells[1]}")
    return {
        "title": " ".join(response.css("h1.EventTitle ::text").getall()).strip(),
        "labels": labels,
        "description": html_to_text(
            " ".join(response.css("div.EventDescription").getall())
        ),
        "fees": "; ".join(fees),
    }


class YourMembershipSpider(CleSpider):
    """Listings from a YM events RSS and event list, completed by detail pages."""

    platform = "yourmembership"

    def parse(self, response):
        """Dispatch on the page: the events RSS or the event list.

        @url https://cdn.ymaws.com/www.nals.org/resource/rss/events.rss
        @returns requests 3 3
        """
        if response.text.lstrip().startswith("<?xml") or "<rss" in response.text[:500]:
            yield from self.parse_rss(response)
        else:
            yield from self.parse_event_list(response)

    def parse_rss(self, response):
        """Seed a listing from each RSS item (pubDate = start) and fetch its details."""
        response = self.as_page(response)
        entries = []
        for entry in rss_entries(response):
            start = entry["start"].astimezone(self.zone) if entry["start"] else None
            entries.append(
                {
                    "title": entry["title"],
                    "href": entry["link"],
                    "description": html_to_text(entry["description"]),
                    "starts_at": iso(start),
                }
            )
        yield from self.follow_entries(response, entries, self.parse_detail)

    def parse_event_list(self, response):
        """Seed a listing from each event-list entry and fetch its details."""
        response = self.as_page(response)
        yield from self.follow_entries(
            response, list_entries(response), self.parse_detail
        )

    def listing_key(self, raw: dict, response=None) -> str | None:
        """The YM event id of a detail link (``EventDetails.aspx?id=<id>``)."""
        return event_id(raw.get("href"))

    def parse_detail(self, response):
        """The listing: the seed completed by the detail page's labelled rows.

        @url https://www.nals.org/events/EventDetails.aspx?id=1943210
        @returns items 1 1
        @scrapes id title url credit_text price_text
        """
        response = self.as_page(response)
        seed = self.detail_seed(response)
        if seed is None:
            return
        fields = detail_fields(response)
        labels = fields["labels"]
        if not labels and not fields["description"]:
            self.problem("missing_fields", f"no event details at {response.url}")
            yield seed
            return
        description = fields["description"] or seed.get("description", "")
        when = " ".join(p for p in (labels.get("date"), labels.get("time")) if p)
        credit = labels.get("cle credit") or first_line(description, CREDIT_LINE)
        format_hint = labels.get("format") or labels.get("location")
        listing = self.complete(
            seed,
            response,
            title=fields["title"] or seed.get("title"),
            description=description,
            when_text=dashed_range(when or seed.get("when_text")),
            location=labels.get("location"),
            presenters=[labels["presenter"]] if labels.get("presenter") else None,
            credit_text=credit,
            price_text=fields["fees"] or None,
            format=self.guess_format(format_hint),
        )
        if listing:
            yield listing


BASE_SPIDER = YourMembershipSpider
