"""Offline replay: manifest lookups, robots.txt, unknown URLs, the middleware."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawlers.offline import OfflineReplayMiddleware, load_manifest
from crawlers.spiders.registered import NalsSpider

PAGE2 = "https://txpd.org/wp-json/tribe/events/v1/events/?page=2&per_page=4"


def test_pages_are_found_whatever_the_query_order():
    manifest = load_manifest("txpd")
    response = manifest.response_for(PAGE2)
    assert response.status == 200
    assert response.headers["Content-Type"].startswith(b"application/json")
    assert b'"events"' in response.body


def test_robots_txt_is_the_bundled_file_or_allows_all():
    nals = load_manifest("nals").response_for("https://www.nals.org/robots.txt")
    assert b"Disallow: /members/" in nals.body
    txpd = load_manifest("txpd").response_for("https://txpd.org/robots.txt")
    assert txpd.status == 200 and b"Disallow:\n" in txpd.body


def test_an_unknown_url_is_a_404():
    assert load_manifest("nals").response_for("https://www.nals.org/nope").status == 404


def test_middleware_is_off_unless_cle_offline():
    with pytest.raises(NotConfigured):
        OfflineReplayMiddleware.from_crawler(get_crawler(NalsSpider, {}))


def test_middleware_answers_from_the_running_spiders_manifest(caplog):
    crawler = get_crawler(NalsSpider, {"CLE_OFFLINE": True})
    crawler.spider = NalsSpider(run_date="2026-11-20")
    middleware = OfflineReplayMiddleware.from_crawler(crawler)
    page = middleware.process_request(
        Request("https://www.nals.org/events/event_list.asp")
    )
    assert isinstance(page, HtmlResponse) and b"EventList" in page.body
    with caplog.at_level(logging.ERROR):
        missing = middleware.process_request(Request("https://www.nals.org/gone"))
    assert missing.status == 404
    assert "no bundled page for https://www.nals.org/gone" in caplog.text
    assert "data/sites/nals/manifest.yml" in caplog.text
