"""Rank listings for one paralegal: a pure function of profile, need, catalog and date.

Eligibility first (:mod:`recommender.eligibility`), then a weighted score of
text relevance, credit-need coverage, price and date, need and price scaled
by how well the listing fits the profile's phrases (signals in
:mod:`recommender.scoring`, weights in :mod:`recommender.weights`). A need is
filled only with the units a ``counts`` verdict gives (:mod:`recommender.
counting`). One offering per ``course_id``; ties break by start date and id,
so the order is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from recommender.counting import (
    Judge,
    VerdictLike,
    acceptance_for,
    counted_units,
    valued_units,
)
from recommender.eligibility import (
    completed_keys,
    effective_price,
    eligibility_deadline,
    end_day,
    ineligibility,
    is_scheduled,
    local_day,
)
from recommender.needs import (
    Need,
    counts_by_deadline,
    default_categories,
    listing_hours,
    needs_from_statuses,
)
from recommender.scoring import (
    TextScores,
    date_score,
    fit,
    match_strength,
    need_coverage,
    price_score,
    price_weight_for,
    profile_kinds,
    relevance,
)
from recommender.weights import WEIGHTS, Weights

if TYPE_CHECKING:
    from recommender.tracking.profile import Profile
    from recommender.tracking.status import CredentialStatus


@dataclass
class Recommendation:
    """One ranked listing with the facts its reasons are made of.

    :ivar fills: (need, units) this course would fill, each on its own
    :ivar verdicts: whether it counts, per credential of the profile
    :ivar counted: units per category of each credential it counts for
    """

    listing: dict
    score: float
    parts: dict[str, float]
    price: float | None
    member_price_applied: bool
    matches: list[tuple[str, str, float]] = field(default_factory=list)
    fills: list[tuple[Need, float]] = field(default_factory=list)
    start_day: date | None = None
    verdicts: tuple[VerdictLike, ...] = ()
    counted: dict[str, dict[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Context:
    """What every listing of one ranking is scored against."""

    profile: Profile
    needs: list[Need]
    as_of: date
    weights: Weights
    judge: Judge
    price_weight: float
    kinds: list[str]
    shares: dict[str, float]


def _score(listing: dict, text_scores, context: _Context, cache: dict):
    """The :class:`Recommendation` of one eligible listing."""
    weights = context.weights
    text, matches = relevance(text_scores, weights, context.kinds)
    verdicts = context.judge.verdicts(listing)
    counted = counted_units(verdicts)
    valued = valued_units(verdicts, context.shares)
    # Many listings share a credit pattern: compute each pattern once.
    day = end_day(listing)
    key = (
        tuple(sorted(listing_hours(listing).items())),
        _frozen(counted),
        _frozen(valued),
        tuple(counts_by_deadline(day, n) for n in context.needs),
    )
    if key not in cache:
        cache[key] = need_coverage(listing, context.needs, weights, counted, valued)
    need, filled = cache[key]
    price, member = effective_price(listing, context.profile.memberships or ())
    parts = {
        "relevance": text,
        "need": need,
        "price": price_score(price, weights),
        "date": date_score(listing, context.as_of, weights),
    }
    score = (
        weights.relevance * parts["relevance"]
        + fit(text, context.kinds, weights)
        * (weights.need * parts["need"] + context.price_weight * parts["price"])
        + weights.date * parts["date"]
    )
    start = local_day(listing.get("starts_at")) if is_scheduled(listing) else None
    return Recommendation(
        listing, round(score, 6), parts, price, member, matches, filled, start,
        verdicts, counted,
    )  # fmt: skip


def _frozen(units: dict[str, dict[str, float]]) -> tuple:
    return tuple(sorted((c, tuple(sorted(u.items()))) for c, u in units.items()))


def rank(
    profile: Profile,
    statuses: Iterable[CredentialStatus],
    listings: Iterable[dict],
    index_scores: TextScores,
    as_of: date,
    *,
    weights: Weights = WEIGHTS,
    categories_of: Callable[[str], set[str]] = default_categories,
    free_only: bool = False,
    before: date | None = None,
    judge: Judge | None = None,
) -> list[Recommendation]:
    """Rank eligible listings, best first, one offering per course.

    :param statuses: the status of each credential of the profile
    :param index_scores: listing id -> {(kind, phrase): match strength in [0, 1]}
        (:func:`match_strength`; from :func:`recommender.service.text_scores`)
    :param as_of: the date to reason from
    :param categories_of: requirement key -> the credit categories filling it
    :param judge: verdicts per listing (default: the shipped acceptance rules
        for the statuses' credentials)
    """
    statuses = list(statuses)
    needs = needs_from_statuses(statuses, categories_of)
    if judge is None:
        judge = acceptance_for(tuple(s.credential for s in statuses))
    context = _Context(
        profile, needs, as_of, weights, judge,
        price_weight_for(profile, weights), profile_kinds(profile),
        dict(weights.verdict_shares),
    )  # fmt: skip
    deadline = eligibility_deadline(statuses, needs)
    completed = completed_keys(profile)
    best: dict[str, Recommendation] = {}
    cache: dict[tuple, tuple] = {}
    for listing in listings:
        if ineligibility(
            listing, profile, as_of, deadline=deadline, completed=completed,
            free_only=free_only, before=before,
        ):  # fmt: skip
            continue
        pick = _score(listing, index_scores.get(listing["id"], {}), context, cache)
        course = listing.get("course_id") or listing["id"]
        if course not in best or order_key(pick) < order_key(best[course]):
            best[course] = pick
    return sorted(best.values(), key=order_key)


def order_key(pick: Recommendation) -> tuple:
    """Ranking order: higher score first, then the earlier start, then the id."""
    start = pick.start_day.isoformat() if pick.start_day else ""
    return (-pick.score, start, pick.listing["id"])


#: Re-exported: modules that score or bound listings read these from here.
__all__ = [
    "Recommendation",
    "TextScores",
    "effective_price",
    "end_day",
    "fit",
    "ineligibility",
    "is_scheduled",
    "local_day",
    "match_strength",
    "need_coverage",
    "order_key",
    "price_score",
    "price_weight_for",
    "profile_kinds",
    "rank",
    "relevance",
]
