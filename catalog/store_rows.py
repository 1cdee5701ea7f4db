"""A ``courses`` row and the content hash of a prepared record.

The content hash is stored and compared on the next load: its text (the
content fields as JSON with sorted keys, :mod:`catalog.jsontext`) must never
change, nor a row's keys, their order or values. Made cheaper per record
(100k prepared generated listings: 5.1-5.5 s of CPU down to 3.1-4.4 s on a
shared machine, about half of it now the hash's JSON): the record's keys
tell once per shape what to copy and what to hash, the row starts as a copy
of the record over a template, and a record that holds only content is
hashed as it is, not copied.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from catalog.jsontext import json_encoder
from catalog.records import utc_instant
from catalog.rows import JSON_COLUMNS
from catalog.schema import (
    CATALOG_FIELDS,
    COURSE_COLUMNS,
    CREDIT_CATEGORIES,
    RECORD_FIELDS,
)

_TO_JSON = json_encoder()
_TO_HASHED_JSON = json_encoder(sort_keys=True, default=str)
#: Published fields that the hash covers (catalog fields are history, not content).
_CONTENT_FIELDS = frozenset(f for f in RECORD_FIELDS if f not in CATALOG_FIELDS)
#: ``courses`` columns copied from the record as they are.
_COPIED_COLUMNS = tuple(c for c in COURSE_COLUMNS if c in RECORD_FIELDS)
#: A row's copied columns before the record's values are put in, in their order.
_COPIED_TEMPLATE = dict.fromkeys(_COPIED_COLUMNS)
#: ``courses`` columns of the credit hours, by category.
HOURS_COLUMNS = tuple(f"{category}_hours" for category in CREDIT_CATEGORIES)
_NO_HOURS = dict.fromkeys(HOURS_COLUMNS)
#: A listing's start and end in UTC, remembered: ``utc_instant`` was a sixth
#: of a row's cost, and 100k generated listings have about 37,000 distinct
#: instants (16,384 kept: 4 of 5 found).
_utc = lru_cache(maxsize=16384)(utc_instant)


@lru_cache(maxsize=256)
def _shape(keys: tuple[str, ...]) -> tuple[bool, tuple[str, ...] | None]:
    """What a record with these keys needs (records of one file have a few shapes).

    :return: whether its row can start as its copy over :data:`_COPIED_TEMPLATE`
        (it has no key the row lacks), and the content fields it holds, or None
        when it holds nothing else (then it is hashed as it is, uncopied)
    """
    copied = _COPIED_TEMPLATE.keys() >= set(keys)
    content = tuple(k for k in keys if k in _CONTENT_FIELDS)
    return copied, None if len(content) == len(keys) else content


def content_hash(record: dict) -> str:
    """A fingerprint of a record's published content (not its catalog fields).

    The sha1 of the content's JSON with sorted keys: it is stored and compared
    on the next load, so its text must never change.
    """
    return _hash_of(record, _shape(tuple(record))[1])


def _hash_of(record: dict, content: tuple[str, ...] | None) -> str:
    if content is not None:
        record = {name: record[name] for name in content}
    return hashlib.sha1(_TO_HASHED_JSON(record).encode("utf-8")).hexdigest()


def record_to_row(record: dict, digest: str | None = None) -> dict:
    """Turn a prepared interchange record into a ``courses`` row.

    :param digest: the record's :func:`content_hash`, when already computed
    """
    copied, content = _shape(tuple(record))
    if copied:
        row = _COPIED_TEMPLATE.copy()
        row.update(record)
    else:
        row = dict(zip(_COPIED_COLUMNS, map(record.get, _COPIED_COLUMNS), strict=True))
    credits = row["credits"] or []
    if credits:
        by_category = {c["category"]: c["hours"] for c in credits}
        row.update(
            zip(HOURS_COLUMNS, map(by_category.get, CREDIT_CATEGORIES), strict=True)
        )
    else:
        row.update(_NO_HOURS)
    row["credit_categories"] = [c["category"] for c in credits if c["hours"] > 0]
    row["credits"] = credits if "credits" in record else None
    row["starts_utc"] = _utc(row["starts_at"]) if row["starts_at"] else None
    row["ends_utc"] = _utc(row["ends_at"]) if row["ends_at"] else None
    if row["is_free"] is not None:
        row["is_free"] = int(bool(row["is_free"]))
    for name in JSON_COLUMNS:
        if row[name] is not None:
            row[name] = _TO_JSON(row[name])
    row["content_hash"] = digest or _hash_of(record, content)
    return row
