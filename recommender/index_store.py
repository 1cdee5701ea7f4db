"""Persist the fitted TF-IDF index so ``cle recommend`` starts fast.

The fit happens at import/refresh time (:func:`rebuild`). What a query needs
(terms, idf, per-term postings, listing ids and the compiled vocabulary) is
saved beside the catalog in ``<db folder>/model/<db name>/`` and keyed by the
catalog version and listing counts, the scikit-learn version, the vocabulary
file and :data:`FORMAT`. :func:`open_index` loads it with numpy only, and
rebuilds it once when it is stale or missing.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from recommender.documents import FOCUS, query_vector
from recommender.listings import catalog_fingerprint, read_active_listings
from recommender.vocabulary import Vocabulary, vocabulary_fingerprint

#: Bump when the saved layout or the document recipe changes.
FORMAT = 8
_MANIFEST = "manifest.json"
_ARRAYS = "postings.npz"
_TERMS = "terms.json"


def model_dir(db_path: Path) -> Path:
    """Where the index of a catalog file lives: ``<folder>/model/<stem>/``."""
    db_path = Path(db_path)
    return db_path.parent / "model" / db_path.stem


def index_key(connection: sqlite3.Connection) -> dict:
    """Everything the saved index depends on; a different key means stale."""
    from importlib.metadata import version

    return {
        "format": FORMAT,
        "scikit_learn": version("scikit-learn"),
        "vocabulary": vocabulary_fingerprint(),
        **catalog_fingerprint(connection),
    }


@dataclass
class PersistedIndex:
    """A loaded index: scores weighted queries against every active listing."""

    listing_ids: list[str]
    terms: dict[str, int]
    idf: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    vocabulary: Vocabulary

    def similarities(self, query: dict[str, float]) -> np.ndarray:
        """Cosine similarity of a weighted query with each listing (by position)."""
        scores = np.zeros(len(self.listing_ids), dtype=np.float32)
        for column, weight in query_vector(query, self.terms, self.idf).items():
            start, end = self.indptr[column], self.indptr[column + 1]
            scores[self.indices[start:end]] += weight * self.data[start:end]
        return scores

    def cooccurrence(self, words: list[str], concepts: list[str]) -> dict[str, int]:
        """For each concept: listings about it (title or tags) with one of the words."""
        with_words = self.has_any(words)
        return {
            concept: int((with_words & self.has_any([FOCUS + concept])).sum())
            for concept in concepts
        }

    def has_any(self, terms: list[str]) -> np.ndarray:
        """Which listings contain at least one of the terms (boolean per position)."""
        found = np.zeros(len(self.listing_ids), dtype=bool)
        for term in terms:
            column = self.terms.get(term)
            if column is not None:
                found[self.indices[self.indptr[column] : self.indptr[column + 1]]] = (
                    True
                )
        return found


def fit_index(listings: list[dict], vocabulary: Vocabulary) -> PersistedIndex:
    """Fit TF-IDF on the listings (imports scikit-learn) and return its arrays."""
    from recommender.documents import listing_tokens
    from recommender.model import CourseIndex

    ids = [listing["id"] for listing in listings]
    documents = [listing_tokens(listing, vocabulary) for listing in listings]
    if not any(documents):
        empty = np.zeros(0, dtype=np.float32)
        indptr = np.zeros(1, dtype=np.int64)
        return PersistedIndex(
            ids, {}, empty, indptr, np.zeros(0, np.int32), empty, vocabulary
        )
    arrays = CourseIndex().fit(documents, ids).to_arrays()
    terms = {term: column for column, term in enumerate(arrays["terms"])}
    return PersistedIndex(
        ids,
        terms,
        arrays["idf"],
        arrays["indptr"],
        arrays["indices"],
        arrays["data"],
        vocabulary,
    )


def save_index(index: PersistedIndex, directory: Path, key: dict) -> None:
    """Write the index files, the manifest last, each by atomic rename."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / _MANIFEST).unlink(missing_ok=True)
    _atomic_write(
        directory / _ARRAYS,
        lambda handle: np.savez(
            handle,
            idf=index.idf,
            indptr=index.indptr,
            indices=index.indices,
            data=index.data,
        ),
        binary=True,
    )
    terms = sorted(index.terms, key=index.terms.__getitem__)
    payload = {
        "terms": terms,
        "listing_ids": index.listing_ids,
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
        with np.load(directory / _ARRAYS) as arrays:
            parts = {
                name: arrays[name] for name in ("idf", "indptr", "indices", "data")
            }
    except (OSError, ValueError, KeyError):
        return None
    terms = {term: column for column, term in enumerate(payload["terms"])}
    return PersistedIndex(
        payload["listing_ids"],
        terms,
        parts["idf"],
        parts["indptr"],
        parts["indices"],
        parts["data"],
        Vocabulary.from_json(payload["vocabulary"]),
    )


def rebuild(db) -> Path:
    """Fit and save the index of a catalog; call after every load or refresh.

    :param db: an open ``sqlite_utils.Database`` (or ``sqlite3.Connection``)
    :return: the folder the index was written to
    """
    from recommender.vocabulary import load_vocabulary

    connection = getattr(db, "conn", db)
    path = Path(_database_file(connection))
    index = fit_index(read_active_listings(connection), load_vocabulary())
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
    index = fit_index(read_active_listings(connection), load_vocabulary())
    try:
        save_index(index, directory, key)
    except OSError:
        pass  # a read-only catalog folder: use the index for this run only
    return index, True


def _database_file(connection: sqlite3.Connection) -> str:
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
