"""The one Scrapy settings module for cle's crawlers.

Politeness is set here, not in spiders: robots.txt is obeyed, the bot names
itself with a contact URL, one request at a time per domain, AutoThrottle on,
and never a login. Environment variables prefixed ``CLE_`` override the
defaults, so a nightly job or a test changes behaviour without another module:

- ``CLE_OFFLINE=1``: answer every request from ``data/sites/<slug>/`` (see
  :mod:`crawlers.offline`); no network at all.
- ``CLE_HTTPCACHE=1``: keep an HTTP cache in the state folder's ``httpcache/``
  (:func:`catalog.paths.state_dir`) for development.
- ``CLE_SITE_OVERRIDE="slug=http://127.0.0.1:8000,..."``: send a provider's
  requests to another origin (a local test server); see :mod:`crawlers.registry`.
- ``CLE_USER_AGENT``, ``CLE_DOWNLOAD_DELAY``, ``CLE_DOWNLOAD_TIMEOUT``,
  ``CLE_RETRY_TIMES``, ``CLE_RUN_DATE``, ``CLE_LOG_LEVEL``: as named.
"""

from __future__ import annotations

import os

from catalog.paths import state_dir


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


BOT_NAME = "cle"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

#: Names the bot and where to reach its operator; set CLE_USER_AGENT to your own
#: contact URL when you run live crawls.
USER_AGENT = os.environ.get(
    "CLE_USER_AGENT",
    "cle-catalog/0.1 (+https://github.com/cle-catalog/cle; CLE listings bot)",
)
ROBOTSTXT_OBEY = True
COOKIES_ENABLED = False  # we never log in; listings are public pages
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = float(os.environ.get("CLE_DOWNLOAD_DELAY", "1.0"))
DOWNLOAD_TIMEOUT = float(os.environ.get("CLE_DOWNLOAD_TIMEOUT", "30"))
RETRY_TIMES = int(os.environ.get("CLE_RETRY_TIMES", "1"))
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

HTTPCACHE_ENABLED = _env_flag("CLE_HTTPCACHE")
HTTPCACHE_DIR = str(state_dir() / "httpcache")
HTTPCACHE_EXPIRATION_SECS = 24 * 3600

#: Replay bundled pages instead of the network (crawlers.offline).
CLE_OFFLINE = _env_flag("CLE_OFFLINE")
#: The date a run is filed under (feeds/<run_date>/, runs/<run_date>/); default today.
CLE_RUN_DATE = os.environ.get("CLE_RUN_DATE") or None

DOWNLOADER_MIDDLEWARES = {
    # Last before the download handler, so robots.txt, retries and stats all
    # see replayed responses as if they came from the network.
    "crawlers.offline.OfflineReplayMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawlers.pipelines.NormalizePipeline": 100,
    "crawlers.pipelines.ValidatePipeline": 200,
    "crawlers.pipelines.DedupePipeline": 300,
}
EXTENSIONS = {
    "crawlers.extensions.RunReport": 500,
}
# Spider attributes fill the placeholders: run_date is set by CleSpider.
FEEDS = {
    "%(feeds_dir)s/%(run_date)s/%(name)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "overwrite": True,
        "store_empty": True,
    }
}
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {"jsonlines": "crawlers.pipelines.FeedLinesExporter"}

# No control ports: a nightly crawler needs no telnet or remote-control listener.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

LOG_LEVEL = os.environ.get("CLE_LOG_LEVEL", "INFO")
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
