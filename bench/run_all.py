"""Run every scale benchmark and write the ``scale`` section of BENCHMARKS.md.

``make bench`` runs this. Sizes: import and Datasette at 100k listings,
recommend at 1k/10k/100k (and cold over 72 profiles at 100k), ``cle plan`` at
100k, crawl at 10k; ``--quick`` uses 10k/10k/1k+10k/2k. The million-listing
step (``1m``, :mod:`bench.million`) reuses its saved results unless
``--again``: run it on its own, ``--only 1m [--again]``.
Generated catalogs and sites are cached in ``bench/output`` (git-ignored), so
a second run skips the generation. Only the text between
``<!-- scale:start -->`` and ``<!-- scale:end -->`` is replaced.

    python -m bench.run_all [--quick] [--only import datasette recommend ... 1m]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

from bench import (
    crawl_bench,
    datasette_bench,
    import_bench,
    million,
    recommend_bench,
    recommend_profiles,
    stages,
)
from bench.md_section import replace_section
from bench.measure import machine, save_result

FULL = {"import": 100_000, "datasette": 100_000, "recommend": [1000, 10_000, 100_000],
        "profiles": 100_000, "plan": 100_000, "crawl": 10_000, "stages": 10_000,
        "1m": million.N}  # fmt: skip
QUICK = {"import": 10_000, "datasette": 10_000, "recommend": [1000, 10_000],
         "profiles": 10_000, "plan": 10_000, "crawl": 2000, "stages": 2000,
         "1m": million.N}  # fmt: skip
HEADER = "| measurement | figure | baseline (same run) | ratio | goal |"


def run(sizes: dict, only: list[str], again: bool = False) -> dict:
    """Run the chosen benchmarks in order; return their results by name."""
    results: dict = {}
    if "import" in only:
        _say(f"import: {sizes['import']:,} listings")
        results["import"] = import_bench.run(sizes["import"])
        _keep_catalog(sizes["import"])
    if "datasette" in only:
        _say(f"datasette: {sizes['datasette']:,} listings")
        results["datasette"] = datasette_bench.run(sizes["datasette"])
    if "recommend" in only:
        _say(f"recommend: {', '.join(f'{n:,}' for n in sizes['recommend'])} listings")
        results["recommend"] = recommend_bench.run(sizes["recommend"])
    if "profiles" in only:
        _say(f"recommend over many profiles: {sizes['profiles']:,} listings")
        results["profiles"] = recommend_profiles.run(sizes["profiles"])
    if "plan" in only:
        _say(f"plan: {sizes['plan']:,} listings")
        results["plan"] = million.step_plan(sizes["plan"])
    if "crawl" in only:
        _say(f"crawl: {sizes['crawl']:,} listings")
        results["crawl"] = crawl_bench.run(sizes["crawl"])
    if "stages" in only:
        _say(f"stages: {sizes['stages']:,} listings")
        results["stages"] = stages.run(sizes["stages"], sizes["datasette"])
    if "1m" in only:
        _say("1M: saved steps are reused (--again redoes them)")
        results["1m"] = million.run(list(million.STEPS), again)
    return results


def _keep_catalog(n: int) -> None:
    """Reuse the catalog the import benchmark built for the later benchmarks."""
    built = import_bench.work_dir(n) / "catalog.db"
    target = import_bench.catalog_path(n)
    if built.exists() and not target.exists():
        import sqlite3

        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(built) as connection:
            connection.execute("pragma wal_checkpoint(truncate)")
        shutil.copyfile(built, target)


def _say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def section(results: dict, info: dict, command: str, seconds: float) -> str:
    """The markdown of the ``scale`` section: machine, command, date, the table."""
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    lines = [
        "## Scale and speed (`make bench`)",
        "",
        f"Measured {info['date']} with `{command}` ({seconds / 60:.1f} min in all) "
        f"on {info['nproc']} CPU(s), {info['cpu']}, {info['memory_gb']} GB memory, "
        f"Python {info['python']}, SQLite {info['sqlite']}, {packages}. "
        "The machine is shared with other jobs: every figure sits beside a "
        "baseline measured in the same run, and the ratio is the figure to "
        "read. Listings come from `bench/generate.py` (seed 2026).",
        "",
        HEADER,
        "|---|---|---|---|---|",
    ]
    if "import" in results:
        lines += import_bench.report_rows(results["import"])
    if "crawl" in results:
        lines += crawl_bench.report_rows(results["crawl"])
    if "recommend" in results:
        lines += recommend_bench.report_rows(results["recommend"])
    if results.get("profiles"):
        lines += recommend_profiles.report_rows(results["profiles"])
    if results.get("plan"):
        lines += million.plan_rows(results["plan"])
    if "datasette" in results:
        lines += datasette_bench.report_rows(results["datasette"])
    if "stages" in results:
        lines += stage_rows(results["stages"])
    lines += ["", *notes(results)]
    if results.get("1m"):
        lines += ["", *million.section_lines(results["1m"], results)]
    return "\n".join(lines)


def stage_rows(result: dict) -> list[str]:
    """Rows for the per-listing cost of each import stage and the status index."""
    costs = result["stages"]
    rows = [
        f"| import stage `{name}`, per listing ({result['n']:,} listings) "
        f"| {costs[key]:.0f} µs | JSON parsing: {costs['json_us']:.0f} µs "
        f"| {costs[key] / costs['json_us']:.1f}× | (where the time goes) |"
        for name, key in (
            ("normalize_record", "normalize_us"),
            ("derive + check", "derive_check_us"),
            ("upsert_records", "store_us"),
            ("recommender index refit", "index_refit_us"),
        )
    ]
    facet = result["status_facet"]
    rows.append(
        f"| Datasette `status` facet SQL, {facet['n']:,} listings, with the "
        f"`status` index (migration 0003) | {facet['with_index_s'] * 1000:.1f} ms "
        f"| without it: {facet['without_index_s'] * 1000:.1f} ms "
        f"| {facet['with_index_s'] / facet['without_index_s']:.2f}× | (fix) |"
    )
    return rows


def notes(results: dict) -> list[str]:
    """How each figure was taken, and where a goal is not met, why."""
    out = ["How each figure was taken:", ""]
    if "import" in results:
        out.append(
            "- **import**: `cle import FILE --db NEW` in a fresh process, wall time "
            "and peak RSS (`os.wait4`); baseline: a fresh process that reads the "
            "same JSON lines and calls `sqlite_utils` `insert_all(..., pk='id', "
            "alter=True)` in one transaction. Re-import: the same command again "
            "on the same catalog (every listing unchanged)."
        )
    if "crawl" in results:
        out.append(
            "- **crawl**: the registry's Events Calendar spider (`txpd`) against "
            "the generated TEC site on 127.0.0.1 (REST pages of 50 + ICS "
            "export), in fresh processes. Politeness is off for the local "
            "server only: DOWNLOAD_DELAY=0, AutoThrottle off, 16 concurrent "
            "requests. Baseline: the same spider with ITEM_PIPELINES={}, no "
            "feed, no extensions."
        )
    if "recommend" in results:
        out.append(
            "- **recommend**: warm = one ranking (with details and reasons of "
            "the top 10) in a process where the catalog and its index are "
            "open, median of 7; cold = `cle recommend --top 10 --json` in a "
            "fresh process after the index was built. Baselines: a TF-IDF "
            "refit on every listing per query (warm), "
            '`python -c "import sklearn.feature_extraction.text"` (cold).'
        )
    if "datasette" in results:
        out.append(
            "- **Datasette**: `cle serve` (project metadata, plugins, "
            "settings) on a free port; HTML page wall time over HTTP, median "
            "of 7 after one warm-up. Baseline: the SQL Datasette runs for the "
            "page (rows, count, facets), run directly with `sqlite3`."
        )
    out.append(
        f"- **load average** (1, 5, 15 min) when the run ended: "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; CPU seconds (user + "
        "system of the child) are given beside wall times: on a shared machine "
        "they do not count the time spent waiting for a core."
    )
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmarks and write BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(FULL),
        default=list(FULL),
        help="run only these benchmarks",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="do not touch BENCHMARKS.md"
    )
    parser.add_argument("--again", action="store_true", help="redo the saved 1M steps")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = run(QUICK if args.quick else FULL, args.only, args.again)
    seconds = time.perf_counter() - started
    info = machine()
    command = "python -m bench.run_all" + (" --quick" if args.quick else "")
    if args.only != list(FULL):
        command += " --only " + " ".join(args.only)
        # Keep the other benchmarks' rows from the last run (same machine),
        # so re-measuring one benchmark does not drop the rest of the table.
        previous = load_previous()
        results = {**previous.get("results", {}), **results}
        command += " (other rows from the previous run)"
    if "1m" not in args.only:
        # The million-listing steps are saved one by one (bench/million.py)
        # and take an hour: a run that did not redo them shows the newest
        # saved ones (not a copy kept in all.json by an earlier run).
        found = {step: million.saved(step) for step in million.STEPS}
        if any(found.values()):
            results["1m"] = found
    save_result("all", {"machine": info, "results": results, "seconds": seconds})
    text = section(results, info, command, seconds)
    if not args.no_write:
        replace_section("scale", text)
    print(text)


def load_previous() -> dict:
    """The last run's saved results (``bench/output/all.json``), or nothing."""
    import json

    from bench.measure import OUTPUT_DIR

    path = OUTPUT_DIR / "all.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


if __name__ == "__main__":
    main()
