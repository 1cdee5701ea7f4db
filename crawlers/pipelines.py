"""Item pipelines: normalize → validate → de-duplicate, then the JSON-lines feed.

Every item a spider yields passes, in order (``ITEM_PIPELINES`` in settings):

1. :class:`NormalizePipeline` (100): keep interchange fields only, set
   ``provider``/``timezone`` from the spider, fill parsed fields from the raw
   wording with the shared :func:`catalog.normalize.normalize_record`;
2. :class:`ValidatePipeline` (200): derive defaults and check the record with
   the catalog's own rules (:func:`catalog.records.derive`/``check``); an
   invalid item is dropped and counted under ``cle/dropped/<reason>``;
3. :class:`DedupePipeline` (300): drop a repeated ``id`` within the run.

Survivors are written by Scrapy's feed exporter (:class:`FeedLinesExporter`,
``FEED_EXPORTERS`` in settings) to ``state/feeds/<run_date>/<slug>.jsonl``
(``FEEDS``) and loaded by ``cle refresh``/``cle load`` with the same code as
``cle import``.
"""

from __future__ import annotations

import re

from scrapy.exceptions import DropItem
from scrapy.exporters import JsonLinesItemExporter
from scrapy.utils.python import to_bytes

from catalog.normalize import normalize_record
from catalog.records import RecordError, check, derive
from catalog.schema import RECORD_FIELDS
from crawlers.platforms.base import EMPTY_VALUES

#: Interchange field names, as a set: looked up for every field of every item.
_FIELDS = frozenset(RECORD_FIELDS)
_FIELD = re.compile(r"field '([\w.]+)'|required field '(\w+)'|unknown field")


def drop_reason(message: str) -> str:
    """A short, countable reason for an invalid record (field name, not value)."""
    match = _FIELD.search(message)
    if not match:
        return "invalid"
    if match.group(2):
        return f"missing:{match.group(2)}"
    if match.group(1):
        return f"invalid:{match.group(1).split('.')[0]}"
    return "unknown_field"


class _CountingPipeline:
    """Shared plumbing: the crawler (for stats and spider) and counted drops."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        """Build the pipeline for one crawl."""
        return cls(crawler)

    def drop(self, reason: str, message: str, item: dict) -> DropItem:
        """Count a dropped item and return the DropItem to raise."""
        stats = self.crawler.stats if self.crawler is not None else None
        if stats is not None:
            stats.inc_value(f"cle/dropped/{reason}")
        level = "DEBUG" if reason == "duplicate" else "WARNING"
        return DropItem(f"{item.get('id', '(no id)')}: {message}", log_level=level)


class NormalizePipeline(_CountingPipeline):
    """Fill parsed fields from raw wording with the shared normalizers."""

    def process_item(self, item):
        """Return the normalized record (interchange fields only)."""
        record = {
            k: v for k, v in item.items() if k in _FIELDS and v not in EMPTY_VALUES
        }
        spider = getattr(self.crawler, "spider", None)
        if spider is not None:
            record.setdefault("provider", spider.name)
            if getattr(spider, "timezone", None):
                record.setdefault("timezone", spider.timezone)
        try:
            return normalize_record(record)
        except Exception as exc:  # a normalizer bug must not stop the crawl
            raise self.drop(
                "normalize_error", f"{type(exc).__name__}: {exc}", record
            ) from None


class ValidatePipeline(_CountingPipeline):
    """Drop (and count) records the catalog would reject."""

    def process_item(self, item):
        """Return the record with derived fields, or raise DropItem with a reason."""
        record = derive(dict(item))
        try:
            check(record)
        except RecordError as exc:
            raise self.drop(drop_reason(str(exc)), str(exc), record) from None
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("cle/valid")
        return record


class DedupePipeline(_CountingPipeline):
    """Keep the first record of each id within one run."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item):
        """Return the item unless its id was already seen in this run."""
        if item["id"] in self.seen:
            raise self.drop("duplicate", "repeated listing", item)
        self.seen.add(item["id"])
        return item


class FeedLinesExporter(JsonLinesItemExporter):
    """Scrapy's JSON-lines exporter, writing a plain dict record as it is.

    The records reaching the feed are plain dicts of JSON values (the
    pipelines above return dicts), for which the base class's per-field
    serializer pass is the identity; it was most of the feed's cost (about a
    sixth of the crawl pipeline's per-item time, cProfile of the 10k bench
    crawl). Anything else (an Item, chosen fields) goes the base class's way.
    """

    def export_item(self, item) -> None:
        """Write one record as a line of JSON (same bytes as the base class)."""
        if (
            type(item) is not dict
            or self.fields_to_export is not None
            or self.export_empty_fields
        ):
            super().export_item(item)
            return
        self.file.write(to_bytes(self.encoder.encode(item) + "\n", self.encoding))
