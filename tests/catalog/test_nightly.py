"""Loading nights into the catalog: withdrawals, unhealthy runs, reappearances."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.db import open_db
from catalog.nightly import NightlyError, load_run
from tests.catalog.nightly_data import listing, report, write_night

NIGHT1, NIGHT2, NIGHT3 = "2026-11-24", "2026-11-25", "2026-11-26"
AT = "2026-11-26T03:00:00Z"


@pytest.fixture
def night(tmp_path):
    """Write a provider's night under tmp_path and load it into one catalog."""
    db = open_db(tmp_path / "catalog.db")

    def load_night(run_date, providers=None):
        return load_run(
            db,
            run_date,
            providers,
            feeds_dir=tmp_path / "feeds",
            runs_dir=tmp_path / "runs",
            at=AT,
        )

    load_night.db = db
    load_night.root = tmp_path
    return load_night


def courses(db) -> dict[str, dict]:
    rows = db.query("select id, status, first_seen, last_seen, title from courses")
    return {row["id"]: row for row in rows}


def changes(db, run_date) -> list[tuple]:
    sql = "select kind, listing, fields from changes where run_date = ? order by id"
    return [
        (r["kind"], r["listing"], json.loads(r["fields"]) if r["fields"] else None)
        for r in db.query(sql, [run_date])
    ]


def five(provider="nala") -> list[dict]:
    return [listing(provider, f"c{n}") for n in range(5)]


def test_first_night_stores_everything_as_new(night):
    write_night(night.root, NIGHT1, "nala", five("nala"))
    write_night(night.root, NIGHT1, "clio", five("clio")[:3])
    outcomes = night(NIGHT1)
    assert [(o.provider, o.healthy, o.listings, o.count("new")) for o in outcomes] == [
        ("clio", True, 3, 3),
        ("nala", True, 5, 5),
    ]
    stored = courses(night.db)
    assert len(stored) == 8
    assert {r["first_seen"] for r in stored.values()} == {NIGHT1}
    assert [k for k, _, _ in changes(night.db, NIGHT1)] == ["new"] * 8
    runs = list(night.db.query("select * from crawl_runs order by provider"))
    assert [(r["provider"], r["health"], r["valid"], r["new"]) for r in runs] == [
        ("clio", "healthy", 3, 3),
        ("nala", "healthy", 5, 5),
    ]


def test_healthy_run_withdraws_exactly_the_missing_listing(night):
    write_night(night.root, NIGHT1, "nala", five())
    night(NIGHT1)
    write_night(night.root, NIGHT2, "nala", [r for r in five() if r["id"] != "nala:c2"])
    [outcome] = night(NIGHT2)
    assert outcome.healthy and outcome.count("withdrawn") == 1
    stored = courses(night.db)
    assert len(stored) == 5, "a withdrawn listing is never deleted"
    withdrawn = {i for i, r in stored.items() if r["status"] == "withdrawn"}
    assert withdrawn == {"nala:c2"}
    assert stored["nala:c2"]["last_seen"] == NIGHT1
    assert stored["nala:c1"]["last_seen"] == NIGHT2
    assert changes(night.db, NIGHT2) == [("withdrawn", "nala:c2", None)]


def test_reappearing_listing_is_active_again(night):
    write_night(night.root, NIGHT1, "nala", five())
    night(NIGHT1)
    write_night(night.root, NIGHT2, "nala", five()[:4])
    night(NIGHT2)
    assert courses(night.db)["nala:c4"]["status"] == "withdrawn"
    write_night(night.root, NIGHT3, "nala", five())
    [outcome] = night(NIGHT3)
    stored = courses(night.db)
    assert stored["nala:c4"]["status"] == "active"
    assert stored["nala:c4"]["first_seen"] == NIGHT1
    assert stored["nala:c4"]["last_seen"] == NIGHT3
    assert changes(night.db, NIGHT3) == [("reactivated", "nala:c4", [])]
    assert outcome.count("reactivated") == 1 and outcome.listings == 5


@pytest.mark.parametrize(
    ("case", "records", "run_report", "reason"),
    [
        ("zero items", [], None, "zero items"),
        ("under half", five()[:2], None, "under half of the last healthy run's 5"),
        (
            "crashed: report but no feed",
            None,
            report("nala", NIGHT2, 0, finish_reason="shutdown"),
            "no feed file",
        ),
        (
            "redesign: pages fetched, items invalid",
            [listing("nala", "c0")],
            report("nala", NIGHT2, 1, items_dropped={"missing title": 4}),
            "20% of items valid",
        ),
        (
            "blocked",
            [],
            report("nala", NIGHT2, 0, http_status={"200": 1, "403": 3}),
            "blocked: 3x403",
        ),
    ],
)
def test_unhealthy_run_withdraws_nothing(night, case, records, run_report, reason):
    write_night(night.root, NIGHT1, "nala", five())
    night(NIGHT1)
    before = courses(night.db)
    write_night(night.root, NIGHT2, "nala", records, run_report)
    [outcome] = night(NIGHT2)
    assert not outcome.healthy, case
    assert any(reason in r for r in outcome.health.reasons), outcome.health.reasons
    assert courses(night.db) == before
    assert changes(night.db, NIGHT2) == []
    row = night.db["crawl_runs"].get((NIGHT2, "nala"))
    assert row["health"] == "unhealthy" and reason in row["reasons"]
    assert outcome.listings == 5


def test_changed_fields_and_cancellations_are_logged(night):
    write_night(night.root, NIGHT1, "nala", five())
    night(NIGHT1)
    tonight = five()
    tonight[0] = listing("nala", "c0", title="Renamed course")
    tonight[1] = listing("nala", "c1", status="cancelled")
    tonight[2] = listing("nala", "c2", price_usd=0.0)
    write_night(night.root, NIGHT2, "nala", tonight)
    [outcome] = night(NIGHT2)
    assert changes(night.db, NIGHT2) == [
        ("changed", "nala:c0", ["title"]),
        ("cancelled", "nala:c1", []),
        ("changed", "nala:c2", ["price_usd", "is_free"]),
    ]
    assert courses(night.db)["nala:c1"]["status"] == "cancelled"
    row = night.db["crawl_runs"].get((NIGHT2, "nala"))
    assert (row["changed"], row["cancelled"], row["new"]) == (2, 1, 0)
    assert outcome.count("changed") == 2


def test_rejected_lines_are_counted_and_loading_goes_on(night):
    records = [listing("nala", f"c{n}") for n in range(19)]
    write_night(night.root, NIGHT1, "nala", records, raw_lines=['{"id": "nala:broken"'])
    [outcome] = night(NIGHT1)
    assert outcome.healthy and outcome.valid == 19 and outcome.items == 20
    assert outcome.rejected[0][0] == 20 and "not valid JSON" in outcome.rejected[0][1]
    row = night.db["crawl_runs"].get((NIGHT1, "nala"))
    assert json.loads(row["dropped"]) == {"load: not valid JSON": 1}
    assert row["errors"] == 1 and row["items"] == 20 and row["valid"] == 19


def test_foreign_provider_lines_are_rejected(night):
    write_night(night.root, NIGHT1, "nala", five() + [listing("clio", "x")])
    [outcome] = night(NIGHT1)
    assert outcome.valid == 5
    assert "provider 'clio'" in outcome.rejected[0][1]
    assert "clio:x" not in courses(night.db)


def test_reloading_a_night_changes_nothing_more(night):
    write_night(night.root, NIGHT1, "nala", five())
    night(NIGHT1)
    write_night(night.root, NIGHT2, "nala", five()[:4])
    night(NIGHT2)
    before = (courses(night.db), changes(night.db, NIGHT2))
    [outcome] = night(NIGHT2)
    assert (courses(night.db), changes(night.db, NIGHT2)) == before
    assert outcome.count("withdrawn") == 1


def test_an_older_night_does_not_withdraw_what_a_newer_one_saw(night):
    write_night(night.root, NIGHT2, "nala", five())
    night(NIGHT2)
    write_night(night.root, NIGHT1, "nala", five()[:4])
    night(NIGHT1)
    assert {r["status"] for r in courses(night.db).values()} == {"active"}


def test_named_providers_only(night):
    write_night(night.root, NIGHT1, "nala", five("nala"))
    write_night(night.root, NIGHT1, "clio", five("clio"))
    outcomes = night(NIGHT1, ["clio"])
    assert [o.provider for o in outcomes] == ["clio"]
    assert {r["id"].split(":")[0] for r in courses(night.db).values()} == {"clio"}


def test_nothing_to_load_is_a_one_line_error(night):
    with pytest.raises(NightlyError, match="no feeds or run reports for 2026-11-24"):
        night(NIGHT1)


def test_load_command_prints_summary_and_exit_status(tmp_path):
    db_path = tmp_path / "catalog.db"
    write_night(tmp_path, NIGHT1, "nala", five())
    write_night(tmp_path, NIGHT1, "clio", [])
    args = ["--db", str(db_path), "--feeds", str(tmp_path / "feeds")]
    result = CliRunner().invoke(cli, ["load", *args, "--run-date", NIGHT1])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "provider",
        "active",
        "new",
        "changed",
        "withdrawn",
        "errors",
        "health",
    ]
    assert lines[1].split()[:7] == ["clio", "0", "0", "0", "0", "0", "unhealthy:"]
    assert lines[2].split() == ["nala", "5", "5", "0", "0", "0", "healthy"]
    assert "1 provider(s) unhealthy: clio" in lines[-2]
    assert result.stderr.splitlines() == [
        "[1/2] clio: unhealthy, nothing changed",
        "[2/2] nala: healthy, 5 active listing(s) (5 new, 0 changed, 0 withdrawn)",
    ]
    ok = CliRunner().invoke(cli, ["load", *args, "--run-date", NIGHT1, "nala"])
    assert ok.exit_code == 0 and "all 1 provider(s) healthy" in ok.stdout
    assert "active = listings the catalog offers now" in lines[-1]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--run-date", "26/11/2026"], "--run-date '26/11/2026' is not a date"),
        (["--run-date", "2026-11-20"], "no feeds or run reports for 2026-11-20"),
    ],
)
def test_load_command_bad_input_is_one_line(tmp_path, argv, message):
    result = CliRunner().invoke(cli, ["load", "--db", str(tmp_path / "c.db"), *argv])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_all_nights_rebuilds_the_same_catalog(night, tmp_path):
    write_night(night.root, NIGHT1, "nala", five())
    write_night(night.root, NIGHT2, "nala", five()[1:])
    write_night(night.root, NIGHT3, "nala", [*five()[1:], listing("nala", "c0")])
    for run_date in (NIGHT1, NIGHT2, NIGHT3):
        night(run_date)
    rebuilt = tmp_path / "rebuilt.db"
    result = CliRunner().invoke(
        cli,
        [
            "load",
            "--db",
            str(rebuilt),
            "--all-nights",
            "--feeds",
            str(tmp_path / "feeds"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert [line for line in result.stdout.splitlines() if line.startswith("==")] == [
        f"== {NIGHT1}",
        f"== {NIGHT2}",
        f"== {NIGHT3}",
    ]
    db = open_db(rebuilt)
    assert courses(db) == courses(night.db)
    kinds = "select run_date, kind, listing from changes order by id"
    assert list(db.query(kinds)) == list(night.db.query(kinds))
