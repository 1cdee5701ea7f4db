"""RunReport: write ``runs/<run_date>/<slug>.json`` when a spider closes.

The report is how a silent failure becomes visible: how many items were
scraped and dropped (by reason), the HTTP statuses seen, timeouts, problems
the spider reported and errors logged. It records facts only: the one health
verdict on them is :func:`catalog.health.evaluate`, applied when the night loads.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from scrapy import signals

from catalog.paths import runs_dir


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_report(spider, stats: dict, reason: str, started_at: str) -> dict:
    """The run report of one spider from its final stats (a pure function)."""
    prefix = "downloader/response_status_count/"
    exceptions = "downloader/exception_type_count/"
    return {
        "provider": spider.name,
        "run_date": spider.run_date,
        "started_at": started_at,
        "finished_at": _now(),
        "finish_reason": reason,
        "items_scraped": stats.get("item_scraped_count", 0),
        "items_valid": stats.get("cle/valid", 0),
        "items_dropped": {
            key.removeprefix("cle/dropped/"): value
            for key, value in sorted(stats.items())
            if key.startswith("cle/dropped/")
        },
        "http_status": {
            key.removeprefix(prefix): value
            for key, value in sorted(stats.items())
            if key.startswith(prefix)
        },
        "errors": list(getattr(spider, "problems", [])),
        "timeouts": sum(
            value
            for key, value in stats.items()
            if key.startswith(exceptions) and "Timeout" in key
        ),
        "robots_forbidden": stats.get("robotstxt/forbidden", 0),
        "spider_exceptions": sum(
            value
            for key, value in stats.items()
            if key.startswith("spider_exceptions/")
        ),
        "log_errors": stats.get("log_count/ERROR", 0),
    }


class RunReport:
    """Extension: write the run report of each spider when it closes."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.started_at = _now()

    @classmethod
    def from_crawler(cls, crawler):
        """Connect to the spider_opened and spider_closed signals."""
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        """Note when the crawl started."""
        self.started_at = _now()

    def spider_closed(self, spider, reason):
        """Write the report to ``runs/<run_date>/<slug>.json``."""
        if not hasattr(spider, "run_date"):
            return
        report = build_report(
            spider, self.crawler.stats.get_stats(), reason, self.started_at
        )
        path = runs_dir() / spider.run_date / f"{spider.name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", "utf-8")
