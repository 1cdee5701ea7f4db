"""Does a course count for a credential? One pure decision (DESIGN.md section 5).

:func:`counts_toward` reads three kinds of data: the credential's acceptance
rule (``acceptance:`` beside its hours in ``data/credentials.yaml``), the
provider's facts (``sponsor_kind``, for paralegal associations
``nfpa_member``, and ``provider_approvals`` when the provider itself is an
approved provider of a body, e.g. ``[ca-mcle]``, in ``data/providers.yml``;
``$CLE_PROVIDERS`` names another registry) and the course's own stated
``approvals``. It returns a :class:`Verdict`:

- ``does_not_count``: the listing carries no CLE credit, or a format rule
  excludes it;
- ``counts``: a stated approval the credential accepts, the provider's own
  CLE, an accepted sponsor kind, or a credential that accepts relevant CLE
  without pre-approval (NALA, NALS);
- ``counts_if_approved``: it counts only after an approval still to be
  obtained; the reason says from whom ("only after NFPA approves it — apply
  before you renew");
- ``unknown``: the rule or a fact it needs is not established (California
  when no MCLE approval is stated; a government agency's CLE for NFPA when it
  is not known whether the paralegal is a government employee).

Units: hours in listings and profiles are 60-minute clock hours; a credential
counting 50-minute credits gets 1.2 per hour. Then the rule's rounding
(per course), its exclusions (Texas: self-study ethics counts as general) and
its caps (at most ``max_hours`` of matching courses; a single course is cut
to the cap, the running total over a cycle is the status's job) apply.
``hours`` is None when the course states no hours.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from catalog.paths import reference_path
from catalog.schema import CREDIT_CATEGORIES

VERDICTS = ("counts", "counts_if_approved", "does_not_count", "unknown")
SPONSOR_KINDS = (
    "bar_association",
    "paralegal_association",
    "certifying_body",
    "commercial_vendor",
    "court_or_government",
    "law_school",
)
#: Order in which a cap trims a course's categories (ethics is the scarcest).
_TRIM_ORDER = ("specialized", "general", "ethics")
#: Approval ids in words, for reasons ("approved for California MCLE").
_APPROVAL_WORDS = {
    "ca-mcle": "California MCLE",
    "nala": "NALA",
    "nala-cp": "NALA",
    "nfpa": "NFPA",
    "nfpa-rp": "NFPA",
    "nfpa-crp": "NFPA",
    "aapi": "AAPI",
    "aapi-aacp": "AAPI",
    "tx-mcle": "State Bar of Texas MCLE",
    "tx-sbot-pd": "the State Bar of Texas Paralegal Division",
    "tx-tbls": "TBLS",
    "nc-cle": "NC lawyer CLE",
    "sc-cle": "SC lawyer CLE",
    "ut-mcle": "Utah MCLE",
    "wa-mcle": "Washington MCLE",
}
_KIND_WORDS = {
    "bar_association": "a bar association",
    "paralegal_association": "a paralegal association",
    "court_or_government": "a court or government agency",
}


@dataclass(frozen=True)
class ProviderFacts:
    """What the acceptance rules need to know about a provider (its registry entry)."""

    slug: str
    name: str = ""
    sponsor_kind: str | None = None
    nfpa_member: bool | None = None
    #: approval ids the provider holds as an approved provider (e.g. "ca-mcle")
    approvals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """Whether a course counts toward one credential, the units it adds, and why."""

    credential: str
    verdict: str  # counts | counts_if_approved | does_not_count | unknown
    hours: float | None  # units added after conversion and caps; None = not stated
    categories: dict[str, float] = field(default_factory=dict, hash=False)
    reason: str = ""

    @property
    def counts(self) -> bool:
        """True only for the verdict ``counts``."""
        return self.verdict == "counts"

    def to_json(self) -> dict:
        """The ``counts_toward`` object of ``recommend --json`` (DESIGN.md s. 4)."""
        return {
            "credential": self.credential,
            "verdict": self.verdict,
            "hours": self.hours,
            "reason": self.reason,
        }


def load_provider_facts(path: str | Path | None = None) -> dict[str, ProviderFacts]:
    """Read each provider's sponsor facts from the registry, keyed by slug.

    A missing ``sponsor_kind`` or ``nfpa_member`` stays None (unknown); a
    registry that cannot be read gives no facts, so every sponsor is unknown.
    """
    env = os.environ.get("CLE_PROVIDERS")
    source = (
        Path(path) if path else Path(env) if env else reference_path("providers.yml")
    )
    try:
        return dict(_read_facts(str(source), source.stat().st_mtime_ns))
    except (
        OSError,
        UnicodeDecodeError,
        yaml.YAMLError,
        AttributeError,
        KeyError,
        TypeError,
    ):
        return {}


@lru_cache(maxsize=4)
def _read_facts(path: str, _mtime: int) -> tuple[tuple[str, ProviderFacts], ...]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    facts = []
    for entry in data.get("providers") or []:
        kind = entry.get("sponsor_kind")
        member = entry.get("nfpa_member")
        approvals = entry.get("provider_approvals") or ()
        facts.append(
            (
                entry["slug"],
                ProviderFacts(
                    slug=entry["slug"],
                    name=str(entry.get("name") or entry["slug"]),
                    sponsor_kind=kind if kind in SPONSOR_KINDS else None,
                    nfpa_member=member if isinstance(member, bool) else None,
                    approvals=tuple(str(a) for a in approvals),
                ),
            )
        )
    return tuple(facts)


def verdicts(
    rules: Sequence,
    course: Mapping,
    facts: Mapping[str, ProviderFacts],
    *,
    government_employee: bool | None = None,
) -> list[Verdict]:
    """One :class:`Verdict` per credential rule, in the order of ``rules``."""
    provider = facts.get(course.get("provider") or "")
    return [
        counts_toward(rule, course, provider, government_employee=government_employee)
        for rule in rules
    ]


def counts_toward(
    rule,
    course: Mapping,
    provider: ProviderFacts | None,
    *,
    government_employee: bool | None = None,
) -> Verdict:
    """Decide whether ``course`` counts toward the credential of ``rule``.

    :param rule: a :class:`recommender.tracking.rules.Rule`.
    :param course: an interchange record, or a profile ``[[completed]]`` entry
        (``credits`` as a table of hours by category).
    :param provider: the facts of the course's provider; None when unknown.
    :param government_employee: whether the paralegal works for a government
        agency (NFPA accepts agencies' CLE only for them); None = not known.
    """
    if course.get("credit_status") == "none":
        return Verdict(rule.id, "does_not_count", 0.0, {}, "it carries no CLE credit")
    categories, notes = course_units(rule, course)
    verdict, reason = _decide(rule, course, provider, government_employee)
    if verdict == "does_not_count":
        return Verdict(rule.id, verdict, 0.0, {}, reason)
    if course.get("credit_status") == "pending" and verdict != "counts":
        reason += "; its credit approval is still pending"
    if categories is None:
        reason += "; its hours are not stated"
        return Verdict(rule.id, verdict, None, {}, reason)
    hours = round(sum(categories.values()), 2) + 0.0
    return Verdict(rule.id, verdict, hours, categories, "; ".join([reason, *notes]))


def _decide(rule, course: Mapping, provider, government_employee) -> tuple[str, str]:
    accept = rule.acceptance
    fmt, activity = course.get("format"), course.get("activity")
    for condition in accept.conditions:
        if condition.match.matches(fmt, activity):
            return condition.verdict, condition.reason
    stated = set(course.get("approvals") or ())
    approved = sorted(stated & (accept.approvals | {rule.id}))
    slug = course.get("provider")
    name = (provider.name if provider else None) or slug or "the provider"
    held = set(provider.approvals if provider else ()) & (accept.approvals | {rule.id})
    if approved or held:
        words = {**_APPROVAL_WORDS, rule.id: _APPROVAL_WORDS.get(rule.id, rule.name)}
        bodies = " and ".join(sorted({words.get(a, a) for a in approved or held}))
        if approved:
            return "counts", f"approved for {bodies} credit (as stated)"
        return "counts", f"{name} is an approved {bodies} provider"
    if slug and slug in accept.providers:
        return "counts", f"{name}'s own CLE is accepted without an application"
    kind = provider.sponsor_kind if provider else None
    fallback = accept.otherwise_verdict, accept.otherwise_reason
    if kind in accept.sponsor_kinds:
        if kind == "court_or_government" and accept.government_employees_only:
            return _government(government_employee, fallback)
        return "counts", f"CLE of {_KIND_WORDS.get(kind, kind)} is accepted as such"
    if kind == "paralegal_association" and accept.nfpa_member_associations:
        if provider.nfpa_member:
            return "counts", f"{name} is an NFPA member association"
        if provider.nfpa_member is None:
            verdict, reason = fallback
            return verdict, (
                f"it is not known whether {name} is an NFPA member association "
                f"(their CLE needs no application); otherwise {reason}"
            )
    return fallback


def _government(employee: bool | None, fallback: tuple[str, str]) -> tuple[str, str]:
    if employee:
        return "counts", "a court's or government agency's CLE counts for you"
    if employee is None:
        return "unknown", (
            "a government agency's CLE counts only for government employees "
            "(a court's for everyone); add government_employee = true or false "
            f"to the profile; otherwise {fallback[1]}"
        )
    return fallback


def course_units(rule, course: Mapping) -> tuple[dict[str, float] | None, list[str]]:
    """The units a course adds toward ``rule`` per category, and notes on changes.

    Converts clock hours to the rule's unit, rounds per course, moves hours
    the rule does not accept in their category to ``general`` and cuts the
    course to each matching cap. None when the course states no hours.
    """
    hours = clock_hours(course)
    if hours is None:
        return None, []
    notes: list[str] = []
    units = convert_hours(rule, hours)
    fmt, activity = course.get("format"), course.get("activity")
    for rule_out in rule.not_accepted:
        moved = (
            units.pop(rule_out.category, 0.0)
            if rule_out.match.matches(fmt, activity)
            else 0.0
        )
        if moved:
            units["general"] = units.get("general", 0.0) + moved
            notes.append(
                f"{rule_out.message}: its {rule_out.category} counts as general"
            )
    for cap in rule.caps:
        excess = sum(units.values()) - cap.max_hours
        if cap.match.matches(fmt, activity) and excess > 1e-9:
            _trim(units, excess)
            notes.append(f"at most {cap.max_hours:g} of {cap.what} count")
    return {
        c: round(units[c], 2) + 0.0 for c in CREDIT_CATEGORIES if units.get(c)
    }, notes


def convert_hours(rule, hours: Mapping[str, float]) -> dict[str, float]:
    """Clock hours by category in the rule's unit, rounded as the rule rounds."""
    factor = rule.units_per_hour
    return {c: _rounded(h * factor, rule.unit_rounding) for c, h in hours.items()}


def clock_hours(course: Mapping) -> dict[str, float] | None:
    """A course's stated clock hours by category; None when it states none.

    Reads interchange ``credits`` (a list of ``{category, hours}``) or a profile
    entry's table of hours; a bare ``total_hours`` counts as general.
    """
    credits = course.get("credits")
    hours: dict[str, float] = {}
    if isinstance(credits, Mapping):
        pairs = list(credits.items())
    else:
        pairs = [(c.get("category"), c.get("hours")) for c in credits or ()]
    for category, value in pairs:
        if category in CREDIT_CATEGORIES and _number(value) is not None:
            hours[category] = hours.get(category, 0.0) + max(float(value), 0.0)
    if hours:
        return hours
    total = _number(course.get("total_hours"))
    if total is not None and total > 0:
        return {"general": total}
    return {} if total == 0 else None


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _rounded(value: float, rounding: str | None) -> float:
    if rounding == "nearest_quarter":
        return math.floor(value * 4 + 0.5) / 4
    if rounding == "down_quarter":
        return math.floor(value * 4 + 1e-9) / 4
    return round(value, 2)


def _trim(units: dict[str, float], excess: float) -> None:
    for category in _TRIM_ORDER:
        cut = min(units.get(category, 0.0), excess)
        if cut > 0:
            units[category] -= cut
            excess -= cut
            if units[category] <= 1e-9:
                del units[category]
