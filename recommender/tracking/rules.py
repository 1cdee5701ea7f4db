"""Credential rules: load and check ``data/credentials.yaml`` (DESIGN.md section 3).

Each rule says how many hours a credential asks for, how its cycle is placed,
the minimum hours per category, caps, and where each fact comes from. A fact the
research did not establish is ``None`` here and "unknown" on screen.

Requirement keys: a requirement filled by several completed-entry categories
gets the key of those categories joined with ``_or_`` (California's "general or
specialized law" is ``general_or_specialized``); :func:`category_fills` reads a
key back into categories.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from catalog.paths import reference_path
from catalog.schema import CREDIT_CATEGORIES

from .rules_check import (
    SCHEMA_FILE,
    invariant_problem,
    rules_schema,
    schema_problem,
)

RULES_FILE = "credentials.yaml"
__all__ = [
    "SCHEMA_FILE",
    "Rule",
    "RulesError",
    "category_fills",
    "invariant_problem",
    "load_rules",
    "read_rules_data",
    "requirement_key",
    "rules_schema",
    "schema_problem",
]
#: The C YAML parser when PyYAML was built with it (five times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RulesError(ValueError):
    """The rules file is unreadable or breaks its schema (one-line message)."""


def category_fills(requirement_key: str) -> set[str]:
    """Return the listing credit categories that fill a requirement key.

    ``"general_or_specialized"`` -> ``{"general", "specialized"}``,
    ``"ethics"`` -> ``{"ethics"}``, ``"total"`` -> every category.
    """
    if requirement_key == "total":
        return set(CREDIT_CATEGORIES)
    parts = set(requirement_key.split("_or_"))
    unknown = parts - set(CREDIT_CATEGORIES)
    if unknown:
        raise ValueError(f"unknown requirement key {requirement_key!r}")
    return parts


def requirement_key(categories) -> str:
    """Return the key of a requirement filled by ``categories`` (vocabulary order)."""
    return "_or_".join(c for c in CREDIT_CATEGORIES if c in set(categories))


@dataclass(frozen=True)
class Match:
    """Which completed entries a cap, exclusion or advisory is about."""

    formats: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()

    def matches(self, entry_format: str | None, activity: str | None) -> bool:
        """True when the entry's format or activity is one this selector names."""
        return (entry_format is not None and entry_format in self.formats) or (
            activity is not None and activity in self.activities
        )


@dataclass(frozen=True)
class Requirement:
    """A minimum number of hours in one category (or a choice of categories)."""

    key: str
    counts: frozenset[str]
    label: str
    min_hours: float | None


@dataclass(frozen=True)
class Cap:
    """At most ``max_hours`` of matching entries count in one cycle."""

    match: Match
    max_hours: float
    what: str


@dataclass(frozen=True)
class NotAccepted:
    """Matching entries' ``category`` hours do not count there, but as general."""

    match: Match
    category: str
    message: str


@dataclass(frozen=True)
class Advisory:
    """A warning for matching entries; their hours still count."""

    match: Match
    message: str


@dataclass(frozen=True)
class Condition:
    """A format rule of acceptance: matching courses get ``verdict`` whatever else."""

    match: Match
    verdict: str  # does_not_count | unknown
    reason: str


@dataclass(frozen=True)
class Acceptance:
    """Which courses count for a credential (DESIGN.md section 5), as data.

    Read by :func:`recommender.acceptance.counts_toward` in field order:
    ``conditions``, stated ``approvals`` (the credential's own id always
    counts), ``providers``, ``sponsor_kinds`` (``court_or_government`` only for
    government employees when ``government_employees_only``), NFPA member
    associations, then ``otherwise_verdict`` with ``otherwise_reason``.
    """

    conditions: tuple[Condition, ...] = ()
    approvals: frozenset[str] = frozenset()
    providers: frozenset[str] = frozenset()
    sponsor_kinds: frozenset[str] = frozenset()
    nfpa_member_associations: bool = False
    government_employees_only: bool = False
    otherwise_verdict: str = "unknown"
    otherwise_reason: str = "the rule for which courses count was not established"
    #: the first approval id the rule names, to suggest on an entry (None: none)
    first_approval: str | None = None


@dataclass(frozen=True)
class CycleRule:
    """How long a cycle is and how it is placed on the calendar."""

    years: int | None
    placement: str
    anchor: date | None


@dataclass(frozen=True)
class Source:
    """A public page and the facts of the rule it supports."""

    url: str
    supports: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    """The CLE rule of one credential."""

    id: str
    name: str
    issuer: str
    jurisdiction: str
    kind: str
    total_hours: float | None
    cycle: CycleRule
    requirements: tuple[Requirement, ...]
    caps: tuple[Cap, ...]
    not_accepted: tuple[NotAccepted, ...]
    advisories: tuple[Advisory, ...]
    unit_name: str
    unit_minutes: int | None
    unit_rounding: str | None
    carry_over: str | None
    renewal: str | None
    notes: str | None
    sources: tuple[Source, ...]
    confidence: str
    field_confidence: dict = field(default_factory=dict, hash=False, compare=False)
    acceptance: Acceptance = field(default_factory=Acceptance)
    warnings: tuple[str, ...] = ()
    reviewed: date | None = None

    @property
    def needs_cycle_ends(self) -> bool:
        """True when the cycle ends on a date the paralegal must give."""
        return self.cycle.placement == "rolling"

    @property
    def units_per_hour(self) -> float:
        """Units of this rule in one 60-minute clock hour (1.2 for 50-minute credits).

        A unit whose length was not established counts one per clock hour; the
        rule's ``warnings`` say so.
        """
        return 60 / self.unit_minutes if self.unit_minutes else 1.0

    @property
    def unit_label(self) -> str:
        """The unit in words: "hour", "50-minute credit", "point", "credit"."""
        if self.unit_name == "hour" or self.unit_minutes is None:
            return self.unit_name
        return f"{self.unit_minutes}-minute {self.unit_name}"


def load_rules(path: str | Path | None = None, *, strict: bool | None = None):
    """Load the credential rules, keyed by id; raise :class:`RulesError` on bad data.

    :param path: a rules YAML file (default: ``data/credentials.yaml``).
    :param strict: check the whole file against its JSON Schema first. Default:
        only for a file other than the shipped one, which the test suite checks;
        the shipped file still gets the schema's message if it fails to load.
    :return: ``dict[str, Rule]`` in file order.
    """
    resolved = Path(path) if path else reference_path(RULES_FILE)
    if strict is None:
        strict = resolved.resolve() != reference_path(RULES_FILE).resolve()
    return dict(_load_cached(str(resolved.resolve()), strict))


@lru_cache(maxsize=8)
def _load_cached(path: str, strict: bool) -> tuple[tuple[str, Rule], ...]:
    data = read_rules_data(Path(path), strict=strict)
    reviewed = date.fromisoformat(str(data["reviewed"]))
    return tuple((raw["id"], _build_rule(raw, reviewed)) for raw in data["credentials"])


def read_rules_data(path: Path, *, strict: bool = True) -> dict:
    """Read the rules file as plain data, checked against its schema and invariants."""
    name = path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError as exc:
        raise RulesError(f"cannot read rules file {path}: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        detail = " ".join(str(exc).split())
        raise RulesError(f"{name}: not valid YAML ({detail})") from None
    try:
        problem = (schema_problem(data) if strict else None) or invariant_problem(data)
        if not problem:
            for raw in data["credentials"]:
                _build_rule(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problem = schema_problem(data) or f"cannot be read ({exc!r})"
    if problem:
        raise RulesError(f"{name}: {problem}")
    return data


def _build_acceptance(raw: dict) -> Acceptance:
    return Acceptance(
        conditions=tuple(
            Condition(_match(c["match"]), c["verdict"], c["reason"])
            for c in raw["conditions"]
        ),
        approvals=frozenset(raw["approvals"]),
        providers=frozenset(raw["providers"]),
        sponsor_kinds=frozenset(raw["sponsor_kinds"]),
        nfpa_member_associations=bool(raw["nfpa_member_associations"]),
        government_employees_only=bool(raw["government_employees_only"]),
        otherwise_verdict=raw["otherwise"]["verdict"],
        otherwise_reason=" ".join(raw["otherwise"]["reason"].split()),
        first_approval=raw["approvals"][0] if raw["approvals"] else None,
    )


def _build_rule(raw: dict, reviewed: date | None = None) -> Rule:
    cycle = raw["cycle"]
    anchor = date.fromisoformat(cycle["anchor"]) if cycle["anchor"] else None
    return Rule(
        id=raw["id"],
        name=raw["name"],
        issuer=raw["issuer"],
        jurisdiction=raw["jurisdiction"],
        kind=raw["kind"],
        total_hours=_number(raw["total_hours"]),
        cycle=CycleRule(cycle["years"], cycle["placement"], anchor),
        requirements=tuple(
            Requirement(
                key=requirement_key(r["counts"]),
                counts=frozenset(r["counts"]),
                label=r["label"],
                min_hours=_number(r["min_hours"]),
            )
            for r in raw["requirements"]
        ),
        caps=tuple(
            Cap(_match(c["match"]), float(c["max_hours"]), c["what"])
            for c in raw["caps"]
        ),
        not_accepted=tuple(
            NotAccepted(_match(n["match"]), n["category"], n["message"])
            for n in raw["not_accepted"]
        ),
        advisories=tuple(
            Advisory(_match(a["match"]), a["message"]) for a in raw["advisories"]
        ),
        unit_name=raw["unit"]["name"],
        unit_minutes=raw["unit"]["minutes"],
        unit_rounding=raw["unit"]["rounding"],
        carry_over=raw["carry_over"],
        renewal=raw["renewal"],
        notes=raw["notes"],
        sources=tuple(Source(s["url"], tuple(s["supports"])) for s in raw["sources"]),
        confidence=raw["confidence"],
        field_confidence=dict(raw["field_confidence"]),
        acceptance=_build_acceptance(raw["acceptance"]),
        warnings=tuple(" ".join(w.split()) for w in raw["warnings"]),
        reviewed=reviewed,
    )


def _match(raw: dict) -> Match:
    return Match(tuple(raw.get("format", ())), tuple(raw.get("activity", ())))


def _number(value) -> float | None:
    return None if value is None else float(value)
