"""Open the catalog and bring its shape up to date (migrations, FTS, views).

The shape is declared here once and applied idempotently: opening a catalog
that is already current changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import DescIndex
from sqlite_utils.migrations import Migrations

from catalog.paths import default_db_path
from catalog.schema import COURSE_COLUMNS, CREDIT_CATEGORIES

migrations = Migrations("cle_catalog")

FTS_CONFIG = {"courses": ["title", "description"]}

VIEWS = {
    # Live or in-person sessions that have not started yet, soonest first.
    "upcoming_sessions": """
        select id, course_id, provider, title, url, format, starts_at, ends_at,
               starts_utc, ends_utc, timezone, location, total_hours,
               ethics_hours, price_usd, is_free
        from courses
        where status = 'active' and starts_utc is not null
          and starts_utc >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        order by starts_utc, id
    """,
    # One row per course: how many offerings it has and when the next one is.
    "course_groups": """
        select course_id, provider, min(title) as title, count(*) as offerings,
               min(case when starts_utc >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                        then starts_utc end) as next_start_utc,
               max(total_hours) as total_hours, min(price_usd) as lowest_price_usd
        from courses
        where status = 'active'
        group by course_id, provider
    """,
    # The newest crawl of each provider: is tonight's catalog trustworthy?
    "latest_runs": """
        select r.* from crawl_runs r
        where r.run_date = (
            select max(run_date) from crawl_runs x where x.provider = r.provider
        )
        order by r.health desc, r.provider
    """,
}


@migrations(name="0001_courses_credits_providers")
def _create_core_tables(db: sqlite_utils.Database) -> None:
    db["providers"].create(
        {
            "slug": str,
            "name": str,
            "site": str,
            "platform": str,
            "timezone": str,
        },
        pk="slug",
    )
    db["courses"].create(
        COURSE_COLUMNS,
        pk="id",
        not_null={"course_id", "provider", "title", "url", "status"},
        defaults={"status": "active"},
        foreign_keys=[("provider", "providers", "slug")],
    )
    db["credits"].create(
        {"course": str, "category": str, "hours": float},
        pk=("course", "category"),
        foreign_keys=[("course", "courses", "id")],
    )
    db["courses"].create_index(["course_id"])
    db["courses"].create_index(["provider", "status"])
    db["courses"].create_index(["starts_utc"])
    db["courses"].create_index(["format"])
    db["courses"].create_index(["is_free"])
    db["credits"].create_index(["category"])
    db["catalog_meta"].create({"key": str, "value": str}, pk="key")
    db["catalog_meta"].insert({"key": "version", "value": "0"})


@migrations(name="0002_crawl_runs_changes")
def _create_history_tables(db: sqlite_utils.Database) -> None:
    db["crawl_runs"].create(
        {
            "run_date": str,
            "provider": str,
            "started_at": str,
            "finished_at": str,
            "finish_reason": str,
            "items": int,
            "valid": int,
            "dropped": str,
            "http_status": str,
            "errors": int,
            "timeouts": int,
            "blocked": int,
            "broken": int,
            "health": str,
            "reasons": str,
            "new": int,
            "changed": int,
            "withdrawn": int,
            "reactivated": int,
            "cancelled": int,
            "loaded_at": str,
        },
        pk=("run_date", "provider"),
        not_null={"health"},
    )
    db["changes"].create(
        {
            "id": int,
            "run_date": str,
            "provider": str,
            "listing": str,
            "kind": str,
            "fields": str,
            "title": str,
            "url": str,
            "at": str,
        },
        pk="id",
        not_null={"run_date", "provider", "listing", "kind"},
        foreign_keys=[("listing", "courses", "id")],
    )
    db["crawl_runs"].create_index(["provider", "health", "run_date"])
    db["changes"].create_index(["run_date", "provider"])
    db["changes"].create_index(["listing"])
    db["changes"].create_index(["kind"])


@migrations(name="0003_facet_indexes")
def _add_facet_indexes(db: sqlite_utils.Database) -> None:
    # The Datasette status facet scanned the whole (wide) courses table:
    # 136 ms at 100k listings, 19 ms with this index (BENCHMARKS.md).
    db["courses"].create_index(["status"], if_not_exists=True)


#: The columns the courses page facets on (Datasette's default facets).
FACET_COLUMNS = ("provider", "status", "format", "is_free")


@migrations(name="0004_datasette_page_indexes")
def _add_page_speed_indexes(db: sqlite_utils.Database) -> None:
    # Datasette pages at 100k listings (BENCHMARKS.md, scale-fixes): the
    # credit-category facet and its filter (ethics_hours > 0, ...) read these
    # indexes instead of json_each over every row's credit_categories.
    hour_columns = [f"{category}_hours" for category in CREDIT_CATEGORIES]
    for column in hour_columns:
        db["courses"].create_index([column], if_not_exists=True)
    # Each facet index also carries the other facet columns and the hours, so
    # a facet of a narrowed page (format = x, ethics_hours > 0) counts from
    # the index alone: 70-190 ms -> 6-17 ms per facet at 100k. Same names and
    # leading columns as before, so every query that used them still can.
    for name, lead in (
        ("idx_courses_provider_status", ["provider", "status"]),
        ("idx_courses_format", ["format"]),
        ("idx_courses_is_free", ["is_free"]),
        ("idx_courses_status", ["status"]),
    ):
        rest = [c for c in FACET_COLUMNS if c not in lead]
        db.execute(f"drop index if exists {name}")
        db["courses"].create_index([*lead, *rest, *hour_columns], index_name=name)
    # One row per listing and practice area, so a canned query finds the
    # listings of an area through an index instead of json_each on every row.
    db["course_practice_areas"].create(
        {"course": str, "area": str},
        pk=("course", "area"),
        foreign_keys=[("course", "courses", "id")],
        if_not_exists=True,
    )
    db.execute(
        "insert or ignore into course_practice_areas (course, area) "
        "select courses.id, area.value from courses, "
        "json_each(courses.practice_areas) as area "
        "where json_valid(courses.practice_areas) and area.type = 'text'"
    )
    # Case-insensitive, like the canned query that reads it.
    db.execute(
        "create index if not exists idx_course_practice_areas_area "
        "on course_practice_areas (area collate nocase, course)"
    )


#: Sort key of the courses page: dated listings by start (UTC), then the
#: undated ones ("on demand" sorts after every ISO date).
LISTING_ORDER_SQL = "coalesce(starts_utc, 'on demand')"


@migrations(name="0005_listing_order")
def _add_listing_order(db: sqlite_utils.Database) -> None:
    # Datasette sorts NULL first, which put on-demand courses before the
    # upcoming sessions. A virtual generated column costs no storage and is
    # never written by the store (sqlite-utils does not list it); the courses
    # page sorts and hides past sessions on it (listing_order >= now).
    db.execute(
        "alter table courses add column listing_order text "
        f"generated always as ({LISTING_ORDER_SQL}) virtual"
    )
    db.execute(
        "create index if not exists idx_courses_listing_order "
        "on courses (listing_order)"
    )
    # The facet indexes of 0004 also carry it, so the facets of the default
    # page (upcoming and on demand) still count from an index alone.
    hour_columns = [f"{category}_hours" for category in CREDIT_CATEGORIES]
    for name, lead in (
        ("idx_courses_provider_status", ["provider", "status"]),
        ("idx_courses_format", ["format"]),
        ("idx_courses_is_free", ["is_free"]),
        ("idx_courses_status", ["status"]),
    ):
        rest = [c for c in FACET_COLUMNS if c not in lead]
        db.execute(f"drop index if exists {name}")
        db["courses"].create_index(
            [*lead, *rest, *hour_columns, "listing_order"], index_name=name
        )


@migrations(name="0006_credit_hours_listing_order")
def _add_hours_listing_order_indexes(db: sqlite_utils.Database) -> None:
    # The credit-category facet of the default courses page counts
    # "<category>_hours > 0 and listing_order >= now": with the hours index
    # alone SQLite read every such row (327 ms at 100k); with listing_order
    # beside the hours it counts from the index (SQLite, without statistics,
    # would keep choosing the hours-only index: it is replaced). Same leading
    # column, so an ethics_hours > 0 filter still uses it.
    for category in CREDIT_CATEGORIES:
        column = f"{category}_hours"
        db.execute(f"drop index if exists idx_courses_{column}")
        db["courses"].create_index(
            [column, "listing_order"], index_name=f"idx_courses_{column}"
        )


@migrations(name="0007_first_seen_index")
def _add_first_seen_index(db: sqlite_utils.Database) -> None:
    # The Atom feed of new courses (canned query new_courses) sorts active
    # listings by first_seen, newest first: without an index SQLite sorted
    # every listing (5.4 s at a million listings, over Datasette's 3 s limit;
    # 0.3 s at 100k). In the feed's order, it reads the first 50 and stops.
    db["courses"].create_index(
        [DescIndex("first_seen"), "id"], index_name="idx_courses_first_seen"
    )


def open_db(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the catalog and apply pending migrations.

    :param path: the SQLite file; default ``state/catalog.db`` or ``$CLE_DB``
    :return: a sqlite-utils Database in WAL mode with foreign keys on
    """
    path = Path(path) if path else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 10000")
    if db.journal_mode != "wal":
        db.enable_wal()
    ensure_shape(db)
    return db


def ensure_shape(db: sqlite_utils.Database) -> None:
    """Apply migrations, FTS with triggers and views; a no-op when current."""
    if not migrations.pending(db):
        if _fts_and_views_present(db):
            return
    migrations.apply(db)
    for table, columns in FTS_CONFIG.items():
        if not db[table].detect_fts():
            db[table].enable_fts(
                columns, fts_version="FTS5", tokenize="porter", create_triggers=True
            )
        _narrow_fts_update_trigger(db, table, columns)
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)


def _update_trigger_sql(table: str, columns: list[str]) -> str:
    fts = f"{table}_fts"
    names = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    return (
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE OF {names} ON "{table}" BEGIN\n'
        f'  INSERT INTO "{fts}" ("{fts}", rowid, {names}) '
        f"VALUES('delete', old.rowid, {old});\n"
        f'  INSERT INTO "{fts}" (rowid, {names}) VALUES (new.rowid, {new});\nEND'
    )


def _narrow_fts_update_trigger(
    db: sqlite_utils.Database, table: str, columns: list[str]
) -> None:
    """Reindex a row's text only when its text changes, not on every update.

    sqlite-utils' trigger fires on any UPDATE: the nightly's ``last_seen``
    touch of an unchanged listing deleted and re-added its full-text entry
    (BENCHMARKS.md, re-import of an unchanged night).
    """
    wanted = _update_trigger_sql(table, columns)
    found = db.execute(
        "select sql from sqlite_master where type = 'trigger' and name = ?",
        [f"{table}_au"],
    ).fetchone()
    if found is None or found[0] != wanted:
        db.execute(f'drop trigger if exists "{table}_au"')
        db.execute(wanted)


def _fts_and_views_present(db: sqlite_utils.Database) -> bool:
    views = set(db.view_names())
    triggers = dict(
        db.execute("select name, sql from sqlite_master where type = 'trigger'")
    )
    narrow = all(
        triggers.get(f"{t}_au") == _update_trigger_sql(t, c)
        for t, c in FTS_CONFIG.items()
    )
    return (
        all(db[t].detect_fts() for t in FTS_CONFIG) and views >= set(VIEWS) and narrow
    )
