"""The run report: facts of one crawl (the verdict is catalog.health's)."""

from __future__ import annotations

from types import SimpleNamespace

from crawlers.extensions import build_report

SPIDER = SimpleNamespace(name="nals", run_date="2026-11-20", problems=["http_error: x"])
STATS = {
    "item_scraped_count": 9,
    "cle/valid": 10,
    "cle/dropped/duplicate": 1,
    "cle/dropped/invalid:url": 1,
    "downloader/response_status_count/200": 5,
    "downloader/response_status_count/500": 1,
    "downloader/exception_type_count/twisted.internet.error.TimeoutError": 2,
    "robotstxt/forbidden": 1,
    "log_count/ERROR": 3,
}


def test_build_report_reads_the_stats():
    report = build_report(SPIDER, STATS, "finished", "2026-11-20T02:00:00Z")
    assert report["provider"] == "nals" and report["run_date"] == "2026-11-20"
    assert report["items_scraped"] == 9
    assert report["items_dropped"] == {"duplicate": 1, "invalid:url": 1}
    assert report["http_status"] == {"200": 5, "500": 1}
    assert report["timeouts"] == 2 and report["robots_forbidden"] == 1
    assert report["errors"] == ["http_error: x"] and report["log_errors"] == 3
