"""``plan``: lowest-cost cover checked against brute force; uncovered needs said."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.needs import Need, needs_from_statuses
from recommender.plan import Candidate, covers, irredundant, plan, solve
from recommender.rank import rank
from tests.recommender.helpers import Person, Status, fills, listing

AS_OF = date(2026, 11, 27)
DEADLINE = date(2026, 12, 31)


def brute_force(candidates, targets):
    """Best (cost, -relevance) over every irredundant cover, by enumeration."""
    best = None
    for size in range(len(candidates) + 1):
        for chosen in itertools.combinations(candidates, size):
            chosen = list(chosen)
            if not covers(chosen, targets) or not irredundant(chosen, targets):
                continue
            key = (round(sum(c.cost for c in chosen), 6),
                   -round(sum(c.relevance for c in chosen), 6))  # fmt: skip
            if best is None or key < best:
                best = key
    return best


@st.composite
def problems(draw):
    """2-3 need dimensions and up to 9 candidates with small integer hours."""
    dims = draw(st.integers(1, 3))
    targets = tuple(float(draw(st.integers(0, 4))) for _ in range(dims))
    candidates = [
        Candidate(
            key=f"c{n}",
            cost=float(draw(st.sampled_from((0, 0, 10, 25, 40)))),
            relevance=draw(st.sampled_from((0.0, 0.3, 0.6, 0.9))),
            hours=tuple(float(draw(st.integers(0, 3))) for _ in range(dims)),
        )
        for n in range(draw(st.integers(0, 9)))
    ]
    return candidates, targets


@settings(max_examples=200, deadline=None)
@given(problems())
def test_solve_matches_brute_force(problem):
    candidates, targets = problem
    chosen, complete = solve(candidates, targets)
    assert complete
    expected = brute_force(candidates, targets)
    if expected is None:
        assert chosen == []
        return
    assert covers(chosen, targets)
    assert irredundant(chosen, targets)
    got = (round(sum(c.cost for c in chosen), 6),
           -round(sum(c.relevance for c in chosen), 6))  # fmt: skip
    assert got == expected


def test_plan_takes_a_course_once_for_two_credentials_and_says_what_is_missing():
    records = [
        listing(1, title="Ethics A", price_usd=30,
                credits=[{"category": "ethics", "hours": 2.0}]),
        listing(2, title="Ethics B", price_usd=0,
                credits=[{"category": "ethics", "hours": 1.0}]),
        listing(3, title="General", price_usd=0,
                credits=[{"category": "general", "hours": 1.0}]),
        listing(4, title="Late ethics", price_usd=0, format="live_webinar",
                starts_at="2027-03-01T12:00:00Z",
                credits=[{"category": "ethics", "hours": 3.0}]),
    ]  # fmt: skip
    statuses = [
        Status("ca", {"ethics": 2.0, "general_or_specialized": 3.0, "total": 5.0},
               DEADLINE, "California"),
        Status("nala", {"ethics": 2.0, "total": 2.0}, date(2028, 6, 30), "NALA"),
    ]  # fmt: skip
    picks = rank(Person(), statuses, records, {}, AS_OF, fills=fills)
    result = plan(picks, needs_from_statuses(statuses, fills))
    chosen = sorted(c.key for c in result.picks)
    # California ethics (2.0 by Dec 31) needs A ($30): B alone is 1.0 and the
    # late session ends after that deadline. A also covers NALA's ethics, once.
    # California's total takes every other course it can count (B, General).
    assert chosen == ["prov:course-1", "prov:course-2", "prov:course-3"]
    assert result.total_cost == 30.0
    assert result.uncovered == [
        "only 1.0 of the 3.0 general or specialized hours ca needs before "
        "2026-12-31 are in the catalog; the plan takes all of them",
        "only 4.0 of the 5.0 hours ca needs before 2026-12-31 are in the "
        "catalog; the plan takes all of them",
    ]


def test_plan_does_not_buy_everything_toward_a_far_deadline_it_cannot_meet():
    records = [
        listing(n, price_usd=20 * n, credits=[{"category": "general", "hours": 1.0}])
        for n in range(1, 4)
    ]
    statuses = [Status("nala", {"total": 50.0}, date(2028, 6, 30), "NALA")]
    picks = rank(Person(), statuses, records, {}, AS_OF, fills=fills)
    needs = needs_from_statuses(statuses, fills)
    far = plan(picks, needs, AS_OF)
    assert far.picks == [] and far.total_cost == 0
    assert far.uncovered == [
        "only 3.0 of the 50.0 hours nala needs before 2028-06-30 are in the "
        "catalog; more will be listed before then (this plan gives 0.0)"
    ]
    near = plan(picks, needs, date(2028, 5, 1))
    assert len(near.picks) == 3


def test_plan_says_plainly_when_no_course_can_cover_a_need():
    records = [listing(1, credits=[{"category": "general", "hours": 1.0}])]
    needs = [
        Need("ca-bpc-6450", "California", "ethics", frozenset({"ethics"}), 2.0,
             DEADLINE),
    ]  # fmt: skip
    picks = rank(Person(), [], records, {}, AS_OF, fills=fills)
    result = plan(picks, needs)
    assert result.picks == []
    assert result.uncovered == [
        "no ethics course before 2026-12-31 in the catalog (ca-bpc-6450)"
    ]
