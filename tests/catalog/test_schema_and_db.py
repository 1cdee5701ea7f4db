"""The catalog's shape: schema vocabularies, migrations, FTS and WAL."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from catalog.db import COURSE_COLUMNS, open_db
from catalog.load import import_file
from catalog.schema import CREDIT_CATEGORIES, FORMATS, RECORD_SCHEMA

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"


def test_schema_is_valid_and_enums_come_from_vocabularies():
    Draft202012Validator.check_schema(RECORD_SCHEMA)
    props = RECORD_SCHEMA["properties"]
    assert props["format"]["enum"] == list(FORMATS)
    category = props["credits"]["items"]["properties"]["category"]
    assert category["enum"] == list(CREDIT_CATEGORIES)


def test_every_sample_listing_validates_against_the_schema():
    validator = Draft202012Validator(RECORD_SCHEMA)
    for line in SAMPLE.read_text().splitlines():
        assert not list(validator.iter_errors(json.loads(line))), line[:60]


def test_open_db_is_idempotent(tmp_path):
    path = tmp_path / "catalog.db"
    db = open_db(path)
    schema_before = db.schema
    applied = list(db.query("select name from _sqlite_migrations"))
    db.close()
    db = open_db(path)
    assert db.schema == schema_before
    assert list(db.query("select name from _sqlite_migrations")) == applied
    assert db.journal_mode == "wal"


def test_courses_table_has_the_declared_columns(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    assert set(db["courses"].columns_dict) == set(COURSE_COLUMNS)
    assert db["courses"].pks == ["id"]


def test_full_text_search_finds_a_course_and_follows_updates(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    import_file(db, SAMPLE)
    hits = [r["id"] for r in db["courses"].search("preserving")]
    assert hits == ["clio:ediscovery-basics"]
    # porter stemming: "drafting" matches "draft"
    assert "nals:estate-planning-docs" in [
        r["id"] for r in db["courses"].search("draft")
    ]
    with db.atomic():
        db["courses"].update("clio:ediscovery-basics", {"title": "Zebra crossings"})
    assert [r["id"] for r in db["courses"].search("zebra")] == [
        "clio:ediscovery-basics"
    ]


def test_credits_table_mirrors_the_listing_credits(tmp_path):
    db = open_db(tmp_path / "catalog.db")
    import_file(db, SAMPLE)
    rows = list(
        db.query(
            "select category, hours from credits "
            "where course = 'clio:legal-tech-privacy' order by category"
        )
    )
    assert rows == [
        {"category": "ethics", "hours": 0.5},
        {"category": "general", "hours": 0.5},
    ]
    row = db["courses"].get("clio:legal-tech-privacy")
    assert json.loads(row["credit_categories"]) == ["ethics", "general"]
    assert row["starts_utc"] == "2027-02-18T18:00:00Z"
