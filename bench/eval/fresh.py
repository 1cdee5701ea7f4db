"""Build held-out benchmark variants f and g from hand-written course texts.

Unlike :mod:`bench.eval.build` (one phrase dropped into a title template),
every course here is a hand-written title and description in a provider's
manner (:mod:`bench.eval.fresh_texts`), offered several times by different
providers, formats, dates and prices; profiles use paralegal shorthand,
abbreviations and misspellings. Variant f takes the even-numbered courses
and wordings, g the odd ones, so the two share no wording.

Graded relevance follows the mission, judged from the topics each course
honestly teaches (one or two, written beside its text; never from what the
recommender returns):

* ineligible (started by the as-of date, ends after the last deadline while
  credit is needed, withdrawn or cancelled, completed, a format the profile
  does not take) = 0;
* a topic is a skill gap: 3; else a practice area: 2; else 0;
* +1 when it gives ethics hours a credential still needs before its deadline
  (in the acceptance-aware judgments only when they count for it);
* +0.5 when it is free for this paralegal and the profile prefers free.

    python -m bench.eval.fresh   # rewrites bench/eval/f and bench/eval/g

The functions take the texts module as a parameter, so the held-out
variants h, i and j (:mod:`bench.eval.held_out`) are built the same way from
their own texts.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import ModuleType

from bench.eval import fresh_texts
from bench.eval.acceptance_grade import gives_needed_ethics
from bench.eval.build import profile_context, write_variant

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 27)
PROFILES = 30
#: variant -> (folder, seed, which half of the texts: 0 even, 1 odd)
VARIANTS = {"f": (HERE / "f", 5151, 0), "g": (HERE / "g", 6262, 1)}
CREDENTIALS = ("ca-bpc-6450", "nala-cp", "nfpa-rp", "nals-pp")
FORMATS = ("live_webinar", "on_demand", "in_person", "hybrid", "self_study")
ZONES = (-5, -6, -7, -8)


def half(items: list, parity: int | None) -> list:
    """Every other item, starting at ``parity``; all of them when it is None."""
    return list(items) if parity is None else items[parity::2]


def offering(
    rng: random.Random,
    number: int,
    course: tuple,
    topic: str,
    texts: ModuleType = fresh_texts,
    prefix: str = "f",
) -> dict:
    """One listing of a hand-written course, framed by a random provider.

    :param texts: the module with ``FRAMES``, ``BOILERPLATE`` and ``KINDS``
    :param prefix: starts the listing's slug (``f12``)
    """
    title, description, _ = course
    provider, frame = rng.choice(texts.FRAMES)
    fmt = rng.choices(FORMATS, weights=(5, 4, 2, 1, 1))[0]
    hours = rng.choice((1.0, 1.0, 1.5, 2.0, 3.0, 6.0 if fmt == "in_person" else 1.0))
    if topic == "ethics":
        credits = [{"category": "ethics", "hours": hours}]
    elif rng.random() < 0.1:
        credits = [{"category": "ethics", "hours": 1.0},
                   {"category": "general", "hours": hours}]  # fmt: skip
    else:
        kind = texts.KINDS[topic]
        credits = [
            {"category": "specialized" if kind == "area" else "general", "hours": hours}
        ]
    price = 0 if provider == "clio" else rng.choice((0, 29, 59, 99, 149, 219, 299))
    slug = f"{prefix}{number}"
    record = {
        "id": f"{provider}:{slug}",
        "provider": provider,
        "title": frame.format(t=title, year=AS_OF.year + 1),
        "url": f"https://example.org/{provider}/{slug}",
        "description": f"{description} {texts.BOILERPLATE.get(provider, '')}".strip(),
        "format": fmt,
        "credits": credits,
        "credit_status": rng.choice(("approved", "approved", "pending")),
        "price_usd": price,
    }
    if price and provider in ("nala", "nals", "nfpa", "ocpa"):
        record["member_price_usd"] = round(price * 0.6)
    if fmt not in ("on_demand", "self_study"):
        start = datetime.combine(
            AS_OF + timedelta(days=rng.randint(-30, 330)),
            datetime.min.time(),
            tzinfo=timezone(timedelta(hours=rng.choice(ZONES))),
        ) + timedelta(hours=rng.choice((9, 11, 12, 14)))
        record["starts_at"] = start.isoformat()
        record["ends_at"] = (start + timedelta(minutes=int(hours * 60))).isoformat()
        record["location"] = "Online" if fmt != "in_person" else "Dallas, TX"
    if rng.random() < 0.04:
        record["status"] = rng.choice(("withdrawn", "cancelled"))
    return record


def build_catalog(
    rng: random.Random,
    parity: int | None,
    texts: ModuleType = fresh_texts,
    prefix: str = "f",
) -> tuple[list[dict], dict]:
    """Several offerings of each course of this half; id -> topics taught."""
    records, taught = [], {}
    for topic, courses in texts.COURSES.items():
        for course in half(courses, parity):
            first = None
            for _ in range(rng.randint(3, 6)):
                record = offering(rng, len(records), course, topic, texts, prefix)
                if first is not None and rng.random() < 0.3:
                    # The same provider running the course again.
                    record.update(
                        provider=first["provider"],
                        title=first["title"],
                        description=first["description"],
                    )
                    record["id"] = f"{first['provider']}:{record['id'].split(':')[1]}"
                    record["course_id"] = first["id"]
                first = first or record
                records.append(record)
                taught[record["id"]] = list(course[2])
    return records, taught


def build_profile(
    rng: random.Random,
    number: int,
    parity: int | None,
    records,
    taught,
    texts: ModuleType = fresh_texts,
):
    """One profile (TOML-ready dict) with the topics it asks for.

    :param texts: the module with ``KINDS`` and the profile wordings ``ASKED``
    """
    kinds, asked = texts.KINDS, texts.ASKED
    skills = [t for t, k in kinds.items() if k == "skill"]
    areas = [t for t, k in kinds.items() if k == "area"]
    gaps = rng.sample(skills, rng.choice((1, 2, 2, 3)))
    practice = rng.sample(areas, rng.choice((1, 1, 2)))
    profile = {
        "name": f"Fresh {number:02d}",
        "practice_areas": [rng.choice(half(asked[t], parity)) for t in practice],
        "skill_gaps": [rng.choice(half(asked[t], parity)) for t in gaps],
        "prefer_free": rng.random() < 0.75,
        "memberships": rng.sample(["nala", "nals", "nfpa", "ocpa"], rng.choice((0, 1))),
        "credentials": [],
        "completed": [],
        "_topics": {"gaps": gaps, "areas": practice},
    }
    if rng.random() < 0.25:
        profile["formats"] = sorted({"on_demand", *rng.sample(FORMATS, 2)})
    for credential in rng.sample(CREDENTIALS, rng.choice((1, 1, 2))):
        held = {"id": credential}
        if credential != "ca-bpc-6450":
            held["cycle_ends"] = date(2027 + rng.randint(0, 1), rng.randint(1, 12), 28)
        profile["credentials"].append(held)
    if rng.random() < 0.4:
        profile["completed"].append(
            {"title": "Annual ethics update", "date": date(2026, 3, 12),
             "credits": {"ethics": rng.choice((1.0, 2.0))}}
        )  # fmt: skip
    on_topic = [r for r in records if set(taught[r["id"]]) & set(gaps)]
    if on_topic and rng.random() < 0.6:
        done = rng.choice(on_topic)
        profile["completed"].append(
            {"title": done["title"], "date": date(2026, 5, 20),
             "credits": {c["category"]: c["hours"] for c in done["credits"]},
             "course_id": done.get("course_id", done["id"])}
        )  # fmt: skip
    return profile


def judge(
    profile_path: Path, topics: dict, records, taught, acceptance_aware: bool = False
) -> dict:
    """Non-zero grades and the ineligible listing ids for one profile.

    :param acceptance_aware: the ethics-need grade only for hours that count
    """
    profile, last, ethics_due, done = profile_context(profile_path)
    done_titles = {e.title.lower() for e in profile.completed}
    grades, ineligible = {}, []
    for record in records:
        if (
            record.get("status", "active") != "active"
            or (profile.formats and record["format"] not in profile.formats)
            or record.get("course_id", record["id"]) in done
            or record["title"].lower() in done_titles
        ):
            ineligible.append(record["id"])
            continue
        end = None
        if record.get("starts_at"):
            start = date.fromisoformat(record["starts_at"][:10])
            end = date.fromisoformat(record["ends_at"][:10])
            if start <= AS_OF or (last is not None and end > last):
                ineligible.append(record["id"])
                continue
        subjects = set(taught[record["id"]])
        grade = (
            3.0
            if subjects & set(topics["gaps"])
            else 2.0
            if subjects & set(topics["areas"])
            else 0.0
        )
        if gives_needed_ethics(record, end, ethics_due, acceptance_aware):
            grade += 1.0
        price = record["price_usd"]
        if record.get("member_price_usd") is not None and (
            record["provider"] in profile.memberships
        ):
            price = min(price, record["member_price_usd"])
        if grade > 0 and price == 0 and profile.prefer_free:
            grade += 0.5
        if grade > 0:
            grades[record["id"]] = grade
    return {"grades": grades, "ineligible": ineligible}


def build(variant: str) -> Path:
    """Write one variant's benchmark files; return its folder."""
    folder, seed, parity = VARIANTS[variant]
    rng = random.Random(seed)
    records, taught = build_catalog(rng, parity)
    write_variant(
        folder,
        records,
        (build_profile(rng, n, parity, records, taught) for n in range(PROFILES)),
        lambda path, profile, aware: judge(
            path, profile["_topics"], records, taught, aware
        ),
    )
    print(f"variant {variant}: {len(records)} listings, {PROFILES} profiles")
    return folder


def main() -> None:
    """Write variants f and g."""
    for variant in VARIANTS:
        build(variant)


if __name__ == "__main__":
    main()
