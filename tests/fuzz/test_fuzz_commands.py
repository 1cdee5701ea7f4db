"""Fuzz the real commands (issue 14): hostile files in, one line out, nothing lost.

Hypothesis writes interchange files (JSON lines and CSV, in any encoding or
none) and profile files, and runs them through the real ``cle`` group. Every
run must end without a traceback, with exit status 0 or 1, and leave the
sample listings already stored exactly as they were (count and checksum);
whatever was stored carries no control character. Bounded for CI: derandomized,
a few dozen examples per test (about a minute in all).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.schema import RECORD_FIELDS
from tests.catalog.hostile import (
    PROFILE,
    SAMPLE,
    build_sample_catalog,
    run,
    stored_rows,
)

FUZZ = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SAMPLE_IDS = [
    json.loads(ln)["id"] for ln in SAMPLE.read_text("utf-8").splitlines() if ln
]
SAMPLE_ROWS = "id in ({})".format(", ".join(f"'{i}'" for i in SAMPLE_IDS))

NASTY = [
    "\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\u202e", "\u2066", "\ufffe", "\ud800",
    "]]>", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "@SUM(A1)", "+1", "-1",
    '"', "'", ",", ";", "\r\n", "\n", "\t", "NEAR(", "AND", "*", "%zz", "é", "\u0000",
    "ethics=1.0;general=0.5", "none", "nan", "inf", "-0", "1e400", "9" * 40,
]  # fmt: skip
URLS = [
    "https://www.nala.org/x", "http://[::1]:8080/a", "https://a.org/\"q\"",
    "https://a.org/<b>", "https:///x", "javascript:alert(1)", "https://u:p@a.org/",
    "ftp://a.org/", "https://a.org:99999/", "https://a.org/caf\u00e9", "",
]  # fmt: skip

any_char = st.characters(blacklist_categories=())  # surrogates and controls too
hostile_text = st.one_of(
    st.text(any_char, max_size=30),
    st.lists(st.sampled_from(NASTY), max_size=6).map("".join),
    st.builds(lambda a, b: a * b, st.sampled_from(NASTY + ["x"]),
              st.sampled_from([1, 300, 25_000])),
)  # fmt: skip
any_value = st.one_of(
    hostile_text,
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.lists(hostile_text, max_size=4),
    st.lists(
        st.fixed_dictionaries(
            {"category": st.sampled_from(["ethics", "general", "x"]),
             "hours": st.one_of(st.floats(allow_nan=True), st.integers())}
        ),
        max_size=3,
    ),
)  # fmt: skip


TEXT_FIELDS = ["title", "description", "location", "credit_text", "price_text",
               "when_text"]  # fmt: skip
LIST_FIELDS = ["approvals", "practice_areas", "presenters"]


@st.composite
def records(draw) -> dict:
    """A valid record with some fields made hostile (most stay storable)."""
    key = draw(st.integers(0, 5))
    record = {
        "id": f"fuzz:k{key}",
        "provider": "fuzz",
        "title": "Fuzzed course",
        "url": f"https://fuzz.example.org/{key}",
    }
    for field in draw(st.lists(st.sampled_from(TEXT_FIELDS), max_size=4)):
        record[field] = draw(hostile_text)
    for field in draw(st.lists(st.sampled_from(LIST_FIELDS), max_size=2)):
        record[field] = draw(st.lists(hostile_text, max_size=60))
    if draw(st.booleans()):
        record["url"] = draw(st.one_of(st.sampled_from(URLS), hostile_text))
    for field in draw(st.lists(st.sampled_from([*RECORD_FIELDS, "bogus"]), max_size=2)):
        record[field] = draw(any_value)
    return record


def encode(text: str, encoding: str) -> bytes:
    """The file's bytes in ``encoding`` (``binary``: random junk instead)."""
    if encoding == "latin-1":
        return text.encode("latin-1", "replace")
    return text.encode(encoding, "surrogatepass")


encodings = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"])


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    """The sample catalog, built once and copied for each example."""
    return build_sample_catalog(tmp_path_factory.mktemp("fuzz") / "catalog.db")


def copy_catalog(source: Path, target: Path) -> None:
    """Copy a catalog with SQLite's backup API (its WAL may hold the latest pages)."""
    with (
        closing(sqlite3.connect(source)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def import_and_check(sample_db: Path, name: str, data: bytes) -> None:
    """``cle import`` the bytes into a copy of the sample; check the invariants."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "catalog.db"
        copy_catalog(sample_db, db)
        before = stored_rows(db, SAMPLE_ROWS)
        source = Path(folder) / name
        source.write_bytes(data)
        result = run("import", source, "--db", db)
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.exception
        )
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        assert stored_rows(db, SAMPLE_ROWS) == before
        exported = run("export", "--db", db)
        assert exported.exit_code == 0, exported.output
        for line in exported.stdout.splitlines():
            assert_clean(json.loads(line))


def assert_clean(record: dict) -> None:
    """No stored text carries a character the boundary removes."""
    for field, value in record.items():
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str):
                continue
            allowed = (
                "\t\n" if field == "description" or field.endswith("_text") else ""
            )
            bad = [c for c in text if (ord(c) < 32 and c not in allowed)
                   or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) <= 0xDFFF]  # fmt: skip
            assert not bad, (field, text[:80])


@FUZZ
@given(
    lines=st.lists(st.one_of(records().map(json.dumps), hostile_text), max_size=6),
    encoding=encodings,
    ascii_only=st.booleans(),
)
def test_fuzzed_jsonl_import(sample_db, lines, encoding, ascii_only):
    if not ascii_only:
        lines = [ln.encode().decode("unicode_escape", "ignore") if "\\u" in ln else ln
                 for ln in lines]  # fmt: skip
    text = "\n".join(ln.replace("\n", " ") for ln in lines) + "\n"
    import_and_check(sample_db, "fuzz.jsonl", encode(text, encoding))


@FUZZ
@given(
    header=st.lists(st.sampled_from([*RECORD_FIELDS, "bogus"]), min_size=1,
                    max_size=10, unique=True),
    rows=st.lists(st.lists(hostile_text, max_size=11), max_size=5),
    encoding=encodings,
    raw=st.booleans(),
)  # fmt: skip
def test_fuzzed_csv_import(sample_db, header, rows, encoding, raw):
    if raw:  # not even CSV: cells glued with commas and quotes as they come
        text = ",".join(header) + "\n" + "\n".join(",".join(r) for r in rows)
    else:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
        text = out.getvalue()
    import_and_check(sample_db, "fuzz.csv", encode(text, encoding))


@FUZZ
@given(data=st.binary(max_size=200))
def test_fuzzed_binary_import(sample_db, data):
    import_and_check(sample_db, "fuzz.jsonl", data)


PROFILE_TEXT = PROFILE.read_text("utf-8")
toml_value = st.one_of(
    hostile_text.map(json.dumps),
    st.sampled_from(['"2026-02-30"', "1900-01-01", "0001-01-01", "9999-12-31",
                     "[1, 2]", "{ ethics = -1 }", "{ ethics = nan }", "{}", "true",
                     "inf", '"ca-bpc-6450"', '"nope"', "{ general = 1e400 }"]),
)  # fmt: skip
profile_keys = st.sampled_from(
    ["name", "practice_areas", "skill_gaps", "prefer_free", "memberships", "formats",
     "[[credentials]]\nid", "[[credentials]]\ncycle_ends",
     "[[completed]]\ntitle", "[[completed]]\ndate", "[[completed]]\ncredits",
     "[[completed]]\nformat", "bogus"]
)  # fmt: skip


@FUZZ
@given(
    edits=st.lists(st.tuples(profile_keys, toml_value), max_size=5),
    keep_base=st.booleans(),
    encoding=encodings,
    command=st.sampled_from(["status", "report"]),
)
def test_fuzzed_profiles(edits, keep_base, encoding, command):
    text = PROFILE_TEXT if keep_base else ""
    head = [f"{k} = {v}" for k, v in edits if "\n" not in k]
    tail = [f"\n{k} = {v}" for k, v in edits if "\n" in k]
    text = "\n".join(head) + "\n" + text + "\n".join(tail) + "\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "profile.toml"
        path.write_bytes(encode(text, encoding))
        args = [command, "--profile", path, "--as-of", "2026-11-27"]
        if command == "report":
            args += ["--format", "csv", "-o", Path(folder) / "r.csv"]
        result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
