"""Cold ``cle recommend --top 10`` over many varied profiles vs the sklearn import.

The profiles are the judged benchmarks' (``bench/eval/f`` and ``g``: paralegal
shorthand, misspellings, phrases that name no concept and match few listings;
and the first of ``bench/eval/a``), run on the generated catalog of N listings
(:mod:`bench.generate`, loaded with ``cle import``, index fitted). Each profile
is one fresh process, after one untimed run that builds the index if needed;
``python -c "import sklearn.feature_extraction.text"`` runs after every
fourth profile, in the same run. Reported: the median, 95th percentile and
worst profile, each as a ratio of the median sklearn import.

    python -m bench.recommend_profiles --n 100000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from bench.import_bench import catalog_db
from bench.measure import cle_args, run_child, save_result
from bench.recommend_bench import AS_OF

EVAL = Path(__file__).resolve().parent / "eval"
#: (benchmark, how many of its profiles): 30 + 30 + 12 = 72 profiles.
PROFILE_SETS = (("f", 30), ("g", 30), ("a", 12))
P95_GOAL, WORST_GOAL = 0.5, 1.0


def profiles() -> list[Path]:
    """The benchmark's profile files, in a fixed order."""
    found = []
    for name, count in PROFILE_SETS:
        found += sorted((EVAL / name / "profiles").glob("*.toml"))[:count]
    return found


def command(db_path: Path, profile: Path) -> list[str]:
    """``cle recommend --top 10 --json`` of one profile on the catalog."""
    return cle_args(
        "recommend", "--profile", str(profile), "--db", str(db_path),
        "--as-of", AS_OF.isoformat(), "--top", "10", "--json",
    )  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of some values."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def run(n: int) -> dict:
    """Time every profile cold and the sklearn import between them."""
    db_path = catalog_db(n)
    files = profiles()
    first = run_child(command(db_path, files[0]))  # fits the index if it is missing
    if first.returncode != 0:
        raise SystemExit(f"cle recommend failed: {first.stderr.strip()[-300:]}")
    baseline = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
    run_child(baseline)
    times, cpu, base, base_cpu = {}, {}, [], []
    for number, profile in enumerate(files):
        child = run_child(command(db_path, profile))
        if child.returncode != 0:
            raise SystemExit(f"{profile}: {child.stderr.strip()[-300:]}")
        label = f"{profile.parent.parent.name}/{profile.stem}"
        times[label], cpu[label] = child.seconds, child.cpu_seconds
        if number % 4 == 3:
            sklearn = run_child(baseline)
            base.append(sklearn.seconds)
            base_cpu.append(sklearn.cpu_seconds)
    sklearn_s, sklearn_cpu = statistics.median(base), statistics.median(base_cpu)
    walls = list(times.values())
    worst = max(times, key=times.get)
    result = {
        "n": n,
        "profiles": len(files),
        "first_run_s": first.seconds,
        "sklearn_import_s": sklearn_s,
        "sklearn_import_cpu_s": sklearn_cpu,
        "median_s": statistics.median(walls),
        "p95_s": percentile(walls, 0.95),
        "worst_s": times[worst],
        "worst_profile": worst,
        "median_cpu_s": statistics.median(cpu.values()),
        "p95_cpu_s": percentile(list(cpu.values()), 0.95),
        "worst_cpu_s": max(cpu.values()),
        "seconds": times,
    }
    for key in ("median", "p95", "worst"):
        result[f"{key}_ratio"] = result[f"{key}_s"] / sklearn_s
        result[f"{key}_cpu_ratio"] = result[f"{key}_cpu_s"] / sklearn_cpu
    result["goal_met"] = (
        result["p95_ratio"] <= P95_GOAL and result["worst_ratio"] <= WORST_GOAL
    )
    return result


def report_rows(result: dict) -> list[str]:
    """Markdown table rows for BENCHMARKS.md."""
    rows = []
    goals = {
        "median": "(reported)",
        "p95": f"≤ {P95_GOAL}×",
        "worst": f"≤ {WORST_GOAL}×",
    }
    names = {"median": "median", "p95": "95th percentile", "worst": "worst"}
    for key in ("median", "p95", "worst"):
        ratio = result[f"{key}_ratio"]
        goal = goals[key]
        if key != "median":
            limit = P95_GOAL if key == "p95" else WORST_GOAL
            goal += ": met" if ratio <= limit else ": **not met**"
        which = f" ({result['worst_profile']})" if key == "worst" else ""
        rows.append(
            f"| `cle recommend --top 10` cold, {result['profiles']} profiles, "
            f"{names[key]}{which}, {result['n']:,} listings "
            f"| {result[f'{key}_s'] * 1000:.0f} ms (CPU "
            f"{result[f'{key}_cpu_s'] * 1000:.0f} ms) "
            f"| `import sklearn…text`: {result['sklearn_import_s'] * 1000:.0f} ms "
            f"(CPU {result['sklearn_import_cpu_s'] * 1000:.0f} ms) "
            f"| {ratio:.2f}× (CPU {result[f'{key}_cpu_ratio']:.2f}×) | {goal} |"
        )
    return rows


def main(argv: list[str] | None = None) -> None:
    """Command line: run the benchmark and print its result as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    args = parser.parse_args(argv)
    result = run(args.n)
    save_result(f"recommend-profiles-{args.n}", result)
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
