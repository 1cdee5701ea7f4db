"""Real published wordings (tests/fixtures/normalize/real_wordings.jsonl).

Each line is one sentence cut from a real page (its address in ``source``) with
the reading written by hand from the page: credits, price, dates (and the
zone the wording states for its clock times) or format, ``null`` where a
careful reader could not tell. Two bars, per field:

- at least 9 in 10 read right (every expected field equal);
- nothing guessed: where the expectation is unknown, the parser must say
  unknown too (a wrong figure is a miss; an invented one fails outright).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from catalog.normalize import (
    clock_zone,
    parse_credits,
    parse_format,
    parse_price,
    parse_when,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "normalize" / "real_wordings.jsonl"
FIELDS = ("credit", "price", "date", "format")
SHARE = 0.9
EXPECTED_TYPES = {
    "credit": {"credits": dict, "total_hours": float | int, "credit_status": str},
    "price": {"price_usd": float | int, "member_price_usd": float | int},
    "date": {"starts_at": str, "ends_at": str, "zone": str},
    "format": {"format": str},
}


def _rows() -> list[dict]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _reading(row: dict) -> dict:
    """What the normalizers make of the row, in the fixture's terms."""
    text = row["text"]
    if row["field"] == "credit":
        parsed = parse_credits(text)
        return {
            "credits": {c["category"]: c["hours"] for c in parsed["credits"]},
            "total_hours": parsed["total_hours"],
            "credit_status": parsed["credit_status"],
        }
    if row["field"] == "price":
        parsed = parse_price(text)
        return {key: parsed.get(key) for key in ("price_usd", "member_price_usd")}
    if row["field"] == "date":
        parsed = parse_when(text, row["timezone"])
        reading = {key: parsed.get(key) for key in ("starts_at", "ends_at")}
        day = date.fromisoformat((parsed.get("starts_at") or "2026-01-15")[:10])
        reading["zone"] = clock_zone(text, row["timezone"], day)
        return reading
    return {"format": parse_format(text)}


def _unknown(value) -> bool:
    return value is None or value == "unknown" or value == {}


def _guesses(expect: dict, got: dict) -> list[str]:
    """Fields the reader left unknown that the parser filled in."""
    return [
        field
        for field, value in expect.items()
        if _unknown(value) and not _unknown(got.get(field))
    ]


def _right(expect: dict, got: dict) -> bool:
    for field, value in expect.items():
        found = got.get(field)
        if isinstance(value, dict) and isinstance(found, dict):
            if value.keys() != found.keys():
                return False
            if any(abs(value[k] - found[k]) > 0.005 for k in value):
                return False
        elif isinstance(value, float | int) and isinstance(found, float | int):
            if abs(value - found) > 0.005:
                return False
        elif value != found:
            return False
    return True


def test_every_row_names_its_source_and_an_expectation():
    rows = _rows()
    assert len(rows) >= 60
    for row in rows:
        assert row["field"] in FIELDS, row
        assert row["source"].startswith(("http://", "https://")), row
        assert row["text"].strip() and isinstance(row["expect"], dict), row
        if row["field"] == "date":
            assert row["timezone"], row
        for field, value in row["expect"].items():
            assert field in EXPECTED_TYPES[row["field"]], row
            assert value is None or isinstance(
                value, EXPECTED_TYPES[row["field"]][field]
            ), row
    texts = [(row["field"], row["text"]) for row in rows]
    assert len(texts) == len(set(texts)), "a wording is listed twice"


@pytest.mark.parametrize("field", FIELDS)
def test_nine_in_ten_real_wordings_are_read_right(field):
    rows = [row for row in _rows() if row["field"] == field]
    misses = [
        (row["text"], row["expect"], _reading(row))
        for row in rows
        if not _right(row["expect"], _reading(row))
    ]
    share = 1 - len(misses) / len(rows)
    print(f"{field}: {len(rows) - len(misses)}/{len(rows)} read right ({share:.0%})")
    assert share >= SHARE, f"{field}: {share:.0%} read right; misses: {misses}"


@pytest.mark.parametrize("field", FIELDS)
def test_nothing_unknown_is_guessed(field):
    guessed = []
    for row in _rows():
        if row["field"] != field:
            continue
        got = _reading(row)
        fields = _guesses(row["expect"], got)
        if fields:
            guessed.append((row["text"], fields, got))
    assert not guessed, f"guessed where a reader could not tell: {guessed}"
