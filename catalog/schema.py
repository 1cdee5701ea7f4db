"""The interchange record: vocabularies and its JSON Schema (DESIGN.md section 1).

This module is the one written contract between spiders, ``cle import``,
``cle export`` and the catalog tables (the ``courses`` columns are here too,
for code that checks records without opening a database). The JSON Schema
enums are built from the vocabulary tuples below, so code and schema cannot
drift apart.
"""

from __future__ import annotations

FORMATS = ("live_webinar", "on_demand", "in_person", "hybrid", "self_study")
#: Formats that have no start time: the course can be taken any time.
UNSCHEDULED_FORMATS = ("on_demand", "self_study")
CREDIT_CATEGORIES = ("ethics", "general", "specialized")
CREDIT_STATUSES = ("approved", "pending", "none", "unknown")
LISTING_STATUSES = ("active", "withdrawn", "cancelled")

#: Interchange fields that hold lists of strings.
LIST_FIELDS = ("approvals", "practice_areas", "presenters")
#: Fields ``cle export`` adds to the record.
CATALOG_FIELDS = ("first_seen", "last_seen", "status")

_ISO_INSTANT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"
_HTTP_URL = r"^https?://[^\s/.?#][^\s]*$"
_ID = r"^[a-z0-9][a-z0-9_-]*:\S+$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"

_string_list = {"type": "array", "items": {"type": "string", "minLength": 1}}

RECORD_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "cle interchange record",
    "description": "One CLE listing: a course offering as published by a provider.",
    "type": "object",
    "required": ["id", "provider", "title", "url"],
    "additionalProperties": False,
    "properties": {
        "id": {
            "type": "string",
            "pattern": _ID,
            "description": "Stable id: <provider>:<provider key or slug>.",
        },
        "provider": {
            "type": "string",
            "pattern": r"^[a-z0-9][a-z0-9_-]*$",
            "description": "Provider slug, e.g. nala, nfpa, clio.",
        },
        "title": {"type": "string", "minLength": 1},
        "url": {"type": "string", "pattern": _HTTP_URL, "format": "uri"},
        "course_id": {
            "type": "string",
            "pattern": _ID,
            "description": "Groups several offerings of one course; default = id.",
        },
        "description": {"type": "string"},
        "format": {"enum": list(FORMATS)},
        "starts_at": {"type": "string", "pattern": _ISO_INSTANT},
        "ends_at": {"type": "string", "pattern": _ISO_INSTANT},
        "timezone": {"type": "string", "minLength": 1},
        "duration_minutes": {"type": "integer", "minimum": 0},
        "location": {"type": "string"},
        "credits": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["category", "hours"],
                "additionalProperties": False,
                "properties": {
                    "category": {"enum": list(CREDIT_CATEGORIES)},
                    "hours": {"type": "number", "minimum": 0},
                },
            },
        },
        "total_hours": {"type": "number", "minimum": 0},
        "credit_status": {"enum": list(CREDIT_STATUSES)},
        "approvals": _string_list,
        "price_usd": {"type": "number", "minimum": 0},
        "member_price_usd": {"type": "number", "minimum": 0},
        "is_free": {"type": "boolean"},
        "practice_areas": _string_list,
        "presenters": _string_list,
        "credit_text": {"type": "string"},
        "price_text": {"type": "string"},
        "when_text": {"type": "string"},
        "first_seen": {"type": "string", "pattern": _DATE},
        "last_seen": {"type": "string", "pattern": _DATE},
        "status": {"enum": list(LISTING_STATUSES)},
    },
}

#: Every field of the interchange record, in the documented order.
RECORD_FIELDS: tuple[str, ...] = tuple(RECORD_SCHEMA["properties"])


#: Columns of the ``courses`` table (one row per listing = interchange record).
COURSE_COLUMNS = {
    "id": str,
    "course_id": str,
    "provider": str,
    "title": str,
    "description": str,
    "url": str,
    "format": str,
    "starts_at": str,
    "ends_at": str,
    "starts_utc": str,
    "ends_utc": str,
    "timezone": str,
    "duration_minutes": int,
    "location": str,
    "credits": str,
    "credit_categories": str,
    "total_hours": float,
    "ethics_hours": float,
    "general_hours": float,
    "specialized_hours": float,
    "credit_status": str,
    "approvals": str,
    "price_usd": float,
    "member_price_usd": float,
    "is_free": int,
    "practice_areas": str,
    "presenters": str,
    "credit_text": str,
    "price_text": str,
    "when_text": str,
    "first_seen": str,
    "last_seen": str,
    "status": str,
    "content_hash": str,
}
