"""NFPA, the National Federation of Paralegal Associations, at www.paralegals.org.

Never the National Fire Protection Association (nfpa.org): every URL this
spider requests is on paralegals.org. Webinars and events are blocks on i4a
content pages (/i4a/pages/index.cfm?pageID=<n>); a block's i4a registration
link carries its conferenceID, the listing key. Pages are recreations.
"""

from __future__ import annotations

from crawlers.platforms.base import CleSpider
from crawlers.platforms.bespoke import nfpa_blocks

#: The one host NFPA listings live on (the fire-protection NFPA is nfpa.org).
HOST = "www.paralegals.org"


class NfpaSpider(CleSpider):
    """NFPA's i4a Webinars page and the CLE Calendar page it links to."""

    name = "nfpa"
    platform = "bespoke"

    def parse(self, response):
        """Yield the blocks of this page; follow the header's CLE Calendar link.

        @url https://www.paralegals.org/i4a/pages/index.cfm?pageID=3300
        @returns items 3 3
        @returns requests 1 1
        """
        yield from self.parse_blocks(response)
        for href in response.css("#header a::attr(href)").getall():
            if "pageID=3301" in href:
                yield self.request(self.follow_url(response, href), self.parse_blocks)

    def parse_blocks(self, response):
        """One listing per webinar block (a block repeated on two pages: same id).

        @url https://www.paralegals.org/i4a/pages/index.cfm?pageID=3301
        @returns items 2 2
        @scrapes id title url when_text credit_text price_text format
        """
        blocks = nfpa_blocks(response)
        if not blocks:
            self.problem("no_listings", f"no webinar blocks on {response.url}")
        for block in blocks:
            key = block.pop("key", None) or block["title"]
            href = block.pop("href", None)
            url = self.follow_url(response, href) if href else self.public_url(response)
            fields = {**block, "url": url, "format": self.block_format(block)}
            if fields["format"] == "live_webinar":
                fields["location"] = "Online"
            yield self.listing(key=key, **fields)

    def block_format(self, block: dict) -> str:
        """In person for the annual convention (providers.md s.2), else a webinar."""
        return "in_person" if "convention" in block["title"].lower() else "live_webinar"
