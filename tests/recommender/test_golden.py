"""Golden top-3 on the sample catalog, and the reasons given for them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.load import import_file
from catalog.paths import PROJECT_ROOT
from recommender.explain import reasons
from recommender.index_store import rebuild
from recommender.service import open_listings, recommend
from recommender.tracking.profile import parse_profile
from recommender.tracking.rules import load_rules
from recommender.tracking.status import compute_status

AS_OF = date(2026, 11, 27)
SAMPLE = PROJECT_ROOT / "data" / "sample" / "courses.jsonl"

PROFILES = {
    # The demo profile: California + NALA, PI / med mal, two skill gaps.
    "jordan": """
        name = "Jordan"
        practice_areas = ["personal injury", "medical malpractice"]
        skill_gaps = ["e-discovery", "medical records"]
        memberships = ["nals"]
        [[credentials]]
        id = "ca-bpc-6450"
        [[credentials]]
        id = "nala-cp"
        cycle_ends = "2028-06-30"
        [[completed]]
        title = "Ethics of AI for paralegals"
        date = "2026-03-04"
        credits = { ethics = 1.0, general = 0.5 }
        course_id = "clio:ethics-of-ai"
    """,
    # An abbreviation as the skill gap, California ethics all still due.
    "sam": """
        name = "Sam"
        practice_areas = ["wills and trusts"]
        skill_gaps = ["UPL"]
        [[credentials]]
        id = "ca-bpc-6450"
    """,
    # On demand only, provider's wording for the gap ("ESI"), no credential.
    "lee": """
        name = "Lee"
        practice_areas = ["divorce"]
        skill_gaps = ["ESI"]
        formats = ["on_demand"]
    """,
    # Synonyms on both sides; price does not matter to Kim.
    "kim": """
        name = "Kim"
        practice_areas = ["insolvency"]
        skill_gaps = ["drafting"]
        prefer_free = false
    """,
}

GOLDEN = {
    # NFPA's social-media ethics course left the top three when verdicts
    # came in: it states NFPA approval only, and California counts only
    # courses that meet its MCLE standards, so it no longer fills California
    # ethics; NALA's own ethics webinar fills NALA's.
    "jordan": [
        "nala:medical-records-pi",
        "clio:ediscovery-basics",
        "nala:ethics-confidentiality",
    ],
    # NFPA's social-media ethics course (a faint match of "UPL", and ethics
    # hours California still needs) now comes before Clio's free e-discovery
    # course, which matches neither phrase: since 2026-12-01 need and price
    # count in proportion to relevance (weights.fit_full).
    "sam": [
        "clio:ethics-of-ai",
        "nala:ethics-confidentiality",
        "nfpa:ethics-social-media",
    ],
    "lee": ["clio:ediscovery-basics", "nfpa:ethics-social-media", "nals:legal-writing"],
    # The insolvency course (her practice area) now comes before "Ethics of
    # AI", which only mentions AI that "drafts documents" in its description:
    # a mention counts less than a subject since the 2026-11-27 re-tuning.
    "kim": ["nals:legal-writing", "nbi:bankruptcy-basics", "clio:ethics-of-ai"],
}


@pytest.fixture(scope="module")
def sample_catalog(tmp_path_factory) -> Path:
    """The sample catalog in a scratch database, with its index built."""
    path = tmp_path_factory.mktemp("golden") / "catalog.db"
    db = open_db(path)
    report = import_file(db, SAMPLE)
    assert report.ok, report.rejected
    rebuild(db)
    db.close()
    return path


def _run(name: str, catalog_path: Path):
    rules = load_rules()
    profile = parse_profile(PROFILES[name], rules)
    statuses = compute_status(profile, rules, AS_OF)
    catalog = open_listings(catalog_path, AS_OF)
    picks, queries = recommend(profile, statuses, catalog, AS_OF)
    picks = catalog.add_details(picks[:3])
    vocabulary = catalog.index.vocabulary
    names = {status.credential: status.name for status in statuses}
    why = [
        reasons(p, queries, vocabulary, AS_OF, tracked=bool(statuses), names=names,
                zone="America/Los_Angeles")
        for p in picks
    ]  # fmt: skip
    return picks, why


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_top_three(name, sample_catalog):
    picks, _ = _run(name, sample_catalog)
    assert [p.listing["id"] for p in picks] == GOLDEN[name]


def test_reasons_name_the_matched_words_and_the_filled_need(sample_catalog):
    picks, why = _run("jordan", sample_catalog)
    by_id = {p.listing["id"]: r for p, r in zip(picks, why, strict=True)}
    ediscovery = " | ".join(by_id["clio:ediscovery-basics"])
    assert "skill gap 'e-discovery'" in ediscovery
    assert "esi" in ediscovery  # the listing's own word for it
    # Only hours that count fill a need: NALA CP takes relevant CLE as such,
    # California only courses that meet its MCLE standards (not stated here).
    assert "1.5 of your 48.5 remaining hours for NALA CP" in ediscovery
    assert "general or specialized" not in ediscovery
    assert "counts for NALA CP; not known for California" in (ediscovery)
    assert "free" in by_id["clio:ediscovery-basics"]
    ethics = " | ".join(by_id["nala:ethics-confidentiality"])
    assert "2.0 of your 4.0 remaining ethics hours for NALA CP" in ethics
    assert "live webinar on Thu Dec 17, 2026, 9:00–11:00 AM PST" in ethics


def test_reasons_show_the_listing_wording_for_an_abbreviation(sample_catalog):
    picks, why = _run("sam", sample_catalog)
    first = " | ".join(why[0])
    assert "skill gap 'UPL'" in first
    assert "unauthorized practice of law" in first
    assert "in 13 days" in first
    assert "counts for California paralegal MCLE" in first  # approval stated


def test_member_price_is_explained(sample_catalog):
    rules = load_rules()
    profile = parse_profile(PROFILES["kim"].replace("prefer_free = false", "") +
                            '\nmemberships = ["nals"]\n', rules)  # fmt: skip
    catalog = open_listings(sample_catalog, AS_OF)
    picks, queries = recommend(profile, [], catalog, AS_OF)
    writing = next(p for p in picks if p.listing["id"] == "nals:legal-writing")
    text = reasons(writing, queries, catalog.index.vocabulary, AS_OF, tracked=False)
    assert "$25 for NALS members (public $40)" in text
