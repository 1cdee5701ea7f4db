"""The store's bulk path writes exactly what the row-by-row path writes."""

from __future__ import annotations

import sqlite3

import pytest

from catalog.db import open_db
from catalog.records import prepare
from catalog.store import BULK_MIN_NEW, upsert_records
from tests.catalog.listings import make_listings

N = BULK_MIN_NEW + 500


def contents(path) -> dict:
    """Every table a write touches, row for row, plus the schema and a search."""
    connection = sqlite3.connect(path)
    try:
        tables = {
            name: connection.execute(f"select * from {name} order by 1, 2").fetchall()
            for name in ("courses", "credits", "course_practice_areas")
        }
        tables["schema"] = connection.execute(
            "select type, name, sql from sqlite_master "
            "where name not like 'sqlite_%' order by type, name"
        ).fetchall()
        tables["search"] = connection.execute(
            "select rowid from courses_fts where courses_fts match 'ethics OR law' "
            "order by rowid"
        ).fetchall()
        tables["fts_check"] = connection.execute(
            "insert into courses_fts (courses_fts, rank) values ('integrity-check', 1)"
        ).fetchall()
        return tables
    finally:
        connection.close()


@pytest.fixture(scope="module")
def records():
    return [prepare(listing) for listing in make_listings(N)]


def store(path, batches, seen_on="2026-11-27"):
    db = open_db(path)
    with db.atomic():
        results = [upsert_records(db, batch, seen_on=seen_on) for batch in batches]
    db.close()
    return results


def test_a_first_load_in_bulk_equals_the_same_rows_written_in_small_batches(
    tmp_path, records
):
    bulk = tmp_path / "bulk.db"
    small = tmp_path / "small.db"
    (whole,) = store(bulk, [records])
    parts = store(small, [records[i : i + 400] for i in range(0, N, 400)])
    assert len(whole.new) == N == sum(len(p.new) for p in parts)
    assert contents(bulk) == contents(small)


def test_a_bulk_load_over_a_smaller_catalog_keeps_its_listings_searchable(
    tmp_path, records
):
    path = tmp_path / "catalog.db"
    store(path, [records[:300]])
    changed = [{**r, "title": r["title"] + " zebrafinch"} for r in records[:300]]
    (result,) = store(path, [changed + records[300:]], seen_on="2026-11-28")
    assert len(result.new) == N - 300 and len(result.changed) == 300
    reference = tmp_path / "reference.db"
    store(reference, [changed], seen_on="2026-11-27")
    store(reference, [changed + records[300:]], seen_on="2026-11-28")
    assert contents(path) == contents(reference)
    found = sqlite3.connect(path).execute(
        "select count(*) from courses_fts where courses_fts match 'zebrafinch'"
    )
    assert found.fetchone()[0] == 300


def test_a_listing_seen_again_unchanged_only_moves_its_dates(tmp_path, records):
    path = tmp_path / "catalog.db"
    store(path, [records[:50]])
    (again,) = store(path, [records[:50]], seen_on="2026-11-30")
    assert len(again.unchanged) == 50 and not again.changed and not again.new
    connection = sqlite3.connect(path)
    dates = set(connection.execute("select first_seen, last_seen from courses"))
    assert dates == {("2026-11-27", "2026-11-30")}
    # The full-text index is only rewritten when the text changes.
    trigger = connection.execute(
        "select sql from sqlite_master where name = 'courses_au'"
    ).fetchone()[0]
    assert 'AFTER UPDATE OF "title", "description"' in trigger
    connection.execute(
        "insert into courses_fts (courses_fts, rank) values ('integrity-check', 1)"
    )
