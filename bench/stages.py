"""Where the import time goes, and the status-index before/after, in one process.

Measured on the same N generated listings, in the same run:

- per-listing cost of each stage of ``cle import``: JSON parsing,
  ``normalize_record``, ``derive`` + ``check`` (JSON Schema), the store
  (``upsert_records`` into an empty catalog: rows, indexes, FTS triggers),
  and the recommender index refit that ``cle import`` runs after a change;
- the Datasette ``status`` facet query with and without the ``status`` index.

    python -m bench.stages --n 10000 --facet-n 100000
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.import_bench import catalog_db, catalog_file
from bench.measure import save_result

STATUS_FACET = (
    "select status as value, count(*) as count from (select * from courses) "
    "where status is not null group by status order by count desc, value limit 21"
)


def _seconds(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def stage_costs(lines: list[str]) -> dict:
    """Microseconds per listing of each stage of ``cle import``."""
    from catalog.normalize import normalize_record
    from catalog.records import check, derive

    parsed: list[dict] = []
    normalized: list[dict] = []
    read = _seconds(lambda: parsed.extend(json.loads(line) for line in lines))
    normalize = _seconds(
        lambda: normalized.extend(normalize_record(dict(r)) for r in parsed)
    )
    validate = _seconds(lambda: [check(derive(dict(r))) for r in normalized])
    n = len(lines)
    return {
        "json_us": read / n * 1e6,
        "normalize_us": normalize / n * 1e6,
        "derive_check_us": validate / n * 1e6,
    }


def store_cost(records: list[dict], folder: Path) -> float:
    """Microseconds per listing to store prepared records in an empty catalog."""
    from catalog.db import open_db
    from catalog.store import upsert_records

    db = open_db(folder / "catalog.db")

    def write():
        with db.atomic():
            upsert_records(db, records, seen_on="2026-11-27")

    seconds = _seconds(write)
    db.close()
    return seconds / len(records) * 1e6


def refit_cost(folder: Path, n: int) -> float:
    """Microseconds per listing of the recommender index refit ``cle import`` runs."""
    from catalog.db import open_db
    from recommender.index_store import rebuild

    db = open_db(folder / "catalog.db")
    seconds = _seconds(lambda: rebuild(db))
    db.close()
    return seconds / n * 1e6


def status_index_before_after(db_path: Path) -> dict:
    """Time the status facet query without and with the index on a copy."""
    connection = sqlite3.connect(db_path)
    try:
        connection.execute("drop index if exists idx_courses_status")
        without = min(_seconds(lambda: connection.execute(STATUS_FACET).fetchall())
                      for _ in range(3))  # fmt: skip
        connection.execute("create index idx_courses_status on courses(status)")
        with_index = min(_seconds(lambda: connection.execute(STATUS_FACET).fetchall())
                         for _ in range(3))  # fmt: skip
    finally:
        connection.close()
    return {"without_index_s": without, "with_index_s": with_index}


def run(n: int, facet_n: int = 100_000) -> dict:
    """Stage costs on ``n`` listings; the status facet on a ``facet_n`` catalog."""
    from catalog.records import prepare

    lines = catalog_file(n).read_text(encoding="utf-8").splitlines()
    result = {"n": n, "stages": stage_costs(lines)}
    records = [prepare(json.loads(line)) for line in lines]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result["stages"]["store_us"] = store_cost(records, folder)
        result["stages"]["index_refit_us"] = refit_cost(folder, len(records))
        copy = folder / "facets.db"
        shutil.copyfile(catalog_db(facet_n), copy)
        result["status_facet"] = {"n": facet_n, **status_index_before_after(copy)}
    return result


def main(argv: list[str] | None = None) -> None:
    """Command line: measure and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--facet-n", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run(args.n, args.facet_n)
    save_result("stages", result)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
