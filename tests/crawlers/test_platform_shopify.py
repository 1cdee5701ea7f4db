"""Shopify catalog extraction (NBI): sitemaps, product JSON variants, page fallback."""

from __future__ import annotations

import json
from dataclasses import replace

from w3lib.url import canonicalize_url

from crawlers.offline import Page, load_manifest, replay, sites_dir, spider_class
from crawlers.platforms.jsonld import sitemap_locs
from crawlers.platforms.shopify import (
    course_product_urls,
    description_fields,
    page_offering,
    product_offerings,
    variant_format,
)

NBI = "https://nbi-sems.com"


def product(handle: str) -> dict:
    """A bundled /products/<handle>.json product."""
    path = sites_dir() / "nbi" / f"product-{handle}.json"
    return json.loads(path.read_text("utf-8"))["product"]


def test_sitemap_index_then_product_sitemap(page_response):
    index = page_response("nbi", f"{NBI}/sitemap.xml")
    children, pages = sitemap_locs(index.body, "/products/")
    assert pages == [] and len(children) == 4
    assert "sitemap_products_1.xml" in children[0]
    products = page_response("nbi", children[0])
    _, pages = sitemap_locs(products.body, "/products/")
    assert len(pages) == 6


def test_non_course_products_are_skipped():
    urls = [
        f"{NBI}/products/medical-records-for-paralegals",
        f"{NBI}/products/nbi-cle-pass-annual",
        f"{NBI}/products/gift-card",
        f"{NBI}/products/annual-membership",
        f"{NBI}/pages/nbi-cle",
    ]
    assert course_product_urls(urls) == [urls[0]]


def test_variant_labels_name_formats():
    assert variant_format("Live Webinar - December 10, 2026 - 9:30 AM CT") == (
        "live_webinar"
    )
    assert variant_format("On-Demand Video") == "on_demand"
    assert variant_format("Live Seminar - Chicago") == "in_person"
    assert variant_format("Audio CD") is None


def test_live_and_on_demand_variants_are_two_offerings_of_one_course():
    url = f"{NBI}/products/medical-records-for-paralegals"
    live, recording = product_offerings(product("medical-records-for-paralegals"), url)
    assert (live["format"], recording["format"]) == ("live_webinar", "on_demand")
    assert live["when_text"] == "December 10, 2026 - 9:30 AM CT"
    assert "when_text" not in recording
    assert live["price_usd"] == recording["price_usd"] == 329.0
    assert live["offering"] != recording["offering"]
    assert live["credit_text"].startswith("Credits: 6.0 CLE hours")
    assert live["presenters"] == ["Laura Kim, RN, CLNC", "Daniel Ortiz, Esq."]


def test_on_demand_product_keeps_its_recorded_date():
    url = f"{NBI}/products/harnessing-ai-in-legal-practice-2025-edition"
    (only,) = product_offerings(
        product("harnessing-ai-in-legal-practice-2025-edition"), url
    )
    assert only["when_text"] == "Recorded June 23, 2025"
    assert only["format"] == "on_demand"
    assert "Recorded" not in only["description"]


def test_description_without_paragraphs_is_one_line():
    fields = description_fields("Just text, 2.0 CLE hours.")
    assert fields == {"credit_text": "Just text, 2.0 CLE hours."}


def test_product_page_json_ld_when_the_json_is_missing(page_response):
    url = f"{NBI}/products/trust-and-estate-administration-essentials"
    fields = page_offering(page_response("nbi", url).text, url)
    assert fields["price_usd"] == 179.0
    assert fields["offering"] == "88129040011"
    assert fields["when_text"] == "Recorded September 14, 2026."
    assert fields["format"] == "on_demand"
    assert page_offering("<html><body>no data</body></html>", url) is None


def test_spider_reads_the_page_after_a_404_json_without_a_problem():
    spider = spider_class("nbi")()
    items = replay(spider)
    ids = sorted(item["id"] for item in items)
    assert "nbi:trust-and-estate-administration-essentials-88129040011" in ids
    assert not any("pass" in i or "gift" in i for i in ids)
    assert spider.problems == []
    courses = {item["course_id"] for item in items}
    assert len(courses) == 4 and len(items) == 5


def test_unreadable_product_json_falls_back_to_the_page():
    manifest = load_manifest("nbi")
    handle = "e-discovery-for-litigation-paralegals-2027"
    bad = canonicalize_url(f"{NBI}/products/{handle}.json")
    pages = {**manifest.pages, bad: Page("not-found.html", 200)}
    spider = spider_class("nbi")()
    items = replay(spider, replace(manifest, pages=pages))
    assert not any("e-discovery" in item["id"] for item in items)
    assert any(problem.startswith("bad_json") for problem in spider.problems)
    assert any(problem.startswith("http_error") for problem in spider.problems)
    assert len(items) == 4
