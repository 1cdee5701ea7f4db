"""The crawling half of ``cle refresh``: choose the spiders and run them.

:func:`crawl` runs the named providers' spiders in one Scrapy process, writing
each night's JSON-lines feed and run report (facts only; the health verdict is
:func:`catalog.health.evaluate`, at load time). With ``offline`` every page
comes from ``data/sites/`` (recreations bundled with cle), never the network.
The composition root (``catalog/composition_root.py``) crawls, then loads.
"""

from __future__ import annotations

import os

import click
from scrapy import signals

from catalog.cliutil import CleError
from crawlers.registry import RegistryError, load_providers


def spider_names() -> list[str]:
    """Names of every spider Scrapy can run (registry-generated and hand-written)."""
    from scrapy.settings import Settings
    from scrapy.spiderloader import SpiderLoader

    settings = Settings({"SPIDER_MODULES": ["crawlers.spiders"]})
    return SpiderLoader.from_settings(settings).list()


def choose_providers(requested: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """``(slugs to crawl, slugs without a spider)``; one-line error if unknown."""
    try:
        known = load_providers()
    except (OSError, RegistryError) as exc:
        raise CleError(f"cannot read the provider registry: {exc}") from None
    unknown = [slug for slug in requested if slug not in known]
    if unknown:
        raise CleError(
            f"unknown provider(s) {', '.join(unknown)}; "
            f"known providers: {', '.join(sorted(known))}"
        )
    runnable = set(spider_names())
    wanted = list(dict.fromkeys(requested)) or list(known)
    ready = [slug for slug in wanted if slug in runnable]
    return ready, [slug for slug in wanted if slug not in runnable]


def crawl(slugs: list[str], run_date: str, *, offline: bool) -> None:
    """Run the spiders in one reactor; feeds and run reports land under data/."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("CLE_RUN_DATE", run_date, priority="cmdline")
    settings.set("LOG_LEVEL", os.environ.get("CLE_LOG_LEVEL", "WARNING"), "cmdline")
    if offline:
        settings.set("CLE_OFFLINE", True, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("HTTPCACHE_ENABLED", False, priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    progress = CrawlProgress(len(slugs))
    for slug in slugs:
        crawler = process.create_crawler(slug)
        crawler.signals.connect(progress.spider_closed, signal=signals.spider_closed)
        process.crawl(crawler, run_date=run_date)
    click.echo(f"Crawling {len(slugs)} provider(s)...", err=True)
    process.start()


class CrawlProgress:
    """Print one line per provider as its crawl finishes (the progress display)."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0

    def spider_closed(self, spider, reason):
        """Say which provider finished, how, and with how many listings."""
        self.done += 1
        stats = spider.crawler.stats
        items = stats.get_value("item_scraped_count", 0) if stats else 0
        click.echo(
            f"  [{self.done}/{self.total}] {spider.name}: crawl {reason}, "
            f"{items} listing(s)",
            err=True,
        )
