"""CleSpider: the base of every cle spider (provider metadata, ids, items, errors).

A spider's ``name`` is its provider slug; on construction the spider reads its
entry from ``data/providers.yml`` (:mod:`crawlers.registry`) and gets
``provider`` (the :class:`~crawlers.registry.Provider`), ``timezone``,
``membership_pricing``, ``approval_hints``, ``options`` and ``start_urls``.

Rules for subclasses (platform base spiders and thin provider spiders):

- make every request with :meth:`CleSpider.request`, not ``response.follow``:
  it applies ``CLE_SITE_OVERRIDE``, adds the error callback (failures are
  counted, and a ``seed`` listing is still yielded) and remembers the public
  URL (:meth:`CleSpider.public_url`, :meth:`CleSpider.follow_url`);
- yield items built with :meth:`CleSpider.listing` (interchange fields only,
  raw wording in ``credit_text``/``price_text``/``when_text``; parsed fields only
  where the page gives them structurally);
- report anything odd (a page without listings, a listing without a title) with
  :meth:`CleSpider.problem`; it is counted in the run report, never raised.

Two hooks are the same on every platform: :meth:`CleSpider.listing_key` (the
provider's key of one raw listing) and :meth:`CleSpider.post_process` (change
or drop a finished listing). Example of a thin provider spider::

    class LormanSpider(JsonLdSitemapSpider):
        name = "lorman"

        def post_process(self, listing, raw, response):
            return listing if "CLE" in response.text else None
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime, timedelta
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TCPTimedOutError, TimeoutError
from w3lib.html import remove_tags, replace_entities

from catalog.normalize import parse_format
from catalog.normalize.zones import zone_in_text
from catalog.paths import feeds_dir
from catalog.schema import RECORD_FIELDS
from crawlers.registry import get_provider, rebase, site_overrides

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|tr|h[1-6]|dt|dd)>")
#: A line that states CLE credit or its approval (used to locate raw wording only).
CREDIT_LINE = re.compile(r"(?i)\b(m?cle|credit|credits|ceus?|approved for)\b")
_PRESENTER = re.compile(r"(?im)^(?:presenters?|speakers?|faculty)\s*:\s*(.+)$")
#: Split names on "and", ";" or a comma followed by another name (not "J.D.").
_NAME_SPLIT = re.compile(r"\s+and\s+|;\s*|,\s*(?=[A-Z][a-z]+\s)")
PRICE_LINE = re.compile(r"(?i)(\$\s?\d|\bfree\b|\bmembers?\b.*\b(fee|price|cost)\b)")
_LABEL = re.compile(r"^(?P<label>[A-Za-z ]{2,20}):\s*(?P<value>.*)$")
#: The values a listing leaves out rather than storing as empty.
EMPTY_VALUES = (None, "", [], ())


def slugify(text: str) -> str:
    """Lowercase words joined by dashes: ``"Éthique Update"`` → ``ethique-update``.

    Accents are folded to their letters; a key whose letters are not Latin
    ("研修 2026") keeps a short hash of itself, so no two such keys share an id
    and none is left empty.
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    kept = [ch for ch in decomposed if not unicodedata.combining(ch)]
    slug = re.sub(r"[^a-z0-9]+", "-", "".join(kept).lower()).strip("-")
    if slug and all(ch.isascii() or not ch.isalnum() for ch in kept):
        return slug
    digest = hashlib.sha1(str(text).encode("utf-8")).hexdigest()[:10]
    return f"{slug}-{digest}" if slug else digest


def html_to_text(html: str | None) -> str:
    """Plain text from an HTML fragment, one line per block, entities decoded."""
    if not html:
        return ""
    text = replace_entities(remove_tags(_BLOCK_END.sub("\n", html)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def drop_empty(fields: dict) -> dict:
    """``fields`` without its empty values (None, "", [], ())."""
    return {key: value for key, value in fields.items() if value not in EMPTY_VALUES}


def selector_text(selector) -> str:
    """The text of a Scrapy selector list as one line (whitespace collapsed)."""
    return " ".join(" ".join(selector.getall()).split())


def is_label_line(line: str) -> bool:
    """Whether a line reads ``Label: value`` (a short label of letters)."""
    return bool(_LABEL.match(line.strip()))


def labelled_lines(text: str) -> dict[str, str]:
    """``Label: value`` lines of a block, keyed by lower-cased label (first wins)."""
    found = {}
    for line in text.splitlines():
        match = _LABEL.match(line.strip())
        if match:
            found.setdefault(match["label"].strip().lower(), match["value"].strip())
    return found


def first_line(text: str, pattern: re.Pattern) -> str | None:
    """The first line of ``text`` that matches ``pattern`` (raw wording locator)."""
    for line in (text or "").splitlines():
        if pattern.search(line):
            return line.strip()
    return None


def presenters_in(text: str) -> list[str]:
    """Names after a ``Presenter:``/``Speakers:``/``Faculty:`` label in plain text."""
    names: list[str] = []
    for match in _PRESENTER.finditer(text or ""):
        for name in _NAME_SPLIT.split(match.group(1)):
            if name.strip(" ,"):
                names.append(name.strip(" ,"))
    return names


def seed_of(response) -> dict | None:
    """The listing a list page passed along with this detail request, if any."""
    request = getattr(response, "request", None)
    return request.meta.get("cle_seed") if request is not None else None


def offset_label(offset: timedelta) -> str:
    """A fixed offset as a zone label: ``UTC``, ``UTC-07:00``, ``UTC+05:30``."""
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def iso(moment: datetime | date | None) -> str | None:
    """An aware datetime as ISO 8601 with offset; dates and None give None."""
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return None
    return moment.isoformat()


class CleSpider(scrapy.Spider):
    """Base spider: one registry provider, interchange items, counted errors."""

    #: Set by platform base classes (``"events_calendar"``, ``"wild_apricot"``...).
    platform = ""

    def __init__(self, *args, run_date: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        entry = get_provider(self.name)
        self.provider = entry
        self.timezone = entry.timezone
        self.membership_pricing = entry.membership_pricing
        self.approval_hints = list(entry.approval_hints)
        self.options = dict(entry.options)
        if not getattr(self, "start_urls", None):
            self.start_urls = list(entry.start_urls)
        self.run_date = run_date or date.today().isoformat()
        self.feeds_dir = str(feeds_dir())
        self.site_base = site_overrides().get(self.name)
        self.problems: list[str] = []

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        """Build the spider; ``run_date`` defaults to the ``CLE_RUN_DATE`` setting."""
        kwargs.setdefault("run_date", crawler.settings.get("CLE_RUN_DATE"))
        return super().from_crawler(crawler, *args, **kwargs)

    @property
    def zone(self) -> ZoneInfo:
        """The provider's default time zone."""
        return ZoneInfo(self.timezone)

    # -- requests ------------------------------------------------------------

    async def start(self):
        """Request every start URL with :meth:`parse` and the shared error callback."""
        for url in self.start_urls:
            yield self.request(url, self.parse)

    def request(self, url: str, callback, *, seed: dict | None = None, **kwargs):
        """A Request for a public URL, rebased for tests and with error reporting.

        :param seed: a listing to yield if this page cannot be fetched (a detail
            page behind a list entry), so one broken page loses nothing it need not
        """
        meta = dict(kwargs.pop("meta", None) or {})
        meta["cle_url"] = url
        if seed is not None:
            meta["cle_seed"] = seed
        target = rebase(url, self.site_base) if self.site_base else url
        return scrapy.Request(
            target, callback=callback, errback=self.on_error, meta=meta, **kwargs
        )

    def public_url(self, response) -> str:
        """The URL as published (before any ``CLE_SITE_OVERRIDE`` rebasing)."""
        request = getattr(response, "request", None)
        return (request.meta.get("cle_url") if request else None) or response.url

    def follow_url(self, response, href: str) -> str:
        """An absolute public URL for a link found on ``response``."""
        return urljoin(self.public_url(response), href)

    def as_page(self, response):
        """The response as an HTML page, even when its body parses as JSON.

        Scrapy reads a JSON body with a JSON selector, on which CSS raises; a
        page callback that is answered JSON (an API error, a misrouted URL)
        then finds no markup instead of crashing.
        """
        if getattr(response, "selector", None) is not None:
            if response.selector.type == "json":
                return response.replace(cls=HtmlResponse)
        return response

    def on_error(self, failure):
        """Count a failed request (HTTP error, timeout, robots.txt) and keep going."""
        request = failure.request
        url = request.meta.get("cle_url", request.url)
        if failure.check(HttpError):
            status = failure.value.response.status
            self.problem("http_error", f"HTTP {status} at {url}")
        elif failure.check(TimeoutError, TCPTimedOutError):
            self.problem("timeout", f"timed out fetching {url}")
        elif failure.check(IgnoreRequest):
            self.logger.info("not fetched (robots.txt or filter): %s", url)
        else:
            self.problem("download_error", f"{type(failure.value).__name__} at {url}")
        seed = request.meta.get("cle_seed")
        if seed:
            yield seed

    def follow_entries(self, response, entries: list[dict], callback):
        """Seed a listing from each list entry and request its detail page.

        Each entry holds ``title``, ``href`` (the detail link as written) and the
        interchange fields the list prints; its key comes from
        :meth:`listing_key`. The seed is what is kept if the detail page fails.
        An entry without a title or a key is counted, not followed.
        """
        if not entries:
            self.problem("no_listings", f"no events in {self.public_url(response)}")
        for entry in entries:
            key = self.listing_key(entry, response)
            if not entry.get("title") or not key:
                what = entry.get("title") or entry.get("href") or "(empty entry)"
                self.problem("missing_fields", f"list entry {what!r}: title or link")
                continue
            url = self.follow_url(response, entry["href"])
            fields = {name: value for name, value in entry.items() if name != "href"}
            seed = self.listing(key=key, url=url, **fields)
            yield self.request(url, callback, seed=seed)

    def detail_seed(self, response) -> dict | None:
        """The seed a list page sent with this detail page, else one from its URL.

        None (and a counted problem) when neither exists: a listing needs a key.
        """
        url = self.public_url(response)
        seed = seed_of(response)
        key = self.listing_key({"href": url}, response)
        if seed is None and not key:
            self.problem("missing_fields", f"no event id in {url}")
            return None
        return seed or self.listing(key=key, url=url)

    def complete(self, seed: dict, response, **fields) -> dict | None:
        """A detail page's listing: its seed updated with ``fields``, post-processed."""
        return self.post_process({**seed, **self.listing(**fields)}, seed, response)

    # -- items ---------------------------------------------------------------

    def make_id(self, key) -> str:
        """A stable listing id ``"<slug>:<slugified key>"``."""
        return f"{self.name}:{slugify(key)}"

    def listing(self, *, key=None, **fields) -> dict:
        """An interchange item: empty values dropped, provider and timezone set.

        :param key: the provider's key for the listing (becomes ``id`` via
            :meth:`make_id` when no ``id`` is given)
        :raises TypeError: for a field the interchange record does not have
        """
        unknown = sorted(set(fields) - set(RECORD_FIELDS))
        if unknown:
            raise TypeError(f"not interchange fields: {', '.join(unknown)}")
        item = drop_empty(fields)
        if "id" not in item and key is not None:
            item["id"] = self.make_id(key)
        item["provider"] = self.name
        if "timezone" not in item:
            item["timezone"] = self.zone_of(
                item.get("starts_at"), item.get("when_text")
            )
        for name in ("title", "credit_text", "price_text", "when_text", "location"):
            if isinstance(item.get(name), str):
                item[name] = " ".join(item[name].split())
        return item

    def zone_of(self, instant: str | None, when_text: str | None = None) -> str:
        """The zone of a listing starting at ``instant`` (ISO with offset).

        The zone the wording names ("11:00 am - 12:30 pm ET") when its offset
        then is the instant's, else the provider's when that one agrees, else
        the offset as written (``"UTC-07:00"``): an instant is never labelled
        with a zone whose offset it does not have.
        """
        try:
            moment = datetime.fromisoformat(str(instant))
        except ValueError:
            return self.timezone
        offset = moment.utcoffset()
        if offset is None:
            return self.timezone
        stated = zone_in_text(when_text or "", self.zone, moment.date())
        for zone in (stated[0] if stated else None, self.zone):
            key = getattr(zone, "key", None)
            if key and moment.astimezone(zone).utcoffset() == offset:
                return key
        return offset_label(offset)

    def guess_format(self, text: str | None) -> str | None:
        """A format from a badge or label, read by the shared normalizer."""
        return parse_format(text) if text else None

    def topics(self, names) -> list[str]:
        """Category names that are practice areas (not formats like "Webinar")."""
        return [name for name in names if name and not self.guess_format(name)]

    # -- hooks of platform and provider spiders ------------------------------

    def listing_key(self, raw: dict, response=None) -> str | None:
        """The provider's key for one raw listing (default: its ``key`` field).

        :param raw: the platform's raw fields of one listing (a VEVENT, a REST
            event, a list entry, a JSON-LD node)
        """
        return raw.get("key")

    def post_process(self, listing: dict, raw: dict, response) -> dict | None:
        """Change a finished listing for a provider quirk, or drop it (``None``).

        Called once per listing by every platform, with the raw fields the
        listing was built from and the response it came from.
        """
        return listing

    # -- problems ------------------------------------------------------------

    def problem(self, kind: str, detail: str) -> None:
        """Record something wrong with a page: counted, logged, never raised."""
        self.problems.append(f"{kind}: {detail}")
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value(f"cle/problems/{kind}")
        self.logger.warning("%s: %s", kind, detail)
