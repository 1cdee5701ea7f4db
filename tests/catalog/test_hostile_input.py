"""Hostile and broken input (issue 14): the record boundary and one-line errors.

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
    PROFILE,
    ROOT,
    SAMPLE,
    as_nobody,
    build_sample_catalog,
    one_line_error,
    read_only_dir,
    run,
    shared_dir,
    stored_rows,
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


# -- output folders, dates, locks, databases, profiles -----------------------


def test_export_into_a_missing_folder_is_one_line(tmp_path):
    db = build_sample_catalog(tmp_path / "catalog.db")
    target = tmp_path / "missing" / "out.jsonl"
    line = one_line_error(run("export", "-o", target, "--db", db))
    assert line == (
        f"Error: -o: folder {target.parent} does not exist; create it or pick another"
    )


@pytest.mark.parametrize(
    "command",
    [["export"], ["report", "--profile", PROFILE], ["report", "--profile", PROFILE,
     "--format", "xlsx"]],
)  # fmt: skip
def test_output_that_is_a_folder_is_one_line(tmp_path, command):
    db = build_sample_catalog(tmp_path / "catalog.db")
    args = [*command, "-o", tmp_path]
    line = one_line_error(run(*args, *(["--db", db] if command == ["export"] else [])))
    assert line == f"Error: -o: {tmp_path} is a folder; give a file name in it"


@pytest.mark.parametrize("fmt", ["md", "csv", "xlsx"])
def test_report_into_a_missing_folder_is_one_line(tmp_path, fmt):
    target = tmp_path / "missing" / f"report.{fmt}"
    result = run("report", "--profile", PROFILE, "--format", fmt, "-o", target)
    assert "does not exist; create it or pick another" in one_line_error(result)


def test_export_and_report_into_a_read_only_folder_are_one_line():
    with shared_dir() as folder:
        db = build_sample_catalog(folder / "catalog.db")
        locked = read_only_dir(folder)
        with as_nobody():
            export = run("export", "-o", locked / "out.csv", "--db", db)
            report = run("report", "--profile", PROFILE, "-o", locked / "r.xlsx",
                         "--format", "xlsx")  # fmt: skip
        assert one_line_error(export) == (
            f"Error: -o: cannot write {locked / 'out.csv'} (permission denied)"
        )
        assert "cannot write" in one_line_error(report)
        assert list(locked.iterdir()) == []


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
@pytest.mark.parametrize(
    "command",
    [
        ["status", "--profile", PROFILE, "--as-of"],
        ["report", "--profile", PROFILE, "--as-of"],
        ["recommend", "--profile", PROFILE, "--as-of"],
        ["plan", "--profile", PROFILE, "--as-of"],
        ["recommend", "--profile", PROFILE, "--before"],
        ["load", "--run-date"],
        ["log", "nala:x", "--profile", PROFILE, "--date"],
    ],
)
def test_out_of_range_dates_are_one_line(day, command):
    option = command[-1]
    line = one_line_error(run(*command, day))
    assert line == (f"Error: {option}: {day} is out of range (1900-01-01..2100-12-31)")


def test_lock_file_in_a_read_only_folder_is_one_line_for_load_and_refresh():
    with shared_dir() as folder:
        db = build_sample_catalog(folder / "catalog.db")
        before = stored_rows(db)
        folder.chmod(0o555)
        with as_nobody():
            load = run("load", "--db", db, "--feeds", folder / "feeds")
            refresh = run("refresh", "--offline", "--db", db)
        folder.chmod(0o777)
        expected = f"Error: cannot open the lock file {db}.lock (Permission denied)"
        assert one_line_error(load).startswith(expected)
        # refresh first says it crawls the bundled pages, then stops at the lock
        assert refresh.exit_code == 1 and "Traceback" not in refresh.output
        assert refresh.output.strip().splitlines()[-1].startswith(expected)
        assert stored_rows(db) == before


def test_database_that_cannot_be_opened_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    line = one_line_error(run("import", SAMPLE, "--db", blocker / "catalog.db"))
    assert line.startswith(f"Error: cannot open the catalog {blocker / 'catalog.db'}")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not SQLite" * 100)
    line = one_line_error(run("import", SAMPLE, "--db", garbage))
    assert line.startswith(f"Error: {garbage} is not a usable catalog database")


def test_database_in_a_read_only_folder_is_one_line_for_import():
    with shared_dir() as folder:
        locked = read_only_dir(folder)
        with as_nobody():
            result = run("import", SAMPLE, "--db", locked / "catalog.db")
        assert "Error: " in one_line_error(result)
        assert list(locked.iterdir()) == []


def test_read_only_catalog_keeps_its_rows_when_import_cannot_write():
    with shared_dir() as folder:
        db = build_sample_catalog(folder / "catalog.db")
        before = stored_rows(db)
        changed = folder / "changed.jsonl"
        changed.write_text(json.dumps({**BASE, "id": "nala:new"}) + "\n", "utf-8")
        for path in folder.glob("catalog.db*"):
            path.chmod(0o444)
        folder.chmod(0o555)
        with as_nobody():
            result = run("import", changed, "--db", db)
        folder.chmod(0o777)
        assert "Error: " in one_line_error(result)
        assert stored_rows(db) == before


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "Error: no profile at {path}; check the --profile path"),
        ("folder", "Error: --profile {path} is a folder; give the profile's .toml"),
        (
            b'name = "Jos\xe9"\n',
            "Error: {path} is not UTF-8 text (byte 0xE9 at offset 11)",
        ),
        (b"name = \n[[credentials]\n", "Error: profile.toml: not valid TOML"),
    ],
)
@pytest.mark.parametrize("command", ["status", "report", "recommend", "plan"])
def test_profiles_that_cannot_be_read_are_one_line(
    tmp_path, content, expected, command
):
    path = tmp_path / "profile.toml"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    line = one_line_error(run(command, "--profile", path))
    assert line.startswith(expected.format(path=path)), line


def test_unreadable_profile_is_one_line():
    with shared_dir() as folder:
        path = folder / "profile.toml"
        path.write_text(PROFILE.read_text("utf-8"), "utf-8")
        path.chmod(0o000)
        with as_nobody():
            line = one_line_error(run("status", "--profile", path))
        assert line == f"Error: cannot read profile {path} (Permission denied)"


def test_sample_rows_survive_every_rejected_file(tmp_path):
    db = build_sample_catalog(tmp_path / "catalog.db")
    before = stored_rows(db)
    for name, data in [
        ("a.jsonl", b"\xff\xfe\x00garbage"),
        ("b.csv", b"id,link\nx,y\n"),
        ("c.jsonl", b"\x00\x01\x02"),
    ]:
        (tmp_path / name).write_bytes(data)
        assert run("import", tmp_path / name, "--db", db).exit_code == 1
    assert stored_rows(db) == before
    assert before[0] == len([ln for ln in SAMPLE.read_text("utf-8").splitlines() if ln])


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["import", SAMPLE],
        ["load"],
        ["recommend", "--profile", PROFILE],
        ["log", "nala:x", "--profile", PROFILE],
    ],
)
def test_database_path_that_is_a_folder_is_one_line(tmp_path, command):
    line = one_line_error(run(*command, "--db", tmp_path))
    assert line == f"Error: --db {tmp_path} is a folder; give the catalog's .db file"


@pytest.mark.parametrize("kind", ["garbage", "empty", "other"])
@pytest.mark.parametrize(
    "command",
    [["log", "nala:x", "--profile", PROFILE], ["recommend", "--profile", PROFILE]],
)
def test_reading_a_file_that_is_no_catalog_is_one_line(tmp_path, kind, command):
    import sqlite3

    path = tmp_path / f"{kind}.db"
    if kind == "garbage":
        path.write_bytes(b"not SQLite at all " * 50)
    elif kind == "empty":
        path.write_bytes(b"")
    else:
        sqlite3.connect(path).execute("create table notes (text)").connection.close()
    line = one_line_error(run(*command, "--db", path))
    assert line.startswith(f"Error: {path} is not a"), line


def test_import_of_a_missing_file_or_a_folder_is_one_line(tmp_path):
    missing = tmp_path / "nope.jsonl"
    line = one_line_error(run("import", missing, "--db", tmp_path / "c.db"))
    assert line == f"Error: no file {missing}; check the path"
    line = one_line_error(run("import", tmp_path, "--db", tmp_path / "c.db"))
    assert line == f"Error: {tmp_path} is a folder; give a .jsonl or .csv file in it"


def test_unreadable_import_file_is_one_line():
    with shared_dir() as folder:
        source = folder / "secret.jsonl"
        source.write_text(json.dumps(BASE) + "\n", "utf-8")
        source.chmod(0o000)
        with as_nobody():
            line = one_line_error(run("import", source, "--db", folder / "c.db"))
        assert line == f"Error: cannot read {source} (Permission denied)"
