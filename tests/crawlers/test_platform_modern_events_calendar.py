"""Modern Events Calendar extraction (Clio's events) on bundled and broken pages."""

from __future__ import annotations

from dataclasses import replace

from scrapy.http import HtmlResponse
from w3lib.url import canonicalize_url

from crawlers.offline import Page, load_manifest, replay, spider_class
from crawlers.platforms.modern_events_calendar import (
    event_page,
    is_on_demand,
    list_cards,
)

EVENTS = "https://www.clio.com/events/"


def html(url: str, body: str) -> HtmlResponse:
    """A response for a hand-written page fragment."""
    return HtmlResponse(url, body=body.encode(), encoding="utf-8")


def test_list_cards_reads_every_article_in_page_order(page_response):
    cards = list_cards(page_response("clio", EVENTS))
    assert [card["href"].rsplit("/", 2)[-2] for card in cards] == [
        "ai-ethics-for-paralegals",
        "calendaring-court-deadlines",
        "client-intake-automation",
        "trust-accounting-basics",
        "cliocon",
    ]
    assert cards[0]["date_text"] == "December 9, 2026"
    assert cards[0]["time_text"] == "12:00 pm - 1:00 pm PT"
    assert cards[3]["button"] == "watch now"


def test_watch_now_and_recorded_cards_are_on_demand():
    assert is_on_demand({"button": "watch now"})
    assert is_on_demand({"button": "", "date_text": "Recorded October 8, 2026"})
    assert not is_on_demand({"button": "register now", "date_text": "May 1, 2027"})


def test_list_cards_accepts_h3_titles_and_skips_cards_without_links():
    page = html(
        EVENTS,
        """<article class="mec-event-article"><h3 class="mec-event-title">
        <a href="/events/a/">A talk</a></h3></article>
        <article class="mec-event-article"><h4 class="mec-event-title">No link</h4>
        </article>""",
    )
    assert [card["title"] for card in list_cards(page)] == ["A talk"]


def test_event_page_takes_times_from_json_ld_and_wording_from_the_meta_box(
    page_response,
):
    fields = event_page(page_response("clio", EVENTS + "ai-ethics-for-paralegals/"))
    assert fields["starts_at"] == "2026-12-09T12:00:00-08:00"
    assert fields["ends_at"] == "2026-12-09T13:00:00-08:00"
    assert fields["format"] == "live_webinar"
    assert fields["price_usd"] == 0
    assert fields["price_text"] == "Free"
    assert fields["when_text"] == "December 9, 2026 12:00 pm - 1:00 pm PT"
    assert fields["credit_text"].startswith("This webinar is eligible for 1.0 hour")
    assert fields["presenters"] == ["Joshua Lenon", "Priya Raman"]


def test_cancelled_event_status_and_multi_day_hybrid_conference(page_response):
    cancelled = event_page(page_response("clio", EVENTS + "client-intake-automation/"))
    assert cancelled["status"] == "cancelled"
    cliocon = event_page(page_response("clio", EVENTS + "cliocon/"))
    assert cliocon["format"] == "hybrid"
    assert cliocon["starts_at"][:10] == "2027-10-12"
    assert cliocon["ends_at"][:10] == "2027-10-13"
    assert cliocon["location"] == "Boston, MA"
    assert "pending" in cliocon["credit_text"]


def test_event_page_without_json_ld_keeps_the_printed_wording():
    page = html(
        EVENTS + "x/",
        """<h1 class="mec-single-title">Plain</h1>
        <div class="mec-single-event-date"><dd>March 3, 2027</dd></div>
        <div class="mec-single-event-description"><p>Intro.</p>
        <p>Approved for 1.0 CLE credit.</p></div>""",
    )
    fields = event_page(page)
    assert fields == {
        "title": "Plain",
        "when_text": "March 3, 2027",
        "credit_text": "Approved for 1.0 CLE credit.",
    }


def test_on_demand_listing_drops_the_recording_time():
    items = {item["id"]: item for item in replay(spider_class("clio")())}
    recording = items["clio:trust-accounting-basics"]
    assert recording["format"] == "on_demand"
    assert recording["when_text"] == "Recorded October 8, 2026"
    assert "starts_at" not in recording and "ends_at" not in recording


def test_a_broken_event_page_still_yields_the_card_listing():
    manifest = load_manifest("clio")
    broken = canonicalize_url(EVENTS + "calendaring-court-deadlines/")
    page = Page("event-calendaring-court-deadlines.html", 500)
    manifest = replace(manifest, pages={**manifest.pages, broken: page})
    spider = spider_class("clio")()
    items = {item["id"]: item for item in replay(spider, manifest)}
    assert len(items) == 5
    seed = items["clio:calendaring-court-deadlines"]
    assert seed["title"] == "Calendaring Court Deadlines Without Malpractice Risk"
    assert seed["when_text"] == "January 14, 2027 11:00 am - 12:30 pm ET"
    assert any("HTTP 500" in problem for problem in spider.problems)


def test_truncated_list_page_is_reported_not_raised():
    spider = spider_class("clio")()
    page = html(EVENTS, "<html><body><div class='mec-wrap'><article class=")
    assert list(spider.parse(page)) == []
    assert spider.problems and spider.problems[0].startswith("no_listings")


def test_an_unreadable_repeat_rule_keeps_the_first_session_and_is_counted():
    from scrapy.http import HtmlResponse

    from crawlers.offline import spider_class

    link = (
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
        "&dates=20270105T170000Z/20270105T180000Z&recur=RRULE%3AFREQ%3DSOMETIMES"
    )
    html = f"""<html><h1 class="mec-single-title">Ethics hour</h1>
      <a class="mec-events-gcal" href="{link}">+ Add to Google Calendar</a></html>"""
    url = "https://www.clio.com/events/ethics-hour/"
    spider = spider_class("clio")(run_date="2026-12-01")
    response = HtmlResponse(url, body=html.encode(), encoding="utf-8")
    (item,) = spider.parse_event(response, card={})
    assert item["id"] == "clio:ethics-hour"
    assert item["starts_at"] == "2027-01-05T09:00:00-08:00"
    assert item["ends_at"] == "2027-01-05T10:00:00-08:00"
    assert any(p.startswith("bad_repeat_rule") for p in spider.problems)
