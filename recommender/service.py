"""Glue between the catalog, the persisted index and the ranking.

:func:`open_listings` loads the index (fast path: no scikit-learn, no
sqlite-utils); :func:`recommend` scores a profile against the listings. Asked
for a top N, it ranks only the listings whose score bound can reach it
(:mod:`recommender.shortlist`) and reads only those rows; otherwise (``cle
plan``) it reads and ranks every listing. The command line and the benchmarks
both go through here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.queries import (
    connect_readonly,
    read_listings,
    read_rankable,
    read_rankable_ids,
)
from recommender.documents import FOCUS, QueryItem, profile_queries
from recommender.index_store import PersistedIndex, open_index
from recommender.rank import Recommendation, rank
from recommender.shortlist import top_picks
from recommender.textmatch import phrase_strength
from recommender.weights import WEIGHTS, Weights

if TYPE_CHECKING:
    from recommender.tracking.profile import Profile
    from recommender.tracking.status import CredentialStatus


@dataclass
class Catalog:
    """A catalog file with its TF-IDF index; listings are read when needed.

    :param since: ISO instant; sessions that started before it are never read
    """

    db_path: Path
    index: PersistedIndex
    rebuilt: bool
    since: str = "0000"
    _listings: list[dict] | None = field(default=None, repr=False)

    @property
    def listings(self) -> list[dict]:
        """Every listing that may be eligible (read once, on first use)."""
        if self._listings is None:
            connection = connect_readonly(self.db_path)
            try:
                self._listings = read_rankable(connection, self.since)
            finally:
                connection.close()
        return self._listings

    def read_rankable(self, ids: list[str]) -> dict[str, dict]:
        """The ranking records of some listings (as :attr:`listings` has them)."""
        if self._listings is not None:
            wanted = set(ids)
            return {x["id"]: x for x in self._listings if x["id"] in wanted}
        connection = connect_readonly(self.db_path)
        try:
            return read_rankable_ids(connection, ids, self.since)
        finally:
            connection.close()

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
    """Open the catalog at ``db_path`` and load its index (rebuilt once if stale).

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
    finally:
        connection.close()
    return Catalog(Path(db_path), index, rebuilt, since)


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
            strength = phrase_strength(
                item, similarity, focus.get(position, 0), position in mention, weights
            )
            if strength > 0:
                listing_id = index.listing_ids[position]
                scores.setdefault(listing_id, {})[(item.kind, item.text)] = strength
    return scores


def recommend(
    profile: Profile,
    statuses: Sequence[CredentialStatus],
    catalog: Catalog,
    as_of: date,
    *,
    weights: Weights = WEIGHTS,
    free_only: bool = False,
    before: date | None = None,
    top: int | None = None,
) -> tuple[list[Recommendation], list[QueryItem]]:
    """Rank the catalog for a profile; return the picks and the query items.

    :param top: return only the first ``top`` picks, found without scoring
        every listing (the same picks, scores and order as a full ranking);
        None ranks every eligible listing

    Whether each listing counts for each credential comes from the shipped
    acceptance rules (:func:`recommender.counting.acceptance_for`).
    """
    queries = profile_queries(
        profile,
        catalog.index.vocabulary,
        catalog.index.terms,
        catalog.index.document_frequency,
    )
    if top is not None:
        picks = top_picks(
            profile, list(statuses), catalog.index, queries, catalog.read_rankable,
            as_of, top, weights=weights, free_only=free_only, before=before,
        )  # fmt: skip
        if picks is not None:
            return picks, queries
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
    return (picks if top is None else picks[:top]), queries


__all__ = ["Catalog", "open_listings", "recommend", "text_scores"]
