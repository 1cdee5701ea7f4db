"""Broken pages do not crash a crawl: they are reported and the rest still loads.

Recreated breakage, served on 127.0.0.1 through the real Scrapy engine:
- nals: a detail page truncated mid-title (the connection dropped) and an RSS
  item without a link (missing fields);
- sfpa: one detail page answers 500;
- txpd: REST page 2 never answers within DOWNLOAD_TIMEOUT (the spider falls
  back to the ICS export);
- ocpa: the calendar itself answers 500 (zero listings: unhealthy, not loaded).
"""

from __future__ import annotations

import json

import sqlite_utils

from .conftest import manifest_routes
from .test_refresh_e2e import run_cle

TRUNCATED = "/events/EventDetails.aspx?id=1943288"
FAILING = "/event-5123455"
SLOW = "/wp-json/tribe/events/v1/events/?page=2&per_page=4"


def broken_nals() -> dict:
    routes = manifest_routes("nals")
    status, body, content_type = routes[TRUNCATED]
    routes[TRUNCATED] = (
        status,
        body[: body.index(b'<h1 class="EventTitle">') + 30],
        content_type,
    )
    rss = "/www.nals.org/resource/rss/events.rss"
    status, body, content_type = routes[rss]
    extra = (
        b"<item><title>Item with no link</title>"
        b"<pubDate>Fri, 05 Mar 2027 18:00:00 GMT</pubDate></item></channel>"
    )
    routes[rss] = (status, body.replace(b"</channel>", extra), content_type)
    return routes


def test_broken_pages_are_reported_and_other_providers_load(tmp_path, site_server):
    sfpa = manifest_routes("sfpa")
    sfpa[FAILING] = (500, b"<html>Internal Server Error</html>", "text/html")
    txpd = manifest_routes("txpd")
    txpd[SLOW] = "sleep:4"
    ocpa = {path: (500, b"oops", "text/plain") for path in manifest_routes("ocpa")}
    servers = {
        "nals": site_server(broken_nals()),
        "sfpa": site_server(sfpa),
        "txpd": site_server(txpd),
        "ocpa": site_server(ocpa),
    }
    override = ",".join(f"{slug}={base}" for slug, (base, _) in servers.items())
    result = run_cle(
        ["refresh", *servers, "--run-date", "2026-11-20"],
        tmp_path,
        {"CLE_SITE_OVERRIDE": override, "CLE_DOWNLOAD_TIMEOUT": "1.5"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output

    runs = tmp_path / "runs" / "2026-11-20"
    report = {s: json.loads((runs / f"{s}.json").read_text()) for s in servers}
    assert all(r["finish_reason"] == "finished" for r in report.values())
    nals_errors = " ".join(report["nals"]["errors"])
    assert "no event details" in nals_errors and "Item with no link" in nals_errors
    assert report["sfpa"]["http_status"]["500"] == 1
    assert any("HTTP 500" in e for e in report["sfpa"]["errors"])
    assert report["txpd"]["timeouts"] >= 1
    assert report["ocpa"]["items_scraped"] == 0

    db = sqlite_utils.Database(tmp_path / "catalog.db")
    counts = {
        r["provider"]: r["n"]
        for r in db.query("select provider, count(*) n from courses group by provider")
    }
    assert "ocpa" not in counts
    assert counts["nals"] == 4  # the truncated detail page kept its RSS listing
    assert counts["sfpa"] == 4  # the 500 detail page kept its list entry
    # REST page 1 plus the ICS export's events that page 1 did not list
    assert counts["txpd"] >= 6
