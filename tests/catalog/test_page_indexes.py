"""Migration 0004: the practice-area table and the credit-hour indexes.

``course_practice_areas`` is derived from ``courses.practice_areas``; these
tests check that the store keeps it in step on every write, that the migration
fills it for a catalog built before it existed, and that the indexes the
Datasette pages rely on are there and used.
"""

from __future__ import annotations

import json
from pathlib import Path

import sqlite_utils

from catalog.db import migrations, open_db
from catalog.load import import_file, iter_export, write_export
from catalog.records import prepare
from catalog.schema import CREDIT_CATEGORIES
from catalog.store import record_to_row, upsert_records

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"
MIGRATION = "0004_datasette_page_indexes"


def sample_records() -> list[dict]:
    """The sample listings as published."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def expected_pairs(records: list[dict]) -> set[tuple[str, str]]:
    """(listing, area) for every practice area of every record."""
    return {(r["id"], area) for r in records for area in r.get("practice_areas", [])}


def stored_pairs(db: sqlite_utils.Database) -> set[tuple[str, str]]:
    """(listing, area) rows of course_practice_areas."""
    rows = db.query("select course, area from course_practice_areas")
    return {(row["course"], row["area"]) for row in rows}


def test_import_writes_one_row_per_listing_and_area(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    assert import_file(db, SAMPLE).ok
    records = sample_records()
    assert expected_pairs(records), "the sample should name practice areas"
    assert stored_pairs(db) == expected_pairs(records)


def test_a_changed_listing_replaces_its_areas_and_duplicates_count_once(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    assert import_file(db, SAMPLE).ok
    record = next(r for r in sample_records() if r.get("practice_areas"))
    record["practice_areas"] = ["Probate", "Probate", "estate planning"]
    with db.atomic():
        result = upsert_records(db, [prepare(record)], seen_on="2026-11-28")
    assert result.changed == [record["id"]]
    mine = {area for course, area in stored_pairs(db) if course == record["id"]}
    assert mine == {"Probate", "estate planning"}
    others = expected_pairs([r for r in sample_records() if r["id"] != record["id"]])
    assert stored_pairs(db) - {(record["id"], a) for a in mine} == others


def test_migration_fills_the_table_for_a_catalog_built_before_it(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before=MIGRATION)
    assert "course_practice_areas" not in old.table_names()
    records = [prepare(r) for r in sample_records()]
    old["providers"].insert_all(
        ({"slug": s} for s in {r["provider"] for r in records}), pk="slug"
    )
    rows = ({**record_to_row(r), "status": "active"} for r in records)
    old["courses"].insert_all(rows, pk="id")
    old.close()
    db = open_db(path)
    assert stored_pairs(db) == expected_pairs(sample_records())
    indexed = {tuple(i.columns) for i in db["courses"].indexes}
    for category in CREDIT_CATEGORIES:
        assert any(columns[0] == f"{category}_hours" for columns in indexed)


def test_export_and_reimport_rebuild_the_same_areas(tmp_path):
    first = open_db(tmp_path / "first.db")
    assert import_file(first, SAMPLE).ok
    exported = tmp_path / "export.jsonl"
    with exported.open("w", encoding="utf-8") as out:
        write_export(iter_export(first), out, "jsonl")
    second = open_db(tmp_path / "second.db")
    assert import_file(second, exported).ok
    assert stored_pairs(second) == stored_pairs(first)
    again = tmp_path / "again.jsonl"
    with again.open("w", encoding="utf-8") as out:
        write_export(iter_export(second), out, "jsonl")
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_area_filter_and_credit_filter_use_their_indexes(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    assert import_file(db, SAMPLE).ok
    plans = {
        "area": "select course from course_practice_areas "
        "where area >= 'litigation' collate nocase "
        "and area <= 'litigation' collate nocase",
        "ethics": "select id from courses where ethics_hours > 0",
    }
    for label, sql in plans.items():
        plan = " ".join(row[3] for row in db.execute(f"explain query plan {sql}"))
        assert "INDEX" in plan and "SCAN" not in plan, (label, plan)


def test_facets_of_a_narrowed_courses_page_count_from_an_index(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    assert import_file(db, SAMPLE).ok
    facets = ("provider", "format", "is_free", "status")
    for where in ("ethics_hours > 0", "format = 'live_webinar'", "is_free = 1"):
        page = f"select * from courses where {where}"
        for column in facets:
            # The SQL Datasette 0.65's column facet runs for the page.
            sql = (
                f"select {column} as value, count(*) as count from ({page}) "
                f"where {column} is not null group by {column} "
                "order by count desc, value limit 21"
            )
            plan = " ".join(r[3] for r in db.execute(f"explain query plan {sql}"))
            assert "COVERING INDEX" in plan, (where, column, plan)
