"""counts_toward agrees with an independent reading of acceptance.md."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.eval import acceptance_oracle as oracle
from recommender.acceptance import ProviderFacts, counts_toward
from recommender.tracking.rules import load_rules

RULES = load_rules()
PROVIDERS = [
    ("txpd", "bar_association", None),
    ("flbar", "bar_association", None),
    ("nala", "paralegal_association", None),
    ("nfpa", "paralegal_association", None),
    ("aapi", "paralegal_association", None),
    ("member", "paralegal_association", True),
    ("nonmember", "paralegal_association", False),
    ("maybe", "paralegal_association", None),
    ("agency", "court_or_government", None),
    ("clio", "commercial_vendor", None),
    ("school", "law_school", None),
    ("board", "certifying_body", None),
]
APPROVALS = sorted(
    {"ca-mcle", "nc-cle", "sc-cle", "ut-mcle", "wa-mcle", "tx-mcle", "tx-tbls"}
    | oracle.NFPA_BODIES
    | set(oracle.CREDENTIALS)
)
FORMATS = ["live_webinar", "on_demand", "in_person", "hybrid", "self_study"]
quarters = st.integers(min_value=0, max_value=32).map(lambda q: q / 4)
credits = st.dictionaries(
    st.sampled_from(oracle.CATEGORIES), quarters.filter(bool), max_size=3
).map(lambda d: [{"category": c, "hours": h} for c, h in d.items()])
courses = st.fixed_dictionaries(
    {
        "provider": st.sampled_from([p[0] for p in PROVIDERS] + ["unregistered"]),
        "format": st.sampled_from(FORMATS),
        "approvals": st.lists(st.sampled_from(APPROVALS), max_size=3, unique=True),
        "credit_status": st.sampled_from(["approved", "pending", "none", "unknown"]),
        "credits": credits,
    }
)


def test_the_oracle_covers_every_credential():
    assert set(oracle.CREDENTIALS) == set(RULES)


@settings(max_examples=800, deadline=None)
@given(
    credential=st.sampled_from(oracle.CREDENTIALS),
    course=courses,
    government_employee=st.sampled_from([True, False, None]),
)
def test_counts_toward_matches_the_oracle(credential, course, government_employee):
    known = {slug: (slug, kind, member) for slug, kind, member in PROVIDERS}
    provider = known.get(course["provider"])
    facts = ProviderFacts(provider[0], provider[0], *provider[1:]) if provider else None
    result = counts_toward(
        RULES[credential], course, facts, government_employee=government_employee
    )
    expected = oracle.verdict(credential, course, provider, government_employee)
    assert result.verdict == expected, result.reason
    expected_units = oracle.units(credential, course, expected)
    if expected_units is None:
        assert result.hours is None and result.categories == {}
    else:
        assert result.categories == expected_units
        assert result.hours == round(sum(expected_units.values()), 2)
