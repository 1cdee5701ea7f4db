"""Provider spiders with their own pages: NALA's education listings, NFPA's i4a
pages, AAPI's calendar."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from scrapy.http import HtmlResponse

from crawlers.offline import load_manifest, replay, sites_dir, spider_class
from crawlers.platforms.base import labelled_lines
from crawlers.registry import get_provider
from crawlers.spiders.aapi import calendar_rows as aapi_rows
from crawlers.spiders.nala import campus_course as nala_campus_course
from crawlers.spiders.nala import course_cards as nala_cards
from crawlers.spiders.nfpa import HOST, i4a_conference_id
from crawlers.spiders.nfpa import webinar_blocks as nfpa_blocks

NALA = "https://www.nala.org/education/"
NFPA_WEBINARS = "https://www.paralegals.org/i4a/pages/index.cfm?pageID=3300"
NFPA_CALENDAR = "https://www.paralegals.org/i4a/pages/index.cfm?pageID=3301"


def test_labelled_lines_keep_the_first_value_of_each_label():
    text = "Date: May 1, 2027\nTime: 1 PM ET\nnot a label\nDate: again"
    assert labelled_lines(text) == {"date": "May 1, 2027", "time": "1 PM ET"}


def test_nala_live_cards_keep_wording_and_member_prices(page_response):
    cards = nala_cards(page_response("nala", NALA + "live-webinars/"))
    assert [card["title"] for card in cards] == [
        "Ethics of Remote Work for Paralegals",
        "Drafting Effective Discovery Requests",
        "Leading from the Middle: Paralegal Leadership Skills",
    ]
    first = cards[0]
    assert first["when_text"] == "December 16, 2026 | 12:00 p.m. – 1:00 p.m. CT"
    assert first["credit_text"] == "CLE: 1.0 hour Legal Ethics"
    assert first["price_text"] == "Members $35 | Non-members $55"
    assert first["presenters"] == ["Karen Doyle, ACP"]
    # A card in ET beside Central ones; a card with no zone (provider default).
    assert cards[1]["when_text"].endswith("ET")
    assert cards[2]["when_text"].endswith("3:00 p.m.")
    assert cards[2]["price_text"] == "Members Free | Non-members $35"


def test_nala_campus_course_has_the_access_note_and_fees(page_response):
    url = "https://campus.nala.org/courses/contracts-for-paralegals"
    course = nala_campus_course(page_response("nala", url))
    assert "90 days" in course["description"]
    assert course["price_text"] == "Fee: NALA Members $85 / Non-members $135"
    assert course["credit_text"].endswith("including 1.0 hour Legal Ethics")


def test_nala_spider_formats_by_listing_page_and_conference_is_in_person():
    items = {item["id"]: item for item in replay(spider_class("nala")())}
    formats = Counter(item["format"] for item in items.values())
    assert formats == {
        "live_webinar": 3,
        "on_demand": 2,
        "self_study": 2,
        "in_person": 1,
    }
    conference = items["nala:conference"]
    assert conference["location"] == "Tulsa, OK"
    assert conference["when_text"].startswith("July 15 – 17, 2027")
    assert items["nala:privilege-logs"]["when_text"] == "Recorded September 9, 2026"
    assert all(item["timezone"] == "America/Chicago" for item in items.values())


def test_nala_campus_page_down_keeps_the_card():
    from dataclasses import replace

    from w3lib.url import canonicalize_url

    from crawlers.offline import Page

    manifest = load_manifest("nala")
    url = canonicalize_url("https://campus.nala.org/courses/contracts-for-paralegals")
    pages = {**manifest.pages, url: Page("course-contracts-for-paralegals.html", 503)}
    spider = spider_class("nala")()
    items = {i["id"]: i for i in replay(spider, replace(manifest, pages=pages))}
    assert items["nala:contracts-for-paralegals"]["format"] == "self_study"
    assert "price_text" not in items["nala:contracts-for-paralegals"]
    assert len(items) == 8


def test_nfpa_blocks_no_credit_and_member_free(page_response):
    blocks = {b["key"]: b for b in nfpa_blocks(page_response("nfpa", NFPA_WEBINARS))}
    assert sorted(blocks) == ["412", "418", "421"]
    assert blocks["412"]["credit_text"] == "CLE: 1.0 (Ethics)"
    when = "Wednesday, January 20, 2027 1:00 PM – 2:00 PM ET"
    assert blocks["412"]["when_text"] == when
    assert blocks["412"]["price_text"] == "Free for NFPA members; $35 for non-members."
    assert blocks["418"]["credit_text"] == "There is no CLE credit for this webinar."
    assert blocks["421"]["when_text"].endswith("CT")
    assert "Register" not in blocks["418"]["description"]


def test_nfpa_convention_is_multi_day_and_pending(page_response):
    blocks = {b["key"]: b for b in nfpa_blocks(page_response("nfpa", NFPA_CALENDAR))}
    convention = blocks["430"]
    assert "September 23, 2027" in convention["when_text"]
    assert "September 26, 2027" in convention["when_text"]
    assert "pending" in convention["credit_text"]


def test_nfpa_webinar_on_two_pages_has_one_id():
    items = replay(spider_class("nfpa")())
    ids = Counter(item["id"] for item in items)
    assert ids["nfpa:412"] == 2 and len(ids) == 4
    formats = {item["id"]: item["format"] for item in items}
    assert formats["nfpa:430"] == "in_person"


def test_nfpa_is_paralegals_org_never_the_fire_protection_nfpa():
    provider = get_provider("nfpa")
    assert urlsplit(provider.site).hostname == HOST == "www.paralegals.org"
    assert "Paralegal" in provider.name
    urls = [*provider.start_urls, *load_manifest("nfpa").pages]
    urls += [item["url"] for item in replay(spider_class("nfpa")())]
    hosts = {urlsplit(url).hostname for url in urls}
    assert hosts == {"www.paralegals.org"}
    for page in (sites_dir() / "nfpa").glob("*.html"):
        links = re.findall(r'(?:href|src)="([^"]+)"', page.read_text("utf-8"))
        assert links, page.name
        assert {urlsplit(link).hostname for link in links} <= {None, HOST}


def test_i4a_conference_id():
    href = "/i4a/ams/meetings/index.cfm?controller=meetings&conferenceID=9&pageID=1"
    assert i4a_conference_id(href) == "9"
    assert i4a_conference_id("/i4a/pages/index.cfm?pageID=1") is None
    assert i4a_conference_id(None) is None


def test_aapi_rows_split_presenters_from_places(page_response):
    rows = aapi_rows(page_response("aapi", "https://www.aapipara.org/calendar.htm"))
    assert [row["when_text"] for row in rows] == [
        "January 12, 2027 10:00 a.m. - 11:00 a.m. PT",
        "February 23, 2027 9:00 a.m. - 10:30 a.m.",
        "March 30, 2027 12:00 p.m. - 1:00 p.m. MST",
        "September 18, 2027 8:30 a.m. - 4:30 p.m.",
    ]
    assert rows[0]["presenters"] == ["Linda Park, AACP"]
    assert rows[0]["price_text"] == "Members: Free / Non-members: $25"
    assert rows[2]["credit_text"] == "1.0 hour (AACP approval pending)"
    assert rows[3]["location"] == "Sacramento, CA" and "presenters" not in rows[3]


def test_aapi_broken_table_is_reported():
    spider = spider_class("aapi")()
    page = HtmlResponse(
        "https://www.aapipara.org/calendar.htm",
        body=b"<table id='calendar'><tr><td>January 12, 2027</td><td><b>Cut",
        encoding="utf-8",
    )
    assert list(spider.parse(page)) == []
    assert spider.problems[0].startswith("no_listings")
