"""Benchmark ``cle import`` of N listings against a bare sqlite-utils ``insert_all``.

Each figure is a fresh process timed from the outside, with its own peak RSS
(``os.wait4``). Measured in the same run, in this order:

1. baseline: ``insert_all`` of the same JSON lines into an empty table (no
   validation, no history, no FTS), in a fresh process;
2. ``cle import FILE --db NEW`` into an empty catalog (the recommender index
   is fitted while it loads: :mod:`recommender.load_fit`);
3. the recommender index refit alone, on that catalog (reading every listing
   back, as a nightly refresh does);
4. ``cle import FILE --db SAME`` again: every listing unchanged;
5. the next night's load of the same file (only the seen dates move);
6. the baseline again.

    python -m bench.import_bench --n 100000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from bench.generate import GENERATOR_VERSION, generate_records, write_jsonl
from bench.measure import OUTPUT_DIR, cle_args, python_args, run_child, save_result

GOAL_RATIO = 3.0
GOAL_MEMORY_MB = 1024


def catalog_file(n: int, seed: int = 2026) -> Path:
    """The generated JSONL of ``n`` listings, written once and then reused."""
    path = OUTPUT_DIR / f"courses-{n}-seed{seed}-v{GENERATOR_VERSION}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        write_jsonl(generate_records(n, seed=seed), partial)
        partial.replace(path)
    return path


def catalog_path(n: int, seed: int = 2026) -> Path:
    """Where the cached catalog of ``n`` generated listings lives.

    One folder per catalog: the recommender keeps its index beside the file.
    """
    return OUTPUT_DIR / f"catalog-{n}-seed{seed}-v{GENERATOR_VERSION}" / "catalog.db"


def catalog_db(n: int, seed: int = 2026) -> Path:
    """A catalog of ``n`` listings built with ``cle import``, built once and reused."""
    path = catalog_path(n, seed)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.stem + ".partial.db")
        for stale in partial.parent.glob(partial.name + "*"):
            stale.unlink()
        _check(
            run_child(
                cle_args("import", str(catalog_file(n, seed)), "--db", str(partial))
            ),
            f"building the {n} catalog",
        )
        with sqlite3.connect(partial) as connection:
            connection.execute("pragma wal_checkpoint(truncate)")
        partial.replace(path)
    return path


def bare_insert(source: Path, db_path: Path, batch_size: int) -> int:
    """The baseline: read the JSON lines and ``insert_all`` them, nothing else.

    One transaction, as ``cle import`` uses: without it sqlite-utils commits
    (and syncs) every batch, which would flatter the ratio.
    """
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    with source.open(encoding="utf-8") as lines, db.atomic():
        rows = (json.loads(line) for line in lines if line.strip())
        db["courses"].insert_all(rows, pk="id", alter=True, batch_size=batch_size)
    return db["courses"].count


def work_dir(n: int) -> Path:
    """The scratch folder of the import benchmark at ``n`` (one per size, so
    the 1M run and the 100k run never share it)."""
    return OUTPUT_DIR / f"import-{n}"


def run(n: int, seed: int = 2026, batch_size: int = 100) -> dict:
    """Time the baseline, a first import, the refit and re-imports of ``n`` listings.

    In order, each a fresh process: the bare ``insert_all``; ``cle import`` into
    an empty catalog (it fits the recommender index while it loads); the refit
    alone on that catalog (its own figure); ``cle import`` of the same file
    again (same day: nothing to write); the next night's load of the same
    file (``load_records`` with the next day's date: only the dates move);
    the bare baseline again (the ratio uses the mean of both baselines, so a
    change of load during the run shows as a spread between them).
    """
    source = catalog_file(n, seed)
    work = work_dir(n)
    work.mkdir(parents=True, exist_ok=True)
    for stale in work.glob("*.db*"):
        stale.unlink()
    shutil.rmtree(work / "model", ignore_errors=True)
    bare_db, cle_db = work / "bare.db", work / "catalog.db"
    bare_args = python_args(
        "bench.import_bench", "--bare", str(source), str(bare_db),
        "--batch-size", str(batch_size),
    )  # fmt: skip
    bare = _checked(run_child(bare_args, memory=True), "bare insert_all")
    bare_db.unlink()
    first = _checked(
        run_child(cle_args("import", str(source), "--db", str(cle_db)), memory=True),
        "cle import",
    )
    refit = _checked(
        run_child(
            python_args("bench.import_bench", "--refit", str(cle_db)), memory=True
        ),
        "index refit",
    )
    again = _checked(
        run_child(cle_args("import", str(source), "--db", str(cle_db)), memory=True),
        "cle re-import",
    )
    night = _checked(
        run_child(
            python_args(
                "bench.import_bench", "--load", NEXT_NIGHT, str(source), str(cle_db)
            ),
            memory=True,
        ),
        "next night's load",
    )
    bare2 = _checked(run_child(bare_args, memory=True), "bare insert_all (again)")
    with sqlite3.connect(cle_db) as connection:
        stored = connection.execute("select count(*) from courses").fetchone()[0]
    baseline = {
        "seconds": round((bare.seconds + bare2.seconds) / 2, 3),
        "cpu_seconds": round((bare.cpu_seconds + bare2.cpu_seconds) / 2, 3),
        "peak_rss_mb": round(max(bare.peak_rss_mb, bare2.peak_rss_mb), 1),
        "runs_s": [round(bare.seconds, 3), round(bare2.seconds, 3)],
    }
    result = {
        "n": n,
        "source": str(source.relative_to(OUTPUT_DIR.parent.parent)),
        "source_mb": round(source.stat().st_size / 2**20, 1),
        "stored": stored,
        "catalog_mb": round(_database_mb(cle_db), 1),
        "baseline_insert_all": baseline,
        "cle_import": _figures(first),
        "index_refit": _figures(refit),
        "cle_reimport": _figures(again),
        "next_night": _figures(night),
        "import_summary": first.stdout.strip().splitlines()[-1:],
        "reimport_summary": again.stdout.strip().splitlines()[-1:],
        "next_night_summary": night.stdout.strip().splitlines()[-1:],
        "baseline_batch_size": batch_size,
        # Saved results from before the index was fitted while loading (the
        # 1M step of the morning of 2026-12-01) lack this: refit at the end.
        "index_fit": "while loading",
        "load_average": os.getloadavg(),
    }
    for key in ("cle_import", "index_refit", "cle_reimport", "next_night"):
        result[f"ratio_{key}"] = result[key]["seconds"] / baseline["seconds"]
        result[f"cpu_ratio_{key}"] = (
            result[key]["cpu_seconds"] / baseline["cpu_seconds"]
        )
    result["ratio_import"] = result["ratio_cle_import"]
    result["goal_met"] = (
        result["ratio_import"] <= GOAL_RATIO
        and first.peak_rss_mb < GOAL_MEMORY_MB * (n // 100_000 or 1)
        and again.peak_rss_mb < GOAL_MEMORY_MB * (n // 100_000 or 1)
    )
    return result


#: The date of the next night's load of the same file.
NEXT_NIGHT = (date.today() + timedelta(days=1)).isoformat()


def refit_only(db_path: Path) -> None:
    """Fit and save the recommender index of a catalog (as ``cle import`` does)."""
    from catalog.db import open_db
    from recommender.index_store import rebuild

    rebuild(open_db(db_path))


def load_on(day: str, source: Path, db_path: Path) -> str:
    """``cle import``'s load with the listings seen on ``day``; its summary line."""
    from catalog.db import open_db
    from catalog.load import load_records, read_records

    report = load_records(open_db(db_path), read_records(source), seen_on=day)
    stored = report.stored
    return (
        f"Loaded {stored.stored} listing(s) seen {day} ({len(stored.new)} new, "
        f"{len(stored.changed)} changed, {len(stored.unchanged)} unchanged); "
        f"{len(report.rejected)} rejected."
    )


def _database_mb(path: Path) -> float:
    wal = path.with_name(path.name + "-wal")
    return (path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 2**20


def _checked(child, what: str):
    _check(child, what)
    return child


def _figures(child) -> dict:
    return {
        "seconds": round(child.seconds, 3),
        "cpu_seconds": round(child.cpu_seconds or 0.0, 3),
        "peak_rss_mb": round(child.peak_rss_mb, 1),
    }


def _check(child, what: str) -> None:
    if child.returncode != 0:
        tail = (child.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{what} failed (exit {child.returncode}): {tail}")


def report_rows(result: dict) -> list[str]:
    """Markdown table rows for BENCHMARKS.md."""
    base = result["baseline_insert_all"]
    n = result["n"]
    memory_goal = "< 1 GB" if n <= 100_000 else "< 4 GB"
    limit_mb = GOAL_MEMORY_MB if n <= 100_000 else 4 * GOAL_MEMORY_MB
    rows = []
    fitted = result.get("index_fit", "by a refit at the end")
    for label, key, goal in (
        (f"`cle import` (empty catalog, index fitted {fitted})", "cle_import",
         GOAL_RATIO),
        ("the recommender index refit from the catalog (alone, fresh process; "
         "what a nightly refresh runs)", "index_refit", None),
        ("`cle import` again, same day (all unchanged)", "cle_reimport", GOAL_RATIO),
        ("next night's load of the same file (only dates move)", "next_night",
         GOAL_RATIO),
    ):  # fmt: skip
        fig = result[key]
        ratio = result[f"ratio_{key}"]
        if goal is None:
            verdict = "(priced apart)"
        else:
            met = ratio <= goal and fig["peak_rss_mb"] < limit_mb
            verdict = f"≤ {goal:g}×, {memory_goal}: " + (
                "met" if met else "**not met**"
            )
        rows.append(
            f"| {label}, {n:,} listings | {fig['seconds']:.1f} s "
            f"(CPU {fig['cpu_seconds']:.1f} s), {fig['peak_rss_mb']:.0f} MB "
            f"| {base['seconds']:.1f} s (CPU {base['cpu_seconds']:.1f} s), "
            f"{base['peak_rss_mb']:.0f} MB | {ratio:.2f}× "
            f"(CPU {result[f'cpu_ratio_{key}']:.2f}×) | {verdict} |"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark, or (internally) the bare baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument(
        "--bare", nargs=2, metavar=("SOURCE", "DB"), help=argparse.SUPPRESS
    )
    parser.add_argument("--refit", metavar="DB", help=argparse.SUPPRESS)
    parser.add_argument(
        "--load", nargs=3, metavar=("DAY", "SOURCE", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.refit:
        refit_only(Path(args.refit))
        return
    if args.load:
        print(load_on(args.load[0], Path(args.load[1]), Path(args.load[2])))
        return
    if args.bare:
        count = bare_insert(Path(args.bare[0]), Path(args.bare[1]), args.batch_size)
        print(f"inserted {count} rows")
        return
    result = run(args.n, args.seed, args.batch_size)
    save_result("import", result)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
