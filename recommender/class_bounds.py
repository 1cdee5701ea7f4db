"""Bounds of need, price and date shared by a class of listings.

The index saves the listings grouped in classes alike in credit hours,
scheduling and price band (:mod:`recommender.listing_facts`; 886 classes for
10,000 generated listings, 1,448 for 100,000). :func:`class_bounds` bounds
the need + price and the date score of every listing of a class, which
:mod:`recommender.shortlist` combines with a relevance bound.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from catalog.schema import CREDIT_CATEGORIES
from recommender.index_store import PersistedIndex
from recommender.needs import Need
from recommender.rank import need_coverage, price_score
from recommender.weights import Weights


@dataclass(frozen=True)
class ListingClass:
    """Listings alike in credit hours, scheduling and (roughly) price."""

    hours: tuple[float, float, float]  # ethics, general, specialized
    scheduled: bool
    price: float  # the best price score any of its listings can have


def listing_classes(index: PersistedIndex, weights: Weights) -> list[ListingClass]:
    """The saved listing classes with their best price score (memoized).

    A listing pays its public price or, for members, its member price: its
    price score is at most that of its lowest known price, or the unknown-price
    score when it publishes no public price.
    """
    key = ("classes", weights)
    if key not in index.memo:
        found = []
        for group in index.classes:
            price = 0.0
            if group["lowest_price"] is not None:
                price = price_score(group["lowest_price"], weights)
            if group["price_unknown"]:
                price = max(price, weights.price_unknown)
            hours = tuple(group["hours"])
            found.append(ListingClass(hours, group["scheduled"], price))
        index.memo[key] = found
    return index.memo[key]


def need_bound(
    hours: tuple[float, float, float],
    scheduled: bool,
    needs: list[Need],
    weights: Weights,
) -> float:
    """A bound of the need score of listings with these hours.

    A session counts for the needs whose deadline it ends by: the best over
    each possible set (dividing by the credentials of that set only can only
    raise the score); on demand counts for all.
    """
    credits = [
        {"category": category, "hours": amount}
        for category, amount in zip(CREDIT_CATEGORIES, hours, strict=True)
        if amount
    ]
    on_demand = {"format": "on_demand", "credits": credits}
    subsets = [needs]
    if scheduled:
        deadlines = sorted({n.deadline for n in needs if n.deadline is not None})
        subsets += [
            [n for n in needs if n.deadline is None or n.deadline >= day]
            for day in deadlines
        ]
        subsets.append([n for n in needs if n.deadline is None])
    return max(need_coverage(on_demand, subset, weights)[0] for subset in subsets)


def class_bounds(
    classes: list[ListingClass],
    needs: list[Need],
    price_weight: float,
    weights: Weights,
) -> list[tuple[float, float, ListingClass]]:
    """Bounds of the weighted need + price and of the weighted date, per class.

    Date: 1 for a session, the on-demand score otherwise.
    :func:`recommender.shortlist.top_picks` scales the first by the fit of a
    relevance bound, as :func:`recommender.rank.rank` does.
    """
    needs_of: dict[tuple, float] = {}
    bounded = []
    for group in classes:
        key = (group.hours, group.scheduled)
        if key not in needs_of:
            needs_of[key] = need_bound(group.hours, group.scheduled, needs, weights)
        when = 1.0 if group.scheduled else weights.on_demand_date
        credit = weights.need * needs_of[key] + price_weight * group.price
        bounded.append((credit, weights.date * when, group))
    return bounded


def class_of(index: PersistedIndex) -> array:
    """The class of each listing: its number in :func:`listing_classes` (memoized)."""
    if "class_of" not in index.memo:
        found = array("i", bytes(4 * len(index.listing_ids)))
        for number, group in enumerate(index.classes):
            for position in index.class_members[group["start"] : group["end"]]:
                found[position] = number
        index.memo["class_of"] = found
    return index.memo["class_of"]


__all__ = ["ListingClass", "class_bounds", "class_of", "listing_classes", "need_bound"]
