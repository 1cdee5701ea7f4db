"""nDCG@10 of the recommender beside two baselines, on a judged benchmark.

Loads a benchmark folder (``catalog.jsonl``, ``profiles/*.toml``,
``judgments.json`` and ``judgments_acceptance.json``, as written by
:mod:`bench.eval.build` for variants a-e, :mod:`bench.eval.fresh` for f
and g, and :mod:`bench.eval.held_out` for h-j) into a scratch
catalog, then for every profile ranks with

* the recommender (``recommender.service.recommend``, the code behind
  ``cle recommend``),
* SQLite FTS5 bm25 on the profile's words (practice areas and skill gaps),
* random order (mean of 20 seeded shuffles of the active listings),

and reports mean nDCG@10 (gain 2^grade - 1; one course counts once) and the
number of ineligible listings in any top 10, under both judgments: as first
graded, and acceptance-aware (the ethics-need grade only for ethics hours
that count for the credential, :mod:`bench.eval.acceptance_grade`). The same
rankings are graded twice. Writes BENCHMARKS.md section ``recommender-eval``.

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

from bench.eval_notes import ACCEPTANCE_GRADING, HISTORY, ISSUE_13

HERE = Path(__file__).resolve().parent
TOP = 10
RANDOM_DRAWS = 20
RANKERS = ("recommender", "bm25", "random")
#: the judgments files graded, by the key their figures are reported under
GRADINGS = {"original": "judgments.json", "acceptance": "judgments_acceptance.json"}


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

    gradings = {
        key: json.loads((bench / name).read_text(encoding="utf-8"))
        for key, name in GRADINGS.items()
        if (bench / name).exists()
    }
    judgments = gradings["original"]
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
        for number, name in enumerate(sorted(judgments["profiles"])):
            profile = load_profile(bench / "profiles" / name, rules)
            statuses = compute_status(profile, rules, as_of)
            options = {"weights": weights} if weights is not None else {}
            picks, _ = recommend(profile, statuses, catalog, as_of, **options)
            rankings = {
                "recommender": [[p.listing["id"] for p in picks[:TOP]]],
                "bm25": [bm25_ranking(connection, profile)],
                "random": random_rankings(active, number),
            }
            row = {"profile": name}
            for key, graded in gradings.items():
                judged = graded["profiles"][name]
                row[key] = _scores(rankings, judged["grades"], course_of)
                row[key]["ineligible_in_top10"] = sorted(
                    set(rankings["recommender"][0]) & set(judged["ineligible"])
                )
            row.update(row["original"])
            rows.append(row)
        connection.close()
    summary = _summary(rows, "original")
    for key in gradings:
        summary[key] = _summary(rows, key)
    summary["profiles"] = len(rows)
    summary["listings"] = len(course_of)
    return {"summary": summary, "rows": rows}


def _scores(rankings: dict, grades: dict, course_of: dict) -> dict:
    """Mean nDCG@10 of each ranker's rankings under one profile's grades."""
    return {
        ranker: statistics.mean(ndcg(r, grades, course_of) for r in ranked)
        for ranker, ranked in rankings.items()
    }


def _summary(rows: list[dict], key: str) -> dict:
    """Mean per ranker and the ineligible picks, under one grading."""
    summary = {
        name: statistics.mean(row[key][name] for row in rows) for name in RANKERS
    }
    summary["ineligible_in_top10"] = sum(
        len(row[key]["ineligible_in_top10"]) for row in rows
    )
    return summary


def _table(results: dict[str, dict], key: str) -> list[str]:
    """One table row per benchmark folder under one grading (``—`` when absent)."""
    rows = [
        "| benchmark | recommender | bm25 | random | recommender / bm25 | "
        "ineligible in a top 10 | weakest profiles |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, result in results.items():
        s = result["summary"]
        label = f"| `{name}` ({s['listings']} listings, {s['profiles']} profiles) | "
        if key not in s:
            rows.append(label + "— | — | — | — | — | — |")
            continue
        g = s[key]
        ratio = g["recommender"] / g["bm25"] if g["bm25"] else float("inf")
        worst = sorted(result["rows"], key=lambda r: r[key]["recommender"])[:2]
        rows.append(
            label
            + f"**{g['recommender']:.3f}** | {g['bm25']:.3f} | {g['random']:.3f} | "
            f"{ratio:.2f}× | {g['ineligible_in_top10']} | "
            + ", ".join(f"{r['profile']} {r[key]['recommender']:.2f}" for r in worst)
            + " |"
        )
    return rows


def section(results: dict[str, dict]) -> str:
    """The BENCHMARKS.md section text: both gradings, one row per benchmark folder."""
    return "\n".join(
        [
            "## Recommender quality (`python -m bench.evaluate`)",
            "",
            "Judged benchmarks: `a`-`e` built by `python -m bench.eval.build` "
            "(one phrase per listing in a title template, graded from the "
            "listing's hidden topic), `f` and `g` by `python -m bench.eval.fresh` "
            "and `h`, `i`, `j` by `python -m bench.eval.held_out` "
            "(hand-written provider-style titles and descriptions, each course "
            "offered several times, graded from the one or two topics it teaches; "
            "profiles in paralegal shorthand with abbreviations and misspellings; "
            "no two of f-j share wording). Grades: skill gap 3, practice area 2, +1 "
            "ethics hours a credential still needs, +0.5 free when the profile "
            "prefers free; ineligible 0. Mean nDCG@10 (gain 2^grade - 1, one "
            "course counts once), the three rankers computed in the same run; "
            "bm25 is SQLite FTS5 on the profile's words, random is the mean of "
            f"{RANDOM_DRAWS} shuffles. Each ranking is graded twice, in the same "
            "run: with the original judgments (`judgments.json`) and with the "
            "acceptance-aware ones (`judgments_acceptance.json`).",
            "",
            "**Original judgments** (`judgments.json`: +1 for any ethics hour a "
            "credential still needs):",
            "",
            *_table(results, "original"),
            "",
            "**Acceptance-aware judgments** (`judgments_acceptance.json`): "
            + ACCEPTANCE_GRADING,
            "",
            *_table(results, "acceptance"),
            "",
            HISTORY,
            "",
            ISSUE_13,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    """Evaluate and (unless --no-write) update BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bench",
        type=Path,
        action="append",
        help="benchmark folder (repeatable; default bench/eval/a to bench/eval/j)",
    )
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args(argv)
    folders = options.bench or [HERE / "eval" / variant for variant in "abcdefghij"]
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
