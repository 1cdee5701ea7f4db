"""A file loaded in chunks stores and reports what one whole write would."""

from __future__ import annotations

import json

import pytest

import catalog.interchange_file
import catalog.load
import catalog.store
import catalog.store_bulk
from catalog.db import open_db
from catalog.load import decode_text, load_records, read_records
from catalog.records import read_jsonl
from tests.catalog.listings import make_listings
from tests.catalog.test_store_bulk import contents


def write_lines(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def load(path, source, seen_on="2026-11-27"):
    db = open_db(path)
    report = load_records(db, read_records(source), seen_on=seen_on)
    db.close()
    return report


@pytest.fixture
def listings_with_repeats():
    listings = make_listings(60)
    # Three ids seen again further down the file, with another title: the
    # last line wins, and each id is counted once.
    again = [
        {**listings[i], "title": listings[i]["title"] + " (rev)"} for i in (1, 2, 3)
    ]
    return listings + again


def test_chunks_store_what_one_write_stores(
    tmp_path, monkeypatch, listings_with_repeats
):
    source = tmp_path / "courses.jsonl"
    write_lines(source, listings_with_repeats)
    whole = load(tmp_path / "whole.db", source)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 7)
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    rebuilds = []
    real = catalog.store_bulk.restore_indexes
    monkeypatch.setattr(
        catalog.store_bulk,
        "restore_indexes",
        lambda *args: rebuilds.append(1) or real(*args),
    )
    chunked = load(tmp_path / "chunked.db", source)
    assert len(rebuilds) == 1  # one index rebuild for the whole file
    assert contents(tmp_path / "chunked.db") == contents(tmp_path / "whole.db")
    assert sorted(chunked.stored.new) == sorted(whole.stored.new)
    assert len(chunked.stored.new) == 60 and chunked.stored.stored == 60
    titles = {
        row["id"]: row["title"]
        for row in open_db(tmp_path / "chunked.db").query(
            "select id, title from courses"
        )
    }
    assert titles[listings_with_repeats[1]["id"]].endswith("(rev)")


def test_a_bulk_load_checkpoints_aside_and_a_failed_one_as_usual(tmp_path, monkeypatch):
    """The bulk path commits without the automatic checkpoint and copies the
    log in a thread; when the load fails after turning it off, the connection
    checkpoints as before and nothing is stored."""
    source = tmp_path / "courses.jsonl"
    write_lines(source, make_listings(40))
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    db = open_db(tmp_path / "catalog.db")
    report = load_records(db, read_records(source))
    report.checkpoint.join()
    assert db.execute("pragma wal_autocheckpoint").fetchone()[0] == 1000
    db.close()
    real_finish = catalog.store_bulk.BulkWrite.finish

    def finish_then_fail(self):
        real_finish(self)
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(catalog.store_bulk.BulkWrite, "finish", finish_then_fail)
    failed = open_db(tmp_path / "failed.db")
    with pytest.raises(OSError):
        load_records(failed, read_records(source))
    assert failed.execute("pragma wal_autocheckpoint").fetchone()[0] == 1000
    assert failed.execute("select count(*) from courses").fetchone()[0] == 0
    failed.close()


def test_unchanged_night_in_chunks_takes_no_bulk_path(tmp_path, monkeypatch):
    source = tmp_path / "courses.jsonl"
    write_lines(source, make_listings(40))
    load(tmp_path / "catalog.db", source)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 7)
    monkeypatch.setattr(catalog.store, "BULK_MIN_NEW", 10)
    dropped = []
    real = catalog.store_bulk._drop_indexes
    monkeypatch.setattr(
        catalog.store_bulk,
        "_drop_indexes",
        lambda *args: dropped.append(1) or real(*args),
    )
    again = load(tmp_path / "catalog.db", source, seen_on="2026-11-28")
    assert dropped == []
    assert len(again.stored.unchanged) == 40 and again.stored.stored == 40


def test_a_changed_repeat_counts_as_changed_once(tmp_path, monkeypatch):
    listings = make_listings(20)
    source = tmp_path / "courses.jsonl"
    write_lines(source, listings)
    load(tmp_path / "catalog.db", source)
    monkeypatch.setattr(catalog.load, "CHUNK_RECORDS", 5)
    edited = {**listings[0], "title": "Something else entirely"}
    write_lines(source, [*listings, edited])
    again = load(tmp_path / "catalog.db", source, seen_on="2026-11-28")
    assert again.stored.changed == [listings[0]["id"]]
    assert len(again.stored.unchanged) == 19 and again.stored.stored == 20


@pytest.mark.parametrize(
    "text",
    [
        '{"a": 1}\n\n{"b": 2}\r\n{"c"\x0c: 3}\n\x0c\n{"d": 4}\u2028{"e": 5}\n',
        "\ufeff" + '{"a": 1}\n' * 40 + "no newline at the end",
        '\n\n{"a": "\u00e9\u4e2d"}\r{"b": 1}\n' * 30,
    ],
)
def test_streamed_lines_are_numbered_as_the_whole_text_splits(
    tmp_path, monkeypatch, text
):
    # Many blocks, each cut mid-line.
    monkeypatch.setattr(catalog.interchange_file, "_BLOCK", 16)
    source = tmp_path / "courses.jsonl"
    source.write_bytes(text.encode("utf-8"))
    expected = [
        (n, item if isinstance(item, dict) else str(item))
        for n, item in read_jsonl(text.removeprefix("\ufeff").splitlines())
    ]
    got = [
        (n, item if isinstance(item, dict) else str(item))
        for n, item in read_records(source)
    ]
    assert got == expected


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3(", b"\x00"])
def test_a_bad_byte_far_into_the_file_gives_the_whole_file_message(
    tmp_path, monkeypatch, bad
):
    monkeypatch.setattr(catalog.interchange_file, "_BLOCK", 64)
    source = tmp_path / "courses.jsonl"
    source.write_bytes(
        b'{"a": "\xc3\xa9"}\n' * 50 + b'{"b": "' + bad + b'"}\n' + b"{}\n"
    )
    with pytest.raises(catalog.load.UnreadableFile) as whole:
        decode_text(source)
    with pytest.raises(catalog.load.UnreadableFile) as streamed:
        read_records(source)
    assert str(streamed.value) == str(whole.value)
