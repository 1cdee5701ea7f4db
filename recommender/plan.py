"""``cle plan``: the cheapest set of courses that covers what is due soon.

Needs due within the horizon (12 months from the as-of date unless told) are
planned; later ones are listed apart, since new courses will be listed before
then. Every planned requirement of every credential (and its total) is a
dimension with the units still needed before that credential's deadline, and
a course adds to a dimension only the units its verdict for that credential
``counts`` (after unit conversion and caps). A course counts toward every
credential at once (paid once). Among the sets that cover every dimension,
:func:`plan` picks the lowest total cost, then the highest summed relevance,
among *irredundant* sets only (no course could be dropped), so free courses
are not piled on to raise relevance. The search is an exact branch-and-bound
over a candidate pool. Each chosen course's units are then allocated once per
requirement, in calendar order, so the plan says which need each course fills;
what the catalog cannot cover with counting units is reported in words.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from recommender.cover import Candidate, pool, reachable, solve
from recommender.eligibility import end_day
from recommender.explain import credential_label, hours_text
from recommender.needs import Need, counts_by_deadline, listing_hours
from recommender.rank import Recommendation

#: Price used for listings that publish none: plannable, but only as a last resort.
UNKNOWN_PRICE = 10_000.0
#: A need the catalog cannot fully cover is covered as far as it can be when
#: its deadline is this close; further out, new listings will appear first,
#: so the plan does not buy everything listed today toward it.
PARTIAL_COVER_DAYS = 90
#: Needs due within this many months of the as-of date are planned.
DEFAULT_HORIZON_MONTHS = 12
_EPS = 1e-9


@dataclass(frozen=True)
class Allocation:
    """Units of one course given to one need (each unit given once per need)."""

    need: Need
    hours: float


@dataclass
class PlannedCourse:
    """A chosen course and the needs it fills."""

    candidate: Candidate
    fills: list[Allocation] = field(default_factory=list)

    @property
    def first_deadline(self) -> date | None:
        """The earliest deadline among the needs it fills (None: none dated)."""
        dated = [a.need.deadline for a in self.fills if a.need.deadline]
        return min(dated) if dated else None


@dataclass(frozen=True)
class LaterNeed:
    """A need due after the horizon, and the counting units listed for it today."""

    need: Need
    available: float


@dataclass
class Plan:
    """The chosen courses, their total cost, later needs and what is uncovered."""

    courses: list[PlannedCourse] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    uncovered: list[str] = field(default_factory=list)
    complete_search: bool = True
    later: list[LaterNeed] = field(default_factory=list)
    horizon_end: date | None = None

    @property
    def picks(self) -> list[Candidate]:
        """The chosen candidates, in calendar order."""
        return [course.candidate for course in self.courses]

    @property
    def total_cost(self) -> float:
        """What the chosen courses cost this paralegal together."""
        return round(sum(c.cost for c in self.picks), 2)

    def groups(self) -> list[tuple[date | None, list[PlannedCourse]]]:
        """Courses grouped by the first deadline each fills, soonest first.

        A paralegal reads a plan as "what to take before the next deadline,
        then the one after"; a course filling needs of two deadlines is listed
        under the earlier one.
        """
        found: dict[date | None, list[PlannedCourse]] = {}
        for course in self.courses:
            found.setdefault(course.first_deadline, []).append(course)
        return sorted(found.items(), key=lambda item: (item[0] is None, item[0]))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def split_by_horizon(
    needs: list[Need], horizon_end: date | None
) -> tuple[list[Need], list[Need]]:
    """Needs due by ``horizon_end`` (planned now) and the later ones.

    A need without a deadline is later: nothing says it is due soon.
    """
    if horizon_end is None:
        return list(needs), []
    due = [n for n in needs if n.deadline is not None and n.deadline <= horizon_end]
    return due, [n for n in needs if n not in due]


def contribution(pick: Recommendation, need: Need) -> float:
    """Units of a pick that count toward one need (0 after its deadline)."""
    if not counts_by_deadline(end_day(pick.listing), need):
        return 0.0
    units = pick.counted.get(need.credential, {})
    return sum(units.get(c, 0.0) for c in need.categories)


def undecided_units(picks: list[Recommendation], need: Need) -> dict[str, float]:
    """Units toward a need of courses that count only once approved, or may count.

    :return: ``{"counts_if_approved": units, "unknown": units}``
    """
    found = {"counts_if_approved": 0.0, "unknown": 0.0}
    for pick in picks:
        if not counts_by_deadline(end_day(pick.listing), need):
            continue
        for verdict in pick.verdicts:
            if verdict.credential == need.credential and verdict.verdict in found:
                hours = verdict.categories or listing_hours(pick.listing)
                found[verdict.verdict] += sum(
                    hours.get(c, 0.0) for c in need.categories
                )
    return found


def candidates_from(picks: list[Recommendation], needs: list[Need]) -> list[Candidate]:
    """Planner candidates from ranked picks: courses that add to some need."""
    found = []
    for pick in picks:
        hours = tuple(contribution(pick, need) for need in needs)
        if not any(h > _EPS for h in hours):
            continue
        cost = UNKNOWN_PRICE if pick.price is None else pick.price
        relevance = round(pick.parts.get("relevance", 0.0), 6)
        found.append(Candidate(pick.listing["id"], cost, relevance, hours, pick))
    return found


def shortfall(
    available: float,
    need: Need,
    undecided: dict[str, float] | None = None,
    *,
    unit: str = "hours",
) -> str | None:
    """A plain sentence when the counting units listed cannot cover a need.

    :param undecided: units of courses that count only once approved, and of
        courses not known to count (:func:`undecided_units`)
    """
    if available + _EPS >= need.hours:
        return None
    before = f" before {need.deadline.isoformat()}" if need.deadline else ""
    who = credential_label(need)
    label = "" if need.key == "total" else need.label + " "
    if available <= _EPS:
        what = "course" if need.key == "total" else f"{need.label} course"
        message = f"no {what} that counts for {who}{before} is in the catalog"
    else:
        message = (
            f"only {hours_text(available)} of the {hours_text(need.hours)} "
            f"{label}{unit} {who} needs{before} are in courses that count for it"
        )
    undecided = undecided or {}
    notes = []
    if undecided.get("counts_if_approved", 0.0) > _EPS:
        notes.append(
            f"{hours_text(undecided['counts_if_approved'])} more in courses that "
            "count only once approved"
        )
    if undecided.get("unknown", 0.0) > _EPS:
        notes.append(
            f"{hours_text(undecided['unknown'])} more in courses not known to count"
        )
    if notes:
        message += f" ({'; '.join(notes)}: see each course's counts_toward)"
    return message


def allocate(chosen: list[Candidate], needs: list[Need]) -> list[PlannedCourse]:
    """Give each need the units it still lacks, course by course in calendar order.

    A unit of a course fills a need once: when a need is full, later courses
    are not said to fill it. In an irredundant cover every course fills some
    need.
    """
    courses = [PlannedCourse(c) for c in sorted(chosen, key=_calendar_order)]
    for dim, need in enumerate(needs):
        left = need.hours
        for course in courses:
            given = min(course.candidate.hours[dim], left)
            if given > _EPS:
                course.fills.append(Allocation(need, round(given, 4)))
                left -= given
    return courses


def _calendar_order(candidate: Candidate) -> tuple:
    day = candidate.pick.start_day if candidate.pick else None
    return (day is None, day.isoformat() if day else "", candidate.key)


def _targets(
    candidates: list[Candidate], needs: list[Need], as_of: date | None
) -> list[float]:
    """Units to plan per need: all of it, or what is listed when the deadline is near.

    Further out, a need the catalog cannot fully cover gets no courses yet.
    """
    targets = []
    for dim, need in enumerate(needs):
        available = sum(c.hours[dim] for c in candidates)
        near = (
            as_of is None
            or need.deadline is None
            or (need.deadline - as_of).days <= PARTIAL_COVER_DAYS
        )
        enough = available + _EPS >= need.hours
        targets.append(need.hours if enough else (available if near else 0.0))
    return targets


def _uncovered(
    picks: list[Recommendation],
    candidates: list[Candidate],
    needs: list[Need],
    targets: list[float],
    units: dict[str, str],
) -> list[str]:
    """The sentences for the needs the counting units listed cannot cover."""
    found = []
    for dim, need in enumerate(needs):
        available = sum(c.hours[dim] for c in candidates)
        message = shortfall(
            available, need, undecided_units(picks, need),
            unit=units.get(need.credential, "hours"),
        )  # fmt: skip
        if message is None:
            continue
        if available > _EPS:
            message += (
                "; the plan takes all of them"
                if targets[dim] > 0
                else "; more will be listed before then (this plan takes none yet)"
            )
        found.append(message)
    return found


def plan(
    picks: list[Recommendation],
    needs: list[Need],
    as_of: date | None = None,
    *,
    horizon_months: int | None = DEFAULT_HORIZON_MONTHS,
    units: dict[str, str] | None = None,
    unknown: list[Need] = (),
) -> Plan:
    """Choose the courses to take: cover what is due, say what cannot be covered.

    :param picks: eligible courses from :func:`recommender.rank.rank`
    :param needs: remaining needs (from :func:`recommender.needs.needs_from_statuses`)
    :param as_of: today; a need the catalog cannot fully cover is covered as
        far as it can be only when its deadline is within
        :data:`PARTIAL_COVER_DAYS` (always, when None)
    :param horizon_months: plan needs due within this many months of
        ``as_of`` (None, or no ``as_of``: every need)
    :param units: credential -> the plural of its unit ("hours", "credits")
    :param unknown: requirements whose number is not established
        (:func:`recommender.needs.unknown_needs`), said uncovered when due
        within the horizon
    """
    horizon_end = (
        add_months(as_of, horizon_months) if as_of and horizon_months else None
    )
    due, later = split_by_horizon(needs, horizon_end)
    candidates = candidates_from(picks, due)
    targets = _targets(candidates, due, as_of)
    shortlist = pool(candidates, due)
    if not reachable(shortlist, tuple(targets)):
        shortlist = candidates  # large needs: the shortlist alone cannot cover them
    chosen, complete = solve(shortlist, tuple(targets))
    later_needs = [
        LaterNeed(need, sum(contribution(p, need) for p in picks)) for need in later
    ]
    not_established = [
        f"the {need.label} {need.units} {credential_label(need)} needs are not "
        "established, so no plan can cover them; ask the issuer"
        for need in split_by_horizon(list(unknown), horizon_end)[0]
    ]
    return Plan(
        courses=allocate(chosen, due),
        needs=due,
        uncovered=[
            *_uncovered(picks, candidates, due, targets, units or {}),
            *not_established,
        ],
        complete_search=complete,
        later=later_needs,
        horizon_end=horizon_end,
    )
