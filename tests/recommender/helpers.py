"""Small builders shared by the recommender tests: listings, profiles, statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Status:
    """A stand-in for ``CredentialStatus`` with only what ranking reads."""

    credential: str
    remaining: dict
    cycle_end: date | None = None
    name: str = ""
    done: bool = False


@dataclass
class Entry:
    """A completed course (title, course id)."""

    title: str
    course_id: str | None = None


@dataclass
class Person:
    """A stand-in for ``Profile``."""

    practice_areas: tuple = ()
    skill_gaps: tuple = ()
    prefer_free: bool = True
    memberships: tuple = ()
    formats: tuple | None = None
    completed: tuple = ()
    credentials: tuple = ()
    name: str = "Test"
    extra: dict = field(default_factory=dict)


def fills(key: str) -> set[str]:
    """Requirement key -> categories, as the tracking rules define it."""
    if key == "total":
        return {"ethics", "general", "specialized"}
    return set(key.split("_or_"))


def listing(number: int, **fields) -> dict:
    """A valid listing with sensible defaults; ``fields`` override them."""
    record = {
        "id": f"prov:course-{number}",
        "course_id": f"prov:course-{number}",
        "provider": "prov",
        "title": f"Course {number}",
        "url": f"https://example.org/{number}",
        "format": "on_demand",
        "credits": [{"category": "general", "hours": 1.0}],
        "price_usd": 0,
        "status": "active",
    }
    record.update(fields)
    return record
