"""Wild Apricot: calendar ICS (ocpa) and list + detail pages (sfpa)."""

from __future__ import annotations

from scrapy.http import HtmlResponse

from crawlers.offline import replay
from crawlers.platforms.wild_apricot import detail_labels, event_id, list_entries
from crawlers.spiders.registered import OcpaSpider, SfpaSpider


def test_event_id_from_urls():
    assert event_id("https://www.sfpa.com/event-5123401") == "5123401"
    assert event_id("/event-42/Registration") == "42"
    assert event_id("/page-1381931") is None


def test_list_entries_read_the_upcoming_events_markup(page_response):
    entries = list_entries(page_response("sfpa", "https://www.sfpa.com/events"))
    assert len(entries) == 4
    assert entries[0] == {
        "title": "Lunch & Learn: Employment Law Update for Paralegals",
        "href": "/event-5123401",
        "when_text": "12/8/2026 12:00 PM - 1:30 PM",
        "location": "Legal Aid At Work, San Francisco",
    }


def test_detail_labels_continue_when_and_where_on_the_next_line():
    text = (
        "When: 6/20/2017\nTuesday, Noon- 1:30pm\nWhere: Legal Aid At Work\n"
        "180 Montgomery Street, 6th Floor, San Francisco\nA talk about wages.\n"
        "Fee: $20"
    )
    assert detail_labels(text) == {
        "when": "6/20/2017 Tuesday, Noon- 1:30pm",
        "where": "Legal Aid At Work, 180 Montgomery Street, 6th Floor, San Francisco",
        "cost": "$20",
    }


def test_where_does_not_swallow_the_description():
    assert detail_labels("Where: Zoom\nConflicts checks and walls.") == {
        "where": "Zoom"
    }


def test_sfpa_listings_keep_the_published_credit_and_when_wording():
    items = {i["id"]: i for i in replay(SfpaSpider(run_date="2026-11-20"))}
    lunch = items["sfpa:5123401"]
    wording = "MCLE Credit: Lecture approved for 1.5 hours MCLE Credit"
    assert lunch["credit_text"] == wording
    assert lunch["when_text"] == "12/8/2026 Tuesday, Noon- 1:30pm"
    assert lunch["timezone"] == "America/Los_Angeles"
    assert items["sfpa:5123455"]["credit_text"].startswith("MCLE Pending approval")
    assert items["sfpa:5123512"]["when_text"].endswith("PT")
    assert "Non-member - $25.00" in items["sfpa:5123512"]["price_text"]


def test_a_detail_page_without_description_keeps_the_list_entry():
    spider = SfpaSpider(run_date="2026-11-20")
    list_page = HtmlResponse(
        "https://www.sfpa.com/events",
        body=b'<div id="idUpcomingEventsContainer"><ul><li class="boxesListItem">'
        b'<a class="eventDetailsLink" href="/event-9">Trust accounting</a>'
        b'<div class="eventInfoStartDate"><strong>3/3/2027</strong></div>'
        b"</li></ul></div>",
        encoding="utf-8",
    )
    (request,) = spider.parse(list_page)
    empty = HtmlResponse(request.url, body=b"<html></html>", request=request)
    (listing,) = spider.parse_detail(empty)
    assert listing["title"] == "Trust accounting"
    assert listing["when_text"] == "3/3/2027"
    assert spider.problems == [f"missing_fields: no description at {request.url}"]


def test_ocpa_calendar_uses_wa_ids_and_the_provider_zone():
    items = {i["id"]: i for i in replay(OcpaSpider(run_date="2026-11-20"))}
    assert sorted(items) == [
        "ocpa:6011201",
        "ocpa:6011245",
        "ocpa:6011302",
        "ocpa:6011350",
    ]
    # TZID "Pacific Standard Time" is not an IANA name: the provider zone applies
    assert items["ocpa:6011201"]["starts_at"] == "2026-12-09T12:00:00-08:00"
    # a UTC time is shown in the provider's zone
    assert items["ocpa:6011302"]["starts_at"] == "2027-01-20T17:30:00-08:00"
    assert items["ocpa:6011245"]["credit_text"].startswith("MCLE Pending approval")


def test_a_multi_day_list_entry_keeps_its_end_date():
    html = """<div id="idUpcomingEventsContainer"><ul><li class="boxesListItem">
      <a class="eventDetailsLink" href="/event-77">Spring Conference</a>
      <ul class="boxInfo">
      <li class="eventInfoStartDate"><div class="eventInfoBoxValue">
        <strong>4/9/2027</strong></div></li>
      <li class="eventInfoEndDate"><div class="eventInfoBoxValue">
        <span>4/10/2027</span></div></li>
      <li class="eventInfoStartTime"><div class="eventInfoBoxValue">
        9:00 AM - 4:00 PM</div></li></ul></li></ul></div>"""
    response = HtmlResponse(
        "https://x.test/events", body=html.encode(), encoding="utf-8"
    )
    (entry,) = list_entries(response)
    assert entry["when_text"] == "4/9/2027 - 4/10/2027 9:00 AM - 4:00 PM"
