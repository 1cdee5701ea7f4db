"""The one place that writes listings to the catalog.

Records arrive already checked by :func:`catalog.records.prepare`. This module
turns them into rows (:mod:`catalog.store_rows`), keeps the history fields
(``first_seen``, ``last_seen``, ``status``) and tells what was new and what
changed; a large load takes the bulk path of :mod:`catalog.store_bulk`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

from catalog.schema import CREDIT_CATEGORIES
from catalog.store_bulk import BulkWrite, indexes_rebuilt_after
from catalog.store_rows import HOURS_COLUMNS, record_to_row
from catalog.store_rows import content_hash as content_hash  # catalog.load's

if TYPE_CHECKING:  # imported by the process that only checks records, too
    import sqlite_utils


@dataclass
class StoreResult:
    """What one write did: ids that were new, changed or the same as before."""

    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """How many listings were written or confirmed."""
        return len(self.new) + len(self.changed) + len(self.unchanged)


def ensure_providers(db: sqlite_utils.Database, slugs: Iterable[str]) -> None:
    """Add a providers row for each slug not yet known (named by its slug)."""
    known = {r["slug"] for r in db.query("select slug from providers")}
    missing = sorted(set(slugs) - known)
    if missing:
        db["providers"].insert_all(({"slug": s, "name": s} for s in missing), pk="slug")


#: A write of at least this many new listings, and more than the table holds,
#: takes the bulk path: secondary indexes and full-text triggers are dropped,
#: the rows inserted, then indexes and the full-text index built once. Measured
#: on 10,000 generated listings (BENCHMARKS.md): per-row index upkeep was most
#: of the store's time on a first load.
BULK_MIN_NEW = 2000


def upsert_records(
    db: sqlite_utils.Database,
    records: Iterable[dict],
    *,
    seen_on: str,
    bulk: BulkWrite | None = None,
    hashes: list[str] | None = None,
) -> StoreResult:
    """Insert or update listings by ``id``, keeping their history fields.

    Call inside ``db.atomic()``: the caller decides what one transaction is
    (the bulk path's dropped indexes are rebuilt inside it, so a crash at any
    point leaves the catalog as it was).

    :param records: prepared interchange records
    :param seen_on: the date (YYYY-MM-DD) these listings were seen
    :param bulk: one of several writes of a load in
        :func:`catalog.store_bulk.bulk_write` (the bulk path is then chosen
        once for the whole load)
    :param hashes: the records' content hashes (:func:`content_hash`), in
        their order, when the caller has them (else computed here)
    :return: the ids that were new, changed or unchanged
    """
    records = list(records)
    result = StoreResult()
    if not records:
        return result
    ensure_providers(db, (r["provider"] for r in records))
    held = db.execute("select exists (select 1 from courses)").fetchone()[0]
    existing = _existing(db, [r["id"] for r in records]) if held else {}
    digests = hashes if hashes is not None else [None] * len(records)
    rows, areas, dates_only = _rows_of(records, digests, existing, seen_on, result)
    if not rows and not dates_only:
        return result
    _touch_history(db, dates_only)
    if not rows:
        return result
    bump_version(db)
    new = set(result.new)
    alone = False
    if bulk is not None:
        if new and not bulk.decided:
            bulk.decide(len(new), len(records), _count(db) if held else 0, BULK_MIN_NEW)
    elif len(new) >= BULK_MIN_NEW:
        alone = len(new) >= (_count(db) if held else 0)
    with indexes_rebuilt_after(db) if alone else nullcontext():
        _insert_rows(db, [row for row in rows if row["id"] in new])
        _update_rows(db, [row for row in rows if row["id"] not in new])
    _refill_course_details(db, rows, areas=areas, stale=result.changed)
    return result


def _count(db: sqlite_utils.Database) -> int:
    return db.execute("select count(*) from courses").fetchone()[0]


#: The keys of a row whose listing was seen again unchanged.
_HISTORY_ONLY = ("id", "first_seen", "last_seen")


def _rows_of(
    records: list[dict],
    digests: list[str | None],
    existing: dict[str, dict],
    seen_on: str,
    result: StoreResult,
) -> tuple[list[dict], list[list | None], list[dict]]:
    """The rows to write, each one's ``practice_areas`` as its record lists them,
    and the rows of listings seen again unchanged (:data:`_HISTORY_ONLY`)."""
    rows, areas, dates_only = [], [], []
    for record, digest in zip(records, digests, strict=True):
        before = existing.get(record["id"])
        row = _history_row(record, digest, before, seen_on, result)
        if row is None:
            continue
        if len(row) == len(_HISTORY_ONLY):
            dates_only.append(row)
        else:
            rows.append(row)
            areas.append(record.get("practice_areas"))
    return rows, areas, dates_only


def _touch_history(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """Move the seen dates of unchanged listings (no text, no index but theirs)."""
    db.conn.executemany(
        "update courses set first_seen = ?, last_seen = ? where id = ?",
        [(row["first_seen"], row["last_seen"], row["id"]) for row in rows],
    )


def _history_row(
    record: dict,
    digest: str | None,
    before: dict | None,
    seen_on: str,
    result: StoreResult,
) -> dict | None:
    """The row to write for one record, or None when nothing about it changed."""
    row = record_to_row(record, digest)
    first = record.get("first_seen") or seen_on
    last = record.get("last_seen") or seen_on
    row["status"] = record.get("status") or "active"
    if before is None:
        result.new.append(record["id"])
    else:
        first = min(first, before["first_seen"] or first)
        last = max(last, before["last_seen"] or last)
        same = (
            before["content_hash"] == row["content_hash"]
            and before["status"] == row["status"]
        )
        if same and before["last_seen"] == last and before["first_seen"] == first:
            result.unchanged.append(record["id"])
            return None
        if same:  # seen again, content as stored: only the dates move
            result.unchanged.append(record["id"])
            return {"id": record["id"], "first_seen": first, "last_seen": last}
        result.changed.append(record["id"])
    row["first_seen"], row["last_seen"] = first, last
    return row


def _insert_rows(db: sqlite_utils.Database, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        db.conn.executemany(
            f"insert into courses ({', '.join(columns)}) "
            f"values ({', '.join('?' * len(columns))})",
            list(map(itemgetter(*columns), rows)),
        )


def _update_rows(db: sqlite_utils.Database, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        assignments = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
        db.conn.executemany(
            f"insert into courses ({', '.join(columns)}) "
            f"values ({', '.join('?' * len(columns))}) "
            f"on conflict (id) do update set {assignments}",
            list(map(itemgetter(*columns), rows)),
        )


def _refill_course_details(
    db: sqlite_utils.Database, rows: list[dict], *, areas: list, stale: list[str]
) -> None:
    """Rewrite the credits and practice-area rows of listings, from their rows.

    One ``executemany`` per side table, from the values just written: the
    ``<category>_hours`` that are set, category by category, and the string
    items of ``practice_areas`` (the rows a set operation over ``courses``
    wrote, in its order, without reading the wide rows back).

    :param rows: the ``courses`` rows just written
    :param areas: each row's ``practice_areas`` list (the record's, which its
        JSON text gives back: not parsed again)
    :param stale: the ids among them that may have side rows already (the
        changed ones; a new listing has none)
    """
    if stale:
        db.execute("create temp table if not exists touched_ids (id text primary key)")
        db.execute("delete from temp.touched_ids")
        db.conn.executemany(
            "insert or ignore into temp.touched_ids (id) values (?)",
            [(i,) for i in stale],
        )
        for side in ("credits", "course_practice_areas"):
            db.execute(
                f"delete from {side} where course in (select id from temp.touched_ids)"
            )
        db.execute("delete from temp.touched_ids")
    db.conn.executemany(
        "insert into credits (course, category, hours) values (?, ?, ?)",
        [
            (row["id"], category, row[column])
            for category, column in zip(CREDIT_CATEGORIES, HOURS_COLUMNS, strict=True)
            for row in rows
            if row[column] is not None
        ],
    )
    db.conn.executemany(
        "insert or ignore into course_practice_areas (course, area) values (?, ?)",
        [
            (row["id"], area)
            for row, listed in zip(rows, areas, strict=False)
            if listed is not None
            for area in listed
            if isinstance(area, str)
        ],
    )


def set_status(db: sqlite_utils.Database, ids: Iterable[str], status: str) -> None:
    """Mark listings withdrawn, cancelled or active again (never deletes)."""
    bump_version(db)
    for chunk in _chunks(list(ids), 500):
        marks = ",".join("?" * len(chunk))
        db.execute(
            f"update courses set status = ? where id in ({marks})", [status, *chunk]
        )


def log_changes(db: sqlite_utils.Database, changes: list[dict]) -> None:
    """Append rows to the ``changes`` log (what a night did to each listing).

    Call inside ``db.atomic()``, in the same transaction as the listings' write.
    """
    if changes:
        db["changes"].insert_all(changes, batch_size=500)


def record_run(db: sqlite_utils.Database, row: dict) -> None:
    """Write (or rewrite) one provider's ``crawl_runs`` row for a night."""
    db["crawl_runs"].upsert(row, pk=("run_date", "provider"))


def bump_version(db: sqlite_utils.Database) -> None:
    """Record that the listings changed, so derived caches rebuild."""
    db.execute(
        "update catalog_meta set value = cast(value as integer) + 1 "
        "where key = 'version'"
    )


def _existing(db: sqlite_utils.Database, ids: list[str]) -> dict[str, dict]:
    found = {}
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        sql = (
            "select id, content_hash, status, first_seen, last_seen from courses "
            f"where id in ({marks})"
        )
        found.update({row["id"]: row for row in db.query(sql, chunk)})
    return found


def _chunks(items: list, size: int):
    return (items[start : start + size] for start in range(0, len(items), size))
