"""cle import / cle export: validation, upserts and round trips."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalog.composition_root import cli
from catalog.db import open_db
from catalog.records import RecordError, csv_row_to_record, record_to_csv_row
from catalog.schema import CATALOG_FIELDS
from tests.catalog.listings import make_listings

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"


def run(*args: str):
    """Invoke ``cle`` in-process and return the click Result."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def export_records(db_path: Path, fmt: str = "jsonl") -> list[dict]:
    result = run("export", "--format", fmt, "--db", str(db_path))
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        return [
            csv_row_to_record(r) for r in csv.DictReader(io.StringIO(result.output))
        ]
    return [json.loads(line) for line in result.output.splitlines()]


def strip_catalog_fields(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in CATALOG_FIELDS}


def same_instant(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


def test_900_listings_round_trip_field_for_field(tmp_path):
    listings = make_listings(900)
    source = write_jsonl(tmp_path / "in.jsonl", listings)
    db_path = tmp_path / "catalog.db"
    result = run("import", str(source), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    exported = {r["id"]: r for r in export_records(db_path)}
    assert len(exported) == 900
    for original in listings:
        back = exported[original["id"]]
        assert strip_catalog_fields(back) == original, original["id"]
        assert same_instant(back.get("starts_at"), original.get("starts_at"))
        assert back["status"] == "active"


def test_csv_round_trip_reproduces_the_catalog(tmp_path):
    listings = make_listings(120, seed=11)
    first = tmp_path / "first.db"
    assert (
        run(
            "import",
            str(write_jsonl(tmp_path / "a.jsonl", listings)),
            "--db",
            str(first),
        ).exit_code
        == 0
    )
    csv_file = tmp_path / "export.csv"
    assert (
        run(
            "export", "--format", "csv", "-o", str(csv_file), "--db", str(first)
        ).exit_code
        == 0
    )
    second = tmp_path / "second.db"
    result = run("import", str(csv_file), "--db", str(second))
    assert result.exit_code == 0, result.output
    assert export_records(second) == export_records(first)


def test_export_then_import_reproduces_history_fields(tmp_path):
    first = tmp_path / "first.db"
    run("import", str(SAMPLE), "--db", str(first))
    dump = tmp_path / "dump.jsonl"
    run("export", "-o", str(dump), "--db", str(first))
    second = tmp_path / "second.db"
    assert run("import", str(dump), "--db", str(second)).exit_code == 0
    assert export_records(second) == export_records(first)
    statuses = {r["id"]: r["status"] for r in export_records(second)}
    assert statuses["ceb:cancelled-ethics"] == "cancelled"


def test_reimport_changes_nothing(tmp_path):
    db_path = tmp_path / "catalog.db"
    run("import", str(SAMPLE), "--db", str(db_path))
    before = export_records(db_path)
    version = open_db(db_path)["catalog_meta"].get("version")["value"]
    result = run("import", str(SAMPLE), "--db", str(db_path))
    assert "0 new, 0 changed, 15 unchanged" in result.output
    assert export_records(db_path) == before
    assert open_db(db_path)["catalog_meta"].get("version")["value"] == version
    assert open_db(db_path)["courses"].count == 15


def test_changed_listing_is_updated_not_duplicated(tmp_path):
    db_path = tmp_path / "catalog.db"
    listings = make_listings(5)
    run(
        "import", str(write_jsonl(tmp_path / "a.jsonl", listings)), "--db", str(db_path)
    )
    listings[2]["title"] = "A new title"
    listings[2]["credits"] = [{"category": "ethics", "hours": 3.0}]
    listings[2]["total_hours"] = 3.0
    result = run(
        "import", str(write_jsonl(tmp_path / "b.jsonl", listings)), "--db", str(db_path)
    )
    assert "0 new, 1 changed, 4 unchanged" in result.output
    db = open_db(db_path)
    assert db["courses"].count == 5
    credits = list(
        db.query(
            "select category, hours from credits where course = ?", [listings[2]["id"]]
        )
    )
    assert credits == [{"category": "ethics", "hours": 3.0}]


BAD_LINES = [
    (
        '{"id": "nala:a", "provider": "nala", "title": "A", "url": "https://a.org/x",',
        "not valid JSON",
    ),
    (
        '{"provider": "nala", "title": "A", "url": "https://a.org/x"}',
        "missing required field 'id'",
    ),
    (
        '{"id": "nala:b", "provider": "nala", "title": "B", "url": "www.b.org/x"}',
        "field 'url'",
    ),
    (
        '{"id": "nala:c", "provider": "nala", "title": "C", "url": "https://c.org",'
        ' "starts_at": "2026-13-01T10:00:00-05:00"}',
        "field 'starts_at'",
    ),
    (
        '{"id": "nala:d", "provider": "nala", "title": "D", "url": "https://d.org",'
        ' "format": "webcast"}',
        "field 'format'",
    ),
    (
        '{"id": "nala:e", "provider": "nala", "title": "E", "url": "https://e.org",'
        ' "credits": [{"category": "ethics", "hours": -1}]}',
        "must not be negative",
    ),
    (
        '{"id": "nfpa:f", "provider": "nala", "title": "F", "url": "https://f.org"}',
        "should start with the provider",
    ),
    (
        '{"id": "nala:g", "provider": "nala", "title": "G", "url": "https://g.org",'
        ' "credits": [{"category": "ethics", "hours": 1}], "total_hours": 2}',
        "does not equal the sum",
    ),
    ('["not", "an", "object"]', "expected a JSON object"),
]


@pytest.mark.parametrize("line,reason", BAD_LINES)
def test_bad_line_is_rejected_with_its_line_number(tmp_path, line, reason):
    good = make_listings(3)
    text = json.dumps(good[0]) + "\n" + line + "\n" + json.dumps(good[1]) + "\n"
    source = tmp_path / "mixed.jsonl"
    source.write_text(text + json.dumps(good[2]) + "\n", encoding="utf-8")
    db_path = tmp_path / "catalog.db"
    result = CliRunner().invoke(cli, ["import", str(source), "--db", str(db_path)])
    assert result.exit_code == 1
    rejected = [ln for ln in result.output.splitlines() if "rejected:" in ln]
    assert len(rejected) == 1
    assert rejected[0].startswith(f"{source}:2: rejected: ")
    assert reason in rejected[0]
    assert "Traceback" not in result.output
    assert open_db(db_path)["courses"].count == 3


def test_csv_bad_cells_name_the_field():
    with pytest.raises(RecordError, match="'duration_minutes'"):
        csv_row_to_record({"duration_minutes": "an hour"})
    with pytest.raises(RecordError, match="ethics=1.0;general=0.5"):
        csv_row_to_record({"credits": "ethics:1"})
    with pytest.raises(RecordError, match="true or false"):
        csv_row_to_record({"is_free": "maybe"})


def test_csv_cells_round_trip_lists_and_credits():
    record = {
        "id": "nala:x",
        "provider": "nala",
        "title": "X",
        "url": "https://nala.org/x",
        "credits": [
            {"category": "ethics", "hours": 1.0},
            {"category": "general", "hours": 0.25},
        ],
        "practice_areas": ["personal injury", "litigation"],
        "is_free": False,
        "price_usd": 10.0,
    }
    assert csv_row_to_record(record_to_csv_row(record)) == record


def test_csv_with_unknown_column_is_one_clear_error(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text("id,provider,title,link\nnala:a,nala,A,https://a.org\n")
    result = CliRunner().invoke(
        cli, ["import", str(source), "--db", str(tmp_path / "c.db")]
    )
    assert result.exit_code == 1
    assert "unknown column(s) link" in result.output


def test_export_without_catalog_is_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert result.output.strip().startswith("Error: no catalog at")
    assert len(result.output.strip().splitlines()) == 1


def test_not_a_database_is_one_line_error(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("this is not sqlite" * 100)
    result = CliRunner().invoke(cli, ["import", str(SAMPLE), "--db", str(bogus)])
    assert result.exit_code != 0
    assert "is not a usable catalog database" in result.output
    assert "Traceback" not in result.output
