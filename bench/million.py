"""The million-listing run: import, nights, recommend, plan and pages at 1M.

A step of its own (``python -m bench.run_all --only 1m``, or this module):
on 2 shared cores it takes most of an hour. Each step saves its result in
``bench/output/million-<step>.json`` as soon as it ends, and a later run
skips a step already saved for the same generated file unless ``--again``;
the steps, in order:

- ``import``: :func:`bench.import_bench.run` at 1M (bare ``insert_all``,
  ``cle import`` (index fitted while loading), the refit alone, the same file
  again, the next night's load), then the catalog is kept for the other steps;
- ``recommend``: cold ``cle recommend --top 10`` over the profiles of
  :mod:`bench.recommend_profiles` (the first ``PROFILES``), and warm;
- ``plan``: ``cle plan`` cold, beside the sklearn import;
- ``datasette``: :func:`bench.datasette_bench.run` at 1M.

    python -m bench.million [--steps import recommend plan datasette] [--again]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from bench import datasette_bench, import_bench, recommend_profiles
from bench.measure import OUTPUT_DIR, cle_args, run_child, save_result
from bench.recommend_bench import AS_OF, profile_file, warm_query

N = 1_000_000
STEPS = ("import", "recommend", "plan", "datasette")
#: Profiles timed cold at 1M (each a fresh process of several seconds).
PROFILES = 24


def result_path(step: str) -> Path:
    """Where a step's result is saved."""
    return OUTPUT_DIR / f"million-{step}.json"


def saved(step: str) -> dict | None:
    """A step's saved result, or None."""
    try:
        return json.loads(result_path(step).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def step_import(n: int) -> dict:
    """The import benchmark at ``n``; its catalog becomes the cached catalog."""
    result = import_bench.run(n)
    work = import_bench.work_dir(n)
    target = import_bench.catalog_path(n)
    if target.parent.exists():
        shutil.rmtree(target.parent)
    target.parent.mkdir(parents=True)
    os.replace(work / "catalog.db", target)
    for suffix in ("-wal", "-shm"):
        side = work / f"catalog.db{suffix}"
        if side.exists():
            os.replace(side, target.with_name(f"catalog.db{suffix}"))
    if (work / "model").exists():
        os.replace(work / "model", target.parent / "model")
    with sqlite3.connect(target) as connection:
        connection.execute("pragma wal_checkpoint(truncate)")
    result["catalog_file_mb"] = round(target.stat().st_size / 2**20, 1)
    return result


def step_recommend(n: int) -> dict:
    """Cold over the first profiles, and warm (in-process) for the bench profile."""
    db_path = import_bench.catalog_db(n)
    recommend_profiles.PROFILE_SETS = (("f", PROFILES // 2), ("g", PROFILES // 2))
    cold = recommend_profiles.run(n)
    warm = warm_query(db_path, profile_file(), 3)
    return {"n": n, "cold": cold, "warm": warm}


def step_plan(n: int, repeat: int = 3) -> dict:
    """``cle plan`` in fresh processes, interleaved with the sklearn import."""
    db_path = import_bench.catalog_db(n)
    command = cle_args(
        "plan", "--profile", str(profile_file()), "--db", str(db_path),
        "--as-of", AS_OF.isoformat(), "--json",
    )  # fmt: skip
    baseline = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
    plans, base = [], []
    for _ in range(repeat):
        child = run_child(command, memory=True)
        if child.returncode != 0:
            raise SystemExit(f"cle plan failed: {child.stderr.strip()[-300:]}")
        plans.append(child)
        base.append(run_child(baseline))
    return {
        "n": n,
        "median_s": statistics.median(c.seconds for c in plans),
        "median_cpu_s": statistics.median(c.cpu_seconds for c in plans),
        "peak_rss_mb": max(c.peak_rss_mb for c in plans),
        "sklearn_import_s": statistics.median(b.seconds for b in base),
        "sklearn_import_cpu_s": statistics.median(b.cpu_seconds for b in base),
    }


def step_datasette(n: int) -> dict:
    """The Datasette pages at ``n`` (a page that fails, e.g. a query over
    Datasette's time limit, is reported as the step's error)."""
    from urllib.error import HTTPError

    try:
        return datasette_bench.run(n, repeat=5)
    except HTTPError as exc:
        return {"n": n, "error": f"{exc.filename}: HTTP {exc.code}", "pages": []}


def plan_rows(result: dict, goal: str = "(goal set from it at 1M)") -> list[str]:
    """The ``cle plan`` row of a table."""
    ratio = result["median_s"] / result["sklearn_import_s"]
    return [
        f"| `cle plan` cold (fresh process), {result['n']:,} listings "
        f"| {result['median_s']:.2f} s (CPU {result['median_cpu_s']:.2f} s), "
        f"{result['peak_rss_mb']:.0f} MB | `import sklearn…text`: "
        f"{result['sklearn_import_s']:.2f} s | {ratio:.2f}× | {goal} |"
    ]


def section_lines(found: dict, at_100k: dict) -> list[str]:
    """The "At a million listings" table: each goal set from the 100k ratio."""
    lines = [
        "### At a million listings (`python -m bench.run_all --only 1m`)",
        "",
        "Each step ran once (see the load average of each below); every "
        "figure beside its baseline of the same step. Goals come from the "
        "100k table: a ratio to a baseline that grows with the catalog "
        "(import, pages) should not grow; one to a fixed baseline (the "
        "sklearn import) grows at most with what the command must read.",
        "",
        "| measurement | figure | baseline (same run) | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    imported = found.get("import")
    if imported:
        lines += import_bench.report_rows(imported)
        size = imported.get("catalog_file_mb")
        if size:
            lines.append(
                f"| catalog file after checkpoint, {imported['n']:,} listings "
                f"| {size / 1024:.2f} GB = {size * 1024 / imported['n']:.2f} KB "
                f"a listing | JSON lines in: {imported['source_mb'] / 1024:.2f} GB "
                f"| {size / imported['source_mb']:.2f}× | (sizing) |"
            )
    lines += _recommend_lines(found.get("recommend"), at_100k)
    if found.get("plan"):
        lines += plan_rows(found["plan"], _plan_goal(found["plan"], at_100k))
    lines += _page_lines(found.get("datasette"), at_100k.get("datasette"))
    loads = [
        f"{step} {', '.join(f'{x:.1f}' for x in found[step]['load_average_after'])}"
        for step in STEPS
        if found.get(step) and found[step].get("load_average_after")
    ]
    if loads:
        lines += [
            "",
            "Load average (1, 5, 15 min) after each step: " + "; ".join(loads),
        ]
    return lines


def _recommend_lines(found: dict | None, at_100k: dict) -> list[str]:
    if not found:
        return []
    lines = recommend_profiles.report_rows(found["cold"])
    warm = found["warm"]["median_s"]
    sizes = (at_100k.get("recommend") or {}).get("sizes", [])
    base = next((s["warm"]["median_s"] for s in sizes if s["n"] == 100_000), None)
    if base:
        ratio = warm / base
        met = "met" if ratio <= 10 else "**not met**"
        lines.append(
            f"| `cle recommend` warm (in-process, bench profile), {found['n']:,} "
            f"listings | {warm * 1000:.0f} ms | the same at 100,000: "
            f"{base * 1000:.0f} ms | {ratio:.1f}× | ≤ 10× (10× the listings): {met} |"
        )
    return lines


def _plan_goal(found: dict, at_100k: dict) -> str:
    small = at_100k.get("plan")
    if not small:
        return "(no 100k figure)"
    limit = 10 * small["median_s"] / small["sklearn_import_s"]
    ratio = found["median_s"] / found["sklearn_import_s"]
    met = "met" if ratio <= limit else "**not met**"
    return f"≤ {limit:.1f}× (10× its 100k ratio: plan ranks every listing): {met}"


def _page_lines(found: dict | None, small: dict | None) -> list[str]:
    if not found:
        return []
    if found.get("error"):
        return [f"| Datasette pages, {found['n']:,} listings | failed: "
                f"{found['error']} | | | **not met** |"]  # fmt: skip
    before = {page["page"]: page for page in (small or {}).get("pages", [])}
    lines = []
    for page in found["pages"]:
        ratio = page["median_s"] / page["baseline_median_s"]
        old = before.get(page["page"])
        goal = "(no 100k figure)"
        if old:
            limit = old["median_s"] / old["baseline_median_s"]
            met = "met" if ratio <= limit * 1.1 else "**not met**"
            goal = f"≤ {limit:.1f}× (its 100k ratio): {met}"
        lines.append(
            f"| {page['page']}, {found['n']:,} listings "
            f"| {page['median_s'] * 1000:.0f} ms | "
            f"{page['baseline_median_s'] * 1000:.0f} ms | {ratio:.1f}× | {goal} |"
        )
    return lines


def run(steps: list[str], again: bool = False, n: int = N) -> dict:
    """Run the chosen steps (skipping saved ones); return every step's result."""
    results = {}
    for step in STEPS:
        if step not in steps:
            results[step] = saved(step)
            continue
        previous = saved(step)
        if previous is not None and not again and previous.get("n") == n:
            results[step] = previous
            continue
        _say(f"1M {step}")
        started = time.perf_counter()
        result = globals()[f"step_{step}"](n)
        result["n"] = n
        result["step_seconds"] = time.perf_counter() - started
        result["load_average_after"] = os.getloadavg()
        result_path(step).write_text(json.dumps(result, indent=2), encoding="utf-8")
        results[step] = result
    save_result("million", results)
    return results


def _say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    """Command line: run the steps and print the results as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--again", action="store_true", help="redo saved steps")
    parser.add_argument("--n", type=int, default=N)
    args = parser.parse_args(argv)
    results = run(args.steps, args.again, args.n)
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
