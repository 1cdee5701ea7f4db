"""nDCG@10 of the recommender beside two baselines, on a judged benchmark.

Loads a benchmark folder (``catalog.jsonl``, ``profiles/*.toml``,
``judgments.json``, as written by :mod:`bench.eval.build` for variants a-e
and :mod:`bench.eval.fresh` for f and g) into a scratch
catalog, then for every profile ranks with

* the recommender (``recommender.service.recommend``, the code behind
  ``cle recommend``),
* SQLite FTS5 bm25 on the profile's words (practice areas and skill gaps),
* random order (mean of 20 seeded shuffles of the active listings),

and reports mean nDCG@10 (gain 2^grade - 1; one course counts once) and the
number of ineligible listings in any top 10. Writes BENCHMARKS.md section
``recommender-eval``.

    python -m bench.evaluate [--bench FOLDER ...] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import statistics
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOP = 10
RANDOM_DRAWS = 20
#: How each variant was used, so the figures are read for what they are.
HISTORY = (
    "How the variants were used: `a` tuned the weights and vocabulary. `b` "
    "scored 0.862 when first measured, before two of its mislabelled listings "
    "were fixed and the vocabulary grew (some additions overlap its wording). "
    "`c` first scored 0.666 and `d` 0.605; each then revealed a generic fix "
    "(Snowball stemming, specificity-weighted partial matching, two-word "
    'phrases in either order, "-ing" activity words, "will" kept as a noun '
    "in profiles), none specific to their wording. `e` was written after "
    "those changes and measured once at 0.741 (bm25 0.281). `f` and `g` "
    "(bench/eval/fresh.py, hand-written texts) were written on 2026-11-27 "
    "before any further change and first measured at f 0.737 (bm25 0.330, "
    "8 ineligible picks) and g 0.756 (bm25 0.278, 11 ineligible picks). "
    "The ineligible picks were re-listings of a completed course under "
    "another id and sessions after the cycle end of a credential whose "
    "hours are unknown (nals-pp); both are now excluded. Then, developing on "
    "`f` and checking `a`-`e` for regressions (so `e` is no longer held "
    "out): spelling slips and clipped words read as the vocabulary word "
    '("reserach", "bankrupcy", "calender", "fam law", "depo" by catalog '
    'frequency), phrase words matched out of order ("filing documents '
    'electronically"), a guess between two concepts counting half, a '
    "listing on only one of a phrase's two concepts counting three quarters, "
    '"litigation support" moved from litigation to e-discovery, "witness '
    'interviews" added to investigation, and the text-match scales re-tuned '
    "on the mean of `a`-`f` (focus 0.8 -> 0.5, mention 0.3 -> 0.2, full "
    "similarity 0.40 -> 0.50: at 0.8 every title naming a concept tied and "
    "text similarity no longer told them apart). `g` was then measured once, "
    "after the last change: **0.842** (bm25 0.278, 3.03x, no ineligible "
    "pick), the held-out figure, still below the 0.85 goal. Its misses: "
    "profile phrases that name no concept and share few words with the "
    'listings ("finding people", "reading doctors notes"), two-letter '
    'abbreviations ("L&E" read as real estate or estates), and titles that '
    'name no concept ("Keeping Clients Informed"). The stricter '
    "completed-title rule costs `c` and `d` about 0.01 each: their "
    "judgments count another provider's course of the same name as new."
)


def ndcg(
    ranked: list[str], grades: dict[str, float], course_of: dict[str, str]
) -> float:
    """nDCG@10 of a ranked list of listing ids; a repeated course counts once."""
    best: dict[str, float] = {}
    for listing_id, grade in grades.items():
        course = course_of.get(listing_id, listing_id)
        best[course] = max(best.get(course, 0.0), grade)
    ideal_gains = sorted(best.values(), reverse=True)[:TOP]
    ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal_gains))
    if ideal == 0:
        return 1.0
    seen, dcg = set(), 0.0
    for position, listing_id in enumerate(ranked[:TOP]):
        course = course_of.get(listing_id, listing_id)
        if course in seen:
            continue
        seen.add(course)
        dcg += (2 ** grades.get(listing_id, 0.0) - 1) / math.log2(position + 2)
    return dcg / ideal


def bm25_ranking(connection, profile) -> list[str]:
    """Top listings by FTS5 bm25 for the profile's words (any word may match)."""
    text = " ".join([*profile.practice_areas, *profile.skill_gaps])
    terms = sorted(set(re.findall(r"[a-z0-9]+", text.lower())))
    if not terms:
        return []
    query = " OR ".join(f'"{t}"' for t in terms)
    sql = (
        "select courses.id from courses_fts join courses "
        "on courses.rowid = courses_fts.rowid where courses_fts match ? "
        "order by bm25(courses_fts), courses.id limit ?"
    )
    return [row[0] for row in connection.execute(sql, [query, TOP])]


def random_rankings(ids: list[str], seed: int) -> list[list[str]]:
    """Several seeded random orders of the listings."""
    rankings = []
    for draw in range(RANDOM_DRAWS):
        order = list(ids)
        random.Random(seed * 1000 + draw).shuffle(order)
        rankings.append(order[:TOP])
    return rankings


def evaluate(bench: Path, weights=None) -> dict:
    """Run the three rankers on every profile; return the summary and per profile.

    :param weights: ranking weights to try (default: the shipped ones)
    """
    import sqlite3

    from catalog.db import open_db
    from catalog.load import load_records
    from catalog.records import read_jsonl
    from recommender.index_store import rebuild
    from recommender.service import open_listings, recommend
    from recommender.tracking.profile import load_profile
    from recommender.tracking.rules import load_rules
    from recommender.tracking.status import compute_status

    judgments = json.loads((bench / "judgments.json").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(judgments["as_of"])
    rules = load_rules()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "catalog.db"
        db = open_db(db_path)
        lines = (bench / "catalog.jsonl").read_text(encoding="utf-8").splitlines()
        report = load_records(db, read_jsonl(lines), seen_on=as_of.isoformat())
        if report.rejected:
            raise SystemExit(f"benchmark catalog has bad lines: {report.rejected[:3]}")
        rebuild(db)
        db.close()
        catalog = open_listings(db_path, as_of)
        records = [json.loads(line) for line in lines if line.strip()]
        course_of = {r["id"]: r.get("course_id", r["id"]) for r in records}
        connection = sqlite3.connect(db_path)
        active = sorted(
            r["id"] for r in records if r.get("status", "active") == "active"
        )
        rows = []
        for number, (name, judged) in enumerate(sorted(judgments["profiles"].items())):
            profile = load_profile(bench / "profiles" / name, rules)
            statuses = compute_status(profile, rules, as_of)
            options = {"weights": weights} if weights is not None else {}
            picks, _ = recommend(profile, statuses, catalog, as_of, **options)
            ours = [p.listing["id"] for p in picks[:TOP]]
            grades, ineligible = judged["grades"], set(judged["ineligible"])
            bm25 = bm25_ranking(connection, profile)
            randoms = random_rankings(active, number)
            rows.append(
                {
                    "profile": name,
                    "recommender": ndcg(ours, grades, course_of),
                    "bm25": ndcg(bm25, grades, course_of),
                    "random": statistics.mean(
                        ndcg(r, grades, course_of) for r in randoms
                    ),
                    "ineligible_in_top10": sorted(set(ours) & ineligible),
                }
            )
        connection.close()
    summary = {
        name: statistics.mean(row[name] for row in rows)
        for name in ("recommender", "bm25", "random")
    }
    summary["ineligible_in_top10"] = sum(len(r["ineligible_in_top10"]) for r in rows)
    summary["profiles"] = len(rows)
    summary["listings"] = len(course_of)
    return {"summary": summary, "rows": rows}


def section(results: dict[str, dict]) -> str:
    """The BENCHMARKS.md section text, one row per benchmark folder."""
    rows = []
    for name, result in results.items():
        s = result["summary"]
        ratio = s["recommender"] / s["bm25"] if s["bm25"] else float("inf")
        worst = sorted(result["rows"], key=lambda r: r["recommender"])[:2]
        rows.append(
            f"| `{name}` ({s['listings']} listings, {s['profiles']} profiles) | "
            f"**{s['recommender']:.3f}** | {s['bm25']:.3f} | {s['random']:.3f} | "
            f"{ratio:.2f}× | {s['ineligible_in_top10']} | "
            + ", ".join(f"{r['profile']} {r['recommender']:.2f}" for r in worst)
            + " |"
        )
    return "\n".join(
        [
            "## Recommender quality (`python -m bench.evaluate`)",
            "",
            "Judged benchmarks: `a`-`e` built by `python -m bench.eval.build` "
            "(one phrase per listing in a title template, graded from the "
            "listing's hidden topic), `f` and `g` by `python -m bench.eval.fresh` "
            "(hand-written provider-style titles and descriptions, each course "
            "offered several times, graded from the one or two topics it teaches; "
            "profiles in paralegal shorthand with abbreviations and misspellings; "
            "f and g share no wording). Grades: skill gap 3, practice area 2, +1 "
            "ethics hours a credential still needs, +0.5 free when the profile "
            "prefers free; ineligible 0. Mean nDCG@10 (gain 2^grade - 1, one "
            "course counts once), the three rankers computed in the same run; "
            "bm25 is SQLite FTS5 on the profile's words, random is the mean of "
            f"{RANDOM_DRAWS} shuffles.",
            "",
            "| benchmark | recommender | bm25 | random | recommender / bm25 | "
            "ineligible in a top 10 | weakest profiles |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            HISTORY,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """Evaluate and (unless --no-write) update BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bench",
        type=Path,
        action="append",
        help="benchmark folder (repeatable; default bench/eval/a to bench/eval/g)",
    )
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args(argv)
    folders = options.bench or [HERE / "eval" / variant for variant in "abcdefg"]
    results = {}
    for folder in folders:
        folder = folder.resolve()
        name = (
            str(folder.relative_to(HERE.parent))
            if folder.is_relative_to(HERE.parent)
            else str(folder)
        )
        results[name] = evaluate(folder)
    text = section(results)
    if not options.no_write:
        from bench.md_section import replace_section

        replace_section("recommender-eval", text)
    print(text)


if __name__ == "__main__":
    main()
