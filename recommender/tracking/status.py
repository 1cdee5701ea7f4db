"""Remaining need per credential at a date (DESIGN.md section 3): pure computation.

For one credential at ``as_of``:

- the current cycle is placed by :mod:`recommender.tracking.cycles`;
- a completed entry counts when it is dated inside the cycle and not after
  ``as_of``; one entry counts toward every credential held;
- hours a rule does not accept in their category (Texas: self-study ethics)
  count as ``general``; caps drop matching hours beyond the cap, in date order,
  trimming ``specialized`` first, then ``general``, then ``ethics``;
- ``remaining[key]`` is each category minimum's shortfall, and
  ``remaining["total"] = max(total - earned total, sum of the shortfalls)``.

Keys of ``required`` and ``remaining``: one per requirement of the rule (see
:func:`recommender.tracking.rules.category_fills`), always ``ethics``, and
``total``. ``earned`` has ``ethics``, ``general``, ``specialized``, any
composite requirement key and ``total``. A value the research did not establish
is ``None``: when a rule's total is unknown, ``remaining["total"]`` and every
minimum without a number are ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from catalog.schema import CREDIT_CATEGORIES

from .cycles import Cycle, fixed_cycle, rolling_cycle
from .profile import CompletedEntry, HeldCredential, Profile
from .rules import Rule, category_fills

#: Order in which a cap trims an entry's categories (ethics is the scarcest).
_TRIM_ORDER = ("specialized", "general", "ethics")

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
    """A completed entry inside a cycle, with the hours the rule counts from it."""

    entry: CompletedEntry
    hours: dict[str, float]

    @property
    def total(self) -> float:
        """The counted hours in all categories."""
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
    done: bool
    state: str
    confidence: str = ""
    warnings: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    entries: list[CountedEntry] = field(default_factory=list)

    def to_json(self) -> dict:
        """Return the ``cle status --json`` object (DESIGN.md section 4)."""
        return {
            "credential": self.credential,
            "name": self.name,
            "cycle_start": _iso(self.cycle_start),
            "cycle_end": _iso(self.cycle_end),
            "days_left": self.days_left,
            "required": dict(self.required),
            "earned": dict(self.earned),
            "remaining": dict(self.remaining),
            "done": self.done,
            "state": self.state,
            "confidence": self.confidence,
            "warnings": list(self.warnings),
        }


def compute_status(
    profile: Profile, rules: dict[str, Rule], as_of: date
) -> list[CredentialStatus]:
    """Return the status of every credential in the profile, in profile order."""
    return [
        credential_status(held, rules[held.id], profile.completed, as_of)
        for held in profile.credentials
    ]


def credential_status(
    held: HeldCredential, rule: Rule, completed, as_of: date
) -> CredentialStatus:
    """Return where one credential stands at ``as_of`` given the completed entries."""
    warnings: list[str] = []
    cycle = place_cycle(rule, held.cycle_ends, as_of, warnings)
    if cycle is None:
        inside = [e for e in completed if e.date <= as_of]
    else:
        inside = [e for e in completed if cycle.start <= e.date <= as_of]
    counted = count_entries(rule, inside, warnings)
    earned = {
        c: _round(sum(ce.hours.get(c, 0.0) for ce in counted))
        for c in CREDIT_CATEGORIES
    }
    earned_total = _round(sum(earned.values()))
    required, remaining, labels = _need(rule, earned, earned_total)
    for req in rule.requirements:
        earned.setdefault(req.key, _round(sum(earned[c] for c in req.counts)))
    earned["total"] = earned_total
    if rule.total_hours is None:
        warnings.append(
            f"{rule.id}: the hours required are not established; ask the issuer"
        )
    done = remaining["total"] == 0
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
    )


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
    """Apply the rule's exclusions and caps to entries; warn about each adjustment."""
    used = [0.0] * len(rule.caps)
    counted: list[CountedEntry] = []
    for entry in sorted(entries, key=lambda e: (e.date, e.title)):
        hours = {c: h for c, h in entry.credits.items() if h > 0}
        label = f"{entry.title!r} ({entry.date})"
        for rule_out in rule.not_accepted:
            moved = hours.get(rule_out.category, 0.0)
            if moved and rule_out.match.matches(entry.format, entry.activity):
                del hours[rule_out.category]
                hours["general"] = hours.get("general", 0.0) + moved
                warnings.append(
                    f"{rule.id}: {label}: {rule_out.message}; its "
                    f"{_hours(moved)} of {rule_out.category} count as general"
                )
        for index, cap in enumerate(rule.caps):
            if not cap.match.matches(entry.format, entry.activity):
                continue
            room = max(cap.max_hours - used[index], 0.0)
            excess = _round(sum(hours.values()) - room)
            if excess > 0:
                _trim(hours, excess)
                warnings.append(
                    f"{rule.id}: {label}: {_hours(excess)} over the "
                    f"{_fmt(cap.max_hours)}-hour cap on {cap.what} do not count"
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
    unknown_total = rule.total_hours is None
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
    if "ethics" not in required:
        required["ethics"] = None if unknown_total else 0.0
        remaining["ethics"] = None if unknown_total else 0.0
        labels["ethics"] = "ethics"
    labels["total"] = "total"
    required["total"] = rule.total_hours
    if unknown_total:
        remaining["total"] = None
    else:
        shortfalls = sum(v for v in remaining.values() if v is not None)
        remaining["total"] = _round(
            max(rule.total_hours - earned_total, shortfalls, 0.0)
        )
    return required, remaining, labels


def _state(
    done: bool, total: float | None, earned: float, cycle: Cycle | None, as_of: date
) -> str:
    if done:
        return "done"
    if total is None or cycle is None:
        return "unknown"
    elapsed = (as_of - cycle.start).days + 1
    length = (cycle.end - cycle.start).days + 1
    return "behind" if earned < total * elapsed / length else "on track"


def _round(value: float) -> float:
    return round(value, 2) + 0.0


def _fmt(value: float) -> str:
    return f"{value:g}"


def _hours(value: float) -> str:
    return f"{value:g} hour" if value == 1 else f"{value:g} hours"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
