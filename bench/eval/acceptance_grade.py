"""The ethics-need grade of the judged benchmarks: as first written, acceptance-aware.

The first judgments (``judgments.json``) give +1 to any listing with ethics
hours ending before the deadline of a credential that still needs ethics.
DESIGN.md section 4 (second round) fills a need only with hours whose verdict
is ``counts``, so the acceptance-aware judgments
(``judgments_acceptance.json``) give the +1 only when those ethics hours count
for that credential. Whether they count is decided by the independent oracle
(:mod:`bench.eval.acceptance_oracle`, written from research/acceptance.md
apart from ``recommender.acceptance``), never by the code being graded.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bench.eval import acceptance_oracle

#: judgments file -> whether its ethics-need grade is acceptance-aware
JUDGMENT_FILES = {"judgments.json": False, "judgments_acceptance.json": True}
#: Sponsor facts of the benchmark providers as the research gives them
#: (slug, sponsor kind, NFPA member association or None when not established).
#: acceptance.md line 24 names NALA and AAPI (and NFPA's own CLE); the Texas
#: Paralegal Division is part of the State Bar of Texas (providers.md s. Texas);
#: whether NALS or the Orange County association is an NFPA member
#: association is not established; Clio, NBI, Lorman and PLI sell CLE.
PROVIDERS = {
    "nala": ("nala", "paralegal_association", None),
    "nfpa": ("nfpa", "paralegal_association", None),
    "aapi": ("aapi", "paralegal_association", None),
    "nals": ("nals", "paralegal_association", None),
    "ocpa": ("ocpa", "paralegal_association", None),
    "txpd": ("txpd", "bar_association", None),
    "clio": ("clio", "commercial_vendor", None),
    "nbi": ("nbi", "commercial_vendor", None),
    "lorman": ("lorman", "commercial_vendor", None),
    "pli": ("pli", "commercial_vendor", None),
}


def ethics_counts(credential: str, record: dict) -> bool:
    """True when the oracle says the listing's ethics hours count for the credential."""
    provider = PROVIDERS.get(record.get("provider"))
    verdict = acceptance_oracle.verdict(credential, record, provider)
    if verdict != "counts":
        return False
    units = acceptance_oracle.units(credential, record, verdict) or {}
    return units.get("ethics", 0) > 0


def gives_needed_ethics(
    record: dict,
    end: date | None,
    ethics_due: Iterable[tuple[str, date | None]],
    acceptance_aware: bool,
) -> bool:
    """Whether a listing earns the +1 ethics-need grade.

    :param end: the day the listing ends (None: on demand, fits any deadline)
    :param ethics_due: (credential, cycle end) of each credential still
        needing ethics hours
    :param acceptance_aware: also require the hours to count (the oracle)
    """
    ethics = sum(c["hours"] for c in record["credits"] if c["category"] == "ethics")
    if ethics <= 0:
        return False
    return any(
        (end is None or due is None or end <= due)
        and (not acceptance_aware or ethics_counts(credential, record))
        for credential, due in ethics_due
    )
