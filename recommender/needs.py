"""Remaining credit need, in the shape ranking and planning use.

The credit-tracking package computes one ``CredentialStatus`` per credential
(remaining hours per requirement key, plus ``total``, and the cycle end). This
module turns those into :class:`Need` rows and says how many hours of a listing
count toward each, so ranking and planning never re-implement the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from catalog.schema import CREDIT_CATEGORIES

if TYPE_CHECKING:
    from recommender.tracking.status import CredentialStatus

#: Hours below this are rounding noise, not a need.
EPSILON = 1e-6


@dataclass(frozen=True)
class Need:
    """Units still to take for one requirement of one credential by a deadline."""

    credential: str
    credential_name: str
    key: str  # requirement key, e.g. "ethics", "general_or_specialized", "total"
    categories: frozenset[str]  # listing credit categories that count toward it
    hours: float  # in the credential's own unit (hours, 50-minute credits)
    deadline: date | None
    unit: str = "hour"  # the credential's unit: "hour", "50-minute credit"

    @property
    def units(self) -> str:
        """The unit in the plural, in words: "hours", "50-minute credits"."""
        return self.unit if self.unit.endswith("s") else self.unit + "s"

    @property
    def label(self) -> str:
        """The requirement in words: "ethics", "general or specialized"."""
        return "total" if self.key == "total" else self.key.replace("_or_", " or ")


def default_categories(key: str) -> set[str]:
    """The credit categories that fill a requirement key (from the tracking rules)."""
    from recommender.tracking.rules import category_fills

    return category_fills(key)


def needs_from_statuses(
    statuses: Iterable[CredentialStatus],
    categories_of: Callable[[str], set[str]] = default_categories,
) -> list[Need]:
    """One :class:`Need` per unmet requirement (and unmet total) of each credential.

    A requirement whose number is not established (None) is no need to fill:
    the status says it is unknown, and nothing can be planned toward it.

    :param categories_of: requirement key -> listing credit categories
    """
    needs = []
    for status in statuses:
        if status.done is True:
            continue
        remaining = status.remaining or {}
        for key in sorted(remaining, key=lambda k: (k == "total", k)):
            hours = remaining[key]
            if hours is None or hours <= EPSILON:
                continue
            try:
                categories = frozenset(categories_of(key))
            except ValueError:
                continue  # a key the listings' categories cannot fill
            needs.append(
                Need(
                    credential=status.credential,
                    credential_name=status.name or status.credential,
                    key=key,
                    categories=categories,
                    hours=float(hours),
                    deadline=status.cycle_end,
                    unit=getattr(status, "unit", None) or "hour",
                )
            )
    return needs


def unknown_needs(statuses: Iterable[CredentialStatus]) -> list[Need]:
    """The requirements whose number is not established, as needs of unknown size.

    Their ``hours`` is ``nan``: nothing can be planned toward them, and the
    plan says so.
    """
    found = []
    for status in statuses:
        if status.done is True:
            continue
        for key, hours in (status.remaining or {}).items():
            if hours is None and key != "total":
                found.append(
                    Need(
                        credential=status.credential,
                        credential_name=status.name or status.credential,
                        key=key,
                        categories=frozenset(),
                        hours=float("nan"),
                        deadline=status.cycle_end,
                        unit=getattr(status, "unit", None) or "hour",
                    )
                )
    return found


def listing_hours(listing: dict) -> dict[str, float]:
    """Credit hours of a listing per category (missing categories are 0)."""
    hours = dict.fromkeys(CREDIT_CATEGORIES, 0.0)
    for credit in listing.get("credits") or []:
        if credit.get("category") in hours:
            hours[credit["category"]] += float(credit.get("hours") or 0)
    return hours


def counts_by_deadline(end_day: date | None, need: Need) -> bool:
    """True when a listing that ends on ``end_day`` counts before the need's deadline.

    ``end_day`` None means on demand: it can be taken before any deadline.
    """
    return need.deadline is None or end_day is None or end_day <= need.deadline


def fill(hours: Mapping[str, float], need: Need, *, left: float | None = None) -> float:
    """How many of some units count toward one need (capped at what is left)."""
    available = sum(hours.get(category, 0.0) for category in need.categories)
    limit = need.hours if left is None else left
    return max(0.0, min(available, limit))


def last_deadline(needs: Iterable[Need]) -> date | None:
    """The latest deadline among needs; None when a need has no deadline."""
    deadlines = [need.deadline for need in needs]
    if not deadlines or any(d is None for d in deadlines):
        return None
    return max(deadlines)
