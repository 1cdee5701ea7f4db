"""Cold start of ``cle recommend`` on a 10,000-listing catalog.

Builds the catalog from :mod:`bench.synthetic`, fits the index once (as
``cle import``/``cle refresh`` would), then times in fresh processes, several
times each: ``python -c "import sklearn.feature_extraction.text"`` (the
baseline) and ``cle recommend``. Also checks with ``-X importtime`` that the
fast path imports neither scikit-learn, scipy nor pandas. Writes the numbers
to BENCHMARKS.md (section ``recommender-cold-start``).

    python -m bench.cold_start [--listings 10000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.md_section import replace_section
from bench.measure import cle_args, machine, run_child
from bench.synthetic import catalog

PROFILE = """
name = "Cold start"
practice_areas = ["personal injury", "medical malpractice"]
skill_gaps = ["e-discovery", "medical records"]
memberships = ["nals"]

[[credentials]]
id = "ca-bpc-6450"
"""
HEAVY = ("sklearn", "scipy", "pandas", "sqlite_utils", "numpy")


def build(folder: Path, size: int) -> tuple[Path, Path]:
    """Write the catalog and profile; fit and save the index."""
    from catalog.db import open_db
    from catalog.load import load_records
    from recommender.index_store import rebuild

    db_path = folder / "catalog.db"
    db = open_db(db_path)
    load_records(db, enumerate(catalog(size, seed=11), 1), seen_on="2026-11-27")
    rebuild(db)
    db.close()
    profile = folder / "profile.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    return db_path, profile


def heavy_imports(args: list[str]) -> list[str]:
    """Top-level heavy packages a command imports (from ``-X importtime``)."""
    child = run_child([sys.executable, "-X", "importtime", *args])
    found = set()
    for line in child.stderr.splitlines():
        if line.startswith("import time:"):
            name = line.rsplit("|", 1)[-1].strip().split(".")[0]
            if name in HEAVY:
                found.add(name)
    return sorted(found)


def timed_child(args: list[str]) -> tuple[float, float]:
    """Run a command in a fresh process: (wall seconds, CPU seconds user+sys)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = run_child(args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed: {child.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return child.seconds, cpu


def row(name: str, runs: list[tuple[float, float]]) -> str:
    """A table row: median and min of wall time, median CPU time."""
    walls = [wall for wall, _ in runs]
    cpus = [cpu for _, cpu in runs]
    return (
        f"| {name} | {statistics.median(walls):.3f} s | {min(walls):.3f} s | "
        f"{statistics.median(cpus):.3f} s |"
    )


def main(argv: list[str] | None = None) -> None:
    """Measure and write the BENCHMARKS.md section."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_path, profile = build(Path(tmp), options.listings)
        recommend = cle_args(
            "recommend", "--profile", str(profile), "--db", str(db_path),
            "--as-of", date(2026, 11, 27).isoformat(), "--top", "10",
        )  # fmt: skip
        baseline = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
        timed_child(baseline)  # warm the file cache for both
        timed_child(recommend)
        base_runs, rec_runs = [], []
        for _ in range(options.repeat):  # interleaved, so noise hits both alike
            base_runs.append(timed_child(baseline))
            rec_runs.append(timed_child(recommend))
        script_args = recommend[1:] if recommend[0] == sys.executable else recommend
        heavy = heavy_imports(script_args)
        stale_runs = []
        for _ in range(2):  # the slow path: the index is missing and rebuilt once
            shutil.rmtree(db_path.parent / "model")
            stale_runs.append(timed_child(recommend))
    base_wall = statistics.median(w for w, _ in base_runs)
    rec_wall = statistics.median(w for w, _ in rec_runs)
    base_cpu = statistics.median(c for _, c in base_runs)
    rec_cpu = statistics.median(c for _, c in rec_runs)
    info = machine()
    body = "\n".join(
        [
            "## Recommender cold start (`python -m bench.cold_start`)",
            "",
            f"{options.listings:,} synthetic listings (`bench/synthetic.py`), index "
            "fitted beforehand as `cle import`/`cle refresh` do; each command in a "
            f"fresh process, {options.repeat} interleaved runs. Measured "
            f"{info['date']} on {info['nproc']} CPU(s), {info['cpu']}, Python "
            f"{info['python']}, scikit-learn {info['packages'].get('scikit-learn')}. "
            "The machine is shared: CPU time (user + sys of the child) is the "
            "steadier figure; wall time is what a user waits.",
            "",
            "| command | median wall | min wall | median CPU |",
            "|---|---|---|---|",
            row('`python -c "import sklearn.feature_extraction.text"`', base_runs),
            row("`cle recommend --top 10` (fresh index)", rec_runs),
            row("`cle recommend --top 10` (index missing: rebuilt once)", stale_runs),
            "",
            f"Ratio recommend / sklearn import: **{rec_wall / base_wall:.2f}** wall, "
            f"**{rec_cpu / base_cpu:.2f}** CPU (goal ≤ 0.50). Heavy packages "
            "imported by `cle recommend` on the fast path (`-X importtime`): "
            f"{', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY)}.",
        ]
    )
    replace_section("recommender-cold-start", body)
    print(body)


if __name__ == "__main__":
    main()
