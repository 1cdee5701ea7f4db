"""End to end: real Scrapy engine, sites served on 127.0.0.1, listings in the catalog.

Three providers' bundled pages (nals: YourMembership, sfpa: Wild Apricot,
txpd: The Events Calendar) are served by local HTTP servers, one per provider;
``CLE_SITE_OVERRIDE`` points each spider at its server. ``cle refresh`` runs in
a subprocess (a Twisted reactor cannot restart inside pytest).
"""

from __future__ import annotations

import os
import subprocess
import sys

import sqlite_utils

from .conftest import manifest_routes

NALS_DENIED = "/events/EventDetails.aspx?id=1943350"


def run_cle(args, tmp_path, env_extra):
    env = {
        **os.environ,
        "CLE_STATE_DIR": str(tmp_path),
        "CLE_DB": str(tmp_path / "catalog.db"),
        "CLE_DOWNLOAD_DELAY": "0",
        "CLE_DOWNLOAD_TIMEOUT": "5",
        "CLE_RETRY_TIMES": "0",
        **env_extra,
    }
    env.pop("CLE_OFFLINE", None)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from catalog.composition_root import main; main()",
            *args,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_refresh_crawls_local_sites_obeys_robots_and_loads_catalog(
    tmp_path, site_server
):
    nals_routes = manifest_routes("nals")
    nals_routes["/robots.txt"] = (
        200,
        f"User-agent: *\nDisallow: {NALS_DENIED}\n".encode(),
        "text/plain",
    )
    servers = {
        "nals": site_server(nals_routes),
        "sfpa": site_server(manifest_routes("sfpa")),
        "txpd": site_server(manifest_routes("txpd")),
    }
    override = ",".join(f"{slug}={base}" for slug, (base, _) in servers.items())
    result = run_cle(
        ["refresh", "nals", "sfpa", "txpd", "--run-date", "2026-11-20"],
        tmp_path,
        {"CLE_SITE_OVERRIDE": override},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Offline" not in result.stdout

    nals_requested = servers["nals"][1]
    assert "/robots.txt" in nals_requested
    assert NALS_DENIED not in nals_requested
    assert "/events/EventDetails.aspx?id=1943210" in nals_requested
    assert "/wp-json/tribe/events/v1/events/?per_page=4&page=2" in servers["txpd"][1]

    db = sqlite_utils.Database(tmp_path / "catalog.db")
    rows = {
        r["id"]: r
        for r in db.query("select id, provider, url, price_text, status from courses")
    }
    assert {r["provider"] for r in rows.values()} == {"nals", "sfpa", "txpd"}
    assert len([i for i in rows if i.startswith("nals:")]) == 4
    assert len([i for i in rows if i.startswith("sfpa:")]) == 4
    assert len([i for i in rows if i.startswith("txpd:")]) == 7
    # public URLs are kept, not the local server's
    assert rows["nals:1943210"]["url"].startswith("https://www.nals.org/")
    # the robots-denied detail page was not fetched: the RSS listing stands alone
    assert rows["nals:1943350"]["price_text"] is None
    assert rows["txpd:4820"]["status"] == "cancelled"
    assert (tmp_path / "feeds" / "2026-11-20" / "txpd.jsonl").is_file()
    assert (tmp_path / "runs" / "2026-11-20" / "nals.json").is_file()


def test_refresh_offline_loads_bundled_pages_and_says_so(tmp_path):
    result = run_cle(["refresh", "--offline", "--run-date", "2026-11-20"], tmp_path, {})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "recreations" in result.stdout and "not live data" in result.stdout
    db = sqlite_utils.Database(tmp_path / "catalog.db")
    sql = "select distinct provider from courses"
    providers = {r["provider"] for r in db.query(sql)}
    assert {"nals", "ocpa", "sfpa", "txpd", "flbar"} <= providers
    assert len(providers) >= 10  # the "done when": 10+ providers offline


def test_unknown_provider_is_a_one_line_error(tmp_path):
    result = run_cle(["refresh", "nosuch", "--offline"], tmp_path, {})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown provider(s) nosuch" in lines[0]
    assert "nals" in lines[0] and "Traceback" not in result.stderr


def test_scrapy_check_contracts_pass_offline(tmp_path):
    env = {
        **os.environ,
        "CLE_OFFLINE": "1",
        "CLE_STATE_DIR": str(tmp_path),
        "CLE_DOWNLOAD_DELAY": "0",
    }
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        cwd=os.path.dirname(
            os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        ),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "contracts" in output and "OK" in output
