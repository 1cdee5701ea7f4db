"""What ``cle recommend`` and ``cle plan`` print: JSON objects and text lines.

JSON keeps ISO instants (DESIGN.md section 4); text shows times in the
reader's zone with the zone's abbreviation (:mod:`catalog.timefmt`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from recommender.eligibility import credit_state
from recommender.explain import (
    counts_reason,
    hours_text,
    price_reason,
    short_name,
    when_reason,
)
from recommender.needs import Need
from recommender.plan import Allocation, Plan, PlannedCourse
from recommender.rank import Recommendation

_FORMAT_WORDS = {
    "live_webinar": "live webinar",
    "on_demand": "on demand",
    "in_person": "in person",
    "hybrid": "hybrid",
    "self_study": "self study",
}


def pick_json(pick: Recommendation, reasons: list[str]) -> dict:
    """The ``recommend --json`` object of one pick (DESIGN.md section 4)."""
    listing = pick.listing
    return {
        "id": listing["id"],
        "course_id": listing.get("course_id") or listing["id"],
        "title": listing.get("title"),
        "provider": listing.get("provider"),
        "url": listing.get("url"),
        "format": listing.get("format"),
        "starts_at": listing.get("starts_at"),
        "credits": listing.get("credits") or [],
        "total_hours": listing.get("total_hours"),
        "credit_status": listing.get("credit_status"),
        "price_usd": listing.get("price_usd"),
        "member_price_usd": listing.get("member_price_usd"),
        "your_price_usd": pick.price,
        "is_free": listing.get("is_free"),
        "score": pick.score,
        "score_parts": {k: round(v, 4) for k, v in pick.parts.items()},
        "counts_toward": [v.to_json() for v in pick.verdicts],
        "reasons": reasons,
    }


def credit_words(listing: dict) -> str:
    """The credit a listing carries in a few words: "1.5 h", "no credit"."""
    state = credit_state(listing)
    if state != "credit":
        return state
    hours = listing.get("total_hours") or sum(
        float(c.get("hours") or 0) for c in listing.get("credits") or []
    )
    pending = ", approval pending" if listing.get("credit_status") == "pending" else ""
    return f"{hours:g} h{pending}"


def pick_lines(number: int, pick: Recommendation, reasons: list[str]) -> list[str]:
    """A numbered course: title with provider, format and credit; URL; reasons."""
    listing = pick.listing
    facts = [
        listing.get("provider") or "",
        _FORMAT_WORDS.get(listing.get("format"), listing.get("format") or ""),
        credit_words(listing),
    ]
    lines = [
        f"{number:>2}. {listing.get('title')}  ({', '.join(f for f in facts if f)})"
    ]
    lines.append(f"    {listing.get('url')}")
    lines += [f"    - {reason}" for reason in reasons]
    return lines


def need_lines(needs: list[Need]) -> list[str]:
    """One line per credential: its remaining units per requirement and deadline."""
    lines, seen = [], {}
    for need in needs:
        seen.setdefault(need.credential, []).append(need)
    for group in seen.values():
        parts = ", ".join(f"{n.label} {hours_text(n.hours)}" for n in group)
        unit = "" if group[0].unit == "hour" else f" ({group[0].units})"
        due = group[0].deadline
        lines.append(
            f"{short_name(group[0])}: {parts}{unit}"
            + (f" by {due.isoformat()}" if due else "")
        )
    return lines


def fill_reasons(
    fills: list[Allocation], planned: dict[Need, float] | None = None
) -> list[str]:
    """What a planned course fills, each need once: "fills 1.0 of the 2.0 ...".

    :param planned: units planned so far per need, by the courses shown
        above; updated in place, and said ("planned so far: 3.0")
    """
    lines = []
    by_credential: dict[str, list[Allocation]] = {}
    for allocation in fills:
        by_credential.setdefault(allocation.need.credential, []).append(allocation)
    for group in by_credential.values():
        specific = [a for a in group if a.need.key != "total"]
        total = next((a for a in group if a.need.key == "total"), None)
        for a in specific:
            what = f"{a.need.label} {a.need.units}"
            lines.append(_fill_line(a, what, _so_far(planned, a)))
        given = sum(a.hours for a in specific)
        if total is None:
            continue
        progress = _so_far(planned, total)
        if total.hours > given + 1e-9:
            extra = Allocation(total.need, round(total.hours - given, 4))
            lines.append(
                _fill_line(extra, total.need.units, progress, more=bool(specific))
            )
    return lines


def _so_far(planned: dict[Need, float] | None, allocation: Allocation) -> str:
    """Add an allocation to the running total and say it, or "" without one."""
    if planned is None:
        return ""
    need = allocation.need
    planned[need] = planned.get(need, 0.0) + allocation.hours
    return f" (planned so far: {hours_text(planned[need])})"


def _fill_line(
    allocation: Allocation, what: str, progress: str, *, more: bool = False
) -> str:
    need = allocation.need
    due = f" by {need.deadline.isoformat()}" if need.deadline else ""
    verb = "and" if more else "fills"
    extra = " more" if more else ""
    return (
        f"{verb} {hours_text(allocation.hours)}{extra} of the {hours_text(need.hours)} "
        f"{what} {short_name(need)} needs{due}{progress}"
    )


@dataclass
class _Shown:
    """What the courses listed above already said (text output only)."""

    planned: dict = field(default_factory=dict)
    said: set = field(default_factory=set)


def course_reasons(
    course: PlannedCourse,
    as_of: date,
    names: Mapping[str, str],
    zone: str,
    shown: _Shown | None = None,
) -> list[str]:
    """The reasons shown for a planned course: needs filled, counts, price, when.

    :param shown: what the courses above said (text): running totals, and
        verdict reasons not repeated
    """
    pick = course.candidate.pick
    counts = counts_reason(pick, names, shown.said if shown else None)
    return [
        *fill_reasons(course.fills, shown.planned if shown else None),
        *([counts] if counts else []),
        price_reason(pick),
        when_reason(pick, as_of, zone),
    ]


def _need_json(need: Need) -> dict:
    return {
        "credential": need.credential,
        "requirement": need.key,
        "hours": need.hours,
        "unit": need.unit,
        "deadline": need.deadline.isoformat() if need.deadline else None,
    }


def plan_to_json(
    result: Plan, as_of: date, names: Mapping[str, str], zone: str
) -> dict:
    """The ``plan --json`` object: the README keys plus ``later`` and ``fills``."""
    courses = []
    for course in result.courses:
        item = pick_json(
            course.candidate.pick, course_reasons(course, as_of, names, zone)
        )
        item["fills"] = [
            {
                "credential": a.need.credential,
                "requirement": a.need.key,
                "hours": a.hours,
                "of_hours": a.need.hours,
            }
            for a in course.fills
        ]
        courses.append(item)
    return {
        "as_of": as_of.isoformat(),
        "horizon_end": result.horizon_end.isoformat() if result.horizon_end else None,
        "needs": [_need_json(n) for n in result.needs],
        "courses": courses,
        "total_cost_usd": result.total_cost,
        "uncovered": result.uncovered,
        "later": [
            {**_need_json(later.need), "counting_hours_listed": later.available}
            for later in result.later
        ],
        "complete_search": result.complete_search,
    }


def render_plan(
    result: Plan, as_of: date, names: Mapping[str, str], zone: str
) -> list[str]:
    """The text of ``cle plan``: needs due, courses by deadline, uncovered, later."""
    horizon = (
        f" for what is due by {result.horizon_end.isoformat()}"
        if result.horizon_end
        else ""
    )
    if not result.needs:
        by = f" by {result.horizon_end.isoformat()}" if result.horizon_end else ""
        lines = [f"As of {as_of.isoformat()}, no known hours are due{by} to plan."]
        lines += [f"Not covered: {message}" for message in result.uncovered]
        return lines + _later_lines(result)
    lines = [f"Plan as of {as_of.isoformat()}{horizon}, to cover:"]
    lines += [f"  {line}" for line in need_lines(result.needs)]
    lines.append(f"{len(result.courses)} course(s), total ${result.total_cost:,.2f}")
    number, shown = 0, _Shown()
    for deadline, group in result.groups():
        cost = sum(course.candidate.pick.price or 0 for course in group)
        when = f"Take by {deadline.isoformat()}" if deadline else "Any time"
        lines.append(f"\n{when}: {len(group)} course(s), ${cost:,.2f}")
        for course in group:
            number += 1
            why = course_reasons(course, as_of, names, zone, shown)
            lines += pick_lines(number, course.candidate.pick, why)
    lines += [f"Not covered: {message}" for message in result.uncovered]
    if not result.complete_search:
        lines.append(
            "(the search stopped early: this is the best plan found, not proven)"
        )
    return lines + _later_lines(result)


def _later_lines(result: Plan) -> list[str]:
    """The needs due after the horizon, with what counts for them today."""
    if not result.later:
        return []
    after = f" after {result.horizon_end.isoformat()}" if result.horizon_end else ""
    lines = [f"\nLater (due{after}; not bought now, new courses will be listed):"]
    for later in result.later:
        need = later.need
        what = "total" if need.key == "total" else need.label
        due = f" by {need.deadline.isoformat()}" if need.deadline else ""
        lines.append(
            f"  {short_name(need)}: {what} {hours_text(need.hours)} {need.units}"
            f"{due} ({hours_text(later.available)} {need.units} in courses listed "
            "today count for it)"
        )
    return lines


def recommendation_lines(
    name: str, as_of: date, shown: list[tuple[Recommendation, list[str]]]
) -> list[str]:
    """The text of ``cle recommend``."""
    if not shown:
        return ["No course in the catalog fits this profile and these filters."]
    lines = [f"Courses for {name or 'you'}, as of {as_of.isoformat()}:"]
    for number, (pick, why) in enumerate(shown, start=1):
        lines += pick_lines(number, pick, why)
    return lines


__all__ = [
    "credit_words",
    "fill_reasons",
    "need_lines",
    "pick_json",
    "pick_lines",
    "plan_to_json",
    "recommendation_lines",
    "render_plan",
]
