"""Fit the recommender's index while ``cle import`` fills an empty catalog.

The refit after a load (:func:`recommender.index_store.rebuild`) reads every
active listing back from the catalog and tokenizes it. A first load has just
had each of those listings in hand, so it counts their terms as it goes
(:class:`ListingCounts`, a :class:`catalog.load.ChunkCounter`): in the second
process that checks the records of a large file, while this one writes, or
here after each chunk is written. When the load has committed,
:class:`FitWhileLoading` checks the counts against the catalog: the same
active listings in id order, each with the content hash it counted. When
anything differs (the catalog held listings before, a listing moved since,
another writer) it refits from the catalog as :func:`rebuild` does, so the
saved index is the one a refit would save
(``tests/recommender/test_load_fit.py`` compares them byte for byte).
"""

from __future__ import annotations

import threading
from array import array
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


class ListingCounts:
    """The term counts and listing facts of the listings a load stored, by id."""

    def __init__(self):
        self.vocabulary = load_vocabulary()
        self._tokenize = ListingTokenizer(self.vocabulary)
        self._facts = ListingFacts()
        self.terms = TermCounts()
        #: listing id -> (content hash, start, end of its counts, its facts)
        self.listings: dict[str, tuple] = {}
        self._keys: dict[tuple, tuple] = {}  # one class key object per class

    def stored(self, records: Sequence[dict], hashes: Sequence[str]) -> None:
        """Count one stored chunk (``hashes`` in the order of ``records``)."""
        for record, digest in zip(records, hashes, strict=True):
            if (record.get("status") or "active") != "active":
                self.listings.pop(record["id"], None)
                continue
            start, end = self.terms.add(self._tokenize(record))
            key, *rest = self._facts.facts(record)
            facts = (self._keys.setdefault(key, key), *rest)
            self.listings[record["id"]] = (digest, start, end, facts)

    def state(self) -> tuple:
        """What was counted, as plain values (pickled by the checking process)."""
        counts = self.terms
        return (
            counts.numbers,
            counts.terms.tobytes(),
            counts.counts.tobytes(),
            self.listings,
        )

    def adopt(self, state: tuple) -> None:
        """Take what another process counted, in place of anything counted here."""
        numbers, terms, counts, self.listings = state
        self.terms = TermCounts()
        self.terms.numbers = numbers
        self.terms.terms, self.terms.counts = array("i"), array("i")
        self.terms.terms.frombytes(terms)
        self.terms.counts.frombytes(counts)


class FitWhileLoading:
    """The index refit of one load, counted as the load stores its listings.

    :param db: the open catalog the load writes (``sqlite_utils.Database``
        or ``sqlite3.Connection``); counting happens only if it holds no
        listing yet, else :meth:`finish` is a plain refit
    :attr counter: what the load is to count with (None: nothing to count)
    """

    def __init__(self, db):
        self.db = db
        self.connection = getattr(db, "conn", db)
        empty = catalog_fingerprint(self.connection)["listings"] == 0
        self.counter = ListingCounts() if empty else None
        # scikit-learn weighs the counts at the end: imported meanwhile, while
        # this process mostly waits for the first checked chunk.
        self._import = threading.Thread(target=_import_scikit_learn, daemon=True)
        if empty:
            self._import.start()

    def finish(self) -> Path:
        """Save the index of the committed catalog; return its folder."""
        if self._import.is_alive():
            self._import.join()
        found = self._counted_index() if self.counter is not None else None
        if found is None:
            return rebuild(self.db)
        key, index = found
        directory = model_dir(Path(database_file(self.connection)))
        save_index(index, directory, key)
        return directory

    def _counted_index(self) -> tuple[dict, PersistedIndex] | None:
        """The index from the counts, with its key; None unless the catalog's
        active listings are exactly the ones counted, with the same content."""
        counted = self.counter
        key = index_key(self.connection)
        ids, spans = [], []
        grouping = ListingFacts()
        for listing, digest in active_content_hashes(self.connection):
            found = counted.listings.get(listing)
            if found is None or found[0] != digest:
                return None
            grouping.place(len(ids), found[3])
            ids.append(listing)
            spans.append(found[1:3])
        if len(ids) != len(counted.listings) or index_key(self.connection) != key:
            return None
        index = index_of_counts(
            ids, counted.terms, spans, grouping.result(), counted.vocabulary
        )
        return key, index


def _import_scikit_learn() -> None:
    import sklearn.feature_extraction.text  # noqa: F401
