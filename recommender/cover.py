"""The exact cover search of ``cle plan``: lowest cost, then most relevant.

Each candidate course gives some units to each need dimension; :func:`solve`
finds, among the *irredundant* sets (no course could be dropped) that meet
every target, the one of lowest total cost, then highest summed relevance, by
branch-and-bound over candidates sorted by cost. :func:`pool` keeps the most
promising candidates per dimension so the search stays small.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recommender.needs import Need
from recommender.rank import Recommendation

#: Search nodes before the best cover found so far is returned.
NODE_BUDGET = 200_000
#: Best candidates kept per need dimension (by cost per hour, then relevance).
POOL_PER_NEED = 12
_EPS = 1e-9


@dataclass(frozen=True)
class Candidate:
    """A course as the planner sees it: cost, relevance, units per dimension."""

    key: str
    cost: float
    relevance: float
    hours: tuple[float, ...]
    pick: Recommendation | None = None


def pool(candidates: list[Candidate], needs: list[Need]) -> list[Candidate]:
    """Keep the most promising candidates per need so the search stays small."""
    kept: dict[str, Candidate] = {}
    for dim in range(len(needs)):
        useful = [c for c in candidates if c.hours[dim] > _EPS]
        useful.sort(key=lambda c: (c.cost / c.hours[dim], -c.relevance, c.key))
        for candidate in useful[:POOL_PER_NEED]:
            kept[candidate.key] = candidate
    return sorted(kept.values(), key=lambda c: (c.cost, -c.relevance, c.key))


@dataclass
class Best:
    """The best cover found so far: its courses, cost and summed relevance."""

    chosen: list[Candidate] | None = None
    cost: float = float("inf")
    relevance: float = -1.0

    def beaten_by(self, cost: float, relevance: float) -> bool:
        """True when a cover of this cost and relevance is better."""
        if cost < self.cost - _EPS:
            return True
        return abs(cost - self.cost) <= _EPS and relevance > self.relevance + _EPS


@dataclass
class _Search:
    """Branch-and-bound state: candidates by cost, the targets, the best cover."""

    order: list[Candidate]
    targets: tuple[float, ...]
    best: Best = field(default_factory=Best)
    nodes: int = 0
    suffix_relevance: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.suffix_relevance = [0.0] * (len(self.order) + 1)
        for i in range(len(self.order) - 1, -1, -1):
            self.suffix_relevance[i] = self.suffix_relevance[i + 1] + max(
                self.order[i].relevance, 0.0
            )

    def hopeless(self, start: int, left: tuple, cost: float, relevance: float) -> bool:
        """True when no cover extending this one can beat the best."""
        if cost > self.best.cost + _EPS:
            return True
        if (
            abs(cost - self.best.cost) <= _EPS
            and relevance + self.suffix_relevance[start] <= self.best.relevance + _EPS
        ):
            return True
        return not reachable(self.order[start:], left)

    def run(
        self, start: int, chosen: list[Candidate], left: tuple, cost: float, rel: float
    ) -> None:
        """Extend ``chosen`` with candidates from ``start`` on, keeping the best."""
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            return
        if all(x <= _EPS for x in left):
            if irredundant(chosen, self.targets) and self.best.beaten_by(cost, rel):
                self.best = Best(list(chosen), cost, rel)
            return
        if self.hopeless(start, left, cost, rel):
            return
        for i in range(start, len(self.order)):
            candidate = self.order[i]
            if not any(
                h > _EPS and x > _EPS
                for h, x in zip(candidate.hours, left, strict=True)
            ):
                continue  # would be redundant in any cover extending this one
            if cost + candidate.cost > self.best.cost + _EPS:
                break  # sorted by cost: every later candidate costs as much
            new_left = tuple(
                max(0.0, x - h) for x, h in zip(left, candidate.hours, strict=True)
            )
            chosen.append(candidate)
            self.run(
                i + 1, chosen, new_left, cost + candidate.cost,
                rel + candidate.relevance,
            )  # fmt: skip
            chosen.pop()


def solve(
    candidates: list[Candidate], targets: tuple[float, ...]
) -> tuple[list[Candidate], bool]:
    """Exact lowest-cost, then most relevant, irredundant cover of ``targets``.

    :return: the chosen candidates (empty if no cover exists) and whether the
        search finished within :data:`NODE_BUDGET`
    """
    order = sorted(candidates, key=lambda c: (c.cost, -c.relevance, c.key))
    search = _Search(order, tuple(targets))
    search.run(0, [], tuple(targets), 0.0, 0.0)
    return (search.best.chosen or []), search.nodes <= NODE_BUDGET


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


def reachable(rest: list[Candidate], left: tuple) -> bool:
    return all(
        sum(c.hours[dim] for c in rest) + _EPS >= x
        for dim, x in enumerate(left)
        if x > _EPS
    )
