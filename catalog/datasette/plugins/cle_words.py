"""SQL functions that say a listing's facts in words, for the canned queries.

The canned query pages are plain Datasette tables of what their SQL selects,
so the words must come from the SQL: ``when_words(starts_at, ends_at, timezone,
format)`` ("Thu Dec 10, 2026, 1:00–2:00 PM EST", in the listing's own zone),
``format_words(format)``, ``price_words(price_usd, member_price_usd)`` and
``credit_words(total_hours, ethics_hours, general_hours, specialized_hours,
credit_status)``. Each is :mod:`catalog.listing_text`, the same words the
course list and the course page show; a fact not stated reads as not stated.
Datasette escapes what they return like any other cell.
"""

from __future__ import annotations

from datasette import hookimpl

from catalog.listing_text import credit_words, format_label, price_words, when_words


def _when(starts_at, ends_at, timezone, listing_format) -> str:
    row = {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "timezone": timezone,
        "format": listing_format,
    }
    return when_words(row)


def _credit(total, ethics, general, specialized, status) -> str:
    row = {
        "total_hours": total,
        "ethics_hours": ethics,
        "general_hours": general,
        "specialized_hours": specialized,
        "credit_status": status,
    }
    return credit_words(row)


@hookimpl
def prepare_connection(conn):
    """Register the listing-words functions on every connection Datasette opens."""
    conn.create_function("when_words", 4, _when, deterministic=True)
    conn.create_function("format_words", 1, format_label, deterministic=True)
    conn.create_function("price_words", 2, price_words, deterministic=True)
    conn.create_function("credit_words", 5, _credit, deterministic=True)
