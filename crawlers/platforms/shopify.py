"""Shopify storefront catalogs (NBI): sitemap → product sitemap → product JSON.

Every Shopify store publishes ``/sitemap.xml`` (an index) whose
``sitemap_products_<n>.xml`` children list ``/products/<handle>`` (seen in a
public CLE catalog scraper, providers.md section 6). Each product also answers
at ``/products/<handle>.json`` with its variants and prices (the shape of the
two real products in tests/fixtures/real/shopify/); a course sold live and on
demand is one product with one variant per format [assumed]. When the JSON is
missing, the product page's ``Product`` JSON-LD is read instead.
"""

from __future__ import annotations

import json
import re

from crawlers.platforms.base import CleSpider, drop_empty
from crawlers.platforms.jsonld import (
    jsonld_nodes,
    listing_nodes,
    plain_text,
    sitemap_locs,
    types_of,
)

#: Products that are not courses (the public catalog scraper skips these handles).
NON_COURSE = re.compile(r"subscription|gift-card|cle-pass|shipping|membership")
#: Variant labels → interchange format, by the label's first words [assumed].
VARIANT_FORMATS = (
    ("live webinar", "live_webinar"),
    ("live seminar", "in_person"),
    ("in-person", "in_person"),
    ("on-demand", "on_demand"),
    ("ondemand", "on_demand"),
    ("video", "on_demand"),
)
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)


def course_product_urls(urls: list[str]) -> list[str]:
    """Product page URLs of courses, in sitemap order (non-courses dropped)."""
    return [
        url
        for url in urls
        if "/products/" in url and not NON_COURSE.search(url.rsplit("/", 1)[-1])
    ]


def variant_format(label: str) -> str | None:
    """The format a variant label names, or ``None`` for an unknown label."""
    lowered = label.strip().lower()
    for prefix, fmt in VARIANT_FORMATS:
        if lowered.startswith(prefix):
            return fmt
    return None


def body_lines(body_html: str) -> list[str]:
    """The paragraphs of a product description as plain-text lines."""
    return [line for line in map(plain_text, _PARAGRAPH.findall(body_html)) if line]


def _line(lines: list[str], pattern: str) -> str | None:
    found = [line for line in lines if re.search(pattern, line, re.IGNORECASE)]
    return found[0] if found else None


def description_fields(body_html: str) -> dict:
    """Description, credit line, recording line and faculty from ``body_html``."""
    lines = body_lines(body_html) or [plain_text(body_html)]
    credit = _line(lines, r"\bcredits?\b|\bCLE\b")
    recorded = _line(lines, r"^recorded\b")
    faculty = _line(lines, r"^faculty:")
    rest = [line for line in lines if line not in (credit, recorded, faculty)]
    fields = {"description": " ".join(rest), "credit_text": credit}
    if recorded:
        fields["recorded"] = recorded
    if faculty:
        names = faculty.split(":", 1)[1].split(";")
        fields["presenters"] = [name.strip() for name in names if name.strip()]
    return {key: value for key, value in fields.items() if value}


def product_offerings(product: dict, url: str) -> list[dict]:
    """One raw field dict per variant of a ``/products/<handle>.json`` product.

    Each dict carries ``offering`` (the variant id) beside interchange fields.
    """
    described = description_fields(product.get("body_html") or "")
    recorded = described.pop("recorded", None)
    offerings = []
    for variant in product.get("variants") or []:
        label = str(variant.get("option1") or variant.get("title") or "")
        fmt = variant_format(label) or variant_format(product.get("product_type") or "")
        fields = {
            "title": plain_text(product.get("title")),
            "url": url,
            "format": fmt,
            "price_usd": _price(variant.get("price")),
            **described,
        }
        if fmt == "on_demand":
            fields["when_text"] = recorded
        else:
            # "Live Webinar - December 10, 2026 - 9:30 AM CT": the date follows.
            fields["when_text"] = label.partition(" - ")[2] or None
        fields["offering"] = str(variant.get("id") or "")
        offerings.append(drop_empty(fields))
    return offerings


def page_offering(html: str, url: str) -> dict | None:
    """Fields from a product page's ``Product`` JSON-LD (when the JSON is missing)."""
    products = [n for n in jsonld_nodes(html) if "Product" in types_of(n)]
    if not products:
        nodes = listing_nodes(html)
        products = nodes[:1]
    if not products:
        return None
    node = products[0]
    offers = node.get("offers") or []
    offers = offers if isinstance(offers, list) else [offers]
    text = plain_text(node.get("description"))
    credit = _sentence(text, r"\bcredits?\b|\bCLE\b")
    recorded = _sentence(text, r"^recorded\b")
    rest = [s for s in _sentences(text) if s not in (credit, recorded)]
    fields = {
        "title": plain_text(node.get("name")),
        "url": url,
        "description": " ".join(rest),
        "credit_text": credit,
        "when_text": recorded,
        "price_usd": _price(offers[0].get("price")) if len(offers) == 1 else None,
    }
    if fields["when_text"]:
        fields["format"] = "on_demand"
    offer_url = str(offers[0].get("url")) if offers else ""
    variant = re.search(r"[?&]variant=(\d+)", offer_url)
    fields["offering"] = variant.group(1) if variant else ""
    return drop_empty(fields)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=\.)\s+", text) if part.strip()]


def _sentence(text: str, pattern: str) -> str | None:
    for sentence in _sentences(text):
        if re.search(pattern, sentence, re.IGNORECASE):
            return sentence.strip()
    return None


def _price(value: object) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class ShopifyCatalogSpider(CleSpider):
    """Sitemap index → product sitemaps → ``/products/<handle>.json`` per course."""

    platform = "shopify"

    def parse(self, response):
        """Follow product sitemaps; request each course product's JSON.

        @url https://nbi-sems.com/sitemap.xml
        @returns requests 1 1
        """
        children, pages = sitemap_locs(response.body, "/products/")
        if not children and not pages:
            self.problem("no_listings", f"sitemap lists no products at {response.url}")
        for url in children:
            if "sitemap_products" in url:
                yield self.request(url, self.parse)
        for url in course_product_urls(pages):
            yield self.request(
                f"{url}.json",
                self.parse_product_json,
                cb_kwargs={"page_url": url},
                meta={"cle_fallback": url},
            )

    def parse_product_json(self, response, page_url: str):
        """Yield one listing per variant of the product.

        @url https://nbi-sems.com/products/medical-records-for-paralegals.json
        @cb_kwargs {"page_url": "https://nbi-sems.com/products/x"}
        @returns items 2 2
        @scrapes id course_id title url format price_usd credit_text
        """
        try:
            product = json.loads(response.text)["product"]
        except (ValueError, KeyError, TypeError):
            self.problem("bad_json", f"product JSON unreadable at {response.url}")
            yield self.request(page_url, self.parse_product_page)
            return
        for fields in product_offerings(product, page_url):
            yield self._listing(product.get("handle") or _handle(page_url), fields)

    def on_error(self, failure):
        """A product without ``.json`` (404) is read from its page; else report."""
        page_url = failure.request.meta.get("cle_fallback")
        response = getattr(failure.value, "response", None)
        if page_url and getattr(response, "status", None) == 404:
            self.logger.info("no product JSON for %s; reading the page", page_url)
            yield self.request(page_url, self.parse_product_page)
            return
        yield from super().on_error(failure)

    def parse_product_page(self, response):
        """Yield the listing read from a product page's JSON-LD."""
        response = self.as_page(response)
        url = self.public_url(response)
        fields = page_offering(response.text, url)
        if not fields or not fields.get("title"):
            self.problem("no_listings", f"no Product JSON-LD on {url}")
            return
        yield self._listing(_handle(url), fields)

    def _listing(self, handle: str, fields: dict) -> dict:
        offering = fields.pop("offering", "")
        return self.listing(
            key=f"{handle}-{offering}" if offering else handle,
            course_id=self.make_id(handle),
            **fields,
        )


def _handle(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


BASE_SPIDER = ShopifyCatalogSpider
