"""Make N synthetic but realistic paralegal CLE listings, deterministic for a seed.

The listings come out as interchange records (DESIGN.md section 1) and can be
written as JSON lines, or published as a recreated site of one provider on
WordPress "The Events Calendar" (TEC): REST pages and an iCalendar export, in
the field shapes of the real plugin (see ``bench.tec_site``).

    python -m bench.generate 10000 -o bench/output/courses-10k.jsonl
    python -m bench.generate 10000 --site bench/output/site-10k --scheduled-only
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.words import (
    APPROVALS,
    AREAS,
    CITIES,
    DURATIONS,
    ETHICS_TITLES,
    ETHICS_TOPICS,
    FIRST_NAMES,
    FORMAT_WEIGHTS,
    LAST_NAMES,
    PROVIDERS,
    SCHEDULED,
    SENTENCES,
    TITLE_TEMPLATES,
)

#: Bump when the generated listings change, so cached catalogs are rebuilt.
GENERATOR_VERSION = 2


@dataclass(frozen=True)
class Course:
    """What the offerings of one course share."""

    provider: str
    timezone: str
    key: str
    title: str
    description: str
    format: str
    duration: int
    credits: tuple[tuple[str, float], ...]
    credit_status: str
    approvals: tuple[str, ...]
    price: float
    member_price: float | None
    areas: tuple[str, ...]
    presenters: tuple[str, ...]
    city: tuple[str, str] | None


def generate_records(
    n: int,
    *,
    seed: int = 2026,
    start: date = date(2026, 12, 1),
    providers: Sequence[str] | None = None,
    scheduled_only: bool = False,
) -> Iterator[dict]:
    """Yield ``n`` interchange records; the same arguments give the same records.

    :param start: dated offerings fall within the year after this day
    :param providers: restrict to these provider slugs (default: all of PROVIDERS)
    :param scheduled_only: only dated formats (what an events calendar publishes)
    """
    rng = random.Random(seed)
    pool = [p for p in PROVIDERS if providers is None or p[0] in providers]
    if providers is not None:
        known = {p[0] for p in pool}
        pool += [
            (slug, slug.upper(), "America/Chicago")
            for slug in providers
            if slug not in known
        ]
    made = number = 0
    while made < n:
        number += 1
        course = _course(rng, number, pool, scheduled_only)
        count = rng.choice((1, 1, 2, 3, 4)) if course.format in SCHEDULED else 1
        days = sorted(rng.sample(range(365), count))
        for day in days[: n - made]:
            yield _offering(rng, course, start + timedelta(days=day), count > 1)
            made += 1


def _course(rng: random.Random, number: int, pool, scheduled_only: bool) -> Course:
    provider, _name, timezone = rng.choice(pool)
    area, *more = rng.sample(sorted(AREAS), rng.choice((1, 1, 2, 3)))
    topic, topic2 = (
        rng.sample(AREAS[area], 2) if len(AREAS[area]) > 1 else AREAS[area] * 2
    )
    ethics_topic = rng.choice(ETHICS_TOPICS)
    formats = [
        (f, w) for f, w in FORMAT_WEIGHTS if not scheduled_only or f in SCHEDULED
    ]
    fmt = rng.choices([f for f, _ in formats], [w for _, w in formats])[0]
    duration = rng.choice(DURATIONS)
    is_ethics = rng.random() < 0.2
    fill = {
        "Topic": _headline(topic),
        "Topic2": _headline(topic2),
        "Area": area.title(),
        "Ethics": ethics_topic.title(),
    }
    template = rng.choice(ETHICS_TITLES if is_ethics else TITLE_TEMPLATES)
    title = template.format(**fill)
    words = {"topic": topic, "topic2": topic2, "area": area, "ethics": ethics_topic}
    sentences = rng.sample(SENTENCES, rng.randint(3, 5))
    description = " ".join(s.format(**words) for s in sentences)
    credit_status = rng.choices(
        ("approved", "pending", "unknown", "none"), (70, 15, 10, 5)
    )[0]
    credits = () if credit_status == "none" else _credits(rng, duration, is_ethics)
    price = 0.0 if rng.random() < 0.25 else float(rng.choice(range(25, 400, 5)))
    member = round(price * rng.choice((0.5, 0.6, 0.75)), 0) if price else None
    presenters = tuple(
        f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        for _ in range(rng.choice((1, 1, 2)))
    )
    approvals = tuple(sorted(rng.sample(APPROVALS, rng.randint(0, 2))))
    if credit_status != "approved":
        approvals = ()
    slug = "-".join(title.lower().replace(":", "").replace("'", "").split())[:60]
    return Course(
        provider=provider,
        timezone=timezone,
        key=f"{slug}-{number}",
        title=title,
        description=description,
        format=fmt,
        duration=duration,
        credits=credits,
        credit_status=credit_status,
        approvals=approvals,
        price=price,
        member_price=member,
        areas=(area, *more, *(("ethics",) if is_ethics else ())),
        presenters=presenters,
        city=rng.choice(CITIES) if fmt != "live_webinar" else None,
    )


def _headline(phrase: str) -> str:
    """Title-case a topic, keeping acronyms such as UCC or H-1B as written."""
    words = phrase.split()
    return " ".join(
        w if not w.islower() or (i and w in _SMALL_WORDS) else w.capitalize()
        for i, w in enumerate(words)
    )


_SMALL_WORDS = frozenset({"and", "of", "in", "for", "to", "on", "the", "a"})


def _credits(rng: random.Random, duration: int, is_ethics: bool):
    # NALA counts 50 minutes of instruction as one hour; most providers use 60.
    per_hour = 50 if rng.random() < 0.3 else 60
    hours = max(0.5, round(duration / per_hour * 2) / 2)
    if is_ethics:
        ethics = min(hours, rng.choice((0.5, 1.0, 1.0, hours)))
        rest = round(hours - ethics, 2)
        return (("ethics", ethics),) + ((("general", rest),) if rest else ())
    category = "specialized" if rng.random() < 0.25 else "general"
    return ((category, hours),)


def _offering(rng: random.Random, course: Course, day: date, several: bool) -> dict:
    key = course.key + (f"-{day:%Y%m%d}" if several else "")
    record: dict = {
        "id": f"{course.provider}:{key}",
        "provider": course.provider,
        "title": course.title,
        "url": f"https://{course.provider}.example.org/events/{key}/",
        "course_id": f"{course.provider}:{course.key}",
        "description": course.description,
        "format": course.format,
        "timezone": course.timezone,
        "duration_minutes": course.duration,
        "location": (
            f"{course.city[0]}, {course.city[1]}" if course.city else "Online"
        ),
        "credit_status": course.credit_status,
        "price_usd": course.price,
        "practice_areas": list(course.areas),
        "presenters": list(course.presenters),
        "price_text": _price_text(course),
    }
    if course.credits:
        record["credits"] = [{"category": c, "hours": h} for c, h in course.credits]
        record["credit_text"] = _credit_text(course.credits, course.approvals)
    if course.approvals:
        record["approvals"] = list(course.approvals)
    if course.member_price is not None:
        record["member_price_usd"] = course.member_price
    if course.format in SCHEDULED:
        zone = ZoneInfo(course.timezone)
        begin = datetime.combine(
            day, time(rng.choice((9, 10, 11, 12, 13, 14, 15))), zone
        )
        end = begin + timedelta(minutes=course.duration)
        record["starts_at"] = begin.isoformat()
        record["ends_at"] = end.isoformat()
        record["when_text"] = (
            f"{begin:%B} {begin.day}, {begin.year} @ "
            f"{_clock(begin)} - {_clock(end)} {begin:%Z}"
        )
    else:
        record["when_text"] = (
            "On demand"
            if course.format == "on_demand"
            else ("Self-study: start any time")
        )
    return record


def _clock(moment: datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment:%M} {'am' if moment.hour < 12 else 'pm'}"


def _price_text(course: Course) -> str:
    if not course.price:
        return "Free"
    if course.member_price is None:
        return f"${course.price:.0f}"
    return f"${course.member_price:.0f} members / ${course.price:.0f} non-members"


def _credit_text(credits, approvals) -> str:
    total = sum(h for _, h in credits)
    parts = ", ".join(f"{h:g} {c}" for c, h in credits)
    text = f"{total:g} hour{'s' if total != 1 else ''} CLE credit ({parts})"
    if approvals:
        text += "; approved for " + ", ".join(a.upper() for a in approvals)
    return text


def write_jsonl(records, path: Path) -> int:
    """Write records as JSON lines; return how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> None:
    """Command line: write a JSONL catalog and/or a recreated TEC site."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many listings")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("-o", "--output", type=Path, help="JSON-lines file to write")
    parser.add_argument("--site", type=Path, help="folder for a recreated TEC site")
    parser.add_argument(
        "--base-url",
        default="https://benchpa.example.org",
        help="site address written into the TEC pages",
    )
    parser.add_argument(
        "--scheduled-only",
        action="store_true",
        help="only dated formats (what an events calendar lists)",
    )
    args = parser.parse_args(argv)
    if not args.output and not args.site:
        parser.error("give -o FILE and/or --site DIR")
    if args.output:
        records = generate_records(
            args.n, seed=args.seed, scheduled_only=args.scheduled_only
        )
        print(f"wrote {write_jsonl(records, args.output)} listings to {args.output}")
    if args.site:
        from bench.tec_site import write_site

        records = generate_records(
            args.n, seed=args.seed, providers=["benchpa"], scheduled_only=True
        )
        pages = write_site(list(records), args.site, args.base_url)
        print(f"wrote {pages} REST pages and events.ics to {args.site}")


if __name__ == "__main__":
    main()
