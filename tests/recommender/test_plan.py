"""``plan``: lowest-cost cover checked against brute force; uncovered needs said."""

from __future__ import annotations

import itertools
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.cover import Candidate, covers, irredundant, solve
from recommender.needs import Need, needs_from_statuses
from recommender.plan import plan
from recommender.rank import rank
from tests.recommender.helpers import Person, Status, fills, listing, stated

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
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses))
    result = plan(picks, needs_from_statuses(statuses, fills))
    chosen = sorted(c.key for c in result.picks)
    # California ethics (2.0 by Dec 31) needs A ($30): B alone is 1.0 and the
    # late session ends after that deadline. A also covers NALA's ethics, once.
    # California's total takes every other course it can count (B, General).
    assert chosen == ["prov:course-1", "prov:course-2", "prov:course-3"]
    assert result.total_cost == 30.0
    assert result.uncovered == [
        "only 1.0 of the 3.0 general or specialized hours California (ca) needs "
        "before 2026-12-31 are in courses that count for it; the plan takes all "
        "of them",
        "only 4.0 of the 5.0 hours California (ca) needs before 2026-12-31 are in "
        "courses that count for it; the plan takes all of them",
    ]


def test_plan_does_not_buy_everything_toward_a_far_deadline_it_cannot_meet():
    records = [
        listing(n, price_usd=20 * n, credits=[{"category": "general", "hours": 1.0}])
        for n in range(1, 4)
    ]
    statuses = [Status("nala", {"total": 50.0}, date(2028, 6, 30), "NALA")]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses))
    needs = needs_from_statuses(statuses, fills)
    far = plan(picks, needs, AS_OF, horizon_months=None)
    assert far.picks == [] and far.total_cost == 0
    assert far.uncovered == [
        "only 3.0 of the 50.0 hours NALA (nala) needs before 2028-06-30 are in "
        "courses that count for it; more will be listed before then (this plan "
        "takes none yet)"
    ]
    near = plan(picks, needs, date(2028, 5, 1))
    assert len(near.picks) == 3


def test_plan_says_plainly_when_no_course_can_cover_a_need():
    records = [listing(1, credits=[{"category": "general", "hours": 1.0}])]
    needs = [
        Need("ca-bpc-6450", "California", "ethics", frozenset({"ethics"}), 2.0,
             DEADLINE),
    ]  # fmt: skip
    picks = rank(Person(), [], records, {}, AS_OF, **stated([]))
    result = plan(picks, needs)
    assert result.picks == []
    assert result.uncovered == [
        "no ethics course that counts for California (ca-bpc-6450) before "
        "2026-12-31 is in the catalog"
    ]


def _ethics(number: int, price: float, hours: float = 1.0, **fields) -> dict:
    credits = [{"category": "ethics", "hours": hours}]
    return listing(
        number, title=f"Ethics {number}", price_usd=price, credits=credits, **fields
    )


def test_only_counting_hours_fill_a_need_and_the_rest_is_uncovered_by_name():
    records = [_ethics(1, 0), _ethics(2, 0), _ethics(3, 40)]
    statuses = [
        Status("ca", {"ethics": 2.0, "total": 2.0}, DEADLINE, "California MCLE"),
        Status("nala", {"ethics": 1.0, "total": 1.0}, DEADLINE, "NALA CP"),
    ]
    rulings = {
        ("prov:course-1", "ca"): "counts_if_approved",
        ("prov:course-2", "ca"): "does_not_count",
    }
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses, rulings))
    result = plan(picks, needs_from_statuses(statuses, fills), AS_OF)
    # The free courses count for NALA only: one of them covers NALA; California
    # gets the one paid course that counts for it, and the rest is uncovered.
    keys = sorted(c.key for c in result.picks)
    assert "prov:course-3" in keys
    for course in result.courses:
        for allocation in course.fills:
            verdict = {v.credential: v.verdict for v in course.candidate.pick.verdicts}
            assert verdict[allocation.need.credential] == "counts"
    ca = [m for m in result.uncovered if "California MCLE (ca)" in m]
    assert ca and "only 1.0 of the 2.0 ethics hours" in ca[0]
    assert "1.0 more in courses that count only once approved" in ca[0]
    assert result.total_cost == 40.0


def test_each_unit_is_allocated_once_per_requirement():
    records = [_ethics(n, 10 * n, starts_at=f"2026-12-0{n}T12:00:00Z",
                       format="live_webinar") for n in (1, 2, 3)]  # fmt: skip
    statuses = [Status("ca", {"ethics": 2.5, "total": 2.5}, DEADLINE, "California")]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses))
    result = plan(picks, needs_from_statuses(statuses, fills), AS_OF)
    assert [c.key for c in result.picks] == [r["id"] for r in records]
    given = {}
    for course in result.courses:
        assert course.fills, "every planned course fills some need"
        for allocation in course.fills:
            key = allocation.need.key
            given[key] = given.get(key, 0.0) + allocation.hours
    assert given == {"ethics": 2.5, "total": 2.5}
    assert [a.hours for a in result.courses[-1].fills] == [0.5, 0.5]


def test_needs_after_the_horizon_are_listed_apart_not_bought():
    records = [listing(n, price_usd=20, credits=[{"category": "general", "hours": 2.0}])
               for n in (1, 2)]  # fmt: skip
    statuses = [
        Status("ca", {"total": 2.0}, DEADLINE, "California"),
        Status("nala", {"total": 4.0}, date(2028, 3, 31), "NALA"),
    ]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses))
    needs = needs_from_statuses(statuses, fills)
    soon = plan(picks, needs, AS_OF)
    assert [n.credential for n in soon.needs] == ["ca"]
    assert [(x.need.credential, x.available) for x in soon.later] == [("nala", 4.0)]
    assert len(soon.picks) == 1 and soon.uncovered == []
    assert soon.horizon_end == date(2027, 11, 27)
    wide = plan(picks, needs, AS_OF, horizon_months=24)
    assert wide.later == [] and len(wide.picks) == 2


def test_courses_are_grouped_under_the_first_deadline_they_fill():
    records = [
        _ethics(1, 0, format="live_webinar", starts_at="2026-12-10T12:00:00Z"),
        listing(2, price_usd=5, credits=[{"category": "general", "hours": 3.0}]),
    ]
    statuses = [
        Status("ca", {"ethics": 1.0, "total": 1.0}, DEADLINE, "California"),
        Status("nala", {"total": 4.0}, date(2027, 6, 30), "NALA"),
    ]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses))
    result = plan(picks, needs_from_statuses(statuses, fills), AS_OF)
    groups = [(day, [c.candidate.key for c in group]) for day, group in result.groups()]
    assert groups == [
        (DEADLINE, ["prov:course-1"]),
        (date(2027, 6, 30), ["prov:course-2"]),
    ]


def test_a_requirement_not_established_is_uncovered_by_name_never_zero():
    from recommender.needs import unknown_needs

    statuses = [
        Status("ut-lpp", {"ethics": None, "total": 0.0}, date(2027, 6, 30),
               "Utah LPP", done=None),
        Status("far", {"ethics": None, "total": 0.0}, date(2029, 6, 30), "Far",
               done=None),
    ]  # fmt: skip
    needs = needs_from_statuses(statuses, fills)
    assert needs == []  # nothing with a number to plan toward
    result = plan([], needs, AS_OF, unknown=unknown_needs(statuses))
    assert result.picks == []
    assert result.uncovered == [
        "the ethics hours Utah LPP (ut-lpp) needs are not established, so no plan "
        "can cover them; ask the issuer"
    ]


VERDICTS = ("counts", "counts", "counts_if_approved", "does_not_count", "unknown")


@st.composite
def ruled_catalogs(draw):
    """Up to 8 courses with random hours and a random verdict per credential."""
    records, rulings = [], {}
    for number in range(draw(st.integers(1, 8))):
        credits = [
            {"category": category, "hours": float(draw(st.integers(0, 3)))}
            for category in ("ethics", "general")
        ]
        start = draw(st.one_of(st.none(), st.integers(1, 500)))
        fields = {"price_usd": float(draw(st.sampled_from((0, 10, 40))))}
        if start is not None:
            day = date.fromordinal(AS_OF.toordinal() + start).isoformat()
            fields |= {"format": "live_webinar", "starts_at": f"{day}T12:00:00Z"}
        records.append(listing(number, credits=credits, **fields))
        for credential in ("ca", "nala"):
            rulings[(f"prov:course-{number}", credential)] = draw(
                st.sampled_from(VERDICTS)
            )
    return records, rulings


@settings(max_examples=150, deadline=None)
@given(ruled_catalogs(), st.integers(1, 24))
def test_a_plan_fills_needs_only_with_counting_units_each_once(problem, horizon):
    records, rulings = problem
    statuses = [
        Status("ca", {"ethics": 2.0, "total": 4.0}, DEADLINE, "California"),
        Status("nala", {"ethics": 1.0, "total": 5.0}, date(2028, 3, 31), "NALA"),
    ]
    picks = rank(Person(), statuses, records, {}, AS_OF, **stated(statuses, rulings))
    needs = needs_from_statuses(statuses, fills)
    result = plan(picks, needs, AS_OF, horizon_months=horizon)
    given: dict = {}
    for course in result.courses:
        assert course.fills
        verdicts = {v.credential: v.verdict for v in course.candidate.pick.verdicts}
        for allocation in course.fills:
            assert verdicts[allocation.need.credential] == "counts"
            assert allocation.need in result.needs  # due within the horizon
            given[allocation.need] = given.get(allocation.need, 0) + allocation.hours
    assert all(hours <= need.hours + 1e-9 for need, hours in given.items())
    later = {x.need for x in result.later}
    assert later | set(result.needs) == set(needs) and not later & set(result.needs)
