"""Ranking: eligibility properties on random catalogs, and the ordering rules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from recommender.rank import effective_price, ineligibility, rank
from tests.recommender.helpers import Entry, Person, Status, listing, stated

AS_OF = date(2026, 11, 27)
DEADLINE = date(2026, 12, 31)
FORMATS = ("live_webinar", "on_demand", "in_person", "hybrid", "self_study")
STATUSES = ("active", "active", "withdrawn", "cancelled")
CATEGORIES = ("ethics", "general", "specialized")


@st.composite
def catalogs(draw):
    """A random catalog of 1-25 listings around AS_OF."""
    size = draw(st.integers(1, 25))
    records = []
    for number in range(size):
        fmt = draw(st.sampled_from(FORMATS))
        fields = {
            "format": fmt,
            "course_id": f"prov:course-{draw(st.integers(0, size))}",
            "status": draw(st.sampled_from(STATUSES)),
            "price_usd": draw(st.sampled_from((0, 0, 20, 75))),
            "credits": [
                {"category": draw(st.sampled_from(CATEGORIES)),
                 "hours": draw(st.sampled_from((0.5, 1.0, 2.0)))}
            ],
            "title": draw(st.sampled_from(("Ethics update", "E-discovery", "Probate"))),
        }  # fmt: skip
        if fmt not in ("on_demand", "self_study"):
            start = AS_OF + timedelta(days=draw(st.integers(-30, 90)))
            fields["starts_at"] = f"{start.isoformat()}T12:00:00-05:00"
            fields["ends_at"] = f"{start.isoformat()}T13:00:00-05:00"
        records.append(listing(number, **fields))
    return records


@st.composite
def people(draw):
    """A random profile (formats, completed courses) with some credit need."""
    formats = draw(st.one_of(st.none(), st.sets(st.sampled_from(FORMATS), min_size=1)))
    completed = tuple(
        Entry("whatever", f"prov:course-{n}")
        for n in draw(st.sets(st.integers(0, 25), max_size=5))
    )
    person = Person(
        skill_gaps=("e-discovery",),
        formats=tuple(sorted(formats)) if formats else None,
        completed=completed,
        prefer_free=draw(st.booleans()),
    )
    statuses = [Status("ca", {"ethics": 2.0, "total": 3.0}, DEADLINE, "California")]
    return person, statuses


@settings(max_examples=150, deadline=None)
@given(catalogs(), people())
def test_never_recommends_an_ineligible_listing(records, person_and_need):
    person, statuses = person_and_need
    done = {entry.course_id for entry in person.completed}
    picks = rank(person, statuses, records, {}, AS_OF, **stated(statuses))
    for pick in picks:
        item = pick.listing
        assert item["status"] == "active"
        assert person.formats is None or item["format"] in person.formats
        assert item["course_id"] not in done
        if item.get("starts_at"):
            start = date.fromisoformat(item["starts_at"][:10])
            assert AS_OF < start <= DEADLINE
    # Every eligible course is there, once.
    courses = [p.listing["course_id"] for p in picks]
    assert len(courses) == len(set(courses))
    eligible = {
        r["course_id"]
        for r in records
        if ineligibility(r, person, AS_OF, deadline=DEADLINE) is None
    }
    assert set(courses) == eligible


@settings(max_examples=60, deadline=None)
@given(catalogs(), people(), st.randoms(use_true_random=False))
def test_order_is_deterministic_whatever_the_input_order(records, person_need, rnd):
    person, statuses = person_need
    scores = {r["id"]: {("skill_gap", "e-discovery"): 0.5} for r in records[::2]}
    first = rank(person, statuses, records, scores, AS_OF, **stated(statuses))
    shuffled = list(records)
    rnd.shuffle(shuffled)
    second = rank(person, statuses, shuffled, scores, AS_OF, **stated(statuses))
    assert [p.listing["id"] for p in first] == [p.listing["id"] for p in second]
    assert [p.score for p in first] == sorted((p.score for p in first), reverse=True)


def test_free_course_beats_an_identical_paid_one_when_free_is_preferred():
    paid = listing(1, price_usd=40)
    free = listing(2, price_usd=0)
    scores = {r["id"]: {("skill_gap", "e-discovery"): 0.9} for r in (paid, free)}
    person = Person(skill_gaps=("e-discovery",), prefer_free=True)
    picks = rank(person, [], [paid, free], scores, AS_OF, **stated([]))
    assert [p.listing["id"] for p in picks] == [free["id"], paid["id"]]
    assert picks[0].score > picks[1].score


def test_member_price_applies_to_the_providers_members_only():
    item = listing(1, price_usd=75, member_price_usd=0, provider="nals")
    assert effective_price(item, ["nals"]) == (0.0, True)
    assert effective_price(item, ["nala"]) == (75.0, False)
    member = Person(memberships=("nals",))
    public = Person()
    other = listing(2, price_usd=30)
    for person, first in ((member, item["id"]), (public, other["id"])):
        picks = rank(person, [], [item, other], {}, AS_OF, **stated([]))
        assert picks[0].listing["id"] == first


def test_needed_ethics_beats_an_otherwise_identical_general_course():
    ethics = listing(1, credits=[{"category": "ethics", "hours": 1.0}])
    general = listing(2, credits=[{"category": "general", "hours": 1.0}])
    statuses = [
        Status("ca", {"ethics": 2.0, "general_or_specialized": 0.0, "total": 2.0},
               DEADLINE, "California")
    ]  # fmt: skip
    picks = rank(Person(), statuses, [general, ethics], {}, AS_OF, **stated(statuses))
    assert [p.listing["id"] for p in picks] == [ethics["id"], general["id"]]
    # When ethics is already met, the general course is the one that helps.
    met = [Status("ca", {"ethics": 0.0, "general_or_specialized": 2.0, "total": 2.0},
                  DEADLINE, "California")]  # fmt: skip
    picks = rank(Person(), met, [general, ethics], {}, AS_OF, **stated(met))
    assert picks[0].listing["id"] == general["id"]


def test_skill_gap_match_outweighs_practice_area_match():
    gap = listing(1)
    area = listing(2)
    scores = {
        gap["id"]: {("skill_gap", "e-discovery"): 0.9},
        area["id"]: {("practice_area", "probate"): 0.9},
    }
    person = Person(skill_gaps=("e-discovery",), practice_areas=("probate",))
    picks = rank(person, [], [area, gap], scores, AS_OF, **stated([]))
    assert picks[0].listing["id"] == gap["id"]


def test_session_starting_on_the_as_of_day_or_after_the_deadline_is_out():
    today = listing(1, format="live_webinar", starts_at="2026-11-27T18:00:00-05:00")
    late = listing(2, format="live_webinar", starts_at="2027-01-05T12:00:00-05:00")
    soon = listing(3, format="live_webinar", starts_at="2026-12-01T12:00:00-05:00")
    statuses = [Status("ca", {"ethics": 1.0, "total": 1.0}, DEADLINE)]
    picks = rank(Person(), statuses, [today, late, soon], {}, AS_OF, **stated(statuses))
    assert [p.listing["id"] for p in picks] == [soon["id"]]
    # Without a credit need there is no deadline: the later session is fine.
    picks = rank(Person(), [], [today, late, soon], {}, AS_OF, **stated([]))
    assert {p.listing["id"] for p in picks} == {soon["id"], late["id"]}


def test_one_offering_per_course_the_best_one():
    early = listing(1, course_id="prov:c", format="live_webinar",
                    starts_at="2026-12-02T12:00:00-05:00")  # fmt: skip
    later = listing(2, course_id="prov:c", format="live_webinar",
                    starts_at="2026-12-20T12:00:00-05:00")  # fmt: skip
    picks = rank(Person(), [], [later, early], {}, AS_OF, **stated([]))
    assert [p.listing["id"] for p in picks] == [early["id"]]


def test_completed_title_excludes_a_relisting_under_another_id():
    same = listing(1, title="Ethics of AI for Paralegals")
    person = Person(completed=(Entry("ethics of AI for paralegals"),))
    assert ineligibility(same, person, AS_OF) is not None
    # Providers re-list a course under a new id: the same name is still done.
    person = Person(completed=(Entry("Ethics of AI for paralegals", "other:x"),))
    assert ineligibility(same, person, AS_OF) is not None
    other = listing(3, title="Ethics of AI for Legal Teams")
    assert ineligibility(other, person, AS_OF) is None
    # Another session of the same course, named with a suffix.
    person = Person(completed=(Entry("Ethics of AI for Paralegals (spring session)"),))
    assert ineligibility(same, person, AS_OF) is not None
    short = listing(2, title="Ethics")
    assert ineligibility(short, person, AS_OF) is None


def test_free_only_and_before_filters():
    paid = listing(1, price_usd=10)
    free_late = listing(2, format="live_webinar", starts_at="2027-02-01T12:00:00Z")
    free_soon = listing(3, format="live_webinar", starts_at="2026-12-05T12:00:00Z")
    records = [paid, free_late, free_soon]
    picks = rank(Person(), [], records, {}, AS_OF, **stated([]), free_only=True)
    assert {p.listing["id"] for p in picks} == {free_late["id"], free_soon["id"]}
    picks = rank(
        Person(), [], records, {}, AS_OF, **stated([]), before=date(2027, 1, 1)
    )
    assert {p.listing["id"] for p in picks} == {paid["id"], free_soon["id"]}


def test_a_credential_with_unknown_hours_still_bounds_session_dates():
    early = listing(1, format="live_webinar", starts_at="2027-01-10T12:00:00-05:00")
    late = listing(2, format="live_webinar", starts_at="2027-09-10T12:00:00-05:00")
    unknown = [Status("nals-pp", {"ethics": None, "total": None}, date(2027, 4, 28))]
    picks = rank(Person(), unknown, [early, late], {}, AS_OF, **stated(unknown))
    assert [p.listing["id"] for p in picks] == [early["id"]]
    finished = [Status("nals-pp", {"total": 0.0}, date(2027, 4, 28), done=True)]
    picks = rank(Person(), finished, [early, late], {}, AS_OF, **stated(finished))
    assert {p.listing["id"] for p in picks} == {early["id"], late["id"]}


def test_a_guessed_concept_counts_less_than_a_named_one():
    from recommender.rank import match_strength
    from recommender.weights import WEIGHTS

    sure = match_strength(0.1, True, True, True, WEIGHTS)
    guess = match_strength(0.1, True, True, True, WEIGHTS, certainty=0.5)
    mention = match_strength(0.1, False, True, True, WEIGHTS)
    assert sure > guess > 0
    assert sure > mention


def test_free_only_leaves_out_courses_without_credit_and_labels_them_right():
    from recommender.eligibility import credit_state
    from recommender.render import credit_words

    social = listing(1, credits=[], credit_status="none", total_hours=0.0)
    zero = listing(2, credits=[{"category": "general", "hours": 0.0}])
    unstated = listing(3, credits=[], credit_status="unknown")
    webinar = listing(4)
    assert [credit_state(x) for x in (social, zero, unstated, webinar)] == [
        "no credit",
        "no credit",
        "credit not stated",
        "credit",
    ]
    assert credit_words(social) == "no credit"
    assert credit_words(unstated) == "credit not stated"
    assert credit_words(listing(5, credit_status="pending")) == "1 h, approval pending"
    records = [social, zero, unstated, webinar]
    picks = rank(Person(), [], records, {}, AS_OF, **stated([]), free_only=True)
    assert [p.listing["id"] for p in picks] == [webinar["id"]]
    everything = rank(Person(), [], records, {}, AS_OF, **stated([]))
    assert len(everything) == 4  # without --free-only they may still be listed


def test_a_need_is_filled_only_by_a_course_that_counts_for_its_credential():
    ethics = [
        listing(n, credits=[{"category": "ethics", "hours": 1.0}]) for n in (1, 2)
    ]
    statuses = [Status("ca", {"ethics": 2.0, "total": 2.0}, DEADLINE, "California")]
    rulings = {("prov:course-1", "ca"): "counts_if_approved"}
    picks = rank(Person(), statuses, ethics, {}, AS_OF, **stated(statuses, rulings))
    by_id = {p.listing["id"]: p for p in picks}
    assert by_id["prov:course-1"].fills == [] and by_id["prov:course-1"].counted == {}
    assert [h for _, h in by_id["prov:course-2"].fills] == [1.0, 1.0]
    # Once approved it would count: the score still values it, at a discount.
    pending, counting = (by_id[f"prov:course-{n}"].parts["need"] for n in (1, 2))
    assert 0 < pending < counting
    assert picks[0].listing["id"] == "prov:course-2"
    rulings = {("prov:course-1", "ca"): "does_not_count"}
    picks = rank(Person(), statuses, ethics, {}, AS_OF, **stated(statuses, rulings))
    assert {p.listing["id"]: p.parts["need"] for p in picks}["prov:course-1"] == 0


def test_free_ranks_above_paid_when_it_fills_the_need_about_as_well():
    statuses = [Status("ca", {"ethics": 2.0, "total": 2.0}, DEADLINE, "California")]
    person = Person(skill_gaps=("ethics",))
    indifferent = Person(skill_gaps=("ethics",), prefer_free=False)
    # (paid hours, paid relevance): a tenth more relevant, or half an hour more.
    for hours, strength in ((1.0, 0.6), (1.5, 0.5)):
        paid = listing(
            1, price_usd=15, credits=[{"category": "ethics", "hours": hours}]
        )
        free = listing(2, price_usd=0, credits=[{"category": "ethics", "hours": 1.0}])
        scores = {
            paid["id"]: {("skill_gap", "ethics"): strength},
            free["id"]: {("skill_gap", "ethics"): 0.5},
        }
        records = [paid, free]
        picks = rank(person, statuses, records, scores, AS_OF, **stated(statuses))
        assert [p.listing["id"] for p in picks] == [free["id"], paid["id"]]
        # Price barely counts when the profile does not prefer free.
        picks = rank(indifferent, statuses, records, scores, AS_OF, **stated(statuses))
        if strength > 0.5:
            assert [p.listing["id"] for p in picks] == [paid["id"], free["id"]]


def test_free_off_topic_course_does_not_pass_a_paid_on_topic_one():
    """Price and need count in proportion to relevance (weights.fit_full)."""
    statuses = [Status("ca", {"ethics": 2.0, "total": 8.0}, DEADLINE, "California")]
    person = Person(skill_gaps=("medical records",))
    on_topic = listing(1, price_usd=59, credits=[{"category": "general", "hours": 1}])
    off_topic = listing(2, price_usd=0, credits=[{"category": "ethics", "hours": 2.0}])
    scores = {on_topic["id"]: {("skill_gap", "medical records"): 0.4}}
    picks = rank(person, statuses, [off_topic, on_topic], scores, AS_OF,
                 **stated(statuses))  # fmt: skip
    assert [p.listing["id"] for p in picks] == [on_topic["id"], off_topic["id"]]


def test_among_off_topic_courses_the_one_filling_the_need_comes_first():
    """A course on no asked subject keeps a share of its need (fit_floor)."""
    statuses = [Status("ca", {"ethics": 2.0, "total": 2.0}, DEADLINE, "California")]
    person = Person(skill_gaps=("medical records",))
    fills = listing(2, price_usd=99, credits=[{"category": "ethics", "hours": 2.0}])
    fills_none = listing(1, price_usd=99, credits=[])  # first on a tie (its id)
    picks = rank(person, statuses, [fills_none, fills], {}, AS_OF, **stated(statuses))
    assert [p.listing["id"] for p in picks] == [fills["id"], fills_none["id"]]
