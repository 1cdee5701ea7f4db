"""Read active listings and the catalog version with the standard sqlite3 module.

``cle recommend`` runs in a fresh process each time. ``catalog.db`` imports
sqlite-utils, which imports pandas (half a second on our machines), so the fast
path reads the ``courses`` table directly. The SQL mirrors
``catalog.queries.iter_listings`` and ``catalog.store.catalog_version``; the
slow path (``index_store.rebuild``) uses those functions themselves.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from catalog.rows import row_to_record

#: Columns holding JSON text in the ``courses`` table.
_COLUMNS = (
    "id", "course_id", "provider", "title", "url", "description", "format",
    "starts_at", "ends_at", "timezone", "duration_minutes", "location", "credits",
    "total_hours", "credit_status", "approvals", "price_usd", "member_price_usd",
    "is_free", "practice_areas", "presenters", "status",
)  # fmt: skip


def connect_readonly(path: Path) -> sqlite3.Connection:
    """Open the catalog file read-only (never creates or migrates it)."""
    uri = Path(path).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


def catalog_fingerprint(connection: sqlite3.Connection) -> dict:
    """What the persisted index must match: catalog version and listing counts."""
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


#: Columns ranking needs; credits come from the per-category hour columns.
_RANK_COLUMNS = (
    "id", "course_id", "provider", "title", "url", "format", "starts_at",
    "ends_at", "timezone", "location", "total_hours", "price_usd",
    "member_price_usd", "is_free", "status", "ethics_hours", "general_hours",
    "specialized_hours",
)  # fmt: skip
_CATEGORIES = ("ethics", "general", "specialized")


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
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
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


def _rankable(row: tuple) -> dict:
    """One row of :data:`_RANK_COLUMNS` as the record ranking reads."""
    record = {
        n: v for n, v in zip(_RANK_COLUMNS[:15], row, strict=False) if v is not None
    }
    if "is_free" in record:
        record["is_free"] = bool(record["is_free"])
    record["credits"] = [
        {"category": category, "hours": hours}
        for category, hours in zip(_CATEGORIES, row[15:], strict=True)
        if hours is not None
    ]
    return record


def read_listings(connection: sqlite3.Connection, ids: list[str]) -> dict[str, dict]:
    """Full records of some listings, by id (for reasons and JSON output)."""
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        sql = f"select {', '.join(_COLUMNS)} from courses where id in ({marks})"
        found.update({r["id"]: r for r in _records(connection.execute(sql, chunk))})
    return found


def read_active_listings(connection: sqlite3.Connection) -> list[dict]:
    """Every active listing as an interchange record, ordered by id."""
    sql = (
        f"select {', '.join(_COLUMNS)} from courses where status = 'active' order by id"
    )
    return list(_records(connection.execute(sql)))


def _records(rows):
    for row in rows:
        yield row_to_record(dict(zip(_COLUMNS, row, strict=True)))
