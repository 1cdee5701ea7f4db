"""Hostile input (issue 14): the record boundary and the encodings of imported files.

Every case runs the real ``cle`` commands; each asserts the one line it must
print and the exit status, and that nothing already stored was lost.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys

import pytest

from catalog.sanitize import CUT_LIMITS, LIST_MAX_ITEMS, check_url, clean_text
from tests.catalog.hostile import (
    ROOT,
    one_line_error,
    run,
)

BASE = {
    "id": "nala:hostile",
    "provider": "nala",
    "title": "Hostile",
    "url": "https://www.nala.org/hostile",
}


def import_records(tmp_path, *records, name="in.jsonl"):
    """Import JSON lines through ``cle import``; return (result, db path)."""
    source = tmp_path / name
    source.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    db = tmp_path / "catalog.db"
    return run("import", source, "--db", db), db


def exported(db) -> dict[str, dict]:
    """The catalog as ``cle export`` writes it, by id."""
    result = run("export", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


# -- the record boundary -----------------------------------------------------


@pytest.mark.parametrize(
    "text, multiline, expected",
    [
        ("Ethics\x00 \x07for\x1b[31m AI", False, "Ethics for[31m AI"),
        ("A\u202eB\u2066C\u2069", False, "ABC"),  # bidi override / isolates
        ("tab\there\nand line", False, "tab here and line"),
        ("keep\ttab\r\nand\rlines\x85", True, "keep\ttab\nand\nlines"),
        ("C1\x9b and DEL\x7f", False, "C1 and DEL"),
        ("lone \ud800 surrogate \ufffe", False, "lone  surrogate"),
        ("plain — «ünïcode» text", False, "plain — «ünïcode» text"),
    ],
)
def test_clean_text_removes_control_characters_only(text, multiline, expected):
    assert clean_text(text, multiline=multiline) == expected


def test_import_stores_titles_and_descriptions_without_control_characters(tmp_path):
    record = {
        **BASE,
        "title": "Ethics\x07 \u202eevil\x1b",
        "description": "Line one\r\nLine\x00 two\x7f",
    }
    result, db = import_records(tmp_path, record)
    assert result.exit_code == 0, result.output
    stored = exported(db)["nala:hostile"]
    assert stored["title"] == "Ethics evil"
    assert stored["description"] == "Line one\nLine two"


def test_a_50_mb_description_is_cut_with_a_warning_naming_the_line(tmp_path):
    big = {**BASE, "description": "x" * 50_000_000}
    result, db = import_records(tmp_path, {**BASE, "id": "nala:first"}, big)
    assert result.exit_code == 0, result.output
    limit = CUT_LIMITS["description"]
    warning = f"in.jsonl:2: warning: field 'description' cut to {limit:,} characters"
    assert warning in result.stderr
    assert len(exported(db)["nala:hostile"]["description"]) == limit


def test_long_title_and_lists_are_cut_with_warnings(tmp_path):
    record = {
        **BASE,
        "title": "T" * 5000,
        "practice_areas": [f"area {n}" for n in range(500)],
        "presenters": ["P" * 1000],
    }
    result, db = import_records(tmp_path, record)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("in.jsonl:1: warning:") == 3
    stored = exported(db)["nala:hostile"]
    assert len(stored["title"]) == CUT_LIMITS["title"]
    assert len(stored["practice_areas"]) == LIST_MAX_ITEMS
    assert len(stored["presenters"][0]) == 200


def test_a_huge_csv_cell_is_cut_not_a_traceback(tmp_path):
    source = tmp_path / "big.csv"
    cell = "y" * 300_000  # over the csv module's default field limit (131072)
    source.write_text(
        "id,provider,title,url,description\n"
        f"nala:big,nala,Big,https://www.nala.org/big,{cell}\n",
        "utf-8",
    )
    result = run("import", source, "--db", tmp_path / "catalog.db")
    assert result.exit_code == 0, result.output
    assert "big.csv:2: warning: field 'description' cut" in result.stderr


@pytest.mark.parametrize(
    "url, reason",
    [
        ('https://www.nala.org/a"onmouseover="x', "character '\"'"),
        ("https://www.nala.org/<script>", "character '<'"),
        ("https://www.nala.org/a>b", "character '>'"),
        ("https://www.nala.org/a b", "character ' '"),
        ("https://www.nala.org/\x07", "control character U+0007"),
        ("https:///path-only", "with a host"),
        ("https://user:pw@www.nala.org/", "user name or password"),
        ("https://www.nala.org/%zz", "'%' not followed by two hex digits"),
        ("https://www.nala.org:99999/", "Port out of range"),
        ("javascript:alert(1)", "with a host"),
    ],
)
def test_bad_urls_are_rejected_with_their_line_number(tmp_path, url, reason):
    result, db = import_records(
        tmp_path, {**BASE, "id": "nala:ok"}, {**BASE, "url": url}
    )
    assert result.exit_code == 1
    rejected = [ln for ln in result.stderr.splitlines() if "rejected" in ln]
    assert len(rejected) == 1
    assert "/in.jsonl:2: rejected: field 'url':" in rejected[0]
    assert reason in rejected[0]
    assert set(exported(db)) == {"nala:ok"}


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nala.org/events?id=1&b=c#top",
        "http://[::1]:8080/x",
        "https://example.org/a%20b;c=d/(x)*",
    ],
)
def test_good_urls_are_kept_as_published(url):
    assert check_url(url) == url


def test_a_non_ascii_url_is_percent_encoded():
    assert check_url("https://www.nala.org/café?q=ü") == (
        "https://www.nala.org/caf%C3%A9?q=%C3%BC"
    )


@pytest.mark.parametrize(
    "field, value, reason",
    [
        ("id", "nala:bad\x01id", "control character U+0001"),
        ("id", "nala:" + "k" * 300, "at most 200"),
        ("duration_minutes", 10**30, "is not a number up to"),
        ("total_hours", float("nan"), "is not a number up to"),
        ("price_usd", float("inf"), "is not a number up to"),
    ],
)
def test_identifiers_and_numbers_that_cannot_be_stored_are_rejected(
    tmp_path, field, value, reason
):
    result, _ = import_records(tmp_path, {**BASE, field: value})
    assert result.exit_code == 1
    assert f"in.jsonl:1: rejected: field '{field}'" in result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.output


# -- file encodings ----------------------------------------------------------


def test_latin1_file_is_one_line_naming_the_byte(tmp_path):
    source = tmp_path / "latin.jsonl"
    line = json.dumps({**BASE, "title": "Café"}, ensure_ascii=False)
    source.write_bytes(line.encode("latin-1"))
    result = run("import", source, "--db", tmp_path / "catalog.db")
    offset = line.index("é")
    line = one_line_error(result)
    assert line == (
        f"Error: {source} is not UTF-8 text (byte 0xE9 at offset {offset}); "
        "save it as UTF-8"
    )
    assert not (tmp_path / "catalog.db").exists()  # nothing opened, nothing lost


def test_binary_file_is_one_line(tmp_path):
    source = tmp_path / "logo.csv"
    source.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    line = one_line_error(run("import", source, "--db", tmp_path / "c.db"))
    assert "is not UTF-8 text (byte 0x89 at offset 0)" in line


def test_utf16_without_bom_is_refused_by_name(tmp_path):
    source = tmp_path / "wide.jsonl"
    source.write_bytes(json.dumps(BASE).encode("utf-16-le"))
    line = one_line_error(run("import", source, "--db", tmp_path / "c.db"))
    assert "UTF-16 without a byte-order mark" in line


@pytest.mark.parametrize(
    "bom, encoding",
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (b"", "utf-8"),
    ],
)
def test_utf8_and_utf16_with_bom_are_read(tmp_path, bom, encoding):
    source = tmp_path / "courses.csv"
    text = "id,provider,title,url\nnala:wide,nala,Ünïcode café,https://nala.org/w\n"
    source.write_bytes(bom + text.encode(encoding))
    result = run("import", source, "--db", tmp_path / "catalog.db")
    assert result.exit_code == 0, result.output
    assert exported(tmp_path / "catalog.db")["nala:wide"]["title"] == "Ünïcode café"


def test_import_through_the_installed_entry_point_prints_one_line(tmp_path):
    source = tmp_path / "latin.csv"
    source.write_bytes("id,title\nnala:x,Caf\xe9\n".encode("latin-1"))
    done = subprocess.run(
        [sys.executable, "-m", "catalog", "import", str(source), "--db",
         str(tmp_path / "c.db")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: {source} is not UTF-8 text (byte 0xE9 at offset 19); save it as UTF-8"
    ]
