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
