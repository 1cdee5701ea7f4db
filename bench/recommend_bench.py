"""Benchmark ``cle recommend`` warm and cold at several catalog sizes.

For each size (default 1k, 10k, 100k listings from :mod:`bench.generate`,
loaded with ``cle import``), measured in the same run:

- warm: in one process, the catalog and its persisted index already open,
  the time of one query (rank + details + reasons of the top 10), median;
- cold: ``cle recommend --top 10 --json`` in a fresh process (index already
  built by a first, untimed run, whose time is reported as "index build");
- baselines: a brute-force TF-IDF search that refits ``TfidfVectorizer`` on
  every listing's title and description for each query (warm), and
  ``python -c "import sklearn.feature_extraction.text"`` (cold; the recommender
  issue's goal is cold ≤ 0.5 of it).

    python -m bench.recommend_bench --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from bench.import_bench import catalog_db
from bench.measure import OUTPUT_DIR, cle_args, run_child, save_result

AS_OF = date(2026, 11, 27)
WARM_GOAL_S = 0.050
COLD_GOAL_RATIO = 0.5
PROFILE = """
name = "Benchmark"
practice_areas = ["personal injury", "medical malpractice"]
skill_gaps = ["e-discovery", "medical records"]
memberships = ["nals"]

[[credentials]]
id = "ca-bpc-6450"
"""
QUERY_TEXT = "personal injury medical malpractice e-discovery medical records"


def profile_file() -> Path:
    """The benchmark profile, written to bench/output."""
    path = OUTPUT_DIR / "bench-profile.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROFILE, encoding="utf-8")
    return path


def warm_query(db_path: Path, profile_path: Path, repeat: int) -> dict:
    """Open the catalog once, then time ``repeat`` recommendations in-process."""
    from recommender.explain import reasons
    from recommender.service import open_listings, recommend
    from recommender.tracking.profile import load_profile
    from recommender.tracking.rules import load_rules
    from recommender.tracking.status import compute_status

    rules = load_rules()
    profile = load_profile(profile_path, rules)
    statuses = compute_status(profile, rules, AS_OF)
    started = time.perf_counter()
    catalog = open_listings(db_path, AS_OF)
    open_seconds = time.perf_counter() - started

    def one_query():
        picks, queries = recommend(profile, statuses, catalog, AS_OF, top=10)
        top = catalog.add_details(picks[:10])
        vocabulary = catalog.index.vocabulary
        return [reasons(p, queries, vocabulary, AS_OF, tracked=True) for p in top]

    one_query()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        one_query()
        times.append(time.perf_counter() - started)
    return {"open_s": open_seconds, "median_s": statistics.median(times)}


def brute_force(db_path: Path, repeat: int) -> dict:
    """The baseline: refit TF-IDF on every listing for each query, rank top 10."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "select id, title || ' ' || coalesce(description, '') from courses "
            "where status = 'active'"
        ).fetchall()
    texts = [text for _, text in rows]

    def one_query():
        vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        matrix = vectorizer.fit_transform(texts)
        scores = linear_kernel(vectorizer.transform([QUERY_TEXT]), matrix).ravel()
        return scores.argsort()[::-1][:10]

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        one_query()
        times.append(time.perf_counter() - started)
    return {"median_s": statistics.median(times), "listings": len(texts)}


def cold_runs(db_path: Path, profile_path: Path, repeat: int) -> dict:
    """``cle recommend`` in fresh processes, interleaved with the import baseline."""
    command = cle_args(
        "recommend", "--profile", str(profile_path), "--db", str(db_path),
        "--as-of", AS_OF.isoformat(), "--top", "10", "--json",
    )  # fmt: skip
    first = run_child(command, memory=True)  # builds the index when the catalog is new
    if first.returncode != 0:
        raise SystemExit(f"cle recommend failed: {first.stderr.strip()}")
    picks = len(json.loads(first.stdout))
    baseline = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
    run_child(baseline, memory=True)
    cold, base = [], []
    for _ in range(repeat):
        cold.append(run_child(command, memory=True))
        base.append(run_child(baseline, memory=True))
    return {
        "first_run_s": first.seconds,
        "median_s": statistics.median(c.seconds for c in cold),
        "peak_rss_mb": max(c.peak_rss_mb for c in cold),
        "sklearn_import_s": statistics.median(b.seconds for b in base),
        "picks": picks,
    }


def run(sizes: list[int], repeat: int = 7) -> dict:
    """Measure every size; return the figures."""
    profile_path = profile_file()
    results = []
    for n in sizes:
        db_path = catalog_db(n)
        cold = cold_runs(db_path, profile_path, max(3, repeat // 2))
        warm = warm_query(db_path, profile_path, repeat if n < 50_000 else 3)
        brute = brute_force(db_path, 1 if n >= 50_000 else 3)
        results.append({"n": n, "warm": warm, "cold": cold, "brute_force": brute})
    largest = max(results, key=lambda r: r["n"])
    return {
        "sizes": results,
        "warm_goal_met": largest["warm"]["median_s"] < WARM_GOAL_S,
        "cold_goal_met": all(
            r["cold"]["median_s"] <= COLD_GOAL_RATIO * r["cold"]["sklearn_import_s"]
            for r in results
        ),
    }


def report_rows(result: dict) -> list[str]:
    """Markdown table rows for BENCHMARKS.md."""
    rows = []
    for size in result["sizes"]:
        n, warm, cold, brute = (
            size["n"],
            size["warm"],
            size["cold"],
            size["brute_force"],
        )
        warm_met = "met" if warm["median_s"] < WARM_GOAL_S else "**not met**"
        goal = f"< 50 ms: {warm_met}" if n >= 100_000 else "(goal set at 100k)"
        rows.append(
            f"| `cle recommend` warm (in-process), {n:,} listings "
            f"| {warm['median_s'] * 1000:.1f} ms | brute-force TF-IDF refit: "
            f"{brute['median_s'] * 1000:.0f} ms | "
            f"{warm['median_s'] / brute['median_s']:.3f}× | {goal} |"
        )
        ratio = cold["median_s"] / cold["sklearn_import_s"]
        met = "met" if ratio <= COLD_GOAL_RATIO else "**not met**"
        rows.append(
            f"| `cle recommend` cold (fresh process), {n:,} listings; first run "
            f"{cold['first_run_s']:.1f} s (builds the index if missing) "
            f"| {cold['median_s'] * 1000:.0f} ms, "
            f"{cold['peak_rss_mb']:.0f} MB | `import sklearn…text`: "
            f"{cold['sklearn_import_s'] * 1000:.0f} ms | {ratio:.2f}× | ≤ 0.5×: {met} |"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and print its result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args(argv)
    result = run(args.sizes, args.repeat)
    save_result("recommend", result)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
