"""Lorman Education Services: sitemap /training/ pages with JSON-LD courses.

Quirks (pages are recreations, see data/sites/lorman/manifest.yml):

- Lorman sells HR and accounting courses beside CLE, on the same path; a public
  catalog scraper keeps only pages whose ``credit-type`` blocks mention CLE,
  and so does this spider.
- Credits are printed per format ("Live Webinar Registration" vs "OnDemand
  Course" blocks, after a Lorman mock-up): each offering keeps its own block.
"""

from __future__ import annotations

import re

from crawlers.platforms.jsonld import JsonLdSitemapSpider, plain_text

_CLE = re.compile(r"\bCLE\b")
#: credit-type heading → the format of the offering it belongs to.
_BLOCK_FORMATS = (("live webinar", "live_webinar"), ("ondemand", "on_demand"))


def credit_blocks(response) -> dict[str, str]:
    """Credit wording per format: ``{format: "CLE 1.0 (Ethics); NALA 1.0"}``."""
    blocks = {}
    for block in response.css(".credit-type"):
        heading = plain_text(block.css("h4 ::text").get()).lower()
        lines = [plain_text(li) for li in block.css("li ::text").getall()]
        for prefix, fmt in _BLOCK_FORMATS:
            if heading.startswith(prefix):
                blocks[fmt] = "; ".join(line for line in lines if line)
    return blocks


class LormanSpider(JsonLdSitemapSpider):
    """The JSON-LD sitemap spider, skipping non-CLE courses, credit per format."""

    name = "lorman"

    def post_process(self, listing: dict, raw: dict, response) -> dict | None:
        """Drop a course whose credit types lack CLE; keep the credit of its format."""
        blocks = credit_blocks(response)
        if not any(_CLE.search(text) for text in blocks.values()):
            self.logger.info("not a CLE course: %s", response.url)
            return None
        credit = blocks.get(listing.get("format"))
        if credit:
            listing["credit_text"] = credit
        return listing
