"""Counting terms ourselves gives scikit-learn's TF-IDF arrays, byte for byte."""

from __future__ import annotations

import random

import numpy as np
import pytest

from recommender.model import CourseIndex
from recommender.term_counts import TermCounts, weigh

WORDS = ["deposit", "ethic", "probat", "skill:ediscovery", "area:probate", "é", "a b"]


def documents(seed: int, count: int) -> list[list[str]]:
    chooser = random.Random(seed)
    return [
        [chooser.choice(WORDS) for _ in range(chooser.randrange(0, 12))]
        for _ in range(count)
    ]


def scikit_learn_arrays(docs: list[list[str]]) -> dict:
    return CourseIndex().fit(docs, [str(i) for i in range(len(docs))]).to_arrays()


def assert_same(mine: dict, theirs: dict) -> None:
    assert mine["terms"] == theirs["terms"]
    for name in ("idf", "indptr", "indices", "data", "term_max"):
        assert mine[name].dtype == theirs[name].dtype, name
        assert mine[name].tobytes() == theirs[name].tobytes(), name


@pytest.mark.parametrize("seed", range(8))
def test_weights_equal_scikit_learn(seed):
    docs = documents(seed, 40)
    counts = TermCounts()
    spans = [counts.add(doc) for doc in docs]
    assert any(docs)
    assert_same(weigh(counts, spans), scikit_learn_arrays(docs))


def test_documents_in_another_order_and_some_left_out():
    """The fit of a load counts in file order, repeats and all, then keeps the
    listings the catalog holds, in id order."""
    docs = documents(99, 60)
    counts = TermCounts()
    spans = [counts.add(doc) for doc in docs]
    chosen = [7, 3, 59, 0, 12, 40, 41]
    docs[41] = ["only-in-a-dropped-one"] + docs[41]  # term left behind elsewhere
    spans[41] = counts.add(docs[41])
    chosen.remove(41)
    assert_same(
        weigh(counts, [spans[i] for i in chosen]),
        scikit_learn_arrays([docs[i] for i in chosen]),
    )


def test_no_word_at_all_is_no_index():
    counts = TermCounts()
    spans = [counts.add([]), counts.add([])]
    assert weigh(counts, spans) is None
    with pytest.raises(ValueError):  # what scikit-learn says of it
        scikit_learn_arrays([[], []])


def test_counts_are_kept_compact():
    counts = TermCounts()
    start, end = counts.add(["ethic"] * 500 + ["probat"])
    assert (start, end) == (0, 2)
    assert list(counts.counts) == [500, 1]
    assert np.frombuffer(counts.terms, dtype=np.int32).tolist() == [0, 1]
