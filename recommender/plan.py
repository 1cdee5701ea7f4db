"""``cle plan``: the cheapest set of courses that covers the remaining need.

Every unmet requirement of every credential (and its total) is a dimension
with the hours still needed before that credential's deadline. A course counts
toward every credential at once (paid once). Among the sets that cover every
dimension, :func:`plan` picks the lowest total cost, then the highest summed
relevance, among *irredundant* sets only (no course could be dropped), so free
courses are not piled on to raise relevance. The search is an exact
branch-and-bound over a candidate pool; what the catalog cannot cover is
reported in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from recommender.explain import hours_text
from recommender.needs import Need, counts_by_deadline, listing_hours
from recommender.rank import Recommendation, end_day

#: Price used for listings that publish none: plannable, but only as a last resort.
UNKNOWN_PRICE = 10_000.0
#: Best candidates kept per need dimension (by cost per hour, then relevance).
POOL_PER_NEED = 12
#: A need the catalog cannot fully cover is covered as far as it can be when
#: its deadline is this close; further out, new listings will appear first,
#: so the plan does not buy everything listed today toward it.
PARTIAL_COVER_DAYS = 90
#: Search nodes before the best cover found so far is returned.
NODE_BUDGET = 200_000
_EPS = 1e-9


@dataclass(frozen=True)
class Candidate:
    """A course as the planner sees it: cost, relevance, hours per dimension."""

    key: str
    cost: float
    relevance: float
    hours: tuple[float, ...]
    pick: Recommendation | None = None


@dataclass
class Plan:
    """The chosen courses, their total cost and what could not be covered."""

    picks: list[Candidate] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    complete_search: bool = True

    @property
    def total_cost(self) -> float:
        """What the chosen courses cost this paralegal together."""
        return round(sum(c.cost for c in self.picks), 2)


def contribution(listing: dict, need: Need) -> float:
    """Hours of a listing that count toward one need (0 after its deadline)."""
    if not counts_by_deadline(end_day(listing), need):
        return 0.0
    hours = listing_hours(listing)
    return sum(hours[c] for c in need.fills)


def candidates_from(picks: list[Recommendation], needs: list[Need]) -> list[Candidate]:
    """Planner candidates from ranked picks: courses that add to some need."""
    found = []
    for pick in picks:
        hours = tuple(contribution(pick.listing, need) for need in needs)
        if not any(h > _EPS for h in hours):
            continue
        cost = UNKNOWN_PRICE if pick.price is None else pick.price
        relevance = round(pick.parts.get("relevance", 0.0), 6)
        found.append(Candidate(pick.listing["id"], cost, relevance, hours, pick))
    return found


def shortfall(candidates: list[Candidate], needs: list[Need], dim: int) -> str | None:
    """A plain sentence when the whole catalog cannot cover one need, else None."""
    need = needs[dim]
    available = sum(c.hours[dim] for c in candidates)
    if available + _EPS >= need.hours:
        return None
    before = f" before {need.deadline.isoformat()}" if need.deadline else ""
    if available <= _EPS:
        what = "course with credit" if need.key == "total" else f"{need.label} course"
        return f"no {what}{before} in the catalog ({need.credential})"
    label = "" if need.key == "total" else need.label + " "
    return (
        f"only {hours_text(available)} of the {hours_text(need.hours)} {label}hours "
        f"{need.credential} needs{before} are in the catalog"
    )


def pool(candidates: list[Candidate], needs: list[Need]) -> list[Candidate]:
    """Keep the most promising candidates per need so the search stays small."""
    kept: dict[str, Candidate] = {}
    for dim in range(len(needs)):
        useful = [c for c in candidates if c.hours[dim] > _EPS]
        useful.sort(key=lambda c: (c.cost / c.hours[dim], -c.relevance, c.key))
        for candidate in useful[:POOL_PER_NEED]:
            kept[candidate.key] = candidate
    return sorted(kept.values(), key=lambda c: (c.cost, -c.relevance, c.key))


def solve(
    candidates: list[Candidate], targets: tuple[float, ...]
) -> tuple[list[Candidate], bool]:
    """Exact lowest-cost, then most relevant, irredundant cover of ``targets``.

    :return: the chosen candidates (empty if no cover exists) and whether the
        search finished within :data:`NODE_BUDGET`
    """
    order = sorted(candidates, key=lambda c: (c.cost, -c.relevance, c.key))
    best: dict = {"set": None, "cost": float("inf"), "rel": -1.0}
    nodes = 0
    suffix_rel = [0.0] * (len(order) + 1)
    for i in range(len(order) - 1, -1, -1):
        suffix_rel[i] = suffix_rel[i + 1] + max(order[i].relevance, 0.0)

    def better(cost: float, rel: float) -> bool:
        if cost < best["cost"] - _EPS:
            return True
        return abs(cost - best["cost"]) <= _EPS and rel > best["rel"] + _EPS

    def search(
        start: int, chosen: list[Candidate], left: tuple, cost: float, rel: float
    ):
        nonlocal nodes
        nodes += 1
        if nodes > NODE_BUDGET:
            return
        if all(x <= _EPS for x in left):
            if irredundant(chosen, targets) and better(cost, rel):
                best.update(set=list(chosen), cost=cost, rel=rel)
            return
        if cost > best["cost"] + _EPS:
            return
        if (
            abs(cost - best["cost"]) <= _EPS
            and rel + suffix_rel[start] <= best["rel"] + _EPS
        ):
            return
        if not _reachable(order[start:], left):
            return
        for i in range(start, len(order)):
            candidate = order[i]
            if not any(
                h > _EPS and x > _EPS
                for h, x in zip(candidate.hours, left, strict=True)
            ):
                continue  # would be redundant in any cover extending this one
            if cost + candidate.cost > best["cost"] + _EPS:
                break  # sorted by cost: every later candidate costs as much
            new_left = tuple(
                max(0.0, x - h) for x, h in zip(left, candidate.hours, strict=True)
            )
            chosen.append(candidate)
            search(
                i + 1,
                chosen,
                new_left,
                cost + candidate.cost,
                rel + candidate.relevance,
            )
            chosen.pop()

    search(0, [], tuple(targets), 0.0, 0.0)
    return (best["set"] or []), nodes <= NODE_BUDGET


def covers(chosen: list[Candidate], targets: tuple[float, ...]) -> bool:
    """True when the chosen candidates meet every target."""
    return all(
        sum(c.hours[dim] for c in chosen) + _EPS >= target
        for dim, target in enumerate(targets)
    )


def irredundant(chosen: list[Candidate], targets: tuple[float, ...]) -> bool:
    """True when no chosen candidate could be dropped with the targets still met."""
    return all(
        not covers([c for c in chosen if c is not dropped], targets)
        for dropped in chosen
    )


def _calendar_order(candidate: Candidate) -> tuple:
    day = candidate.pick.start_day if candidate.pick else None
    return (day is None, day.isoformat() if day else "", candidate.key)


def _reachable(rest: list[Candidate], left: tuple) -> bool:
    return all(
        sum(c.hours[dim] for c in rest) + _EPS >= x
        for dim, x in enumerate(left)
        if x > _EPS
    )


def plan(
    picks: list[Recommendation], needs: list[Need], as_of: date | None = None
) -> Plan:
    """Choose the courses to take: cover what can be covered, say what cannot.

    :param picks: eligible courses from :func:`recommender.rank.rank`
    :param needs: remaining needs (from :func:`recommender.needs.needs_from_statuses`)
    :param as_of: today; a need the catalog cannot fully cover is covered as
        far as it can be only when its deadline is within
        :data:`PARTIAL_COVER_DAYS` (always, when None)
    """
    candidates = candidates_from(picks, needs)
    messages = [shortfall(candidates, needs, dim) for dim in range(len(needs))]
    targets = []
    for dim, need in enumerate(needs):
        available = sum(c.hours[dim] for c in candidates)
        near = (
            as_of is None
            or need.deadline is None
            or (need.deadline - as_of).days <= PARTIAL_COVER_DAYS
        )
        targets.append(min(need.hours, available) if near or not messages[dim] else 0.0)
    shortlist = pool(candidates, needs)
    if not _reachable(shortlist, tuple(targets)):
        shortlist = candidates  # large needs: the shortlist alone cannot cover them
    chosen, complete = solve(shortlist, tuple(targets))
    chosen.sort(key=_calendar_order)
    uncovered = []
    for dim, message in enumerate(messages):
        if message is None:
            continue
        if message.startswith("no "):
            uncovered.append(message)
            continue
        given = sum(c.hours[dim] for c in chosen)
        if targets[dim] > 0:
            message += "; the plan takes all of them"
        else:
            message += (
                f"; more will be listed before then (this plan gives "
                f"{hours_text(min(given, needs[dim].hours))})"
            )
        uncovered.append(message)
    return Plan(chosen, needs, uncovered, complete)
