"""Persist the fitted TF-IDF index so ``cle recommend`` starts fast.

The fit happens at import/refresh time (:func:`rebuild`). What a query needs
(terms, idf, per-term postings, listing ids and the compiled vocabulary) is
saved beside the catalog in ``<db folder>/model/<db name>/`` and keyed by the
catalog version and listing counts, the scikit-learn version, the vocabulary
file and :data:`FORMAT`. Beside the postings it keeps, per term, the largest
weight, and the listings grouped in classes alike in what the score bounds of
:mod:`recommender.shortlist` read (credit hours, scheduling, price band), so
a query never reads every listing from the catalog. :func:`open_index` loads
it with the standard library only (``array``: importing numpy alone would cost
a fifth of the command), and rebuilds it once when it is stale or missing.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from catalog import paths
from catalog.queries import catalog_fingerprint, iter_active_listings
from recommender.documents import query_vector
from recommender.listing_facts import (  # noqa: F401 (listing_classes: API)
    PRICE_BUCKETS_PER_OCTAVE,
    ListingFacts,
    listing_classes,
)
from recommender.vocabulary import Vocabulary, vocabulary_fingerprint

#: Bump when the saved layout or the document recipe changes.
FORMAT = 16
_MANIFEST = "manifest.json"
_TERMS = "terms.json"
#: Saved arrays: name -> array typecode (float32, int64, int32, float32,
#: float32); ``term_max`` is the largest weight of each term's postings.
_ARRAYS = {"idf": "f", "indptr": "q", "indices": "i", "data": "f", "term_max": "f"}


def model_dir(db_path: Path) -> Path:
    """Where the index of a catalog file lives: ``<folder>/model/<stem>/``."""
    return paths.model_dir(db_path)


def scikit_learn_version() -> str:
    """The installed scikit-learn version, read without importing it.

    ``importlib.metadata`` scans every installed distribution (50 ms here);
    ``sklearn/__init__.py`` states ``__version__`` itself.
    """
    from importlib.util import find_spec

    spec = find_spec("sklearn")
    if spec and spec.origin:
        text = Path(spec.origin).read_text(encoding="utf-8")
        found = re.search(r"^__version__\s*=\s*[\"']([^\"']+)[\"']", text, re.M)
        if found:
            return found.group(1)
    from importlib.metadata import version

    return version("scikit-learn")


def index_key(connection: sqlite3.Connection) -> dict:
    """Everything the saved index depends on; a different key means stale."""
    return {
        "format": FORMAT,
        "scikit_learn": scikit_learn_version(),
        "vocabulary": vocabulary_fingerprint(),
        **catalog_fingerprint(connection),
    }


@dataclass
class PersistedIndex:
    """A loaded index: scores weighted queries against every active listing.

    ``indptr``/``indices``/``data`` are the TF-IDF matrix by term (CSC): the
    listings (positions) holding term ``t`` are ``indices[indptr[t]:indptr[t+1]]``;
    ``classes``/``class_members`` group the listings (:func:`listing_classes`).
    """

    listing_ids: list[str]
    terms: dict[str, int]
    idf: array
    indptr: array
    indices: array
    data: array
    term_max: array
    vocabulary: Vocabulary
    #: Listing classes (:func:`listing_classes`): their members are
    #: ``class_members[start:end]``.
    classes: list[dict] = field(default_factory=list)
    class_members: array = field(default_factory=lambda: array("i"))
    #: Per listing, what its eligibility reads before any row is: the format
    #: (a position in ``formats``), and for a session the day it starts and
    #: ends (ordinals of :func:`recommender.eligibility.local_day`; 0 when
    #: the listing is not a session).
    formats: list[str | None] = field(default_factory=list)
    format_codes: array = field(default_factory=lambda: array("B"))
    start_days: array = field(default_factory=lambda: array("i"))
    end_days: array = field(default_factory=lambda: array("i"))
    #: Per-process memo of derived arrays (score bounds); never saved.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def similarities(self, query: dict[str, float]) -> dict[int, float]:
        """Cosine similarity of a weighted query with each listing it touches.

        :return: listing position -> similarity (positions with 0 are left out)
        """
        scores: dict[int, float] = {}
        for column, weight in query_vector(query, self.terms, self.idf).items():
            start, end = self.indptr[column], self.indptr[column + 1]
            for position, value in zip(
                self.indices[start:end], self.data[start:end], strict=True
            ):
                scores[position] = scores.get(position, 0.0) + weight * value
        return scores

    def document_frequency(self, term: str) -> int:
        """How many listings contain a term (0 for a term not in the catalog)."""
        column = self.terms.get(term)
        if column is None:
            return 0
        return self.indptr[column + 1] - self.indptr[column]

    def has_any(self, terms: list[str]) -> set[int]:
        """Positions of the listings that contain at least one of the terms."""
        found: set[int] = set()
        for term in terms:
            column = self.terms.get(term)
            if column is not None:
                found.update(
                    self.indices[self.indptr[column] : self.indptr[column + 1]]
                )
        return found


def fit_index(listings: Iterable[dict], vocabulary: Vocabulary) -> PersistedIndex:
    """Fit TF-IDF on the listings (imports scikit-learn) and return its arrays.

    The listings are read once, as they come: each is turned into its tokens
    and its class and then dropped, so a million listings are never all held.
    """
    from recommender.documents import ListingTokenizer

    tokenize = ListingTokenizer(vocabulary)
    return fit_documents(((item, tokenize(item)) for item in listings), vocabulary)


def fit_documents(
    documents_of: Iterable[tuple[dict, list[str]]], vocabulary: Vocabulary
) -> PersistedIndex:
    """:func:`fit_index` from ``(listing, its tokens)`` pairs, read as they come."""
    from recommender.term_counts import TermCounts

    ids: list[str] = []
    grouping = ListingFacts()
    counts = TermCounts()
    spans = []
    for position, (listing, tokens) in enumerate(documents_of):
        ids.append(listing["id"])
        grouping.add(position, listing)
        spans.append(counts.add(tokens))
    return index_of_counts(ids, counts, spans, grouping.result(), vocabulary)


def index_of_counts(
    ids: list[str], counts, spans: list[tuple[int, int]], grouped: dict, vocabulary
) -> PersistedIndex:
    """The index of listings ``ids`` from their term counts and listing facts.

    :param counts: a :class:`recommender.term_counts.TermCounts` holding the
        span of each listing of ``ids`` (same order) in ``spans``
    :param grouped: :meth:`ListingFacts.result` of the same listings
    """
    from recommender.term_counts import weigh

    fitted = weigh(counts, spans)
    if fitted is None:  # no listing has a word: an index that finds nothing
        empty = {name: array(code) for name, code in _ARRAYS.items()}
        empty["indptr"].append(0)
        return PersistedIndex(ids, {}, **empty, vocabulary=vocabulary, **grouped)
    terms = {term: column for column, term in enumerate(fitted.pop("terms"))}
    parts = {}
    for name, code in _ARRAYS.items():
        parts[name] = array(code)
        parts[name].frombytes(fitted.pop(name).astype(_NUMPY_TYPES[code]).tobytes())
    return PersistedIndex(ids, terms, **parts, vocabulary=vocabulary, **grouped)


#: Saved per-listing arrays beside the postings: the listing positions by
#: class, and the eligibility facts (format code, session start/end days).
_LISTING_ARRAYS = {
    "class_members": "i",
    "format_codes": "B",
    "start_days": "i",
    "end_days": "i",
}
#: array typecode -> numpy dtype name of the same layout.
_NUMPY_TYPES = {"f": "float32", "q": "int64", "i": "int32"}


def save_index(index: PersistedIndex, directory: Path, key: dict) -> None:
    """Write the index files, the manifest last, each by atomic rename."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / _MANIFEST).unlink(missing_ok=True)
    for name in _ARRAYS:
        values = getattr(index, name)
        _atomic_write(directory / f"{name}.bin", values.tofile, binary=True)
    for name in _LISTING_ARRAYS:
        _atomic_write(
            directory / f"{name}.bin", getattr(index, name).tofile, binary=True
        )
    terms = sorted(index.terms, key=index.terms.__getitem__)
    payload = {
        "terms": terms,
        "listing_ids": index.listing_ids,
        "classes": index.classes,
        "formats": index.formats,
        "vocabulary": index.vocabulary.to_json(),
    }
    _atomic_write(directory / _TERMS, lambda h: json.dump(payload, h))
    _atomic_write(directory / _MANIFEST, lambda h: json.dump(key, h, indent=2))


def load_index(directory: Path, key: dict) -> PersistedIndex | None:
    """Load a saved index if its manifest matches ``key``; else None."""
    try:
        with open(directory / _MANIFEST, encoding="utf-8") as handle:
            if json.load(handle) != key:
                return None
        with open(directory / _TERMS, encoding="utf-8") as handle:
            payload = json.load(handle)
        parts = {}
        for name, code in _ARRAYS.items():
            parts[name] = array(code)
            parts[name].frombytes((directory / f"{name}.bin").read_bytes())
        listing_parts = {}
        for name, code in _LISTING_ARRAYS.items():
            listing_parts[name] = array(code)
            listing_parts[name].frombytes((directory / f"{name}.bin").read_bytes())
        classes, formats = payload["classes"], payload["formats"]
    except (OSError, ValueError, KeyError):
        return None
    terms = {term: column for column, term in enumerate(payload["terms"])}
    listings = len(payload["listing_ids"])
    # Format codes are absent (empty) when a catalog had over 255 formats.
    sizes = [
        len(values)
        for name, values in listing_parts.items()
        if formats or name != "format_codes"
    ]
    if not _consistent(parts, len(terms), listings) or set(sizes) != {listings}:
        return None
    return PersistedIndex(
        payload["listing_ids"],
        terms,
        **parts,
        vocabulary=Vocabulary.from_json(payload["vocabulary"]),
        classes=classes,
        formats=formats,
        **listing_parts,
    )


def _consistent(parts: dict[str, array], terms: int, listings: int) -> bool:
    """Sizes agree (a truncated or foreign file is rebuilt, not trusted)."""
    indptr = parts["indptr"]
    return (
        len(parts["idf"]) == len(parts["term_max"]) == terms
        and len(indptr) == terms + 1
        and len(parts["indices"])
        == len(parts["data"])
        == (indptr[-1] if indptr else -1)
        and _last_position(parts["indices"], indptr) < listings
    )


def _last_position(indices: array, indptr: array) -> int:
    """The largest listing position in the postings (-1 when there are none).

    Each term's postings are saved in position order (:meth:`recommender.
    model.CourseIndex.to_arrays` sorts them), so its last one is its largest:
    one read per term, not a pass over every posting (0.14 s of each cold
    ``cle recommend`` at 100,000 listings, ten times that at a million).
    """
    pairs = zip(indptr, indptr[1:], strict=False)
    return max((indices[end - 1] for start, end in pairs if end > start), default=-1)


def rebuild(db) -> Path:
    """Fit and save the index of a catalog; call after every load or refresh.

    :param db: an open ``sqlite_utils.Database`` (or ``sqlite3.Connection``)
    :return: the folder the index was written to
    """
    from recommender.refit_worker import CatalogMoved, active_documents, one_reader
    from recommender.vocabulary import load_vocabulary

    connection = getattr(db, "conn", db)
    path = Path(database_file(connection))
    vocabulary = load_vocabulary()
    try:  # a large catalog is read in two processes
        index = fit_documents(
            active_documents(connection, str(path), vocabulary), vocabulary
        )
    except CatalogMoved:
        index = fit_documents(one_reader(connection, vocabulary), vocabulary)
    directory = model_dir(path)
    save_index(index, directory, index_key(connection))
    return directory


def open_index(
    connection: sqlite3.Connection, db_path: Path
) -> tuple[PersistedIndex, bool]:
    """Load the saved index, or fit and save a new one when it is stale.

    :return: the index and whether it had to be rebuilt
    """
    from recommender.vocabulary import load_vocabulary

    key = index_key(connection)
    directory = model_dir(db_path)
    index = load_index(directory, key)
    if index is not None:
        return index, False
    index = fit_index(iter_active_listings(connection), load_vocabulary())
    try:
        save_index(index, directory, key)
    except OSError:
        pass  # a read-only catalog folder: use the index for this run only
    return index, True


def database_file(connection: sqlite3.Connection) -> str:
    """The file of the catalog a connection has open (refused for :memory:)."""
    for _, name, file in connection.execute("PRAGMA database_list"):
        if name == "main" and file:
            return file
    raise ValueError("the catalog is an in-memory database; save it to a file first")


def _atomic_write(path: Path, write, *, binary: bool = False) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    try:
        with os.fdopen(handle, "wb" if binary else "w") as out:
            write(out)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
