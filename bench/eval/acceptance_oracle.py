"""An independent reading of research/acceptance.md: does a course count, and how much.

Written from the research note alone, without the project's acceptance code or
its rules file, so that the property tests can compare the two and the judged
benchmarks' acceptance-aware grade (bench/eval/acceptance_grade.py) does not
grade the recommender by its own rules. Facts used (acceptance.md line numbers):

- CA 6450 (12, 92): only courses meeting State Bar MCLE standards; unit 60 min,
  nearest quarter hour (requirements.md s.8).
- NALA CP/ACP (18, 93): relevant CLE counts without pre-approval, any increment.
- NFPA RP/CRP (24, 94): automatic for NFPA member associations, bars, courts,
  government agencies (government employees only), NALA, AAPI, or
  NFPA-approved; else an NFPA application before renewal.
- NALS (95): no pre-approval. AAPI (96), Florida (97): not established.
- Texas Division (38, 40, 98): SBOT MCLE, TBLS, NALA, NFPA, the Division, bars,
  paralegal associations; otherwise only substantive law by a qualified
  presenter (not decidable here); self-study or pro bono at most 2 h; no
  self-study ethics.
- TBLS (99), SC (101), KY (102), PA (103), UT (104), WA (107), NJ (84):
  approval by their body needed. NC (44, 100): online must be interactive
  (not decidable from a listing), NC lawyer-CLE approval counts, otherwise
  Board approval; rounded down to a quarter hour.
- KY (51, 52): 50-minute credits; at most 4 non-live credits. UT (57):
  self-study at most 3. CCLS (85): self-study at most 5.
- Montana, Arizona, Ohio, Indiana, Louisiana, Oregon, Colorado, Minnesota
  (60-67, 82-83): not established.
"""

from __future__ import annotations

import math

CATEGORIES = ("ethics", "general", "specialized")
NFPA_BODIES = {"nfpa", "nfpa-rp", "nfpa-crp", "nala", "nala-cp", "aapi", "aapi-aacp"}
TEXAS_BODIES = {
    "tx-sbot-pd", "tx-mcle", "tx-tbls", "nala", "nala-cp", "nfpa", "nfpa-rp",
    "nfpa-crp",
}  # fmt: skip
# credential -> (approval ids that count, verdict for anything else)
BODY_RULES = {
    "ca-bpc-6450": ({"ca-mcle"}, "unknown"),
    "aapi-aacp": (set(), "unknown"),
    "fl-frp": (set(), "unknown"),
    "tx-tbls-bcp": ({"tx-tbls"}, "counts_if_approved"),
    "sc-sccp": ({"sc-cle"}, "counts_if_approved"),
    "ky-ckp": (set(), "counts_if_approved"),
    "pa-pacp": (set(), "counts_if_approved"),
    "ut-lpp": ({"ut-mcle"}, "counts_if_approved"),
    "wa-lllt-lpo": ({"wa-mcle"}, "counts_if_approved"),
    "nj-cp": (set(), "counts_if_approved"),
    "nc-ncscp": ({"nc-cle"}, "counts_if_approved"),
    "mt-bar-paralegal-section": (set(), "unknown"),
    "az-ldp": (set(), "unknown"),
    "oh-osba-cp": (set(), "unknown"),
    "in-irp": (set(), "unknown"),
    "la-lcp": (set(), "unknown"),
    "az-lp": (set(), "unknown"),
    "or-lp": (set(), "unknown"),
    "co-llp": (set(), "unknown"),
    "mn-lp": (set(), "unknown"),
    "ca-ccls": (set(), "unknown"),
}
NO_PREAPPROVAL = {
    "nala-cp", "nala-acp", "nals-alp", "nals-clp", "nals-pp",
    "nals-specialty-certificate",
}  # fmt: skip
CREDENTIALS = sorted(
    {*BODY_RULES, *NO_PREAPPROVAL, "nfpa-rp", "nfpa-crp", "tx-sbot-pd"}
)
# credential -> (formats, cap in the credential's units)
FORMAT_CAPS = {
    "tx-sbot-pd": ({"self_study"}, 2.0),
    "ky-ckp": ({"on_demand", "self_study"}, 4.0),
    "ut-lpp": ({"self_study"}, 3.0),
    "ca-ccls": ({"self_study"}, 5.0),
}


def verdict(credential, course, provider, government_employee=None) -> str:
    """The verdict for one course; provider = (slug, kind, nfpa_member) or None."""
    if course.get("credit_status") == "none":
        return "does_not_count"
    approvals = set(course.get("approvals") or ())
    slug, kind, member = provider or (course.get("provider"), None, None)
    if credential in NO_PREAPPROVAL:
        return "counts"
    if credential in ("nfpa-rp", "nfpa-crp"):
        return _nfpa(approvals, slug, kind, member, government_employee)
    if credential == "tx-sbot-pd":
        texas = approvals & TEXAS_BODIES or credential in approvals
        sponsor = slug == "txpd" or kind in ("bar_association", "paralegal_association")
        return "counts" if texas or sponsor else "unknown"
    if credential == "nc-ncscp" and course.get("format") in ("on_demand", "self_study"):
        return "unknown"
    bodies, other = BODY_RULES[credential]
    return "counts" if approvals & (bodies | {credential}) else other


def _nfpa(approvals, slug, kind, member, government_employee) -> str:
    if approvals & NFPA_BODIES or slug in ("nfpa", "nala", "aapi"):
        return "counts"
    if kind == "bar_association":
        return "counts"
    if kind == "paralegal_association" and member is True:
        return "counts"
    if kind == "court_or_government":
        return {True: "counts", None: "unknown"}.get(
            government_employee, "counts_if_approved"
        )
    return "counts_if_approved"


def units(credential, course, outcome: str) -> dict[str, float] | None:
    """Units per category the course adds, or None when it states no hours."""
    if outcome == "does_not_count":
        return {}
    stated = {}
    for credit in course.get("credits") or []:
        if credit["category"] in CATEGORIES:
            stated[credit["category"]] = (
                stated.get(credit["category"], 0) + credit["hours"]
            )
    if not stated:
        return None
    per_hour = 1.2 if credential == "ky-ckp" else 1.0
    out = {c: _round_as(credential, h * per_hour) for c, h in stated.items()}
    fmt = course.get("format")
    if credential == "tx-sbot-pd" and fmt == "self_study" and "ethics" in out:
        out["general"] = out.get("general", 0) + out.pop("ethics")
    formats, cap = FORMAT_CAPS.get(credential, (set(), None))
    if fmt in formats and sum(out.values()) > cap:
        over = sum(out.values()) - cap
        for category in ("specialized", "general", "ethics"):
            cut = min(out.get(category, 0), over)
            out[category] = out.get(category, 0) - cut
            over -= cut
    return {c: round(v, 2) for c, v in out.items() if round(v, 2) > 0}


def _round_as(credential: str, value: float) -> float:
    if credential == "ca-bpc-6450":
        return math.floor(value * 4 + 0.5) / 4
    if credential == "nc-ncscp":
        return math.floor(value * 4 + 1e-9) / 4
    return value
