"""Remaining credit need, in the shape ranking and planning use.

The credit-tracking package computes one ``CredentialStatus`` per credential
(remaining hours per requirement key, plus ``total``, and the cycle end). This
module turns those into :class:`Need` rows and says how many hours of a listing
count toward each, so ranking and planning never re-implement the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from catalog.schema import CREDIT_CATEGORIES

#: Hours below this are rounding noise, not a need.
EPSILON = 1e-6


@dataclass(frozen=True)
class Need:
    """Hours still to take for one requirement of one credential by a deadline."""

    credential: str
    credential_name: str
    key: str  # requirement key, e.g. "ethics", "general_or_specialized", "total"
    fills: frozenset[str]  # listing credit categories that count toward it
    hours: float
    deadline: date | None

    @property
    def label(self) -> str:
        """The requirement in words: "ethics", "general or specialized"."""
        return "total" if self.key == "total" else self.key.replace("_or_", " or ")


def default_fills(key: str) -> set[str]:
    """The credit categories that fill a requirement key (from the tracking rules)."""
    from recommender.tracking.rules import category_fills

    return category_fills(key)


def needs_from_statuses(
    statuses: Iterable, fills: Callable[[str], set[str]] = default_fills
) -> list[Need]:
    """One :class:`Need` per unmet requirement (and unmet total) of each credential.

    :param statuses: ``CredentialStatus`` objects (``credential``, ``name``,
        ``cycle_end``, ``remaining``, ``done``)
    :param fills: requirement key -> listing credit categories
    """
    needs = []
    for status in statuses:
        if getattr(status, "done", False):
            continue
        remaining = getattr(status, "remaining", None) or {}
        for key in sorted(remaining, key=lambda k: (k == "total", k)):
            hours = remaining[key]
            if hours is None or hours <= EPSILON:
                continue
            try:
                categories = frozenset(fills(key))
            except ValueError:
                continue  # a key the listings' categories cannot fill
            needs.append(
                Need(
                    credential=status.credential,
                    credential_name=getattr(status, "name", None) or status.credential,
                    key=key,
                    fills=categories,
                    hours=float(hours),
                    deadline=getattr(status, "cycle_end", None),
                )
            )
    return needs


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


def fill(hours: dict[str, float], need: Need, *, left: float | None = None) -> float:
    """How many of a listing's hours count toward one need (capped at what is left)."""
    available = sum(hours.get(category, 0.0) for category in need.fills)
    limit = need.hours if left is None else left
    return max(0.0, min(available, limit))


def last_deadline(needs: Iterable[Need]) -> date | None:
    """The latest deadline among needs; None when a need has no deadline."""
    deadlines = [need.deadline for need in needs]
    if not deadlines or any(d is None for d in deadlines):
        return None
    return max(deadlines)
