"""One night spread over two Scrapyd servers on 127.0.0.1, loaded into one catalog.

Three providers' bundled pages are served locally; two Scrapyd processes (one
job at a time each) share one state folder, as servers sharing NFS would.
``cle refresh --scrapyd A --scrapyd B --shared DIR`` assigns the providers,
schedules them, waits, and loads the feeds the servers wrote. Skipped only when
Scrapyd cannot start here (the reason is printed).
"""

from __future__ import annotations

from contextlib import ExitStack

import sqlite_utils
from click.testing import CliRunner

from catalog.composition_root import cli
from tests.catalog.scrapyd_server import (
    ROOT,
    api,
    build_egg_folder,
    deploy,
    scrapyd_server,
)
from tests.catalog.site_server import served_copy

PROVIDERS = ("aapi", "nfpa", "txpd")
RUN_DATE = "2026-11-26"


def test_a_night_spread_over_two_scrapyd_servers_loads_into_one_catalog(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    with ExitStack() as stack:
        sites = {
            slug: stack.enter_context(served_copy(slug, tmp_path / "sites" / slug))[1]
            for slug in PROVIDERS
        }
        env = {
            "CLE_SITE_OVERRIDE": ",".join(f"{s}={u}" for s, u in sites.items()),
            "CLE_PROVIDERS": str(ROOT / "data" / "providers.yml"),
            "CLE_DOWNLOAD_DELAY": "0",
            "CLE_DOWNLOAD_TIMEOUT": "60",
            "CLE_RETRY_TIMES": "1",
        }
        servers = [
            stack.enter_context(scrapyd_server(tmp_path / f"s{n}", shared, env))
            for n in (1, 2)
        ]
        egg = build_egg_folder(tmp_path / "build")
        for server in servers:
            assert '"status": "ok"' in deploy(egg, server)

        db_path = tmp_path / "catalog.db"
        result = CliRunner().invoke(
            cli,
            [
                "refresh",
                *PROVIDERS,
                *(arg for server in servers for arg in ("--scrapyd", server)),
                "--shared",
                str(shared),
                "--wait-minutes",
                "10",
                "--run-date",
                RUN_DATE,
                "--db",
                str(db_path),
            ],
        )
        logs = "\n".join(p.read_text() for p in tmp_path.rglob("s*/logs/**/*.log"))
        assert result.exit_code == 0, result.output + logs[-3000:]
        ran = {
            server: [
                j["spider"]
                for j in api(server, "listjobs.json?project=cle")["finished"]
            ]
            for server in servers
        }

    assert sorted(s for spiders in ran.values() for s in spiders) == sorted(PROVIDERS)
    assert all(ran.values()), f"a server ran nothing: {ran}"
    db = sqlite_utils.Database(db_path)
    runs = {r["provider"]: r for r in db.query("select * from crawl_runs")}
    assert set(runs) == set(PROVIDERS)
    assert all(r["health"] == "healthy" and r["valid"] > 0 for r in runs.values()), runs
    stored = {
        r["provider"]: r["n"]
        for r in db.query(
            "select provider, count(*) as n from courses group by provider"
        )
    }
    assert stored == {p: runs[p]["valid"] for p in PROVIDERS}
    # Each server wrote its own providers' feeds into the one shared folder.
    feeds = sorted(p.stem for p in (shared / "feeds" / RUN_DATE).glob("*.jsonl"))
    assert feeds == sorted(PROVIDERS)
