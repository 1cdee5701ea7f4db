"""Bespoke HTML of providers with no known platform: NALA, NFPA (i4a) and AAPI.

Nothing real of these listings was stored (providers.md sections 1, 2 and 4),
so each extractor reads the recreated markup described in its fixture
manifest. The functions are pure: a Scrapy response in, raw field dicts out
(interchange fields plus ``key``/``href`` where the spider needs them); the
spiders in ``crawlers/spiders/{nala,nfpa,aapi}.py`` add ids and formats.
There is no generic base spider for this platform (``BASE_SPIDER = None``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from crawlers.platforms.base import CREDIT_LINE, PRICE_LINE, first_line, html_to_text

BASE_SPIDER = None

_LABEL = re.compile(r"^(?P<label>[A-Za-z ]{2,20}):\s*(?P<value>.*)$")


def _text(selector) -> str:
    return " ".join(" ".join(selector.getall()).split())


def _drop_empty(fields: dict) -> dict:
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def labelled_lines(text: str) -> dict[str, str]:
    """``Label: value`` lines of a block, keyed by lower-cased label."""
    found = {}
    for line in text.splitlines():
        match = _LABEL.match(line.strip())
        if match:
            found.setdefault(match["label"].strip().lower(), match["value"].strip())
    return found


# -- NALA (WordPress education pages, NALA Campus) ----------------------------


def nala_section_links(response) -> list[str]:
    """The hrefs of the landing page's buttons to the three listing pages."""
    return response.css(".wp-block-button a::attr(href)").getall()


def nala_cards(response) -> list[dict]:
    """The course cards of a NALA listing page.

    Each dict has ``href``, ``title``, ``when_text``, ``presenters``,
    ``credit_text``, ``price_text`` and ``description`` (when printed).
    """
    cards = []
    for card in response.css(".nala-course-card"):
        link = card.css(".nala-course-card__title a")
        presenter = _text(card.css(".nala-course-card__presenter ::text"))
        presenter = presenter.split(":", 1)[-1].strip()
        fields = {
            "href": link.attrib.get("href"),
            "title": _text(link.css("::text")),
            "when_text": _text(card.css(".nala-course-card__date ::text")),
            "presenters": [presenter] if presenter else [],
            "credit_text": _text(card.css(".nala-course-card__credit ::text")),
            "price_text": _text(card.css(".nala-course-card__price ::text")),
            "description": _text(card.css(".nala-course-card__summary ::text")),
        }
        if fields["href"] and fields["title"]:
            cards.append(_drop_empty(fields))
    return cards


def nala_campus_course(response) -> dict:
    """Fields of a NALA Campus course page (credit, fee, the 90-day access note)."""
    access = _text(response.css(".course-access ::text"))
    description = _text(response.css(".course-description ::text"))
    return _drop_empty(
        {
            "title": _text(response.css("h1.course-title ::text")),
            "description": " ".join(part for part in (description, access) if part),
            "credit_text": _text(response.css(".course-credit ::text")),
            "price_text": _text(response.css(".course-fee ::text")),
        }
    )


# -- NFPA (i4a content pages on www.paralegals.org) ---------------------------


def i4a_conference_id(href: str | None) -> str | None:
    """The ``conferenceID`` of an i4a meetings registration link."""
    if not href:
        return None
    values = parse_qs(urlsplit(href).query).get("conferenceID")
    return values[0] if values else None


def nfpa_blocks(response) -> list[dict]:
    """The webinar/event blocks of an NFPA i4a page.

    Each dict has ``key`` (the i4a conferenceID, or None), ``href`` (the
    registration link), ``title``, ``when_text``, ``presenters``, ``location``,
    ``credit_text``, ``price_text`` and ``description``.
    """
    blocks = []
    for block in response.css("#i4a_content .webinar-block"):
        text = html_to_text(block.get())
        labels = labelled_lines(text)
        href = block.css("a.register::attr(href)").get()
        title = _text(block.css("h3 ::text"))
        when = " ".join(v for v in (labels.get("date"), labels.get("time")) if v)
        credit = labels.get("cle") or first_line(text, CREDIT_LINE)
        if credit and "cle" in labels:
            credit = f"CLE: {credit}"
        lines = [
            line
            for line in text.splitlines()
            if line != title
            and not _LABEL.match(line)
            and line != "Register"
            and line != credit
        ]
        fields = {
            "key": i4a_conference_id(href),
            "href": href,
            "title": title,
            "when_text": when,
            "presenters": [labels["speaker"]] if labels.get("speaker") else [],
            "location": labels.get("location"),
            "credit_text": credit,
            "price_text": labels.get("fee") or first_line(text, PRICE_LINE),
            "description": " ".join(lines),
        }
        if title:
            blocks.append(_drop_empty(fields))
    return blocks


# -- AAPI (static HTML calendar table) ----------------------------------------


def aapi_rows(response) -> list[dict]:
    """The event rows of AAPI's calendar table.

    Each dict has ``title``, ``when_text`` (date and time), ``credit_text``,
    ``price_text``, and ``presenters`` or ``location`` (the row's second line).
    """
    rows = []
    for row in response.css("table#calendar tr"):
        cells = row.css("td")
        if len(cells) < 4:
            continue
        date = _text(cells[0].css("::text"))
        lines = html_to_text(cells[1].get()).splitlines()
        lines = [line for line in lines if line != "Details"]
        if not lines:
            continue
        second = lines[1] if len(lines) > 1 else ""
        time = lines[2] if len(lines) > 2 else ""
        presenter = re.sub(r"^Presented by\s+", "", second) if second else ""
        fields = {
            "title": lines[0],
            "when_text": f"{date} {time}".strip(),
            "credit_text": " ".join(html_to_text(cells[2].get()).split()),
            "price_text": " / ".join(html_to_text(cells[3].get()).splitlines()),
        }
        if second.startswith("Presented by"):
            fields["presenters"] = [presenter]
        else:
            fields["location"] = second
        rows.append(_drop_empty(fields))
    return rows
