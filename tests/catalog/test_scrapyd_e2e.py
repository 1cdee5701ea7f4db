"""The spiders on a Scrapyd server: deploy, schedule, then ``cle load`` the feed.

Starts ``scrapyd`` on 127.0.0.1 (a free port, everything in tmp_path), deploys
the project with ``scrapyd-deploy`` using the repository's scrapy.cfg
``[deploy]`` target and pyproject.toml (pointed at the test port), schedules
the nfpa spider against NFPA's bundled pages served on 127.0.0.1, waits for the
job, and loads the feed it wrote to the shared folder into a catalog.

Skipped only when Scrapyd cannot start here; the reason is printed.
"""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.db import open_db
from tests.catalog.scrapyd_server import (
    ROOT,
    api,
    build_egg_folder,
    deploy,
    scrapyd_server,
)
from tests.catalog.site_server import served_copy

RUN_DATE = "2026-11-26"


@pytest.fixture
def scrapyd(tmp_path):
    """A Scrapyd server on 127.0.0.1 writing feeds to tmp_path/shared.

    Yields its URL and the shared folder. Its jobs send nfpa's requests to
    NFPA's bundled pages served locally (an environment variable of the
    server, like the shared-storage path).
    """
    shared = tmp_path / "shared"
    shared.mkdir()
    with served_copy("nfpa", tmp_path / "site") as (_, site):
        env = {
            "CLE_PROVIDERS": str(ROOT / "data" / "providers.yml"),
            "CLE_DOWNLOAD_DELAY": "0",
            "CLE_RETRY_TIMES": "0",
            "CLE_SITE_OVERRIDE": f"nfpa={site}",
        }
        with scrapyd_server(tmp_path / "scrapyd", shared, env) as base:
            yield base, shared


def test_spider_runs_on_scrapyd_and_cle_load_reads_its_feed(tmp_path, scrapyd):
    base, shared = scrapyd
    output = deploy(build_egg_folder(tmp_path / "build"), base)
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
