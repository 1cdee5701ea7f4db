"""No page crashes a platform spider: every callback on every real sample.

Each platform spider's page callbacks are fed every real published sample
under tests/fixtures/real/ (their own platform's and all the others'): a page
of the wrong kind must give no listings or counted problems, never an
exception.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, TextResponse

from crawlers.offline import spider_class

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
SAMPLES = sorted(
    path for path in REAL.rglob("*") if path.is_file() and path.suffix != ".md"
)

#: (provider spider, callback, keyword arguments) for every platform callback.
CALLBACKS = [
    ("txpd", "parse", {}),
    ("txpd", "parse_export", {}),
    ("flbar", "parse", {}),
    ("sfpa", "parse", {}),
    ("sfpa", "parse_detail", {}),
    ("nals", "parse", {}),
    ("nals", "parse_detail", {}),
    ("clio", "parse", {}),
    ("clio", "parse_event", {"card": {}}),
    ("nbi", "parse", {}),
    ("nbi", "parse_product_json", {"page_url": "https://x.test/products/p"}),
    ("nbi", "parse_product_page", {}),
    ("pli", "parse", {}),
    ("pli", "parse_page", {}),
    ("nala", "parse", {}),
    ("nala", "parse_listing", {}),
    ("nala", "parse_course", {}),
    ("nfpa", "parse", {}),
    ("aapi", "parse", {}),
]


def response_for(path: Path):
    """The sample as a response (HTML for pages, text for JSON, ICS, XML)."""
    url = f"https://x.test/{path.parent.name}/{path.name}"
    kind = HtmlResponse if path.suffix in (".html", ".htm") else TextResponse
    return kind(url, body=path.read_bytes(), encoding="utf-8")


def test_there_are_samples_of_every_platform_folder():
    assert {path.parent.name for path in SAMPLES} >= {
        "events_calendar",
        "jsonld",
        "modern_events_calendar",
        "shopify",
        "yourmembership",
    }


@pytest.mark.parametrize("slug,callback,kwargs", CALLBACKS)
def test_no_real_sample_crashes_a_callback(slug, callback, kwargs):
    for path in SAMPLES:
        spider = spider_class(slug)(run_date="2026-11-20")
        results = list(getattr(spider, callback)(response_for(path), **kwargs))
        for result in results:
            if isinstance(result, dict):
                assert result.get("id", "").startswith(f"{slug}:"), path.name
