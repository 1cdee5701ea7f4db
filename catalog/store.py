"""The one place that writes listings to the catalog.

Records arrive already checked by :func:`catalog.records.prepare`. This module
turns them into rows, keeps the history fields (``first_seen``, ``last_seen``,
``status``) and tells what was new and what changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlite_utils
from sqlite_utils.utils import chunks

from catalog.db import COURSE_COLUMNS
from catalog.records import utc_instant
from catalog.rows import JSON_COLUMNS
from catalog.schema import CATALOG_FIELDS, CREDIT_CATEGORIES, RECORD_FIELDS


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


def content_hash(record: dict) -> str:
    """A fingerprint of a record's published content (not its catalog fields)."""
    content = {k: record[k] for k in RECORD_FIELDS if k in record}
    for name in CATALOG_FIELDS:
        content.pop(name, None)
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def record_to_row(record: dict) -> dict:
    """Turn a prepared interchange record into a ``courses`` row."""
    row = {name: record.get(name) for name in COURSE_COLUMNS if name in RECORD_FIELDS}
    credits = record.get("credits") or []
    by_category = {c["category"]: c["hours"] for c in credits}
    for category in CREDIT_CATEGORIES:
        row[f"{category}_hours"] = by_category.get(category)
    row["credit_categories"] = [c["category"] for c in credits if c["hours"] > 0]
    row["credits"] = credits if "credits" in record else None
    row["starts_utc"] = utc_instant(record.get("starts_at"))
    row["ends_utc"] = utc_instant(record.get("ends_at"))
    if record.get("is_free") is not None:
        row["is_free"] = int(bool(record["is_free"]))
    for name in JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.dumps(row[name], ensure_ascii=False)
    row["content_hash"] = content_hash(record)
    return row


def ensure_providers(db: sqlite_utils.Database, slugs: Iterable[str]) -> None:
    """Add a providers row for each slug not yet known (named by its slug)."""
    known = {r["slug"] for r in db.query("select slug from providers")}
    missing = sorted(set(slugs) - known)
    if missing:
        db["providers"].insert_all(({"slug": s, "name": s} for s in missing), pk="slug")


def upsert_records(
    db: sqlite_utils.Database, records: Iterable[dict], *, seen_on: str
) -> StoreResult:
    """Insert or update listings by ``id``, keeping their history fields.

    Call inside ``db.atomic()``: the caller decides what one transaction is.

    :param records: prepared interchange records
    :param seen_on: the date (YYYY-MM-DD) these listings were seen
    :return: the ids that were new, changed or unchanged
    """
    records = list(records)
    result = StoreResult()
    if not records:
        return result
    ensure_providers(db, (r["provider"] for r in records))
    existing = _existing(db, [r["id"] for r in records])
    rows, credit_rows, area_rows, touched = [], [], [], []
    for record in records:
        row = record_to_row(record)
        before = existing.get(record["id"])
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
                continue
            (result.unchanged if same else result.changed).append(record["id"])
        row["first_seen"], row["last_seen"] = first, last
        rows.append(row)
        touched.append(record["id"])
        credit_rows.extend(
            {"course": record["id"], "category": c["category"], "hours": c["hours"]}
            for c in record.get("credits") or []
        )
        area_rows.extend(
            {"course": record["id"], "area": area}
            for area in dict.fromkeys(record.get("practice_areas") or [])
        )
    if rows:
        bump_version(db)
        _delete_course_details(db, touched)
        db["courses"].upsert_all(rows, pk="id", batch_size=500)
        if credit_rows:
            db["credits"].insert_all(credit_rows, pk=("course", "category"))
        if area_rows:
            db["course_practice_areas"].insert_all(area_rows, pk=("course", "area"))
    return result


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


def _delete_course_details(db: sqlite_utils.Database, ids: list[str]) -> None:
    """Delete the credits and practice-area rows of listings about to be rewritten."""
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for table in ("credits", "course_practice_areas"):
            db.execute(f"delete from {table} where course in ({marks})", chunk)


def _chunks(items: list, size: int):
    return (list(chunk) for chunk in chunks(items, size))
