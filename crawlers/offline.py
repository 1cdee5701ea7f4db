"""Offline replay: answer requests from the pages bundled in ``data/sites/<slug>/``.

Each provider folder holds a ``manifest.yml``::

    captured_at: 2026-11-20          # the frozen "now" of golden tests
    recreated: true                  # true: pages are recreations, not copies
    imitates: "YourMembership events RSS, event list and detail pages"
    assumptions: ["pubDate is the event start, in GMT", ...]
    robots: robots.txt               # optional; default: everything allowed
    pages:
      https://www.nals.org/events/event_list.asp: event-list.html
      https://www.nals.org/x: {file: broken.html, status: 500}

Two ways to use it:

- :class:`OfflineReplayMiddleware`, a downloader middleware switched on by the
  setting ``CLE_OFFLINE`` (env ``CLE_OFFLINE=1``): the real Scrapy engine runs,
  and every request, ``/robots.txt`` included, is answered from the manifest of
  the running spider. An unknown URL is logged as an error and answered 404.
- :func:`replay`: call a spider's callbacks directly with responses built from
  the manifest (City Bureau style), following the requests they yield. Used by
  the golden tests (``tests/record_golden.py``); needs no reactor.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse, XmlResponse
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from catalog.paths import reference_path

logger = logging.getLogger(__name__)

_TYPES = {
    ".html": ("text/html; charset=utf-8", HtmlResponse),
    ".htm": ("text/html; charset=utf-8", HtmlResponse),
    ".json": ("application/json; charset=utf-8", TextResponse),
    ".ics": ("text/calendar; charset=utf-8", TextResponse),
    ".xml": ("application/xml; charset=utf-8", XmlResponse),
    ".rss": ("application/rss+xml; charset=utf-8", XmlResponse),
    ".txt": ("text/plain; charset=utf-8", TextResponse),
}
ALLOW_ALL_ROBOTS = b"User-agent: *\nDisallow:\n"


def sites_dir() -> Path:
    """The bundled provider pages: ``data/sites/``."""
    return reference_path("sites")


def spider_class(slug: str) -> type:
    """The spider class named ``slug`` (registry-generated or hand-written)."""
    settings = Settings({"SPIDER_MODULES": ["crawlers.spiders"]})
    return SpiderLoader.from_settings(settings).load(slug)


@dataclass(frozen=True)
class Page:
    """One bundled page: its file and the HTTP status to answer with."""

    file: str
    status: int = 200


@dataclass
class Manifest:
    """A provider's bundled pages, keyed by canonical URL."""

    folder: Path
    captured_at: str
    recreated: bool
    imitates: str = ""
    assumptions: list[str] = field(default_factory=list)
    robots: str | None = None
    pages: dict[str, Page] = field(default_factory=dict)

    def page_for(self, url: str) -> Page | None:
        """The bundled page for ``url`` (query order and fragments ignored)."""
        return self.pages.get(canonicalize_url(url))

    def response_for(self, url: str, request: Request | None = None) -> Response:
        """A Scrapy response for ``url``: the bundled page, robots.txt or a 404."""
        page = self.page_for(url)
        if page is None and urlsplit(url).path == "/robots.txt":
            body = (self.folder / self.robots).read_bytes() if self.robots else None
            return TextResponse(
                url,
                body=body or ALLOW_ALL_ROBOTS,
                request=request,
                headers={"Content-Type": "text/plain"},
            )
        if page is None:
            return Response(url, status=404, body=b"not bundled", request=request)
        content_type, cls = _TYPES.get(Path(page.file).suffix.lower(), _TYPES[".txt"])
        return cls(
            url,
            status=page.status,
            body=(self.folder / page.file).read_bytes(),
            headers={"Content-Type": content_type},
            encoding="utf-8",
            request=request,
        )


@cache
def load_manifest(slug: str, folder: Path | None = None) -> Manifest:
    """Read ``data/sites/<slug>/manifest.yml`` (or ``folder/manifest.yml``)."""
    folder = Path(folder) if folder else sites_dir() / slug
    data = yaml.safe_load((folder / "manifest.yml").read_text(encoding="utf-8"))
    pages = {}
    for url, entry in (data.get("pages") or {}).items():
        page = Page(entry) if isinstance(entry, str) else Page(**entry)
        pages[canonicalize_url(url)] = page
    return Manifest(
        folder=folder,
        captured_at=str(data["captured_at"]),
        recreated=bool(data.get("recreated", True)),
        imitates=data.get("imitates", ""),
        assumptions=list(data.get("assumptions") or []),
        robots=data.get("robots"),
        pages=pages,
    )


class OfflineReplayMiddleware:
    """Downloader middleware: serve every request from the spider's manifest."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        """Enabled only when the ``CLE_OFFLINE`` setting is true."""
        if not crawler.settings.getbool("CLE_OFFLINE"):
            raise NotConfigured("CLE_OFFLINE is off")
        return cls(crawler)

    def process_request(self, request):
        """Answer ``request`` from ``data/sites/<spider name>/manifest.yml``.

        A URL another provider's manifest holds is answered from there (the
        ``scrapy check`` contracts of a platform class name one provider's page).
        """
        slug = self.crawler.spider.name
        manifest = load_manifest(slug)
        if manifest.page_for(request.url) is None:
            manifest = owner_of(request.url) or manifest
        response = manifest.response_for(request.url, request)
        if response.status == 404 and manifest.page_for(request.url) is None:
            logger.error(
                "offline: no bundled page for %s in data/sites/%s/manifest.yml",
                request.url,
                slug,
            )
        return response


def owner_of(url: str) -> Manifest | None:
    """The manifest of any bundled provider that holds ``url``."""
    for path in sorted(sites_dir().glob("*/manifest.yml")):
        manifest = load_manifest(path.parent.name)
        if manifest.page_for(url) is not None:
            return manifest
    return None


def replay(spider, manifest: Manifest | None = None) -> list[dict]:
    """Run a spider's callbacks on bundled pages; return the items in yield order.

    Requests the callbacks yield are answered from the manifest too, with the
    scheduler's duplicate filter (canonical URL) and errbacks for 4xx/5xx.
    """
    manifest = manifest or load_manifest(spider.name)
    return asyncio.run(_replay(spider, manifest))


async def _replay(spider, manifest: Manifest) -> list[dict]:
    queue = [request async for request in spider.start()]
    seen: set[str] = set()
    items: list[dict] = []
    while queue:
        request = queue.pop(0)
        key = canonicalize_url(request.url)
        if key in seen and not request.dont_filter:
            continue
        seen.add(key)
        response = manifest.response_for(request.url, request)
        if response.status >= 400:
            failure = Failure(HttpError(response))
            failure.request = request
            output = request.errback(failure) if request.errback else None
        else:
            callback = request.callback or spider.parse
            output = callback(response, **request.cb_kwargs)
        async for thing in _iterate(output):
            if isinstance(thing, Request):
                queue.append(thing)
            elif thing is not None:
                items.append(dict(thing))
    return items


async def _iterate(output):
    if output is None:
        return
    if inspect.isasyncgen(output):
        async for thing in output:
            yield thing
    elif inspect.iscoroutine(output):
        result = await output
        async for thing in _iterate(result):
            yield thing
    else:
        for thing in output:
            yield thing
