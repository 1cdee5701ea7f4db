"""Checks of the credential rules file: its JSON Schema and cross-field invariants.

Every number needs a source naming it, category minimums fit inside the total,
fixed cycles are anchored; :func:`schema_problem` and :func:`invariant_problem`
return the first problem as one line, or None.
"""

from __future__ import annotations

import json

from catalog.paths import reference_path
from catalog.schema import CREDIT_CATEGORIES

SCHEMA_FILE = "credentials.schema.json"


def _key(categories) -> str:
    return "_or_".join(c for c in CREDIT_CATEGORIES if c in set(categories))


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
    keys = [_key(r["counts"]) for r in raw["requirements"]]
    if len(set(keys)) != len(keys):
        return "two requirements fill the same categories"
    counted = [c for r in raw["requirements"] for c in r["counts"]]
    if len(set(counted)) != len(counted):
        return "requirements must fill disjoint categories"
    minimums = [r["min_hours"] for r in raw["requirements"] if r["min_hours"]]
    total = raw["total_hours"]
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
        "acceptance": _states_acceptance(raw["acceptance"]),
        "warnings": bool(raw["warnings"]),
    }
    for fact, present in numbers.items():
        if present and fact not in supported:
            return f"no source supports {fact}"
    return None


def _states_acceptance(raw: dict) -> bool:
    """True when an acceptance block says more than "not established"."""
    return bool(
        raw["conditions"]
        or raw["approvals"]
        or raw["providers"]
        or raw["sponsor_kinds"]
        or raw["otherwise"]["verdict"] != "unknown"
    )
