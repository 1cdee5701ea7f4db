"""Does a listing count for each credential of the profile? Verdicts, cached.

:func:`recommender.acceptance.counts_toward` is the one decision; this module
applies it to the listings a ranking sees, once per distinct course shape (the
fields the decision reads), and turns verdicts into the units that may fill a
need: only a ``counts`` verdict's units do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Protocol

#: Listing fields the acceptance decision reads: listings alike in these get
#: the same verdicts.
DECISION_FIELDS = (
    "provider",
    "format",
    "credits",
    "total_hours",
    "approvals",
    "credit_status",
    "activity",
)
#: Distinct course shapes whose verdicts are kept.
CACHE_SIZE = 65536


class VerdictLike(Protocol):
    """What ranking and planning read of a verdict (``acceptance.Verdict``)."""

    credential: str
    verdict: str
    hours: float | None
    categories: Mapping[str, float]
    reason: str

    def to_json(self) -> dict:
        """``{"credential", "verdict", "hours", "reason"}``."""


class Judge(Protocol):
    """Gives the verdicts of one listing, one per credential of the profile."""

    def verdicts(self, listing: Mapping) -> tuple[VerdictLike, ...]:
        """The verdict of each credential, in profile order."""


def shape(listing: Mapping) -> tuple:
    """The fields of a listing the decision reads, as a hashable key."""
    key = []
    for name in DECISION_FIELDS:
        value = listing.get(name)
        if name == "credits":
            value = tuple(
                sorted((c.get("category"), c.get("hours")) for c in value or ())
            )
        elif isinstance(value, list):
            value = tuple(value)
        key.append(value)
    return tuple(key)


class Acceptance:
    """The acceptance rules of a profile's credentials, applied to listings.

    :param rules: the loaded rule of each credential, in profile order; a
        credential without a rule (None) gets an ``unknown`` verdict
    :param facts: provider slug -> its facts (sponsor kind, NFPA membership)
    """

    def __init__(
        self, credentials: Sequence[str], rules: Sequence, facts: Mapping
    ) -> None:
        self.credentials = tuple(credentials)
        self.rules = tuple(rules)
        self.facts = facts
        self._cache: dict[tuple, tuple] = {}

    def verdicts(self, listing: Mapping) -> tuple[VerdictLike, ...]:
        """One verdict per credential for this listing (cached by shape)."""
        key = shape(listing)
        found = self._cache.get(key)
        if found is None:
            found = self._decide(listing)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _decide(self, listing: Mapping) -> tuple[VerdictLike, ...]:
        from recommender.acceptance import Verdict, counts_toward

        provider = self.facts.get(listing.get("provider"))
        found = []
        for credential, rule in zip(self.credentials, self.rules, strict=True):
            if rule is None:
                found.append(
                    Verdict(credential, "unknown", None, {}, "no rules for it here")
                )
            else:
                found.append(counts_toward(rule, listing, provider))
        return tuple(found)


@lru_cache(maxsize=32)
def acceptance_for(credentials: tuple[str, ...]) -> Acceptance:
    """The shipped rules and provider registry for these credential ids."""
    from recommender.acceptance import load_provider_facts
    from recommender.tracking.rules import load_rules

    rules = load_rules()
    return Acceptance(
        credentials, [rules.get(c) for c in credentials], load_provider_facts()
    )


def counted_units(verdicts: Sequence[VerdictLike]) -> dict[str, dict[str, float]]:
    """Units per category of each credential whose verdict is ``counts``."""
    return {
        v.credential: dict(v.categories or {})
        for v in verdicts
        if v.verdict == "counts"
    }


def valued_units(
    verdicts: Sequence[VerdictLike], shares: Mapping[str, float]
) -> dict[str, dict[str, float]]:
    """Units per category the need score values: a share of each verdict's units.

    :param shares: verdict -> the share of its units valued (``counts`` 1; a
        course that counts once approved is still a way to the need)
    """
    found = {}
    for v in verdicts:
        share = shares.get(v.verdict, 0.0)
        if share > 0 and v.categories:
            found[v.credential] = {c: u * share for c, u in v.categories.items()}
    return found


__all__ = [
    "Acceptance",
    "Judge",
    "VerdictLike",
    "acceptance_for",
    "counted_units",
    "shape",
    "valued_units",
]
