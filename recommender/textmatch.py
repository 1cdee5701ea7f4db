"""Match strength of profile phrases with some listings, from the postings.

:func:`recommender.service.text_scores` scores every listing a phrase
touches; :func:`exact_text_scores` gives the same floats for a few listings
only (the shortlist's), by bisecting each query term's postings.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from recommender.documents import FOCUS, QueryItem, query_vector
from recommender.index_store import PersistedIndex
from recommender.rank import match_strength
from recommender.weights import WEIGHTS, Weights


@dataclass(frozen=True)
class PhraseSets:
    """One profile phrase against the index: query vector and concept postings."""

    vector: dict[int, float]
    focus: tuple[frozenset[int], ...]  # per concept: listings with it as subject
    focus_any: frozenset[int]
    mention: frozenset[int]


def phrase_sets(index: PersistedIndex, item: QueryItem) -> PhraseSets:
    """The query vector of a phrase and the listings holding its concepts."""
    vector = query_vector(dict(item.terms), index.terms, index.idf)
    focus = tuple(frozenset(index.has_any([FOCUS + c])) for c in item.concepts)
    return PhraseSets(
        vector,
        focus,
        frozenset().union(*focus),
        frozenset(index.has_any(list(item.concepts))),
    )


def phrase_strength(
    item: QueryItem,
    similarity: float,
    focus_hits: int,
    mentioned: bool,
    weights: Weights,
) -> float:
    """Match strength of a phrase with a listing (``text_scores``' rule).

    :param focus_hits: how many of the phrase's concepts are the listing's subject
    """
    certainty = item.certainty
    if focus_hits:
        # One of two concepts as the subject counts three quarters.
        certainty *= (1 + focus_hits / len(item.concepts)) / 2
    return match_strength(
        similarity,
        focus_hits > 0,
        mentioned,
        bool(item.concepts),
        weights,
        certainty=certainty,
    )


def exact_text_scores(
    index: PersistedIndex,
    queries: list[QueryItem],
    sets: list[PhraseSets],
    positions: Iterable[int],
    weights: Weights = WEIGHTS,
) -> dict[str, dict[tuple[str, str], float]]:
    """``text_scores`` for some listings only, found by bisecting the postings.

    Sums the same products in the same order, so the floats are identical.
    """
    positions = list(positions)
    indptr, indices, data = index.indptr, index.indices, index.data
    scores: dict[str, dict[tuple[str, str], float]] = {}
    for item, phrase in zip(queries, sets, strict=True):
        postings = [
            (indptr[column], indptr[column + 1], weight)
            for column, weight in phrase.vector.items()
        ]
        for position in positions:
            similarity = None
            for start, end, weight in postings:
                at = bisect_left(indices, position, start, end)
                if at < end and indices[at] == position:
                    similarity = (similarity or 0.0) + weight * data[at]
            if similarity is None:
                continue
            hits = sum(position in concept for concept in phrase.focus)
            strength = phrase_strength(
                item, similarity, hits, position in phrase.mention, weights
            )
            if strength > 0:
                listing_id = index.listing_ids[position]
                scores.setdefault(listing_id, {})[(item.kind, item.text)] = strength
    return scores


__all__ = ["PhraseSets", "exact_text_scores", "phrase_sets", "phrase_strength"]
