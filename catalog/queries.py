"""The catalog's read side: every query other packages make of its tables.

Written against the standard ``sqlite3`` module only. ``catalog.db`` imports
sqlite-utils, which imports numpy (about half a second), and ``cle recommend``
runs in a fresh process each time, so the recommender and credit tracking read
through these functions and never name a table or a column themselves. Writes
are :mod:`catalog.store`'s alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from catalog.rows import row_to_record
from catalog.schema import CREDIT_CATEGORIES

#: Columns ranking needs, read for every eligible listing (kept narrow: at 100k
#: listings the description and tags would dominate the read).
_RANK_FIELDS = (
    "id", "course_id", "provider", "title", "url", "format", "starts_at",
    "ends_at", "timezone", "location", "total_hours", "price_usd",
    "member_price_usd", "is_free", "status", "credit_status", "approvals",
)  # fmt: skip
#: Credits come from the per-category hour columns the store writes.
_HOURS_COLUMNS = tuple(f"{category}_hours" for category in CREDIT_CATEGORIES)
_RANK_COLUMNS = (*_RANK_FIELDS, *_HOURS_COLUMNS)
#: ``courses`` columns holding JSON text among the rank fields.
_RANK_JSON = ("approvals",)
#: Ids per ``in (...)`` list: under SQLite's default variable limit.
_CHUNK = 500


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open the catalog file read-only (never creates or migrates it)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the catalog for the length of a ``with`` block."""
    connection = connect_readonly(path)
    try:
        yield connection
    finally:
        connection.close()


def catalog_fingerprint(connection: sqlite3.Connection) -> dict:
    """What a cache built on the listings must match: version and listing counts."""
    version = connection.execute(
        "select value from catalog_meta where key = 'version'"
    ).fetchone()
    total, active = connection.execute(
        "select count(*), total(status = 'active') from courses"
    ).fetchone()
    return {
        "catalog_version": int(version[0]) if version else 0,
        "listings": int(total),
        "active": int(active),
    }


def active_content_hashes(connection: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """``(id, content_hash)`` of every active listing, ordered by id.

    What a cache built from the listings as they were stored checks itself
    against: the same ids, each with the content it saw.
    """
    sql = "select id, content_hash from courses where status = 'active' order by id"
    return iter(connection.execute(sql))


def read_rankable(connection: sqlite3.Connection, since_utc: str) -> list[dict]:
    """Active listings that may still be eligible, with only what ranking reads.

    :param since_utc: ISO instant; sessions that started before it are skipped
        (pass a day before the as-of date: ranking applies the exact rule)
    :return: records without description, tags or presenters (see
        :func:`read_listings`), ordered by id
    """
    sql = (
        f"select {', '.join(_RANK_COLUMNS)} from courses where status = 'active' "
        "and (starts_utc is null or starts_utc >= ?) order by id"
    )
    return [_rankable(row) for row in connection.execute(sql, [since_utc])]


def read_rankable_ids(
    connection: sqlite3.Connection, ids: list[str], since_utc: str
) -> dict[str, dict]:
    """The :func:`read_rankable` records of some listings, by id.

    The same filter applies, so a listing left out there is left out here.
    """
    found = {}
    for chunk in _chunks(ids):
        sql = (
            f"select {', '.join(_RANK_COLUMNS)} from courses where id in "
            f"({','.join('?' * len(chunk))}) and +status = 'active' "
            "and (starts_utc is null or +starts_utc >= ?)"
        )
        # The unary "+" keeps SQLite on the primary key: with a long id list
        # its planner would rather scan the status or start-time index.
        for row in connection.execute(sql, [*chunk, since_utc]):
            found[row[0]] = _rankable(row)
    return found


def _rankable(row) -> dict:
    """One row of :data:`_RANK_COLUMNS` as the record ranking reads."""
    fields = len(_RANK_FIELDS)
    record = {
        name: value
        for name, value in zip(_RANK_FIELDS, tuple(row)[:fields], strict=True)
        if value is not None
    }
    if "is_free" in record:
        record["is_free"] = bool(record["is_free"])
    for name in _RANK_JSON:
        if name in record:
            record[name] = json.loads(record[name])
    record["credits"] = [
        {"category": category, "hours": hours}
        for category, hours in zip(CREDIT_CATEGORIES, tuple(row)[fields:], strict=True)
        if hours is not None
    ]
    return record


def read_listings(connection: sqlite3.Connection, ids: list[str]) -> dict[str, dict]:
    """Full records of some listings (catalog fields included), by id."""
    found = {}
    for chunk in _chunks(ids):
        sql = f"select * from courses where id in ({','.join('?' * len(chunk))})"
        found.update({r["id"]: r for r in records_of(connection.execute(sql, chunk))})
    return found


def read_active_listings(connection: sqlite3.Connection) -> list[dict]:
    """Every active listing as an interchange record, ordered by id."""
    return list(iter_active_listings(connection))


def iter_active_listings(connection: sqlite3.Connection) -> Iterator[dict]:
    """The active listings one at a time, ordered by id (memory stays flat)."""
    sql = "select * from courses where status = 'active' order by id"
    return records_of(connection.execute(sql))


def get_listing(connection: sqlite3.Connection, listing_id: str) -> dict | None:
    """One listing as an interchange record (with catalog fields), or None."""
    return read_listings(connection, [listing_id]).get(listing_id)


def get_course_offerings(connection: sqlite3.Connection, course_id: str) -> list[dict]:
    """Every listing of one course (its offerings), soonest first."""
    sql = "select * from courses where course_id = ? order by starts_utc, id"
    return list(records_of(connection.execute(sql, [course_id])))


def last_healthy_sizes(connection: sqlite3.Connection) -> dict[str, int]:
    """Valid listings of each provider's latest healthy night (for crawl planning)."""
    sql = (
        "select provider, valid from crawl_runs as run where health = 'healthy' "
        "and run_date = (select max(run_date) from crawl_runs where "
        "provider = run.provider and health = 'healthy')"
    )
    try:
        return {
            provider: int(valid or 0) for provider, valid in connection.execute(sql)
        }
    except sqlite3.OperationalError:  # a catalog made before crawl_runs existed
        return {}


def records_of(cursor: sqlite3.Cursor) -> Iterator[dict]:
    """Interchange records of the ``courses`` rows a query's cursor yields."""
    names = [column[0] for column in cursor.description]
    for row in cursor:
        yield row_to_record(dict(zip(names, row, strict=True)))


def _chunks(ids: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
