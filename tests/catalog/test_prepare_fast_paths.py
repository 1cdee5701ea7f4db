"""The quick paths of prepare() give exactly what the full rules give.

Each quick path (a record already clean, a plain URL, the zone-wording
guards) may only skip work whose result is known. These tests compare each
with the full rule it stands in front of: over every code point where a
claim is about characters, over hypothesis-built values made of the
characters at the edges of the rules, and over real and generated records
prepared once with the quick paths and once without them.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generate_records
from catalog import normalize, sanitize
from catalog.normalize import zones
from catalog.records import prepare
from tests.catalog.listings import make_listings

ROOT = Path(__file__).resolve().parents[2]
_NEVER = re.compile(r"(?!)")
_ALWAYS = re.compile("")


@contextmanager
def full_rules():
    """Every quick path off: prepare() takes the full rules only."""
    saved = {
        (sanitize, "_already_clean"): sanitize._already_clean,
        (sanitize, "_PLAIN_URL"): sanitize._PLAIN_URL,
        (zones, "_OFFSET_HINT"): zones._OFFSET_HINT,
        (zones, "_ZONE_WORD_HINT"): zones._ZONE_WORD_HINT,
        (zones, "_IANA_HINT"): zones._IANA_HINT,
        (zones, "_first_abbreviation"): zones._first_abbreviation,
    }
    sanitize._already_clean = lambda _record: False
    sanitize._PLAIN_URL = _NEVER
    zones._OFFSET_HINT = zones._ZONE_WORD_HINT = zones._IANA_HINT = _ALWAYS
    zones._first_abbreviation = zones._ABBREVIATION.search
    _clear_caches()
    try:
        yield
    finally:
        for (module, name), value in saved.items():
            setattr(module, name, value)
        _clear_caches()


def _clear_caches() -> None:
    """Wordings remembered under one set of paths must not answer for the other."""
    for cached in (normalize._credits_of, normalize._price_of, normalize._when_of):
        cached.cache_clear()


def _outcome(func, *args):
    """What a call gives: its value (a copy) and warnings, or what it raised
    (any exception: check_url and zone_in_text raise a few of their own on odd
    text, e.g. a lone surrogate, and the quick paths must raise the same)."""
    warnings: list[str] = []
    try:
        value = func(*args, warnings.append)
    except Exception as exc:
        return ("error", type(exc).__name__, str(exc))
    return ("value", json.dumps(value, sort_keys=False, default=repr), warnings)


# -- claims about characters, checked on every code point ----------------------


def test_every_unsafe_character_is_unprintable():
    unsafe = [c for c in range(0x110000) if sanitize._UNSAFE.match(chr(c))]
    assert len(unsafe) > 2000  # the surrogates alone are 2,048
    assert [hex(c) for c in unsafe if chr(c).isprintable()] == []
    assert " ".isprintable() and not sanitize._UNSAFE.match(" ")  # the joiner


def test_the_ascii_unsafe_bytes_are_the_ascii_characters_unsafe_matches():
    matched = bytes(c for c in range(128) if sanitize._UNSAFE.match(chr(c)))
    assert matched == sanitize._ASCII_UNSAFE


@pytest.mark.parametrize(
    "text", ["", "plain", "tab\there", "del\x7f", "nbsp\u00a0", "é", "\u202e", " "]
)
def test_all_safe_says_no_only_where_unsafe_finds_a_character_or_text_is_odd(text):
    safe = sanitize._all_safe(text)
    if safe:
        assert not sanitize._UNSAFE.search(text)
    if text.isascii():
        assert safe == (not sanitize._UNSAFE.search(text))


def test_other_cases_are_every_character_ignorecase_matches_to_a_letter():
    letters = re.compile("[a-z]", re.I)
    for code in range(0x110000):
        char = chr(code)
        if not letters.fullmatch(char):
            continue
        for letter in "abcdefghijklmnopqrstuvwxyz":
            if re.fullmatch(letter, char, re.I):
                assert char in zones._any_case({letter}), (hex(code), letter)


# -- values built from the characters at the edges -----------------------------

_EDGES = [
    "%", "%2F", "%zz", "@", ":", ":80", ":x", "[", "]", "[::1]", "/", "?", "#",
    " ", "\t", "\n", "\r", "\x00", "\x7f", "\x85", "\u00a0", "\u200b", "\u202e",
    "\u2066", "\u2028", "\ufeff", "\ufffe", "\ud800", "é", "ü", "日本", "\\",
    '"', "<", "{", "|", "^", "`", "~", "-", ".", "_", "'", "(", "*", "+", ",",
    ";", "=", "!", "$", "&", "a", "Z", "0", "9", "example", "org",
]  # fmt: skip
_PIECE = st.sampled_from(_EDGES) | st.text(max_size=2)
_TAIL = st.lists(_PIECE, max_size=8).map("".join)
_URL = st.one_of(
    st.builds(
        "{}{}{}{}".format,
        st.sampled_from(["http://", "https://", "HTTP://", "ftp://", "http:/", ""]),
        _TAIL,
        st.sampled_from(["", "/", "/path", "?q=1", "#top", ":8080/"]),
        _TAIL,
    ),
    st.text(max_size=30),
)


@settings(max_examples=1500)
@given(_URL)
def test_check_url_gives_what_the_full_rules_give(url):
    def full(value, _warn):
        return sanitize._check_url_full(value)

    def quick(value, _warn):
        return sanitize.check_url(value)

    assert _outcome(quick, url) == _outcome(full, url)


#: Text a listing has: most records are clean but for one field, or all clean.
_CLEAN = st.sampled_from(
    ["", "Ann Lee", "Legal Ethics", "nala:ethics-101", "2027-01-09T14:00:00-07:00"]
)
_TEXT = st.one_of(
    _CLEAN,
    _CLEAN,
    st.sampled_from([" Ann", "Ann ", "a  b", "\u00a0x", "x\u3000", "Ann\tLee"]),
    st.lists(_PIECE, max_size=10).map("".join),
    st.text(max_size=12),
    st.sampled_from(["x" * 199, "x" * 200, "x" * 201, "y" * 300, "y" * 301]),
)
_NUMBER = st.one_of(
    st.none(),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**7), max_value=10**7),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1000, 1000.0, 1000.5, 525_600, 525_601, 1e6, 1e6 + 1, -1]),
    st.text(max_size=3),
)
_LIST = st.one_of(
    st.lists(_TEXT, max_size=6),
    st.lists(_TEXT | st.integers(), max_size=6),
    st.lists(st.just("a"), min_size=50, max_size=52),
    st.text(max_size=3),
)
_CREDIT = st.one_of(
    st.fixed_dictionaries({"category": st.just("general"), "hours": _NUMBER}),
    st.integers(),
)
_FIELDS = {
    **dict.fromkeys(sanitize.REJECT_LIMITS, _TEXT | _NUMBER),
    **dict.fromkeys(sanitize.CUT_LIMITS, _TEXT | _NUMBER),
    "url": _URL,
    **dict.fromkeys(sanitize.LIST_FIELDS, _LIST),
    **dict.fromkeys(sanitize.NUMBER_LIMITS, _NUMBER),
    "credits": st.lists(_CREDIT, max_size=11) | st.none(),
}
_RECORD = st.fixed_dictionaries({}, optional=_FIELDS)


@settings(max_examples=1500)
@given(_RECORD)
def test_sanitize_record_gives_what_the_full_rules_give(record):
    quick = _outcome(sanitize.sanitize_record, dict(record))
    full = _outcome(sanitize._sanitize_full, dict(record))
    assert quick == full


def test_a_clean_record_gets_lists_of_its_own():
    record = {"id": "nala:a", "presenters": ["Ann Lee"], "approvals": ["nala-cp"]}
    cleaned = sanitize.sanitize_record(dict(record))
    assert sanitize._already_clean(record)
    assert cleaned["presenters"] == ["Ann Lee"]
    assert cleaned["presenters"] is not record["presenters"]


_WORDING = st.lists(
    st.sampled_from(
        ["MST", "EDT", "ET", "CT", "AKST", "HST", "Z", "GMT", "UTC", "UTC-5",
         "gmt+1", "utc+05:30", "GMT -7", "Eastern", "PACIFIC", "arizona",
         "Hawaıı", "Alaſka", "America/Chicago", "Europe/Paris", "Not/AZone",
         "XMST", "MSTX", "AKT", "EST.", "(CST)", "@", "1:00 pm", "-", "March",
         "September 22, 2027", " ", "\u00a0", "/", "İ", "\u212a"]
    ) | st.text(max_size=4),
    max_size=8,
).map(" ".join) | st.text(max_size=20)  # fmt: skip


@settings(max_examples=1500)
@given(_WORDING)
def test_zone_guards_find_every_match_of_the_patterns(text):
    def spans(match):
        return match and (match.span(), match.groups())

    assert spans(zones._first_abbreviation(text)) == spans(
        zones._ABBREVIATION.search(text)
    )
    if zones._OFFSET.search(text):
        assert zones._OFFSET_HINT.search(text)
    if zones._ZONE_WORD.search(text):
        assert zones._ZONE_WORD_HINT.search(text)
    if zones._IANA.search(text):
        assert zones._IANA_HINT.search(text)


@settings(max_examples=800)
@given(_WORDING, st.sampled_from(["America/Phoenix", "America/Chicago", "UTC"]))
def test_zone_in_text_gives_what_the_full_patterns_give(text, name):
    def read(value, _warn):
        return zones.zone_in_text(value, ZoneInfo(name), date(2027, 3, 14))

    quick = _outcome(read, text)
    with full_rules():
        full = _outcome(read, text)
    assert quick == full


# -- real and generated records -------------------------------------------------


def _fixture_records() -> list[dict]:
    """Every record the test fixtures hold: spider golden files, the wordings
    of the normalizer fixtures set in a record, and the catalog test listings."""
    found = []
    for path in sorted((ROOT / "tests" / "golden").glob("*.json")):
        found.extend(json.loads(path.read_text(encoding="utf-8")))
    field = {"credit": "credit_text", "price": "price_text", "date": "when_text"}
    field["format"] = "when_text"
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(filter(str.strip, lines)):
            row = json.loads(line)
            record = {
                "id": f"nala:{path.stem}-{number}",
                "provider": "nala",
                "title": "A listing",
                "url": "https://nala.example.org/events/x",
                field[row.get("kind") or row["field"]]: row["text"],
            }
            if row.get("timezone"):
                record["timezone"] = row["timezone"]
            found.append(record)
    return found + make_listings(200)


def _prepared(rows: list[dict]) -> list:
    return [_outcome(prepare, dict(row)) for row in rows]


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param(_fixture_records, id="fixtures"),
        pytest.param(lambda: list(generate_records(5000, seed=2026)), id="generated"),
    ],
)
def test_prepare_gives_what_the_full_rules_give(rows):
    rows = rows()
    assert len(rows) > 300
    _clear_caches()
    quick = _prepared(rows)
    with full_rules():
        full = _prepared(rows)
    assert quick == full
    assert any(kind == "value" for kind, *_ in quick)


def test_records_own_what_they_take_from_a_remembered_wording():
    base = {"provider": "nala", "title": "T", "url": "https://nala.example.org/a"}
    text = {"credit_text": "1.5 hours, including 0.5 hour ethics; approved by NALA"}
    first = prepare({**base, **text, "id": "nala:a"})
    first["credits"][0]["hours"] = 99
    first["approvals"].append("changed")
    second = prepare({**base, **text, "id": "nala:b"})
    assert first["credits"] != second["credits"]
    assert second["total_hours"] == sum(c["hours"] for c in second["credits"])
    assert "changed" not in second["approvals"]
