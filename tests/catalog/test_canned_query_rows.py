"""Canned queries pick their rows first, then put only those in words.

The ``*_words`` SQL functions run in Python; evaluated on every matching row
before the sort, they made the free-ethics page 15.6 s and the calendar 41 s
at a million listings (BENCHMARKS.md). Each such query picks at most one row
more than Datasette shows (so the page still says it was cut) in a ``picked``
CTE; these tests keep that limit, the plans and the rows honest.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from catalog.datasette.plugins import cle_search, cle_words
from catalog.db import open_db
from catalog.load import load_records
from catalog.serve import SETTINGS, load_metadata

PICKING = ("free_ethics", "courses_by_practice_area", "search", "calendar")


def _queries() -> dict:
    return load_metadata()["databases"]["catalog"]["queries"]


@pytest.mark.parametrize("name", PICKING)
def test_rows_are_picked_one_past_what_datasette_shows(name):
    sql = _queries()[name]["sql"]
    assert sql.lstrip().startswith("with picked as (")
    limits = [int(n) for n in re.findall(r"\blimit (\d+)", sql)]
    assert SETTINGS["max_returned_rows"] + 1 in limits
    # Words only outside the CTE: the picking part calls no *_words function.
    picking = sql[: sql.index("\n)\n")]
    assert "_words(" not in picking.replace("fts_words(", "")


def _catalog(tmp_path: Path, count: int) -> sqlite3.Connection:
    start = datetime.now(UTC) + timedelta(days=2)
    records = [
        {
            "id": f"prov:ethics-{n:04d}",
            "provider": "prov",
            "title": f"Ethics session {n}",
            "url": f"https://example.org/{n}",
            "description": "Confidentiality and conflicts for paralegals.",
            "format": "live_webinar",
            "starts_at": (start + timedelta(hours=n)).isoformat(),
            "credits": [{"category": "ethics", "hours": 1.0}],
            "price_usd": 0,
            "status": "withdrawn" if n % 10 == 0 else "active",
        }
        for n in range(count)
    ]
    db = open_db(tmp_path / "catalog.db")
    report = load_records(db, iter((n + 1, r) for n, r in enumerate(records)))
    assert not report.rejected
    db.close()
    connection = sqlite3.connect(tmp_path / "catalog.db")
    cle_words.prepare_connection(connection)
    cle_search.prepare_connection(connection)
    return connection


def test_new_courses_feed_walks_the_first_seen_index(tmp_path):
    connection = _catalog(tmp_path, 3)
    sql = _queries()["new_courses"]["sql"]
    plan = " ".join(row[3] for row in connection.execute(f"explain query plan {sql}"))
    assert "idx_courses_first_seen" in plan and "TEMP B-TREE" not in plan


def test_calendar_walks_the_start_index_and_stops(tmp_path):
    connection = _catalog(tmp_path, 3)
    sql = _queries()["calendar"]["sql"]
    plan = " ".join(
        row[3] for row in connection.execute(f"explain query plan {sql}", {"as_of": ""})
    )
    assert "idx_courses_starts_utc" in plan and "idx_courses_status" not in plan


@pytest.mark.parametrize(("name", "params"), [
    ("free_ethics", {"as_of": ""}),
    ("calendar", {"as_of": ""}),
    ("search", {"q": "ethics"}),
])  # fmt: skip
def test_picked_rows_are_the_first_active_rows_in_order(tmp_path, name, params):
    connection = _catalog(tmp_path, 1200)
    cursor = connection.execute(_queries()[name]["sql"], params)
    columns = [d[0] for d in cursor.description]
    ids = [dict(zip(columns, row, strict=True))["id"] for row in cursor]
    active = sorted(f"prov:ethics-{n:04d}" for n in range(1200) if n % 10)
    assert len(ids) == SETTINGS["max_returned_rows"] + 1
    assert set(ids) <= set(active)
    if name != "search":  # sessions in time order; search by rank then id
        assert ids == active[: len(ids)]
