"""Providers with their own spiders, through the real Scrapy engine on 127.0.0.1.

Each provider's bundled pages (and its robots.txt) are served by a local HTTP
server; ``CLE_SITE_OVERRIDE`` points every host of the provider at it, and
the crawl runs in a subprocess with the project settings (robots.txt
obeyed, pipelines on) by ``cle refresh``. The feeds and the catalog must hold
the golden listings with their public URLs, and no path robots.txt disallows
may be fetched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.robotparser import RobotFileParser

import sqlite_utils

from catalog.paths import PROJECT_ROOT
from crawlers.offline import load_manifest
from tests.record_golden import golden_path

from .conftest import manifest_routes

PROVIDERS = ["aapi", "clio", "lorman", "nala", "nbi", "nfpa", "pli"]
RUN_DATE = "2026-11-20"


def environment(overrides: dict[str, str], data_dir: Path) -> dict[str, str]:
    """Environment for a crawl of ``overrides`` (slug → local base URL)."""
    return {
        **os.environ,
        "CLE_SITE_OVERRIDE": ",".join(f"{k}={v}" for k, v in overrides.items()),
        "CLE_STATE_DIR": str(data_dir),
        "CLE_RUN_DATE": RUN_DATE,
        "CLE_DOWNLOAD_DELAY": "0",
        # Generous on a loaded machine: a slow local answer must not fail a run.
        "CLE_DOWNLOAD_TIMEOUT": "60",
        "CLE_RETRY_TIMES": "2",
        "CLE_OFFLINE": "0",
    }


def run(args: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run a command of the virtualenv (``cle``, ``scrapy``) in a subprocess."""
    return subprocess.run(
        [str(Path(sys.executable).parent / args[0]), *args[1:]],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def robots_routes(slug: str) -> tuple[dict, RobotFileParser]:
    """The provider's robots.txt as a route, and a parser of the same rules."""
    manifest = load_manifest(slug)
    text = (manifest.folder / manifest.robots).read_text("utf-8")
    parser = RobotFileParser()
    parser.parse(text.splitlines())
    return {"/robots.txt": (200, text.encode(), "text/plain")}, parser


def test_refresh_over_http_loads_the_golden_listings(site_server, tmp_path):
    servers, rules = {}, {}
    for slug in PROVIDERS:
        robots, rules[slug] = robots_routes(slug)
        servers[slug] = site_server({**manifest_routes(slug), **robots})
    env = environment({slug: base for slug, (base, _) in servers.items()}, tmp_path)
    db = tmp_path / "catalog.db"
    args = ["cle", "refresh", *PROVIDERS, "--run-date", RUN_DATE, "--db", str(db)]
    result = run(args, env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-2000:]

    catalog = sqlite_utils.Database(db)
    stored = {row["id"]: row for row in catalog.query("select id, url from courses")}
    for slug in PROVIDERS:
        expected = json.loads(golden_path(slug).read_text())
        feed = tmp_path / "feeds" / RUN_DATE / f"{slug}.jsonl"
        fed = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
        assert sorted(i["id"] for i in fed) == sorted({i["id"] for i in expected})
        assert {i["id"] for i in expected} <= set(stored), slug
        _, requested = servers[slug]
        assert requested[0] == "/robots.txt", slug
        fetched = [path for path in requested if path != "/robots.txt"]
        assert fetched and all(rules[slug].can_fetch("*", p) for p in fetched)
    assert not any("127.0.0.1" in row["url"] for row in stored.values())


def test_robots_disallowed_page_is_not_fetched(site_server, tmp_path):
    # The NFPA CLE Calendar page is disallowed here: its blocks must be missing,
    # the Webinars page still loads, and the server never sees the request.
    robots = b"User-agent: *\nDisallow: /i4a/pages/index.cfm?pageID=3301\n"
    routes = {**manifest_routes("nfpa"), "/robots.txt": (200, robots, "text/plain")}
    base, requested = site_server(routes)
    result = run(["scrapy", "crawl", "nfpa"], environment({"nfpa": base}, tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "/i4a/pages/index.cfm?pageID=3301" not in requested
    feed = tmp_path / "feeds" / RUN_DATE / "nfpa.jsonl"
    ids = sorted(json.loads(line)["id"] for line in feed.read_text().splitlines())
    assert ids == ["nfpa:412", "nfpa:418", "nfpa:421"]
