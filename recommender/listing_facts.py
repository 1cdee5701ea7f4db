"""What the score bounds and the eligibility prefilter read of each listing.

Computed at fit time (:func:`recommender.index_store.fit_index`), one
listing at a time, and saved with the index: the listings grouped in classes
alike in credit hours, scheduling and price band (:func:`listing_classes`),
and per listing its format and the days a session starts and ends, which
:func:`possibly_eligible` reads.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from datetime import date
from math import floor, log2

from catalog.schema import CREDIT_CATEGORIES

#: Prices share a class within a quarter octave (the class keeps its lowest
#: price, so bounds stay bounds).
PRICE_BUCKETS_PER_OCTAVE = 4


def listing_classes(listings: Iterable[dict]) -> tuple[list[dict], array]:
    """Group listings by credit hours, scheduling, price band and unknown price.

    :return: one dict per class (``hours`` per category, ``scheduled``,
        ``lowest_price`` of its listings or None, ``price_unknown`` when one
        publishes no public price, ``start``/``end`` in the members array) and
        the listing positions grouped by class
    """
    grouping = ListingFacts()
    for position, listing in enumerate(listings):
        grouping.add(position, listing)
    found = grouping.result()
    return found["classes"], found["class_members"]


class ListingFacts:
    """Listings grouped into classes, and their eligibility facts, one at a time."""

    def __init__(self):
        from recommender.eligibility import end_day, is_scheduled, local_day

        self.is_scheduled, self.end_day, self.local_day = (
            is_scheduled,
            end_day,
            local_day,
        )
        self.groups: dict[tuple, array] = {}
        self.lowest: dict[tuple, float | None] = {}
        self.format_of: dict[str | None, int] = {}
        self.format_codes, self.start_days, self.end_days = (
            array("B"),
            array("i"),
            array("i"),
        )

    def add(self, position: int, listing: dict) -> None:
        """Put the listing at ``position`` in its class."""
        self.place(position, self.facts(listing))

    def facts(self, listing: dict) -> tuple:
        """What :meth:`place` keeps of a listing: its class key, lowest price,
        format and session days (a small tuple, for a listing placed later)."""
        # As the store derives the ``<category>_hours`` columns ranking reads.
        by_category = {c["category"]: c["hours"] for c in listing.get("credits") or []}
        hours = tuple(float(by_category.get(c) or 0) for c in CREDIT_CATEGORIES)
        public = listing.get("price_usd")
        known = [
            float(p) for p in (public, listing.get("member_price_usd")) if p is not None
        ]
        price = min(known) if known else None
        band = None
        if price is not None:
            band = floor(log2(price) * PRICE_BUCKETS_PER_OCTAVE) if price > 0 else "0"
        scheduled = self.is_scheduled(listing)
        start = self.local_day(listing["starts_at"]) if scheduled else None
        end = self.end_day(listing) if scheduled else None
        return (
            (hours, scheduled, band, public is None),
            price,
            listing.get("format"),
            start.toordinal() if start else 0,
            end.toordinal() if end else 0,
        )

    def place(self, position: int, facts: tuple) -> None:
        """Put the listing at ``position``, known by its :meth:`facts`, in its class."""
        key, price, format_name, start, end = facts
        self.groups.setdefault(key, array("i")).append(position)
        code = self.format_of.setdefault(format_name, len(self.format_of))
        self.format_codes.append(min(code, 255))
        self.start_days.append(start)
        self.end_days.append(end)
        lowest = self.lowest.get(key)
        if price is not None and (lowest is None or price < lowest):
            self.lowest[key] = price

    def result(self) -> dict:
        """The classes, the listing positions grouped by class and the
        per-listing eligibility facts, as :class:`PersistedIndex` fields."""
        classes, members = [], array("i")
        for key, positions in self.groups.items():
            hours, scheduled, _, unknown = key
            classes.append(
                {
                    "hours": list(hours),
                    "scheduled": scheduled,
                    "lowest_price": self.lowest.get(key),
                    "price_unknown": unknown,
                    "start": len(members),
                    "end": len(members) + len(positions),
                }
            )
            members.extend(positions)
        formats = list(self.format_of)
        if len(formats) > 255:  # codes would be ambiguous: no format facts
            formats, self.format_codes = [], array("B")
        return {
            "classes": classes,
            "class_members": members,
            "formats": formats,
            "format_codes": self.format_codes,
            "start_days": self.start_days,
            "end_days": self.end_days,
        }


def possibly_eligible(
    index,
    profile,
    as_of: date,
    deadline: date | None,
    before: date | None,
) -> Callable[[frozenset[int]], frozenset[int]]:
    """A filter keeping the listings :func:`recommender.rank.rank` may find eligible.

    It applies the rules of :func:`recommender.eligibility.ineligibility`
    that the index can answer exactly: a format the profile does not take; a
    session that starts on or before ``as_of``, on or after ``before``, or
    ends after ``deadline``. What it drops, ``rank`` would drop; the other
    rules (completed courses, price when free only) are left to ``rank``.

    :param index: a :class:`recommender.index_store.PersistedIndex`
    """
    formats = profile.formats
    codes = index.format_codes if formats and index.formats else None
    allowed = {
        code for code, name in enumerate(index.formats) if name in (formats or ())
    }
    starts, ends = index.start_days, index.end_days
    first = as_of.toordinal() + 1
    stop = before.toordinal() if before is not None else None
    last = deadline.toordinal() if deadline is not None else None

    def keep(position: int) -> bool:
        if codes is not None and codes[position] not in allowed:
            return False
        start = starts[position]
        if not start:
            return True
        if start < first or (stop is not None and start >= stop):
            return False
        return last is None or ends[position] <= last

    if not starts:  # an index without eligibility facts: keep everything
        return lambda members: members
    return lambda members: frozenset(filter(keep, members))
