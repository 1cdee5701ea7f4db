"""Rows and content hashes are what the store made before it was made cheaper.

The oracle below is ``record_to_row`` and ``content_hash`` as they were (commit
85b48ef), through the standard library's JSON encoder: the hash is stored and
compared on the next load, so any difference would mark every listing changed.
"""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_records
from catalog.db import COURSE_COLUMNS
from catalog.records import RecordError, prepare, utc_instant
from catalog.rows import JSON_COLUMNS
from catalog.schema import CATALOG_FIELDS, CREDIT_CATEGORIES, RECORD_FIELDS
from catalog.store import content_hash, record_to_row
from tests.catalog.listings import make_listings

_CONTENT_FIELDS = frozenset(f for f in RECORD_FIELDS if f not in CATALOG_FIELDS)
_COPIED_COLUMNS = tuple(c for c in COURSE_COLUMNS if c in RECORD_FIELDS)
_HOURS_COLUMNS = tuple(f"{category}_hours" for category in CREDIT_CATEGORIES)


def reference_hash(record: dict) -> str:
    """``content_hash`` as it was."""
    content = dict(record)
    for name in content.keys() - _CONTENT_FIELDS:
        del content[name]
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def reference_row(record: dict) -> dict:
    """``record_to_row`` as it was."""
    row = dict(zip(_COPIED_COLUMNS, map(record.get, _COPIED_COLUMNS), strict=True))
    credits = record.get("credits") or []
    by_category = {c["category"]: c["hours"] for c in credits}
    for category, column in zip(CREDIT_CATEGORIES, _HOURS_COLUMNS, strict=True):
        row[column] = by_category.get(category)
    row["credit_categories"] = [c["category"] for c in credits if c["hours"] > 0]
    row["credits"] = credits if "credits" in record else None
    row["starts_utc"] = utc_instant(record.get("starts_at"))
    row["ends_utc"] = utc_instant(record.get("ends_at"))
    if record.get("is_free") is not None:
        row["is_free"] = int(bool(record["is_free"]))
    for name in JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.dumps(row[name], ensure_ascii=False)
    row["content_hash"] = reference_hash(record)
    return row


def assert_same_row(record: dict) -> None:
    before = copy.deepcopy(record)
    row, expected = record_to_row(record), reference_row(record)
    assert list(row.items()) == list(expected.items())  # same keys in the same order
    assert content_hash(record) == expected["content_hash"]
    assert record == before and list(record) == list(before)  # left as it was


def prepared_generated(n: int) -> list[dict]:
    records = []
    for raw in generate_records(n, seed=2026):
        try:
            records.append(prepare(raw))
        except RecordError:
            continue
    return records


def test_generated_records_give_the_rows_and_hashes_they_gave():
    records = prepared_generated(3000)
    assert len(records) > 2900
    for record in records:
        assert_same_row(record)


BASE = prepare(make_listings(1)[0])


def _without(*names: str) -> dict:
    return {k: v for k, v in BASE.items() if k not in names}


UNUSUAL = {
    "no credits": _without("credits"),
    "empty credits": {**BASE, "credits": []},
    "null credits": {**BASE, "credits": None},
    "zero hours": {**BASE, "credits": [{"category": "ethics", "hours": 0}]},
    "hours first": {
        **BASE,
        "credits": [
            {"hours": 1.5, "category": "general"},
            {"category": "ethics", "hours": 0.1 + 0.2},
        ],
    },
    "a category twice": {
        **BASE,
        "credits": [
            {"category": "general", "hours": 1.0},
            {"category": "general", "hours": 2.0},
        ],
    },
    "unicode": {
        **BASE,
        "title": "Ethik — «ünïcödé» 日本語 \u202eRTL\u202c 🎓",
        "description": 'quotes " and \\ backslash\tand\ncontrols \x7f \u2028',
        "practice_areas": ["famille", "日本", "🎓"],
    },
    "floats": {
        **BASE,
        "price_usd": 0.1 + 0.2,
        "member_price_usd": 1e-7,
        "total_hours": 1e22,
    },
    "not a number": {**BASE, "price_usd": float("nan"), "total_hours": float("inf")},
    "none fields": {
        **BASE,
        "description": None,
        "is_free": None,
        "starts_at": None,
        "ends_at": None,
        "practice_areas": None,
        "approvals": None,
    },
    "free": {**BASE, "is_free": True, "price_usd": 0.0},
    "not free": {**BASE, "is_free": False},
    "catalog fields": {
        "first_seen": "2026-01-02",
        **BASE,
        "last_seen": "2026-11-30",
        "status": "withdrawn",
    },
    "reversed keys": dict(reversed(list(BASE.items()))),
    "unknown key": {**BASE, "colour": "blue"},
    "only the required": {k: BASE[k] for k in ("id", "provider", "title", "url")},
    "only catalog fields": {"first_seen": "2026-01-02", "status": "active"},
    "empty": {},
    "non-JSON value": {**BASE, "location": date(2026, 1, 2)},  # hashed as its str
    "empty start": {**BASE, "starts_at": ""},
}


@pytest.mark.parametrize("record", UNUSUAL.values(), ids=UNUSUAL.keys())
def test_unusual_records_give_the_rows_and_hashes_they_gave(record):
    assert_same_row(record)


def test_the_hash_ignores_catalog_fields_and_key_order():
    seen = {**BASE, "first_seen": "2026-01-02", "status": "cancelled"}
    assert content_hash(seen) == content_hash(BASE)
    assert content_hash(dict(reversed(list(BASE.items())))) == content_hash(BASE)
    assert content_hash({**BASE, "title": "Other"}) != content_hash(BASE)


_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(),
    st.lists(st.text(), max_size=3),
)
_CREDIT = st.fixed_dictionaries(
    {"category": st.sampled_from(CREDIT_CATEGORIES), "hours": st.floats(0, 40)}
)
#: Any field but the instants and ``credits``, which are drawn apart.
_FIELDS = st.sampled_from(
    [f for f in (*RECORD_FIELDS, "x") if f not in ("starts_at", "ends_at", "credits")]
)
_INSTANTS = st.dictionaries(
    st.sampled_from(["starts_at", "ends_at"]),
    st.sampled_from(
        [
            "2027-01-09T14:00:00-07:00",
            "2026-03-04T12:00Z",
            "2026-12-31T23:30:00.5+05:30",
        ]
    ),
)


@settings(max_examples=300)
@given(
    fields=st.dictionaries(_FIELDS, _VALUES, max_size=12),
    instants=_INSTANTS,
    credits=st.none() | st.lists(_CREDIT, max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_any_record_gives_the_row_and_hash_it_gave(fields, instants, credits, order):
    record = {**fields, **instants, **({} if credits is None else {"credits": credits})}
    items = list(record.items())
    order.shuffle(items)
    assert_same_row(dict(items))
