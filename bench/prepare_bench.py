"""CPU seconds of checking records (``catalog.records.prepare``), stage by stage.

Runs the four stages of :func:`catalog.records.prepare` (sanitize, normalize,
derive, check) over the first N records of a generated JSON-lines file,
timing each with ``time.process_time`` (CPU of this process only, so the
figure holds on a shared machine), then times ``prepare`` whole over the same
records in a fresh pass. Old against new cannot run in one process: run this
before and after a change, at the same load, and compare.

    python -m bench.prepare_bench --n 20000
    python -m bench.prepare_bench --n 100000 --file bench/output/courses-...jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from bench.measure import OUTPUT_DIR
from catalog import normalize
from catalog.normalize import normalize_record
from catalog.records import RecordError, check, derive, prepare
from catalog.sanitize import UnsafeText, sanitize_record

DEFAULT_FILE = OUTPUT_DIR / "courses-100000-seed2026-v2.jsonl"
STAGES = ("sanitize", "normalize", "derive", "check")


def read_records(path: Path, n: int) -> list[dict]:
    """The first ``n`` records of a JSON-lines file."""
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if len(records) >= n:
                break
            if line.strip():
                records.append(json.loads(line))
    return records


def _clear_caches() -> None:
    """Forget the normalizers' remembered wordings, so each pass starts cold."""
    for cached in (normalize._credits_of, normalize._price_of, normalize._when_of):
        cached.cache_clear()


def stage_seconds(records: list[dict]) -> dict[str, float]:
    """CPU seconds of each stage of ``prepare`` over the records (one pass)."""
    _clear_caches()
    clock = time.process_time
    spent = dict.fromkeys(STAGES, 0.0)
    for original in records:
        started = clock()
        try:
            record = sanitize_record(dict(original), None)
        except UnsafeText:
            spent["sanitize"] += clock() - started
            continue
        after_sanitize = clock()
        record = normalize_record(record, None)
        after_normalize = clock()
        record = derive(record)
        after_derive = clock()
        try:
            check(record)
        except RecordError:
            pass
        done = clock()
        spent["sanitize"] += after_sanitize - started
        spent["normalize"] += after_normalize - after_sanitize
        spent["derive"] += after_derive - after_normalize
        spent["check"] += done - after_derive
    return spent


def prepare_seconds(records: list[dict]) -> tuple[float, float, int]:
    """CPU and wall seconds of ``prepare`` over the records, and how many it refused."""
    _clear_caches()
    refused = 0
    cpu, wall = time.process_time(), time.perf_counter()
    for record in records:
        try:
            prepare(record)
        except RecordError:
            refused += 1
    return time.process_time() - cpu, time.perf_counter() - wall, refused


def main(argv: list[str] | None = None) -> dict:
    """Print per-stage CPU seconds and the whole ``prepare`` time as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    args = parser.parse_args(argv)
    records = read_records(args.file, args.n)
    prepare(dict(records[0]))  # compile the schema outside the timings
    stages = stage_seconds(records)
    cpu, wall, refused = prepare_seconds(records)
    result = {
        "records": len(records),
        "file": args.file.name,
        "load_average": [round(load, 2) for load in os.getloadavg()],
        "stage_cpu_seconds": {name: round(value, 3) for name, value in stages.items()},
        "stages_total_cpu_seconds": round(sum(stages.values()), 3),
        "prepare_cpu_seconds": round(cpu, 3),
        "prepare_wall_seconds": round(wall, 3),
        "refused": refused,
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
