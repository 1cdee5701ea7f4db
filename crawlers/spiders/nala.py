"""NALA, The Paralegal Association: education pages on nala.org and NALA Campus.

Landing page → Live Webinars / On-Demand Webinars / Self-Study listings of
cards; self-study cards lead to NALA Campus course pages (fee, 90-day access).
All pages are recreations (data/sites/nala/manifest.yml says which assumptions).
"""

from __future__ import annotations

import re

from crawlers.platforms.base import CleSpider, drop_empty, selector_text

#: The listing page a card sits on says what it is (path segment → format).
#: Card fields and the BEM element of ``.nala-course-card`` that prints each.
_CARD_PARTS = {
    "when_text": "date",
    "credit_text": "credit",
    "price_text": "price",
    "description": "summary",
}
SECTION_FORMATS = {
    "live-webinars": "live_webinar",
    "on-demand-webinars": "on_demand",
    "self-study": "self_study",
}
_PLACE = re.compile(r"\|\s*([^|]+,\s*[A-Z]{2})\s*$")


def section_links(response) -> list[str]:
    """The hrefs of the landing page's buttons to the three listing pages."""
    return response.css(".wp-block-button a::attr(href)").getall()


def course_cards(response) -> list[dict]:
    """The course cards of a listing page: ``href``, ``title``, ``when_text``,
    ``presenters``, ``credit_text``, ``price_text``, ``description`` (if printed).
    """
    cards = []
    for card in response.css(".nala-course-card"):
        link = card.css(".nala-course-card__title a")
        presenter = selector_text(card.css(".nala-course-card__presenter ::text"))
        presenter = presenter.split(":", 1)[-1].strip()
        fields = {
            "href": link.attrib.get("href"),
            "title": selector_text(link.css("::text")),
            "presenters": [presenter] if presenter else [],
        }
        for name, part in _CARD_PARTS.items():
            fields[name] = selector_text(card.css(f".nala-course-card__{part} ::text"))
        if fields["href"] and fields["title"]:
            cards.append(drop_empty(fields))
    return cards


def campus_course(response) -> dict:
    """Fields of a NALA Campus course page (credit, fee, the 90-day access note)."""
    access = selector_text(response.css(".course-access ::text"))
    description = selector_text(response.css(".course-description ::text"))
    return drop_empty(
        {
            "title": selector_text(response.css("h1.course-title ::text")),
            "description": " ".join(part for part in (description, access) if part),
            "credit_text": selector_text(response.css(".course-credit ::text")),
            "price_text": selector_text(response.css(".course-fee ::text")),
        }
    )


class NalaSpider(CleSpider):
    """NALA's education landing page, its three listings and NALA Campus."""

    name = "nala"
    platform = "bespoke"

    def parse(self, response):
        """Follow the listing buttons; the landing page's own cards are events.

        @url https://www.nala.org/education/
        @returns requests 3 3
        @returns items 1 1
        """
        response = self.as_page(response)
        links = section_links(response)
        if not links:
            self.problem("no_listings", f"no education sections on {response.url}")
        for href in links:
            yield self.request(self.follow_url(response, href), self.parse_listing)
        # Only the Conference & Expo is featured on the landing page (in person).
        for card in course_cards(response):
            yield self.card_listing(response, card, "in_person")

    def parse_listing(self, response):
        """Yield the cards of one listing; follow self-study cards to NALA Campus.

        @url https://www.nala.org/education/live-webinars/
        @returns items 3 3
        @scrapes id title url when_text credit_text price_text presenters
        """
        response = self.as_page(response)
        section = self.public_url(response).rstrip("/").rsplit("/", 1)[-1]
        fmt = SECTION_FORMATS.get(section)
        cards = course_cards(response)
        if not cards:
            self.problem("no_listings", f"no course cards on {response.url}")
        for card in cards:
            if fmt == "self_study":
                url = self.follow_url(response, card["href"])
                seed = self.card_listing(response, card, fmt)
                yield self.request(
                    url, self.parse_course, cb_kwargs={"card": card}, seed=seed
                )
            else:
                yield self.card_listing(response, card, fmt)

    def parse_course(self, response, card: dict | None = None):
        """Yield a self-study course with its NALA Campus fee and credit.

        @url https://campus.nala.org/courses/contracts-for-paralegals
        @returns items 1 1
        @scrapes id title url credit_text price_text
        """
        response = self.as_page(response)
        card = {"href": self.public_url(response), **(card or {})}
        course = campus_course(response)
        if not course.get("title") and not card.get("title"):
            self.problem("missing_fields", f"no course title on {response.url}")
            return
        yield self.card_listing(response, {**card, **course}, "self_study")

    def card_listing(self, response, card: dict, fmt: str | None) -> dict:
        """The listing for one card (fields as printed, format from its page)."""
        url = self.follow_url(response, card["href"])
        fields = {k: v for k, v in card.items() if k != "href"}
        if fmt == "in_person":
            # The conference card's date line ends "| Tulsa, OK" (recreated page).
            place = _PLACE.search(fields.get("when_text", ""))
            if place:
                fields["location"] = place.group(1).strip()
        elif fmt:
            fields["location"] = "Online"
        key = url.rstrip("/").rsplit("/", 1)[-1]
        return self.listing(key=key, url=url, format=fmt, **fields)
