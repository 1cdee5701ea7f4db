"""Benchmark ``cle import`` of N listings against a bare sqlite-utils ``insert_all``.

Each figure is a fresh process timed from the outside, with its own peak RSS
(``os.wait4``). Measured in the same run, in this order:

1. baseline: ``insert_all`` of the same JSON lines into an empty table (no
   validation, no history, no FTS), in a fresh process;
2. ``cle import FILE --db NEW`` into an empty catalog;
3. ``cle import FILE --db SAME`` again: every listing unchanged.

    python -m bench.import_bench --n 100000
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
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


def run(n: int, seed: int = 2026, batch_size: int = 100) -> dict:
    """Time the baseline, a first import and a re-import of ``n`` listings."""
    source = catalog_file(n, seed)
    work = OUTPUT_DIR / "import"
    work.mkdir(parents=True, exist_ok=True)
    for stale in work.glob("*.db*"):
        stale.unlink()
    bare_db, cle_db = work / "bare.db", work / "catalog.db"
    bare = run_child(
        python_args(
            "bench.import_bench",
            "--bare",
            str(source),
            str(bare_db),
            "--batch-size",
            str(batch_size),
        ),
        memory=True,
    )
    _check(bare, "bare insert_all")
    first = run_child(cle_args("import", str(source), "--db", str(cle_db)), memory=True)
    _check(first, "cle import")
    again = run_child(cle_args("import", str(source), "--db", str(cle_db)), memory=True)
    _check(again, "cle re-import")
    with sqlite3.connect(cle_db) as connection:
        stored = connection.execute("select count(*) from courses").fetchone()[0]
    result = {
        "n": n,
        "source": str(source.relative_to(OUTPUT_DIR.parent.parent)),
        "source_mb": round(source.stat().st_size / 2**20, 1),
        "stored": stored,
        "baseline_insert_all": _figures(bare),
        "cle_import": _figures(first),
        "cle_reimport": _figures(again),
        "import_summary": first.stdout.strip().splitlines()[-1:],
        "reimport_summary": again.stdout.strip().splitlines()[-1:],
        "baseline_batch_size": batch_size,
    }
    result["ratio_import"] = first.seconds / bare.seconds
    result["ratio_reimport"] = again.seconds / bare.seconds
    result["goal_met"] = (
        result["ratio_import"] <= GOAL_RATIO
        and first.peak_rss_mb < GOAL_MEMORY_MB
        and again.peak_rss_mb < GOAL_MEMORY_MB
    )
    return result


def _figures(child) -> dict:
    return {
        "seconds": round(child.seconds, 3),
        "peak_rss_mb": round(child.peak_rss_mb, 1),
    }


def _check(child, what: str) -> None:
    if child.returncode != 0:
        tail = (child.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"{what} failed (exit {child.returncode}): {tail}")


def report_rows(result: dict) -> list[str]:
    """Markdown table rows for BENCHMARKS.md."""
    base = result["baseline_insert_all"]
    rows = []
    for label, key, ratio_key in (
        ("`cle import` (empty catalog)", "cle_import", "ratio_import"),
        ("`cle import` again (all unchanged)", "cle_reimport", "ratio_reimport"),
    ):
        fig = result[key]
        rows.append(
            f"| {label}, {result['n']:,} listings | {fig['seconds']:.1f} s, "
            f"{fig['peak_rss_mb']:.0f} MB | {base['seconds']:.1f} s, "
            f"{base['peak_rss_mb']:.0f} MB | {result[ratio_key]:.2f}× | ≤ 3×, < 1 GB |"
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
    args = parser.parse_args(argv)
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
