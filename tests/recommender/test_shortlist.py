"""The two-stage top N (bounds, then exact ranking) equals a full ranking."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.db import open_db
from catalog.load import import_file
from catalog.paths import PROJECT_ROOT
from recommender import shortlist
from recommender.class_bounds import class_bounds, class_of, listing_classes
from recommender.documents import profile_queries
from recommender.eligibility import eligibility_deadline, ineligibility
from recommender.index_store import fit_index, rebuild
from recommender.listing_facts import possibly_eligible
from recommender.needs import needs_from_statuses
from recommender.phrase_bounds import (
    PostingScores,
    RelevanceTree,
    listing_state,
    phrase_caps,
    phrase_words,
    relevance_bound,
)
from recommender.rank import (
    fit,
    order_key,
    price_weight_for,
    profile_kinds,
    rank,
    relevance,
)
from recommender.service import open_listings, recommend, text_scores
from recommender.shortlist import top_picks
from recommender.textmatch import phrase_sets
from recommender.vocabulary import load_vocabulary
from recommender.weights import WEIGHTS, Weights
from tests.recommender.helpers import Entry, Person, Status

AS_OF = date(2026, 11, 27)
VOCABULARY = load_vocabulary()
SAMPLE = PROJECT_ROOT / "data" / "sample" / "courses.jsonl"

#: Title and description words: concepts of the vocabulary and filler, so
#: listings fall in every bound state (subject, mention, shared words, none).
PHRASES = [
    "e-discovery",
    "ESI",
    "medical records",
    "personal injury",
    "medical malpractice",
    "probate",
    "legal ethics",
    "trial preparation",
    "records",
    "medical",
    "update",
    "court filing",
    "contracts",
]
FORMATS = ["live_webinar", "on_demand", "in_person", "hybrid", "self_study"]
PROVIDERS = ["nals", "nala", "clio", "nfpa", "txpd", "nbi"]
#: Real credentials, so verdicts vary: approvals, sponsor kinds, a 50-minute
#: credit unit (Kentucky), a self-study rule (Texas).
CREDENTIALS = ["ca-bpc-6450", "nala-cp", "nfpa-rp", "ky-ckp", "tx-sbot-pd"]
APPROVALS = ["ca-mcle", "nala-cp", "nfpa-rp", "tx-sbot-pd"]


@st.composite
def listings(draw, number: int) -> dict:
    """A ranking record as ``read_rankable`` returns it (random fields)."""
    title = " ".join(draw(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=3)))
    description = " ".join(draw(st.lists(st.sampled_from(PHRASES), max_size=4)))
    format_ = draw(st.sampled_from(FORMATS))
    record = {
        "id": f"p:{number:03d}",
        # A few listings share a course: one offering per course is ranked.
        "course_id": f"p:course-{draw(st.integers(0, 40)) if number % 3 else number}",
        "provider": draw(st.sampled_from(PROVIDERS)),
        "title": title,
        "description": description,
        "practice_areas": draw(st.lists(st.sampled_from(PHRASES[:8]), max_size=2)),
        "url": f"https://example.org/{number}",
        "format": format_,
        "status": "active",
        "credits": [
            {"category": category, "hours": hours}
            for category in ("ethics", "general", "specialized")
            if (hours := draw(st.sampled_from([None, 0.0, 0.5, 1.0, 1.5, 3.0])))
            is not None
        ],
    }
    approvals = draw(st.lists(st.sampled_from(APPROVALS), max_size=2, unique=True))
    if approvals:
        record["approvals"] = approvals
    record["credit_status"] = draw(
        st.sampled_from(["approved", "approved", "pending", "unknown", "none"])
    )
    price = draw(st.sampled_from([None, 0.0, 0.0, 25.0, 40.0, 99.0, 250.0]))
    if price is not None:
        record["price_usd"] = price
    member = draw(st.sampled_from([None, None, 0.0, 15.0, 60.0]))
    if member is not None:
        record["member_price_usd"] = member
    if format_ not in ("on_demand", "self_study") or draw(st.booleans()):
        start = datetime(2026, 11, 20, 13) + timedelta(
            days=draw(st.integers(0, 500)), hours=draw(st.integers(0, 10))
        )
        record["starts_at"] = start.isoformat() + "-05:00"
        if draw(st.booleans()):
            end = start + timedelta(hours=2, days=draw(st.sampled_from([0, 0, 1])))
            record["ends_at"] = end.isoformat() + "-05:00"
    return record


@st.composite
def catalogs(draw) -> list[dict]:
    """Between 1 and 60 listings."""
    size = draw(st.integers(1, 60))
    return [draw(listings(number)) for number in range(size)]


#: Profile phrases no listing's words match (a low bar: most listings reach
#: it, and the two stages must still agree without ranking everything).
FEW_MATCH = ["finding people", "reading doctors notes", "zoning variances"]


@st.composite
def profiles(draw) -> Person:
    """A profile with random phrases, preferences and completed courses."""
    phrases = st.sampled_from(PHRASES + FEW_MATCH)
    return Person(
        skill_gaps=tuple(draw(st.lists(phrases, max_size=3))),
        practice_areas=tuple(draw(st.lists(st.sampled_from(PHRASES), max_size=2))),
        prefer_free=draw(st.booleans()),
        memberships=tuple(draw(st.lists(st.sampled_from(PROVIDERS), max_size=2))),
        formats=draw(st.none() | st.lists(st.sampled_from(FORMATS), min_size=1)),
        completed=tuple(
            map(Entry, draw(st.lists(st.sampled_from(PHRASES), max_size=1)))
        ),
    )


@st.composite
def statuses(draw) -> list[Status]:
    """Zero to two real credentials with random needs and cycle ends."""
    found = []
    held = draw(st.lists(st.sampled_from(CREDENTIALS), max_size=2, unique=True))
    for credential in held:
        remaining = {
            key: draw(st.sampled_from([None, 0.0, 0.5, 2.0, 6.0]))
            for key in ("ethics", "general_or_specialized", "total")
        }
        end = draw(st.one_of(st.none(), st.integers(10, 700)))
        cycle_end = None if end is None else AS_OF + timedelta(days=end)
        found.append(Status(credential, remaining, cycle_end, credential))
    return found


def full_ranking(profile, needs, catalog, index, weights, **options):
    """The definition: text scores of every listing, then ``rank`` over all."""
    queries = profile_queries(
        profile, index.vocabulary, index.terms, index.document_frequency
    )
    scores = text_scores(index, queries, weights)
    return rank(profile, needs, catalog, scores, AS_OF, weights=weights, **options)


def facts(picks) -> list[tuple]:
    """What a pick shows: listing, score, parts, matches, needs filled, price."""
    return [
        (p.listing["id"], p.score, p.parts, p.matches, p.fills, p.price, p.start_day)
        for p in picks
    ]


#: Settings of the catalog-wide property tests (generated catalogs are big).
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(
    catalog=catalogs(),
    profile=profiles(),
    needs=statuses(),
    top=st.integers(1, 12),
    free_only=st.booleans(),
    before=st.one_of(st.none(), st.integers(1, 400)),
    weights=st.sampled_from([WEIGHTS, Weights(relevance=0.3, need=0.5, date=0.2)]),
    refine=st.sampled_from(
        [(shortlist.RANKING_COST, shortlist.CHUNK), (math.inf, 1), (1e-9, 2)]
    ),
)
def test_two_stage_top_equals_full_rank(
    catalog, profile, needs, top, free_only, before, weights, refine
):
    """Also with the exact-relevance stage from the start (ranking one at a
    time) and without it."""
    index = fit_index(catalog, VOCABULARY)
    options = {
        "free_only": free_only,
        "before": None if before is None else AS_OF + timedelta(days=before),
    }
    by_id = {listing["id"]: listing for listing in catalog}
    queries = profile_queries(
        profile, index.vocabulary, index.terms, index.document_frequency
    )
    cost, chunk = refine
    with (
        patch.object(shortlist, "RANKING_COST", cost),
        patch.object(shortlist, "CHUNK", chunk),
    ):
        fast = top_picks(
            profile, needs, index, queries,
            lambda ids: {i: by_id[i] for i in ids if i in by_id},
            AS_OF, top, weights=weights, **options,
        )  # fmt: skip
    full = full_ranking(profile, needs, catalog, index, weights, **options)
    assert facts(fast) == facts(full[:top])


@settings(max_examples=40, deadline=None)
@given(catalog=catalogs(), profile=profiles())
def test_posting_scores_are_the_text_scores(catalog, profile):
    index = fit_index(catalog, VOCABULARY)
    queries = profile_queries(
        profile, index.vocabulary, index.terms, index.document_frequency
    )
    sets = [phrase_sets(index, item) for item in queries]
    kinds = profile_kinds(profile)
    exact = PostingScores(index, queries, sets, WEIGHTS, kinds)
    expected = text_scores(index, queries, WEIGHTS)
    for position, listing_id in enumerate(index.listing_ids):
        scores = expected.get(listing_id, {})
        assert exact.scores(position) == scores
        assert exact.relevance(position) == relevance(scores, WEIGHTS, kinds)[0]


def phrase_parts(index, profile):
    """A profile's phrase queries and what the bounds read of them, with its kinds."""
    queries = profile_queries(
        profile, index.vocabulary, index.terms, index.document_frequency
    )
    sets = [phrase_sets(index, item) for item in queries]
    words = [phrase_words(index, q, s) for q, s in zip(queries, sets, strict=True)]
    caps = [phrase_caps(q, w, WEIGHTS) for q, w in zip(queries, words, strict=True)]
    return queries, sets, words, caps, profile_kinds(profile)


@settings(max_examples=40, deadline=None)
@given(catalog=catalogs(), profile=profiles(), bar=st.floats(0.0, 0.6))
def test_the_tree_gives_each_listing_once_within_its_bound(catalog, profile, bar):
    """Groups below the bar stay whole; all of them, split, cover every listing."""
    index = fit_index(catalog, VOCABULARY)
    queries, sets, words, caps, kinds = phrase_parts(index, profile)
    touched = frozenset().union(
        *(s.mention | s.focus_any for s in sets),
        *(holding for held in words for holding in held.holders),
    )
    tree = RelevanceTree(
        touched, frozenset(range(len(catalog))) - touched, sets, words,
        lambda states: relevance_bound(queries, caps, states, WEIGHTS, kinds),
    )  # fmt: skip
    first = tree.reaching(lambda bound: bound >= bar)
    assert all(bound >= bar for bound, _ in first)
    groups = first + tree.reaching(lambda bound: True)
    seen = [position for _, listings in groups for position in listings]
    assert sorted(seen) == list(range(len(catalog)))
    exact = PostingScores(index, queries, sets, WEIGHTS, kinds)
    for bound, listings in groups:
        for position in listings:
            assert exact.relevance(position) <= bound + 1e-12
            if position not in touched:
                assert exact.relevance(position) == 0.0


@settings(max_examples=40, deadline=None)
@given(catalog=catalogs(), profile=profiles(), needs=statuses())
def test_every_listing_scores_at_most_its_bound(catalog, profile, needs):
    index = fit_index(catalog, VOCABULARY)
    picks = full_ranking(profile, needs, catalog, index, WEIGHTS)
    queries, sets, words, caps, kinds = phrase_parts(index, profile)
    position = {listing_id: p for p, listing_id in enumerate(index.listing_ids)}
    classes = listing_classes(index, WEIGHTS)
    bounded = class_bounds(
        classes, needs_from_statuses(needs), price_weight_for(profile, WEIGHTS),
        WEIGHTS,
    )  # fmt: skip
    for pick in picks:
        at = position[pick.listing["id"]]
        states = tuple(
            listing_state(at, s, w) for s, w in zip(sets, words, strict=True)
        )
        bound = relevance_bound(queries, caps, states, WEIGHTS, kinds)
        assert pick.parts["relevance"] <= bound + 1e-12
        number = class_of(index)[at]
        assert pick.parts["price"] <= classes[number].price + 1e-12
        credit, when, _ = bounded[number]
        share = fit(bound, kinds, WEIGHTS)
        assert pick.score <= WEIGHTS.relevance * bound + share * credit + when + 1e-6


def test_no_listing_left_when_fewer_courses_than_asked():
    catalog = [
        {"id": "p:1", "title": "Probate basics", "format": "on_demand",
         "credits": [{"category": "general", "hours": 1.0}], "price_usd": 0},
        {"id": "p:2", "title": "Probate basics", "format": "on_demand",
         "course_id": "p:1", "credits": [], "price_usd": 10},
    ]  # fmt: skip
    index = fit_index(catalog, VOCABULARY)
    profile = Person(skill_gaps=("probate",))
    queries = profile_queries(profile, index.vocabulary, index.terms)
    by_id = {listing["id"]: listing for listing in catalog}
    picks = top_picks(
        profile, [], index, queries, lambda ids: {i: by_id[i] for i in ids},
        AS_OF, 5,
    )  # fmt: skip
    assert [p.listing["id"] for p in picks] == ["p:1"]  # one course, best offering


@pytest.fixture(scope="module")
def sample_catalog(tmp_path_factory):
    """The sample catalog in a scratch database, with its index built."""
    path = tmp_path_factory.mktemp("shortlist") / "catalog.db"
    db = open_db(path)
    assert import_file(db, SAMPLE).ok
    rebuild(db)
    db.close()
    return path


@pytest.mark.parametrize("top", [1, 3, 20])
@pytest.mark.parametrize(
    "profile",
    [
        Person(skill_gaps=("e-discovery", "medical records"),
               practice_areas=("personal injury",), memberships=("nals",)),
        Person(practice_areas=("probate",), prefer_free=False),
        Person(skill_gaps=("UPL",), formats=("live_webinar",)),
    ],
)  # fmt: skip
def test_service_top_equals_the_head_of_the_full_ranking(sample_catalog, profile, top):
    needs = [Status("ca", {"ethics": 2.0, "total": 6.0}, date(2026, 12, 31))]
    catalog = open_listings(sample_catalog, AS_OF)
    fast, _ = recommend(profile, needs, catalog, AS_OF, top=top)
    full, _ = recommend(profile, needs, open_listings(sample_catalog, AS_OF), AS_OF)
    assert facts(fast) == facts(full[:top])
    assert fast == sorted(fast, key=order_key)


@PROPERTY
@given(
    catalog=catalogs(),
    profile=profiles(),
    needs=statuses(),
    before=st.one_of(st.none(), st.integers(1, 400)),
)
def test_the_prefilter_keeps_every_listing_rank_may_find_eligible(
    catalog, profile, needs, before
):
    index = fit_index(catalog, VOCABULARY)
    before_day = None if before is None else AS_OF + timedelta(days=before)
    deadline = eligibility_deadline(needs, needs_from_statuses(needs))
    keep = possibly_eligible(index, profile, AS_OF, deadline, before_day)
    kept = keep(frozenset(range(len(catalog))))
    for position, listing in enumerate(catalog):
        why = ineligibility(
            listing, profile, AS_OF, deadline=deadline, before=before_day
        )
        # What the filter drops, rank drops too (for this or an earlier rule).
        assert why is not None or position in kept


def test_fit_grows_with_relevance_to_one_and_keeps_the_floor():
    """The fit of a relevance bound bounds the fit (what the shortlist relies on)."""
    kinds = ["skill_gap"]
    values = [fit(r / 20, kinds, WEIGHTS) for r in range(21)]
    assert values == sorted(values)
    assert values[0] == WEIGHTS.fit_floor
    assert fit(WEIGHTS.fit_full, kinds, WEIGHTS) == 1.0 == values[-1]
    assert fit(0.0, [], WEIGHTS) == 1.0  # no phrase: every listing fits
