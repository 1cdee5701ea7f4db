"""The benchmark's nDCG@10: perfect order scores 1, repeats of a course count once."""

from __future__ import annotations

import pytest

from bench.evaluate import ndcg


def test_ideal_order_scores_one_and_reversed_scores_less():
    grades = {"a": 3.0, "b": 2.0, "c": 1.0}
    assert ndcg(["a", "b", "c"], grades, {}) == pytest.approx(1.0)
    assert ndcg(["c", "b", "a"], grades, {}) < 1.0
    assert ndcg(["x", "y"], grades, {}) == 0.0


def test_a_second_offering_of_the_same_course_adds_nothing():
    grades = {"a1": 3.0, "a2": 3.0, "b": 2.0}
    course_of = {"a1": "a", "a2": "a"}
    assert ndcg(["a1", "b"], grades, course_of) == pytest.approx(1.0)
    assert ndcg(["a1", "a2", "b"], grades, course_of) < 1.0
