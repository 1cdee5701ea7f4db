"""Properties of the normalizers over arbitrary text (hypothesis)."""

from __future__ import annotations

import math
from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.normalize import (
    normalize_record,
    parse_credits,
    parse_format,
    parse_price,
    parse_when,
)
from catalog.normalize.words import MAX_CHARS
from catalog.schema import CREDIT_CATEGORIES, CREDIT_STATUSES, FORMATS

#: Pieces of real wording, so generated strings reach the parsers' deep paths.
_PIECES = st.sampled_from(
    [
        "1.5", "0.5", "one", "Two (2)", "½", "3/4", "hours", "hour", "hrs", "CLE",
        "MCLE", "credit", "minutes", "90-minute", "ethics", "Legal Ethics",
        "general", "Substantive", "Non-Substantive", "specialized", "including",
        "of which", "no CLE credit", "pending", "approved", "NALA", "NFPA", "AAPI",
        "California MCLE", ":", ";", "/", "|", "+", ",", "(", ")", "-", "–",
        "$", "$1,250.00", "$25", "Free", "members", "non-members", "USD",
        "December 10, 2026", "6/20/2017", "2026-12-10", "@", "at", "·", "Noon",
        "1:00", "p.m.", "am", "pm", "ET", "EST", "CDT", "Pacific", "GMT",
        "Sat, 21 Jun 2025 13:00:00 GMT", "On demand", "Recorded", "99999999999",
        "-3", "1e9", "0", "00", "\u00a0", "\n",
    ]
)  # fmt: skip
_WORDING = st.one_of(
    st.text(),
    st.lists(_PIECES | st.text(max_size=3), max_size=12).map(" ".join),
)
_ZONES = st.sampled_from(["America/New_York", "America/Chicago", "UTC", "", "Bad/Zone"])


@settings(max_examples=400)
@given(_WORDING, st.integers(min_value=-5, max_value=120))
def test_parse_credits_never_raises_and_adds_up(text, unit):
    result = parse_credits(text, unit_minutes=unit)
    assert result["credit_status"] in CREDIT_STATUSES
    assert all(c["category"] in CREDIT_CATEGORIES for c in result["credits"])
    assert all(c["hours"] >= 0 for c in result["credits"])
    categories = [c["category"] for c in result["credits"]]
    assert len(categories) == len(set(categories))
    total = result["total_hours"]
    if total is not None:
        assert total >= 0
        assert math.isclose(sum(c["hours"] for c in result["credits"]), total)


@settings(max_examples=400)
@given(_WORDING)
def test_parse_price_never_raises_or_goes_negative(text):
    result = parse_price(text)
    for field in ("price_usd", "member_price_usd"):
        assert result.get(field) is None or 0 <= result[field] < math.inf
    if result.get("price_usd") is not None:
        assert result["is_free"] == (result["price_usd"] == 0)


@settings(max_examples=400)
@given(_WORDING, _ZONES)
def test_parse_when_never_raises_and_gives_aware_instants(text, zone):
    result = parse_when(text, zone)
    assert set(result) <= {"starts_at", "ends_at", "format"}
    for field in ("starts_at", "ends_at"):
        if field in result:
            assert datetime.fromisoformat(result[field]).tzinfo is not None
    if "starts_at" in result and "ends_at" in result:
        ends = datetime.fromisoformat(result["ends_at"])
        assert ends > datetime.fromisoformat(result["starts_at"])


@settings(max_examples=200)
@given(_WORDING)
def test_parse_format_answers_from_the_vocabulary(text):
    assert parse_format(text) in (*FORMATS, None)


_VALUES = st.one_of(
    st.none(), st.integers(), st.floats(), _WORDING, st.lists(st.text())
)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(
            ["credit_text", "price_text", "when_text", "timezone", "credits",
             "total_hours", "price_usd", "starts_at", "format", "approvals"]
        ),
        _VALUES,
    )
)  # fmt: skip
def test_normalize_record_never_raises_or_overwrites(record):
    before = dict(record)
    after = normalize_record(dict(record))
    for field, value in before.items():
        if field in _ZONE_FIELDS and isinstance(value, str):
            continue  # timezone made to agree with the instants: timetruth tests
        if value is not None:
            assert after[field] == value or (value != value)  # NaN is not equal


#: Fields catalog/normalize/timetruth.py may rewrite (tested there).
_ZONE_FIELDS = ("timezone", "starts_at", "ends_at")


def test_only_the_first_characters_of_a_wording_are_read():
    padding = "x" * MAX_CHARS
    assert parse_credits("1 hour " + padding)["total_hours"] == 1.0
    assert parse_credits(padding + " 1 hour")["credit_status"] == "unknown"
    assert parse_price(padding + " $25") == {}
