"""AAPI, the American Alliance of Paralegals: one static HTML calendar page.

A hand-edited table, one row per event; times are Pacific unless the row
names another zone (the normalizer reads the zone from ``when_text``). The
page is a recreation (data/sites/aapi/manifest.yml).
"""

from __future__ import annotations

from crawlers.platforms.base import CleSpider, slugify
from crawlers.platforms.bespoke import aapi_rows


class AapiSpider(CleSpider):
    """AAPI's calendar table (www.aapipara.org/calendar.htm)."""

    name = "aapi"
    platform = "bespoke"

    def parse(self, response):
        """One listing per table row; the key is the title and the date.

        @url https://www.aapipara.org/calendar.htm
        @returns items 4 4
        @scrapes id title url when_text credit_text price_text format
        """
        rows = aapi_rows(response)
        if not rows:
            self.problem("no_listings", f"no calendar rows on {response.url}")
        for row in rows:
            date = row["when_text"].split(" ", 3)[:3]
            key = f"{slugify(row['title'])}-{slugify(' '.join(date))}"
            # A row naming a presenter is a webinar; one naming a city is in person.
            fmt = "live_webinar" if "presenters" in row else "in_person"
            location = "Online" if fmt == "live_webinar" else row.get("location")
            fields = {**row, "location": location}
            yield self.listing(
                key=key, url=self.public_url(response), format=fmt, **fields
            )
