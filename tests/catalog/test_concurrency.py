"""Datasette serving the catalog keeps answering while a nightly load writes to it."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.nightly import load_run
from tests.catalog.nightly_data import listing, write_night

ROOT = Path(__file__).resolve().parents[2]
PROVIDERS = ("aapi", "clio", "nala")
NIGHT1, NIGHT2 = "2026-11-25", "2026-11-26"
#: Pages a reader opens: a filtered table, the run log and an aggregate query.
PATHS = (
    "/catalog/courses.json?_size=20&provider=clio&_sort=id",
    "/catalog/crawl_runs.json",
    "/catalog.json?sql=select+provider,count(*)+from+courses+group+by+provider",
    "/catalog/courses?_search=course&_size=5",
)
MAX_REQUESTS = 3000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.fixture
def catalog(tmp_path):
    """A catalog holding night 1, and night 2's feeds written beside it."""
    for provider in PROVIDERS:
        for night, run_date in ((1, NIGHT1), (2, NIGHT2)):
            records = [
                listing(provider, f"c{n}", title=f"Course {n} night {night}")
                for n in range(night, 1500 + night)
            ]
            write_night(tmp_path, run_date, provider, records)
    db = open_db(tmp_path / "catalog.db")
    load_run(db, NIGHT1, feeds_dir=tmp_path / "feeds", runs_dir=tmp_path / "runs")
    db.close()
    return tmp_path


@pytest.fixture
def datasette(catalog):
    """``datasette`` serving the catalog on 127.0.0.1; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(catalog / "catalog.db"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if proc.poll() is not None:
            pytest.fail(f"datasette did not start: {proc.stderr.read()[-500:]}")
        try:
            if get(base + "/-/versions.json") == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        pytest.fail("datasette did not answer within 300 tries")
    yield base
    proc.terminate()
    proc.wait(timeout=30)
    proc.stderr.close()


def test_datasette_answers_every_request_during_a_load(catalog, datasette):
    load = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "catalog",
            "load",
            "--db",
            str(catalog / "catalog.db"),
            "--run-date",
            NIGHT2,
            "--feeds",
            str(catalog / "feeds"),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    statuses, during = [], 0
    while len(statuses) < MAX_REQUESTS:
        running = load.poll() is None
        statuses.append(get(datasette + PATHS[len(statuses) % len(PATHS)]))
        during += running
        if not running:
            break
    out, err = load.communicate(timeout=120)
    assert load.returncode == 0, err
    assert during >= len(PATHS), "the load ended before Datasette was queried"
    print(f"{during} requests during the load, {len(statuses)} in all")
    assert set(statuses) == {200}, [s for s in statuses if s != 200][:5]
    # Readers now see tonight's catalog, and its run log.
    with urllib.request.urlopen(
        datasette + "/catalog/crawl_runs.json?_shape=array"
    ) as r:
        runs = json.load(r)
    assert sorted(
        (r["run_date"], r["provider"]) for r in runs if r["run_date"] == NIGHT2
    ) == [(NIGHT2, p) for p in PROVIDERS]
    assert "all 3 provider(s) healthy" in out
