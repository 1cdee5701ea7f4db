"""Read-side queries shared by the command line and the recommender."""

from __future__ import annotations

from collections.abc import Iterator

import sqlite_utils

from catalog.rows import row_to_record


def get_listing(db: sqlite_utils.Database, listing_id: str) -> dict | None:
    """Return one listing as an interchange record (with catalog fields), or None."""
    rows = list(db.query("select * from courses where id = ?", [listing_id]))
    return row_to_record(rows[0]) if rows else None


def get_course_offerings(db: sqlite_utils.Database, course_id: str) -> list[dict]:
    """Return every listing of one course (its offerings), by id."""
    sql = "select * from courses where course_id = ? order by starts_utc, id"
    return [row_to_record(row) for row in db.query(sql, [course_id])]


def iter_listings(
    db: sqlite_utils.Database, *, active_only: bool = True
) -> Iterator[dict]:
    """Yield listings as interchange records, ordered by id."""
    sql = "select * from courses"
    if active_only:
        sql += " where status = 'active'"
    for row in db.query(sql + " order by id"):
        yield row_to_record(row)
