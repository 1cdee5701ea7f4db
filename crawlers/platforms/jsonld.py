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
from html import unescape
from urllib.parse import urlsplit

from scrapy.utils.sitemap import Sitemap

from crawlers.platforms.base import CleSpider, drop_empty

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
#: Properties whose values are further nodes of the page (ItemList entries,
#: a ListItem's thing, a WebPage's main entity).
_CONTAINED = ("itemListElement", "item", "mainEntity")


def jsonld_nodes(html: str) -> list[dict]:
    """Every JSON-LD object on a page, wherever it sits in a block.

    ``@graph`` containers and top-level arrays are flattened; the entries of an
    ``ItemList`` (``itemListElement``, a ``ListItem``'s ``item``) and a page's
    ``mainEntity`` are listed too, after their container. A block that is not
    valid JSON is skipped (a broken block must not hide the others on the page).
    """
    nodes: list[dict] = []
    for block in _SCRIPT.findall(html):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(item["@graph"])
                    continue
                nodes.append(item)
                stack.extend(
                    item[name]
                    for name in _CONTAINED
                    if isinstance(item.get(name), dict | list)
                )
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
    """HTML or plain text as one line of plain text, entities decoded.

    The Events Calendar's JSON-LD escapes its HTML ("&lt;p&gt;") and writes
    names with entities ("Bach in the Subways &#8211; Los Angeles",
    tests/fixtures/real/jsonld/welikela-events-widget.html, saved 2018).
    """
    text = _TAGS.sub(" ", unescape(str(value or "")))
    return " ".join(unescape(text).split())


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
    return drop_empty(fields)


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
    ``<image:image>`` children. A body that is not XML lists nothing.
    """
    body = xml.encode() if isinstance(xml, str) else xml
    try:
        sitemap = Sitemap(body)
        locs = [entry["loc"] for entry in sitemap if entry.get("loc")]
    except (StopIteration, ValueError, SyntaxError):  # lxml's XMLSyntaxError too
        return [], []
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
        response = self.as_page(response)
        nodes = self.page_nodes(response)
        if not nodes:
            self.problem("no_listings", f"no JSON-LD Event/Course on {response.url}")
        for node in nodes:
            for listing in self._node_listings(node, response):
                listing = self.post_process(listing, node, response)
                if listing:
                    yield listing

    def page_nodes(self, response) -> list[dict]:
        """The page's Event/Course nodes (read once per response)."""
        cached = getattr(self, "_nodes_of", None)
        if cached is None or cached[0] is not response:
            self._nodes_of = (response, listing_nodes(response.text))
        return self._nodes_of[1]

    def listing_key(self, node: dict, response=None) -> str:
        """The key of a node: the page's path when it is the page's only listing,
        else the node's own ``url`` or ``@id``, else its name and start."""
        page_url = self.public_url(response) if response is not None else ""
        if response is None or len(self.page_nodes(response)) <= 1:
            return self._path_key(page_url)
        for name in ("url", "@id"):
            own = str(node.get(name) or "").strip()
            if own and own.split("#")[0].rstrip("/") != page_url.rstrip("/"):
                return self._path_key(own)
            if "#" in own and own.split("#", 1)[1]:
                return f"{self._path_key(page_url)}-{own.split('#', 1)[1]}"
        start = str(node.get("startDate") or "")
        return "-".join(part for part in (plain_text(node.get("name")), start) if part)

    def _path_key(self, url: str) -> str:
        """A URL's path after the listing path, ``/`` as ``-`` (fragment kept)."""
        parts = urlsplit(url)
        path = parts.path.strip("/")
        prefix = self.options.get("path", "/").strip("/")
        if prefix and path.startswith(prefix):
            path = path[len(prefix) :].strip("/")
        key = path.replace("/", "-")
        return f"{key}-{parts.fragment}" if parts.fragment else key

    def _node_listings(self, node: dict, response) -> list[dict]:
        """Listings for one JSON-LD node: one per course instance, or the event."""
        page_url = self.public_url(response)
        key = self.listing_key(node, response)
        extra = self._printed_fields(response)
        if "Course" not in types_of(node):
            fields = {"url": page_url, **event_fields(node), **extra}
            return [self.listing(key=key, **fields)]
        listings = []
        for fields in course_offerings(node):
            offering = fields.pop("offering")
            fields = {"url": page_url, **fields, **extra}
            listings.append(
                self.listing(
                    key=f"{key}-{offering}" if offering else key,
                    course_id=self.make_id(key),
                    **fields,
                )
            )
        return listings

    def _printed_fields(self, response) -> dict:
        """Fields the page prints outside JSON-LD (registry ``credit_selector``)."""
        selector = self.options.get("credit_selector")
        if not selector:
            return {}
        text = plain_text(" ".join(response.css(selector).getall()))
        return {"credit_text": text} if text else {}


BASE_SPIDER = JsonLdSitemapSpider
