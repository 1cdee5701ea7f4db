"""Fit the recommender's index while ``cle import`` fills an empty catalog.

The refit after a load (:func:`recommender.index_store.rebuild`) reads every
active listing back from the catalog and tokenizes it. A first load has just
had each of those listings in hand, so :class:`FitWhileLoading` is given each
chunk the load stored (the records and the content hashes the store wrote)
and counts its terms then. When the load has committed it checks itself
against the catalog: the same active listings in id order, each with the
content hash it counted. When anything differs (the catalog held listings
before, a listing moved since, another writer) it refits from the catalog as
:func:`rebuild` does, so the saved index is the one a refit would save
(``tests/recommender/test_load_fit.py`` compares them byte for byte).

The counting runs in a thread of its own: the load's process spends much of
a first load waiting for the process that checks the records and inside
SQLite, both of which let another thread run, so the counting mostly fills
that time rather than adding to it. The thread also imports scikit-learn
while the first chunk is checked.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Sequence
from pathlib import Path

from catalog.queries import active_content_hashes, catalog_fingerprint
from recommender.documents import ListingTokenizer
from recommender.index_store import (
    PersistedIndex,
    database_file,
    index_key,
    index_of_counts,
    model_dir,
    rebuild,
    save_index,
)
from recommender.listing_facts import ListingFacts
from recommender.term_counts import TermCounts
from recommender.vocabulary import load_vocabulary

#: Stored chunks waiting to be counted (the load waits beyond that: a bound
#: on the memory the records hold).
CHUNKS_WAITING = 2


class FitWhileLoading:
    """The index refit of one load, counted as the load stores its listings.

    :param db: the open catalog the load writes (``sqlite_utils.Database``
        or ``sqlite3.Connection``); counting happens only if it holds no
        listing yet, else :meth:`finish` is a plain refit
    """

    def __init__(self, db):
        self.db = db
        self.connection = getattr(db, "conn", db)
        self.counting = catalog_fingerprint(self.connection)["listings"] == 0
        self.vocabulary = load_vocabulary() if self.counting else None
        self._tokenize = ListingTokenizer(self.vocabulary) if self.counting else None
        self._counts = TermCounts()
        self._facts = ListingFacts()
        #: listing id -> (content hash, start, end of its counts, its facts)
        self._listings: dict[str, tuple] = {}
        self._chunks: queue.Queue = queue.Queue(maxsize=CHUNKS_WAITING)
        self._failure: BaseException | None = None
        self._thread = None
        if self.counting:
            self._thread = threading.Thread(
                target=self._count_chunks, name="cle-index-fit", daemon=True
            )
            self._thread.start()

    def stored(self, records: Sequence[dict], hashes: Sequence[str]) -> None:
        """Hand one stored chunk to the counting thread (``hashes`` in order)."""
        if self._thread is not None:
            self._chunks.put((records, hashes))

    def close(self) -> None:
        """Stop the counting thread (after :meth:`finish`, or when the load failed)."""
        if self._thread is not None:
            self._chunks.put(None)
            self._thread.join()
            self._thread = None

    def _count_chunks(self) -> None:
        try:
            import sklearn.feature_extraction.text  # noqa: F401 (while loading)

            while (chunk := self._chunks.get()) is not None:
                self._count(*chunk)
        except BaseException as exc:  # given to finish(); the queue is drained
            self._failure = exc
            while self._chunks.get() is not None:
                pass

    def _count(self, records: Sequence[dict], hashes: Sequence[str]) -> None:
        for record, digest in zip(records, hashes, strict=True):
            if (record.get("status") or "active") != "active":
                self._listings.pop(record["id"], None)
                continue
            start, end = self._counts.add(self._tokenize(record))
            facts = self._facts.facts(record)
            self._listings[record["id"]] = (digest, start, end, facts)

    def finish(self) -> Path:
        """Save the index of the committed catalog; return its folder."""
        self.close()
        if self._failure is not None:
            raise self._failure
        index = self._counted_index() if self.counting else None
        if index is None:
            return rebuild(self.db)
        key, index = index
        directory = model_dir(Path(database_file(self.connection)))
        save_index(index, directory, key)
        return directory

    def _counted_index(self) -> tuple[dict, PersistedIndex] | None:
        """The index from the counts, with its key; None unless the catalog's
        active listings are exactly the ones counted, with the same content."""
        key = index_key(self.connection)
        ids, spans = [], []
        grouping = ListingFacts()
        for listing, digest in active_content_hashes(self.connection):
            counted = self._listings.get(listing)
            if counted is None or counted[0] != digest:
                return None
            grouping.place(len(ids), counted[3])
            ids.append(listing)
            spans.append(counted[1:3])
        if len(ids) != len(self._listings) or index_key(self.connection) != key:
            return None
        grouped = grouping.result()
        return key, index_of_counts(ids, self._counts, spans, grouped, self.vocabulary)
