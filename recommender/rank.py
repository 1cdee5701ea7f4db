"""Rank listings for one paralegal: a pure function of profile, need, catalog and date.

Eligibility first (:func:`ineligibility`), then a weighted score of text
relevance, credit-need coverage, price and date (weights in
:mod:`recommender.weights`). One offering per ``course_id``; ties break by
start date and id, so the order is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from catalog.schema import UNSCHEDULED_FORMATS
from recommender.needs import (
    Need,
    counts_by_deadline,
    default_fills,
    fill,
    last_deadline,
    listing_hours,
    needs_from_statuses,
)
from recommender.vocabulary import plain_words
from recommender.weights import WEIGHTS, Weights

#: ``index_scores[listing id][(kind, profile phrase)]`` = match strength in
#: [0, 1] (:func:`match_strength`).
TextScores = Mapping[str, Mapping[tuple[str, str], float]]


@dataclass
class Recommendation:
    """One ranked listing with the facts its reasons are made of."""

    listing: dict
    score: float
    parts: dict[str, float]
    price: float | None
    member_price_applied: bool
    matches: list[tuple[str, str, float]] = field(default_factory=list)
    fills: list[tuple[Need, float]] = field(default_factory=list)
    start_day: date | None = None


def _get(obj, name, default=None):
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


@lru_cache(maxsize=65536)
def local_day(instant: str | None) -> date | None:
    """The calendar day of an ISO instant in its own offset (the provider's day)."""
    return datetime.fromisoformat(instant).date() if instant else None


def is_scheduled(listing: dict) -> bool:
    """True for a session with a start time (not on demand or self study)."""
    return bool(listing.get("starts_at")) and listing.get("format") not in (
        UNSCHEDULED_FORMATS
    )


def end_day(listing: dict) -> date | None:
    """The day a scheduled listing ends (None for on-demand)."""
    if not is_scheduled(listing):
        return None
    return local_day(listing.get("ends_at")) or local_day(listing.get("starts_at"))


def effective_price(
    listing: dict, memberships: Iterable[str]
) -> tuple[float | None, bool]:
    """The price this paralegal pays, and whether it is the member price."""
    member = listing.get("member_price_usd")
    public = listing.get("price_usd")
    if member is not None and listing.get("provider") in set(memberships or ()):
        if public is None or member < public:
            return float(member), True
    return (float(public) if public is not None else None), False


def completed_keys(profile) -> tuple[set[str], set[str]]:
    """Course ids and normalized titles of the profile's completed courses.

    A title counts even when the course id is known: providers re-list a
    course under a new id (another date, another format), and a course of
    the very same name is one a paralegal would not take twice.
    """
    ids, titles = set(), set()
    for entry in _get(profile, "completed", None) or []:
        if _get(entry, "course_id"):
            ids.add(_get(entry, "course_id"))
        if _get(entry, "title"):
            titles.add(" ".join(plain_words(_get(entry, "title"))))
    return ids, titles


def eligibility_deadline(statuses: Iterable, needs: list[Need]) -> date | None:
    """The last date a session may end: the latest cycle end still open.

    A credential whose required hours are unknown (not established) may
    still need credit, so its cycle end counts like a known need's; a
    credential without a cycle end lifts the limit.
    """
    ends = []
    for status in statuses:
        if getattr(status, "done", False):
            continue
        ends.append(getattr(status, "cycle_end", None))
    if not ends:
        return last_deadline(needs)
    if any(end is None for end in ends):
        return None
    return max(ends)


#: Titles this many words long or longer match a completed title that
#: extends them ("Ethics of AI for Paralegals (spring session)").
TITLE_PREFIX_WORDS = 3


def same_title(title: str, completed_titles: set[str]) -> bool:
    """True when a listing's title is a completed course's (or begins it).

    :param completed_titles: normalized titles (:func:`completed_keys`)
    """
    own = " ".join(plain_words(title))
    if not own:
        return False
    if own in completed_titles:
        return True
    if len(own.split()) < TITLE_PREFIX_WORDS:
        return False
    return any(
        done.startswith(own + " ")
        or (own.startswith(done + " ") and len(done.split()) >= TITLE_PREFIX_WORDS)
        for done in completed_titles
    )


def ineligibility(
    listing: dict,
    profile,
    as_of: date,
    *,
    deadline: date | None = None,
    completed: tuple[set[str], set[str]] | None = None,
    free_only: bool = False,
    before: date | None = None,
) -> str | None:
    """Why a listing cannot be recommended, or None when it can.

    :param deadline: the last deadline of the credit need (None: no deadline)
    """
    if listing.get("status", "active") != "active":
        return f"listing is {listing.get('status')}"
    formats = _get(profile, "formats", None)
    if formats and listing.get("format") not in formats:
        return f"format {listing.get('format')} is not one you take"
    ids, titles = completed if completed is not None else completed_keys(profile)
    if listing.get("course_id", listing["id"]) in ids or listing["id"] in ids:
        return "already completed"
    if titles and same_title(listing.get("title") or "", titles):
        return "already completed (same title)"
    if is_scheduled(listing):
        start = local_day(listing["starts_at"])
        if start <= as_of:
            return f"session started {start.isoformat()}"
        if before is not None and start >= before:
            return f"starts {start.isoformat()}, not before {before.isoformat()}"
        if deadline is not None and end_day(listing) > deadline:
            return f"ends after your last deadline {deadline.isoformat()}"
    if free_only:
        price, _ = effective_price(listing, _get(profile, "memberships", ()) or ())
        if price != 0:
            return "not free"
    return None


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


def need_coverage(
    listing: dict, needs: list[Need], weights: Weights
) -> tuple[float, list[tuple[Need, float]]]:
    """Credit-need score in [0, 1] and the hours it fills toward each need."""
    hours = listing_hours(listing)
    if not needs or not any(hours.values()):
        return 0.0, []
    day = end_day(listing)
    fills, value = [], 0.0
    credentials = sorted({need.credential for need in needs})
    for credential in credentials:
        own = [
            n
            for n in needs
            if n.credential == credential and counts_by_deadline(day, n)
        ]
        specific = [n for n in own if n.key != "total"]
        total = next((n for n in own if n.key == "total"), None)
        # Hours beyond the category shortfalls that any category may fill: when
        # the total is all category shortfall (California 2 ethics hours short
        # of 8), a general hour does not bring the deadline any closer.
        slack = max(0.0, total.hours - sum(n.hours for n in specific)) if total else 0.0
        reduces_total = 0.0
        for category, amount in hours.items():
            if amount <= 0:
                continue
            wanted = [n for n in specific if category in n.fills]
            excess = amount
            if wanted:
                best = max(wanted, key=lambda n: (len(n.fills) == 1, n.hours))
                useful = min(amount, best.hours)
                weight = (
                    weights.single_category
                    if len(best.fills) == 1
                    else (weights.multi_category)
                )
                value += useful * weight
                reduces_total += useful
                excess = amount - useful
            taken = min(excess, slack)
            value += taken * weights.total_only + (excess - taken) * weights.satisfied
            slack -= taken
            reduces_total += taken
        for need in specific:
            filled = fill(hours, need)
            if filled > 0:
                fills.append((need, filled))
        if total is not None and reduces_total > 0:
            fills.append((total, min(reduces_total, total.hours)))
    value /= max(1, len(credentials))
    return value / (value + weights.need_half_hours), fills


def price_score(price: float | None, weights: Weights) -> float:
    """1 for free, one half at ``price_half_usd``, lower as the price grows."""
    if price is None:
        return weights.price_unknown
    return 1.0 / (1.0 + price / weights.price_half_usd)


def date_score(listing: dict, as_of: date, weights: Weights) -> float:
    """Sooner sessions score higher; on-demand scores a fixed, high value."""
    if not is_scheduled(listing):
        return weights.on_demand_date
    days = (local_day(listing["starts_at"]) - as_of).days
    return math.exp(-max(days, 0) / weights.date_scale_days)


def price_weight_for(profile, weights: Weights) -> float:
    """How much price counts for this profile (more when it prefers free)."""
    if _get(profile, "prefer_free", True):
        return weights.price_prefer_free
    return weights.price_indifferent


def profile_kinds(profile) -> list[str]:
    """The kinds of phrase a profile has (a kind it lacks counts against none)."""
    return [
        kind
        for kind, attribute in (
            ("skill_gap", "skill_gaps"),
            ("practice_area", "practice_areas"),
        )
        if _get(profile, attribute, None)
    ]


def rank(
    profile,
    statuses: Iterable,
    listings: Iterable[dict],
    index_scores: TextScores,
    as_of: date,
    *,
    weights: Weights = WEIGHTS,
    fills: Callable[[str], set[str]] = default_fills,
    free_only: bool = False,
    before: date | None = None,
) -> list[Recommendation]:
    """Rank eligible listings, best first, one offering per course.

    :param profile: a ``Profile`` (or a mapping with the same fields)
    :param statuses: ``CredentialStatus`` objects for the profile's credentials
    :param index_scores: listing id -> {(kind, phrase): match strength in [0, 1]}
        (:func:`match_strength`; from :func:`recommender.service.text_scores`)
    :param as_of: the date to reason from
    """
    statuses = list(statuses)
    needs = needs_from_statuses(statuses, fills)
    deadline = eligibility_deadline(statuses, needs)
    completed = completed_keys(profile)
    memberships = _get(profile, "memberships", ()) or ()
    price_weight = price_weight_for(profile, weights)
    kinds = profile_kinds(profile)
    best: dict[str, Recommendation] = {}
    coverage_cache: dict[tuple, tuple] = {}
    for listing in listings:
        reason = ineligibility(
            listing,
            profile,
            as_of,
            deadline=deadline,
            completed=completed,
            free_only=free_only,
            before=before,
        )
        if reason is not None:
            continue
        text, matches = relevance(index_scores.get(listing["id"], {}), weights, kinds)
        # Many listings share a credit pattern: compute each pattern once.
        day = end_day(listing)
        key = (
            tuple(sorted(listing_hours(listing).items())),
            tuple(counts_by_deadline(day, n) for n in needs),
        )
        if key not in coverage_cache:
            coverage_cache[key] = need_coverage(listing, needs, weights)
        need, filled = coverage_cache[key]
        price, member = effective_price(listing, memberships)
        parts = {
            "relevance": text,
            "need": need,
            "price": price_score(price, weights),
            "date": date_score(listing, as_of, weights),
        }
        score = (
            weights.relevance * parts["relevance"]
            + weights.need * parts["need"]
            + price_weight * parts["price"]
            + weights.date * parts["date"]
        )
        start = local_day(listing.get("starts_at")) if is_scheduled(listing) else None
        pick = Recommendation(
            listing, round(score, 6), parts, price, member, matches, filled, start
        )
        course = listing.get("course_id") or listing["id"]
        if course not in best or order_key(pick) < order_key(best[course]):
            best[course] = pick
    return sorted(best.values(), key=order_key)


def order_key(pick: Recommendation) -> tuple:
    """Ranking order: higher score first, then the earlier start, then the id."""
    start = pick.start_day.isoformat() if pick.start_day else ""
    return (-pick.score, start, pick.listing["id"])
