"""Rank a top N without scoring every listing: bound first, then rank the few.

:func:`recommender.rank.rank` stays the definition of the ranking. A score is a
weighted sum of relevance, need, price and date; each part has an upper bound
that costs almost nothing (need and price are scaled by the fit of the
relevance, which grows with relevance, so the fit of a relevance bound
bounds it):

- need, price and date per class of listings alike in credit hours, price band
  and scheduling (:func:`class_bounds`; 886 classes for 10,000 generated
  listings, 1,448 for 100,000), saved with the index;
- relevance from whether each profile phrase names a concept in the listing's
  title or tags (focus), only mentions it, or shares words with it (weak), and
  the largest weight of each query term (:func:`phrase_caps`).

:func:`top_picks` lowers a bar step by step and ranks exactly, with
:func:`rank`, every listing whose bound reaches it, until N picks score above
the bar. A listing left out has a bound, hence a score, below the N-th pick's,
so the top N and their scores and reasons are those of a full :func:`rank`.

Before any row is read, a listing that :func:`rank` would find ineligible
from what the index keeps of it (its format, the days a session starts and
ends: :func:`possibly_eligible`) is left out; the rest are read and scored in
batches of falling bounds. The bar falls until the N-th pick is above it or
every listing has been scored, so there is no full-ranking fallback: a profile
that matches few listings scores more of them, never all of their rows at once.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from catalog.schema import CREDIT_CATEGORIES
from recommender.documents import QueryItem
from recommender.eligibility import eligibility_deadline
from recommender.index_store import PersistedIndex
from recommender.needs import Need, needs_from_statuses
from recommender.rank import (
    Recommendation,
    fit,
    match_strength,
    need_coverage,
    order_key,
    price_score,
    price_weight_for,
    profile_kinds,
    rank,
    relevance,
)
from recommender.textmatch import PhraseSets, exact_text_scores, phrase_sets
from recommender.weights import WEIGHTS, Weights

#: How far the bar is lowered per round while fewer than N picks reach it.
STEP = 0.05
#: Bounds within this of the bar are kept: covers the rounding of scores to
#: six decimals and float noise between a bound and the score it bounds.
MARGIN = 2e-6

#: State of one listing for one phrase: concept in title/tags, mentioned, neither.
FOCUS_STATE, MENTION_STATE, WEAK_STATE = 0, 1, 2


def phrase_caps(
    index: PersistedIndex, item: QueryItem, phrase: PhraseSets, weights: Weights
) -> tuple[float, float, float]:
    """Upper bounds of a phrase's match strength: (focus, mention, weak) listings.

    The cosine of any listing is at most the sum of the query weights times the
    largest weight of each term; strength grows with cosine and certainty.
    """
    cosine = 0.0
    for column, weight in phrase.vector.items():
        cosine += weight * index.term_max[column]
    cosine = min(cosine, 1.0)
    concepts = bool(item.concepts)
    return (
        match_strength(cosine, True, True, True, weights, certainty=item.certainty),
        match_strength(cosine, False, True, True, weights, certainty=item.certainty),
        match_strength(cosine, False, False, concepts, weights),
    )


def relevance_bound(
    queries: list[QueryItem],
    caps: list[tuple[float, float, float]],
    states: tuple[int | None, ...],
    weights: Weights,
    kinds: list[str],
) -> float:
    """Relevance bound of a listing in the given state for each phrase.

    :param states: per phrase, FOCUS/MENTION/WEAK_STATE, or None for any state
    """
    scores: dict[tuple[str, str], float] = {}
    for item, cap, state in zip(queries, caps, states, strict=True):
        key = (item.kind, item.text)
        bound = max(cap) if state is None else cap[state]
        scores[key] = max(scores.get(key, 0.0), bound)
    return relevance(scores, weights, kinds)[0]


@dataclass(frozen=True)
class ListingClass:
    """Listings alike in credit hours, scheduling and (roughly) price."""

    hours: tuple[float, float, float]  # ethics, general, specialized
    scheduled: bool
    price: float  # the best price score any of its listings can have
    members: frozenset[int]


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
            members = index.class_members[group["start"] : group["end"]]
            hours = tuple(group["hours"])
            found.append(
                ListingClass(hours, group["scheduled"], price, frozenset(members))
            )
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

    Date: 1 for a session, the on-demand score otherwise. :func:`top_picks`
    scales the first by the fit of a relevance bound, as :func:`rank` does.
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


def top_picks(
    profile,
    statuses: list,
    index: PersistedIndex,
    queries: list[QueryItem],
    read: Callable[[list[str]], dict[str, dict]],
    as_of: date,
    top: int,
    *,
    weights: Weights = WEIGHTS,
    free_only: bool = False,
    before: date | None = None,
) -> list[Recommendation]:
    """The first ``top`` picks of :func:`rank` over the whole catalog.

    Lowers a bar step by step, scoring exactly every possibly eligible
    listing whose bound reaches it, until the ``top``-th pick so far is above
    the bar (or no listing is left).

    :param read: listing ids -> their ranking records (the rows ``rank`` reads);
        ids it leaves out count as not eligible
    """
    needs = needs_from_statuses(statuses)
    eligible = possibly_eligible(
        index, profile, as_of, eligibility_deadline(statuses, needs), before
    )
    price_weight = price_weight_for(profile, weights)
    kinds = profile_kinds(profile)
    sets = [
        _memo(index, item, lambda i=item: phrase_sets(index, i)) for item in queries
    ]
    caps = [
        phrase_caps(index, item, phrase, weights)
        for item, phrase in zip(queries, sets, strict=True)
    ]
    strong = frozenset().union(*(s.mention | s.focus_any for s in sets))
    relevance_of: dict[tuple, float] = {}

    def relevance_part(states: tuple) -> float:
        if states not in relevance_of:
            relevance_of[states] = weights.relevance * relevance_bound(
                queries, caps, states, weights, kinds
            )
        return relevance_of[states]

    def reach(relevance_bound: float, credit: float, when: float) -> float:
        share = fit(relevance_bound / weights.relevance, kinds, weights)
        return relevance_bound + share * credit + when

    weak = relevance_part((WEAK_STATE,) * len(queries))
    best = relevance_part((None,) * len(queries))
    bounded = _memo(
        index,
        ("bounds", tuple(needs), price_weight, weights),
        lambda: class_bounds(
            listing_classes(index, weights), needs, price_weight, weights
        ),
    )
    if not bounded:
        return []
    bounded = sorted(bounded, key=lambda bound: -reach(best, bound[0], bound[1]))
    options = {"weights": weights, "free_only": free_only, "before": before}
    ranking = _Ranking(
        profile, statuses, index, queries, sets, read, as_of, top, options
    )
    splits: dict[int, list[tuple[float, frozenset[int]]]] = {}
    taken: set[tuple[int, int]] = set()  # (class, part) already scored
    # Below the bound of relevance 0 in every class, every part has been taken.
    lowest = min(reach(0.0, credit, when) for credit, when, _ in bounded)
    bar = reach(best, *bounded[0][:2]) - STEP
    while True:
        batch: list[frozenset[int]] = []
        for number, (credit, when, group) in enumerate(bounded):
            if reach(best, credit, when) < bar:
                break
            if number not in splits:
                members = eligible(group.members)
                splits[number] = _split(members & strong, sets, relevance_part)
                splits[number].append((weak, members - strong))
            for part, (part_bound, members) in enumerate(splits[number]):
                above = reach(part_bound, credit, when) >= bar
                if above and (number, part) not in taken:
                    taken.add((number, part))
                    batch.append(members)
        ranking.score(frozenset().union(*batch))
        reached = ranking.bar()
        if reached - MARGIN >= bar or bar < lowest:
            return ranking.picks()
        bar = reached - MARGIN if reached > -math.inf else bar - STEP


#: Query-dependent results kept per index (phrase postings, class bounds):
#: a process that answers many queries (a server, the benchmark) reuses them.
MEMO_SIZE = 256


def _memo(index: PersistedIndex, key, compute: Callable[[], object]):
    """``compute()``, remembered on the index under ``key`` (oldest dropped)."""
    memo = index.memo
    if key not in memo:
        if len(memo) >= MEMO_SIZE:
            del memo[next(iter(memo))]
        memo[key] = compute()
    return memo[key]


def possibly_eligible(
    index: PersistedIndex,
    profile,
    as_of: date,
    deadline: date | None,
    before: date | None,
) -> Callable[[frozenset[int]], frozenset[int]]:
    """A filter keeping the listings :func:`rank` may find eligible.

    It applies the rules of :func:`recommender.eligibility.ineligibility`
    that the index can answer exactly: a format the profile does not take; a
    session that starts on or before ``as_of``, on or after ``before``, or
    ends after ``deadline``. What it drops, ``rank`` would drop; the other
    rules (completed courses, price when free only) are left to ``rank``.
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


def _split(
    members: frozenset[int],
    sets: list[PhraseSets],
    relevance_part: Callable[[tuple], float],
) -> list[tuple[float, frozenset[int]]]:
    """Split listings by their state for each phrase; each part's relevance bound."""
    parts: dict[tuple, frozenset[int]] = {(): members} if members else {}
    for phrase in sets:
        split = {}
        for states, listings in parts.items():
            focus = listings & phrase.focus_any
            mention = (listings & phrase.mention) - focus
            weak = listings - focus - mention
            for state, part in (
                (FOCUS_STATE, focus),
                (MENTION_STATE, mention),
                (WEAK_STATE, weak),
            ):
                if part:
                    split[(*states, state)] = part
        parts = split
    return [(relevance_part(states), part) for states, part in parts.items()]


class _Ranking:
    """Picks scored so far (best offering per course) and the bar they set."""

    def __init__(
        self, profile, statuses, index, queries, sets, read, as_of, top, options
    ):
        self.profile, self.statuses, self.index = profile, statuses, index
        self.queries, self.sets, self.read = queries, sets, read
        self.as_of, self.top, self.options = as_of, top, options
        self.best: dict[str, Recommendation] = {}

    def score(self, positions: Iterable[int]) -> None:
        """Rank some listings exactly and keep each course's best offering."""
        positions = sorted(positions)
        options = self.options
        records = self.read([self.index.listing_ids[p] for p in positions])
        if not records:
            return
        scores = exact_text_scores(
            self.index, self.queries, self.sets, positions, options["weights"]
        )
        for pick in rank(
            self.profile, self.statuses, records.values(), scores, self.as_of,
            **options,
        ):  # fmt: skip
            course = pick.listing.get("course_id") or pick.listing["id"]
            known = self.best.get(course)
            if known is None or order_key(pick) < order_key(known):
                self.best[course] = pick

    def picks(self) -> list[Recommendation]:
        """The best ``top`` picks so far, in ranking order."""
        return heapq.nsmallest(self.top, self.best.values(), key=order_key)

    def bar(self) -> float:
        """The score of the ``top``-th pick so far (-inf while there are fewer)."""
        picks = self.picks()
        return picks[-1].score if len(picks) == self.top else -math.inf


__all__ = [
    "ListingClass",
    "phrase_caps",
    "relevance_bound",
    "class_bounds",
    "need_bound",
    "listing_classes",
    "top_picks",
    "possibly_eligible",
]
