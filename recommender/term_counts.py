"""Count each listing's terms as it comes; weigh the counts with scikit-learn.

Both ways of fitting the index count here: the refit that reads the catalog
(:func:`recommender.index_store.fit_documents`, listings in id order) and the
fit of a first load (:mod:`recommender.load_fit`, listings in the order the
file gives them, put in id order at the end). A listing's counts are kept as
two compact arrays (term numbers and counts, about 8 bytes per distinct term),
so nothing holds the token lists; :func:`weigh` then builds the count matrix
in the order asked for, with terms in sorted order as scikit-learn's
``CountVectorizer`` sorts them, and leaves TF-IDF to ``TfidfTransformer``
(1 + log tf, smoothed idf, unit rows: ``recommender.model.CourseIndex``'s
settings, whose scores the tests hold it to).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence


class TermCounts:
    """The term counts of many documents, each kept as a span of two arrays."""

    def __init__(self):
        #: term -> its number, in the order terms were first seen
        self.numbers: dict[str, int] = {}
        self.terms = array("i")
        self.counts = array("i")

    def add(self, tokens: Iterable[str]) -> tuple[int, int]:
        """Count one document's tokens; return its ``(start, end)`` span."""
        start = len(self.terms)
        counted = Counter(tokens)
        number = self.numbers.setdefault
        numbers = self.numbers
        # setdefault's default is read before the call: a new term gets the
        # next number, a known one keeps its own.
        self.terms.extend([number(term, len(numbers)) for term in counted])
        self.counts.extend(counted.values())
        return start, len(self.terms)


def weigh(counts: TermCounts, spans: Sequence[tuple[int, int]]) -> dict | None:
    """The TF-IDF arrays of the documents whose spans are given, in that order.

    :return: ``terms`` (sorted), ``idf``, the by-term postings ``indptr`` /
        ``indices`` / ``data`` (positions in ``spans`` order, ascending within
        a term), and ``term_max``; None when no document has a term (as
        scikit-learn refuses an empty vocabulary)
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfTransformer

    matrix, terms = _count_matrix(np, counts, spans)
    if matrix is None:
        return None
    weights = TfidfTransformer(
        norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True
    )
    weighted = weights.fit_transform(matrix)
    by_term = weighted.tocsc()
    by_term.sort_indices()
    return {
        "terms": terms,
        "idf": weights.idf_.astype(np.float32),
        "indptr": by_term.indptr.astype(np.int64),
        "indices": by_term.indices.astype(np.int32),
        "data": by_term.data.astype(np.float32),
        "term_max": by_term.max(axis=0).toarray().ravel().astype(np.float32),
    }


def _count_matrix(np, counts: TermCounts, spans: Sequence[tuple[int, int]]):
    """The documents x terms count matrix (float32, terms sorted), and the terms."""
    from scipy.sparse import csr_matrix

    bounds = np.array(spans, dtype=np.int64).reshape(-1, 2)
    used = [term for term, _ in sorted(counts.numbers.items())]
    lengths = bounds[:, 1] - bounds[:, 0]
    indptr = np.zeros(len(bounds) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    if not used or not indptr[-1]:
        return None, []
    # Where each stored entry of each document is, documents in the order asked.
    at = np.repeat(bounds[:, 0] - indptr[:-1], lengths) + np.arange(indptr[-1])
    rank = np.empty(len(used), dtype=np.int32)
    rank[[counts.numbers[term] for term in used]] = np.arange(len(used))
    columns = rank[np.frombuffer(counts.terms, dtype=np.int32)[at]]
    values = np.frombuffer(counts.counts, dtype=np.int32)[at].astype(np.float32)
    matrix = csr_matrix((values, columns, indptr), shape=(len(bounds), len(used)))
    matrix.sort_indices()
    return _without_unused_terms(np, matrix, used)


def _without_unused_terms(np, matrix, used: list[str]):
    """Drop the terms no chosen document holds (a replaced or withdrawn one's)."""
    held = np.diff(matrix.tocsc().indptr) > 0
    if held.all():
        return matrix, used
    kept = np.flatnonzero(held)
    matrix = matrix[:, kept].tocsr()
    matrix.sort_indices()
    return matrix, [used[i] for i in kept]
