"""TF-IDF model of the catalog, following scikit-learn conventions.

:class:`CourseIndex` is fitted on tokenized listing documents
(:mod:`recommender.documents`) with scikit-learn's ``TfidfVectorizer``
and exports what a query needs as plain arrays (:meth:`CourseIndex.to_arrays`),
so ``cle recommend`` can score without importing scikit-learn.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from recommender.documents import query_vector


def _pretokenized(document: list[str]) -> list[str]:
    """Analyzer for documents that are already token lists."""
    return document


class CourseIndex(BaseEstimator):
    """A TF-IDF index over listing documents (one row per listing).

    :param sublinear_tf: damp repeated words with 1 + log(tf)
    :param min_df: ignore tokens in fewer documents than this
    """

    def __init__(self, sublinear_tf: bool = True, min_df: int = 1):
        self.sublinear_tf = sublinear_tf
        self.min_df = min_df

    def fit(self, documents: list[list[str]], listing_ids: list[str]):
        """Learn the vocabulary and idf, and keep the normalized document matrix.

        :param documents: one token list per listing
        :param listing_ids: the listing id of each document, same order
        :return: self
        """
        self.vectorizer_ = TfidfVectorizer(
            analyzer=_pretokenized,
            sublinear_tf=self.sublinear_tf,
            min_df=self.min_df,
            norm="l2",
            dtype=np.float32,
        )
        self.matrix_ = self.vectorizer_.fit_transform(documents)
        self.listing_ids_ = list(listing_ids)
        return self

    def similarities(self, terms: dict[str, float]) -> np.ndarray:
        """Cosine similarity of a weighted query with every listing (1 x N)."""
        check_is_fitted(self, "matrix_")
        vector = query_vector(
            terms, self.vectorizer_.vocabulary_, self.vectorizer_.idf_
        )
        if not vector:
            return np.zeros(len(self.listing_ids_), dtype=np.float32)
        columns = list(vector)
        weights = np.array([vector[c] for c in columns], dtype=np.float32)
        return np.asarray(self.matrix_[:, columns] @ weights).ravel()

    def to_arrays(self) -> dict:
        """The fitted index as arrays: terms, idf, per-term postings (CSC), maxima."""
        check_is_fitted(self, "matrix_")
        terms = self.vectorizer_.get_feature_names_out().tolist()
        by_term = self.matrix_.tocsc()
        by_term.sort_indices()
        return {
            "terms": terms,
            "idf": self.vectorizer_.idf_.astype(np.float32),
            "indptr": by_term.indptr.astype(np.int64),
            "indices": by_term.indices.astype(np.int32),
            "data": by_term.data.astype(np.float32),
            "term_max": by_term.max(axis=0).toarray().ravel().astype(np.float32),
        }
