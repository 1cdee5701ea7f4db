"""YourMembership: events RSS, event list and detail pages (nals)."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse

from crawlers.offline import replay
from crawlers.platforms.yourmembership import (
    detail_fields,
    event_id,
    list_entries,
    rss_entries,
)
from crawlers.spiders.registered import NalsSpider

RSS = "https://cdn.ymaws.com/www.nals.org/resource/rss/events.rss"
LIST = "https://www.nals.org/events/event_list.asp"
DETAIL = "https://www.nals.org/events/EventDetails.aspx?id=1943210"


def test_event_id_from_detail_urls():
    assert event_id(DETAIL) == "1943210"
    assert event_id("/events/EventDetails.aspx?ID=7&x=1") == "7"
    assert event_id("/page/HowToCLE") is None


def test_rss_pubdate_is_read_as_the_start_in_gmt(page_response):
    entries = rss_entries(page_response("nals", RSS))
    assert [e["title"] for e in entries][0] == "NALS Webinar: Mastering Legal Citations"
    assert entries[0]["start"].isoformat() == "2026-12-10T18:00:00+00:00"


def test_event_list_table_rows(page_response):
    entries = list_entries(page_response("nals", LIST))
    assert len(entries) == 4
    assert entries[2] == {
        "title": "NALS 2027 Annual Education Conference",
        "href": "/events/EventDetails.aspx?id=1943301",
        "when_text": "3/18/2027 - 3/20/2027 Time: 8:00 AM - 5:00 PM CT",
    }


def test_upcoming_events_blocks_are_read_too():
    page = HtmlResponse(
        LIST,
        body=b'<div class="UpcomingEvents"><p>4/1/2027<br>'
        b'<a href="/events/EventDetails.aspx?id=55">Deposition digests</a></p></div>',
        encoding="utf-8",
    )
    assert list_entries(page) == [
        {
            "title": "Deposition digests",
            "href": "/events/EventDetails.aspx?id=55",
            "when_text": "4/1/2027",
        }
    ]


def test_detail_rows_and_member_fees(page_response):
    fields = detail_fields(page_response("nals", DETAIL))
    assert fields["labels"]["cle credit"] == "1.0 hour of NALS-approved CLE"
    assert fields["fees"] == "Member: Free; Non-Member: $35.00"


def test_crawl_merges_rss_list_and_details():
    items = replay(NalsSpider(run_date="2026-11-20"))
    by_id = {i["id"]: i for i in items}
    # four events: the detail page reached from both RSS and list is fetched once
    assert len(items) == 4 and len(by_id) == 4
    webinar = by_id["nals:1943210"]
    assert webinar["starts_at"] == "2026-12-10T12:00:00-06:00"
    assert webinar["when_text"] == "12/10/2026 12:00 PM - 1:00 PM CT"
    # the conference is only in the list: no structural start, raw wording kept
    conference = by_id["nals:1943301"]
    assert "starts_at" not in conference
    assert conference["credit_text"].endswith("(approval pending)")


def test_a_failed_detail_page_still_yields_the_rss_listing():
    spider = NalsSpider(run_date="2026-11-20")
    from crawlers.offline import Manifest, Page, load_manifest

    bundled = load_manifest("nals")
    broken = Manifest(
        folder=bundled.folder,
        captured_at=bundled.captured_at,
        recreated=True,
        pages={**bundled.pages, DETAIL: Page("event-1943210.html", 500)},
    )
    items = {i["id"]: i for i in replay(spider, broken)}
    assert items["nals:1943210"]["title"] == "NALS Webinar: Mastering Legal Citations"
    assert "price_text" not in items["nals:1943210"]
    assert spider.problems == [f"http_error: HTTP 500 at {DETAIL}"]


@pytest.mark.parametrize(
    "wording,ends_at",
    [
        ("3/18/2027 8:00 AM » 3/20/2027 5:00 PM", "2027-03-20T17:00:00-05:00"),
        ("3/18/2027 » 3/20/2027", "2027-03-21T00:00:00-05:00"),
        ("3/18/2027 8:00 AM &raquo; 3/20/2027 5:00 PM", "2027-03-20T17:00:00-05:00"),
    ],
)
def test_a_guillemet_range_keeps_its_end(wording, ends_at):
    from catalog.normalize.dates import parse_when

    html = f"""<html><h1 class="EventTitle">Spring Seminar</h1>
      <table class="EventDetails"><tr><td class="label">Date:</td>
      <td class="value">{wording}</td></tr></table></html>"""
    response = HtmlResponse(DETAIL, body=html.encode(), encoding="utf-8")
    (item,) = NalsSpider(run_date="2026-11-20").parse_detail(response)
    assert "»" not in item["when_text"]
    when = parse_when(item["when_text"], "America/Chicago")
    assert when["starts_at"].startswith("2027-03-18T")
    assert when["ends_at"] == ends_at
