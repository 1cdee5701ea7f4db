"""The feed exporter writes the bytes Scrapy's own JSON-lines exporter writes."""

from __future__ import annotations

import io

import pytest
import scrapy
from scrapy.exporters import JsonLinesItemExporter

from crawlers.pipelines import FeedLinesExporter
from tests.catalog.listings import make_listings


class Listing(scrapy.Item):
    id = scrapy.Field()
    title = scrapy.Field(serializer=str.upper)


def exported(exporter_class, items, **options) -> bytes:
    out = io.BytesIO()
    exporter = exporter_class(out, encoding="utf-8", **options)
    exporter.start_exporting()
    for item in items:
        exporter.export_item(item)
    exporter.finish_exporting()
    return out.getvalue()


RECORDS = [
    *make_listings(30),
    {"id": "x:1", "title": "Ética — “quoted” \u2028 line", "credits": []},
    {"id": "x:2", "price_usd": 0.1 + 0.2, "nested": {"a": [1, None, True]}},
]


@pytest.mark.parametrize(
    "options", [{}, {"fields_to_export": ["id"]}, {"export_empty_fields": True}]
)
def test_same_bytes_as_scrapys_exporter(options):
    fast = exported(FeedLinesExporter, RECORDS, **options)
    assert fast == exported(JsonLinesItemExporter, RECORDS, **options)
    assert fast.count(b"\n") == len(RECORDS)


def test_an_item_with_a_field_serializer_still_goes_through_it():
    items = [Listing(id="a:1", title="ethics")]
    fast = exported(FeedLinesExporter, items)
    assert fast == exported(JsonLinesItemExporter, items)
    assert b"ETHICS" in fast
