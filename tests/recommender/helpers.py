"""Small builders shared by the recommender tests: listings, profiles, statuses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from recommender.needs import listing_hours
from recommender.tracking.profile import CompletedEntry, Profile
from recommender.tracking.status import CredentialStatus


def Person(**fields) -> Profile:  # noqa: N802 - reads like the class it builds
    """A ``Profile`` with test defaults (name "Test")."""
    fields.setdefault("name", "Test")
    return Profile(**fields)


def Entry(title: str, course_id: str | None = None) -> CompletedEntry:  # noqa: N802
    """A completed course with no hours (title, course id)."""
    return CompletedEntry(title, date(2026, 1, 5), {}, course_id)


def Status(  # noqa: N802
    credential: str,
    remaining: dict,
    cycle_end: date | None = None,
    name: str = "",
    done: bool | None = False,
) -> CredentialStatus:
    """A ``CredentialStatus`` with only what ranking and planning read filled in."""
    return CredentialStatus(
        credential=credential,
        name=name,
        cycle_start=None,
        cycle_end=cycle_end,
        days_left=None,
        required=dict(remaining),
        earned={},
        remaining=dict(remaining),
        done=done,
        state="",
    )


@dataclass(frozen=True)
class FakeVerdict:
    """A verdict with the fields of ``acceptance.Verdict``."""

    credential: str
    verdict: str
    hours: float | None
    categories: dict = field(default_factory=dict, hash=False)
    reason: str = ""

    def to_json(self) -> dict:
        """The ``counts_toward`` object."""
        return {
            "credential": self.credential,
            "verdict": self.verdict,
            "hours": self.hours,
            "reason": self.reason,
        }


@dataclass
class StatedJudge:
    """Every listing counts, with its stated hours, except where ``rulings`` say.

    :param rulings: ``(listing id, credential) -> verdict`` for the exceptions
    """

    credentials: tuple[str, ...]
    rulings: dict = field(default_factory=dict)

    def verdicts(self, listing) -> tuple[FakeVerdict, ...]:
        """One verdict per credential."""
        hours = {c: h for c, h in listing_hours(listing).items() if h}
        found = []
        for credential in self.credentials:
            verdict = self.rulings.get((listing["id"], credential), "counts")
            # As acceptance.Verdict: units after conversion for any verdict
            # but does_not_count (they would count once approved).
            counting = {} if verdict == "does_not_count" else hours
            total = sum(counting.values())
            found.append(
                FakeVerdict(credential, verdict, total, counting, f"{verdict} (test)")
            )
        return tuple(found)


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


def stated(statuses, rulings: dict | None = None) -> dict:
    """``rank`` options for test statuses: the test categories, stated hours count."""
    credentials = tuple(s.credential for s in statuses)
    return {"categories_of": fills, "judge": StatedJudge(credentials, rulings or {})}
