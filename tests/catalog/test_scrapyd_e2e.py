"""The spiders on a Scrapyd server: deploy, schedule, then ``cle load`` the feed.

Starts ``scrapyd`` on 127.0.0.1 (a free port, everything in tmp_path), deploys
the project with ``scrapyd-deploy`` using the repository's scrapy.cfg
``[deploy]`` target and pyproject.toml (pointed at the test port), schedules
the nfpa spider against NFPA's bundled pages served on 127.0.0.1, waits for the
job, and loads the feed it wrote to the shared folder into a catalog.

Skipped only when Scrapyd cannot start here; the reason is printed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.db import open_db
from tests.catalog.site_server import served_copy

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
RUN_DATE = "2026-11-26"
#: Files scrapyd-deploy needs to build the project's egg.
PROJECT_FILES = (
    "pyproject.toml",
    "README.md",
    "scrapy.cfg",
    "catalog",
    "crawlers",
    "recommender",
    "data",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def api(base: str, endpoint: str, data: dict | None = None) -> dict:
    """Call a Scrapyd JSON endpoint (GET, or POST when ``data`` is given)."""
    url = f"{base}/{endpoint}"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(url, data=body, timeout=30) as response:
        return json.load(response)


@pytest.fixture
def site(tmp_path):
    """NFPA's bundled pages served on 127.0.0.1 (the crawl's "internet")."""
    with served_copy("nfpa", tmp_path / "site") as (_, base):
        yield base


@pytest.fixture
def scrapyd(tmp_path, site):
    """A Scrapyd server on 127.0.0.1 writing feeds to tmp_path/shared.

    Yields its URL and the shared folder. Its jobs send nfpa's requests to
    the local ``site`` (an environment variable of the server, like the
    shared-storage path).
    """
    executable = BIN / "scrapyd"
    if not executable.exists():
        reason = f"Scrapyd cannot start: {executable} is not installed"
        print(reason)
        pytest.skip(reason)
    home, shared = tmp_path / "scrapyd", tmp_path / "shared"
    home.mkdir()
    shared.mkdir()
    port = free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        "items_dir =\n"  # feeds go where CLE_STATE_DIR says, not to Scrapyd
        f"dbs_dir = {home / 'dbs'}\n"
        "poll_interval = 0.5\n"
        "max_proc = 2\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "CLE_STATE_DIR": str(shared),  # the shared storage: feeds/ and runs/
        "CLE_PROVIDERS": str(ROOT / "data" / "providers.yml"),
        "CLE_DOWNLOAD_DELAY": "0",
        "CLE_RETRY_TIMES": "0",
        "CLE_SITE_OVERRIDE": f"nfpa={site}",
    }
    for name in ("CLE_OFFLINE", "CLE_DB", "SCRAPY_SETTINGS_MODULE"):
        env.pop(name, None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    log = (home / "scrapyd.out").open("w")
    proc = subprocess.Popen(
        [str(executable)], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            if proc.poll() is not None:
                break
            try:
                if api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                time.sleep(0.1)
        else:
            proc.poll()
        if proc.returncode is not None:
            log.flush()
            tail = (home / "scrapyd.out").read_text(errors="replace")[-400:]
            reason = f"Scrapyd cannot start here (exit {proc.returncode}): {tail}"
            print(reason)
            pytest.skip(reason)
        yield base, shared
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def deploy(tmp_path: Path, base: str) -> str:
    """Deploy a copy of the project with scrapyd-deploy; return its output."""
    build = tmp_path / "build"
    build.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, build / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy(source, build / name)
    cfg = (build / "scrapy.cfg").read_text(encoding="utf-8")
    assert re.search(r"(?m)^\[deploy\]", cfg), "scrapy.cfg needs a [deploy] target"
    assert re.search(r"(?m)^project\s*=\s*cle\s*$", cfg), "[deploy] project = cle"
    cfg = re.sub(r"(?m)^url\s*=.*$", f"url = {base}/", cfg)
    (build / "scrapy.cfg").write_text(cfg, encoding="utf-8")
    done = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "--version", "r1"],
        cwd=build,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_spider_runs_on_scrapyd_and_cle_load_reads_its_feed(tmp_path, scrapyd):
    base, shared = scrapyd
    output = deploy(tmp_path, base)
    assert '"status": "ok"' in output, output
    spiders = api(base, "listspiders.json?project=cle")
    assert "nfpa" in spiders["spiders"], spiders

    job = api(
        base,
        "schedule.json",
        # run_date is a spider argument: the night the feed is filed under.
        {"project": "cle", "spider": "nfpa", "run_date": RUN_DATE},
    )
    assert job["status"] == "ok", job
    for _ in range(600):
        jobs = api(base, "listjobs.json?project=cle")
        if any(j["id"] == job["jobid"] for j in jobs["finished"]):
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"the Scrapyd job did not finish: {jobs}")

    feed = shared / "feeds" / RUN_DATE / "nfpa.jsonl"
    logs = "\n".join(p.read_text() for p in (tmp_path / "scrapyd").rglob("*.log"))
    assert feed.is_file(), f"no feed on the shared storage; job log:\n{logs[-2000:]}"
    assert (shared / "runs" / RUN_DATE / "nfpa.json").is_file()

    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(
        cli,
        [
            "load",
            "--db",
            str(db_path),
            "--run-date",
            RUN_DATE,
            "--feeds",
            str(shared / "feeds"),
        ],
    )
    assert result.exit_code == 0, result.output
    db = open_db(db_path)
    stored = [
        r["id"] for r in db.query("select id from courses where status = 'active'")
    ]
    assert len(stored) >= 3 and all(i.startswith("nfpa:") for i in stored)
    run = db["crawl_runs"].get((RUN_DATE, "nfpa"))
    assert run["health"] == "healthy" and run["new"] == len(stored)
