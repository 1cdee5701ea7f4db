"""NFPA, the National Federation of Paralegal Associations, at www.paralegals.org.

Never the National Fire Protection Association (nfpa.org): every URL this
spider requests is on paralegals.org. Webinars and events are blocks on i4a
content pages (/i4a/pages/index.cfm?pageID=<n>); a block's i4a registration
link carries its conferenceID, the listing key. Pages are recreations.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from crawlers.platforms.base import (
    CREDIT_LINE,
    PRICE_LINE,
    CleSpider,
    drop_empty,
    first_line,
    html_to_text,
    is_label_line,
    labelled_lines,
    selector_text,
)

#: The one host NFPA listings live on (the fire-protection NFPA is nfpa.org).
HOST = "www.paralegals.org"


def i4a_conference_id(href: str | None) -> str | None:
    """The ``conferenceID`` of an i4a meetings registration link."""
    if not href:
        return None
    values = parse_qs(urlsplit(href).query).get("conferenceID")
    return values[0] if values else None


def webinar_blocks(response) -> list[dict]:
    """The webinar/event blocks of an i4a page: ``key`` (the conferenceID, or
    None), ``href`` (registration), ``title``, ``when_text``, ``presenters``,
    ``location``, ``credit_text``, ``price_text`` and ``description``.
    """
    blocks = []
    for block in response.css("#i4a_content .webinar-block"):
        text = html_to_text(block.get())
        labels = labelled_lines(text)
        href = block.css("a.register::attr(href)").get()
        title = selector_text(block.css("h3 ::text"))
        credit = labels.get("cle") or first_line(text, CREDIT_LINE)
        if credit and "cle" in labels:
            credit = f"CLE: {credit}"
        skip = {title, "Register", credit}
        rest = [
            ln for ln in text.splitlines() if ln not in skip and not is_label_line(ln)
        ]
        fields = {
            "key": i4a_conference_id(href),
            "href": href,
            "title": title,
            "when_text": " ".join(
                filter(None, (labels.get("date"), labels.get("time")))
            ),
            "presenters": [labels["speaker"]] if labels.get("speaker") else [],
            "location": labels.get("location"),
            "credit_text": credit,
            "price_text": labels.get("fee") or first_line(text, PRICE_LINE),
            "description": " ".join(rest),
        }
        if title:
            blocks.append(drop_empty(fields))
    return blocks


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
        response = self.as_page(response)
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
        response = self.as_page(response)
        blocks = webinar_blocks(response)
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
