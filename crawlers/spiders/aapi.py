"""AAPI, the American Alliance of Paralegals: one static HTML calendar page.

A hand-edited table, one row per event; times are Pacific unless the row
names another zone (the normalizer reads the zone from ``when_text``). The
page is a recreation (data/sites/aapi/manifest.yml).
"""

from __future__ import annotations

import re

from crawlers.platforms.base import (
    CleSpider,
    drop_empty,
    html_to_text,
    selector_text,
    slugify,
)


def calendar_rows(response) -> list[dict]:
    """The event rows of the calendar table: ``title``, ``when_text`` (date and
    time), ``credit_text``, ``price_text``, and ``presenters`` or ``location``
    (the row's second line).
    """
    rows = []
    for row in response.css("table#calendar tr"):
        cells = row.css("td")
        if len(cells) < 4:
            continue
        lines = html_to_text(cells[1].get()).splitlines()
        lines = [line for line in lines if line != "Details"]
        if not lines:
            continue
        second = lines[1] if len(lines) > 1 else ""
        time = lines[2] if len(lines) > 2 else ""
        fields = {
            "title": lines[0],
            "when_text": f"{selector_text(cells[0].css('::text'))} {time}".strip(),
            "credit_text": " ".join(html_to_text(cells[2].get()).split()),
            "price_text": " / ".join(html_to_text(cells[3].get()).splitlines()),
        }
        if second.startswith("Presented by"):
            fields["presenters"] = [re.sub(r"^Presented by\s+", "", second)]
        else:
            fields["location"] = second
        rows.append(drop_empty(fields))
    return rows


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
        response = self.as_page(response)
        rows = calendar_rows(response)
        if not rows:
            self.problem("no_listings", f"no calendar rows on {response.url}")
        for row in rows:
            date = row["when_text"].split(" ", 3)[:3]
            key = f"{slugify(row['title'])}-{slugify(' '.join(date))}"
            # A row naming a presenter is a webinar, one naming a city in person
            # (the recreated table, data/sites/aapi/manifest.yml).
            fmt = "live_webinar" if "presenters" in row else "in_person"
            location = "Online" if fmt == "live_webinar" else row.get("location")
            fields = {**row, "location": location}
            yield self.listing(
                key=key, url=self.public_url(response), format=fmt, **fields
            )
