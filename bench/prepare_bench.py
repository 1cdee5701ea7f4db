"""CPU seconds of checking records (``catalog.records.prepare``), stage by stage.

Runs the four stages of :func:`catalog.records.prepare` (sanitize, normalize,
derive, check) over the first N records of a generated JSON-lines file,
timing each with ``time.process_time`` (CPU of this process only, so the
figure holds on a shared machine), then times ``prepare`` whole over the same
records in a fresh pass; each pass is repeated and the least CPU kept (the
others lost time to a busy machine). Old against new cannot run in one
process: run this before and after a change, at the same load, and compare.

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
    """CPU seconds of each stage of ``prepare`` over the records.

    Each stage runs over all the records the stage before it gave, timed as
    one pass: a clock read per record costs about a microsecond (the process
    CPU clock is a system call), as much as the derive stage itself.
    """
    _clear_caches()
    spent = {}
    started = time.process_time()
    sanitized = []
    for record in records:
        try:
            sanitized.append(sanitize_record(dict(record), None))
        except UnsafeText:
            continue
    spent["sanitize"] = time.process_time() - started
    started = time.process_time()
    normalized = [normalize_record(record, None) for record in sanitized]
    spent["normalize"] = time.process_time() - started
    started = time.process_time()
    derived = [derive(record) for record in normalized]
    spent["derive"] = time.process_time() - started
    started = time.process_time()
    for record in derived:
        try:
            check(record)
        except RecordError:
            continue
    spent["check"] = time.process_time() - started
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
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    records = read_records(args.file, args.n)
    prepare(dict(records[0]))  # compile the schema outside the timings
    passes = [stage_seconds(records) for _ in range(args.repeat)]
    stages = {name: min(spent[name] for spent in passes) for name in STAGES}
    cpu, wall, refused = min(prepare_seconds(records) for _ in range(args.repeat))
    result = {
        "records": len(records),
        "repeat": args.repeat,
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
