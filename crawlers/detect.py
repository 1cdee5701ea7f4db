"""Recognize a provider's platform from its homepage (``cle providers detect``).

Reads a saved homepage (a file) or a served one (an http(s) URL), and, when the
homepage alone says nothing, the pages it links to whose address or text names
events or a calendar (at most :data:`MAX_FOLLOWED`). The platforms, by their
own marks (research/providers.md section 7):

- The Events Calendar: the REST route ``/wp-json/tribe/events/v1/``, an
  ``?ical=1`` export link, or ``tribe-events`` markup;
- Wild Apricot: ``*.wildapricot.org`` links, a calendar widget ICS
  (``/widget/Calendar/...ics``) or its upcoming-events list markup;
- YourMembership: ``ymaws.com`` assets or the "Powered by YourMembership" line;
- Modern Events Calendar: ``mec-`` markup;
- Shopify: ``cdn.shopify.com`` assets or ``Shopify.theme``;
- JSON-LD: an ``application/ld+json`` Event or Course;
- a plain iCalendar feed: a ``webcal:`` or ``.ics`` link (or the file itself).

:mod:`crawlers.providers_cmd` prints the registry entry of what is found, or
one line saying what could not be recognized, with exit status 1.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import click
from parsel import Selector

from crawlers.platforms.jsonld import listing_nodes

#: At most this many linked pages are read when the homepage says nothing.
MAX_FOLLOWED = 5
#: Bytes read of one page.
MAX_BYTES = 5_000_000
TIMEOUT_SECONDS = 20
_EVENTY = re.compile(r"(?i)event|calendar|\bcle\b|webinar|seminar|course|training")
_ICAL_EXPORT = re.compile(r"[?&]ical=1\b")
_TEC_REST = "/wp-json/tribe/events/v1/"


class DetectError(click.ClickException):
    """A page that cannot be read or recognized: one line, exit status 1."""


@dataclass(frozen=True)
class Page:
    """One fetched page: its text, the URL it answers for, its links."""

    url: str
    text: str
    links: tuple[str, ...] = ()
    link_texts: tuple[str, ...] = ()


@dataclass
class Finding:
    """A recognized platform, what showed it, and where its spider starts."""

    platform: str
    evidence: str
    start_urls: list[str]
    options: dict = field(default_factory=dict)


def read_target(target: str, base: str | None = None) -> Page:
    """A page from a local file path or an http(s) URL.

    :param base: the public URL a saved file stands for (default: its
        canonical link or ``og:url``), to resolve relative links
    :raises DetectError: for a missing file, a failed request or a non-page
    """
    path = Path(target)
    if "://" not in target and path.is_file():
        text = path.read_bytes()[:MAX_BYTES].decode("utf-8", "replace")
        url = base or canonical_of(text)
        if not url:
            raise DetectError(
                f"{target}: the page states no URL of its own; give --site"
            )
        return parse_page(text, url)
    if urlsplit(target).scheme not in ("http", "https"):
        raise DetectError(f"{target}: no such file, and not an http(s) URL")
    return parse_page(fetch(target), base or target)


def fetch(url: str) -> str:
    """The text of ``url`` (decoded by its charset, else UTF-8).

    :raises DetectError: for an HTTP error or an unreachable host
    """
    request = urllib.request.Request(url, headers={"User-Agent": "cle-detect/1"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            charset = response.headers.get_content_charset() or "utf-8"
            return response.read(MAX_BYTES).decode(charset, "replace")
    except urllib.error.HTTPError as exc:
        raise DetectError(f"{url}: HTTP {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DetectError(f"{url}: could not be fetched ({reason})") from None


def canonical_of(text: str) -> str | None:
    """The page's own URL as it states it (canonical link, else og:url)."""
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return None
    selector = Selector(text=text)
    for query in (
        'link[rel="canonical"]::attr(href)',
        'meta[property="og:url"]::attr(content)',
    ):
        value = selector.css(query).get()
        if value and urlsplit(value).scheme in ("http", "https"):
            return value.strip()
    return None


def parse_page(text: str, url: str) -> Page:
    """A :class:`Page` with the absolute URLs of its links, scripts and frames."""
    if text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return Page(url, text)
    selector = Selector(text=text)
    found, labels = [], []
    for node in selector.css("a[href], link[href], script[src], iframe[src]"):
        href = node.attrib.get("href") or node.attrib.get("src") or ""
        if href.strip() and not href.startswith(("#", "javascript:", "mailto:")):
            found.append(urljoin(url, href.strip()))
            labels.append(" ".join(node.css("::text").getall()).strip())
    return Page(url, text, tuple(found), tuple(labels))


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def https(url: str) -> str:
    """A ``webcal:`` link as the ``https:`` URL a spider fetches."""
    return re.sub(r"(?i)^webcals?://", "https://", url)


def detect_calendar_file(page: Page) -> Finding | None:
    """The page is itself an iCalendar feed: TEC's export (PRODID ``... ECPv6``),
    a Wild Apricot calendar widget (``/widget/Calendar/``), or a plain feed."""
    if not page.text.lstrip().upper().startswith("BEGIN:VCALENDAR"):
        return None
    prodid = re.search(r"(?im)^PRODID:(.*)$", page.text)
    product = prodid.group(1) if prodid else ""
    if "/widget/calendar/" in page.url.lower() or "wild apricot" in product.lower():
        return Finding("wild_apricot", "a Wild Apricot calendar ICS", [page.url])
    if re.search(r"ECPv\d", product):
        rest = origin(page.url) + _TEC_REST + "events?per_page=50"
        return Finding(
            "events_calendar",
            "an ICS export with an ECPv PRODID",
            [rest],
            {"ics_url": page.url},
        )
    return Finding("ical", "an iCalendar feed", [page.url])


def detect_events_calendar(page: Page) -> Finding | None:
    """The Events Calendar: its REST route, an ``?ical=1`` export, its markup."""
    rest = next((link for link in page.links if _TEC_REST in link), None)
    export = next((link for link in page.links if _ICAL_EXPORT.search(link)), None)
    if not (rest or export or "tribe-events" in page.text):
        return None
    site = origin(rest or export or page.url)
    evidence = (
        "its REST route"
        if rest
        else "an ?ical=1 export link"
        if export
        else "tribe-events markup"
    )
    options = {"ics_url": export} if export else {}
    start = site + _TEC_REST + "events?per_page=50"
    return Finding("events_calendar", evidence, [start], options)


def detect_wild_apricot(page: Page) -> Finding | None:
    """Wild Apricot: its hosts, its calendar widget ICS, its upcoming-events list."""
    widget_ics = [
        link
        for link in page.links
        if "/widget/calendar/" in link.lower()
        and urlsplit(link).path.lower().endswith(".ics")
    ]
    hosted = any("wildapricot." in urlsplit(link).netloc.lower() for link in page.links)
    listing = "idUpcomingEventsContainer" in page.text
    if not (widget_ics or hosted or listing or "WildApricot" in page.text):
        return None
    if widget_ics:
        return Finding("wild_apricot", "a calendar widget ICS link", widget_ics[:1])
    evidence = "its upcoming-events list" if listing else "Wild Apricot hosts"
    return Finding("wild_apricot", evidence, [origin(page.url) + "/events"])


def detect_yourmembership(page: Page) -> Finding | None:
    """YourMembership: ``ymaws.com`` assets or the YourMembership footer."""
    assets = any("ymaws.com" in urlsplit(link).netloc for link in page.links)
    footer = any("yourmembership.com" in urlsplit(link).netloc for link in page.links)
    if not (assets or footer):
        return None
    evidence = "ymaws.com assets" if assets else "the YourMembership footer link"
    site = origin(page.url)
    return Finding("yourmembership", evidence, [site + "/events/event_list.asp"])


def detect_modern_events_calendar(page: Page) -> Finding | None:
    """Modern Events Calendar: ``mec-`` classes on the page."""
    if not re.search(r"class=[\"'][^\"']*\bmec-", page.text):
        return None
    events = next(
        (u for u in page.links if urlsplit(u).path.rstrip("/") == "/events"), None
    )
    return Finding("modern_events_calendar", "mec- markup", [events or page.url])


def detect_shopify(page: Page) -> Finding | None:
    """Shopify: assets on ``cdn.shopify.com`` or the ``Shopify.theme`` object."""
    if "cdn.shopify.com" not in page.text and "Shopify.theme" not in page.text:
        return None
    return Finding(
        "shopify", "cdn.shopify.com assets", [origin(page.url) + "/sitemap.xml"]
    )


def detect_jsonld(page: Page) -> Finding | None:
    """JSON-LD Event or Course nodes: walk the sitemap under their common path."""
    nodes = listing_nodes(page.text)
    if not nodes:
        return None
    paths = [urlsplit(n["url"]).path for n in nodes if isinstance(n.get("url"), str)]
    prefix = common_path(paths)
    options = {"path": prefix} if prefix != "/" else {}
    return Finding(
        "jsonld",
        f"{len(nodes)} JSON-LD Event/Course node(s)",
        [origin(page.url) + "/sitemap.xml"],
        options,
    )


def common_path(paths: list[str]) -> str:
    """The longest folder (``/events/``) all paths are under, else ``/``."""
    folders = [p.rsplit("/", 1)[0].split("/") for p in paths if p.startswith("/")]
    if not folders:
        return "/"
    shared = []
    for parts in zip(*folders, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return "/".join(shared) + "/" if len(shared) > 1 else "/"


def detect_ics_link(page: Page) -> Finding | None:
    """A plain iCalendar feed linked as ``webcal:`` or ``.ics``."""
    feeds = [
        link
        for link in page.links
        if link.lower().startswith(("webcal:", "webcals:"))
        or urlsplit(link).path.lower().endswith(".ics")
    ]
    if not feeds:
        return None
    return Finding("ical", "a webcal:/.ics link", [https(feeds[0])])


DETECTORS = (
    detect_calendar_file,
    detect_events_calendar,
    detect_wild_apricot,
    detect_yourmembership,
    detect_modern_events_calendar,
    detect_shopify,
    detect_jsonld,
    detect_ics_link,
)


def recognize(page: Page) -> Finding | None:
    """The first platform whose marks the page carries (most specific first)."""
    for detector in DETECTORS:
        finding = detector(page)
        if finding:
            return finding
    return None


def event_links(page: Page) -> list[str]:
    """Same-site links whose address or text names events or a calendar."""
    site, chosen = origin(page.url), []
    for link, label in zip(page.links, page.link_texts, strict=True):
        if origin(link) == site and link not in chosen and link != page.url:
            if _EVENTY.search(urlsplit(link).path) or _EVENTY.search(label):
                chosen.append(link)
    return chosen[:MAX_FOLLOWED]


def detect(target: str, base: str | None = None) -> tuple[Page, Finding]:
    """Read ``target`` (and, if need be, its event links) and recognize the platform.

    :raises DetectError: when nothing is recognized
    """
    home = read_target(target, base)
    finding = recognize(home)
    followed = []
    if finding is None and urlsplit(home.url).scheme in ("http", "https"):
        for link in event_links(home):
            try:
                finding = recognize(parse_page(fetch(link), link))
            except DetectError:
                continue
            followed.append(link)
            if finding:
                finding.evidence += f" on {link}"
                break
    if finding is None:
        looked = f" and {len(followed)} linked page(s)" if followed else ""
        raise DetectError(
            f"{target}: platform not recognized on the page{looked} (no TEC REST "
            "route or ?ical=1 export, Wild Apricot, YourMembership, MEC or Shopify "
            "marks, JSON-LD Event/Course, or webcal:/.ics link)"
        )
    return home, finding
