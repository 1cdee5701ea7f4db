"""Read a ``courses`` row back as an interchange record.

Kept apart from :mod:`catalog.store` and free of sqlite-utils (which pulls in
numpy), so the recommender's fast path can read rows with plain ``sqlite3``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from catalog.schema import LIST_FIELDS, RECORD_FIELDS

#: ``courses`` columns that hold JSON text.
JSON_COLUMNS = (*LIST_FIELDS, "credits", "credit_categories")


def row_to_record(row: Mapping) -> dict:
    """Turn a ``courses`` row into an interchange record (with catalog fields)."""
    record = {}
    for name in RECORD_FIELDS:
        value = row.get(name)
        if value is None:
            continue
        if name in JSON_COLUMNS:
            value = json.loads(value)
        elif name == "is_free":
            value = bool(value)
        record[name] = value
    return record
