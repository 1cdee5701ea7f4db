"""A load killed with SIGKILL at any moment leaves an intact catalog in which
each provider is wholly as it was (last night) or wholly loaded (tonight)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.nightly import load_run
from tests.catalog.nightly_data import listing, write_night

PROVIDERS = ("aapi", "clio", "nala", "nfpa")
SIZE = 2000  # listings per provider: most of a second of loading each
NIGHT1, NIGHT2 = "2026-11-25", "2026-11-26"
ROOT = Path(__file__).resolve().parents[2]


def night_records(provider: str, night: int) -> list[dict]:
    """Night 2 renames every listing, drops c0 and adds a new one."""
    keys = range(SIZE) if night == 1 else range(1, SIZE + 1)
    return [
        listing(
            provider,
            f"c{n}",
            title=f"Course {n} (night {night})",
            description="x" * 300,
        )
        for n in keys
    ]


def signature(db_path: Path) -> dict[str, tuple]:
    """Per provider: its listings (id, title, status) and its night-2 log rows."""
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        result = {}
        for provider in PROVIDERS:
            rows = conn.execute(
                "select id, title, status, last_seen from courses where provider = ? "
                "order by id",
                [provider],
            ).fetchall()
            credits = conn.execute(
                "select count(*) from credits join courses on course = id "
                "where provider = ?",
                [provider],
            ).fetchone()
            log = conn.execute(
                "select kind, count(*) from changes "
                "where provider = ? and run_date = ? group by kind order by kind",
                [provider, NIGHT2],
            ).fetchall()
            run = conn.execute(
                "select health, new, changed, withdrawn from crawl_runs "
                "where provider = ? and run_date = ?",
                [provider, NIGHT2],
            ).fetchall()
            result[provider] = (tuple(rows), credits, tuple(log), tuple(run))
        return result
    finally:
        conn.close()


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """Last night's catalog, tonight's feeds, and both expected states."""
    root = tmp_path_factory.mktemp("nights")
    for provider in PROVIDERS:
        write_night(root, NIGHT1, provider, night_records(provider, 1))
        write_night(root, NIGHT2, provider, night_records(provider, 2))
    old_db = root / "old.db"
    db = open_db(old_db)
    load_run(db, NIGHT1, feeds_dir=root / "feeds", runs_dir=root / "runs")
    db.close()
    new_db = root / "new.db"
    shutil.copy(old_db, new_db)
    db = open_db(new_db)
    outcomes = load_run(db, NIGHT2, feeds_dir=root / "feeds", runs_dir=root / "runs")
    db.close()
    assert all(o.healthy and o.count("withdrawn") == 1 for o in outcomes)
    return root, old_db, signature(old_db), signature(new_db)


@pytest.mark.parametrize(
    ("after_providers", "delay"),
    [(0, 0.6), (1, 0.0), (2, 0.3), (3, 0.1)],
)
def test_sigkill_mid_load_leaves_each_provider_old_or_new(
    nights, tmp_path, after_providers, delay
):
    root, old_db, old, new = nights
    db_path = tmp_path / "catalog.db"
    shutil.copy(old_db, db_path)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "catalog",
            "load",
            "--db",
            str(db_path),
            "--run-date",
            NIGHT2,
            "--feeds",
            str(root / "feeds"),
            "--runs",
            str(root / "runs"),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    for _ in range(after_providers):
        assert proc.stderr.readline().startswith("[")
    time.sleep(delay)
    if proc.poll() is not None:
        pytest.fail(f"load finished before the kill: raise SIZE (now {SIZE})")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    after = signature(db_path)
    states = {p: "old" if after[p] == old[p] else "new" for p in PROVIDERS}
    for provider in PROVIDERS:
        assert after[provider] in (old[provider], new[provider]), provider
    loaded = [p for p in PROVIDERS if states[p] == "new"]
    assert loaded == list(PROVIDERS[: len(loaded)]), "providers load in slug order"
    assert len(loaded) >= after_providers
    # The killed run left the catalog usable: the next load finishes the night.
    rerun = subprocess.run(
        [
            sys.executable,
            "-m",
            "catalog",
            "load",
            "--db",
            str(db_path),
            "--run-date",
            NIGHT2,
            "--feeds",
            str(root / "feeds"),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert rerun.returncode == 0, rerun.stderr
    final = signature(db_path)
    assert final == new
