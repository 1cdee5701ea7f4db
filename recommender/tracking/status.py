"""Remaining need per credential at a date (DESIGN.md sections 3 and 4): pure.

For one credential at ``as_of``:

- the current cycle is placed by :mod:`recommender.tracking.cycles`;
- a completed entry counts when it is dated inside the cycle and not after
  ``as_of`` (a later date is a warning, not a silent omission); one entry
  counts toward every credential held;
- an entry that names its ``provider``, ``format`` or ``approvals`` is checked
  by the credential's acceptance rule (:func:`recommender.acceptance.counts_toward`)
  and counts only when the verdict is ``counts``; an entry without them counts
  as the paralegal states it;
- clock hours become the rule's unit (a 50-minute credit is 1.2 per hour),
  rounded per entry; hours a rule does not accept in their category (Texas:
  self-study ethics) count as ``general``; caps drop matching units beyond the
  cap, in date order, trimming ``specialized`` first, then ``general``, then
  ``ethics``;
- ``remaining[key]`` is each known minimum's shortfall; a minimum believed to
  exist but not established is ``None`` in ``required`` and ``remaining``;
  ``remaining["total"] = max(total - earned total, sum of the known
  shortfalls)``, ``None`` when the total is not established;
- ``done`` is True when every requirement is known and met, False when a known
  one is unmet, None when the known ones are met and an unknown one remains.

Keys of ``required`` and ``remaining``: one per requirement of the rule (see
:func:`recommender.tracking.rules.category_fills`) and ``total``. ``earned``
has ``ethics``, ``general``, ``specialized``, any composite requirement key
and ``total``. All numbers are in the rule's unit (:attr:`CredentialStatus.unit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from catalog.schema import CREDIT_CATEGORIES
from recommender.acceptance import ProviderFacts, convert_hours, counts_toward

from .cycles import Cycle, fixed_cycle, rolling_cycle
from .profile import CompletedEntry, HeldCredential, Profile
from .rules import Rule, category_fills

#: Order in which a cap trims an entry's categories (ethics is the scarcest).
_TRIM_ORDER = ("specialized", "general", "ethics")
#: Rules reviewed longer ago than this get a "check the sources" warning.
STALE_AFTER_DAYS = 365

__all__ = [
    "CountedEntry",
    "CredentialStatus",
    "category_fills",
    "compute_status",
    "credential_status",
    "place_cycle",
]


@dataclass(frozen=True)
class CountedEntry:
    """A completed entry inside a cycle, with the units the rule counts from it."""

    entry: CompletedEntry
    hours: dict[str, float]

    @property
    def total(self) -> float:
        """The counted units in all categories."""
        return _round(sum(self.hours.values()))


@dataclass
class CredentialStatus:
    """Where one credential stands at a date: cycle, required, earned, remaining."""

    credential: str
    name: str
    cycle_start: date | None
    cycle_end: date | None
    days_left: int | None
    required: dict[str, float | None]
    earned: dict[str, float]
    remaining: dict[str, float | None]
    done: bool | None
    state: str
    confidence: str = ""
    warnings: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    entries: list[CountedEntry] = field(default_factory=list)
    unit: str = "hour"

    def to_json(self) -> dict:
        """Return the ``cle status --json`` object (DESIGN.md section 4)."""
        return {
            "credential": self.credential,
            "name": self.name,
            "cycle_start": _iso(self.cycle_start),
            "cycle_end": _iso(self.cycle_end),
            "days_left": self.days_left,
            "unit": self.unit,
            "required": dict(self.required),
            "earned": dict(self.earned),
            "remaining": dict(self.remaining),
            "done": self.done,
            "state": self.state,
            "confidence": self.confidence,
            "warnings": list(self.warnings),
        }


def compute_status(
    profile: Profile,
    rules: dict[str, Rule],
    as_of: date,
    facts: Mapping[str, ProviderFacts] | None = None,
) -> list[CredentialStatus]:
    """Return the status of every credential in the profile, in profile order.

    :param facts: provider facts for the acceptance check (default: the registry).
    """
    if facts is None:
        from recommender.acceptance import load_provider_facts

        facts = load_provider_facts()
    employee = getattr(profile, "government_employee", None)
    return [
        credential_status(
            held, rules[held.id], profile.completed, as_of, facts, employee
        )
        for held in profile.credentials
    ]


def credential_status(
    held: HeldCredential,
    rule: Rule,
    completed,
    as_of: date,
    facts: Mapping[str, ProviderFacts] | None = None,
    government_employee: bool | None = None,
) -> CredentialStatus:
    """Return where one credential stands at ``as_of`` given the completed entries."""
    warnings = _rule_warnings(rule, as_of)
    cycle = place_cycle(rule, held.cycle_ends, as_of, warnings)
    for entry in completed:
        if entry.date > as_of:
            warnings.append(
                f"{rule.id}: {_label(entry)} is dated after {as_of}: not counted "
                "(correct its date if you have taken it)"
            )
    inside = [
        e
        for e in completed
        if e.date <= as_of and (cycle is None or cycle.start <= e.date)
    ]
    accepted = _accepted(rule, inside, facts or {}, government_employee, warnings)
    counted = count_entries(rule, accepted, warnings)
    earned = {
        c: _round(sum(ce.hours.get(c, 0.0) for ce in counted))
        for c in CREDIT_CATEGORIES
    }
    earned_total = _round(sum(earned.values()))
    required, remaining, labels = _need(rule, earned, earned_total)
    for req in rule.requirements:
        earned.setdefault(req.key, _round(sum(earned[c] for c in req.counts)))
    earned["total"] = earned_total
    done = _done(required, remaining)
    _explain_unknowns(rule, required, remaining, done, labels, warnings)
    return CredentialStatus(
        credential=rule.id,
        name=rule.name,
        cycle_start=cycle.start if cycle else None,
        cycle_end=cycle.end if cycle else None,
        days_left=cycle.days_left(as_of) if cycle else None,
        required=required,
        earned=earned,
        remaining=remaining,
        done=done,
        state=_state(done, rule.total_hours, earned_total, cycle, as_of),
        confidence=rule.confidence,
        warnings=warnings,
        labels=labels,
        entries=counted,
        unit=rule.unit_label,
    )


def _rule_warnings(rule: Rule, as_of: date) -> list[str]:
    warnings = [f"{rule.id}: {warning}" for warning in rule.warnings]
    if rule.reviewed and (as_of - rule.reviewed).days > STALE_AFTER_DAYS:
        warnings.append(
            f"{rule.id}: these rules were last reviewed on {rule.reviewed}, over a "
            "year ago; check the sources in data/credentials.yaml"
        )
    return warnings


def _accepted(rule, entries, facts, government_employee, warnings) -> list:
    """The entries whose hours count: as stated, or by a ``counts`` verdict."""
    kept = []
    for entry in entries:
        if entry.checkable:
            provider = facts.get(entry.provider or "")
            verdict = counts_toward(
                rule, entry.as_course(), provider,
                government_employee=government_employee,
            )  # fmt: skip
            if not verdict.counts:
                warnings.append(
                    f"{rule.id}: {_label(entry)} is not counted: {verdict.reason}"
                    + _hint(rule, verdict.verdict)
                )
                continue
        kept.append(entry)
    return kept


def _hint(rule: Rule, verdict: str) -> str:
    if verdict in ("counts_if_approved", "unknown"):
        approval = rule.acceptance.first_approval or rule.id
        return (
            " (if its certificate states that approval, add "
            f'approvals = ["{approval}"] to the entry)'
        )
    return ""


def place_cycle(
    rule: Rule, cycle_ends: date | None, as_of: date, warnings: list[str]
) -> Cycle | None:
    """Return the cycle of ``rule`` containing ``as_of``; None when not established."""
    years = rule.cycle.years
    if years is None:
        warnings.append(
            f"{rule.id}: the cycle is not established; counting every entry"
        )
        return None
    if cycle_ends is not None:
        cycle = rolling_cycle(cycle_ends, years, as_of)
        if cycle.end > cycle_ends:
            warnings.append(
                f"{rule.id}: cycle_ends {cycle_ends} has passed; counting the next "
                f"cycle, to {cycle.end} (update cycle_ends once you renew)"
            )
        if rule.cycle.placement == "fixed":
            grid = fixed_cycle(rule.cycle.anchor, years, as_of)
            if grid != cycle:
                warnings.append(
                    f"{rule.id}: cycle_ends {cycle_ends} is off the rule's fixed cycle "
                    f"({grid.start} to {grid.end}); using your date"
                )
        return cycle
    if rule.cycle.placement == "fixed":
        return fixed_cycle(rule.cycle.anchor, years, as_of)
    warnings.append(f"{rule.id}: no cycle_ends given; add it to the profile")
    return None


def count_entries(rule: Rule, entries, warnings: list[str]) -> list[CountedEntry]:
    """Convert, exclude and cap the entries' hours in date order; warn about each."""
    used = [0.0] * len(rule.caps)
    counted: list[CountedEntry] = []
    for entry in sorted(entries, key=lambda e: (e.date, e.title)):
        hours = convert_hours(rule, {c: h for c, h in entry.credits.items() if h > 0})
        hours = {c: h for c, h in hours.items() if h > 0}
        label = _label(entry)
        for rule_out in rule.not_accepted:
            moved = hours.get(rule_out.category, 0.0)
            if moved and rule_out.match.matches(entry.format, entry.activity):
                del hours[rule_out.category]
                hours["general"] = hours.get("general", 0.0) + moved
                warnings.append(
                    f"{rule.id}: {label}: {rule_out.message}; its "
                    f"{_amount(moved, rule)} of {rule_out.category} count as general"
                )
        for index, cap in enumerate(rule.caps):
            if not cap.match.matches(entry.format, entry.activity):
                continue
            room = max(cap.max_hours - used[index], 0.0)
            excess = _round(sum(hours.values()) - room)
            if excess > 0:
                _trim(hours, excess)
                warnings.append(
                    f"{rule.id}: {label}: {_amount(excess, rule)} over the "
                    f"{_fmt(cap.max_hours)}-{rule.unit_label} cap on {cap.what} "
                    "do not count"
                )
            used[index] += sum(hours.values())
        for advisory in rule.advisories:
            if advisory.match.matches(entry.format, entry.activity):
                warnings.append(f"{rule.id}: {label}: {advisory.message}")
        counted.append(CountedEntry(entry, {c: _round(h) for c, h in hours.items()}))
    return counted


def _trim(hours: dict[str, float], excess: float) -> None:
    for category in _TRIM_ORDER:
        if excess <= 0:
            return
        cut = min(hours.get(category, 0.0), excess)
        if cut:
            hours[category] -= cut
            excess -= cut
            if hours[category] <= 1e-9:
                del hours[category]


def _need(rule: Rule, earned: dict[str, float], earned_total: float):
    required: dict[str, float | None] = {}
    remaining: dict[str, float | None] = {}
    labels: dict[str, str] = {}
    for req in rule.requirements:
        labels[req.key] = req.label
        required[req.key] = req.min_hours
        got = sum(earned[c] for c in req.counts)
        remaining[req.key] = (
            None if req.min_hours is None else _round(max(req.min_hours - got, 0.0))
        )
    labels["total"] = "total"
    required["total"] = rule.total_hours
    if rule.total_hours is None:
        remaining["total"] = None
    else:
        shortfalls = sum(v for v in remaining.values() if v is not None)
        remaining["total"] = _round(
            max(rule.total_hours - earned_total, shortfalls, 0.0)
        )
    return required, remaining, labels


def _done(required: dict, remaining: dict) -> bool | None:
    if any(value is not None and value > 0 for value in remaining.values()):
        return False
    if any(value is None for value in required.values()):
        return None
    return True


def _explain_unknowns(rule, required, remaining, done, labels, warnings) -> None:
    if rule.total_hours is None:
        warnings.append(
            f"{rule.id}: the {rule.unit_label}s required are not established; "
            "ask the issuer"
        )
    unknown = [labels[k] for k, v in required.items() if v is None and k != "total"]
    if unknown and done is None and rule.total_hours is not None:
        warnings.append(
            f"{rule.id}: the known minimums are met, but the {', '.join(unknown)} "
            "minimum is not established; ask the issuer before you count yourself done"
        )


def _state(
    done: bool | None,
    total: float | None,
    earned: float,
    cycle: Cycle | None,
    as_of: date,
) -> str:
    if done:
        return "done"
    if done is None or total is None or cycle is None:
        return "unknown"
    elapsed = (as_of - cycle.start).days + 1
    length = (cycle.end - cycle.start).days + 1
    return "behind" if earned < total * elapsed / length else "on track"


def _label(entry: CompletedEntry) -> str:
    return f"{entry.title!r} ({entry.date})"


def _round(value: float) -> float:
    return round(value, 2) + 0.0


def _fmt(value: float) -> str:
    return f"{value:g}"


def _amount(value: float, rule: Rule) -> str:
    unit = rule.unit_label
    return f"{value:g} {unit}" if value == 1 else f"{value:g} {unit}s"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
