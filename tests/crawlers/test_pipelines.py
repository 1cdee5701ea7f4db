"""The item pipelines: normalize → validate (counted drops) → de-duplicate."""

from __future__ import annotations

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawlers.pipelines import (
    DedupePipeline,
    NormalizePipeline,
    ValidatePipeline,
    drop_reason,
)
from crawlers.spiders.registered import TxpdSpider


@pytest.fixture
def crawler():
    crawler = get_crawler(TxpdSpider)
    crawler.spider = TxpdSpider(run_date="2026-11-20")
    crawler.stats.open_spider()
    return crawler


def item(**fields):
    base = {"id": "txpd:1", "title": "Ethics hour", "url": "https://txpd.org/event/1/"}
    return {**base, **fields}


def test_normalize_sets_provider_and_zone_and_drops_empty_fields(crawler):
    record = NormalizePipeline.from_crawler(crawler).process_item(
        item(description="", presenters=[], location=None)
    )
    assert record["provider"] == "txpd"
    assert record["timezone"] == "America/Chicago"
    assert not {"description", "presenters", "location"} & set(record)


def test_normalize_keeps_only_interchange_fields(crawler):
    record = NormalizePipeline.from_crawler(crawler).process_item(item(scraped_at="x"))
    assert "scraped_at" not in record


def test_validate_derives_course_id_and_counts_valid(crawler):
    pipeline = ValidatePipeline.from_crawler(crawler)
    record = pipeline.process_item(item(provider="txpd", price_usd=0))
    assert record["course_id"] == "txpd:1"
    assert record["is_free"] is True
    assert crawler.stats.get_value("cle/valid") == 1


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ({"url": "not a url"}, "invalid:url"),
        ({"title": None}, "missing:title"),
        ({"starts_at": "12/3/2026"}, "invalid:starts_at"),
        ({"id": "nals:1"}, "invalid:id"),
    ],
)
def test_validate_drops_invalid_items_with_a_counted_reason(crawler, bad, reason):
    record = {k: v for k, v in item(provider="txpd", **bad).items() if v is not None}
    with pytest.raises(DropItem):
        ValidatePipeline.from_crawler(crawler).process_item(record)
    assert crawler.stats.get_value(f"cle/dropped/{reason}") == 1


def test_dedupe_keeps_the_first_of_a_repeated_id(crawler):
    pipeline = DedupePipeline.from_crawler(crawler)
    first = pipeline.process_item(item(title="first"))
    assert first["title"] == "first"
    with pytest.raises(DropItem):
        pipeline.process_item(item(title="second"))
    assert pipeline.process_item(item(id="txpd:2"))["id"] == "txpd:2"
    assert crawler.stats.get_value("cle/dropped/duplicate") == 1


def test_drop_reason_names_the_field_not_the_value():
    assert drop_reason("field 'credits.0.hours': -1 must not be negative") == (
        "invalid:credits"
    )
    assert drop_reason("missing required field 'url'") == "missing:url"
    assert drop_reason("something odd") == "invalid"
