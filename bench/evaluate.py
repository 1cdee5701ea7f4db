"""nDCG@10 of the recommender beside two baselines, on a judged benchmark.

Loads a benchmark folder (``catalog.jsonl``, ``profiles/*.toml``,
``judgments.json`` and ``judgments_acceptance.json``, as written by
:mod:`bench.eval.build` for variants a-e and :mod:`bench.eval.fresh` for f
and g) into a scratch catalog, then for every profile ranks with

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

HERE = Path(__file__).resolve().parent
TOP = 10
RANDOM_DRAWS = 20
RANKERS = ("recommender", "bm25", "random")
#: the judgments files graded, by the key their figures are reported under
GRADINGS = {"original": "judgments.json", "acceptance": "judgments_acceptance.json"}
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
#: What the acceptance-aware judgments change (bench/eval/acceptance_grade.py).
ACCEPTANCE_GRADING = (
    "the same generators and grades, except that the +1 for ethics hours a "
    "credential still needs is given only when those hours count for that "
    "credential, as decided by an independent reading of "
    "research/acceptance.md (`bench/eval/acceptance_oracle.py`, written "
    "apart from `recommender/acceptance.py`; sponsor facts of the benchmark "
    "providers in `bench/eval/acceptance_grade.py`). DESIGN.md section 4 "
    "(second round) fills a need only with hours whose verdict is `counts`. "
    "So a commercial vendor's (or NALS's, or the Orange County "
    "association's) ethics hour no longer earns the +1 for NFPA RP, and no "
    "ethics hour earns it for California 6450, since no benchmark listing "
    "states California MCLE approval (verdict unknown). A course left with "
    "no grade also loses its +0.5 free bonus. Nothing else differs "
    "(tests/recommender/test_evaluate.py checks it)."
)
#: Issue 13's changes, measured before and after, and g's losses.
ISSUE_13 = (
    "Issue 13 (whether a course counts; free first), measured on 2026-12-01. "
    "Two changes: (1) a need is filled only with the units a `counts` verdict "
    "gives, and the need score values half the units of a course that counts "
    "only once approved or is not known to count (`verdict_shares`, set by "
    "reasoning); (2) free first: a paid course's price score is at most 0.6 "
    "(free 1), chosen on `a`-`f`. Before (commit 0e258a3) -> after, original "
    "judgments: a 0.902 -> 0.907, b 0.910 -> 0.909, c 0.832 -> 0.834, d 0.854 "
    "-> 0.858, e 0.805 -> 0.808, f 0.865 -> 0.873, g 0.842 -> 0.829. The same "
    "two rankings under the acceptance-aware judgments: a 0.920 -> 0.934, b "
    "0.931 -> 0.937, c 0.844 -> 0.856, d 0.861 -> 0.869, e 0.823 -> 0.828, f "
    "0.865 -> 0.877, g 0.835 -> 0.822. `g` was measured three times during "
    "that work and is no longer strictly held out. It was then re-run with "
    "the same code to study its losses (same figures); no ranking change has "
    "been made since, and none was tuned on `g`.\n\n"
    "What `g` lost, profile by profile (original / acceptance-aware "
    "change). Only a small part is the judgment being stale. **p29** (NFPA "
    "RP, ethics needed; -0.052 / -0.031): Lorman's trust-accounting course "
    "was graded 4 for its ethics hour, which NFPA accepts only after an "
    "application; the ranking moved it from 2nd to 3rd, which the acceptance "
    "rules justify. The rest of p29's loss, and the other losses, are the "
    "ranking. A course on a subject the profile never asked for enters the "
    "top 10 on its credit and price, above an on-topic course. **p19** "
    "(NFPA RP, ethics already met, prefers free; -0.083 / -0.083): PLI's and "
    "NALS's client-communication courses (grade 3; their general hours count "
    "for NFPA only after an application, so valued at half) fell out. Free "
    "NFPA courses on health-care experts and wage-and-hour class actions "
    "(grade 0, hours that count toward the total) came in. **p06** (NFPA "
    "RP, ethics met; -0.054 both): Lorman's $29 e-discovery course (grade 3) "
    "gave way to NFPA's calendar-software course (grade 0). **p09** (NFPA "
    "RP, 1 ethics hour needed, does not prefer free; -0.037 / -0.061): two "
    "NBI bankruptcy courses (grade 2, application needed) gave way to PLI's "
    "free ethics update (application needed, so 0 under the acceptance-"
    "aware judgments) and an NFPA e-discovery course carrying an ethics hour. "
    "The half share of a scarce ethics hour outweighs the subject. **p05** "
    "(California, ethics met; -0.039 / -0.065): a $59 hybrid e-filing course "
    "(grade 3) gave way to a free public-records course (grade 0). **p07** "
    "(NALA CP and NALS PP, where every course counts; -0.063 both) and "
    "**p02** (NALS PP; -0.038 both) are free first. In p02 a free "
    "practice-area course (grade 2.5) passes a paid skill-gap one (3). In "
    "p07 a free off-topic course passes a paid practice-area one. Also in "
    "p07, capping paid prices at 0.6 shrank the $59-versus-$99 gap, so a "
    "six-hour course graded 3 now passes the $59 one graded 4. Gains: p11 "
    "+0.052 / +0.061, p20 +0.016 "
    "/ +0.042, p27 +0.015. Over g's 30 top-10 lists, the picks graded 0 went "
    "from 32 to 36 (original) and from 33 to 38 (acceptance-aware); 23 and 24 "
    "of them are free. Under the acceptance-aware judgments `g` falls further "
    "(0.829 -> 0.822) for two reasons. The ranking still values half of an "
    "ethics hour that needs an application, or whose California acceptance "
    "is unknown, and these judgments give it nothing. Its on-topic "
    "courses with such hours also lost their +1. So the judgments disagree "
    "with the half share by design. The weakness is generic, not `g`'s "
    "wording: `c`-`f` also carry picks graded 0 in their top 10s (70 of "
    "2,100 after the change, 72 before; most of them free). An experiment on "
    "`a`-`f` only (not shipped: it belongs in `recommender/rank.py`) let "
    "price, date and the need other than ethics count in proportion to "
    "relevance below 0.3. It moved the `a`-`f` mean by only +0.002 "
    "(original) and +0.003 (acceptance-aware). The off-topic picks there "
    "mostly have some text relevance (0.2-0.3), so a gate does not separate "
    "them. `g` was not measured with it.\n\n"
    "**The 0.85 goal for the held-out set `g` is not met under either "
    "grading: 0.829 with the original judgments and 0.822 with the "
    "acceptance-aware ones.** `a`, `b`, `d` and `f` are above 0.85 under "
    "both gradings. `c` is above 0.85 only under the acceptance-aware "
    "grading (0.856; 0.834 original). `e` is below under both."
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
            "(hand-written provider-style titles and descriptions, each course "
            "offered several times, graded from the one or two topics it teaches; "
            "profiles in paralegal shorthand with abbreviations and misspellings; "
            "f and g share no wording). Grades: skill gap 3, practice area 2, +1 "
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
        help="benchmark folder (repeatable; default bench/eval/a to bench/eval/h)",
    )
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args(argv)
    folders = options.bench or [HERE / "eval" / variant for variant in "abcdefgh"]
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
