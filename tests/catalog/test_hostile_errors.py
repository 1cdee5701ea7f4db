"""Broken input paths (issue 14): output folders, dates, locks, databases, profiles.

Each case runs the real ``cle`` commands and asserts the one line it prints and
its exit status, and that nothing already stored was lost.
"""

from __future__ import annotations

import json

import pytest

from tests.catalog.hostile import (
    PROFILE,
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
