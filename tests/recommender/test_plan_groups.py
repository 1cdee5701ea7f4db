"""`cle plan` groups its courses by the deadline each is first needed for."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from recommender.cli import _by_first_deadline
from recommender.needs import Need

SOON, LATER = date(2026, 12, 31), date(2028, 3, 31)
CA_ETHICS = Need(
    "ca-bpc-6450", "California", "ethics", frozenset({"ethics"}), 2.0, SOON
)
NALA_TOTAL = Need(
    "nala-cp",
    "NALA",
    "total",
    frozenset({"ethics", "general", "specialized"}),
    5.0,
    LATER,
)


def row(name, price, **fills):
    pick = SimpleNamespace(name=name, price=price, fills=list(fills.values()))
    return (pick, [])


def names(groups):
    return {deadline: [p.name for p, _ in rows] for deadline, rows in groups}


def test_only_the_courses_the_first_deadline_needs_are_grouped_under_it():
    rows = [
        row("ethics-a", 0, ca=(CA_ETHICS, 1.0), nala=(NALA_TOTAL, 1.0)),
        row("general", 30, nala=(NALA_TOTAL, 3.0)),
        row("ethics-b", 20, ca=(CA_ETHICS, 1.0), nala=(NALA_TOTAL, 1.0)),
        row("ethics-c", 25, ca=(CA_ETHICS, 0.5), nala=(NALA_TOTAL, 1.0)),
    ]
    groups = _by_first_deadline(rows, [CA_ETHICS, NALA_TOTAL])
    assert [deadline for deadline, _ in groups] == [SOON, LATER]
    assert names(groups) == {
        SOON: ["ethics-a", "ethics-b"],
        LATER: ["general", "ethics-c"],
    }


def test_a_course_that_counts_toward_no_dated_need_comes_last():
    undated = Need("x", "X", "total", frozenset({"general"}), 1.0, None)
    rows = [
        row("free-any-time", 0, x=(undated, 1.0)),
        row("ethics", 10, ca=(CA_ETHICS, 2.0)),
    ]
    groups = _by_first_deadline(rows, [CA_ETHICS, undated])
    assert names(groups) == {SOON: ["ethics"], None: ["free-any-time"]}
    assert groups[-1][0] is None
