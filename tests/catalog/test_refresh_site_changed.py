"""A provider whose site changed: a real ``cle refresh`` crawl, served on 127.0.0.1.

Night 1 crawls NFPA's recreated pages (data/sites/nfpa/) and loads them. Night 2
the same pages come back "redesigned": the webinar blocks now use another
markup, so the spider finds nothing. That run must be unhealthy and broken
(pages fetched, nothing parsed), withdraw nothing, and make ``cle refresh``
exit non-zero so the scheduler alerts.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.site_server import served_copy

ROOT = Path(__file__).resolve().parents[2]
NIGHT1, NIGHT2 = "2026-11-25", "2026-11-26"

#: Prepended to each redesigned page (house rule: a fixture says what it imitates).
REDESIGN_NOTE = (
    "<!-- Redesigned copy made by test_refresh_site_changed.py: imitates NFPA "
    "moving its webinar list to new markup (div.program-card instead of "
    "div.webinar-block). Assumption: the spider knows only the old markup. -->\n"
)


@pytest.fixture
def site(tmp_path):
    """A copy of NFPA's bundled pages served on 127.0.0.1; yields (folder, base)."""
    with served_copy("nfpa", tmp_path / "site") as served:
        yield served


def refresh(tmp_path: Path, base: str, run_date: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CLE_STATE_DIR": str(tmp_path / "data"),
        "CLE_SITE_OVERRIDE": f"nfpa={base}",
        "CLE_DOWNLOAD_DELAY": "0",
        "CLE_RETRY_TIMES": "0",
    }
    env.pop("CLE_OFFLINE", None)
    env.pop("CLE_DB", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "catalog",
            "refresh",
            "nfpa",
            "--run-date",
            run_date,
            "--db",
            str(tmp_path / "catalog.db"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def listings(db_path: Path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "select id, status, last_seen from courses where provider = 'nfpa' "
            "order by id"
        ).fetchall()


def test_redesigned_site_is_unhealthy_withdraws_nothing_and_fails_the_run(
    tmp_path, site
):
    folder, base = site
    first = refresh(tmp_path, base, NIGHT1)
    assert first.returncode == 0, first.stdout + first.stderr
    before = listings(tmp_path / "catalog.db")
    assert len(before) >= 3 and {s for _, s, _ in before} == {"active"}

    for page in folder.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "webinar-block" in html, f"{page.name}: the fixture changed; update me"
        page.write_text(REDESIGN_NOTE + html.replace("webinar-block", "program-card"))
    second = refresh(tmp_path, base, NIGHT2)

    assert second.returncode == 1, second.stdout + second.stderr
    nfpa_row = next(
        line for line in second.stdout.splitlines() if line.startswith("nfpa")
    )
    assert "unhealthy: zero items" in nfpa_row
    assert "broken:" in nfpa_row
    assert listings(tmp_path / "catalog.db") == before
    with sqlite3.connect(tmp_path / "catalog.db") as conn:
        conn.row_factory = sqlite3.Row
        run = conn.execute(
            "select * from crawl_runs where provider = 'nfpa' and run_date = ?",
            [NIGHT2],
        ).fetchone()
        logged = conn.execute(
            "select count(*) from changes where run_date = ?", [NIGHT2]
        ).fetchone()[0]
    assert (run["health"], run["broken"], run["blocked"], run["withdrawn"]) == (
        "unhealthy",
        1,
        0,
        0,
    )
    assert json.loads(run["http_status"]).get("200", 0) >= 2
    assert logged == 0
