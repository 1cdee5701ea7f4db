"""The Datasette metadata keeps up with the real schema, and every canned query runs.

The schema is read from a catalog freshly built by ``catalog.db.open_db``, so a
new migration (a table, a column, a view) fails here until it is described.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from catalog.db import open_db
from catalog.load import import_file
from catalog.nightly import load_run
from catalog.serve import DATABASE_NAME, build_datasette, load_metadata
from tests.catalog.nightly_data import write_night

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "courses.jsonl"
#: An example value for every canned-query parameter; a new parameter needs one.
EXAMPLE_PARAMS = {
    "as_of": "2026-11-27",
    "q": "ethics",
    "practice_area": "litigation",
    "provider": "clio",
    "kind": "changed",
}
#: The nightly refresh re-reads this provider's listings with one title edited.
NIGHT, NIGHT_PROVIDER, EDITED_ID = "2026-11-26", "clio", "clio:ethics-of-ai"

METADATA = load_metadata()
DATABASE = METADATA["databases"][DATABASE_NAME]
QUERIES = DATABASE["queries"]


def real_schema(db) -> dict[str, list[str]]:
    """Tables and views Datasette shows, with their columns (FTS internals left out).

    Datasette hides full-text virtual tables and every table whose name starts
    with one (their shadow tables), so those need no description.
    """
    fts = [
        row["name"]
        for row in db.query(
            "select name from sqlite_master where type = 'table' "
            "and sql like 'CREATE VIRTUAL TABLE%USING FTS%'"
        )
    ]
    names = [*db.table_names(), *db.view_names()]
    shown = [n for n in names if not any(n.startswith(f) for f in fts)]
    # table_xinfo, not sqlite-utils' columns: it also lists generated columns
    # (listing_order), which Datasette shows and sorts on.
    return {
        name: [row[1] for row in db.execute(f'pragma table_xinfo("{name}")')]
        for name in shown
    }


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory):
    """The schema of a catalog just created by ``open_db`` (all migrations)."""
    db = open_db(tmp_path_factory.mktemp("fresh") / "catalog.db")
    try:
        return real_schema(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def sample_catalog(tmp_path_factory):
    """The sample catalog built with ``import_file``, then one nightly refresh.

    The night re-reads clio's listings with one title edited, so the change
    log (and the queries on it) has rows too.
    """
    root = tmp_path_factory.mktemp("sample")
    db = open_db(root / "catalog.db")
    assert import_file(db, SAMPLE).ok
    records = [json.loads(line) for line in SAMPLE.open(encoding="utf-8")]
    night = [r for r in records if r["provider"] == NIGHT_PROVIDER]
    for record in night:
        if record["id"] == EDITED_ID:
            record["title"] += " (updated)"
    write_night(root, NIGHT, NIGHT_PROVIDER, night)
    outcomes = load_run(
        db,
        NIGHT,
        [NIGHT_PROVIDER],
        feeds_dir=root / "feeds",
        runs_dir=root / "runs",
        at=f"{NIGHT}T03:00:00Z",
    )
    assert all(o.healthy for o in outcomes)
    db.close()
    return root / "catalog.db"


def test_the_fresh_catalog_has_the_tables_we_serve(fresh_schema):
    assert {"courses", "credits", "providers", "upcoming_sessions"} <= set(fresh_schema)


def test_every_table_and_column_is_described(fresh_schema):
    tables = DATABASE["tables"]
    missing = []
    for table, columns in fresh_schema.items():
        meta = tables.get(table) or {}
        if not str(meta.get("description") or "").strip():
            missing.append(f"{table}: description")
        described = meta.get("columns") or {}
        for column in columns:
            if not str(described.get(column) or "").strip():
                missing.append(f"{table}.{column}")
    assert not missing, "describe in catalog/datasette/metadata.yml: " + ", ".join(
        missing
    )


def test_metadata_describes_only_what_exists(fresh_schema):
    stale = []
    for table, meta in DATABASE["tables"].items():
        if table not in fresh_schema:
            stale.append(table)
            continue
        for column in meta.get("columns") or {}:
            if column not in fresh_schema[table]:
                stale.append(f"{table}.{column}")
    assert not stale, f"metadata describes what the schema lacks: {stale}"


def test_facets_and_sort_name_real_columns(fresh_schema):
    for table, meta in DATABASE["tables"].items():
        for facet in meta.get("facets") or []:
            column = next(iter(facet.values())) if isinstance(facet, dict) else facet
            assert column in fresh_schema[table], (table, facet)
        for key in ("sort", "sort_desc", "label_column"):
            if key in meta:
                assert meta[key] in fresh_schema[table], (table, key)


def test_courses_search_box_uses_the_real_fts_table(sample_catalog):
    import sqlite_utils

    db = sqlite_utils.Database(sample_catalog)
    assert db["courses"].detect_fts() == DATABASE["tables"]["courses"]["fts_table"]


def test_required_canned_queries_exist():
    assert {"free_ethics", "courses_by_practice_area", "search"} <= set(QUERIES)
    assert {"calendar", "new_courses"} <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_canned_query_is_titled_described_and_read_only(name):
    query = QUERIES[name]
    assert query.get("title") and query.get("description")
    assert not query.get("write")
    assert not re.search(
        r"\b(insert|update|delete|drop|alter|create|replace\s+into)\b",
        query["sql"].split("--")[0].replace("replace(", ""),
        re.IGNORECASE,
    ), "canned queries only read"


@pytest.mark.asyncio
@pytest.mark.parametrize("name", sorted(QUERIES))
async def test_every_canned_query_runs_and_returns_rows(sample_catalog, name):
    without_literals = re.sub(r"'[^']*'", "''", QUERIES[name]["sql"])
    params = set(re.findall(r":([a-z_]+)", without_literals))
    unknown = params - set(EXAMPLE_PARAMS)
    assert not unknown, f"add an example value for {unknown} to EXAMPLE_PARAMS"
    datasette = build_datasette(sample_catalog)
    response = await datasette.client.get(
        f"/{DATABASE_NAME}/{name}.json",
        params={"_shape": "objects", **{p: EXAMPLE_PARAMS[p] for p in params}},
    )
    assert response.status_code == 200, response.text[:500]
    data = response.json()
    assert data["ok"] is True
    assert data["rows"], f"{name} returned no rows on the sample catalog"
