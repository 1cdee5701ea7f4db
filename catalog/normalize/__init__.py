"""Normalizers: published wording of credits, prices, dates and formats.

One implementation shared by every spider and by ``cle import``. Each parser is
a pure function that never raises; wording it cannot read leaves the parsed
fields absent (credits: ``credit_status`` ``unknown``) and the raw text is kept
beside whatever was parsed. A wording is read up to its first 2,000 characters
(``words.MAX_CHARS``): a credit line, not a page, and parsing stays linear.

Every public parser is importable from here (``from catalog.normalize import
parse_format``); callers need not reach into the submodules:

- :func:`parse_credits` (``catalog/normalize/credits.py``)
- :func:`parse_price` (``catalog/normalize/prices.py``)
- :func:`parse_when`, :func:`read_when` (with the zone stated),
  :func:`clock_zone`, :func:`first_clock` (``catalog/normalize/dates.py``,
  zones read by ``catalog/normalize/zones.py``)
- :func:`parse_format` (``catalog/normalize/formats.py``)
- :func:`numbers_to_digits`, :func:`word_value` (``catalog/normalize/words.py``)
- :func:`settle_zone` (``catalog/normalize/timetruth.py``): ``timezone``
  agrees with the offsets of ``starts_at``/``ends_at``
- :func:`normalize_record`: the hook :func:`catalog.records.prepare` calls.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from catalog.normalize.approval import APPROVAL_BODIES
from catalog.normalize.credits import parse_credits
from catalog.normalize.dates import clock_zone, first_clock, parse_when, read_when
from catalog.normalize.formats import parse_format
from catalog.normalize.prices import parse_price
from catalog.normalize.timetruth import settle_zone
from catalog.normalize.words import MAX_CHARS, numbers_to_digits, word_value

#: Zone for ``when_text`` when the record has no usable ``timezone``.
DEFAULT_TIMEZONE = "America/New_York"

__all__ = [
    "APPROVAL_BODIES",
    "DEFAULT_TIMEZONE",
    "clock_zone",
    "first_clock",
    "MAX_CHARS",
    "normalize_record",
    "numbers_to_digits",
    "parse_credits",
    "parse_format",
    "parse_price",
    "parse_when",
    "read_when",
    "settle_zone",
    "word_value",
]


def normalize_record(record: dict, warn: Callable[[str], None] | None = None) -> dict:
    """Fill absent parsed fields from the raw text fields; never raise.

    ``credit_text`` fills ``credits`` and ``total_hours`` when both are absent
    (or only ``credits`` when the stated ``total_hours`` agrees), plus
    ``credit_status`` and ``approvals`` when absent. ``price_text`` fills
    ``price_usd`` and ``member_price_usd`` one by one. ``when_text`` fills
    ``starts_at`` and ``ends_at`` when ``starts_at`` is absent, and ``format``
    when absent, read in ``record["timezone"]`` (else ``America/New_York``).
    No field already set is overwritten, except that ``timezone`` is then made
    to agree with the instants (:func:`catalog.normalize.timetruth.settle_zone`:
    the zone the wording states wins over the provider's default, and
    ``starts_at``/``ends_at`` may be rewritten in that zone).

    :param record: an interchange record (changed in place and returned)
    :param warn: called with one line when a listing's zone cannot be told
    :return: the same record
    """
    if not isinstance(record, dict):
        return record
    for fill in (_fill_credits, _fill_price, _fill_when):
        try:
            fill(record)
        except Exception:  # keep what the record already says
            continue
    try:
        settle_zone(record, warn)
    except Exception:  # keep what the record already says
        pass
    return record


#: Distinct wordings remembered per parser. Providers repeat their wording
#: ("1.0 hour general", "Free") across hundreds of listings, and the parsers are
#: pure, so a repeated wording is read once per process.
CACHE_SIZE = 8192


@lru_cache(maxsize=CACHE_SIZE)
def _credits_of(text: str) -> dict:
    return parse_credits(text)


@lru_cache(maxsize=CACHE_SIZE)
def _price_of(text: str) -> dict:
    return parse_price(text)


@lru_cache(maxsize=CACHE_SIZE)
def _when_of(text: str, zone: str) -> dict:
    return parse_when(text, zone)


def _missing(record: dict, *fields: str) -> bool:
    for field in fields:  # a loop, not any(): this runs three times a record
        if record.get(field) is None:
            return True
    return False


def _text(record: dict, field: str) -> str | None:
    value = record.get(field)
    return value if isinstance(value, str) and value.strip() else None


def _fill_credits(record: dict) -> None:
    text = _text(record, "credit_text")
    if text is None or not _missing(record, "credits", "credit_status", "approvals"):
        return
    parsed = _credits_of(text)  # cached, so shared: the record gets copies
    total = parsed["total_hours"]
    if total is not None and record.get("credits") is None:
        stated = record.get("total_hours")
        if stated is None:
            record["credits"] = _own_credits(parsed)
            record["total_hours"] = total
        elif isinstance(stated, int | float) and abs(stated - total) <= 0.01:
            record["credits"] = _own_credits(parsed)
    if record.get("credit_status") is None:
        record["credit_status"] = parsed["credit_status"]
    if record.get("approvals") is None and parsed["approvals"]:
        record["approvals"] = list(parsed["approvals"])


def _own_credits(parsed: dict) -> list[dict]:
    """A copy of a cached parse's credits the record may own (a copy by shape,
    a tenth of ``deepcopy``'s time; made only when the record takes them)."""
    return [dict(credit) for credit in parsed["credits"]]


def _fill_price(record: dict) -> None:
    text = _text(record, "price_text")
    if text is None or not _missing(record, "price_usd", "member_price_usd"):
        return
    parsed = _price_of(text)
    for field in ("price_usd", "member_price_usd"):
        if record.get(field) is None and parsed.get(field) is not None:
            record[field] = parsed[field]


def _fill_when(record: dict) -> None:
    text = _text(record, "when_text")
    if text is None or not _missing(record, "starts_at", "format"):
        return
    zone = _text(record, "timezone") or DEFAULT_TIMEZONE
    parsed = _when_of(text, zone)
    if record.get("starts_at") is None and parsed.get("starts_at"):
        record["starts_at"] = parsed["starts_at"]
        if record.get("ends_at") is None and parsed.get("ends_at"):
            record["ends_at"] = parsed["ends_at"]
    if record.get("format") is None and parsed.get("format"):
        record["format"] = parsed["format"]
