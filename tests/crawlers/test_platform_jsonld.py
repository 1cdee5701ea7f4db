"""Generic schema.org JSON-LD extraction and the sitemap spider (Lorman, PLI)."""

from __future__ import annotations

import json

import pytest

from crawlers.offline import replay, spider_class
from crawlers.platforms.jsonld import (
    course_offerings,
    event_fields,
    instant,
    jsonld_nodes,
    listing_nodes,
    location_text,
    offer_price,
    sitemap_locs,
)


def page(*blocks: object) -> str:
    """An HTML page holding each block as a JSON-LD script (strings as written)."""
    scripts = "".join(
        '<script type="application/ld+json">'
        + (block if isinstance(block, str) else json.dumps(block))
        + "</script>"
        for block in blocks
    )
    return f"<html><head>{scripts}</head><body></body></html>"


def test_graph_and_lists_are_flattened_and_broken_blocks_skipped():
    html = page(
        {"@graph": [{"@type": "WebPage"}, {"@type": "Event", "name": "A"}]},
        [{"@type": "Course", "name": "B"}],
        '{"@type": "Event", "name": ',  # truncated block
    )
    assert [node.get("name") for node in jsonld_nodes(html)] == [None, "A", "B"]
    assert [node["name"] for node in listing_nodes(html)] == ["A", "B"]


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2027-03-18T09:00:00-04:00", "2027-03-18T09:00:00-04:00"),
        ("2027-03-18T13:00:00Z", "2027-03-18T13:00:00+00:00"),
        ("2027-03-18", None),  # date only: left to the normalizer
        ("2027-03-18T09:00:00", None),  # naive: the page's zone is unknown here
        ("March 18, 2027", None),
        (None, None),
    ],
)
def test_instant_keeps_only_times_with_an_offset(value, expected):
    assert instant(value) == expected


def test_location_and_price_shapes():
    assert location_text({"@type": "VirtualLocation", "url": "x"}) == "Online"
    address = {"addressLocality": "Tulsa", "addressRegion": "OK"}
    place = {"@type": "Place", "address": address}
    assert location_text([place]) == "Tulsa, OK"
    assert location_text({"@type": "Place", "name": "Main hall"}) == "Main hall"
    assert offer_price({"price": "25.00"}) == 25.0
    assert offer_price([{"price": "25"}, {"price": "45"}]) is None  # member/non-member
    assert offer_price({"price": "Free"}) is None


def test_event_fields_map_attendance_mode_and_status():
    fields = event_fields(
        {
            "@type": "EducationEvent",
            "name": " Ethics <b>Update</b> ",
            "startDate": "2027-01-05T12:00:00-06:00",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventCancelled",
            "performer": [{"name": "A. B."}, "C. D.", {"name": "A. B."}],
        }
    )
    assert fields == {
        "title": "Ethics Update",
        "starts_at": "2027-01-05T12:00:00-06:00",
        "format": "in_person",
        "status": "cancelled",
        "presenters": ["A. B.", "C. D."],
    }


def test_course_without_instances_is_one_offering():
    (only,) = course_offerings({"@type": "Course", "name": "Self-paced"})
    assert only == {"title": "Self-paced", "offering": ""}


def test_sitemap_filter_by_path_and_duplicates_removed():
    xml = """<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://x.test/programs/a/1</loc></url>
      <url><loc>https://x.test/about</loc></url>
      <url><loc>https://x.test/programs/a/1</loc></url></urlset>"""
    assert sitemap_locs(xml, "/programs/") == ([], ["https://x.test/programs/a/1"])


def test_lorman_skips_non_cle_courses_and_keeps_credit_per_format():
    items = {item["id"]: item for item in replay(spider_class("lorman")())}
    assert not any("fmla" in key or "solutions" in key for key in items)
    key = "lorman:ethics-of-social-media-for-legal-professionals"
    live = items[f"{key}-synchronous-2027-01-12"]
    recording = items[f"{key}-asynchronous"]
    assert live["course_id"] == recording["course_id"]
    assert live["credit_text"] == "CLE 1.0 (Ethics); NALA 1.0"
    assert recording["credit_text"].startswith("CLE 1.0 (Ethics, self-study")
    assert live["starts_at"] == "2027-01-12T12:00:00-06:00"
    assert "starts_at" not in recording


def test_pli_is_a_registry_only_spider():
    cls = spider_class("pli")
    assert cls.__module__ == "crawlers.spiders.registered"
    items = {item["id"]: item for item in replay(cls())}
    event = items["pli:legal-ethics-for-paralegals-2027-512204"]
    assert event["format"] == "hybrid" and event["location"] == "New York, NY"
    assert event["credit_text"].startswith("Live credit: CLE 3.0 hours")


def test_page_without_json_ld_is_reported():
    from scrapy.http import HtmlResponse

    spider = spider_class("pli")()
    response = HtmlResponse(
        "https://www.pli.edu/programs/x/1", body=b"<html><h1>Down", encoding="utf-8"
    )
    assert list(spider.parse_page(response)) == []
    assert spider.problems[0].startswith("no_listings")


def listing_page(url: str, *blocks) -> object:
    from scrapy.http import HtmlResponse

    return HtmlResponse(url, body=page(*blocks).encode(), encoding="utf-8")


def test_every_event_of_a_list_page_is_its_own_listing():
    start = "2027-03-18T09:00:00-04:00"
    item_list = {
        "@type": "ItemList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "item": {
                    "@type": "Event",
                    "name": "A",
                    "url": "https://www.pli.edu/e/a/",
                    "startDate": start,
                },
            },
            {
                "@type": "ListItem",
                "item": {
                    "@type": "Event",
                    "name": "B",
                    "@id": "https://www.pli.edu/list#b",
                    "startDate": start,
                },
            },
        ],
    }
    graph = {
        "@graph": [
            {"@type": "WebPage"},
            {"@type": "Event", "name": "C", "startDate": start},
        ]
    }
    spider = spider_class("pli")()
    response = listing_page("https://www.pli.edu/list", item_list, graph)
    ids = sorted(item["id"] for item in spider.parse_page(response))
    assert ids == [
        "pli:c-2027-03-18t09-00-00-04-00",  # no url, no @id: name and start
        "pli:e-a",  # its own url
        "pli:list-b",  # its @id's fragment on the page's path
    ]


def test_a_page_with_one_event_keeps_the_page_key():
    node = {"@type": "Event", "name": "Only", "url": "https://elsewhere.test/x"}
    spider = spider_class("pli")()
    response = listing_page("https://www.pli.edu/programs/ethics/42", node)
    (item,) = spider.parse_page(response)
    assert item["id"] == "pli:ethics-42"
