"""Platform spiders on real published samples (tests/fixtures/real/<platform>/).

Each sample's provenance is in its folder's PROVENANCE.md. The expected values
were written from reading the sample (its UTC times, zone settings and ids),
not from the spider's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawlers.spiders.registered import TxpdSpider

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def sample(platform: str, name: str, url: str, *, html: bool = False):
    """A Scrapy response holding one real sample, as if fetched from ``url``."""
    body = (REAL / platform / name).read_bytes()
    kind = HtmlResponse if html else TextResponse
    return kind(url, body=body, encoding="utf-8")


def listings(spider, results) -> list[dict]:
    """The items among a callback's results (requests left out)."""
    return [item for item in results if isinstance(item, dict)]


# -- The Events Calendar REST -------------------------------------------------

TEC = "https://example.org/wp-json/tribe/events/v1/events"


@pytest.mark.parametrize(
    "name,expected",
    [
        (
            # "UTC+0" manual offset; its 2067 end is a placeholder, not an end.
            "atlbyday-event-6178.json",
            {
                "txpd:6178": ("2018-07-31T19:30:00+00:00", None, "UTC"),
            },
        ),
        (
            "tcw-event-8212.json",
            {
                "txpd:8212": (
                    "2021-06-26T09:00:00+02:00",
                    "2021-06-26T13:00:00+02:00",
                    "Europe/Berlin",
                ),
            },
        ),
        (
            # start == end on every event: no end is stated.
            "patron-feed-events.json",
            {
                "txpd:309": ("2020-01-20T18:00:00+00:00", None, "UTC"),
                "txpd:311": ("2020-01-24T01:00:00+00:00", None, "UTC"),
            },
        ),
    ],
)
def test_events_calendar_rest_samples(name, expected):
    spider = TxpdSpider(run_date="2026-11-20")
    spider.options = {}  # no ICS export to chain to
    items = listings(spider, spider.parse(sample("events_calendar", name, TEC)))
    got = {
        item["id"]: (item["starts_at"], item.get("ends_at"), item["timezone"])
        for item in items
    }
    assert got == expected
    placeholder = [p for p in spider.problems if p.startswith("placeholder_end")]
    assert len(placeholder) == (name == "atlbyday-event-6178.json")


# -- JSON-LD events pages -----------------------------------------------------


@pytest.mark.parametrize(
    "name,zone,expected",
    [
        (
            "skyandtelescope-events-widget.html",
            "America/New_York",
            {
                "pli:astronomy-events-astronomy-night-2": (
                    "2018-03-23T19:00:00-04:00",
                    "2018-03-23T22:00:00-04:00",
                    "America/New_York",
                ),
                "pli:astronomy-events-wyoming-astronomy-retreat": (
                    "2018-08-05T00:00:00-04:00",
                    "2018-08-11T23:59:59-04:00",
                    "America/New_York",
                ),
            },
        ),
        (
            # Los Angeles events read by a spider whose provider default is
            # New York: the listing keeps the page's offset, not New York's name.
            "welikela-events-widget.html",
            "America/New_York",
            {
                "pli:event-paleyfest-la-march-16-26-2018": (
                    "2018-03-16T03:00:00-07:00",
                    "2018-03-26T02:59:59-07:00",
                    "UTC-07:00",
                ),
                "pli:event-bach-in-the-subways-los-angeles-2018": (
                    "2018-03-21T03:00:00-07:00",
                    "2018-03-26T02:59:59-07:00",
                    "UTC-07:00",
                ),
                "pli:event-pasadena-heritage-better-homes-and-gardens-spring-home-"
                "tour-03-24-2018": (
                    "2018-03-24T09:00:00-07:00",
                    "2018-03-24T16:00:00-07:00",
                    "UTC-07:00",
                ),
                "pli:event-wondercon-2018-anaheim-convention-center-2018-03-24": (
                    "2018-03-24T10:00:00-07:00",
                    "2018-03-24T19:00:00-07:00",
                    "UTC-07:00",
                ),
            },
        ),
        (
            # The same page read for a Los Angeles provider: the zone is named.
            "welikela-events-widget.html",
            "America/Los_Angeles",
            {
                "pli:event-paleyfest-la-march-16-26-2018": (
                    "2018-03-16T03:00:00-07:00",
                    "2018-03-26T02:59:59-07:00",
                    "America/Los_Angeles",
                ),
                "pli:event-bach-in-the-subways-los-angeles-2018": (
                    "2018-03-21T03:00:00-07:00",
                    "2018-03-26T02:59:59-07:00",
                    "America/Los_Angeles",
                ),
                "pli:event-pasadena-heritage-better-homes-and-gardens-spring-home-"
                "tour-03-24-2018": (
                    "2018-03-24T09:00:00-07:00",
                    "2018-03-24T16:00:00-07:00",
                    "America/Los_Angeles",
                ),
                "pli:event-wondercon-2018-anaheim-convention-center-2018-03-24": (
                    "2018-03-24T10:00:00-07:00",
                    "2018-03-24T19:00:00-07:00",
                    "America/Los_Angeles",
                ),
            },
        ),
    ],
)
def test_jsonld_list_pages_give_one_listing_per_event(name, zone, expected):
    from crawlers.offline import spider_class

    spider = spider_class("pli")(run_date="2026-11-20")
    spider.timezone = zone
    page = sample("jsonld", name, "https://example.org/events/", html=True)
    items = listings(spider, spider.parse_page(page))
    got = {
        item["id"]: (item["starts_at"], item.get("ends_at"), item["timezone"])
        for item in items
    }
    assert got == expected
    assert not spider.problems


def test_jsonld_names_have_their_entities_decoded():
    from crawlers.offline import spider_class

    spider = spider_class("pli")(run_date="2026-11-20")
    page = sample("jsonld", "welikela-events-widget.html", "https://x.test/", html=True)
    titles = [item["title"] for item in spider.parse_page(page)]
    assert "Bach in the Subways – Los Angeles" in titles
    assert "Pasadena Heritage’s ‘Better Homes and Gardens’ Spring Home Tour" in titles


# -- Shopify product JSON -----------------------------------------------------


@pytest.mark.parametrize(
    "name,handle,variants,price",
    [
        ("localboxes-just-for-1-2.json", "just-for-1-2", ["41592330748099"], 30.0),
        (
            "scraper-shopify-ipod-nano.json",
            "ipod-nano",
            ["808950810", "49148385", "39072856", "457924702"],
            199.0,
        ),
    ],
)
def test_shopify_products_give_one_listing_per_variant(name, handle, variants, price):
    from crawlers.offline import spider_class

    spider = spider_class("nbi")(run_date="2026-11-20")
    url = f"https://shop.example/products/{handle}"
    response = sample("shopify", name, f"{url}.json")
    items = listings(spider, spider.parse_product_json(response, page_url=url))
    assert [item["id"] for item in items] == [f"nbi:{handle}-{v}" for v in variants]
    assert {item["course_id"] for item in items} == {f"nbi:{handle}"}
    assert all(item["price_usd"] == price for item in items)
    # A product page states no session: no time is invented.
    assert not any("starts_at" in item or "ends_at" in item for item in items)
    assert not spider.problems


# -- YourMembership -----------------------------------------------------------


def test_yourmembership_upcoming_events_rail():
    from catalog.normalize import normalize_record
    from crawlers.spiders.registered import NalsSpider

    spider = NalsSpider(run_date="2019-01-20")
    page = sample(
        "yourmembership",
        "psichi-home-upcoming-events.html",
        "https://www.psichi.org/",
        html=True,
    )
    seeds = [request.meta["cle_seed"] for request in spider.parse(page)]
    got = {}
    for seed in seeds:
        record = normalize_record(dict(seed))
        got[record["id"]] = (record["starts_at"], record.get("ends_at"))
        assert record["timezone"] == "America/Chicago"
    # Dates only (all day) in the provider's zone; the range written with a
    # guillemet ends the day after 3/15, after the switch to daylight time.
    assert got == {
        "nals:359321": ("2019-01-31T00:00:00-06:00", "2019-02-01T00:00:00-06:00"),
        "nals:592464": ("2019-02-01T00:00:00-06:00", "2019-03-16T00:00:00-05:00"),
        "nals:762465": ("2019-02-01T00:00:00-06:00", "2019-02-02T00:00:00-06:00"),
        "nals:889467": ("2019-02-01T00:00:00-06:00", "2019-02-02T00:00:00-06:00"),
    }
    assert {seed["url"] for seed in seeds} == {
        f"https://www.psichi.org/events/EventDetails.aspx?id={key}"
        for key in ("359321", "592464", "762465", "889467")
    }


# -- Modern Events Calendar ---------------------------------------------------


def test_mec_single_page_with_date_only_json_ld_and_a_weekly_series():
    from crawlers.offline import spider_class

    spider = spider_class("clio")(run_date="2024-01-25")
    spider.timezone = "America/New_York"  # the site's offset is -5 (Cleveland)
    url = "https://clecpc.org/events/police-discipline-work-group/"
    page = sample(
        "modern_events_calendar",
        "clecpc-police-discipline-work-group.html",
        url,
        html=True,
    )
    items = listings(spider, spider.parse_event(page, card={}))
    # The JSON-LD says only "2024-02-01"; the export link holds 23:30-01:30 UTC
    # (6:30-8:30 pm EST) and RRULE:FREQ=WEEKLY;UNTIL=20240328T203000Z: Thursdays
    # at 6:30 pm local from Feb 1 to Mar 21 (EDT from Mar 10; Mar 28 at 6:30 pm
    # EDT is 22:30 UTC, after UNTIL).
    days = ["0201", "0208", "0215", "0222", "0229", "0307", "0314", "0321"]
    assert [item["id"] for item in items] == [
        f"clio:police-discipline-work-group-2024{day}" for day in days
    ]
    first, last = items[0], items[-1]
    assert first["starts_at"] == "2024-02-01T18:30:00-05:00"
    assert first["ends_at"] == "2024-02-01T20:30:00-05:00"
    assert last["starts_at"] == "2024-03-21T18:30:00-04:00"
    assert last["ends_at"] == "2024-03-21T20:30:00-04:00"
    assert {item["timezone"] for item in items} == {"America/New_York"}
    assert first["when_text"] == "Feb 01 2024 6:30 pm - 8:30 pm"
    assert not any("when_text" in item for item in items[1:])
    assert first["location"].startswith("CPC Offices")
    assert not spider.problems


def test_mec_grid_list_cards_are_followed_with_their_printed_wording():
    from crawlers.offline import spider_class

    spider = spider_class("clio")(run_date="2024-01-25")
    page = sample(
        "modern_events_calendar",
        "clecpc-calendar-grid.html",
        "https://clecpc.org/get-involved/calendar/",
        html=True,
    )
    requests = list(spider.parse(page))
    seeds = [request.meta["cle_seed"] for request in requests]
    # Six cards; the weekly work group is listed three times on one page URL.
    assert [seed["id"] for seed in seeds] == [
        "clio:police-discipline-work-group",
        "clio:rules-committee-1st-wednesday",
        "clio:cpc-behavioral-health-crisis-intervention-work-group",
        "clio:police-discipline-work-group",
        "clio:police-training-committee",
        "clio:police-discipline-work-group",
    ]
    assert seeds[0]["when_text"] == "01 Feb 6:30 pm – 8:30 pm"
    assert seeds[2]["when_text"] == "08 Feb"  # no time printed on that card
    # A card prints no year: no instant is set from the list.
    assert not any("starts_at" in seed for seed in seeds)
    assert seeds[1]["status"] == "cancelled"
    assert seeds[1]["title"] == "Rules Committee Meeting January 3rd"
    assert not spider.problems
