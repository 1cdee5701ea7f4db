"""The signals of a listing's score, each in [0, 1]: relevance, need, price, date.

And :func:`fit`, the share of need and price a listing's relevance earns.

Pure functions of a listing, the profile's phrases and needs, and the weights
(:mod:`recommender.weights`); :func:`recommender.rank.rank` adds them up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from recommender.eligibility import end_day, is_scheduled, local_day
from recommender.needs import Need, counts_by_deadline, fill, listing_hours
from recommender.weights import Weights

if TYPE_CHECKING:
    from recommender.tracking.profile import Profile

#: ``index_scores[listing id][(kind, profile phrase)]`` = match strength in
#: [0, 1] (:func:`match_strength`).
TextScores = Mapping[str, Mapping[tuple[str, str], float]]
#: Counting units per credential, then per credit category (from the verdicts).
Counted = Mapping[str, Mapping[str, float]]


def relevance(
    scores: Mapping[tuple[str, str], float],
    weights: Weights,
    kinds: Iterable[str] = ("skill_gap", "practice_area"),
) -> tuple[float, list[tuple[str, str, float]]]:
    """Text relevance in [0, 1] and the profile phrases matched (best first).

    :param kinds: the kinds of phrase the profile has; a kind it lacks does
        not count against a listing
    """
    by_kind: dict[str, list[float]] = {"skill_gap": [], "practice_area": []}
    matches = []
    for (kind, text), strength in scores.items():
        by_kind.setdefault(kind, []).append(strength)
        if strength >= weights.match_floor:
            matches.append((kind, text, strength))
    parts = {}
    for kind, strengths in by_kind.items():
        if strengths:
            strengths = sorted(strengths, reverse=True)
            parts[kind] = min(
                1.0, strengths[0] + weights.extra_match * sum(strengths[1:])
            )
    mix = {"skill_gap": weights.skill_gap, "practice_area": weights.practice_area}
    present = {k: w for k, w in mix.items() if k in set(kinds)}
    total = sum(present.values())
    value = sum(parts.get(k, 0.0) * w for k, w in present.items())
    value = value / total if total else 0.0
    matches.sort(key=lambda m: (m[0] != "skill_gap", -m[2], m[1]))
    return value, matches


def fit(text: float, kinds: Iterable[str], weights: Weights) -> float:
    """Share of need and price a listing of this relevance earns, in [0, 1].

    Grows with relevance up to ``weights.fit_full``; a profile without
    phrases asks for no subject, so every listing fits it.
    """
    if not kinds or weights.fit_full <= 0:
        return 1.0
    floor = weights.fit_floor
    return floor + (1 - floor) * min(1.0, max(0.0, text) / weights.fit_full)


def match_strength(
    cosine: float,
    focus: bool,
    mention: bool,
    has_concepts: bool,
    weights: Weights,
    *,
    certainty: float = 1.0,
) -> float:
    """How well a listing matches one profile phrase, in [0, 1].

    :param cosine: TF-IDF cosine of the phrase's query with the listing
    :param focus: a concept of the phrase is in the listing's title or tags
    :param mention: a concept of the phrase is mentioned anywhere in it
    :param has_concepts: the phrase names a concept of the vocabulary
    :param certainty: how surely the phrase means its concepts (1: it names
        them; 1/2: a guess between two), which scales the concept's share
    """
    text = min(1.0, cosine / weights.similarity_full)
    focus_match = weights.focus_match * certainty
    mention_match = weights.mention_match * certainty
    if focus:
        return focus_match + (1 - focus_match) * text
    if mention:
        return mention_match + (focus_match - mention_match) * text
    if has_concepts:
        return weights.words_only * text
    return text


def _spread(
    hours: Mapping[str, float],
    specific: list[Need],
    total: Need | None,
    weights: Weights,
) -> tuple[float, float]:
    """Weighted value of some hours for one credential, and how much they cut its total.

    Each category's hours go to the narrowest unmet requirement they fill,
    then to the total's slack: hours beyond the category shortfalls that any
    category may fill. When the total is all category shortfall (California 2
    ethics hours short of 8), a general hour does not bring the deadline any
    closer.
    """
    slack = max(0.0, total.hours - sum(n.hours for n in specific)) if total else 0.0
    value = reduces_total = 0.0
    for category, amount in hours.items():
        if amount <= 0:
            continue
        wanted = [n for n in specific if category in n.categories]
        excess = amount
        if wanted:
            best = max(wanted, key=lambda n: (len(n.categories) == 1, n.hours))
            useful = min(amount, best.hours)
            single = len(best.categories) == 1
            value += useful * (
                weights.single_category if single else weights.multi_category
            )
            reduces_total += useful
            excess = amount - useful
        taken = min(excess, slack)
        value += taken * weights.total_only + (excess - taken) * weights.satisfied
        slack -= taken
        reduces_total += taken
    return value, reduces_total


def _scored_hours(
    raw: Mapping[str, float], units: Mapping[str, float]
) -> dict[str, float]:
    """Counting units, each category at most the hours the listing states.

    Keeps the need score within the bound the shortlist computes from the
    stated hours (a 50-minute credit unit turns 1 hour into 1.2 credits; a
    rule may move hours between categories).
    """
    return {c: min(raw.get(c, 0.0), max(0.0, u)) for c, u in units.items()}


def need_coverage(
    listing: dict,
    needs: list[Need],
    weights: Weights,
    counted: Counted | None = None,
    valued: Counted | None = None,
) -> tuple[float, list[tuple[Need, float]]]:
    """Credit-need score in [0, 1] and the units it fills toward each need.

    :param counted: counting units per credential (only credentials whose
        verdict is ``counts``): the units it fills; None counts the stated
        hours toward every credential (the optimistic bound the shortlist uses)
    :param valued: the units the score values per credential (default
        ``counted``); may add a share of the units a course would give once
        approved (:func:`recommender.counting.valued_units`)
    """
    if valued is None:
        valued = counted
    raw = listing_hours(listing)
    if not needs or not any(raw.values()):
        return 0.0, []
    day = end_day(listing)
    fills, value = [], 0.0
    credentials = sorted({need.credential for need in needs})
    for credential in credentials:
        units = raw if counted is None else counted.get(credential, {})
        own = [
            n
            for n in needs
            if n.credential == credential and counts_by_deadline(day, n)
        ]
        specific = [n for n in own if n.key != "total"]
        total = next((n for n in own if n.key == "total"), None)
        scored = (
            raw if valued is None else _scored_hours(raw, valued.get(credential, {}))
        )
        value += _spread(scored, specific, total, weights)[0]
        for need in specific:
            filled = fill(units, need)
            if filled > 0:
                fills.append((need, filled))
        reduces_total = _spread(units, specific, total, weights)[1]
        if total is not None and reduces_total > 0:
            fills.append((total, min(reduces_total, total.hours)))
    value /= max(1, len(credentials))
    return value / (value + weights.need_half_hours), fills


def price_score(price: float | None, weights: Weights) -> float:
    """1 for free; a paid course at most ``paid_price_max``, less as it costs more.

    The gap between free and the cheapest paid course is what puts a free
    course first when it fills the same need about as well.
    """
    if price is None:
        return weights.price_unknown
    if price <= 0:
        return 1.0
    return weights.paid_price_max / (1.0 + price / weights.price_half_usd)


def date_score(listing: dict, as_of: date, weights: Weights) -> float:
    """Sooner sessions score higher; on-demand scores a fixed, high value."""
    if not is_scheduled(listing):
        return weights.on_demand_date
    days = (local_day(listing["starts_at"]) - as_of).days
    return math.exp(-max(days, 0) / weights.date_scale_days)


def price_weight_for(profile: Profile, weights: Weights) -> float:
    """How much price counts for this profile (more when it prefers free)."""
    if profile.prefer_free:
        return weights.price_prefer_free
    return weights.price_indifferent


def profile_kinds(profile: Profile) -> list[str]:
    """The kinds of phrase a profile has (a kind it lacks counts against none)."""
    return [
        kind
        for kind, attribute in (
            ("skill_gap", "skill_gaps"),
            ("practice_area", "practice_areas"),
        )
        if getattr(profile, attribute)
    ]
