"""Fit the recommender's index while ``cle import`` fills an empty catalog.

The refit after a load (:func:`recommender.index_store.rebuild`) reads every
active listing back from the catalog and tokenizes it. A first load has just
had each of those listings in hand, so it counts their terms as it goes
(:class:`ListingCounts`, a :class:`catalog.load.ChunkCounter`): in the second
process that checks the records of a large file, while this one writes or
rebuilds the catalog's indexes, or here after each chunk is written. When
the load has committed, :class:`FitWhileLoading` checks the counts against
the catalog: the same active listings in id order, each with the content
hash it counted. When anything differs (the catalog held listings before, a
listing moved since, another writer, the other process's counts never
came) it refits from the catalog as :func:`rebuild` does, so the saved index
is the one a refit would save
(``tests/recommender/test_load_fit.py`` compares them byte for byte).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
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
    """The term counts and listing facts of the listings a load stored, by id.

    Counts made in two processes (some chunks each) are added together with
    :meth:`adopt`; a listing stored in several chunks keeps its last one.
    """

    def __init__(self):
        # The vocabulary loads at the first count, or in a thread (:meth:`warm`):
        # made early in both processes, these counts must not hold them up
        # (0.36 s, which the checking process spent before its first chunk).
        self._loading = threading.Lock()
        self.vocabulary = None
        self._tokenize = None
        self._facts = ListingFacts()
        self.terms = TermCounts()
        #: listing id -> (chunk, content hash, start, end of its counts, its
        #: facts), or (chunk,) when that chunk withdrew it
        self.listings: dict[str, tuple] = {}
        self._keys: dict[tuple, tuple] = {}  # one class key object per class
        self._theirs: list[Callable[[], tuple | None]] = []
        self._weighing: threading.Thread | None = None
        self._weighed: tuple | BaseException | None = None

    def stored(
        self, records: Sequence[dict], hashes: Sequence[str], number: int
    ) -> None:
        """Count stored chunk ``number`` (``hashes`` in the order of ``records``)."""
        self.warm()
        for record, digest in zip(records, hashes, strict=True):
            if (record.get("status") or "active") != "active":
                self.listings[record["id"]] = (number,)
                continue
            start, end = self.terms.add(self._tokenize(record))
            key, *rest = self._facts.facts(record)
            facts = (self._keys.setdefault(key, key), *rest)
            self.listings[record["id"]] = (number, digest, start, end, facts)

    def warm(self) -> None:
        """Load the vocabulary now (then return at once; waits for a thread
        that is loading it)."""
        with self._loading:
            if self._tokenize is None:
                self.vocabulary = load_vocabulary()
                self._tokenize = ListingTokenizer(self.vocabulary)

    def state(self) -> tuple:
        """What was counted, as plain values (marshalled by the checking process)."""
        counts = self.terms
        return (
            counts.numbers,
            counts.terms.tobytes(),
            counts.counts.tobytes(),
            self.listings,
        )

    def adopt(self, fetch: Callable[[], tuple | None]) -> None:
        """Take what another process counts: ``fetch()`` gives its
        :meth:`state` (or None if it stopped), asked for when weighing."""
        self._theirs.append(fetch)

    def _add(self, state: tuple) -> None:
        """Add another process's counts (its :meth:`state`) to these."""
        import numpy as np

        numbers, terms, counts, listings = state
        known = self.terms.numbers
        theirs = sorted(numbers, key=numbers.__getitem__)
        renumber = np.array(
            [known.setdefault(term, len(known)) for term in theirs], dtype=np.int32
        )
        offset = len(self.terms.terms)
        self.terms.terms.frombytes(renumber[np.frombuffer(terms, np.int32)].tobytes())
        self.terms.counts.frombytes(counts)
        for listing, entry in listings.items():
            if len(entry) > 1:
                chunk, digest, start, end, facts = entry
                entry = (chunk, digest, start + offset, end + offset, facts)
            mine = self.listings.get(listing)
            if mine is None or mine[0] < entry[0]:
                self.listings[listing] = entry

    def all_stored(self) -> None:
        """Weigh the counts in a thread while the load rebuilds its indexes
        (SQLite works without Python's lock: the two overlap)."""
        self._weighing = threading.Thread(target=self._weigh, daemon=True)
        self._weighing.start()

    def _weigh(self) -> None:
        try:
            self._weighed = self._index()
        except BaseException as exc:  # raised again by weighed()
            self._weighed = exc

    def weighed(self) -> tuple[list[tuple[str, str]], PersistedIndex] | None:
        """The ``(id, content hash)`` of each active listing in id order, and
        the index of those listings (weighed when :meth:`all_stored` was told);
        None when another process's counts never came."""
        if self._weighing is None:
            self.all_stored()
        self._weighing.join()
        if isinstance(self._weighed, BaseException):
            raise self._weighed
        return self._weighed

    def _index(self) -> tuple[list[tuple[str, str]], PersistedIndex] | None:
        self.warm()
        while self._theirs:
            state = self._theirs.pop(0)()
            if state is None:
                return None
            self._add(state)
        # The catalog orders ids by their UTF-8 bytes: for text without lone
        # surrogates (sanitize removes them) that is Python's order of str.
        active = sorted(i for i, entry in self.listings.items() if len(entry) > 1)
        grouping, spans, expected = ListingFacts(), [], []
        for position, listing in enumerate(active):
            _, digest, start, end, facts = self.listings[listing]
            grouping.place(position, facts)
            spans.append((start, end))
            expected.append((listing, digest))
        index = index_of_counts(
            active, self.terms, spans, grouping.result(), self.vocabulary
        )
        return expected, index


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
        # The vocabulary, and scikit-learn, which weighs the counts at the end,
        # loaded meanwhile: this process mostly waits for the first chunk.
        self._import = threading.Thread(target=self._warm, daemon=True)
        if empty:
            self._import.start()

    def _warm(self) -> None:
        try:
            self.counter.warm()
            import sklearn.feature_extraction.text  # noqa: F401
        except Exception:  # raised again where it is needed, in the command
            pass

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
        weighed = self.counter.weighed()
        if weighed is None:
            return None
        expected, index = weighed
        key = index_key(self.connection)
        if list(active_content_hashes(self.connection)) != expected:
            return None
        if index_key(self.connection) != key:
            return None
        return key, index
