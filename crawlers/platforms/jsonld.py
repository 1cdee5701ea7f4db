"""Generic schema.org JSON-LD pages (``Event``, ``Course``, ``EducationEvent``).

Many catalogs publish no feed but list their course pages in ``sitemap.xml``
and mark each page up with JSON-LD (providers.md section 7, "sitemap-only
catalogs": Lorman ``/training/…``, PLI ``/programs/…``). The pure functions
here turn page text into raw field dicts; :class:`JsonLdSitemapSpider` walks a
sitemap filtered by path and yields one listing per event or course instance.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from urllib.parse import urlsplit

from scrapy.utils.sitemap import Sitemap

from crawlers.platforms.base import CleSpider

#: schema.org types read as one listing each.
LISTING_TYPES = frozenset({"Event", "EducationEvent", "Course", "BusinessEvent"})

_ATTENDANCE_FORMATS = {
    "OnlineEventAttendanceMode": "live_webinar",
    "OfflineEventAttendanceMode": "in_person",
    "MixedEventAttendanceMode": "hybrid",
}
# schema.org CourseInstance.courseMode: free text; these are the documented examples.
_COURSE_MODE_FORMATS = {
    "synchronous": "live_webinar",
    "asynchronous": "on_demand",
    "onsite": "in_person",
    "blended": "hybrid",
}
_SCRIPT = re.compile(
    r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>",
    re.DOTALL | re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]+>")


def jsonld_nodes(html: str) -> list[dict]:
    """Every JSON-LD object on a page, with ``@graph`` and lists flattened.

    A block that is not valid JSON is skipped (a broken block must not hide
    the others on the page).
    """
    nodes: list[dict] = []
    for block in _SCRIPT.findall(html):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"])
                else:
                    nodes.append(item)
    return nodes


def types_of(node: dict) -> set[str]:
    """The schema.org type names of a node, without any URL prefix."""
    value = node.get("@type") or []
    names = [value] if isinstance(value, str) else value
    return {str(name).rsplit("/", 1)[-1] for name in names}


def listing_nodes(html: str) -> list[dict]:
    """The JSON-LD nodes on a page that describe an event or a course."""
    return [node for node in jsonld_nodes(html) if types_of(node) & LISTING_TYPES]


def plain_text(value: object) -> str:
    """HTML or plain text as one line of plain text."""
    text = _TAGS.sub(" ", str(value or ""))
    return " ".join(text.replace("&nbsp;", " ").split())


def _enum_name(value: object) -> str:
    return str(value or "").rsplit("/", 1)[-1]


def instant(value: object) -> str | None:
    """An ISO 8601 date-time that carries a UTC offset, else ``None``.

    Date-only or naive values are left to the normalizer, which reads them with
    the provider's zone from ``when_text``.
    """
    text = str(value or "").strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if "T" not in text or moment.tzinfo is None:
        return None
    return moment.isoformat()


def names(value: object) -> list[str]:
    """Names from a schema.org Person/Organization value (one, a list or text)."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        name = plain_text(name)
        if name and name not in found:
            found.append(name)
    return found


def location_text(value: object) -> str | None:
    """``Online`` for a virtual location, else ``City, ST`` from the address."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return plain_text(value) or None
    if "VirtualLocation" in types_of(value):
        return "Online"
    address = value.get("address")
    if isinstance(address, dict):
        parts = [address.get("addressLocality"), address.get("addressRegion")]
        joined = ", ".join(plain_text(p) for p in parts if p)
        if joined:
            return joined
    return plain_text(value.get("name")) or None


def offer_price(value: object) -> float | None:
    """The price of a single offer; ``None`` when there are several or none."""
    offers = value if isinstance(value, list) else [value]
    offers = [offer for offer in offers if isinstance(offer, dict)]
    if len(offers) != 1:
        return None
    try:
        return float(offers[0].get("price"))
    except (TypeError, ValueError):
        return None


def event_fields(node: dict) -> dict:
    """Raw interchange fields of one schema.org ``Event``/``EducationEvent`` node."""
    fields = {
        "title": plain_text(node.get("name")),
        "description": plain_text(node.get("description")) or None,
        "url": node.get("url"),
        "starts_at": instant(node.get("startDate")),
        "ends_at": instant(node.get("endDate")),
        "format": _ATTENDANCE_FORMATS.get(_enum_name(node.get("eventAttendanceMode"))),
        "location": location_text(node.get("location")),
        "presenters": names(node.get("performer")) or None,
        "price_usd": offer_price(node.get("offers")),
    }
    if _enum_name(node.get("eventStatus")) == "EventCancelled":
        fields["status"] = "cancelled"
    return {key: value for key, value in fields.items() if value not in (None, "")}


def course_offerings(node: dict) -> list[dict]:
    """Raw fields for each ``hasCourseInstance`` of a ``Course`` (or the course).

    Each dict carries ``offering`` (the instance's mode and date, used in the
    listing id) beside the interchange fields.
    """
    base = {
        "title": plain_text(node.get("name")),
        "description": plain_text(node.get("description")) or None,
        "url": node.get("url"),
        "presenters": names(node.get("instructor")) or None,
        "price_usd": offer_price(node.get("offers")),
        "credit_text": plain_text(node.get("educationalCredentialAwarded")) or None,
    }
    instances = node.get("hasCourseInstance") or []
    instances = instances if isinstance(instances, list) else [instances]
    offerings = []
    for instance in instances:
        if not isinstance(instance, dict):
            continue
        mode = str(instance.get("courseMode") or "").strip().lower()
        fields = dict(base)
        fields.update(
            starts_at=instant(instance.get("startDate")),
            ends_at=instant(instance.get("endDate")),
            format=_COURSE_MODE_FORMATS.get(mode),
            location=location_text(instance.get("location")),
            presenters=names(instance.get("instructor")) or base["presenters"],
        )
        price = offer_price(instance.get("offers"))
        if price is not None:
            fields["price_usd"] = price
        day = str(instance.get("startDate") or "")[:10]
        fields["offering"] = "-".join(part for part in (mode, day) if part)
        offerings.append(fields)
    if not offerings:
        offerings.append(dict(base, offering=""))
    return [
        {k: v for k, v in fields.items() if k == "offering" or v not in (None, "")}
        for fields in offerings
    ]


def sitemap_locs(
    xml: bytes | str, path_prefix: str = ""
) -> tuple[list[str], list[str]]:
    """Split a sitemap into ``(child sitemaps, page URLs under path_prefix)``.

    Uses Scrapy's own sitemap reader, which copes with namespaces and
    ``<image:image>`` children.
    """
    body = xml.encode() if isinstance(xml, str) else xml
    sitemap = Sitemap(body)
    locs = [entry["loc"] for entry in sitemap if entry.get("loc")]
    if sitemap.type == "sitemapindex":
        return locs, []
    pages = [loc for loc in locs if path_prefix in loc]
    return [], list(dict.fromkeys(pages))


class JsonLdSitemapSpider(CleSpider):
    """Walk ``sitemap.xml`` to pages under a path and read their JSON-LD.

    Registry options: ``path`` (the page path to keep, e.g. ``/training/``),
    ``exclude`` (substrings of URLs to skip, e.g. landing pages) and
    ``credit_selector`` (CSS for credit wording printed outside the JSON-LD).
    """

    platform = "jsonld"

    def parse(self, response):
        """Follow child sitemaps; request each listed page under the path."""
        children, pages = sitemap_locs(response.body, self.options.get("path", "/"))
        if not children and not any(sitemap_locs(response.body)):
            self.problem("no_listings", f"sitemap lists no pages at {response.url}")
        for url in children:
            yield self.request(url, self.parse)
        for url in pages:
            if any(skip in url for skip in self.options.get("exclude", ())):
                continue
            yield self.request(url, self.parse_page)

    def parse_page(self, response):
        """Yield one listing per event node or course instance on the page."""
        nodes = listing_nodes(response.text)
        if not nodes:
            self.problem("no_listings", f"no JSON-LD Event/Course on {response.url}")
        for node in nodes:
            yield from self.node_listings(node, response)

    def node_listings(self, node: dict, response) -> list[dict]:
        """Listings for one JSON-LD node: one per course instance, or the event."""
        url = self.public_url(response)
        key = self.page_key(url)
        extra = self.page_fields(response)
        if "Course" not in types_of(node):
            fields = {"url": url, **event_fields(node), **extra}
            return [self.listing(key=key, **fields)]
        listings = []
        for fields in course_offerings(node):
            offering = fields.pop("offering")
            fields = {"url": url, **fields, **extra}
            listings.append(
                self.listing(
                    key=f"{key}-{offering}" if offering else key,
                    course_id=self.make_id(key),
                    **fields,
                )
            )
        return listings

    def page_key(self, url: str) -> str:
        """The provider key of a page: its path after the listing path."""
        path = urlsplit(url).path.strip("/")
        prefix = self.options.get("path", "/").strip("/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :].strip("/")
        return path.replace("/", "-")

    def page_fields(self, response) -> dict:
        """Fields the page prints outside JSON-LD (hook; default: credit wording)."""
        selector = self.options.get("credit_selector")
        if not selector:
            return {}
        text = plain_text(" ".join(response.css(selector).getall()))
        return {"credit_text": text} if text else {}


BASE_SPIDER = JsonLdSitemapSpider
