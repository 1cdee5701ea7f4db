"""Modern Events Calendar (MEC), the WordPress events plugin behind Clio's events.

The list page holds ``article.mec-event-article`` cards (title in
``h4.mec-event-title a``, h3/h2 in some skins); each card links to a single
event page that carries a JSON-LD ``Event`` and MEC's meta box (date, time,
cost, location, speakers). Markup as in the real clecpc.org pages of
tests/fixtures/real/modern_events_calendar/ (saved 2024) and in public
scrapers of MEC sites (providers.md sections 5 and 7); MEC's own ICS feed is
reported unreliable, so the HTML and JSON-LD are read instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote_plus

import icalendar
import recurring_ical_events

from crawlers.platforms.base import CleSpider, iso
from crawlers.platforms.ical import CANCELLED_TITLE
from crawlers.platforms.ical_zones import BAD_VALUE
from crawlers.platforms.jsonld import event_fields, listing_nodes, plain_text

#: Button wording on Clio's list: "Watch Now" opens a recording (public Clio scraper).
ON_DEMAND_BUTTONS = ("watch now", "watch on demand", "watch the recording")
_SESSION_TIMES = ("starts_at", "ends_at")
#: Card date and time across MEC skins: ".mec-event-d"/".mec-event-time" (list
#: skin), ".mec-event-date"/".mec-time-details" ("grid minimal" skin of
#: tests/fixtures/real/modern_events_calendar/clecpc-calendar-grid.html, 2024).
_CARD_DATE = (".mec-event-d ::text", ".mec-event-date ::text")
_CARD_TIME = (".mec-event-time ::text", ".mec-time-details ::text")
_CREDIT_SENTENCE = re.compile(r"\b(M?CLE|credit)\b", re.IGNORECASE)
#: MEC's JSON-LD may carry dates only ("startDate": "2024-02-01") while its
#: "Add to Google Calendar" link holds the session in UTC and any repeat rule
#: (tests/fixtures/real/modern_events_calendar/clecpc-police-discipline-work-
#: group.html, clecpc.org, saved 2024).
_GCAL_DATES = re.compile(r"[?&]dates=(\d{8}T\d{6}Z)/(\d{8}T\d{6}Z)")
_GCAL_RECUR = re.compile(r"[?&]recur=([^&]+)")
#: How far ahead a repeating event's sessions are listed, and at most how many.
HORIZON = timedelta(days=365)
MAX_SESSIONS = 100


def _text(selector) -> str:
    return plain_text(" ".join(selector.getall()))


def _first_text(selector, queries: tuple[str, ...]) -> str:
    """The text of the first query that matches anything."""
    for query in queries:
        text = _text(selector.css(query))
        if text:
            return text
    return ""


def list_cards(response) -> list[dict]:
    """The event cards of an MEC list page, in page order.

    Each dict has ``href`` (as written), ``title``, ``date_text``, ``time_text`` and
    ``button`` (the call-to-action wording, lower-cased).
    """
    cards = []
    for article in response.css("article.mec-event-article"):
        link = article.css(
            "h4.mec-event-title a, h3.mec-event-title a, h2.mec-event-title a"
        )
        href = link.attrib.get("href")
        title = _text(link.css("::text"))
        if not href or not title:
            continue
        cards.append(
            {
                "href": href,
                "title": title,
                "date_text": _first_text(article, _CARD_DATE),
                "time_text": _first_text(article, _CARD_TIME),
                "button": _text(article.css(".mec-booking-button ::text")).lower(),
            }
        )
    return cards


def credit_sentence(response) -> str | None:
    """The first paragraph of the event description that speaks of CLE credit."""
    paragraphs = ".mec-single-event-description p, .mec-events-content p"
    for paragraph in response.css(paragraphs):
        text = _text(paragraph.css("::text"))
        if _CREDIT_SENTENCE.search(text):
            return text
    return None


def event_page(response) -> dict:
    """Raw interchange fields of an MEC single-event page (JSON-LD + meta box)."""
    nodes = listing_nodes(response.text)
    fields = event_fields(nodes[0]) if nodes else {}
    title = _text(response.css("h1.mec-single-title ::text"))
    if title:
        fields["title"] = title
    date_text = _text(response.css(".mec-single-event-date dd ::text"))
    time_text = _text(response.css(".mec-single-event-time dd ::text"))
    when = " ".join(part for part in (date_text, time_text) if part)
    speakers = [
        plain_text(name)
        for name in response.css(".mec-single-event-organizer dd ::text").getall()
        if plain_text(name)
    ]
    extra = {
        "when_text": when,
        "price_text": _text(response.css("dd.mec-events-event-cost ::text")),
        "location": _text(response.css(".mec-single-event-location dd ::text")),
        "credit_text": credit_sentence(response),
        "presenters": speakers,
    }
    fields.update({key: value for key, value in extra.items() if value})
    return fields


def export_session(response) -> tuple[datetime, datetime, str | None] | None:
    """``(start, end, repeat rule)`` of the page's Google Calendar link, in UTC."""
    for href in response.css("a.mec-events-gcal::attr(href)").getall():
        dates = _GCAL_DATES.search(href)
        if not dates:
            continue
        start, end = (
            datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            for value in dates.groups()
        )
        recur = _GCAL_RECUR.search(href)
        return start, end, unquote_plus(recur.group(1)) if recur else None
    return None


def series_spans(start, end, rule: str, window) -> list[tuple[datetime, datetime]]:
    """``(start, end)`` of each repeat of an RRULE within ``window`` (UTC).

    :raises ValueError: for a rule the iCalendar library cannot read
    """
    event = icalendar.Event()
    event.add("uid", "mec-series")
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", icalendar.vRecur.from_ical(rule.removeprefix("RRULE:")))
    calendar = icalendar.Calendar()
    calendar.add_component(event)
    repeats = recurring_ical_events.of(calendar).between(*window)
    return [(r["DTSTART"].dt, r["DTEND"].dt) for r in repeats][:MAX_SESSIONS]


def is_on_demand(card: dict) -> bool:
    """Whether a list card is a recording rather than a scheduled event."""
    return card.get("button", "") in ON_DEMAND_BUTTONS or card.get(
        "date_text", ""
    ).lower().startswith("recorded")


class MecEventsSpider(CleSpider):
    """List page → single event pages of a Modern Events Calendar site."""

    platform = "modern_events_calendar"

    def parse(self, response):
        """Follow every card on the list page to its event page.

        @url https://www.clio.com/events/
        @returns requests 5 5
        @returns items 0 0
        """
        response = self.as_page(response)
        cards = list_cards(response)
        if not cards and not response.css(".mec-no-event"):
            self.problem("no_listings", f"no MEC event cards on {response.url}")
        for card in cards:
            url = self.follow_url(response, card["href"])
            card = {**card, "url": url}
            seed = self.card_listing(card, {"url": url, "title": card["title"]})
            yield self.request(
                url, self.parse_event, cb_kwargs={"card": card}, seed=seed
            )

    def parse_event(self, response, card: dict):
        """Yield the listing of one event page, shaped by its list card.

        @url https://www.clio.com/events/cliocon/
        @cb_kwargs {"card": {}}
        @returns items 1 1
        @scrapes id title url starts_at ends_at format credit_text price_text
        """
        response = self.as_page(response)
        card = {"url": self.public_url(response), **card}
        fields = {**event_page(response), "url": card["url"]}
        fields.setdefault("title", card.get("title"))
        if not listing_nodes(response.text):
            self.problem("missing_fields", f"no JSON-LD Event on {card['url']}")
        if not fields.get("title"):
            self.problem("missing_fields", f"no title on {card['url']}")
            return
        sessions = [(None, {})]
        if "starts_at" not in fields:
            sessions = self.exported_sessions(response, card["url"]) or sessions
        for index, (suffix, times) in enumerate(sessions):
            session = {**fields, **times}
            if index:  # the page's date wording is the first session's
                session.pop("when_text", None)
            session_card = {**card, "session": suffix} if suffix else card
            listing = self.card_listing(session_card, session)
            listing = self.post_process(listing, card, response)
            if listing:
                yield listing

    def exported_sessions(self, response, url: str) -> list[tuple[str | None, dict]]:
        """``(id suffix, start and end)`` of each session of the export link.

        Times are shown in the provider zone. A repeating event gives one
        session per repeat within a year of the run date, each with its date as
        id suffix; a rule that cannot be read keeps the first session and is
        counted.
        """
        exported = export_session(response)
        if exported is None:
            return []
        start, end, rule = exported
        spans = [(start, end)]
        if rule:
            first = datetime.fromisoformat(self.run_date).replace(tzinfo=UTC)
            try:
                # Repeats keep the local clock time the page prints ("6:30 pm"),
                # so the rule is expanded in the provider's zone, not in UTC.
                local = (start.astimezone(self.zone), end.astimezone(self.zone))
                spans = series_spans(*local, rule, (first, first + HORIZON))
            except BAD_VALUE as exc:
                self.problem("bad_repeat_rule", f"{url}: {rule}: {exc}")
                rule = None
        sessions = []
        for begin, finish in spans:
            local = begin.astimezone(self.zone)
            times = {
                "starts_at": iso(local),
                "ends_at": iso(finish.astimezone(self.zone))
                if finish > begin
                else None,
            }
            sessions.append((local.strftime("%Y%m%d") if rule else None, times))
        return sessions

    def card_listing(self, card: dict, fields: dict) -> dict:
        """The listing for a card with the fields read so far."""
        if is_on_demand(card):
            # A recording: MEC keeps the recording date in startDate, which is
            # not a session time; the card's "Recorded <date>" is kept as text.
            fields = {k: v for k, v in fields.items() if k not in _SESSION_TIMES}
            fields["format"] = "on_demand"
            fields["when_text"] = card.get("date_text") or fields.get("when_text")
        elif "when_text" not in fields:
            parts = (card.get("date_text"), card.get("time_text"))
            fields["when_text"] = " ".join(part for part in parts if part)
        title = fields.get("title") or ""
        if CANCELLED_TITLE.match(title):  # "Cancelled: Rules Committee ..." (grid)
            fields = {**fields, "title": CANCELLED_TITLE.sub("", title)}
            fields["status"] = "cancelled"
        return self.listing(key=self.listing_key(card), **fields)

    def listing_key(self, card: dict, response=None) -> str:
        """The provider key of an event: the last segment of its URL path, and
        the session's date for one session of a repeating event."""
        key = card["url"].split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        return f"{key}-{card['session']}" if card.get("session") else key


BASE_SPIDER = MecEventsSpider
