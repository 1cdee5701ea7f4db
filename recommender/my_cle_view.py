"""The paralegal's page in words, and its plan as an iCalendar feed.

Pure functions over the report of :func:`recommender.web.build_report` (the
JSON of ``cle status``, ``cle recommend`` and ``cle plan``). A requirement
whose number is not established shows as unknown (an empty, hatched bar and
"unknown"), never as 0 or done; times are in the profile's zone.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from datasette.utils import tilde_encode

from catalog.listing_text import credit_words, format_label, price_words
from catalog.timefmt import format_range, format_when

VERDICT_WORDS = {
    "counts": "Counts",
    "counts_if_approved": "Counts once approved",
    "does_not_count": "Does not count",
    "unknown": "Unknown",
}
STATE_WORDS = {
    "done": "Done",
    "behind": "Behind",
    "on track": "On track",
    "unknown": "Unknown",
}


def number(value: float | None) -> str:
    """Hours or credits compactly; None is "unknown"."""
    return "unknown" if value is None else f"{value:g}"


def day_text(iso_day: str | None) -> str:
    """ "Thu Dec 31, 2026" for a date, "unknown" for none."""
    return format_when(iso_day, "UTC") if iso_day else "unknown"


def progress_rows(status: dict) -> list[dict]:
    """One bar per requirement: earned of required, remaining, share (or unknown)."""
    rows = []
    labels = status.get("labels") or {}
    for key, required in (status.get("required") or {}).items():
        earned = (status.get("earned") or {}).get(key, 0.0)
        remaining = (status.get("remaining") or {}).get(key)
        share = None
        if required is not None:
            share = 100 if required <= 0 else round(min(earned / required, 1) * 100)
        rows.append(
            {
                "label": labels.get(key, key),
                "earned": number(earned),
                "required": number(required),
                "remaining": number(remaining),
                "percent": share,
            }
        )
    return rows


def deadline_words(status: dict) -> str:
    """ "Due Thu Dec 31, 2026 (30 days left)", or that the deadline is unknown."""
    end = status.get("cycle_end")
    if not end:
        return "Deadline unknown (the cycle could not be placed)"
    left = status.get("days_left")
    tail = ""
    if left is not None:
        tail = f" ({left} day{'s' if left != 1 else ''} left)" if left >= 0 else ""
    return f"Due {day_text(end)}{tail}"


def credential_view(status: dict) -> dict:
    """One credential's box: name, state, deadline, bars, warnings."""
    confidence = status.get("confidence") or ""
    return {
        "id": status["credential"],
        "name": status.get("name") or status["credential"],
        "state": STATE_WORDS.get(status.get("state"), status.get("state") or ""),
        "deadline": deadline_words(status),
        "cycle": f"{day_text(status.get('cycle_start'))} to "
        f"{day_text(status.get('cycle_end'))}",
        "unit": status.get("unit") or "hour",
        "rows": progress_rows(status),
        "warnings": list(status.get("warnings") or []),
        "confidence": ""
        if confidence in ("", "official")
        else f"Rule confidence: {confidence.replace('_', ' ')}",
    }


def course_view(course: dict, zone: str, names: dict[str, str]) -> dict:
    """One recommended or planned course in words, times in the reader's zone."""
    hours = {f"{c['category']}_hours": c["hours"] for c in course.get("credits") or []}
    starts = course.get("starts_at")
    if starts:
        when = format_range(starts, course.get("ends_at"), zone)
    else:
        when = "On demand (any time)"
    price = course.get("your_price_usd")
    return {
        "id": course["id"],
        "path": f"/catalog/courses/{tilde_encode(course['id'])}",
        "title": course.get("title") or course["id"],
        "provider": course.get("provider") or "",
        "url": course.get("url")
        if str(course.get("url") or "").lower().startswith(("http://", "https://"))
        else None,
        "when": when,
        "format": format_label(course.get("format")),
        "credits": credit_words(
            {
                **hours,
                "total_hours": course.get("total_hours"),
                "credit_status": course.get("credit_status"),
            }
        ),
        "price": price_words(price, None) + (" for you" if price else ""),
        "reasons": list(course.get("reasons") or []),
        "verdicts": [
            {
                "credential": names.get(v["credential"], v["credential"]),
                "verdict": v["verdict"],
                "words": VERDICT_WORDS.get(v["verdict"], v["verdict"]),
                "hours": number(v.get("hours")),
                "reason": v.get("reason") or "",
            }
            for v in course.get("counts_toward") or []
        ],
    }


def plan_groups(plan: dict, zone: str, names: dict[str, str]) -> list[dict]:
    """The plan's courses by the deadline each is first needed for, soonest first."""
    groups: dict[str | None, list[dict]] = {}
    for course in plan.get("courses") or []:
        groups.setdefault(course.get("group_deadline"), []).append(course)
    ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or ""))
    return [
        {
            "title": f"Take by {day_text(deadline)}" if deadline else "Any time",
            "cost": price_words(
                sum(c.get("your_price_usd") or 0 for c in courses), None
            ),
            "courses": [course_view(c, zone, names) for c in courses],
        }
        for deadline, courses in ordered
    ]


def view_of(report: dict) -> dict:
    """Everything the ``my_cle.html`` template shows."""
    zone, names = report["zone"], report.get("names") or {}
    plan = report.get("plan") or {}
    return {
        "name": report.get("name") or "you",
        "as_of": day_text(report["as_of"]),
        "zone": zone,
        "credentials": [credential_view(s) for s in report.get("statuses") or []],
        "recommendations": [
            course_view(c, zone, names) for c in report.get("recommendations") or []
        ],
        "plan_groups": plan_groups(plan, zone, names),
        "plan_cost": price_words(plan.get("total_cost_usd") or 0, None),
        "uncovered": list(plan.get("uncovered") or []),
        "later": [
            f"{names.get(n['credential'], n['credential'])}: {number(n['hours'])} "
            f"{n.get('unit') or 'hour'}(s) of {n['requirement']} by "
            f"{day_text(n.get('deadline'))}"
            for n in plan.get("later") or []
        ],
        "horizon_end": day_text(plan.get("horizon_end")),
    }


def _instant(text: str | None) -> datetime | None:
    """An aware datetime from an ISO instant, or None (dates and naive values too)."""
    if not text or "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def plan_calendar(report: dict, stamp: datetime) -> bytes:
    """The plan's scheduled sessions as an iCalendar feed (``plan.ics``)."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//cle//my CLE plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"CLE plan for {report.get('name') or 'you'}")
    names = report.get("names") or {}
    for course in (report.get("plan") or {}).get("courses") or []:
        start = _instant(course.get("starts_at"))
        if start is None:
            continue  # on demand: nothing to put on a calendar
        end = _instant(course.get("ends_at"))
        if end is None or end <= start:
            end = start + timedelta(hours=course.get("total_hours") or 1)
        view = course_view(course, report.get("zone") or "UTC", names)
        event = Event()
        event.add("uid", f"cle-plan-{course['id']}")
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", f"{view['title']} ({view['provider']})")
        lines = [view["credits"], view["price"]]
        if course.get("group_deadline"):
            lines.append(
                f"Plan: take by {date.fromisoformat(course['group_deadline'])}"
            )
        lines += [f"{v['credential']}: {v['words']}" for v in view["verdicts"]]
        if view["url"]:
            lines.append(view["url"])
            event.add("url", view["url"])
        event.add("description", "\n".join(lines))
        if course.get("location"):
            event.add("location", course["location"])
        calendar.add_component(event)
    return calendar.to_ical()
