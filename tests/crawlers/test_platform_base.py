"""The shared base spider: zone agreement, list entries, JSON bodies, hooks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawlers.platforms.base import drop_empty, labelled_lines, offset_label, slugify
from crawlers.spiders.registered import NalsSpider


def spider():
    return NalsSpider(run_date="2026-11-20")  # provider zone America/Chicago


@pytest.mark.parametrize(
    "starts_at,when_text,zone",
    [
        ("2027-01-14T11:00:00-06:00", None, "America/Chicago"),  # provider's
        ("2027-07-14T11:00:00-05:00", None, "America/Chicago"),  # CDT, still
        ("2027-01-14T11:00:00-05:00", "11:00 am ET", "America/New_York"),
        ("2027-01-14T11:00:00-05:00", None, "UTC-05:00"),  # no zone named
        ("2027-01-14T11:00:00-08:00", "11:00 am ET", "UTC-08:00"),  # ET disagrees
        ("2027-01-14T17:00:00+00:00", None, "UTC"),
        ("not a time", None, "America/Chicago"),
        (None, None, "America/Chicago"),
    ],
)
def test_a_listing_zone_agrees_with_its_start(starts_at, when_text, zone):
    fields = {"starts_at": starts_at, "when_text": when_text}
    assert spider().listing(key="k", title="T", **fields)["timezone"] == zone


def test_a_stated_timezone_is_kept():
    item = spider().listing(
        key="k", starts_at="2027-01-14T11:00:00-05:00", timezone="Etc/GMT+5"
    )
    assert item["timezone"] == "Etc/GMT+5"


@pytest.mark.parametrize(
    "minutes,label",
    [(0, "UTC"), (-300, "UTC-05:00"), (330, "UTC+05:30"), (-570, "UTC-09:30")],
)
def test_offset_labels(minutes, label):
    assert offset_label(timedelta(minutes=minutes)) == label


def test_drop_empty_and_labelled_lines():
    assert drop_empty({"a": 0, "b": "", "c": [], "d": (), "e": None, "f": "x"}) == {
        "a": 0,
        "f": "x",
    }
    assert labelled_lines("Fee: $10\nFee: $20\nno label") == {"fee": "$10"}


def test_follow_entries_counts_entries_without_title_or_key():
    nals = spider()
    page = HtmlResponse("https://www.nals.org/events/", body=b"<html></html>")
    entries = [
        {"title": "Kept", "href": "/events/EventDetails.aspx?id=7", "when_text": "x"},
        {"title": "", "href": "/events/EventDetails.aspx?id=8"},
        {"title": "No id", "href": "/page/About"},
    ]
    requests = list(nals.follow_entries(page, entries, nals.parse_detail))
    assert [r.meta["cle_seed"]["id"] for r in requests] == ["nals:7"]
    assert requests[0].meta["cle_seed"]["when_text"] == "x"
    assert len(nals.problems) == 2
    assert all(p.startswith("missing_fields") for p in nals.problems)
    assert list(nals.follow_entries(page, [], nals.parse_detail)) == []
    assert nals.problems[-1].startswith("no_listings")


def test_a_json_body_is_read_as_an_empty_page():
    nals = spider()
    body = b'{"error": "not found"}'
    response = TextResponse("https://www.nals.org/events/event_list.asp", body=body)
    assert list(nals.parse(response)) == []
    assert nals.problems == [
        "no_listings: no events in https://www.nals.org/events/event_list.asp"
    ]


def test_post_process_can_drop_a_listing():
    class Dropping(NalsSpider):
        def post_process(self, listing, raw, response):
            return None

    html = b"""<html><h1 class="EventTitle">T</h1><table class="EventDetails">
      <tr><td class="label">Date:</td><td class="value">1/5/2027</td></tr></table>"""
    url = "https://www.nals.org/events/EventDetails.aspx?id=9"
    response = HtmlResponse(url, body=html, encoding="utf-8")
    assert list(NalsSpider(run_date="2026-11-20").parse_detail(response))
    assert list(Dropping(run_date="2026-11-20").parse_detail(response)) == []


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("Ethics Update", "ethics-update"),
        ("Éthique Update", "ethique-update"),  # accents fold to their letters
        ("Café—Law 2026", "cafe-law-2026"),
        ("研修 2026", "2026-ca1c2ce107"),  # non-Latin letters keep a hash
    ],
)
def test_slugify_never_gives_an_empty_or_shared_key(key, expected):
    assert slugify(key) == expected


def test_keys_that_differ_only_in_non_latin_letters_get_different_ids():
    keys = ["研修 2026", "セミナー 2026", "倫理", "法律"]
    slugs = [slugify(k) for k in keys]
    assert all(slugs) and len(set(slugs)) == len(keys)
