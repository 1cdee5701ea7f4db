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

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from catalog.paths import reference_path
from catalog.schema import CREDIT_CATEGORIES

RULES_FILE = "credentials.yaml"
SCHEMA_FILE = "credentials.schema.json"
#: Cycle placements: issuer calendar, a date the paralegal gives, not established.
PLACEMENTS = ("fixed", "rolling", "unknown")
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

    @property
    def needs_cycle_ends(self) -> bool:
        """True when the cycle ends on a date the paralegal must give."""
        return self.cycle.placement == "rolling"


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
    return tuple((raw["id"], _build_rule(raw)) for raw in data["credentials"])


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


def rules_schema() -> dict:
    """Return the JSON Schema of the rules file."""
    return json.loads(reference_path(SCHEMA_FILE).read_text(encoding="utf-8"))


def schema_problem(data) -> str | None:
    """Return the first schema violation of rules data as one line, or None."""
    import jsonschema  # imported here: only loading the rules pays for it

    validator = jsonschema.Draft202012Validator(rules_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if not errors:
        return None
    error = errors[0]
    where = "".join(
        f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
    ).lstrip(".")
    return f"{where or 'top level'}: {error.message}"


def invariant_problem(data: dict) -> str | None:
    """Return the first broken cross-field rule of valid-schema data, or None."""
    seen: set[str] = set()
    for index, raw in enumerate(data["credentials"]):
        where = f"credentials[{index}] ({raw['id']})"
        if raw["id"] in seen:
            return f"{where}: duplicate id"
        seen.add(raw["id"])
        problem = _rule_problem(raw)
        if problem:
            return f"{where}: {problem}"
    return None


def _rule_problem(raw: dict) -> str | None:
    cycle = raw["cycle"]
    if cycle["placement"] == "fixed" and (
        cycle["anchor"] is None or not cycle["years"]
    ):
        return "a fixed cycle needs years and an anchor date"
    if cycle["placement"] != "fixed" and cycle["anchor"] is not None:
        return "only a fixed cycle has an anchor date"
    if cycle["placement"] == "rolling" and not cycle["years"]:
        return "a rolling cycle needs years"
    keys = [requirement_key(r["counts"]) for r in raw["requirements"]]
    if len(set(keys)) != len(keys):
        return "two requirements fill the same categories"
    counted = [c for r in raw["requirements"] for c in r["counts"]]
    if len(set(counted)) != len(counted):
        return "requirements must fill disjoint categories"
    minimums = [r["min_hours"] for r in raw["requirements"]]
    total = raw["total_hours"]
    if total is not None and None in minimums:
        return "a category minimum may be unknown only when total_hours is unknown"
    if total is not None and sum(minimums) > total:
        return "category minimums add up to more than total_hours"
    return _sources_problem(raw)


def _sources_problem(raw: dict) -> str | None:
    supported = {fact for source in raw["sources"] for fact in source["supports"]}
    numbers = {
        "total_hours": raw["total_hours"] is not None,
        "cycle": raw["cycle"]["years"] is not None,
        "requirements": any(r["min_hours"] is not None for r in raw["requirements"]),
        "caps": bool(raw["caps"]),
        "not_accepted": bool(raw["not_accepted"]),
        "unit": raw["unit"]["minutes"] is not None,
    }
    for fact, present in numbers.items():
        if present and fact not in supported:
            return f"no source supports {fact}"
    return None


def _build_rule(raw: dict) -> Rule:
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
    )


def _match(raw: dict) -> Match:
    return Match(tuple(raw.get("format", ())), tuple(raw.get("activity", ())))


def _number(value) -> float | None:
    return None if value is None else float(value)
