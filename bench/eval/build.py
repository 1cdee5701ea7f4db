"""Build the judged recommender benchmark: catalog, profiles and graded relevance.

The catalog comes from :mod:`bench.synthetic` (provider phrasings); profiles
use a second, different set of words a paralegal would type
(:mod:`bench.eval.build_texts`), so neither side is written in
``data/vocabulary.yml``'s canonical terms.

Graded relevance follows the mission, judged from each listing's *hidden*
topic (never from its words):

* ineligible (started by the as-of date, ends after the last deadline while
  credit is needed, withdrawn or cancelled, completed, a format the profile
  does not take) = 0;
* topic is a skill gap: 3; a practice area: 2; otherwise 0;
* +1 when it gives ethics hours a credential still needs before its deadline
  (an off-topic course that does this scores 1); in the acceptance-aware
  judgments only when those hours count for that credential
  (:mod:`bench.eval.acceptance_grade`);
* +0.5 when it is free for this paralegal and the profile prefers free.

    python -m bench.eval.build   # rewrites bench/eval/a to bench/eval/e
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from bench.eval.acceptance_grade import JUDGMENT_FILES, gives_needed_ethics
from bench.eval.build_texts import (
    ASKED,
    ASKED_B,
    ASKED_C,
    ASKED_D,
    ASKED_E,
    WORDING_B,
    WORDING_C,
    WORDING_D,
    WORDING_E,
)
from bench.synthetic import TOPICS, listing

HERE = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 27)
CATALOG_SIZE = 600
PROFILES = 36
SEED = 2029

#: variant -> (folder, seed, profile words, provider wording)
VARIANTS = {
    "a": (HERE / "a", SEED, ASKED, None),
    "b": (HERE / "b", 4242, ASKED_B, WORDING_B),
    "c": (HERE / "c", 777, ASKED_C, WORDING_C),
    "d": (HERE / "d", 9001, ASKED_D, WORDING_D),
    "e": (HERE / "e", 31337, ASKED_E, WORDING_E),
}
CREDENTIALS = ("ca-bpc-6450", "nala-cp", "nfpa-rp")
ALL_FORMATS = ("live_webinar", "on_demand", "in_person", "hybrid", "self_study")


def build_catalog(
    rng: random.Random, wording: dict | None = None
) -> tuple[list[dict], dict[str, str]]:
    """The listings and their hidden topics (id -> topic)."""
    topics = list(TOPICS)
    records, hidden = [], {}
    for number in range(CATALOG_SIZE):
        topic = rng.choice(topics)
        record = listing(rng, number, AS_OF, topic, wording)
        records.append(record)
        hidden[record["id"]] = topic
    # A few courses with two offerings: one grade per course_id is judged.
    for record in rng.sample(records, 30):
        twin = dict(record, id=record["id"] + "-b", course_id=record["id"])
        twin["url"] = record["url"] + "-b"
        record["course_id"] = record["id"]
        records.append(twin)
        hidden[twin["id"]] = hidden[record["id"]]
    return records, hidden


def build_profile(
    rng: random.Random,
    number: int,
    records: list[dict],
    asked: dict = ASKED,
    wording: dict | None = None,
) -> dict:
    """One profile as a TOML-ready dict."""
    skills = [t for t, (kind, _) in TOPICS.items() if kind == "skill" and t in asked]
    areas = [t for t, (kind, _) in TOPICS.items() if kind == "area" and t in asked]
    gaps = rng.sample(skills, rng.choice((1, 1, 2)))
    practice = rng.sample(areas, rng.choice((1, 2, 2)))
    profile = {
        "name": f"Benchmark {number:02d}",
        "practice_areas": [rng.choice(asked[t]) for t in practice],
        "skill_gaps": [rng.choice(asked[t]) for t in gaps],
        "prefer_free": rng.random() < 0.8,
        "memberships": rng.sample(["nala", "nals", "nfpa", "aapi"], rng.choice((0, 1))),
        "credentials": [],
        "completed": [],
        "_topics": {"gaps": gaps, "areas": practice},
    }
    if rng.random() < 0.3:
        profile["formats"] = sorted(rng.sample(ALL_FORMATS, 2) + ["on_demand"])
        profile["formats"] = sorted(set(profile["formats"]))
    for credential in rng.sample(CREDENTIALS, rng.choice((1, 1, 2))):
        held = {"id": credential}
        if credential != "ca-bpc-6450":
            held["cycle_ends"] = date(2027 + rng.randint(0, 2), rng.randint(1, 12), 28)
        profile["credentials"].append(held)
    if rng.random() < 0.5:
        profile["completed"].append(
            {"title": "Ethics refresher", "date": date(2026, 2, 10),
             "credits": {"ethics": rng.choice((1.0, 2.0))}}
        )  # fmt: skip
    on_topic = [r for r in records if _topic_words(r, gaps, wording)]
    if on_topic:
        done = rng.choice(on_topic)
        profile["completed"].append(
            {"title": done["title"], "date": date(2026, 6, 1),
             "credits": {c["category"]: c["hours"] for c in done["credits"]},
             "course_id": done.get("course_id", done["id"])}
        )  # fmt: skip
    return profile


def _topic_words(record: dict, topics: list[str], wording: dict | None) -> bool:
    title = record["title"].lower()
    phrasings = [p for t in topics for p in (wording or {}).get(t, TOPICS[t][1])]
    return any(p.lower() in title for p in phrasings)


def to_toml(profile: dict) -> str:
    """Write a profile dict as TOML (the small subset profiles use)."""
    lines = [f"name = {json.dumps(profile['name'])}"]
    for key in ("practice_areas", "skill_gaps", "memberships", "formats"):
        if key in profile:
            lines.append(f"{key} = {json.dumps(profile[key])}")
    lines.append(f"prefer_free = {str(profile['prefer_free']).lower()}")
    for held in profile["credentials"]:
        lines += ["", "[[credentials]]", f"id = {json.dumps(held['id'])}"]
        if "cycle_ends" in held:
            lines.append(f"cycle_ends = {held['cycle_ends'].isoformat()}")
    for entry in profile["completed"]:
        lines += ["", "[[completed]]", f"title = {json.dumps(entry['title'])}"]
        lines.append(f"date = {entry['date'].isoformat()}")
        credits = ", ".join(f"{k} = {v}" for k, v in entry["credits"].items())
        lines.append(f"credits = {{ {credits} }}")
        if entry.get("course_id"):
            lines.append(f"course_id = {json.dumps(entry['course_id'])}")
    return "\n".join(lines) + "\n"


def profile_context(profile_path: Path):
    """A profile with its last deadline, its ethics needs and its done course ids.

    The last deadline is None when some unfinished credential has no cycle end;
    the ethics needs are (credential, cycle end) of each credential still
    needing ethics hours.
    """
    from recommender.tracking.profile import load_profile
    from recommender.tracking.rules import load_rules
    from recommender.tracking.status import compute_status

    rules = load_rules()
    profile = load_profile(profile_path, rules)
    statuses = [s for s in compute_status(profile, rules, AS_OF) if not s.done]
    deadlines = [s.cycle_end for s in statuses if s.cycle_end]
    last = max(deadlines) if deadlines and len(deadlines) == len(statuses) else None
    ethics_due = [
        (s.credential, s.cycle_end)
        for s in statuses
        if (s.remaining.get("ethics") or 0) > 0
    ]
    done_ids = {e.course_id for e in profile.completed if e.course_id}
    return profile, last, ethics_due, done_ids


def judge(
    profile_path: Path, topics: dict, records, hidden, acceptance_aware: bool = False
) -> dict:
    """Non-zero grades and the ineligible listing ids for one profile.

    :param acceptance_aware: the ethics-need grade only for hours that count
    """
    profile, last, ethics_due, done_ids = profile_context(profile_path)
    context = (profile, topics, last, ethics_due, done_ids, acceptance_aware)
    grades, ineligible = {}, []
    for record in records:
        grade = _grade(record, hidden[record["id"]], *context)
        if grade is None:
            ineligible.append(record["id"])
        elif grade > 0:
            grades[record["id"]] = grade
    return {"grades": grades, "ineligible": ineligible}


def _grade(
    record, topic, profile, topics, last, ethics_due, done_ids, acceptance_aware
) -> float | None:
    """The grade of one listing, or None when it is ineligible."""
    if record.get("status", "active") != "active":
        return None
    if profile.formats and record["format"] not in profile.formats:
        return None
    if record.get("course_id", record["id"]) in done_ids:
        return None
    end = None
    if record.get("starts_at"):
        start = date.fromisoformat(record["starts_at"][:10])
        end = date.fromisoformat(record["ends_at"][:10])
        if start <= AS_OF or (last is not None and end > last):
            return None
    base = 3.0 if topic in topics["gaps"] else 2.0 if topic in topics["areas"] else 0.0
    if gives_needed_ethics(record, end, ethics_due, acceptance_aware):
        base += 1.0
    price = record["price_usd"]
    if record.get("member_price_usd") is not None and (
        record["provider"] in profile.memberships
    ):
        price = min(price, record["member_price_usd"])
    if base > 0 and price == 0 and profile.prefer_free:
        base += 0.5
    return base


def write_variant(folder: Path, records: list[dict], profiles, judge_one) -> None:
    """Write a variant folder: catalog.jsonl, profiles/pNN.toml and the judgments.

    Both judgments files are written (:data:`JUDGMENT_FILES`): as first
    graded, and with the acceptance-aware ethics-need grade.

    :param profiles: profile dicts in order (written as p00.toml, p01.toml, ...)
    :param judge_one: ``judge_one(path, profile, acceptance_aware)`` -> that
        profile's judgments
    """
    (folder / "profiles").mkdir(parents=True, exist_ok=True)
    with open(folder / "catalog.jsonl", "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
    judgments = {name: {} for name in JUDGMENT_FILES}
    for number, profile in enumerate(profiles):
        path = folder / "profiles" / f"p{number:02d}.toml"
        path.write_text(to_toml(profile), encoding="utf-8")
        for name, aware in JUDGMENT_FILES.items():
            judgments[name][path.name] = judge_one(path, profile, aware)
    for name, judged in judgments.items():
        with open(folder / name, "w", encoding="utf-8") as out:
            json.dump({"as_of": AS_OF.isoformat(), "profiles": judged}, out)


def build(variant: str) -> Path:
    """Write one variant's benchmark files; return its folder."""
    folder, seed, asked, wording = VARIANTS[variant]
    rng = random.Random(seed)
    records, hidden = build_catalog(rng, wording)
    write_variant(
        folder,
        records,
        (build_profile(rng, n, records, asked, wording) for n in range(PROFILES)),
        lambda path, profile, aware: judge(
            path, profile["_topics"], records, hidden, aware
        ),
    )
    print(
        f"variant {variant}: {len(records)} listings, {PROFILES} profiles in {folder}"
    )
    return folder


def main() -> None:
    """Write every variant."""
    for variant in VARIANTS:
        build(variant)


if __name__ == "__main__":
    main()
