"""counts_toward per credential: one table case per fact of research/acceptance.md.

Each case names the acceptance.md line it comes from ("am:<line>", program and
field). Provider facts are written here, not read from the registry, so a case
tests the decision and the credential data only.
"""

from __future__ import annotations

import pytest

from recommender.acceptance import (
    ProviderFacts,
    Verdict,
    clock_hours,
    counts_toward,
    load_provider_facts,
    verdicts,
)
from recommender.tracking.rules import load_rules

RULES = load_rules()
BAR = ProviderFacts("bar", "County Bar", "bar_association")
NFPA_MEMBER = ProviderFacts("assoc", "Member Assoc", "paralegal_association", True)
NOT_MEMBER = ProviderFacts("other", "Other Assoc", "paralegal_association", False)
MAYBE_MEMBER = ProviderFacts("maybe", "Maybe Assoc", "paralegal_association", None)
VENDOR = ProviderFacts("vendor", "Vendor Inc", "commercial_vendor")
AGENCY = ProviderFacts("agency", "State Agency", "court_or_government")
NFPA = ProviderFacts("nfpa", "NFPA", "paralegal_association", None)
NALA = ProviderFacts("nala", "NALA", "paralegal_association", None)


def course(provider="vendor", fmt="live_webinar", approvals=(), status="approved", **h):
    credits = [{"category": c, "hours": v} for c, v in (h or {"general": 1.0}).items()]
    return {
        "provider": provider,
        "format": fmt,
        "approvals": list(approvals),
        "credit_status": status,
        "credits": credits,
    }


CASES = [
    # am:12 ca-bpc-6450 acceptance: courses must meet State Bar MCLE (B&P 6070)
    (
        "ca-bpc-6450",
        course(approvals=["ca-mcle"], ethics=1.0),
        VENDOR,
        None,
        "counts",
        1.0,
        "California MCLE",
    ),
    # am:92 CA 6450: MCLE approval not stated -> unknown, never counts
    ("ca-bpc-6450", course(general=2.0), VENDOR, None, "unknown", 2.0, "MCLE"),
    (
        "ca-bpc-6450",
        course(provider="assoc", general=2.0),
        NFPA_MEMBER,
        None,
        "unknown",
        2.0,
        "MCLE",
    ),
    # am:9 ca-bpc-6450 unit: 60-minute hours, nearest quarter (requirements.md s.8)
    (
        "ca-bpc-6450",
        course(approvals=["ca-mcle"], general=1.1),
        VENDOR,
        None,
        "counts",
        1.0,
        "California MCLE",
    ),
    # am:93 NALA CP: no pre-approval, self-reported, may be audited
    (
        "nala-cp",
        course(general=1.5),
        VENDOR,
        None,
        "counts",
        1.5,
        "without pre-approval",
    ),
    (
        "nala-cp",
        course(approvals=["nala-cp"], ethics=1.0),
        NALA,
        None,
        "counts",
        1.0,
        "NALA",
    ),
    # am:18 nala-cp unit: any time increment
    ("nala-cp", course(general=0.4), VENDOR, None, "counts", 0.4, "self-report"),
    # am:93 NALA ACP accepts like the CP
    ("nala-acp", course(general=1.0), VENDOR, None, "counts", 1.0, "pre-approval"),
    # am:24 nfpa-rp acceptance: commercial vendor needs an NFPA application
    (
        "nfpa-rp",
        course(general=2.0),
        VENDOR,
        None,
        "counts_if_approved",
        2.0,
        "only after NFPA approves it — apply before you renew",
    ),
    # am:24 nfpa-rp: bar associations accepted automatically
    ("nfpa-rp", course(provider="bar", ethics=1.0), BAR, None, "counts", 1.0, "bar"),
    # am:24 nfpa-rp: NFPA member associations accepted automatically
    ("nfpa-rp", course(provider="assoc"), NFPA_MEMBER, None, "counts", 1.0, "member"),
    (
        "nfpa-rp",
        course(provider="other"),
        NOT_MEMBER,
        None,
        "counts_if_approved",
        1.0,
        "NFPA approves",
    ),
    (
        "nfpa-rp",
        course(provider="maybe"),
        MAYBE_MEMBER,
        None,
        "counts_if_approved",
        1.0,
        "not known whether Maybe Assoc is an NFPA member",
    ),
    # am:24 nfpa-rp: NALA and AAPI accepted (sponsored or bearing accreditation)
    ("nfpa-rp", course(provider="nala"), NALA, None, "counts", 1.0, "NALA"),
    ("nfpa-rp", course(approvals=["aapi-aacp"]), VENDOR, None, "counts", 1.0, "AAPI"),
    ("nfpa-rp", course(approvals=["nfpa-rp"]), VENDOR, None, "counts", 1.0, "NFPA"),
    ("nfpa-rp", course(provider="nfpa"), NFPA, None, "counts", 1.0, "own CLE"),
    # am:24 nfpa-rp: government agency for government employees only
    ("nfpa-rp", course(provider="agency"), AGENCY, True, "counts", 1.0, "for you"),
    (
        "nfpa-rp",
        course(provider="agency"),
        AGENCY,
        False,
        "counts_if_approved",
        1.0,
        "NFPA approves",
    ),
    (
        "nfpa-rp",
        course(provider="agency"),
        AGENCY,
        None,
        "unknown",
        1.0,
        "government employees",
    ),
    # am:23/24 nfpa-crp: same acceptance as the RP
    ("nfpa-crp", course(general=1.0), VENDOR, None, "counts_if_approved", 1.0, "NFPA"),
    ("nfpa-crp", course(approvals=["nfpa-rp"]), VENDOR, None, "counts", 1.0, "NFPA"),
    # am:95 NALS ALP/CLP/PP/Specialty: no pre-approval, reviewed at recertification
    ("nals-clp", course(general=2.0), VENDOR, None, "counts", 2.0, "no pre-approval"),
    ("nals-alp", course(general=2.0), VENDOR, None, "counts", 2.0, "no pre-approval"),
    ("nals-pp", course(ethics=1.0), VENDOR, None, "counts", 1.0, "no pre-approval"),
    ("nals-specialty-certificate", course(), VENDOR, None, "counts", 1.0, "track"),
    # am:96 AAPI AACP: acceptance unknown; a stated AAPI approval counts
    ("aapi-aacp", course(), VENDOR, None, "unknown", 1.0, "not established"),
    ("aapi-aacp", course(approvals=["aapi-aacp"]), VENDOR, None, "counts", 1.0, "AAPI"),
    # am:97 Florida FRP: unverifiable
    ("fl-frp", course(), BAR, None, "unknown", 1.0, "not established"),
    # am:98 TX Paralegal Division: bars and paralegal associations accepted
    ("tx-sbot-pd", course(provider="bar"), BAR, None, "counts", 1.0, "bar"),
    (
        "tx-sbot-pd",
        course(provider="other"),
        NOT_MEMBER,
        None,
        "counts",
        1.0,
        "paralegal association",
    ),
    ("tx-sbot-pd", course(approvals=["nala-cp"]), VENDOR, None, "counts", 1.0, "NALA"),
    # am:98 TX: non-accredited: only substantive law by a qualified presenter
    ("tx-sbot-pd", course(), VENDOR, None, "unknown", 1.0, "substantive law"),
    # am:40 tx-sbot-pd: accredited on-demand CLE counts in full (not self-study)
    (
        "tx-sbot-pd",
        course(provider="bar", fmt="on_demand", general=3.0),
        BAR,
        None,
        "counts",
        3.0,
        "bar",
    ),
    # am:38 tx-sbot-pd cap: self-study or pro bono at most 2 h
    (
        "tx-sbot-pd",
        course(provider="bar", fmt="self_study", general=3.0),
        BAR,
        None,
        "counts",
        2.0,
        "at most 2",
    ),
    # am:99 TBLS: TBLS-approved specialty CLE
    (
        "tx-tbls-bcp",
        course(specialized=2.0),
        VENDOR,
        None,
        "counts_if_approved",
        2.0,
        "TBLS",
    ),
    (
        "tx-tbls-bcp",
        course(approvals=["tx-tbls"], specialized=2.0),
        VENDOR,
        None,
        "counts",
        2.0,
        "TBLS",
    ),
    # am:100 NC: Board-approved; automatic if approved for NC lawyer CLE
    ("nc-ncscp", course(approvals=["nc-cle"]), VENDOR, None, "counts", 1.0, "NC"),
    ("nc-ncscp", course(), VENDOR, None, "counts_if_approved", 1.0, "NC Board"),
    # am:44 nc-ncscp: online must be interactive; am:45 replays need 3 registered
    (
        "nc-ncscp",
        course(fmt="on_demand", approvals=["nc-cle"]),
        VENDOR,
        None,
        "unknown",
        1.0,
        "interactive",
    ),
    # am:44 nc-ncscp unit: rounded down to the quarter hour
    (
        "nc-ncscp",
        course(approvals=["nc-ncscp"], general=1.4),
        VENDOR,
        None,
        "counts",
        1.25,
        "North Carolina",
    ),
    # am:101 SC: approved CPE; CLE approved for SC lawyers accepted
    ("sc-sccp", course(approvals=["sc-cle"]), VENDOR, None, "counts", 1.0, "SC"),
    ("sc-sccp", course(), VENDOR, None, "counts_if_approved", 1.0, "SC Board"),
    # am:51 ky-ckp unit: 50-minute credit (60 min = 1.2 credits); am:102 KPACC review
    ("ky-ckp", course(general=1.0), VENDOR, None, "counts_if_approved", 1.2, "KPA"),
    (
        "ky-ckp",
        course(approvals=["ky-ckp"], ethics=1.0),
        VENDOR,
        None,
        "counts",
        1.2,
        "approved",
    ),
    # am:52 ky-ckp cap: non-live credits at most 4 per year
    (
        "ky-ckp",
        course(fmt="on_demand", approvals=["ky-ckp"], general=5.0),
        VENDOR,
        None,
        "counts",
        4.0,
        "at most 4",
    ),
    # am:103 PA: Keystone credentialing committee review
    ("pa-pacp", course(), VENDOR, None, "counts_if_approved", 1.0, "Keystone"),
    # am:104 UT LPP: Utah MCLE Board-accredited
    ("ut-lpp", course(), VENDOR, None, "counts_if_approved", 1.0, "Utah MCLE Board"),
    ("ut-lpp", course(approvals=["ut-mcle"]), VENDOR, None, "counts", 1.0, "Utah"),
    # am:57 ut-lpp self-study cap 3
    (
        "ut-lpp",
        course(fmt="self_study", approvals=["ut-mcle"], general=4.0),
        VENDOR,
        None,
        "counts",
        3.0,
        "at most 3",
    ),
    # am:105 MT: the Section's CLE rules not read
    ("mt-bar-paralegal-section", course(), BAR, None, "unknown", 1.0, "not read"),
    # am:106 AZ LDP: approver not seen
    ("az-ldp", course(), VENDOR, None, "unknown", 1.0, "not established"),
    # am:107 WA LLLT: approved courses under APR 11
    ("wa-lllt-lpo", course(), VENDOR, None, "counts_if_approved", 1.0, "APR 11"),
    ("wa-lllt-lpo", course(approvals=["wa-mcle"]), VENDOR, None, "counts", 1.0, "Wash"),
    # am:84 NJCP: NFPA processes its CLE approvals
    ("nj-cp", course(), VENDOR, None, "counts_if_approved", 1.0, "NFPA"),
    # am:82/83 Colorado and Minnesota: only existence known
    ("co-llp", course(), BAR, None, "unknown", 1.0, "not established"),
    ("mn-lp", course(), BAR, None, "unknown", 1.0, "not established"),
    # am:85 CCLS: self-study at most 5
    (
        "ca-ccls",
        course(fmt="self_study", general=6.0),
        VENDOR,
        None,
        "unknown",
        5.0,
        "at most 5",
    ),
]


@pytest.mark.parametrize(
    "credential,listing,provider,government,verdict,hours,reason", CASES
)
def test_counts_toward(
    credential, listing, provider, government, verdict, hours, reason
):
    result = counts_toward(
        RULES[credential], listing, provider, government_employee=government
    )
    assert (result.verdict, result.hours) == (verdict, hours)
    assert reason in result.reason
    assert result.credential == credential


@pytest.mark.parametrize("credential", sorted(RULES))
def test_a_listing_without_credit_never_counts(credential):
    # brief: a listing with credit_status none does not count, for every credential
    listing = course(provider="nfpa", approvals=[credential], status="none")
    result = counts_toward(RULES[credential], listing, NFPA)
    assert result.verdict == "does_not_count" and result.hours == 0


@pytest.mark.parametrize("credential", sorted(RULES))
def test_unknown_hours_keep_the_verdict_but_no_number(credential):
    listing = {"provider": "x", "approvals": [credential], "credit_status": "unknown"}
    result = counts_toward(RULES[credential], listing, None)
    assert result.hours is None and result.categories == {}
    assert result.verdict in ("counts", "unknown")  # a stated approval, or a condition


def test_texas_self_study_ethics_counts_as_general():
    # am:38 tx-sbot-pd: "ethics cannot be met by self-study"
    listing = course(provider="bar", fmt="self_study", ethics=1.0)
    result = counts_toward(RULES["tx-sbot-pd"], listing, BAR)
    assert result.categories == {"general": 1.0}
    assert "ethics may not be met by self-study" in result.reason


def test_kentucky_converts_every_category():
    # am:51 ky-ckp: "Credit is a 50-minute unit"
    listing = course(approvals=["ky-ckp"], ethics=1.0, general=0.5)
    result = counts_toward(RULES["ky-ckp"], listing, VENDOR)
    assert result.categories == {"ethics": 1.2, "general": 0.6}
    assert RULES["ky-ckp"].unit_label == "50-minute credit"


def test_pending_credit_is_said_in_the_reason():
    listing = course(status="pending")
    result = counts_toward(RULES["nfpa-rp"], listing, VENDOR)
    assert result.verdict == "counts_if_approved" and "pending" in result.reason


def test_profile_entries_are_read_like_listings():
    entry = {"provider": "bar", "format": "in_person", "credits": {"ethics": 1.0}}
    assert clock_hours(entry) == {"ethics": 1.0}
    assert counts_toward(RULES["nfpa-rp"], entry, BAR).verdict == "counts"
    assert clock_hours({"total_hours": 2}) == {"general": 2.0}
    assert clock_hours({"credits": []}) is None


def test_verdicts_look_up_the_provider_and_keep_rule_order():
    rules = [RULES["nala-cp"], RULES["nfpa-rp"]]
    facts = {"bar": BAR}
    out = verdicts(rules, course(provider="bar"), facts)
    assert [(v.credential, v.verdict) for v in out] == [
        ("nala-cp", "counts"),
        ("nfpa-rp", "counts"),
    ]
    assert out[0].to_json() == {
        "credential": "nala-cp",
        "verdict": "counts",
        "hours": 1.0,
        "reason": out[0].reason,
    }
    assert isinstance(out[0], Verdict)


def test_every_registry_provider_has_a_sponsor_kind():
    facts = load_provider_facts()
    assert facts and all(f.sponsor_kind for f in facts.values())
    # research/providers.md does not say which associations are NFPA members
    associations = [
        f for f in facts.values() if f.sponsor_kind == "paralegal_association"
    ]
    assert associations and all(f.nfpa_member is None for f in associations)


def test_registry_facts_drive_the_demo_verdicts():
    facts = load_provider_facts()
    vendor_course = course(provider="clio", general=1.0)
    (nfpa,) = verdicts([RULES["nfpa-rp"]], vendor_course, facts)
    assert nfpa.verdict == "counts_if_approved"
    (texas,) = verdicts([RULES["tx-sbot-pd"]], course(provider="txpd"), facts)
    assert texas.verdict == "counts"


def test_an_approved_provider_counts_for_california():
    # am:92 CA 6450: "California MCLE-approved provider or course"
    provider = ProviderFacts(
        "cap", "CA Provider", "commercial_vendor", None, ("ca-mcle",)
    )
    result = counts_toward(RULES["ca-bpc-6450"], course(provider="cap"), provider)
    assert result.verdict == "counts" and "approved California MCLE provider" in (
        result.reason
    )
    other = ProviderFacts("nc", "NC Provider", "commercial_vendor", None, ("nc-cle",))
    assert counts_toward(RULES["ca-bpc-6450"], course(), other).verdict == "unknown"


def test_provider_facts_follow_the_registry_named_by_the_environment(
    tmp_path, monkeypatch
):
    registry = tmp_path / "providers.yml"
    registry.write_text(
        "providers:\n"
        "  - slug: cap\n    name: CA Provider\n    sponsor_kind: commercial_vendor\n"
        "    provider_approvals: [ca-mcle]\n"
        "  - slug: odd\n    name: Odd\n    sponsor_kind: guild\n"
        "    nfpa_member: maybe\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("CLE_PROVIDERS", str(registry))
    facts = load_provider_facts()
    assert facts["cap"].approvals == ("ca-mcle",)
    # an unknown kind or a non-boolean membership stays unknown
    assert facts["odd"].sponsor_kind is None and facts["odd"].nfpa_member is None


@pytest.mark.parametrize("content", [None, "providers: [\n", "providers: 3\n"])
def test_an_unreadable_registry_leaves_every_sponsor_unknown(
    tmp_path, monkeypatch, content
):
    registry = tmp_path / "providers.yml"
    if content is not None:
        registry.write_text(content, encoding="utf-8")
    monkeypatch.setenv("CLE_PROVIDERS", str(registry))
    assert load_provider_facts() == {}
