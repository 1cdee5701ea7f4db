"""Rank a top N without scoring every listing: bound first, then rank the few.

:func:`recommender.rank.rank` stays the definition of the ranking. A score is a
weighted sum of relevance, need, price and date; each part has an upper bound
that costs almost nothing (need and price are scaled by the fit of the
relevance, which grows with relevance, so the fit of a relevance bound
bounds it):

- need, price and date per class of listings alike in credit hours, price band
  and scheduling (:mod:`recommender.class_bounds`), saved with the index;
- relevance from whether each profile phrase names a concept in the listing's
  title or tags (focus), only mentions it, or neither (weak), the heaviest
  word of the phrase it holds, and the largest weight of each query term
  (:mod:`recommender.phrase_bounds`); a listing holding no term of any
  phrase has relevance 0.

:func:`top_picks` lowers a bar step by step and ranks exactly, with
:func:`rank`, every listing whose bound reaches it, until N picks score above
the bar. A listing left out has a bound, hence a score, below the N-th pick's,
so the top N and their scores and reasons are those of a full :func:`rank`.

Before any row is read, a listing that :func:`rank` would find ineligible
from what the index keeps of it (its format, the days a session starts and
ends: :func:`recommender.listing_facts.possibly_eligible`) is left out; the
rest are read and scored in batches of falling bounds. Once ranking the
listings that reach the bar would cost more than one pass over the postings
of the profile's phrases (:data:`RANKING_COST`; a profile whose N-th pick
scores low), each is first bounded with its exact relevance from that pass,
and ranked best bound first
(:data:`CHUNK` at a time) until the bound falls below the N-th pick's score.
The bar falls until the N-th pick is above it or every listing has been
scored, so there is no full-ranking fallback: a profile that matches few
listings scores more of them, never all of their rows at once.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from datetime import date

from recommender.class_bounds import class_bounds, class_of, listing_classes
from recommender.documents import QueryItem
from recommender.eligibility import eligibility_deadline
from recommender.index_store import PersistedIndex
from recommender.listing_facts import possibly_eligible
from recommender.needs import needs_from_statuses
from recommender.phrase_bounds import (
    PhraseWords,
    PostingScores,
    RelevanceTree,
    phrase_caps,
    phrase_words,
    relevance_bound,
)
from recommender.rank import (
    Recommendation,
    fit,
    order_key,
    price_weight_for,
    profile_kinds,
    rank,
)
from recommender.textmatch import exact_text_scores, phrase_sets
from recommender.weights import WEIGHTS, Weights

#: How far the bar is lowered per round while fewer than N picks reach it.
STEP = 0.05
#: Ranking a listing costs about as much as summing this many postings into
#: the exact text scores (:class:`recommender.phrase_bounds.PostingScores`):
#: once the listings to rank would cost more than that pass, the rest are
#: first bounded with their exact relevance. Measured at 100k listings,
#: 2026-12-01: 0.17 us a posting; about 110 us to rank a listing cold, of
#: which bounding it exactly first takes 25 us.
RANKING_COST = 500
#: How many of those are ranked at a time, best bound first.
CHUNK = 50
#: Bounds within this of the bar are kept: covers the rounding of scores to
#: six decimals and float noise between a bound and the score it bounds.
MARGIN = 2e-6


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
    words = [
        _memo(index, ("words", item), lambda i=item, s=s: phrase_words(index, i, s))
        for item, s in zip(queries, sets, strict=True)
    ]
    relevance_part = _relevance_parts(queries, words, weights, kinds)
    bounded = _memo(
        index,
        ("bounds", tuple(needs), price_weight, weights),
        lambda: class_bounds(
            listing_classes(index, weights), needs, price_weight, weights
        ),
    )
    if not bounded:
        return []
    touched = _memo(
        index, ("tree", tuple(queries)), lambda: _touched(index, sets, words)
    )
    tree = RelevanceTree(*touched, sets, words, relevance_part)
    bounds = _Bounds(
        index, bounded, tree, eligible, lambda r: fit(r, kinds, weights), weights
    )
    options = {"weights": weights, "free_only": free_only, "before": before}
    ranking = _Ranking(
        profile, statuses, index, queries, sets, read, as_of, top, options
    )
    postings = sum(
        index.indptr[c + 1] - index.indptr[c] for s in sets for c in s.vector
    )
    bar = bounds.reach(relevance_part((None,) * len(queries)), *bounds.most) - STEP
    while True:
        bounds.open(bar)
        if ranking.exact is None:
            batch = bounds.pop(bar)
            cost = (ranking.scored + len(batch)) * RANKING_COST
            if not postings or cost <= postings:  # no phrase: no exact relevance
                ranking.rank(position for _, position, _ in batch)
            else:
                ranking.exact = PostingScores(index, queries, sets, weights, kinds)
                bounds.push(batch)
        if ranking.exact is not None:
            ranking.best_first(bounds, bar)
        reached = ranking.bar()
        if reached - MARGIN >= bar or bar < bounds.lowest:
            return ranking.picks()
        bar = reached - MARGIN if reached > -math.inf else bar - STEP


class _Bounds:
    """The listings by score bound: relevance groups, then each listing's class.

    :param share: relevance -> the share of need and price it earns
        (:func:`recommender.scoring.fit`, growing with relevance)
    """

    def __init__(self, index, bounded, tree, eligible, share, weights) -> None:
        self.tree, self.eligible, self.share = tree, eligible, share
        self.relevance = weights.relevance
        self.credits = [credit for credit, _, _ in bounded]
        self.whens = [when for _, when, _ in bounded]
        self.most = max(self.credits), max(self.whens)  # bounds every class's
        self.class_of = class_of(index)
        # Below the bound of relevance 0 in every class, every listing is taken.
        self.lowest = min(self.reach(0.0, c, w) for c, w, _ in bounded)
        self.waiting: list[tuple[float, int, int]] = []  # (-bound, position, class)

    def reach(self, relevance_bound: float, credit: float, when: float) -> float:
        """The score bound of a weighted relevance bound with these class bounds."""
        share = self.share(relevance_bound / self.relevance)
        return relevance_bound + share * credit + when

    def open(self, bar: float) -> None:
        """Queue by bound the possibly eligible listings of groups reaching ``bar``."""
        most, waiting = self.most, self.waiting
        for bound, listings in self.tree.reaching(
            lambda r: self.reach(r, *most) >= bar
        ):
            of_class: dict[int, float] = {}  # a group's listings share classes
            for position in self.eligible(listings):
                number = self.class_of[position]
                below = of_class.get(number)
                if below is None:
                    credit, when = self.credits[number], self.whens[number]
                    below = of_class[number] = -self.reach(bound, credit, when)
                heapq.heappush(waiting, (below, position, number))

    def pop(self, bar: float) -> list[tuple[float, int, int]]:
        """Queued listings whose bound reaches ``bar``: (-bound, position, class)."""
        batch, waiting = [], self.waiting
        while waiting and -waiting[0][0] >= bar:
            batch.append(heapq.heappop(waiting))
        return batch

    def push(self, batch: list[tuple[float, int, int]]) -> None:
        """Queue again listings :meth:`pop` gave."""
        for entry in batch:
            heapq.heappush(self.waiting, entry)


def _touched(
    index: PersistedIndex, sets: list, words: list
) -> tuple[frozenset[int], frozenset[int]]:
    """The listings holding a term of some phrase, and all the others."""
    touched = frozenset().union(
        *(s.mention | s.focus_any for s in sets),
        *(holding for held in words for holding in held.holders),
    )
    return touched, frozenset(range(len(index.listing_ids))) - touched


def _relevance_parts(
    queries: list[QueryItem],
    words: list[PhraseWords],
    weights: Weights,
    kinds: list[str],
) -> Callable[[tuple], float]:
    """The weighted relevance bound of a (state, level) per phrase (memoized)."""
    caps = [
        phrase_caps(item, held, weights)
        for item, held in zip(queries, words, strict=True)
    ]
    found: dict[tuple, float] = {}

    def relevance_part(states: tuple) -> float:
        if states not in found:
            found[states] = weights.relevance * relevance_bound(
                queries, caps, states, weights, kinds
            )
        return found[states]

    return relevance_part


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


class _Ranking:
    """Picks scored so far (best offering per course) and the bar they set.

    Once :attr:`exact` holds every listing's exact text scores, the queued
    listings are ranked best bound first (:meth:`best_first`).
    """

    def __init__(
        self, profile, statuses, index, queries, sets, read, as_of, top, options
    ):
        self.profile, self.statuses, self.index = profile, statuses, index
        self.queries, self.sets, self.read = queries, sets, read
        self.as_of, self.top, self.options = as_of, top, options
        self.best: dict[str, Recommendation] = {}
        self.scored = 0
        self.exact: PostingScores | None = None
        self.pending: list[tuple[float, int]] = []  # heap: (-bound, position)

    def best_first(self, bounds: _Bounds, bar: float) -> None:
        """Rank every queued listing whose bound reaches ``bar`` and the picks.

        Best bound first: a queued listing is bounded again with its exact
        relevance (``pending``) while fewer than :data:`CHUNK` are pending or
        its class bound beats theirs, and the pending ones are ranked
        :data:`CHUNK` at a time, so the picks raise the bar as they come.
        """
        waiting, pending = bounds.waiting, self.pending
        relevance, weight = self.exact.relevance, self.options["weights"].relevance
        least = max(bar, self.bar() - MARGIN)
        while True:
            queued = -waiting[0][0] if waiting else -math.inf
            if queued >= least and (len(pending) < CHUNK or queued >= -pending[0][0]):
                _, position, number = heapq.heappop(waiting)
                bound = bounds.reach(
                    weight * relevance(position),
                    bounds.credits[number],
                    bounds.whens[number],
                )
                heapq.heappush(pending, (-bound, position))
                continue
            if not pending or -pending[0][0] < least:
                return
            chunk = []
            while pending and len(chunk) < CHUNK and -pending[0][0] >= least:
                chunk.append(heapq.heappop(pending)[1])
            self.rank(chunk)
            least = max(bar, self.bar() - MARGIN)

    def rank(self, positions: Iterable[int]) -> None:
        """Rank some listings exactly and keep each course's best offering."""
        positions = sorted(positions)
        self.scored += len(positions)
        options = self.options
        records = self.read([self.index.listing_ids[p] for p in positions])
        if not records:
            return
        if self.exact is None:
            scores = exact_text_scores(
                self.index, self.queries, self.sets, positions, options["weights"]
            )
        else:
            ids, exact = self.index.listing_ids, self.exact.scores
            scores = {ids[p]: found for p in positions if (found := exact(p))}
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


__all__ = ["top_picks"]
