"""Glue between the catalog, the persisted index and the ranking.

:func:`open_listings` reads the active listings and the index (fast path: no
scikit-learn, no sqlite-utils); :func:`recommend` scores a profile against them.
The command line and the benchmarks both go through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from recommender.documents import FOCUS, QueryItem, profile_queries
from recommender.index_store import PersistedIndex, open_index
from recommender.listings import connect_readonly, read_listings, read_rankable
from recommender.rank import Recommendation, match_strength, rank
from recommender.weights import WEIGHTS, Weights


@dataclass
class Catalog:
    """Listings that may be eligible, with the TF-IDF index of the catalog."""

    db_path: Path
    listings: list[dict]
    index: PersistedIndex
    rebuilt: bool

    def add_details(self, picks: list[Recommendation]) -> list[Recommendation]:
        """Give picks their full records (description, tags, presenters)."""
        connection = connect_readonly(self.db_path)
        try:
            full = read_listings(connection, [p.listing["id"] for p in picks])
        finally:
            connection.close()
        for pick in picks:
            pick.listing = full.get(pick.listing["id"], pick.listing)
        return picks


def open_listings(db_path: Path, as_of: date | None = None) -> Catalog:
    """Read the catalog at ``db_path`` and its index (rebuilt once if stale).

    :param as_of: skip sessions that started well before this date (the
        ranking applies the exact rule); None reads every active listing
    :raises sqlite3.DatabaseError: when the file is not a catalog
    """
    since = "0000"
    if as_of is not None:
        day_before = datetime.combine(as_of - timedelta(days=1), time())
        since = day_before.strftime("%Y-%m-%dT%H:%M:%SZ")
    connection = connect_readonly(db_path)
    try:
        index, rebuilt = open_index(connection, Path(db_path))
        listings = read_rankable(connection, since)
    finally:
        connection.close()
    return Catalog(Path(db_path), listings, index, rebuilt)


def text_scores(
    index: PersistedIndex, queries: list[QueryItem], weights: Weights = WEIGHTS
) -> dict[str, dict[tuple[str, str], float]]:
    """Match strength of each profile phrase with each listing (non-zero only)."""
    scores: dict[str, dict[tuple[str, str], float]] = {}
    for item in queries:
        cosine = index.similarities(dict(item.terms))
        # Per listing, how many of the phrase's concepts are its subject:
        # "investigative research" is met better by a course on both.
        focus: dict[int, int] = {}
        for concept in item.concepts:
            for position in index.has_any([FOCUS + concept]):
                focus[position] = focus.get(position, 0) + 1
        mention = index.has_any(list(item.concepts))
        for position, similarity in cosine.items():
            certainty = item.certainty
            if position in focus:
                # One of two concepts as the subject counts three quarters.
                share = focus[position] / len(item.concepts)
                certainty *= (1 + share) / 2
            strength = match_strength(
                similarity,
                position in focus,
                position in mention,
                bool(item.concepts),
                weights,
                certainty=certainty,
            )
            if strength > 0:
                listing_id = index.listing_ids[position]
                scores.setdefault(listing_id, {})[(item.kind, item.text)] = strength
    return scores


def recommend(
    profile,
    statuses,
    catalog: Catalog,
    as_of: date,
    *,
    weights: Weights = WEIGHTS,
    free_only: bool = False,
    before: date | None = None,
) -> tuple[list[Recommendation], list[QueryItem]]:
    """Rank the catalog for a profile; return the picks and the query items."""
    queries = profile_queries(
        profile,
        catalog.index.vocabulary,
        catalog.index.terms,
        catalog.index.document_frequency,
    )
    scores = text_scores(catalog.index, queries, weights)
    picks = rank(
        profile,
        statuses,
        catalog.listings,
        scores,
        as_of,
        weights=weights,
        free_only=free_only,
        before=before,
    )
    return picks, queries


__all__ = ["Catalog", "open_listings", "recommend", "text_scores"]
