"""``cle refresh`` (crawl, then load) and ``cle load`` (load stored feeds only).

``cle refresh`` runs the named providers' spiders (all of them by default) in
one Scrapy process, writing ``data/feeds/<run_date>/<slug>.jsonl`` and the run
reports, then loads the night with :func:`catalog.nightly_cmd.run_load` (the
code behind ``cle load``; feeds pass the same checks as ``cle import``) and
prints the per-provider summary. With ``--offline`` every page comes from
``data/sites/`` (recreations bundled with cle) and the network is never used.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
from scrapy import signals

from catalog import paths
from catalog.cliutil import CleError, db_option
from catalog.nightly_cmd import load, nightly_lock, run_date_of, run_load
from crawlers.extensions import assess
from crawlers.registry import RegistryError, load_providers

OFFLINE_NOTICE = (
    "Offline mode: crawling the sample pages bundled with cle in data/sites/. "
    "They are recreations of the providers' pages, not live data."
)

__all__ = ["load", "refresh"]


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


def report_problems(slugs: list[str], run_date: str) -> list[str]:
    """One line per provider whose run report shows errors or a failed crawl."""
    lines = []
    for slug in slugs:
        path = paths.runs_dir() / run_date / f"{slug}.json"
        try:
            report = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lines.append(f"{slug}: no readable run report at {path}")
            continue
        verdict, reasons = assess(report)
        if verdict != "ok":
            detail = "; ".join(reasons)
            first = (report.get("errors") or [""])[0]
            lines.append(f"{slug}: {detail}" + (f" (first: {first})" if first else ""))
    return lines


@click.command()
@click.argument("providers", nargs=-1)
@click.option(
    "--offline",
    is_flag=True,
    help="Crawl the pages bundled in data/sites/ (recreations), not the live sites.",
)
@click.option(
    "--run-date",
    metavar="YYYY-MM-DD",
    default=None,
    help="File the feeds and reports under this date (default: today).",
)
@db_option
def refresh(providers, offline, run_date, db_path: Path | None):
    """Crawl providers' listings and load them into the catalog.

    Crawls every provider in data/providers.yml (or only those named), writes
    JSON-lines feeds and run reports, loads them and prints a summary per
    provider. Exits 1 when a provider is unhealthy (zero listings, under 90%
    valid, under half its last healthy run, or a crawl that did not finish);
    other problems a spider met (a page that failed) are printed as warnings.

    \b
    Examples:
      cle refresh --offline          # the bundled sample pages, no network
      cle refresh nals txpd          # two providers, live
    """
    night = run_date_of(run_date)
    slugs, missing = choose_providers(tuple(providers))
    if offline:
        click.echo(OFFLINE_NOTICE)
    for slug in missing:
        click.echo(f"{slug}: no spider for its platform yet; skipped", err=True)
    if not slugs:
        raise CleError("no provider has a spider to run; check data/providers.yml")
    with nightly_lock(db_path, "cle refresh"):
        crawl(slugs, night, offline=offline)
        status = run_load(db_path, night, slugs)
    problems = report_problems(slugs, night)
    for line in problems:
        click.echo(f"warning: {line}", err=True)
    if offline:
        click.echo("(Listings above come from bundled recreations, not live sites.)")
    sys.exit(1 if status else 0)
